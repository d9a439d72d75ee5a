//! Handbook-wide indexes, built once after every page is parsed and shared by the rules.
//!
//! Each index lives in its own module and is built from the pages' facts, never from
//! the Markdown again.

pub mod comparisons;
pub mod inbound;
pub mod inflection;
pub mod navs;
pub mod titles;
pub mod vocabulary;

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
    /// The words the handbook names its roles with, for `role-typo`.
    pub vocabulary: vocabulary::Vocabulary,
}

impl Indexes {
    /// Builds the indexes of `handbook`, whose own `indexes` are still empty.
    pub fn build(handbook: &Handbook) -> Self {
        let config = handbook.config();
        let ((navs, inbound), (titles, vocabulary)) = rayon::join(
            || {
                rayon::join(
                    || navs::NavIndex::build(handbook),
                    || inbound::InboundIndex::build(handbook),
                )
            },
            || {
                rayon::join(
                    || RoleTitles::build(handbook),
                    || {
                        vocabulary::Vocabulary::build(
                            handbook.pages(),
                            &config.roles_extra,
                            &config.ignore_words,
                        )
                    },
                )
            },
        );
        Indexes {
            navs,
            inbound,
            titles,
            vocabulary,
        }
    }
}
