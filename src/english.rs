//! Ordinary English words, to tell "Qualify" (a word) from "Qaulity" (a typo).
//!
//! The list is SCOWL's, as Debian ships it in `wamerican` and `wbritish` (size 50, both
//! spellings), vendored in `data/words/english.txt` under the licence in
//! `data/words/COPYRIGHT` and rebuilt by `data/words/generate.sh`. It is embedded in the
//! binary: roles-lint never downloads anything.
//!
//! The file holds one lower-cased word per line, sorted by bytes, without duplicates and
//! without possessive `'s` forms. A lookup is a binary search over the embedded text
//! itself, so there is nothing to build at start-up: no index, no hash set.

use std::cmp::Ordering;

static WORDS: &str = include_str!("../data/words/english.txt");

/// True when `lower`, already lower-cased, is on the list exactly.
pub fn contains(lower: &str) -> bool {
    let text = WORDS.as_bytes();
    let wanted = lower.as_bytes();
    // `low` and `high` are always line starts (or the end of the text).
    let (mut low, mut high) = (0, text.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let start = text[low..middle]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(low, |i| low + i + 1);
        let end = text[start..high]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(high, |i| start + i);
        match text[start..end].cmp(wanted) {
            Ordering::Equal => return true,
            Ordering::Less => low = end + 1,
            Ordering::Greater => high = start,
        }
    }
    false
}

/// True when `word`, in any case, is an English word or the possessive of one
/// ("Director's", "teams'", with a straight or a curly apostrophe).
pub fn is_english(word: &str) -> bool {
    let lower = word.to_lowercase().replace('’', "'");
    if contains(&lower) {
        return true;
    }
    let base = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(&lower);
    base.len() < lower.len() && contains(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_lower_case_and_without_duplicates() {
        let words: Vec<&str> = WORDS.lines().collect();
        assert!(words.len() > 70_000);
        for pair in words.windows(2) {
            assert!(pair[0] < pair[1], "{:?} is out of order", pair);
        }
        assert!(words
            .iter()
            .all(|w| !w.is_empty() && *w == w.to_lowercase()));
    }

    #[test]
    fn every_listed_word_is_found_and_neighbours_are_not() {
        for word in WORDS.lines() {
            assert!(contains(word), "{word}");
            assert!(!contains(&format!("{word}\u{1}")), "{word}");
        }
        assert!(!contains(""));
        assert!(!contains("zzzzzzzzz"));
        assert!(!contains("\u{0}"));
    }

    #[test]
    fn near_role_words_are_english_and_seed_typos_are_not() {
        for word in [
            "Qualify",
            "Deliver",
            "Produce",
            "Products",
            "Director's",
            "Directed",
            "Directly",
            "Direction",
            "Engineered",
            "Delivered",
            "Softer",
            "ENGINEERS",
            "teams’",
            "organisation",
        ] {
            assert!(is_english(word), "{word}");
        }
        for word in [
            "Softeare",
            "Enginerering",
            "Directror",
            "Directrors",
            "Qaulity",
            "Laed",
            "Devloper",
        ] {
            assert!(!is_english(word), "{word}");
        }
    }
}
