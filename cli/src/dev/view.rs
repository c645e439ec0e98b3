//! What the page shows for one answer: the outcome (a view, or an error
//! that says clearly what went wrong), the markup rendered to HTML by the
//! compiler's `html` module, and the diagnostics with the offending lines.
//!
//! Diagnostics come from the same code as `uihook lint` (`crate::lint_text`:
//! parser, validator, suppressions, `uihook.toml`), so codes, severities and
//! messages are identical; only the presentation differs.
//!
//! The JSON the page reads (`assets/dev.js`) is the serialization of the
//! types here. Their fields are declared in alphabetical order, the order in
//! which the page has always received them (serde_json's maps are sorted).

use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use uihook_compiler::diagnostic::{floor_char_boundary, LineIndex};
use uihook_compiler::{analyze, Diagnostic, Severity, Span};

use super::hook::Outcome;
use super::platform::ApiCall;
use crate::probe::INTERNAL_ERROR;

/// How many characters of a long line are kept on each side of the marked
/// part (hooks often answer with one long line).
const CONTEXT_CHARS: usize = 60;

/// How many lines of a multi-line span are shown.
const SNIPPET_LINES: usize = 6;

/// How many characters of a non-markup body (an error answer) are shown.
const BODY_EXCERPT: usize = 4000;

/// Markup linted and rendered.
#[derive(Debug)]
pub struct Rendered {
    /// The view as HTML (`<div class="uh-view">…</div>`).
    pub html: String,
    /// Each finding for the panel.
    pub diagnostics: Vec<PanelDiagnostic>,
    /// How many findings are errors.
    pub errors: usize,
    /// How many findings are warnings.
    pub warnings: usize,
}

/// One finding for the panel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PanelDiagnostic {
    /// The rule, as `uihook lint` names it.
    pub code: &'static str,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// The help, if any.
    pub help: Option<String>,
    /// The primary label's message, if any.
    pub label: Option<String>,
    /// 1-based line of the start.
    pub line: usize,
    /// The lines the span covers.
    pub lines: Vec<SnippetLine>,
    /// The message.
    pub message: String,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
}

/// One line of a finding's snippet: the text before the span, the span's
/// part and the text after (long sides shortened).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SnippetLine {
    /// The text after the marked part.
    pub after: String,
    /// The text before the marked part.
    pub before: String,
    /// The 1-based line number; `null` for the `…` that ends a long span.
    pub line: Option<usize>,
    /// The part of the line the span covers.
    pub marked: String,
}

/// Lints `source` as `uihook lint` would and renders it to HTML, from one
/// analysis.
pub fn render(source: &str, config: Option<&Path>) -> Result<Rendered, String> {
    let config = crate::text_config(config)?;
    let analysis = analyze(source, &config.settings);
    let index = LineIndex::new(source);
    let diagnostics = analysis
        .diagnostics
        .iter()
        .map(|f| diagnostic(source, &index, f))
        .collect();
    let mut html = String::with_capacity(source.len() * 2);
    // The same options as the lint, so declared extra components are not
    // drawn as unknown.
    uihook_preview::render_fragment(&analysis.document, &config.settings.options, &mut html);
    Ok(Rendered {
        html,
        diagnostics,
        errors: analysis.count(Severity::Error),
        warnings: analysis.count(Severity::Warning),
    })
}

/// One finding for the panel: code, severity, message, help, position and
/// the lines it covers.
pub fn diagnostic(source: &str, index: &LineIndex, f: &Diagnostic<Span>) -> PanelDiagnostic {
    let span = f.span();
    let start = index.line_col(source, span.start);
    PanelDiagnostic {
        code: f.code.as_str(),
        severity: f.severity.as_str(),
        message: f.message.clone(),
        label: f.labels.first().map(|l| l.message.clone()),
        help: f.help.clone(),
        line: start.line,
        column: start.column,
        lines: snippet(source, index, span),
    }
}

/// The last `n` characters of `s`, with `…` when cut.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_owned();
    }
    let kept: String = s.chars().skip(count - n).collect();
    format!("…{kept}")
}

/// The first `n` characters of `s`, with `…` when cut.
fn head(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_owned();
    }
    let kept: String = s.chars().take(n).collect();
    format!("{kept}…")
}

