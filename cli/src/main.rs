//! The `uihook` command: lint UIHook markup in CI, explain the rules, format
//! files canonically and probe a live hook.
//!
//! Exit codes: 0 no errors, 1 lint errors (or too many warnings, or files
//! that `fmt --check` would change), 2 usage, configuration, I/O or network
//! trouble. A closed pipe on standard output is a normal exit.

mod config;
mod dev;
mod error;
mod fmt;
mod fuzz_renderer;
mod gen;
mod init;
mod lint;
mod output;
mod preview;
mod probe;
#[cfg(test)]
mod scaling;
mod server;
mod text;
mod write;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use uihook_compiler::{Applicability, Severity};

use crate::config::Resolver;
use crate::error::{CliError, IoContext};
use crate::lint::{FileReport, Selection};
use crate::output::{Format, Style};
use uihook_compiler::RuleId;

/// Lint, explain, format and probe UIHook markup.
#[derive(Parser)]
#[command(name = "uihook", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to use colours (NO_COLOR turns `auto` off).
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
}

/// When to use colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always, even when piped.
    Always,
    /// Never.
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files, directories (recursively, respecting .gitignore) or `-` for standard input.
    Lint(LintArgs),
    /// List every rule with its code, default severity and summary.
    Rules,
    /// Print the full explanation of a rule (or a component's attributes).
    Explain {
        /// A rule code such as `unknown-attribute`, or a component name such as `Box`.
        code: String,
    },
    /// Rewrite files into canonical markup, and the bodies of `uihook!` in `.rs` files.
    Fmt(FmtArgs),
    /// Check a live hook: CORS, status, content type, time-outs and the markup it returns.
    Probe(probe::ProbeArgs),
    /// Preview a hook in the browser as the dashboard showed it, with diagnostics and a local platform API.
    Dev(dev::DevArgs),
    /// Render a markup file as one standalone HTML page, with its diagnostics listed below.
    Preview(preview::PreviewArgs),
    /// Run the language server over standard input and output, for editors.
    Server(server::ServerArgs),
    /// Write a new hook project (Cargo.toml, a counter with `uihook!`, a test, uihook.toml).
    Init(init::InitArgs),
    /// Write generated valid and invalid documents and a manifest of their diagnostics, for fuzzing renderers.
    Gen(gen::GenArgs),
    /// Fuzz a renderer in any language over a line protocol: hostile values in schema-driven templates.
    FuzzRenderer(fuzz_renderer::FuzzRendererArgs),
    /// Print the component schema as JSON (for tooling).
    #[command(hide = true)]
    Schema,
}

#[derive(Args)]
struct FileArgs {
    /// Files or directories; `-` reads standard input. Defaults to `.`.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The file name standard input is reported and configured as.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Another file extension to look for in directories (repeatable; `.uihook` always).
    #[arg(long = "ext", value_name = "EXT")]
    extensions: Vec<String>,
    /// Use this configuration file instead of discovering `uihook.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("apply").args(["fix", "diff"])))]
struct LintArgs {
    #[command(flatten)]
    files: FileArgs,
    #[command(flatten)]
    report: ReportArgs,
    /// Exit with 0 even when lint errors are found (I/O and config errors still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Exit with 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Do not lint the markup inside .js/.mjs/.cjs/.jsx/.ts/.tsx sources
    /// (by default directories are searched for them, and named ones are extracted).
    #[arg(long)]
    no_extract: bool,
    /// Apply the safe fixes, re-lint, and report what remains (standard
    /// input: the fixed text goes to standard output, the report to standard error).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff: apply the unsafe fixes (guesses such as did-you-mean) too.
    #[arg(long, requires = "apply")]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 if there is any.
    #[arg(long)]
    diff: bool,
}

/// Where and how to print a report.
#[derive(Args)]
pub struct ReportArgs {
    /// Report format [default: human on a terminal, concise otherwise].
    #[arg(long, value_enum, value_name = "FORMAT")]
    output_format: Option<Format>,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long = "output-file", value_name = "FILE")]
    output_file: Option<PathBuf>,
}

