//! Handbook-wide indexes, built once after every page is parsed and shared by the rules.
//!
//! Each index lives in its own module and is built from the pages' facts, never from
//! the Markdown again.

pub mod comparisons;
pub mod inbound;
pub mod navs;
pub mod titles;

use crate::handbook::Handbook;
pub use titles::RoleTitles;

/// Every cross-page index of a handbook.
#[derive(Debug, Default)]
pub struct Indexes {
    /// The canonical nav of each folder.
    pub navs: navs::NavIndex,
    /// How many other pages link to each page.
    pub inbound: inbound::InboundIndex,
    /// The titles of the role pages.
    pub titles: RoleTitles,
}

impl Indexes {
    /// Builds the indexes of `handbook`, whose own `indexes` are still empty.
    pub fn build(handbook: &Handbook) -> Self {
        let ((navs, inbound), titles) = rayon::join(
            || {
                rayon::join(
                    || navs::NavIndex::build(handbook),
                    || inbound::InboundIndex::build(handbook),
                )
            },
            || RoleTitles::build(handbook),
        );
        Indexes {
            navs,
            inbound,
            titles,
        }
    }
}
