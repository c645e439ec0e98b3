//! Finds UIHook markup inside JavaScript and TypeScript sources and lints it
//! with the compiler, reporting every diagnostic at its position in the
//! original `.js`/`.ts` file.
//!
//! The pipeline, one module per step:
//!
//! | module | owns |
//! |---|---|
//! | [`js`] | parsing with oxc, finding `htm` tagged templates and markup strings, classifying each `${…}` |
//! | `decode` | the cooked text of a template chunk or string, with the raw source range of each piece |
//! | [`placeholder`] | rewriting a template into markup the compiler reads, with a placeholder per `${…}` |
//! | [`span_map`] | generated offsets back to source offsets |
//! | `semantics` | what htm and plain strings change: entities, printed `false`/`null`, unescaped values |
//! | [`rules`] | the codes only extraction raises |

mod decode;
pub mod js;
pub mod placeholder;
pub mod rules;
mod semantics;
pub mod span_map;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use oxc_span::SourceType;
use uihook_compiler::ast::{AttrValue, ExprValue, Node};
use uihook_compiler::diagnostic::Label;
use uihook_compiler::{parse, validate, Code, Diagnostic, Options, Severity, Span};

pub use rules::ExtractCode;

use crate::placeholder::{Position, Slot};

/// File extensions whose markup is extracted.
pub const EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "jsx", "ts", "tsx"];

/// True when `path` has one of the [`EXTENSIONS`].
pub fn is_script(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e))
}

/// How to extract and lint.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Tag names of htm templates (`htm` unless configured).
    pub tags: Vec<String>,
    /// What the validator accepts beyond the catalog; `fragment` is decided
    /// per template.
    pub options: Options,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            tags: vec!["htm".to_owned()],
            options: Options::default(),
        }
    }
}

/// Which rule found a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A markup rule of the compiler.
    Core(Code),
    /// A rule of extraction.
    Extract(ExtractCode),
}

impl Rule {
    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Core(c) => c.as_str(),
            Rule::Extract(c) => c.as_str(),
        }
    }
}

/// One problem, with spans into the JS/TS source.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// Its default severity.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The primary label first; spans are byte ranges of the source file.
    pub labels: Vec<Label<Span>>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Finding {
    /// The primary span.
    pub fn span(&self) -> &Span {
        &self.labels[0].span
    }

    fn from_compiler(d: Diagnostic<Span>) -> Finding {
        Finding {
            rule: Rule::Core(d.code),
            severity: d.severity,
            message: d.message,
            labels: d.labels,
            help: d.help,
        }
    }
}

/// The result of linting one source.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// How many templates were found and linted.
    pub templates: usize,
    /// Findings sorted by position.
    pub findings: Vec<Finding>,
}

/// The parser's settings for a file name: TypeScript for `.ts`/`.tsx`
/// (declarations for `.d.ts`), JSX for `.jsx`/`.tsx` and also for `.js`,
/// `.mjs` and `.cjs` (React projects write JSX there).
fn source_type(path: &Path) -> SourceType {
    match SourceType::from_path(path) {
        Ok(st) if st.is_typescript() => st,
        Ok(st) => st.with_jsx(true),
        Err(_) => SourceType::mjs().with_jsx(true),
    }
}

/// Extracts the markup of `source` (the text of the file at `path`) and lints it.
pub fn lint(source: &str, path: &Path, settings: &Settings) -> Report {
    let components = components(settings);
    let source_type = source_type(path);
    let mut extracted = js::extract(source, source_type, &settings.tags, &components);
    if !extracted.syntax_errors.is_empty() && source_type.is_javascript() {
        // A `.js` file may be a CommonJS script (a top-level `return`, `with`,
        // octal escapes) rather than a module: take that reading if it parses.
        let script = js::extract(
            source,
            SourceType::cjs().with_jsx(true),
            &settings.tags,
            &components,
        );
        if script.syntax_errors.is_empty() {
            extracted = script;
        }
    }
    let mut findings = Vec::new();
    for (message, span) in &extracted.syntax_errors {
        let code = ExtractCode::JsSyntaxError;
        findings.push(Finding {
            rule: Rule::Extract(code),
            severity: code.default_severity(),
            message: format!(
                "this file could not be parsed, so its markup was not checked: {message}"
            ),
            labels: vec![Label {
                span: span.clone(),
                message: "syntax error".to_owned(),
            }],
            help: Some("fix the syntax, or exclude the file in uihook.toml".to_owned()),
        });
    }
    for template in &extracted.templates {
        findings.extend(lint_template(template, settings));
    }
    // `// uihook-disable-next-line CODE` silences CODE (or everything) on
    // the next line, for findings that start there.
    let suppressed = Suppressed::new(&extracted.suppressions);
    findings.retain(|f| !suppressed.silences(f));
    findings.sort_by(|a, b| {
        (a.span().start, a.span().end, a.rule).cmp(&(b.span().start, b.span().end, b.rule))
    });
    Report {
        templates: extracted.templates.len(),
        findings,
    }
}

