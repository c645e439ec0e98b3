//! `uihook probe URL`: check a live hook the way the dashboard talks to it.
//!
//! One `OPTIONS` request checks the CORS headers; then each payload (two
//! built-in ones, or `--payload FILE`s) is `POST`ed once per `--action`
//! (or with its own action), and every answer is checked for status, content
//! type, time-out and the "Internal Integration Error" page, and the body of
//! a 200 answer with an HTML (or no) content type is linted as markup. Each request becomes one report, named after its method
//! and payload, so every diagnostic says which payload produced it. The
//! number of requests is bounded by `--max-requests`.
//!
//! `--fuzz N` then sends N payloads with hostile user data (`probe/fuzz.rs`).

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use serde_json::{json, Value};
use uihook_compiler::{Diagnostic, RuleId, Span};

use crate::error::CliError;
use crate::lint::FileReport;
use crate::{ColorWhen, ReportArgs, Sink, Status};

mod fuzz;

/// Arguments of `uihook probe`.
#[derive(Args)]
pub struct ProbeArgs {
    /// The hook's URL (http or https).
    url: String,
    /// A JSON file with a payload to POST instead of the built-in ones (repeatable).
    #[arg(long = "payload", value_name = "FILE")]
    payloads: Vec<PathBuf>,
    /// Send each payload with this `action` (repeatable) instead of its own.
    #[arg(long = "action", value_name = "NAME")]
    actions: Vec<String>,
    /// Seconds to wait for each answer.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    /// The most requests to send, the OPTIONS request included.
    #[arg(long, default_value_t = 50, value_name = "N")]
    max_requests: usize,
    /// Configuration file (rule severities, extra components).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// After the normal probe, send N payloads with hostile user data and
    /// check that it comes back unchanged (shrinking counts against --max-requests).
    #[arg(long, value_name = "N")]
    fuzz: Option<usize>,
    /// The seed of --fuzz's hostile values: the same seed sends the same payloads.
    #[arg(long, default_value_t = 0, requires = "fuzz")]
    seed: u64,
    #[command(flatten)]
    report: ReportArgs,
}

/// The sentence the reference renderer's error page starts with.
pub const INTERNAL_ERROR: &str = "Internal Integration Error";

/// The payloads a dashboard sends: a first view, and a team/project view
/// with some client state and query parameters.
pub fn builtin_payloads() -> Vec<(String, Value)> {
    let user = json!({
        "id": "usr_probe", "username": "probe", "email": "probe@example.com",
        "name": null, "profiles": [],
    });
    vec![
        (
            "view".to_owned(),
            json!({
                "action": "view",
                "clientState": {},
                "slug": "uihook-probe",
                "integrationId": "oac_uihookprobe0000000000",
                "configurationId": "icfg_uihookprobe000000000",
                "teamId": null,
                "team": null,
                "user": user,
                "project": null,
                "projectId": null,
                "token": "uihook-probe-token",
                "installationUrl": "https://vercel.com/dashboard/integrations/icfg_uihookprobe000000000",
                "query": {},
            }),
        ),
        (
            "team-project".to_owned(),
            json!({
                "action": "view",
                "clientState": { "name": "probe", "enabled": true },
                "slug": "uihook-probe",
                "integrationId": "oac_uihookprobe0000000000",
                "configurationId": "icfg_uihookprobe000000000",
                "teamId": "team_uihookprobe",
                "team": { "id": "team_uihookprobe", "slug": "probe-team", "name": "Probe Team", "description": null },
                "user": user,
                "project": { "id": "prj_uihookprobe", "name": "probe-project" },
                "projectId": "prj_uihookprobe",
                "token": "uihook-probe-token",
                "installationUrl": "https://vercel.com/dashboard/integrations/icfg_uihookprobe000000000",
                "query": { "cfgId": "icfg_uihookprobe000000000" },
            }),
        ),
    ]
}

fn load_payloads(files: &[PathBuf]) -> Result<Vec<(String, Value)>, String> {
    if files.is_empty() {
        return Ok(builtin_payloads());
    }
    files
        .iter()
        .map(|path| {
            let text = crate::text::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut value: Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            let Some(object) = value.as_object_mut() else {
                return Err(format!(
                    "{}: a payload must be a JSON object",
                    path.display()
                ));
            };
            object.entry("action").or_insert_with(|| json!("view"));
            Ok((path.display().to_string(), value))
        })
        .collect()
}

fn is_loopback(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]")
}

/// The HTTP agent for `url` (also `uihook dev`'s): one global time-out,
/// statuses as answers, no proxy for loopback.
pub(crate) fn agent(url: &str, timeout: Duration) -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false);
    if is_loopback(url) {
        // A proxy from the environment must never see loopback traffic.
        config = config.proxy(None);
    }
    config.build().into()
}

