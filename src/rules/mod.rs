//! The registry: every rule, ordered by id.

mod broken_anchor;
mod broken_link;
mod invisible_char;
mod role_typo;

use crate::rule::{Rule, RuleMeta};

pub use broken_anchor::BrokenAnchor;
pub use broken_link::BrokenLink;
pub use invisible_char::InvisibleChar;
pub use role_typo::RoleTypo;

/// Pseudo-rule of pages that could not be read; always an error, never a fix.
pub const IO_ERROR: &str = "io-error";

/// Every rule, ordered by id, so that output is deterministic.
pub fn all() -> &'static [&'static dyn Rule] {
    &[&BrokenAnchor, &BrokenLink, &InvisibleChar, &RoleTypo]
}

/// The metadata of the rule with this id.
pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    all()
        .iter()
        .map(|rule| rule.meta())
        .find(|meta| meta.id == id)
}
