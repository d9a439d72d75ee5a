//! `duplicate-nav-entry`: see `rules/duplicate-nav-entry.md`.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix, Related};
use crate::handbook::{Handbook, Page};
use crate::index::navs::{entry_target, TargetKey};
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::source::Source;

pub struct DuplicateNavEntry;

static META: RuleMeta = RuleMeta {
    id: "duplicate-nav-entry",
    summary: "A nav list links the same page twice.",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/duplicate-nav-entry.md"),
};

impl Rule for DuplicateNavEntry {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let Some(position) = handbook.page_index(&page.path) else {
            return;
        };
        let links = &handbook.indexes().links;
        let last = page.facts.navs.len().saturating_sub(1);
        for (nav_index, nav) in page.facts.navs.iter().enumerate() {
            // The page's nav (its last) was resolved once by the index.
            let resolved = (nav_index == last)
                .then(|| handbook.indexes().navs.entry_targets(&page.path))
                .flatten();
            let mut first_of: HashMap<&str, usize> = HashMap::new();
            let computed: Vec<Option<TargetKey>>;
            let targets = match resolved {
                Some(targets) => targets,
                None => {
                    computed = nav
                        .entries
                        .iter()
                        .map(|e| {
                            entry_target(handbook.pages_set(), page, position, e, links)
                                .map(|(key, _)| key)
                        })
                        .collect();
                    &computed
                }
            };
            for (index, (entry, target)) in nav.entries.iter().zip(targets).enumerate() {
                let Some(target) = target.as_deref() else {
                    continue;
                };
                let Some(&first) = first_of.get(&target) else {
                    first_of.insert(target, index);
                    continue;
                };
                let first = &nav.entries[first];
                let link_range = |e: &crate::facts::NavEntry| {
                    page.facts.nav_link(e).map_or(e.item_range(), |l| l.range())
                };
                let mut diagnostic = META
                    .finding(
                        page,
                        link_range(entry),
                        format!("the nav links `{target}` a second time"),
                        "duplicate entry",
                    )
                    .with_help("delete this entry: every page appears once in a nav")
                    .with_fix(whole_lines(&page.source, entry.item_range()).map(|range| {
                        Fix::replace("Delete the duplicate nav entry", &page.source, range, "")
                    }));
                diagnostic.related.push(Related {
                    range: link_range(first),
                    label: "first listed here".to_string(),
                });
                out.push(diagnostic);
            }
        }
    }
}

/// The lines holding `item` from their start through their line ending, when nothing else
/// shares those lines (only indentation before the item).
fn whole_lines(source: &Source, item: Range<usize>) -> Option<Range<usize>> {
    let first_line = source.line_of(item.start);
    let start = source.line_start(first_line);
    let before = &source.text()[start..item.start];
    if !before.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    let last_line = source.line_of(item.end.saturating_sub(1).max(item.start));
    let line_end = source.line_range(last_line).end;
    if !source.text()[item.end.min(line_end)..line_end]
        .trim()
        .is_empty()
    {
        return None;
    }
    let end = if last_line >= source.line_count() {
        source.text().len()
    } else {
        source.line_start(last_line + 1)
    };
    Some(start..end)
}
