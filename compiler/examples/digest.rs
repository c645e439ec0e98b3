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

use uihook_compiler::{analyze, Settings};

/// The characters mutations insert: the ones every construct turns on.
const ALPHABET: &[&str] = &[
    "<", ">", "/", "{", "}", "\"", "'", "=", "&", ";", "&amp;", "&#", "\\", "\n", "\r\n", " ", "a",
    "P", "<B>", "</B>", "/*", "*/", "\u{2028}", "é", "!", "-", "`",
];

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

/// A small deterministic generator (xorshift64*), so runs compare.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

fn mutate(src: &str, rng: &mut Rng) -> String {
    let mut s = src.to_owned();
    for _ in 0..1 + rng.below(4) {
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(3) {
            0 => s.insert_str(at, ALPHABET[rng.below(ALPHABET.len())]),
            1 => {
                let mut end = (at + 1 + rng.below(8)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            }
            _ => {
                let mut end = (at + 1).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, ALPHABET[rng.below(ALPHABET.len())]);
            }
        }
    }
    s
}

fn digest(src: &str) -> u64 {
    let mut h = DefaultHasher::new();
    let analysis = analyze(src, &Settings::default());
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
