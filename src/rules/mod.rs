//! The registry: every rule, ordered by id.

mod anchor_label_mismatch;
mod broken_anchor;
mod broken_link;
mod comparison_row_mismatch;
mod duplicate_nav_entry;
mod invisible_char;
mod nav_inconsistent;
mod nav_label_mismatch;
mod nav_rewrite;
mod orphan_page;
pub mod pseudo;
mod role_typo;

use crate::rule::{Rule, RuleMeta};

pub use anchor_label_mismatch::AnchorLabelMismatch;
pub use broken_anchor::BrokenAnchor;
pub use broken_link::BrokenLink;
pub use comparison_row_mismatch::ComparisonRowMismatch;
pub use duplicate_nav_entry::DuplicateNavEntry;
pub use invisible_char::InvisibleChar;
pub use nav_inconsistent::NavInconsistent;
pub use nav_label_mismatch::NavLabelMismatch;
pub use orphan_page::OrphanPage;
pub use role_typo::RoleTypo;

pub use pseudo::{INVALID_SUPPRESSION, IO_ERROR};

/// Every rule, ordered by id, so that output is deterministic.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &AnchorLabelMismatch,
        &BrokenAnchor,
        &BrokenLink,
        &ComparisonRowMismatch,
        &DuplicateNavEntry,
        &InvisibleChar,
        &NavInconsistent,
        &NavLabelMismatch,
        &OrphanPage,
        &RoleTypo,
    ]
}

/// The metadata of the rule with this id.
pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    all()
        .iter()
        .map(|rule| rule.meta())
        .find(|meta| meta.id == id)
}

/// The metadata of a rule or pseudo-rule (`io-error`, `invalid-suppression`): every id
/// that configuration, `--select`, suppressions and reports may name.
pub fn known(id: &str) -> Option<&'static RuleMeta> {
    known_metas().find(|meta| meta.id == id)
}

/// Every rule, then every pseudo-rule.
pub fn known_metas() -> impl Iterator<Item = &'static RuleMeta> {
    all().iter().map(|rule| rule.meta()).chain(pseudo::all())
}
