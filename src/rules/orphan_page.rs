//! `orphan-page`: see `rules/orphan-page.md`.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::handbook::{Handbook, Page};
use crate::index::kinds::is_repository_file;
use crate::index::PageKind;
use crate::rule::{FixAvailability, Rule, RuleMeta};

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
        let indexes = handbook.indexes();
        // Where a site generator builds the navigation, or no page links another, pages
        // are not reached by links: an unlinked page is not lost.
        if !indexes.reach.by_links {
            return;
        }
        let Some(position) = handbook.page_index(&page.path) else {
            return;
        };
        // A folder's index page is what a reader sees on opening the folder; an empty
        // page is no handbook page.
        if indexes.kinds.of(position) == PageKind::Index
            || is_repository_file(&page.path)
            || !page.facts.has_content
            || indexes.links.inbound(position) > 0
            || indexes.reach.is_listed(position)
        {
            return;
        }
        let help =
            match renamed_links(handbook, position, &page.path) {
                Some((old, links)) => format!(
                "{} to `{old}`, which does not exist: if this page was renamed from it, update {}",
                match links {
                    1 => "a link points".to_string(),
                    n => format!("{n} links point"),
                },
                if links == 1 { "that link" } else { "those links" }
            ),
                None => {
                    "link it from its folder's nav or from a related page, or delete it".to_string()
                }
            };
        // Reported on line 1: the page as a whole is the problem.
        let range = page.source.line_range(1);
        out.push(
            META.finding(
                page,
                range,
                format!("no other page links to `{}`", page.path),
                "unreachable page",
            )
            .with_help(help),
        );
    }
}

/// The missing name this page most likely had before a rename, with the number of links
/// from other pages that still use it.
fn renamed_links<'h>(
    handbook: &'h Handbook,
    position: usize,
    path: &str,
) -> Option<(&'h str, usize)> {
    let (old, missing) = handbook.indexes().suggestions.renamed_from(path)?;
    let from_others = missing
        .linked_from
        .iter()
        .filter(|&&from| from != position)
        .count();
    (from_others > 0).then_some((old, from_others))
}
