//! The registry: every rule, ordered by id.

mod anchor_label_mismatch;
mod broken_anchor;
mod broken_link;
mod comparison_row_mismatch;
mod duplicate_nav_entry;
mod nav_inconsistent;
mod nav_label_mismatch;
mod nav_rewrite;
mod orphan_page;

use crate::rule::{Rule, RuleMeta};

pub use anchor_label_mismatch::AnchorLabelMismatch;
pub use broken_anchor::BrokenAnchor;
pub use broken_link::BrokenLink;
pub use comparison_row_mismatch::ComparisonRowMismatch;
pub use duplicate_nav_entry::DuplicateNavEntry;
pub use nav_inconsistent::NavInconsistent;
pub use nav_label_mismatch::NavLabelMismatch;
pub use orphan_page::OrphanPage;

/// Pseudo-rule of pages that could not be read; always an error, never a fix.
pub const IO_ERROR: &str = "io-error";

/// Every rule, ordered by id, so that output is deterministic.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &AnchorLabelMismatch,
        &BrokenAnchor,
        &BrokenLink,
        &ComparisonRowMismatch,
        &DuplicateNavEntry,
        &NavInconsistent,
        &NavLabelMismatch,
        &OrphanPage,
    ]
}

/// The metadata of the rule with this id.
pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    all()
        .iter()
        .map(|rule| rule.meta())
        .find(|meta| meta.id == id)
}