#[derive(Args)]
struct FmtArgs {
    #[command(flatten)]
    files: FileArgs,
    /// Write nothing; show a diff and exit 1 if a file would change.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    rust: fmt::RustArgs,
}

/// The outcome of a command, mapped to an exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// 0.
    Clean,
    /// 1: lint findings.
    Findings,
    /// 2: usage, configuration, I/O or network trouble.
    Trouble,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Clean => 0,
            Status::Findings => 1,
            Status::Trouble => 2,
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color;
    let result = match cli.command {
        Command::Lint(args) => lint_command(args, color),
        Command::Rules => rules_command(),
        Command::Explain { code } => explain_command(&code),
        Command::Fmt(args) => fmt_command(args, color),
        Command::Probe(args) => probe::run(args, color),
        Command::Gen(args) => gen::run(args),
        Command::FuzzRenderer(args) => fuzz_renderer::run(args, color),
        Command::Init(args) => init::run(args),
        Command::Preview(args) => preview::run(args),
        Command::Dev(args) => dev::run(args),
        Command::Server(args) => server::run(args),
        Command::Schema => schema_command(),
    };
    result.unwrap_or_else(CliError::report).into()
}

/// Prints an error line on standard error.
pub fn error(message: impl std::fmt::Display) {
    eprintln!("error: {message}");
}

/// Whether to use colours on a stream that is (or is not) a terminal.
pub fn use_color(when: ColorWhen, terminal: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// The width of graphical reports: `COLUMNS`, the terminal's, or 100.
fn width(terminal: bool) -> usize {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return columns;
    }
    if terminal {
        if let Some((w, _)) = terminal_size::terminal_size() {
            return usize::from(w.0);
        }
    }
    100
}

/// Where a report goes, and in which format and style.
pub struct Sink {
    out: Box<dyn Write>,
    format: Format,
    style: Style,
}

impl Sink {
    /// Opens the destination chosen by `args`.
    pub fn open(args: &ReportArgs, color: ColorWhen) -> Result<Sink, CliError> {
        Sink::open_to(args, color, false)
    }

    /// As [`Sink::open`]; with `to_stderr`, a report without
    /// `--output-file` goes to standard error (standard output carries
    /// something else).
    pub fn open_to(args: &ReportArgs, color: ColorWhen, to_stderr: bool) -> Result<Sink, CliError> {
        let terminal = args.output_file.is_none()
            && if to_stderr {
                io::stderr().is_terminal()
            } else {
                io::stdout().is_terminal()
            };
        let out: Box<dyn Write> = match &args.output_file {
            Some(path) => Box::new(io::BufWriter::new(
                std::fs::File::create(path).with_path(path)?,
            )),
            None if to_stderr => Box::new(io::BufWriter::new(io::stderr())),
            None => Box::new(io::BufWriter::new(io::stdout().lock())),
        };
        let format = args.output_format.unwrap_or(if terminal {
            Format::Human
        } else {
            Format::Concise
        });
        Ok(Sink {
            out,
            format,
            style: Style {
                color: use_color(color, terminal),
                width: width(terminal),
            },
        })
    }

    /// Writes the reports, prints the problems and the summary line
    /// (`N <noun>, E errors, W warnings`) on standard error, and returns the
    /// error and warning counts, or `None` when there was an I/O or network
    /// problem (exit status 2).
    pub fn finish(
        &mut self,
        reports: &[FileReport],
        mut problems: Vec<String>,
        noun: &str,
    ) -> Option<(usize, usize)> {
        if let Err(e) = self.write(reports) {
            problems.push(format!("cannot write the report: {e}"));
        }
        for p in &problems {
            error(p);
        }
        let errors: usize = reports.iter().map(|r| r.count(Severity::Error)).sum();
        let warnings: usize = reports.iter().map(|r| r.count(Severity::Warning)).sum();
        eprintln!(
            "{} {noun}, {errors} errors, {warnings} warnings",
            reports.len()
        );
        problems.is_empty().then_some((errors, warnings))
    }

