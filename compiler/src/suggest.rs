//! "Did you mean …?" suggestions by edit distance.

/// The candidate closest to `input`, if any is close enough to be a likely
/// typo: a case-insensitive match, or an optimal-string-alignment distance of
/// at most a third of the longer name (and at least 1).
pub fn closest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = input.to_lowercase();
    let input_len = input.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        let candidate_len = candidate.chars().count();
        let limit = (input_len.max(candidate_len) / 3).max(1);
        // The distance is at least the difference in length: skip the
        // quadratic comparison for candidates that cannot be close enough.
        if input_len.abs_diff(candidate_len) > limit {
            continue;
        }
        let candidate_lower = candidate.to_lowercase();
        if candidate_lower == lower {
            return Some(candidate);
        }
        let distance = strsim::osa_distance(&lower, &candidate_lower);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos() {
        let names = ["Button", "ButtonLink", "Box", "BR"];
        assert_eq!(closest("Buton", names), Some("Button"));
        assert_eq!(closest("Br", names), Some("BR"));
        assert_eq!(closest("box", names), Some("Box"));
        assert_eq!(closest("Zebra", names), None);
        assert_eq!(closest("isplay", ["display", "margin"]), Some("display"));
        assert_eq!(closest("blank", ["_blank", "_self"]), Some("_blank"));
    }
}
