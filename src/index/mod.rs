//! Handbook-wide indexes, built once after every page is parsed and shared by the rules.
//!
//! Each index lives in its own module and is built from the pages' facts, never from
//! the Markdown again.

pub mod inflection;
pub mod vocabulary;

use crate::handbook::Handbook;

/// Every cross-page index of a handbook.
#[derive(Debug, Default)]
pub struct Indexes {
    /// The words the handbook names its roles with, for `role-typo`.
    pub vocabulary: vocabulary::Vocabulary,
}

impl Indexes {
    /// Builds the indexes of `handbook`, whose own `indexes` are still empty.
    pub fn build(handbook: &Handbook) -> Self {
        // TODO(configuration issue): pass `[roles] extra` and `ignore-words` once the
        // configuration file is read; until then the vocabulary is only learnt.
        Indexes {
            vocabulary: vocabulary::Vocabulary::build(handbook.pages(), &[], &[]),
        }
    }
}
