//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the
//! same functions the fuzz targets call, so every input that once crashed
//! stays a regression test and no fuzzer is needed to run it.

use std::path::Path;

use uihook_compiler::fuzzing;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let data = std::fs::read(&path).expect("readable corpus file");
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{target}: {} fails", path.display());
        count += 1;
    }
    assert!(count > 0, "empty corpus for {target}");
}

#[test]
fn parse_corpus() {
    replay("parse", fuzzing::parse_target);
}

#[test]
fn roundtrip_corpus() {
    replay("roundtrip", fuzzing::roundtrip_target);
}

#[test]
fn escape_corpus() {
    replay("escape", fuzzing::escape_target);
}

#[test]
fn structured_corpus() {
    replay("structured", fuzzing::structured_target);
}
