//! `uihook fmt`: rewrite files into the compiler's canonical form.
//!
//! The canonical renderer never changes what the host would show, but only
//! for trees that parsed cleanly: a file with syntax errors is left alone and
//! reported, since its recovered tree is a guess. `--check` writes nothing
//! and prints a unified diff for each file that would change.

use std::io::{self, Write};

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
pub fn format_input(input: &Input, check: bool, out: &mut dyn Write) -> io::Result<Outcome> {
    let source = input
        .read()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let formatted = match format_source(&source) {
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
