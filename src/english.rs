//! Ordinary English words, to tell "Qualify" (a word) from "Qaulity" (a typo).
//!
//! The list is the union of SCOWL size 70 ("large"; American, British and Canadian
//! spellings, as Debian ships it in `wamerican-large`, `wbritish-large` and
//! `wcanadian-large`) and cspell's dictionaries of software terms, full-stack terms and
//! company names (`@cspell/dict-software-terms`, `-fullstack`, `-companies`). It is
//! vendored in `data/words/` with the licence of every source and rebuilt from the
//! packages by `data/words/generate.sh`. Nothing is downloaded at run time.
//!
//! Every word is lower-cased, with no possessive `'s` and no hyphen (prose is cut into
//! words at hyphens). `words.txt` holds them one a line, sorted by bytes, for readable
//! diffs; the binary embeds only `words.fst`, the same set as a finite state automaton
//! (`fst::Set`), which is searched where it lies: opening it reads a header and builds
//! nothing.
//!
//! `role-typo` looks up nearly every word of four letters or more, so a lookup is on its
//! hot path. The automaton walks one state per byte: over the real-world corpus's words it
//! answers about 6 million lookups a second, a third of what the hash table it replaced
//! did. Prose repeats its words, so each thread remembers its recent answers in a table
//! indexed by hash: on the real-world corpus it answers 95% of role-typo's lookups.

use std::cell::RefCell;
use std::sync::LazyLock;

use fst::Set;

use crate::recent::{RecentAnswers, REMEMBERED_BYTES};

static WORDS: LazyLock<Set<&'static [u8]>> = LazyLock::new(|| {
    Set::new(&include_bytes!("../data/words/words.fst")[..])
        .expect("words.fst is written by fst's own SetBuilder (see the tests)")
});

/// True when `lower`, already lower-cased, is on the list exactly.
pub fn contains(lower: &str) -> bool {
    let word = lower.as_bytes();
    if word.len() > REMEMBERED_BYTES {
        return WORDS.contains(word);
    }
    RECENT.with_borrow_mut(|recent| {
        recent
            .get_or_insert_with(|| RecentAnswers::new(RECENT_SLOTS))
            .answer(word, || WORDS.contains(word))
    })
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

/// Slots of the per-thread table of recent answers: a power of two. 16,384 slots of 16
/// bytes (256 KiB per thread): on the real-world corpus a quarter as many words miss as
/// with 4,096 slots of 24 bytes, and a miss costs a walk of the automaton, about 2,000
/// instructions (most misses are English words the table had no room for).
const RECENT_SLOTS: usize = 16_384;

thread_local! {
    /// `None` until the thread's first lookup: whether each recent word is on the list.
    static RECENT: RefCell<Option<RecentAnswers>> = const { RefCell::new(None) };
}

#[cfg(test)]
mod tests {
    use fst::Streamer;

    use super::*;

    /// The text form of the set, kept beside it for diffs; only the tests read it.
    static LISTED: &str = include_str!("../data/words/words.txt");

    #[test]
    fn the_list_is_sorted_lower_case_and_without_duplicates() {
        let words: Vec<&str> = LISTED.lines().collect();
        assert!(words.len() > 130_000);
        for pair in words.windows(2) {
            assert!(pair[0] < pair[1], "{:?} is out of order", pair);
        }
        for word in words {
            assert!(!word.is_empty() && word == word.to_lowercase(), "{word:?}");
            assert!(!word.contains('-') && !word.ends_with("'s"), "{word:?}");
        }
    }

    #[test]
    fn the_set_is_intact_and_holds_the_list_exactly() {
        WORDS.as_fst().verify().expect("the checksum of words.fst");
        assert_eq!(WORDS.len(), LISTED.lines().count());
        let mut stream = WORDS.stream();
        let mut listed = LISTED.lines();
        while let Some(key) = stream.next() {
            assert_eq!(Some(key), listed.next().map(str::as_bytes));
        }
        assert_eq!(listed.next(), None);
    }

    #[test]
    fn every_listed_word_is_found_and_neighbours_are_not() {
        for word in LISTED.lines() {
            assert!(contains(word), "{word}");
            assert!(!contains(&format!("{word}\u{1}")), "{word}");
        }
        assert!(!contains(""));
        assert!(!contains("zzzzzzzzz"));
        assert!(!contains("\u{0}"));
    }

    #[test]
    fn long_words_are_looked_up_in_full() {
        let long = "antidisestablishmentarianism";
        assert!(long.len() > REMEMBERED_BYTES);
        for _ in 0..2 {
            assert!(contains(long));
            assert!(!contains("antidisestablishmentarianisn"));
        }
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

    #[test]
    fn software_words_and_company_names_are_english() {
        // SCOWL size 70 knows the first ones; the cspell dictionaries the rest.
        for word in [
            "analytics",
            "integrators",
            "fallback",
            "traversal",
            "stakeholder",
            "postmortem",
            "colour",
            "centre",
            "performant",
            "dereferences",
            "dist",
            "readdir",
            "linter",
            "toolchain",
            "middleware",
            "namespace",
            "serverless",
            "Kubernetes",
            "frontend",
            "backend",
            "onboarding",
            "offboarding",
            "roadmap",
            "runbook",
            "GitHub",
            "Figma",
            "Salesforce",
            "McDonald's",
            "Coca",
            "Cola",
        ] {
            assert!(is_english(word), "{word}");
        }
    }

    #[test]
    fn common_misspellings_are_not_english() {
        for word in [
            "recieve",
            "seperate",
            "occured",
            "definately",
            "managment",
            "enviroment",
            "accomodate",
            "wich",
            "teh",
        ] {
            assert!(!is_english(word), "{word}");
        }
    }
}