    /// Writes the report; a closed pipe is not an error.
    pub fn write(&mut self, reports: &[FileReport]) -> io::Result<()> {
        let result = output::write(self.format, reports, self.style, &mut self.out)
            .and_then(|()| self.out.flush());
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

fn selection_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

fn extensions(extra: &[String]) -> Vec<String> {
    let mut exts = vec!["uihook".to_owned()];
    exts.extend(extra.iter().map(|e| e.trim_start_matches('.').to_owned()));
    exts
}

/// The inputs and the problems met finding them; directories that gave
/// nothing are warned about here, before any output.
fn collect(files: &FileArgs, extract: bool) -> Result<(Vec<lint::Input>, Vec<String>), CliError> {
    let mut resolver = Resolver::new(files.config.as_deref())?;
    let paths = selection_paths(&files.paths);
    let exts = extensions(&files.extensions);
    let selection = Selection {
        paths: &paths,
        extensions: &exts,
        stdin_filename: files.stdin_filename.as_deref(),
        extract,
    };
    let collected = lint::collect(&selection, &mut resolver)?;
    for warning in &collected.warnings {
        eprintln!("warning: {warning}");
    }
    Ok((collected.inputs, collected.errors))
}

fn lint_command(args: LintArgs, color: ColorWhen) -> Result<Status, CliError> {
    let (inputs, mut problems) = collect(&args.files, !args.no_extract)?;
    let mode = (args.fix || args.diff).then_some(if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    });
    // The fixed text of standard input goes to standard output, so the
    // report moves out of its way.
    let stdin_text = args.fix
        && inputs
            .iter()
            .any(|i| matches!(i.origin, lint::Origin::Stdin(_)));
    let mut sink = Sink::open_to(&args.report, color, stdin_text)?;
    let mut reports = Vec::with_capacity(inputs.len());
    let mut fixes = FixTally::default();
    let mut stdout = io::stdout().lock();
    for (input, result) in inputs.iter().zip(lint::run(&inputs, mode)) {
        let linted = match result {
            Ok(linted) => linted,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        if let Some(fix) = &linted.fix {
            if let Err(e) = fixes.settle(input, &linted, fix, args.diff, &mut stdout) {
                problems.push(e);
            }
        }
        reports.push(linted.report);
    }
    drop(stdout);
    if args.diff {
        for p in &problems {
            error(p);
        }
        eprintln!(
            "{} files, {} fixes would be applied in {} files",
            reports.len(),
            fixes.applied,
            fixes.files
        );
        return Ok(if !problems.is_empty() {
            Status::Trouble
        } else if fixes.files > 0 {
            Status::Findings
        } else {
            Status::Clean
        });
    }
    let Some((errors, warnings)) = sink.finish(&reports, problems, "files") else {
        return Ok(Status::Trouble);
    };
    let (safe, unsafe_only) = lint::fixable(&reports);
    if mode.is_some() {
        let remaining: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
        let mut line = format!(
            "{} fixes applied in {} files, {remaining} problems remain",
            fixes.applied, fixes.files
        );
        if unsafe_only > 0 && !args.unsafe_fixes {
            line.push_str(&format!(" ({unsafe_only} fixable with --unsafe-fixes)"));
        }
        eprintln!("{line}");
    } else if safe + unsafe_only > 0 {
        let mut line = format!("{safe} fixable with --fix");
        if unsafe_only > 0 {
            line.push_str(&format!(" ({unsafe_only} more with --unsafe-fixes)"));
        }
        eprintln!("{line}");
    }
    if args.exit_zero {
        return Ok(Status::Clean);
    }
    if errors > 0 {
        return Ok(Status::Findings);
    }
    if let Some(max) = args.max_warnings {
        if warnings > max {
            eprintln!("error: {warnings} warnings exceed --max-warnings {max}");
            return Ok(Status::Findings);
        }
    }
    Ok(Status::Clean)
}

/// What `--fix` and `--diff` did over all files.
#[derive(Default)]
struct FixTally {
    /// Fixes applied (or, with `--diff`, that would be).
    applied: usize,
    /// Files changed (or that would be).
    files: usize,
}

impl FixTally {
    /// Writes one file's fixes (or prints them as a diff), says why a file
    /// with fixes was left alone, and counts.
    fn settle(
        &mut self,
        input: &lint::Input,
        linted: &lint::Linted,
        fix: &lint::FileFix,
        diff: bool,
        stdout: &mut dyn Write,
    ) -> Result<(), String> {
        if let Some(why) = &fix.refused {
            eprintln!("warning: {}: fixes not applied: {why}", input.name);
        }
        let fixed = &linted.report.source;
        let stdin = matches!(input.origin, lint::Origin::Stdin(_));
        if linted.changed() {
            self.applied += fix.applied;
            self.files += 1;
        }
        let quiet_pipe = |e: io::Error| {
            if e.kind() == io::ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(format!("{}: {e}", input.name))
            }
        };
        if diff {
            if linted.changed() {
                let text = fmt::unified_diff(&input.name, &fix.original, fixed);
                stdout.write_all(text.as_bytes()).or_else(quiet_pipe)?;
            }
        } else if stdin {
            stdout.write_all(fixed.as_bytes()).or_else(quiet_pipe)?;
        } else if let (true, lint::Origin::File(path)) = (linted.changed(), &input.origin) {
            write::atomic_write(path, fixed.as_bytes())
                .map_err(|e| format!("{}: cannot write the fixes: {e}", input.name))?;
        }
        Ok(())
    }
}

/// Writes to standard output; a closed pipe ends the command quietly.
fn print(text: &str) -> Result<Status, CliError> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(Status::Clean),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Status::Clean),
        Err(e) => Err(e.into()),
    }
}