/// The lines `span` covers, each split into the text before the span, the
/// span's part and the text after (long sides shortened), with line numbers.
pub fn snippet(source: &str, index: &LineIndex, span: &Span) -> Vec<SnippetLine> {
    let start = floor_char_boundary(source, span.start);
    let end = floor_char_boundary(source, span.end.max(start));
    let first_line = index.line_col(source, start).line;
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
    let mut out = Vec::new();
    let mut offset = line_start;
    for (i, line) in source[line_start..line_end].split('\n').enumerate() {
        if i == SNIPPET_LINES {
            out.push(SnippetLine {
                line: None,
                before: "…".to_owned(),
                marked: String::new(),
                after: String::new(),
            });
            break;
        }
        let line_end = offset + line.len();
        let from = start.clamp(offset, line_end) - offset;
        let to = end.clamp(offset, line_end) - offset;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (from, to) = (from.min(line.len()), to.min(line.len()));
        out.push(SnippetLine {
            line: Some(first_line + i),
            before: tail(&line[..from], CONTEXT_CHARS),
            marked: line[from..to].to_owned(),
            after: head(&line[to..], CONTEXT_CHARS),
        });
        offset = line_end + 1;
    }
    out
}

/// How one call (or one look at the watched file) ended, as the page's
/// `outcome`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Markup to show.
    Ok,
    /// The runtime's "Internal Integration Error" page (shown too).
    InternalError,
    /// Status 200 with an empty body.
    Empty,
    /// A status other than 200.
    Status,
    /// No connection.
    Connect,
    /// No answer within the time-out.
    Timeout,
    /// The answer broke off, or uihook dev failed.
    Broken,
    /// Over [`super::hook::BODY_LIMIT`]: the start is shown.
    Truncated,
    /// The lint configuration could not be read.
    Config,
    /// The watched file could not be read.
    File,
}

/// What went wrong, for the page's banner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What to check or do.
    pub detail: String,
    /// What happened, in one line.
    pub title: String,
}

impl Problem {
    /// A problem titled `title`.
    pub fn new(title: impl Into<String>, detail: impl Into<String>) -> Problem {
        Problem {
            title: title.into(),
            detail: detail.into(),
        }
    }
}

/// The page's view of one call: `outcome`, an `error` with a title and
/// detail for every outcome but `ok`, the status, size, content type and
/// markup, and, when the answer is markup to show, the rendered `html` and
/// its `diagnostics`. The server adds the request's `seq`, the `payload`
/// sent, the `platform` calls the hook made and, for `--watch`, the file's
/// `version`. Absent fields are left out, not `null`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// The body's size in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<usize>,
    /// The `Content-Type` the hook sent (`null` when it sent none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<Option<String>>,
    /// The findings, when the markup was linted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<PanelDiagnostic>>,
    /// What went wrong, for every outcome but `ok`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Problem>,
    /// How many findings are errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<usize>,
    /// The rendered view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// How the call ended.
    pub outcome: Kind,
    /// The payload sent to the hook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
    /// The platform API calls the hook made while answering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Vec<ApiCall>>,
    /// The request's number, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// The markup (or, for another status, the start of the body).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The HTTP status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// How long the call (or reading and rendering the file) took.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_ms: Option<f64>,
    /// The watched file's version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
    /// How many findings are warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warnings: Option<usize>,
}

impl Answer {
    /// An answer with `outcome` and nothing else.
    pub fn new(outcome: Kind) -> Answer {
        Answer {
            bytes: None,
            content_type: None,
            diagnostics: None,
            error: None,
            errors: None,
            html: None,
            outcome,
            payload: None,
            platform: None,
            seq: None,
            source: None,
            status: None,
            time_ms: None,
            version: None,
            warnings: None,
        }
    }

    /// An answer with `outcome` and the problem to show.
    pub fn failed(outcome: Kind, title: impl Into<String>, detail: impl Into<String>) -> Answer {
        Answer {
            error: Some(Problem::new(title, detail)),
            ..Answer::new(outcome)
        }
    }

    /// Renders `source` into the answer, or records why it could not be.
    pub fn render(&mut self, source: &str, config: Option<&Path>) {
        match render(source, config) {
            Ok(r) => {
                self.html = Some(r.html);
                self.diagnostics = Some(r.diagnostics);
                self.errors = Some(r.errors);
                self.warnings = Some(r.warnings);
            }
            Err(e) => {
                self.outcome = Kind::Config;
                self.error = Some(Problem::new("The lint configuration could not be read", e));
            }
        }
    }
}

