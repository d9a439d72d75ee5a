//! Handbook-wide indexes, built once after every page is parsed and shared by the rules.
//!
//! Each index lives in its own module and is built from the pages' facts, never from
//! the Markdown again.

pub mod comparisons;
pub mod titles;

use crate::handbook::Handbook;
pub use titles::RoleTitles;

/// Every cross-page index of a handbook.
#[derive(Debug, Default)]
pub struct Indexes {
    /// The titles of the role pages.
    pub titles: RoleTitles,
}

impl Indexes {
    /// Builds the indexes of `handbook`, whose own `indexes` are still empty.
    pub fn build(handbook: &Handbook) -> Self {
        Indexes {
            titles: RoleTitles::build(handbook),
        }
    }
}