fn components(settings: &Settings) -> Vec<&str> {
    uihook_compiler::schema::COMPONENTS
        .iter()
        .map(|c| c.name)
        .chain(settings.options.extra_components.iter().map(String::as_str))
        .collect()
}

/// Lints one template; spans are mapped back to the source.
pub fn lint_template(template: &js::Template, settings: &Settings) -> Vec<Finding> {
    let built = placeholder::build(template);
    let parsed = parse(built.map.text());
    let mut document = parsed.document;
    let slots = SlotIndex {
        child: Slots::new(&built.slots, Position::Child),
        attr_value: Slots::new(&built.slots, Position::AttrValue),
    };
    patch(&mut document.nodes, &slots);
    let options = Options {
        fragment: built.fragment,
        ..settings.options.clone()
    };
    let validated = validate(&document, &options);
    let mut findings: Vec<Finding> = parsed
        .diagnostics
        .into_iter()
        .chain(validated)
        .map(|d| Finding::from_compiler(d.map_spans(|s| built.map.to_source(s))))
        .collect();
    findings.extend(semantics::check(template.style, &built));
    findings
}

/// The suppression comments of a source, indexed by the line they cover.
/// Each covers one whole line (see `js::suppressions`), so two of them cover
/// the same range or ranges that do not overlap.
struct Suppressed<'s> {
    /// Each line covered, sorted, with whether every code is silenced
    /// there and the codes that are.
    lines: Vec<(Range<usize>, bool, HashSet<&'s str>)>,
}

impl<'s> Suppressed<'s> {
    fn new(suppressions: &'s [(Range<usize>, Vec<String>)]) -> Suppressed<'s> {
        let mut by_line: HashMap<(usize, usize), (bool, HashSet<&'s str>)> = HashMap::new();
        for (line, codes) in suppressions {
            let entry = by_line.entry((line.start, line.end)).or_default();
            entry.0 |= codes.is_empty();
            entry.1.extend(codes.iter().map(String::as_str));
        }
        let mut lines: Vec<_> = by_line
            .into_iter()
            .map(|((start, end), (all, codes))| (start..end, all, codes))
            .collect();
        lines.sort_by_key(|(line, _, _)| (line.start, line.end));
        Suppressed { lines }
    }

    fn silences(&self, f: &Finding) -> bool {
        uihook_compiler::work::add(1);
        let start = f.span().start;
        let i = self
            .lines
            .partition_point(|(line, _, _)| line.start <= start);
        i.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .is_some_and(|(line, all, codes)| {
                line.contains(&start) && (*all || codes.contains(f.rule.as_str()))
            })
    }
}

/// The placeholders of one position, for finding those inside a span.
struct Slots {
    /// Generated ranges of the non-empty placeholders, sorted by start.
    ranges: Vec<Span>,
    /// `min_end[i]`: the smallest end among `ranges[i..]`.
    min_end: Vec<usize>,
}

impl Slots {
    fn new(slots: &[Slot], position: Position) -> Slots {
        let mut ranges: Vec<Span> = slots
            .iter()
            .filter(|s| s.position == position && !s.generated.is_empty())
            .map(|s| s.generated.clone())
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut min_end = vec![usize::MAX; ranges.len()];
        let mut smallest = usize::MAX;
        for (i, r) in ranges.iter().enumerate().rev() {
            smallest = smallest.min(r.end);
            min_end[i] = smallest;
        }
        Slots { ranges, min_end }
    }

    /// Whether a placeholder lies wholly inside `span`.
    fn inside(&self, span: &Span) -> bool {
        uihook_compiler::work::add(1);
        let i = self.ranges.partition_point(|r| r.start < span.start);
        self.min_end.get(i).is_some_and(|&end| end <= span.end)
    }
}

/// The placeholders by position, indexed once per template: an element may
/// have any number of attributes and a template any number of slots.
struct SlotIndex {
    child: Slots,
    attr_value: Slots,
}

/// Turns the placeholders the parser read into run-time values, so the
/// validator judges them as it judges `uihook!`'s `{expr}`.
fn patch(nodes: &mut [Node<'_, Span>], slots: &SlotIndex) {
    for node in nodes {
        match node {
            Node::Expr(expr) if slots.child.inside(&expr.span) => {
                *node = Node::Dynamic(expr.span.clone());
            }
            Node::Expr(expr) => {
                if let ExprValue::Element(e) = &mut expr.value {
                    patch_element(e, slots);
                }
            }
            Node::Element(e) => patch_element(e, slots),
            _ => {}
        }
    }
}

fn patch_element(e: &mut uihook_compiler::ast::Element<'_, Span>, slots: &SlotIndex) {
    for attr in &mut e.attrs {
        if let AttrValue::Element(inner) = &mut attr.value {
            patch_element(inner, slots);
            continue;
        }
        let Some(span) = attr.value.span().cloned() else {
            continue;
        };
        if slots.attr_value.inside(&span) {
            attr.value = AttrValue::Dynamic(span);
        }
    }
    patch(&mut e.children, slots);
}
