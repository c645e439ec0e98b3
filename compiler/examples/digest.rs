//! A digest of everything the parser and the analysis produce, for checking
//! that a change to their internals changes no result.
//!
//! ```sh
//! cargo run --release -p uihook-compiler --example digest -- 200 examples fuzz/corpus
//! ```
//!
//! It reads every file under the given directories, makes N seeded
//! mutations of each (characters of markup inserted, deleted and replaced,
//! so recovery paths are exercised as much as clean ones), and hashes the
//! tree and the diagnostics (`Debug` output: spans, values, messages, fixes)
//! of each input. Run it before and after a change: equal totals mean equal
//! results on every input; the per-file lines say where they differ, and
//! `DIGEST_SHOW=FILE` prints what is hashed for one unmutated file.
//! `DIGEST_EACH=1` prints a line per mutated input too, and with
//! `DIGEST_WRITE=PATH#K` it writes that input to `digest-input.txt`.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use uihook_compiler::fuzzing::{mutate, Rng};
use uihook_compiler::{analyze, diagnose, Settings};

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for entry in entries {
            files(&entry, out);
        }
    } else {
        out.push(path.to_owned());
    }
}

fn digest(src: &str) -> u64 {
    let mut h = DefaultHasher::new();
    let analysis = analyze(src, &Settings::default());
    // `diagnose` must find what `analyze` finds; it is not hashed, so the
    // total stays comparable with runs from before it existed.
    let diagnosed = diagnose(src, &Settings::default());
    if diagnosed != analysis.diagnostics {
        let _ = std::fs::write("digest-diagnose.txt", src);
        let list = |ds: &[uihook_compiler::Diagnostic<uihook_compiler::Span>]| {
            ds.iter()
                .map(|d| format!("{} {:?} {}", d.code, d.span(), d.message))
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "diagnose differs from analyze on the input written to digest-diagnose.txt\nanalyze:\n{}\ndiagnose:\n{}",
            list(&analysis.diagnostics),
            list(&diagnosed)
        );
    }
    format!("{:?}", analysis.document).hash(&mut h);
    format!("{:?}", analysis.diagnostics).hash(&mut h);
    h.finish()
}

fn main() {
    let mut args = std::env::args().skip(1);
    if let Some(path) = std::env::var_os("DIGEST_SHOW") {
        // Prints what is hashed for one file, to see where two runs differ.
        let src = std::fs::read_to_string(path).unwrap_or_default();
        let analysis = analyze(&src, &Settings::default());
        println!("{:#?}\n{:#?}", analysis.document, analysis.diagnostics);
        return;
    }
    let mutations: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let mut paths = Vec::new();
    for dir in args {
        files(Path::new(&dir), &mut paths);
    }
    let each = std::env::var_os("DIGEST_EACH").is_some();
    let write = std::env::var("DIGEST_WRITE").ok();
    let mut total = DefaultHasher::new();
    let mut inputs = 0;
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let src = String::from_utf8_lossy(&bytes);
        let mut file = DefaultHasher::new();
        digest(&src).hash(&mut file);
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ bytes.len() as u64);
        for k in 0..mutations {
            let mutated = mutate(&src, &mut rng);
            let d = digest(&mutated);
            if each {
                // One line per input, and the input itself on request, to
                // find and replay the first one where two runs differ.
                println!("{d:016x} {}#{k}", path.display());
                if write.as_deref() == Some(format!("{}#{k}", path.display()).as_str()) {
                    let _ = std::fs::write("digest-input.txt", &mutated);
                }
            }
            d.hash(&mut file);
        }
        inputs += 1 + mutations;
        let file = file.finish();
        println!("{file:016x} {}", path.display());
        file.hash(&mut total);
    }
    println!("{:016x} total over {inputs} inputs", total.finish());
}
