//! `uihook fuzz-renderer -- CMD ARGS…`: fuzz a renderer written in any
//! language through a line protocol (`docs/fuzz-renderer.md`).
//!
//! Each case is a template from the schema-driven generator whose free-text
//! positions are slots filled by the hostile value generator. For each case
//! the renderer's markup must lint with no error, parse into the template's
//! tree with every slot decoded to exactly its value, and be the same when
//! the case is sent twice. The first failing case of each kind of failure
//! is shrunk (smaller tree, then shorter values) and reported through the
//! normal output formats; later ones of the same kind are only counted, so
//! a renderer that fails every case costs no more than one that fails one.
//! Every loop is bounded: `--cases`, `--timeout` per answer, `--time-limit`
//! for the whole run and `--shrink-budget` renderings per finding.

mod process;
pub mod template;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use arbitrary::Unstructured;
use clap::Args;
use serde_json::json;
use uihook_compiler::diagnostic::floor_char_boundary;
use uihook_compiler::generate::{self, Limits};
use uihook_compiler::{analyze, hostile, Diagnostic, RuleId, Settings, Severity, Span};

use self::process::{Failure, Renderer};
use self::template::{compact, compare, removable, remove, sketch, used_slots, Case, Mismatch};
use crate::error::{CliError, IoContext};
use crate::lint::FileReport;
use crate::{ColorWhen, ReportArgs, Sink, Status};

/// Arguments of `uihook fuzz-renderer`.
#[derive(Args)]
pub struct FuzzRendererArgs {
    /// How many cases to generate.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    cases: u64,
    /// The seed: the same seed gives the same cases.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Seconds to wait for each answer; a renderer that takes longer is
    /// reported and restarted.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    /// Stop generating cases after this many seconds (what was found is reported).
    #[arg(long, value_name = "SECONDS")]
    time_limit: Option<f64>,
    /// Kinds of failure to shrink and report; later kinds are only counted.
    #[arg(long, default_value_t = 20, value_name = "N")]
    max_findings: usize,
    /// Renderings the shrinking of one finding may cost.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    shrink_budget: usize,
    /// Deepest element nesting of a generated template below `Page`.
    #[arg(long, default_value_t = 4, value_name = "N")]
    max_depth: usize,
    /// Write each shrunk failing case to DIR as replayable JSON.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Check the cases saved in these files (by `--out`) instead of generating.
    #[arg(long = "replay", value_name = "FILE")]
    replay: Vec<PathBuf>,
    /// Configuration file (rule severities, extra components) for linting the markup.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    report: ReportArgs,
    /// The renderer: a program and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "CMD")]
    command: Vec<String>,
}

/// Shrinking attempts for a renderer that times out: each costs `--timeout`.
const TIMEOUT_SHRINKS: usize = 8;

/// The kind of a failure: failing cases of one kind are one finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Failed(&'static str),
    Nondeterministic,
    Lint(RuleId),
    Value { attribute: bool },
    Tree,
}

impl Kind {
    fn describe(&self) -> String {
        match self {
            Kind::Failed(how) => format!("renderer {how}"),
            Kind::Nondeterministic => "nondeterministic".to_owned(),
            Kind::Lint(code) => format!("lint error {code}"),
            Kind::Value { attribute: true } => "attribute value changed".to_owned(),
            Kind::Value { attribute: false } => "text value changed".to_owned(),
            Kind::Tree => "tree mismatch".to_owned(),
        }
    }
}

/// What was wrong with one case.
struct Outcome {
    kind: Kind,
    markup: String,
    diagnostics: Vec<Diagnostic<Span>>,
}

struct Fuzzer {
    renderer: Renderer,
    settings: Settings,
    /// Set when the renderer could not be started again while shrinking.
    broken: Option<std::io::Error>,
    /// `--time-limit`: shrinking stops there too.
    deadline: Option<Instant>,
}

