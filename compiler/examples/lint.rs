//! Checks `.uihook` files (or every one under a directory) and prints the
//! diagnostics with their source; exits 1 when there are errors. A stand-in
//! for `uihook lint` until the CLI exists.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use uihook_compiler::diagnostic::render_report;
use uihook_compiler::{check, Options, Severity};

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            if entry.is_dir() || entry.extension().is_some_and(|e| e == "uihook") {
                collect(&entry, out)?;
            }
        }
    } else {
        out.push(path.to_owned());
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut files = Vec::new();
    for arg in std::env::args_os().skip(1) {
        if let Err(e) = collect(Path::new(&arg), &mut files) {
            eprintln!("error: {}: {e}", Path::new(&arg).display());
            return ExitCode::from(2);
        }
    }
    let (mut errors, mut warnings) = (0, 0);
    for file in &files {
        let src = match std::fs::read_to_string(file) {
            Ok(src) => src,
            Err(e) => {
                eprintln!("error: {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let diagnostics = check(&src, &Options::default());
        errors += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        warnings += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        print!(
            "{}",
            render_report(&diagnostics, &file.display().to_string(), &src, false, 100)
        );
    }
    eprintln!(
        "{} files, {errors} errors, {warnings} warnings",
        files.len()
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
