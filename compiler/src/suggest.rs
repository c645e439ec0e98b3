//! "Did you mean …?" suggestions by edit distance.

/// The candidate closest to `input`, if any is close enough to be a likely
/// typo: a case-insensitive match, or an optimal-string-alignment distance of
/// at most a third of the longer name (and at least 1).
pub fn closest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = input.to_lowercase();
    let input_len = input.chars().count();
    let input_bag = CharBag::of(lower.chars());
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
        // A second cheap bound before the quadratic one: every edit changes
        // the character counts by at most two. Counted before lowercasing
        // into a `String`, so rejected candidates allocate nothing.
        let candidate_bag = CharBag::of(candidate.chars().flat_map(char::to_lowercase));
        if input_bag.difference(&candidate_bag).div_ceil(2) > limit {
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

/// Character counts in 64 buckets. Merging characters into a bucket can only
/// shrink the difference between two bags, so it stays a lower bound.
struct CharBag([u16; 64]);

impl CharBag {
    fn of(chars: impl Iterator<Item = char>) -> CharBag {
        let mut bag = [0u16; 64];
        for c in chars {
            let slot = &mut bag[(c as usize) % 64];
            *slot = slot.saturating_add(1);
        }
        CharBag(bag)
    }

    /// The number of characters in one bag that the other lacks, both ways.
    fn difference(&self, other: &CharBag) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| usize::from(a.abs_diff(*b)))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::{closest, CharBag};

    #[test]
    fn finds_typos() {
        let names = ["Button", "ButtonLink", "Box", "BR"];
        assert_eq!(closest("Buton", names), Some("Button"));
        assert_eq!(closest("Br", names), Some("BR"));
        assert_eq!(closest("box", names), Some("Box"));
        assert_eq!(closest("Zebra", names), None);
        assert_eq!(closest("isplay", ["display", "margin"]), Some("display"));
        assert_eq!(closest("blank", ["_blank", "_self"]), Some("_blank"));
        // Transpositions keep the character counts: still found.
        assert_eq!(closest("dipslay", ["display", "margin"]), Some("display"));
    }

    #[test]
    fn char_bag_difference_bounds_the_distance() {
        for (a, b) in [
            ("display", "dsplay"),
            ("margin", "magrin"),
            ("abc", "xyz"),
            ("", "ab"),
        ] {
            let bound = CharBag::of(a.chars())
                .difference(&CharBag::of(b.chars()))
                .div_ceil(2);
            assert!(bound <= strsim::osa_distance(a, b), "{a} {b}");
        }
    }
}