fn first_difference(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// The values as Rust writes them: invisible characters such as U+2028
/// are escaped, which JSON would leave raw.
fn quoted(values: &[String]) -> String {
    format!("{values:?}")
}

impl Fuzzer {
    /// Renders `case` (twice when `twice`) and checks the markup; `None`
    /// when everything holds.
    fn check(&mut self, case: &Case, twice: bool) -> std::io::Result<Option<Outcome>> {
        let failed = |f: Failure| {
            let message = match &f {
                Failure::Exited(how) => format!("the renderer exited without answering: {how}"),
                Failure::Timeout => "the renderer gave no answer within the time-out".to_owned(),
                Failure::Garbage(what) => format!("the renderer answered garbage: {what}"),
                Failure::Refused(why) => format!("the renderer refused the case: {why}"),
            };
            Some(Outcome {
                kind: Kind::Failed(f.kind()),
                markup: String::new(),
                diagnostics: vec![Diagnostic::new(
                    RuleId::RendererFailed,
                    message,
                    0..0,
                    "no markup",
                )],
            })
        };
        let markup = match self.renderer.render(case)? {
            Ok(markup) => markup,
            Err(f) => return Ok(failed(f)),
        };
        if twice {
            match self.renderer.render(case)? {
                Ok(again) if again != markup => {
                    let at = first_difference(&markup, &again);
                    let at_char = floor_char_boundary(&markup, at);
                    let shown: String =
                        again[at_char.min(again.len())..].chars().take(60).collect();
                    return Ok(Some(Outcome {
                        kind: Kind::Nondeterministic,
                        diagnostics: vec![Diagnostic::new(
                            RuleId::RendererNondeterministic,
                            format!(
                                "the same case rendered twice differs from byte {at}: the second time it continues {shown:?}"
                            ),
                            at_char..at_char,
                            "first difference",
                        )],
                        markup,
                    }));
                }
                Ok(_) => {}
                Err(f) => return Ok(failed(f)),
            }
        }
        let analysis = analyze(&markup, &self.settings);
        let errors: Vec<Diagnostic<Span>> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        // The kind is the first syntax error when there is one: what broke,
        // rather than what the recovered tree then lacks.
        let first = errors
            .iter()
            .find(|d| d.code.is_syntax())
            .or(errors.first());
        if let Some(first) = first {
            return Ok(Some(Outcome {
                kind: Kind::Lint(first.code),
                diagnostics: errors,
                markup,
            }));
        }
        let mismatch = compare(case, &analysis.document.tree());
        drop(analysis);
        Ok(mismatch.map(|m| {
            let (kind, diagnostic) = match m {
                Mismatch::Value {
                    slot,
                    attribute,
                    path,
                    got,
                } => {
                    let sent = case.values.get(slot).map_or("", String::as_str);
                    (
                        Kind::Value { attribute },
                        Diagnostic::new(
                            RuleId::HostileValueChanged,
                            format!(
                                "slot {slot} at `{path}` came back altered: sent {sent:?}, the dashboard shows {got:?}"
                            ),
                            0..0,
                            "in this markup",
                        ),
                    )
                }
                Mismatch::Tree { path, detail } => (
                    Kind::Tree,
                    Diagnostic::new(
                        RuleId::RendererTreeMismatch,
                        format!("`{path}`: {detail}"),
                        0..0,
                        "in this markup",
                    ),
                ),
            };
            Outcome {
                kind,
                markup,
                diagnostics: vec![diagnostic],
            }
        }))
    }

    /// Whether `case` still fails with `kind`.
    fn still_fails(&mut self, case: &Case, kind: &Kind) -> bool {
        if self.broken.is_some()
            || self.deadline.is_some_and(|d| Instant::now() >= d)
            || !template::is_valid(case, &self.settings)
        {
            return false;
        }
        match self.check(case, *kind == Kind::Nondeterministic) {
            Ok(outcome) => outcome.is_some_and(|o| o.kind == *kind),
            Err(e) => {
                self.broken = Some(e);
                false
            }
        }
    }

    /// Shrinks a failing case within `budget` renderings: remove elements,
    /// attributes and text runs while the failure keeps its kind, then
    /// shorten each value by greedy deletion, then drop unused values.
    fn shrink(&mut self, case: &Case, kind: &Kind, mut budget: usize) -> Case {
        if *kind == Kind::Failed("timed out") {
            // Each attempt costs a whole time-out.
            budget = budget.min(TIMEOUT_SHRINKS);
        }
        let mut case = case.clone();
        // Removals, then hoists (an element replaced by its children), each
        // kept when the failure keeps its kind, until a round changes nothing.
        type Edit = fn(&template::Node, usize) -> Option<template::Node>;
        type Count = fn(&template::Node) -> usize;
        let edits: [(Edit, Count); 2] =
            [(remove, removable), (template::hoist, template::elements)];
        loop {
            let mut changed = false;
            for (edit, count) in edits {
                let mut k = 0;
                while k < count(&case.template) && budget > 0 {
                    let Some(template) = edit(&case.template, k) else {
                        break;
                    };
                    let candidate = Case {
                        template,
                        values: case.values.clone(),
                    };
                    budget -= 1;
                    if self.still_fails(&candidate, kind) {
                        case = candidate;
                        changed = true;
                    } else {
                        k += 1;
                    }
                }
            }
            if !changed || budget == 0 {
                break;
            }
        }
        let mut slots = Vec::new();
        used_slots(&case.template, &mut slots);
        for slot in slots {
            let Some(value) = case.values.get(slot).cloned() else {
                continue;
            };
            let mut candidate = case.clone();
            let shrunk = hostile::shrink(
                &value,
                |v| {
                    v.clone_into(&mut candidate.values[slot]);
                    self.still_fails(&candidate, kind)
                },
                &mut budget,
            );
            case.values[slot] = shrunk;
        }
        compact(&case)
    }
}

/// The case of index `index` under `seed`.
fn generate_case(seed: u64, index: u64, limits: &Limits) -> Option<Case> {
    let mixed = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let bytes = generate::seeded_bytes(mixed, 16_384);
    let doc = generate::document(&mut Unstructured::new(&bytes), limits).ok()?;
    // Values come from their own stream, so a large document cannot starve them.
    let value_bytes = generate::seeded_bytes(mixed ^ 0xD1B5_4A32_D192_ED03, 65_536);
    Some(template::case_from(
        &doc,
        &mut Unstructured::new(&value_bytes),
    ))
}

/// One reported finding.
struct Finding {
    /// Which case (generated index or replayed file) first showed it.
    origin: String,
    /// The case as generated.
    original: Case,
    /// The shrunk case and what was wrong with it.
    case: Case,
    outcome: Outcome,
    /// Failing cases of the same kind.
    count: usize,
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

impl Finding {
    fn report(&self) -> FileReport {
        let name = format!(
            "{} ({}): {} with {}",
            self.origin,
            self.outcome.kind.describe(),
            short(&sketch(&self.case.template), 200),
            short(&quoted(&self.case.values), 200)
        );
        let mut diagnostics = self.outcome.diagnostics.clone();
        if let Some(first) = diagnostics.first_mut() {
            let more = match self.count {
                0 | 1 => String::new(),
                n => format!(" ({} more failing cases of this kind)", n - 1),
            };
            let help = format!(
                "shrunk from a template of {} elements, attributes and text runs{more}",
                removable(&self.original.template) + 1
            );
            first.help = Some(match first.help.take() {
                Some(h) => format!("{h}; {help}"),
                None => help,
            });
        }
        FileReport {
            name,
            source: self.outcome.markup.clone().into(),
            diagnostics,
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "origin": self.origin,
            "kind": self.outcome.kind.describe(),
            "codes": self.outcome.diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
            "messages": self.outcome.diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
            "case": self.case,
            "markup": self.outcome.markup,
            "original": self.original,
        })
    }
}

fn load_replay(path: &Path) -> Result<Case, CliError> {
    let text = crate::text::read(path).with_path(path)?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| CliError::new(format_args!("{}: {e}", path.display())))?;
    // A file written by --out holds the shrunk case under "case"; a bare
    // case is accepted too.
    let case = value.get("case").cloned().unwrap_or(value);
    serde_json::from_value(case).map_err(|e| {
        CliError::new(format_args!("{}: not a case: {e}", path.display())).with_help(
            "a case is {\"template\": NODE, \"values\": [STRING, …]} (docs/fuzz-renderer.md)",
        )
    })
}

