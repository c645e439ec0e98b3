//! Walks directories, extracts and lints every JS/TS source, and prints one
//! line per finding (`file:line:col code message`) followed by totals: files,
//! templates, findings by code. Used for the real-world table in the README.
//!
//! `cargo run --release -p uihook-extract --example corpus_stats -- DIR…`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use uihook_compiler::diagnostic::LineIndex;
use uihook_extract::{is_script, lint, Settings};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "node_modules" && name != ".git" {
                walk(&path, out);
            }
        } else if is_script(&path) && !name.ends_with(".min.js") {
            out.push(path);
        }
    }
}

fn main() {
    let settings = Settings::default();
    let mut total = Totals::default();
    for arg in std::env::args().skip(1) {
        let mut files = Vec::new();
        walk(Path::new(&arg), &mut files);
        let one = run(&files, &settings);
        let codes: Vec<String> = one
            .by_code
            .iter()
            .map(|(c, n)| format!("{c}={n}"))
            .collect();
        println!(
            "SUMMARY\t{arg}\t{}\t{}\t{}\t{}",
            one.files,
            one.templates,
            one.by_code.values().sum::<usize>(),
            codes.join(" ")
        );
        total.files += one.files;
        total.bytes += one.bytes;
        total.templates += one.templates;
        for (code, n) in one.by_code {
            *total.by_code.entry(code).or_default() += n;
        }
    }
    println!(
        "files {} bytes {} templates {}",
        total.files, total.bytes, total.templates
    );
    for (code, n) in total.by_code {
        println!("  {code} {n}");
    }
}

#[derive(Default)]
struct Totals {
    files: usize,
    bytes: usize,
    templates: usize,
    by_code: BTreeMap<&'static str, usize>,
}

fn run(files: &[PathBuf], settings: &Settings) -> Totals {
    let mut t = Totals {
        files: files.len(),
        ..Totals::default()
    };
    for path in files {
        let Ok(source) = std::fs::read_to_string(path) else {
            continue;
        };
        t.bytes += source.len();
        let report = lint(&source, path, settings);
        t.templates += report.templates;
        let index = LineIndex::new(&source);
        for f in &report.diagnostics {
            let at = index.line_col(&source, f.span().start);
            println!(
                "{}:{}:{}: {} {}",
                path.display(),
                at.line,
                at.column,
                f.code.as_str(),
                f.message
            );
            *t.by_code.entry(f.code.as_str()).or_default() += 1;
        }
    }
    t
}
