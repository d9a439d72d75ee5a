//! A table of recent yes-or-no answers about short words, for questions asked of nearly
//! every word of a handbook. Prose repeats its words, so most questions have been asked
//! before: a slot holds a whole word and its answer, and a word that shares its slot
//! with another is asked again, never answered for the other.

/// The longest word the table remembers, in bytes; longer words are always asked.
pub const REMEMBERED_BYTES: usize = 15;

/// The answer's bit in a slot.
const YES: u128 = 1 << 127;

/// Answers by word, in a power-of-two number of 16-byte slots indexed by hash.
pub struct RecentAnswers {
    slots: Vec<u128>,
}

impl RecentAnswers {
    /// An empty table of `slots` slots (a power of two).
    pub fn new(slots: usize) -> Self {
        assert!(slots.is_power_of_two(), "{slots} slots");
        RecentAnswers {
            slots: vec![0; slots],
        }
    }

    /// Forgets every answer.
    pub fn clear(&mut self) {
        self.slots.fill(0);
    }

    /// The answer for `word`: the remembered one, or `ask()`'s, then remembered when the
    /// word is short enough.
    pub fn answer(&mut self, word: &[u8], ask: impl FnOnce() -> bool) -> bool {
        let Some(key) = key_of(word) else {
            return ask();
        };
        let mask = self.slots.len() - 1;
        let slot = &mut self.slots[slot_of(key) & mask];
        if *slot & !YES == key {
            return *slot & YES != 0;
        }
        let yes = ask();
        *slot = key | if yes { YES } else { 0 };
        yes
    }
}

/// A slot's key for `word`: its bytes, then zeros, then its length in the last byte (below
/// the answer's bit), or `None` for an empty word or one too long to remember. A slot that
/// holds 0 holds no word: every key has a length.
fn key_of(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > REMEMBERED_BYTES {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word);
    bytes[15] = word.len() as u8;
    Some(u128::from_le_bytes(bytes))
}

/// A hash of a key: FxHash's step over its two halves (the word's bytes and its length are
/// in them), with the high bits folded down.
fn slot_of(key: u128) -> usize {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let hash = (key as u64).wrapping_mul(K);
    let hash = (hash.rotate_left(5) ^ (key >> 64) as u64).wrapping_mul(K);
    (hash ^ hash >> 29) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_stay_right_when_words_share_a_slot_or_are_long() {
        let mut table = RecentAnswers::new(16);
        let slot = |word: &str| slot_of(key_of(word.as_bytes()).expect("a short word")) & 15;
        let known = "engineer";
        let other = (0..)
            .map(|i| format!("enginerer{i}"))
            .find(|word| slot(word) == slot(known))
            .expect("some suffix lands in the same slot");
        let asked = std::cell::Cell::new(0);
        let mut ask = |word: &str, yes: bool| {
            table.answer(word.as_bytes(), || {
                asked.set(asked.get() + 1);
                yes
            })
        };
        for _ in 0..3 {
            assert!(ask(known, true));
            assert!(!ask(&other, false));
        }
        // Sharing a slot, each pushes the other out: asked every time, never mixed up.
        assert_eq!(asked.get(), 6);
        let long = "antidisestablishmentarianism";
        assert!(long.len() > REMEMBERED_BYTES);
        assert!(ask(long, true));
        assert!(!ask(long, false), "a long word is asked, not remembered");
    }

    #[test]
    fn an_answer_is_remembered_until_cleared() {
        let mut table = RecentAnswers::new(1024);
        assert!(table.answer(b"quality", || true));
        assert!(table.answer(b"quality", || panic!("asked again")));
        assert!(
            !table.answer(b"Quality", || false),
            "bytes are compared exactly"
        );
        table.clear();
        assert!(!table.answer(b"quality", || false));
    }
}