/// Runs `uihook fuzz-renderer`.
pub fn run(args: FuzzRendererArgs, color: ColorWhen) -> Result<Status, CliError> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err("--timeout must be a positive number of seconds".into());
    }
    if let Some(limit) = args.time_limit {
        if !(limit.is_finite() && limit > 0.0) {
            return Err("--time-limit must be a positive number of seconds".into());
        }
    }
    let replays = args
        .replay
        .iter()
        .map(|p| Ok((p.display().to_string(), load_replay(p)?)))
        .collect::<Result<Vec<_>, CliError>>()?;
    let config = crate::text_config(args.config.as_deref())?;
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_path(dir)?;
    }
    let mut sink = Sink::open(&args.report, color)?;
    let mut fuzzer = Fuzzer {
        renderer: Renderer::new(args.command.clone(), Duration::from_secs_f64(args.timeout)),
        settings: config.settings.clone(),
        broken: None,
        deadline: None,
    };
    let limits = Limits {
        max_depth: args.max_depth,
        max_children: 4,
    };
    let started = Instant::now();
    let deadline = args
        .time_limit
        .map(|s| started + Duration::from_secs_f64(s));
    fuzzer.deadline = deadline;
    let mut checking = Duration::ZERO;
    let mut findings: Vec<Finding> = Vec::new();
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let (mut checked, mut failing, mut consecutive_failures) = (0u64, 0u64, 0u32);
    // Generated cases whose template is not valid under the configuration
    // (extra rules turned into errors, say): not sent.
    let mut skipped = 0u64;
    let total = if replays.is_empty() {
        args.cases
    } else {
        replays.len() as u64
    };
    for index in 0..total {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            eprintln!("note: --time-limit reached after {checked} cases");
            break;
        }
        let (origin, case) = match replays.get(index as usize) {
            Some((name, case)) => (name.clone(), case.clone()),
            None => match generate_case(args.seed, index, &limits) {
                Some(case) if template::is_valid(&case, &fuzzer.settings) => {
                    (format!("case {index}"), case)
                }
                _ => {
                    skipped += 1;
                    continue;
                }
            },
        };
        let t = Instant::now();
        let outcome = fuzzer.check(&case, true).map_err(CliError::new)?;
        checking += t.elapsed();
        checked += 1;
        let Some(outcome) = outcome else {
            consecutive_failures = 0;
            continue;
        };
        failing += 1;
        let seen = kinds.entry(outcome.kind.clone()).or_insert(0);
        *seen += 1;
        if matches!(outcome.kind, Kind::Failed(_)) {
            consecutive_failures += 1;
            if consecutive_failures >= 10 {
                problems.push(format!(
                    "the renderer failed {consecutive_failures} cases in a row; stopped after {checked} cases"
                ));
                break;
            }
        } else {
            consecutive_failures = 0;
        }
        if *seen > 1 || findings.len() >= args.max_findings {
            continue;
        }
        let shrunk = if replays.is_empty() {
            fuzzer.shrink(&case, &outcome.kind, args.shrink_budget)
        } else {
            case.clone()
        };
        if let Some(e) = fuzzer.broken.take() {
            return Err(CliError::new(e));
        }
        // The shrunk case's own outcome, so the report shows its markup.
        let final_outcome = match fuzzer.check(&shrunk, outcome.kind == Kind::Nondeterministic) {
            Ok(Some(o)) if o.kind == outcome.kind => o,
            Ok(_) => outcome,
            Err(e) => return Err(CliError::new(e)),
        };
        findings.push(Finding {
            origin,
            original: case,
            case: shrunk,
            outcome: final_outcome,
            count: 0,
        });
    }
    fuzzer.renderer.stop();
    for f in &mut findings {
        f.count = kinds.get(&f.outcome.kind).copied().unwrap_or(0);
    }
    if let Some(dir) = &args.out {
        for (n, f) in findings.iter().enumerate() {
            let path = dir.join(format!("finding-{n}.json"));
            let text = serde_json::to_string_pretty(&f.json())? + "\n";
            if let Err(e) = crate::write::atomic_write(&path, text.as_bytes()) {
                problems.push(format!("{}: {e}", path.display()));
            }
        }
    }
    let reports: Vec<FileReport> = findings.iter().map(Finding::report).collect();
    let Some((errors, _)) = sink.finish(&reports, problems, "findings") else {
        return Ok(Status::Trouble);
    };
    let seconds = checking.as_secs_f64();
    let kinds_line: Vec<String> = kinds
        .iter()
        .map(|(k, n)| format!("{n} {}", k.describe()))
        .collect();
    if skipped > 0 {
        eprintln!("note: {skipped} generated cases skipped: their templates have lint errors under this configuration");
    }
    eprintln!(
        "{checked} cases, {failing} failing{}; {:.1} cases/s ({:.1} s checking, {:.1} s in all)",
        if kinds_line.is_empty() {
            String::new()
        } else {
            format!(" ({})", kinds_line.join(", "))
        },
        if seconds > 0.0 {
            checked as f64 / seconds
        } else {
            0.0
        },
        seconds,
        started.elapsed().as_secs_f64()
    );
    Ok(if errors > 0 {
        Status::Findings
    } else {
        Status::Clean
    })
}
