//! Ordinary English words, to tell "Qualify" (a word) from "Qaulity" (a typo).
//!
//! The list is SCOWL's, as Debian ships it in `wamerican` and `wbritish` (size 50, both
//! spellings), vendored in `data/words/english.txt` under the licence in
//! `data/words/COPYRIGHT` and rebuilt by `data/words/generate.sh`. It is embedded in the
//! binary: roles-lint never downloads anything.
//!
//! The file holds one lower-cased word per line, sorted by bytes, without duplicates and
//! without possessive `'s` forms. The first lookup builds an open-addressing hash table of
//! line numbers over the embedded text (about 2 ms, see `index_is_cheap_to_build`); a
//! lookup then hashes the word and compares it with one or two lines. `role-typo` looks up
//! nearly every word of four letters or more, so this is on its hot path.

use std::sync::LazyLock;

static WORDS: &str = include_str!("../data/words/english.txt");

struct Index {
    /// Byte offset of every line, then the text length.
    starts: Vec<u32>,
    /// Slots of line number + 1 (0 is an empty slot); a power of two, under a third full.
    slots: Vec<u32>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| index_of(WORDS));

/// FxHash over 8-byte chunks: words are short, and this needs no state.
fn hash_of(word: &[u8]) -> usize {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut chunks = word.chunks_exact(8);
    let mut hash = word.len() as u64;
    for chunk in &mut chunks {
        let chunk = u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes"));
        hash = (hash.rotate_left(5) ^ chunk).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    hash = (hash.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    (hash ^ hash >> 29) as usize
}

fn index_of(text: &str) -> Index {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(80_000);
    starts.push(0);
    starts.extend(
        bytes
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' && i + 1 < bytes.len())
            .map(|(i, _)| i as u32 + 1),
    );
    let lines = starts.len();
    starts.push(bytes.len() as u32);
    let mask = (lines * 3).next_power_of_two() - 1;
    let mut slots = vec![0u32; mask + 1];
    for line in 0..lines {
        let mut slot = hash_of(line_of(bytes, &starts, line)) & mask;
        while slots[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        slots[slot] = line as u32 + 1;
    }
    Index { starts, slots }
}

/// Line `line` without its newline.
fn line_of<'a>(bytes: &'a [u8], starts: &[u32], line: usize) -> &'a [u8] {
    let (start, end) = (starts[line] as usize, starts[line + 1] as usize);
    let line = &bytes[start..end];
    line.strip_suffix(b"\n").unwrap_or(line)
}

/// True when `lower`, already lower-cased, is on the list exactly.
pub fn contains(lower: &str) -> bool {
    let index = &*INDEX;
    let bytes = WORDS.as_bytes();
    let wanted = lower.as_bytes();
    let mask = index.slots.len() - 1;
    let mut slot = hash_of(wanted) & mask;
    loop {
        match index.slots[slot] {
            0 => return false,
            line if line_of(bytes, &index.starts, line as usize - 1) == wanted => return true,
            _ => slot = (slot + 1) & mask,
        }
    }
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
    fn index_holds_every_word_once() {
        let index = index_of(WORDS);
        assert_eq!(index.starts.len(), WORDS.lines().count() + 1);
        let used = index.slots.iter().filter(|&&s| s != 0).count();
        assert_eq!(used, WORDS.lines().count());
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