/// POSTs `payload` to `url` as JSON with the headers the dashboard sent
/// (also `uihook dev`'s call to the hook).
pub(crate) fn post_payload(
    agent: &ureq::Agent,
    url: &str,
    payload: &Value,
) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
    let body = payload.to_string();
    agent
        .post(url)
        .header("Content-Type", "application/json")
        .header("Accept", "text/html, text/plain, */*")
        .send(body.as_bytes())
}

fn finding(code: RuleId, message: String, span: Span, label: &str) -> Diagnostic<Span> {
    Diagnostic::new(code, message, span, label)
}

/// A failed request: a time-out is a finding, anything else is trouble.
enum Failure {
    Timeout,
    Network(String),
}

fn classify(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Failure::Timeout,
        // The likeliest cause by far is a hook that is not running (yet).
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            Failure::Network(format!(
                "{io}: nothing listens there; start the hook first, or check the host and port"
            ))
        }
        other => Failure::Network(other.to_string()),
    }
}

fn header_list(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    let values: Vec<&str> = response
        .headers()
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// Checks the `OPTIONS` answer; its report's source is the header transcript.
fn check_cors(agent: &ureq::Agent, url: &str) -> Result<FileReport, String> {
    let mut findings = Vec::new();
    let mut transcript = String::new();
    match agent.options(url).call() {
        Ok(response) => {
            transcript.push_str(&format!("HTTP {}\n", response.status().as_u16()));
            let required: [(&str, &[&str]); 3] = [
                ("access-control-allow-origin", &["*"]),
                (
                    "access-control-allow-methods",
                    &["GET", "POST", "DELETE", "OPTIONS"],
                ),
                (
                    "access-control-allow-headers",
                    &["Authorization", "Accept", "Content-Type"],
                ),
            ];
            for (name, wanted) in required {
                let start = transcript.len();
                let Some(value) = header_list(&response, name) else {
                    findings.push((name, None, wanted.to_vec()));
                    continue;
                };
                transcript.push_str(&format!("{name}: {value}\n"));
                let have: Vec<String> = value
                    .split(',')
                    .map(|s| s.trim().to_ascii_lowercase())
                    .collect();
                let missing: Vec<&str> = wanted
                    .iter()
                    .copied()
                    .filter(|w| !have.iter().any(|h| h == &w.to_ascii_lowercase()))
                    .collect();
                if !missing.is_empty() {
                    findings.push((name, Some(start..transcript.len() - 1), missing));
                }
            }
        }
        Err(e) => match classify(e) {
            Failure::Timeout => {
                return Ok(FileReport {
                    name: "OPTIONS".to_owned(),
                    source: Default::default(),
                    diagnostics: vec![finding(
                        RuleId::ProbeTimeout,
                        "the OPTIONS request got no answer within the time-out".to_owned(),
                        0..0,
                        "no answer",
                    )],
                })
            }
            Failure::Network(e) => return Err(format!("OPTIONS {url}: {e}")),
        },
    }
    let end = transcript.len();
    let diagnostics = findings
        .into_iter()
        .map(|(name, span, missing)| {
            let (message, span, label) = match span {
                None => (
                    format!("the `OPTIONS` answer has no `{name}` header"),
                    end..end,
                    "missing header",
                ),
                Some(span) => (
                    format!("`{name}` lacks {}", missing.join(", ")),
                    span,
                    "incomplete",
                ),
            };
            let mut f = finding(RuleId::ProbeCors, message, span, label);
            f.help = Some(format!(
                "send `{name}: {}` on every response",
                missing.join(", ")
            ));
            f
        })
        .collect();
    Ok(FileReport {
        name: "OPTIONS".to_owned(),
        source: transcript.into(),
        diagnostics,
    })
}

fn post(
    agent: &ureq::Agent,
    url: &str,
    name: String,
    payload: &Value,
    config: Option<&std::path::Path>,
) -> Result<FileReport, String> {
    let mut response = match post_payload(agent, url, payload) {
        Ok(r) => r,
        Err(e) => {
            return match classify(e) {
                Failure::Timeout => Ok(FileReport {
                    name,
                    source: Default::default(),
                    diagnostics: vec![finding(
                        RuleId::ProbeTimeout,
                        "no answer within the time-out".to_owned(),
                        0..0,
                        "no answer",
                    )],
                }),
                Failure::Network(e) => Err(format!("POST {url}: {e}")),
            }
        }
    };
    let status = response.status().as_u16();
    let content_type = header_list(&response, "content-type");
    let bytes = match response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
    {
        Ok(bytes) => bytes,
        Err(e) => match classify(e) {
            Failure::Timeout => Vec::new(),
            Failure::Network(e) => return Err(format!("POST {url}: {e}")),
        },
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut http = Vec::new();
    if status != 200 {
        http.push(finding(
            RuleId::ProbeStatus,
            format!("the hook answered with status {status}; the dashboard shows only 200 answers"),
            0..0,
            "this body",
        ));
    }
    if let Some(ct) = &content_type {
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence != "text/html" && essence != "text/plain" {
            http.push(finding(
                RuleId::ProbeContentType,
                format!("the answer's content type is `{ct}`, not HTML"),
                0..0,
                "this body",
            ));
        }
    }
    // Only a 200 answer with markup is shown, so only that is linted as markup.
    let mut report = if http.is_empty() {
        crate::lint_text(&name, &text, config)?
    } else {
        FileReport {
            name,
            source: text.clone().into(),
            diagnostics: Vec::new(),
        }
    };
    if let Some(at) = text.find(INTERNAL_ERROR) {
        http.push(finding(
            RuleId::ProbeInternalError,
            "the hook answered with the \"Internal Integration Error\" page: its handler failed"
                .to_owned(),
            at..at + INTERNAL_ERROR.len(),
            "the handler threw or returned nothing",
        ));
    }
    // HTTP-level findings are configurable like any rule.
    let mut resolver = crate::config::Resolver::new(config).map_err(|e| e.to_string())?;
    let cfg = resolver
        .for_file(std::path::Path::new("probe.uihook"))
        .map_err(|e| e.to_string())?;
    report
        .diagnostics
        .extend(http.into_iter().filter_map(|d| cfg.settings.apply(d)));
    uihook_compiler::diagnostic::sort(&mut report.diagnostics);
    Ok(report)
}

/// Runs `uihook probe`.
pub fn run(args: ProbeArgs, color: ColorWhen) -> Result<Status, CliError> {
    let payloads = load_payloads(&args.payloads)?;
    let mut requests: Vec<(String, Value)> = Vec::new();
    for (name, payload) in &payloads {
        if args.actions.is_empty() {
            let action = payload
                .get("action")
                .and_then(Value::as_str)
                .unwrap_or("view");
            requests.push((format!("POST {name} (action={action})"), payload.clone()));
        }
        for action in &args.actions {
            let mut p = payload.clone();
            if let Some(object) = p.as_object_mut() {
                object.insert("action".to_owned(), json!(action));
            }
            requests.push((format!("POST {name} (action={action})"), p));
        }
    }
    let planned = requests.len() + 1 + args.fuzz.unwrap_or(0);
    if planned > args.max_requests {
        return Err(CliError::new(format_args!(
            "{planned} requests would exceed --max-requests {}",
            args.max_requests
        )));
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err("--timeout must be a positive number of seconds".into());
    }
    if let Some(path) = &args.config {
        crate::config::Config::load(path)?;
    }
    let mut sink = Sink::open(&args.report, color)?;
    let agent = agent(&args.url, Duration::from_secs_f64(args.timeout));
    let mut reports = Vec::new();
    let mut problems = Vec::new();
    match check_cors(&agent, &args.url) {
        Ok(r) => reports.push(r),
        Err(e) => problems.push(e),
    }
    // A hook that refuses connections refuses them all: stop early.
    if problems.is_empty() {
        let sent = requests.len() + 1;
        for (name, payload) in requests {
            match post(&agent, &args.url, name, &payload, args.config.as_deref()) {
                Ok(r) => reports.push(r),
                Err(e) => {
                    problems.push(e);
                    break;
                }
            }
        }
        if let (Some(count), true) = (args.fuzz, problems.is_empty()) {
            // The last payload (the built-in team/project view) has every
            // user-controlled field.
            let base = payloads.last().map(|(_, p)| p.clone()).unwrap_or_default();
            let fuzz = fuzz::Fuzz {
                agent: &agent,
                url: &args.url,
                base,
                actions: args.actions.clone(),
                config: args.config.as_deref(),
            };
            let mut budget = args.max_requests.saturating_sub(sent);
            match fuzz.run(count, args.seed, &mut budget) {
                Ok((r, problem)) => {
                    reports.extend(r);
                    problems.extend(problem);
                }
                Err(e) => problems.push(e),
            }
        }
    }
    let Some((errors, _)) = sink.finish(&reports, problems, "requests") else {
        return Ok(Status::Trouble);
    };
    Ok(if errors > 0 {
        Status::Findings
    } else {
        Status::Clean
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        assert!(is_loopback("http://127.0.0.1:8080/hook"));
        assert!(is_loopback("http://localhost/x"));
        assert!(is_loopback("http://[::1]:3000"));
        assert!(!is_loopback("https://example.com/127.0.0.1"));
        assert!(!is_loopback("https://127.0.0.1.example.com@evil.test/"));
    }

    #[test]
    fn builtin_payloads_carry_every_documented_field() {
        for (_, p) in builtin_payloads() {
            for field in [
                "action",
                "clientState",
                "slug",
                "configurationId",
                "integrationId",
                "team",
                "user",
                "project",
                "projectId",
                "token",
                "installationUrl",
                "query",
            ] {
                assert!(p.get(field).is_some(), "{field}");
            }
        }
    }
}
