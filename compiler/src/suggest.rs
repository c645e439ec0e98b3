//! "Did you mean …?" suggestions by edit distance.
//!
//! [`closest`] takes any list; [`Candidates`] prepares a long list once (the
//! ~500 CSS property names every unknown `Box` attribute is compared with)
//! so that each look-up only visits the names whose length could be close
//! enough, and finds exactly what [`closest`] finds on the same list.

use crate::work;

/// The candidate closest to `input`, if any is close enough to be a likely
/// typo: a case-insensitive match, or an optimal-string-alignment distance of
/// at most a third of the longer name (and at least 1).
pub fn closest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = input.to_lowercase();
    let input_len = input.chars().count();
    let input_bag = CharBag::of(lower.chars());
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        work::add(1);
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
        work::add(lower.len() * candidate_lower.len());
        let distance = strsim::osa_distance(&lower, &candidate_lower);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// A list of candidates prepared for many [`Candidates::closest`] look-ups:
/// each name with its length, lower-case form and character bag, grouped by
/// length.
pub struct Candidates<'c> {
    names: Vec<Prepared<'c>>,
    /// Indices into `names` by character count, each in list order.
    by_len: Vec<Vec<usize>>,
}

struct Prepared<'c> {
    name: &'c str,
    len: usize,
    lower: String,
    bag: CharBag,
    /// `bag.buckets()`.
    buckets: u64,
}

impl<'c> Candidates<'c> {
    /// Prepares `candidates` (in the order that breaks ties).
    pub fn new(candidates: impl IntoIterator<Item = &'c str>) -> Candidates<'c> {
        let names: Vec<Prepared<'c>> = candidates
            .into_iter()
            .map(|name| {
                let lower = name.to_lowercase();
                let bag = CharBag::of(lower.chars());
                Prepared {
                    name,
                    len: name.chars().count(),
                    buckets: bag.buckets(),
                    bag,
                    lower,
                }
            })
            .collect();
        let longest = names.iter().map(|p| p.len).max().unwrap_or(0);
        let mut by_len = vec![Vec::new(); longest + 1];
        for (i, p) in names.iter().enumerate() {
            by_len[p.len].push(i);
        }
        Candidates { names, by_len }
    }

    /// What [`closest`] returns for `input` and this list. It keeps the
    /// first case-insensitive match, else the first candidate at the
    /// smallest distance; both are the smallest (distance, position), which
    /// does not depend on the order candidates are visited in, so only the
    /// lengths that pass [`closest`]'s length bound are visited.
    pub fn closest(&self, input: &str) -> Option<&'c str> {
        let input_len = input.chars().count();
        // |input_len - len| <= max(max(input_len, len) / 3, 1), solved for len.
        let low = input_len.saturating_sub((input_len / 3).max(1));
        let high = (input_len + input_len / 2).max(input_len + 1);
        let lengths = self
            .by_len
            .get(low..=high.min(self.by_len.len().saturating_sub(1)));
        let lengths = lengths.unwrap_or_default();
        if lengths.iter().all(Vec::is_empty) {
            return None;
        }
        let lower = input.to_lowercase();
        let input_bag = CharBag::of(lower.chars());
        let input_buckets = input_bag.buckets();
        let mut best: Option<(usize, usize)> = None;
        for &i in lengths.iter().flatten() {
            work::add(1);
            let c = &self.names[i];
            let limit = (input_len.max(c.len) / 3).max(1);
            // A bucket used by one bag only adds at least 1 to their
            // difference: a bound one instruction finds, before the sum
            // over 64 buckets.
            let lacking = (input_buckets ^ c.buckets).count_ones() as usize;
            if input_len.abs_diff(c.len) > limit
                || lacking.div_ceil(2) > limit
                || input_bag.difference(&c.bag).div_ceil(2) > limit
                || c.name == input
            {
                continue;
            }
            let distance = if c.lower == lower {
                0
            } else {
                work::add(lower.len() * c.lower.len());
                strsim::osa_distance(&lower, &c.lower)
            };
            if distance <= limit && best.is_none_or(|b| (distance, i) < b) {
                best = Some((distance, i));
            }
        }
        best.map(|(_, i)| self.names[i].name)
    }
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

    /// One bit per bucket that holds a character.
    fn buckets(&self) -> u64 {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .fold(0, |mask, (i, _)| mask | 1 << i)
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
    use super::{closest, Candidates, CharBag};

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
    fn prepared_candidates_find_what_closest_finds() {
        let names = crate::css::camel_properties();
        let prepared = Candidates::new(names.iter().map(String::as_str));
        let mut inputs: Vec<String> = vec![
            String::new(),
            "a".into(),
            "ab".into(),
            "Color".into(),
            "COLOR".into(),
            "margn".into(),
            "dipslay".into(),
            "bordrRadius".into(),
            "x".repeat(300),
            "é".into(),
            "İnset".into(),
        ];
        for (i, name) in names.iter().enumerate().step_by(7) {
            let mut typo: Vec<char> = name.chars().collect();
            match i % 4 {
                0 => {
                    typo.remove(typo.len() / 2);
                }
                1 => typo.insert(1, 'q'),
                2 => typo.swap(0, 1),
                _ => typo[0] = typo[0].to_ascii_uppercase(),
            }
            inputs.push(typo.into_iter().collect());
            inputs.push(name.clone());
        }
        for input in &inputs {
            assert_eq!(
                prepared.closest(input),
                closest(input, names.iter().map(String::as_str)),
                "{input}"
            );
        }
        let small = Candidates::new(["Button", "ButtonLink", "Box", "BR"]);
        for input in ["Buton", "Br", "box", "Zebra", "BR", ""] {
            assert_eq!(
                small.closest(input),
                closest(input, ["Button", "ButtonLink", "Box", "BR"]),
                "{input}"
            );
        }
        assert_eq!(Candidates::new([]).closest("x"), None);
    }

    #[test]
    fn char_bag_difference_bounds_the_distance() {
        for (a, b) in [
            ("display", "dsplay"),
            ("margin", "magrin"),
            ("abc", "xyz"),
            ("", "ab"),
        ] {
            let (a_bag, b_bag) = (CharBag::of(a.chars()), CharBag::of(b.chars()));
            let bound = a_bag.difference(&b_bag).div_ceil(2);
            assert!(bound <= strsim::osa_distance(a, b), "{a} {b}");
            let lacking = (a_bag.buckets() ^ b_bag.buckets()).count_ones() as usize;
            assert!(lacking <= a_bag.difference(&b_bag), "{a} {b}");
        }
    }
}
