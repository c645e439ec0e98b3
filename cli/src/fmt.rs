//! `uihook fmt`: rewrite files into the compiler's canonical form, and the
//! bodies of `uihook!` in Rust files (`uihook-macro-fmt`).
//!
//! The canonical renderer never changes what the host would show, but only
//! for trees that parsed cleanly: a file with syntax errors is left alone and
//! reported, since its recovered tree is a guess. A `uihook!` body that is
//! not well-formed markup is left as written, with a warning (the compiler
//! reports it anyway), and the rest of its file is still formatted.
//! `--check` writes nothing and prints a unified diff for each file that
//! would change.
//!
//! `--stdin` (with `--rustfmt`) is the command for rust-analyzer's
//! `rust-analyzer.rustfmt.overrideCommand`: Rust on standard input, rustfmt
//! over it first, then the `uihook!` bodies, the result on standard output.

use std::io::{self, Write};

use std::process::{Command, Stdio};

use clap::Args;
use similar::TextDiff;
use uihook_compiler::{parse, render};

use crate::lint::{Input, Origin};

/// What happened to one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Already canonical.
    Unchanged,
    /// Rewritten (or, with `--check`, would be).
    Changed,
    /// Not formatted: it has errors.
    Refused(String),
}

/// The options of `uihook fmt` for Rust sources.
#[derive(Args, Debug, Default)]
pub struct RustArgs {
    /// Read Rust from standard input and write it formatted to standard
    /// output (for rust-analyzer's `rustfmt.overrideCommand`).
    #[arg(long, conflicts_with = "paths")]
    pub stdin: bool,
    /// Run rustfmt over the Rust first (standard input only), as
    /// rust-analyzer would have.
    #[arg(long, requires = "stdin")]
    pub rustfmt: bool,
    /// The Rust edition rustfmt formats with.
    #[arg(
        long,
        value_name = "EDITION",
        default_value = "2021",
        requires = "rustfmt"
    )]
    pub edition: String,
    /// In `uihook!` bodies, tags wider than this put one attribute per line.
    #[arg(long, value_name = "COLUMNS", default_value_t = 100)]
    pub max_width: usize,
}

/// The Rust source `source` with its `uihook!` bodies formatted, each body
/// left as written reported on standard error as a warning.
pub fn format_rust(name: &str, source: &str, args: &RustArgs) -> Result<String, String> {
    let options = uihook_macro_fmt::Options {
        max_width: args.max_width,
    };
    let formatted = uihook_macro_fmt::format_source(source, &options).map_err(|e| e.to_string())?;
    for s in &formatted.skipped {
        eprintln!(
            "warning: {name}:{}: `uihook!` body left as written: {}",
            s.line, s.reason
        );
    }
    Ok(formatted.text)
}

/// `source` through `rustfmt --emit stdout`.
fn rustfmt(source: &str, edition: &str) -> Result<String, String> {
    let mut child = Command::new(std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into()))
        .args(["--emit", "stdout", "--edition", edition])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("cannot write to rustfmt")?;
    let text = source.to_owned();
    // Written from another thread, so a large file cannot fill both pipes.
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt: {e}"))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| "rustfmt wrote text that is not UTF-8".to_owned())
}

/// The canonical form of `source`, or why it cannot be formatted.
pub fn format_source(source: &str) -> Result<String, String> {
    let parsed = parse(source);
    let errors = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == uihook_compiler::Severity::Error)
        .count();
    if errors > 0 {
        let first = &parsed.diagnostics[0];
        return Err(format!(
            "{errors} syntax error{} (first: {}[{}] {})",
            if errors == 1 { "" } else { "s" },
            first.severity,
            first.code.as_str(),
            first.message
        ));
    }
    render(&parsed.document).map_err(|e| e.to_string())
}

/// A unified diff from `before` to `after` of the file `name`, with three
/// lines of context (`fmt --check` and `lint --diff` print these).
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    let diff = TextDiff::from_lines(before, after);
    let a = format!("a/{name}");
    let b = format!("b/{name}");
    diff.unified_diff()
        .context_radius(3)
        .header(&a, &b)
        .to_string()
}

/// Formats one input. Standard input goes to `out` (formatted, or as a diff
/// with `check`); files are rewritten in place unless `check`.
pub fn format_input(
    input: &Input,
    check: bool,
    rust: &RustArgs,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let source = input
        .read()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let is_rust = rust.stdin || input.name.ends_with(".rs");
    let formatted = if !is_rust {
        format_source(&source)
    } else if rust.rustfmt {
        rustfmt(&source, &rust.edition).and_then(|text| format_rust(&input.name, &text, rust))
    } else {
        format_rust(&input.name, &source, rust)
    };
    let formatted = match formatted {
        Ok(f) => f,
        Err(why) => return Ok(Outcome::Refused(why)),
    };
    let changed = formatted != *source;
    if check {
        if changed {
            out.write_all(unified_diff(&input.name, &source, &formatted).as_bytes())?;
        }
    } else {
        match &input.origin {
            Origin::Stdin(_) => out.write_all(formatted.as_bytes())?,
            Origin::File(path) if changed => {
                crate::write::atomic_write(path, formatted.as_bytes())?
            }
            Origin::File(_) => {}
        }
    }
    Ok(if changed {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    })
}