fn rules_command() -> Result<Status, CliError> {
    let width = RuleId::ALL
        .iter()
        .map(|r| r.as_str().len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for rule in RuleId::ALL {
        text.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            rule.as_str(),
            rule.default_severity().as_str(),
            rule.summary()
        ));
    }
    print(&text)
}

fn explain_command(name: &str) -> Result<Status, CliError> {
    if let Some(rule) = RuleId::from_name(name) {
        return print(rule.explanation());
    }
    if let Some(component) = uihook_compiler::schema::component_named(name) {
        return print(&explain_component(component));
    }
    let mut unknown = CliError::new(format_args!("unknown rule `{name}`"));
    let components = uihook_compiler::schema::COMPONENTS.iter().map(|c| c.name);
    let rules = RuleId::ALL.iter().map(|r| r.as_str());
    if let Some(suggestion) = uihook_compiler::suggest::closest(name, rules.chain(components)) {
        unknown = unknown.with_help(format_args!("did you mean `{suggestion}`?"));
    }
    Err(unknown.with_help("`uihook rules` lists every rule"))
}

/// A component's explanation in Markdown: `uihook explain` prints it, and
/// the language server shows it on hover.
pub(crate) fn explain_component(c: &uihook_compiler::schema::Component) -> String {
    use uihook_compiler::schema::Children;
    let mut text = format!("# {}\n\n{}\n\n## Attributes\n\n", c.name, c.summary);
    if c.attrs.is_empty() {
        text.push_str("None.\n");
    }
    for a in c.attrs {
        text.push_str(&format!(
            "- `{}` ({}{}): {}\n",
            a.name,
            a.kind.describe(),
            if a.required { ", required" } else { "" },
            a.summary
        ));
    }
    text.push_str("\n## Children\n\n");
    text.push_str(&match c.children {
        Children::None => "None: always self-closing.\n".to_owned(),
        Children::Text => "Text only.\n".to_owned(),
        Children::Any => "Any components and text.\n".to_owned(),
        Children::Only(names) => format!("Only {}.\n", names.join(", ")),
    });
    if !c.parents.is_empty() {
        text.push_str(&format!("\nMade for: {}.\n", c.parents.join(", ")));
    }
    text
}

