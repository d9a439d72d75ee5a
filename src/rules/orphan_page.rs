//! `orphan-page`: see `rules/orphan-page.md`.

use crate::diagnostic::Diagnostic;
use crate::handbook::{Handbook, Page};
use crate::index::navs::is_index_page;
use crate::rule::{FixAvailability, Rule, RuleMeta, Severity};

pub struct OrphanPage;

static META: RuleMeta = RuleMeta {
    id: "orphan-page",
    summary: "No other page links to this page.",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    doc: include_str!("../../rules/orphan-page.md"),
};

impl Rule for OrphanPage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        // A folder's README is what a reader sees on opening the folder.
        if is_index_page(&page.path) || handbook.indexes().inbound.count(handbook, &page.path) > 0 {
            return;
        }
        // Reported on line 1: the page as a whole is the problem.
        let range = page.source.line_range(1);
        out.push(
            META.finding(
                page,
                range,
                format!("no other page links to `{}`", page.path),
                "unreachable page",
            )
            .with_help("link it from its folder's nav or from a related page, or delete it"),
        );
    }
}
