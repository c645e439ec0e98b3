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
pub(super) fn fingerprints(located: &[Located<'_>]) -> Vec<(u64, usize)> {
    let mut seen: HashMap<(String, u64), usize> = HashMap::new();
    located
        .iter()
        .map(|l| {
            let line = l
                .report
                .source
                .lines()
                .nth(l.start.line - 1)
                .unwrap_or("")
                .trim();
            let hash = fnv1a(&[l.finding.code.as_str().as_bytes(), line.as_bytes()]);
            let n = seen.entry((l.report.name.clone(), hash)).or_insert(0);
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
