//! Stable fingerprints for the formats that track findings across runs
//! (SARIF's `partialFingerprints`, GitLab's `fingerprint`).

use std::collections::HashMap;

use super::Located;

/// 64-bit FNV-1a: a hash that is the same on every machine and release.
pub(super) fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Stable fingerprints: the rule, the file and the trimmed text of the
/// primary line, numbered by occurrence so that identical lines differ.
/// They survive edits elsewhere in the file, unlike line numbers.
///
/// A line is found through the file's line index and hashed once per rule,
/// however many findings it holds: looking it up from the file's start and
/// hashing it for each finding made d findings on one long line (or far
/// down a long file) cost d times the file.
pub(super) fn fingerprints(located: &[Located<'_>]) -> Vec<(u64, usize)> {
    let mut hashed: HashMap<(&str, usize, &str), u64> = HashMap::new();
    let mut seen: HashMap<(&str, u64), usize> = HashMap::new();
    located
        .iter()
        .map(|l| {
            let name = l.report.name.as_str();
            let code = l.finding.code.as_str();
            let hash = *hashed.entry((name, l.start.line, code)).or_insert_with(|| {
                let line = l.index.line_text(&l.report.source, l.start.line).trim();
                uihook_compiler::work::add(line.len());
                fnv1a(&[code.as_bytes(), line.as_bytes()])
            });
            let n = seen.entry((name, hash)).or_insert(0);
            *n += 1;
            (hash, *n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::locate;

    #[test]
    fn fnv1a_is_fixed() {
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(&[b"ab"]), fnv1a(&[b"a", b"b"]));
    }

    #[test]
    fn identical_lines_are_numbered_by_occurrence() {
        let reports = crate::output::tests::awkward_reports();
        let located = locate(&reports);
        let prints = fingerprints(&located);
        let repeated: Vec<_> = located
            .iter()
            .zip(&prints)
            .filter(|(l, _)| l.finding.code.as_str() == "unknown-component")
            .filter(|(l, _)| l.report.name.starts_with("dir/"))
            .map(|(_, p)| *p)
            .collect();
        assert_eq!(repeated.len(), 2, "{repeated:?}");
        assert_eq!(repeated[0].0, repeated[1].0);
        assert_eq!((repeated[0].1, repeated[1].1), (1, 2));
    }
}
