//! Handbook-wide indexes, built once after every page is parsed and shared by the rules.
//!
//! Each index lives in its own module and is built from the pages' facts, never from
//! the Markdown again.

use crate::handbook::Handbook;

/// Every cross-page index of a handbook.
#[derive(Debug, Default)]
pub struct Indexes {}

impl Indexes {
    /// Builds the indexes of `handbook`, whose own `indexes` are still empty.
    pub fn build(_handbook: &Handbook) -> Self {
        Indexes {}
    }
}
