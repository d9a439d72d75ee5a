//! Work a handbook-wide rule does on each page, kept with the handbook.
//!
//! `role-typo` judges words against the whole handbook, but finding its candidate words
//! is a scan of one page against the vocabulary, the most costly part of the rule. The
//! scan is kept here, by page, so that a resident handbook edited a page at a time
//! (`Handbook::with_pages_edited`) scans only the edited pages again: the edit keeps the
//! scans of the other pages only when the vocabulary is unchanged, and a handbook built
//! afresh starts with none. A run of the command line scans every page once, as before.
//!
//! The slots hold `Any` so that the handbook does not name a rule's types (rules depend
//! on the handbook, not the other way round).

use std::any::Any;
use std::sync::OnceLock;

type Scan = Box<dyn Any + Send + Sync>;

/// One slot per page, by position in `Handbook::pages()`, filled on first use.
#[derive(Default)]
pub struct PageScans {
    slots: Vec<OnceLock<Scan>>,
}

impl PageScans {
    pub fn new(pages: usize) -> Self {
        PageScans {
            slots: (0..pages).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The scan of the page at `position`, made by `scan` the first time. `None` when
    /// the position is out of range or the slot holds another type (a second kind of
    /// scan would need a slot of its own).
    pub fn get_or_scan<T: Any + Send + Sync>(
        &self,
        position: usize,
        scan: impl FnOnce() -> T,
    ) -> Option<&T> {
        let slot = self.slots.get(position)?;
        slot.get_or_init(|| Box::new(scan())).downcast_ref()
    }

    /// The scans without those of the pages at `positions`, which changed.
    pub fn without(mut self, positions: &[usize]) -> Self {
        for &position in positions {
            if let Some(slot) = self.slots.get_mut(position) {
                *slot = OnceLock::new();
            }
        }
        self
    }
}
