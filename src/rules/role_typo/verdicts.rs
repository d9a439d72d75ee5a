//! Whether a written word is a candidate, remembered per thread for the length of one
//! scan of the handbook. Nearly every word of the handbook is asked about and most are
//! asked before: a remembered answer spares lower-casing the word and looking it up in
//! the English list and the vocabulary. The answer depends on the vocabulary, so a table
//! serves one scan (`Scan`) and is cleared for the next.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::recent::RecentAnswers;

/// Slots of each thread's table: 8,192 of 16 bytes, 128 KiB per thread.
const SLOTS: usize = 8_192;

/// Numbers the scans of this process: a table answers for one of them only.
static SCANS: AtomicU64 = AtomicU64::new(1);

/// One scan of the handbook's words against one vocabulary.
pub struct Scan(u64);

impl Scan {
    pub fn new() -> Self {
        Scan(SCANS.fetch_add(1, Ordering::Relaxed))
    }
}

thread_local! {
    /// The scan the table answers for, and its answers; `None` before the thread's
    /// first scan.
    static VERDICTS: RefCell<Option<(u64, RecentAnswers)>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's table of answers for `scan`, emptied if it held another
/// scan's.
pub fn with_verdicts<R>(scan: &Scan, f: impl FnOnce(&mut RecentAnswers) -> R) -> R {
    VERDICTS.with_borrow_mut(|verdicts| {
        let (held, table) = verdicts.get_or_insert_with(|| (scan.0, RecentAnswers::new(SLOTS)));
        if *held != scan.0 {
            table.clear();
            *held = scan.0;
        }
        f(table)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_scan_forgets_the_last_ones_answers() {
        let first = Scan::new();
        assert!(with_verdicts(&first, |t| t.answer(b"enginerering", || true)));
        assert!(with_verdicts(&first, |t| t.answer(b"enginerering", || false)));
        let second = Scan::new();
        assert!(!with_verdicts(&second, |t| t.answer(b"enginerering", || false)));
    }
}