fn schema_command() -> Result<Status, CliError> {
    let components: Vec<serde_json::Value> = uihook_compiler::schema::COMPONENTS
        .iter()
        .map(|c| {
            serde_json::json!({
                "name": c.name,
                "attributes": c.attrs.iter().map(|a| a.name).collect::<Vec<_>>(),
                "required": c.attrs.iter().filter(|a| a.required).map(|a| a.name).collect::<Vec<_>>(),
                "void": matches!(c.children, uihook_compiler::schema::Children::None),
                "anyAttribute": !matches!(c.extra, uihook_compiler::schema::Extra::None),
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&components)?;
    print(&(text + "\n"))
}

fn fmt_command(mut args: FmtArgs, color: ColorWhen) -> Result<Status, CliError> {
    let _ = color;
    // Directories hold Rust sources with `uihook!` too; `--stdin` is Rust.
    args.files.extensions.push("rs".to_owned());
    if args.rust.stdin {
        args.files.paths = vec![PathBuf::from("-")];
    }
    let (inputs, problems) = collect(&args.files, false)?;
    let mut trouble = !problems.is_empty();
    for p in &problems {
        error(p);
    }
    let (mut changed, mut refused) = (0, 0);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for input in &inputs {
        match fmt::format_input(input, args.check, &args.rust, &mut out) {
            Ok(fmt::Outcome::Unchanged) => {}
            Ok(fmt::Outcome::Changed) => changed += 1,
            Ok(fmt::Outcome::Refused(why)) => {
                refused += 1;
                error(format_args!("{}: not formatted: {why}", input.name));
            }
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => break,
            Err(e) => {
                trouble = true;
                error(format_args!("{}: {e}", input.name));
            }
        }
    }
    if let Err(e) = out.flush() {
        if e.kind() != io::ErrorKind::BrokenPipe {
            error(e);
            trouble = true;
        }
    }
    drop(out);
    let verb = if args.check {
        "would be reformatted"
    } else {
        "reformatted"
    };
    // Editors calling `--stdin` want the text and nothing else.
    if !args.rust.stdin {
        eprintln!(
            "{} files, {changed} {verb}, {refused} not formatted because of errors",
            inputs.len()
        );
    }
    Ok(if trouble {
        Status::Trouble
    } else if refused > 0 || (args.check && changed > 0) {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Lints `source` under the configuration found for `name`, for `probe`.
pub fn lint_text(name: &str, source: &str, config: Option<&Path>) -> Result<FileReport, String> {
    let config = text_config(config)?;
    Ok(lint_text_with(name, source, &config))
}

/// The configuration for markup that is not a file (a hook's answer): the
/// one given, or the `uihook.toml` found from the current directory.
pub fn text_config(config: Option<&Path>) -> Result<std::sync::Arc<config::Config>, String> {
    config_for(config, Path::new("probe.uihook")).map_err(|e| e.to_string())
}

/// The configuration for one `file`: the one given, or the nearest
/// `uihook.toml` above the file.
pub fn config_for(
    config: Option<&Path>,
    file: &Path,
) -> Result<std::sync::Arc<config::Config>, config::ConfigError> {
    Resolver::new(config)?.for_file(file)
}

/// Lints `source` under `config`.
pub fn lint_text_with(name: &str, source: &str, config: &config::Config) -> FileReport {
    FileReport {
        name: name.to_owned(),
        source: source.into(),
        diagnostics: lint::lint_source(source, config),
    }
}
