//! The registry: every rule, ordered by id.

mod anchor_label_mismatch;
mod broken_anchor;
mod broken_link;
mod comparison_row_mismatch;

use crate::rule::{Rule, RuleMeta};

pub use anchor_label_mismatch::AnchorLabelMismatch;
pub use broken_anchor::BrokenAnchor;
pub use broken_link::BrokenLink;
pub use comparison_row_mismatch::ComparisonRowMismatch;

/// Pseudo-rule of pages that could not be read; always an error, never a fix.
pub const IO_ERROR: &str = "io-error";

/// Every rule, ordered by id, so that output is deterministic.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &AnchorLabelMismatch,
        &BrokenAnchor,
        &BrokenLink,
        &ComparisonRowMismatch,
    ]
}

/// The metadata of the rule with this id.
pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    all()
        .iter()
        .map(|rule| rule.meta())
        .find(|meta| meta.id == id)
}