/// The page's view of one call to the hook.
pub fn answer(
    outcome: &Outcome,
    elapsed: Duration,
    url: &str,
    timeout: Duration,
    config: Option<&Path>,
) -> Answer {
    let time_ms = Some(elapsed.as_secs_f64() * 1000.0);
    let failed = |kind, title: String, detail: String| Answer {
        time_ms,
        ..Answer::failed(kind, title, detail)
    };
    match outcome {
        Outcome::Connect(e) => failed(
            Kind::Connect,
            format!("Could not connect to the hook at {url}"),
            format!("{e}. Is the hook running? `uihook dev --run \"…\"` starts it for you."),
        ),
        Outcome::Timeout => failed(
            Kind::Timeout,
            format!("The hook did not answer within {} s", timeout.as_secs_f64()),
            "The dashboard gave up on slow hooks too; `--timeout SECONDS` changes the limit."
                .to_owned(),
        ),
        Outcome::Broken(e) => failed(
            Kind::Broken,
            "The hook's answer broke off".to_owned(),
            e.clone(),
        ),
        Outcome::Answered {
            status,
            content_type,
            body,
            bytes,
            truncated,
        } => {
            let answered = |outcome, source: String| Answer {
                status: Some(*status),
                bytes: Some(*bytes),
                content_type: Some(content_type.clone()),
                source: Some(source),
                time_ms,
                ..Answer::new(outcome)
            };
            if *status != 200 {
                return Answer {
                    error: Some(Problem::new(
                        format!("The hook answered with status {status}"),
                        "The dashboard showed only 200 answers; the body is below.",
                    )),
                    ..answered(Kind::Status, head(body, BODY_EXCERPT))
                };
            }
            if body.trim().is_empty() {
                return Answer {
                    error: Some(Problem::new(
                        "The hook answered 200 with an empty body",
                        "The dashboard would have shown nothing.",
                    )),
                    ..answered(Kind::Empty, body.clone())
                };
            }
            let mut out = if body.contains(INTERNAL_ERROR) {
                Answer {
                    error: Some(Problem::new(
                        "The hook answered with the \"Internal Integration Error\" page",
                        "Its handler failed; the hook's log has the error under the page's reference code.",
                    )),
                    ..answered(Kind::InternalError, body.clone())
                }
            } else if *truncated {
                Answer {
                    error: Some(Problem::new(
                        format!(
                            "The hook's answer is over {} bytes",
                            super::hook::BODY_LIMIT
                        ),
                        "Only the start was read and rendered.",
                    )),
                    ..answered(Kind::Truncated, body.clone())
                }
            } else {
                answered(Kind::Ok, body.clone())
            };
            out.render(body, config);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    fn lines(source: &str, span: Span) -> Value {
        serde_json::to_value(snippet(source, &LineIndex::new(source), &span)).expect("JSON")
    }

    #[test]
    fn snippet_marks_the_span_on_its_line() {
        let src = "<Page>\n  <Bogus/>\n</Page>";
        let at = src.find("<Bogus").expect("present");
        assert_eq!(
            lines(src, at..at + 6),
            json!([{ "line": 2, "before": "  ", "marked": "<Bogus", "after": "/>" }])
        );
    }

    #[test]
    fn snippet_shortens_long_lines_around_the_span() {
        let src = format!("{}<X/>{}", "a".repeat(100), "b".repeat(100));
        let v = lines(&src, 100..104);
        assert_eq!(v[0]["before"], format!("…{}", "a".repeat(60)));
        assert_eq!(v[0]["marked"], "<X/>");
        assert_eq!(v[0]["after"], format!("{}…", "b".repeat(60)));
    }

    #[test]
    fn snippet_covers_multi_line_spans_and_stops_after_six_lines() {
        let src = "a\nb\nc\nd\ne\nf\ng\nh";
        let v = lines(src, 2..src.len());
        let v = v.as_array().expect("array");
        assert_eq!(v.len(), 7);
        assert_eq!(v[0]["line"], 2);
        assert_eq!(v[0]["marked"], "b");
        assert_eq!(v[6]["before"], "…");
    }

    #[test]
    fn snippet_survives_out_of_range_and_mid_character_spans() {
        let src = "é<";
        assert_eq!(lines(src, 1..50)[0]["before"], "");
        assert_eq!(lines(src, 0..0)[0]["marked"], "");
        assert_eq!(lines("", 0..0)[0]["line"], 1);
    }

    fn status_of(outcome: &Outcome) -> Value {
        serde_json::to_value(answer(
            outcome,
            Duration::from_millis(5),
            "http://127.0.0.1:9/",
            Duration::from_secs(10),
            None,
        ))
        .expect("JSON")
    }

    fn answered(status: u16, body: &str) -> Outcome {
        Outcome::Answered {
            status,
            content_type: None,
            body: body.to_owned(),
            bytes: body.len(),
            truncated: false,
        }
    }

    #[test]
    fn failures_say_what_went_wrong_and_render_nothing() {
        let cases = [
            (
                Outcome::Connect("connection refused".into()),
                "connect",
                "Could not connect to the hook at http://127.0.0.1:9/",
            ),
            (
                Outcome::Timeout,
                "timeout",
                "The hook did not answer within 10 s",
            ),
            (
                answered(500, "boom"),
                "status",
                "The hook answered with status 500",
            ),
            (
                answered(200, "  \n"),
                "empty",
                "The hook answered 200 with an empty body",
            ),
        ];
        for (outcome, kind, title) in cases {
            let a = status_of(&outcome);
            assert_eq!(a["outcome"], kind);
            assert_eq!(a["error"]["title"], title);
            assert!(a.get("html").is_none(), "{kind} rendered a view");
        }
        assert_eq!(status_of(&answered(500, "boom"))["source"], "boom");
    }

    #[test]
    fn a_good_answer_is_rendered_without_diagnostics() {
        let a = status_of(&answered(200, "<Page><P>Counter: 3</P></Page>"));
        assert_eq!(a["outcome"], "ok");
        assert_eq!(a["errors"], 0);
        assert!(a["html"]
            .as_str()
            .is_some_and(|h| h.contains("Counter: 3") && h.contains("uh-view")));
    }

    #[test]
    fn the_internal_error_page_is_flagged_and_still_shown() {
        let page = "<Page><Box color=\"red\"><Box>Internal Integration Error</Box>\
                    <Box>Reference Code: abc</Box></Box></Page>";
        let a = status_of(&answered(200, page));
        assert_eq!(a["outcome"], "internal-error");
        assert!(a["html"]
            .as_str()
            .is_some_and(|h| h.contains("Reference Code: abc")));
    }

    #[test]
    fn declared_extra_components_are_neither_findings_nor_unknown_in_the_view() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let config = dir.path().join("uihook.toml");
        std::fs::write(&config, "extra-components = [\"Widget\"]\n").expect("written");
        let src = "<Page><Widget/><Bogus/></Page>";
        let with = render(src, Some(&config)).expect("renders");
        assert_eq!(with.errors, 1, "{:?}", with.diagnostics);
        assert_eq!(with.diagnostics[0].code, "unknown-component");
        assert!(with
            .html
            .contains("extra_components; the preview cannot draw it"));
        assert!(with.html.contains("`Bogus` is not a UIHook component"));
        assert!(!with.html.contains("`Widget` is not a UIHook component"));
        let without = render(src, None).expect("renders");
        assert_eq!(without.errors, 2, "{:?}", without.diagnostics);
        assert!(without.html.contains("`Widget` is not a UIHook component"));
    }

    #[test]
    fn bad_markup_has_the_linters_codes_and_messages() {
        let src = "<Page><Bogus/><Button actoin=\"x\">Go</Button></Page>";
        let a = status_of(&answered(200, src));
        let diagnostics = a["diagnostics"].as_array().expect("diagnostics");
        let report = crate::lint_text("response", src, None).expect("lints");
        assert_eq!(diagnostics.len(), report.diagnostics.len());
        for (d, f) in diagnostics.iter().zip(&report.diagnostics) {
            assert_eq!(d["code"], f.code.as_str());
            assert_eq!(d["message"], f.message.as_str());
        }
        let codes: Vec<&str> = diagnostics
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert_eq!(codes, ["unknown-component", "unknown-attribute"]);
        assert_eq!(diagnostics[0]["lines"][0]["marked"], "Bogus");
    }
}
