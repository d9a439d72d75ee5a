//! Rename a role: the title heading of a role page, renamed, renames the role where the
//! handbook names it as such. That is the title itself (and the `#fragment`s of its
//! slug), the titles of comparison pages ("A vs B") that compare it (and their
//! fragments), the labels of links and nav entries to those pages that read exactly as
//! the old title, and the cells of comparison tables that name it in words. Prose
//! outside comparison tables is left alone: whether "Software Director" in a sentence
//! means this role or a job in general is not for a rename to decide. The page's file
//! keeps its name (a file rename does that, with its links).
#![expect(
    clippy::mutable_key_type,
    reason = "WorkspaceEdit::changes is keyed by Uri, whose cell is never mutated"
)]

use std::ops::Range;

use lsp_types::TextEdit;

use super::convert;
use super::lookup;
use super::rename::{heading_edits, heading_text_range, Changes};
use super::state::State;
use crate::handbook::{Handbook, Page};
use crate::index::kinds::{kind_of, PageKind};
use crate::index::titles::{comparison_roles, key_of, ExpectedRoles};

/// True when `bytes` is the text of the title heading of a role page.
pub fn is_role_title(page: &Page, bytes: &Range<usize>) -> bool {
    let Some(title) = page.facts.title() else {
        return false;
    };
    kind_of(page) == PageKind::Role
        && title.range().start <= bytes.start
        && bytes.end <= title.range().end
}

/// The edits that rename the role titled by `page` to `new_title`; `None` when the new
/// title would not read as one heading.
pub fn rename(state: &State, page: &Page, bytes: Range<usize>, new_title: &str) -> Option<Changes> {
    let handbook = state.handbook()?;
    let old_title = page.facts.title_text()?.to_string();
    let mut changes = Changes::new();
    heading_edits(state, page, bytes, new_title, &mut changes)?;
    // Every page whose title changes: (position, old title, new title).
    let own = handbook.page_index(&page.path)?;
    let mut retitled = vec![(own, old_title.clone(), new_title.to_string())];
    for (index, other) in handbook.pages().iter().enumerate() {
        if let Some((range, text)) = retitled_comparison(other, &old_title, new_title) {
            let old = other.facts.title_text().unwrap_or_default().to_string();
            // A title that would not parse as one heading stays as it is.
            if heading_edits(state, other, range, &text, &mut changes).is_some() {
                retitled.push((index, old, text));
            }
        }
    }
    for (target, old, new) in &retitled {
        label_edits(state, handbook, *target, old, new, &mut changes);
    }
    table_edits(state, handbook, &old_title, new_title, &mut changes);
    Some(changes)
}

/// The title text range of a comparison page that compares the role `old`, and its text
/// with the role renamed; `None` for other pages, or where the written title does not
/// hold the role's name as its plain text does (markup inside it).
fn retitled_comparison(page: &Page, old: &str, new: &str) -> Option<(Range<usize>, String)> {
    if kind_of(page) != PageKind::Comparison {
        return None;
    }
    let title = page.facts.title()?;
    let roles = comparison_roles(title.text())?;
    let wanted = key_of(old);
    if !roles.iter().any(|role| key_of(role) == wanted) {
        return None;
    }
    let range = heading_text_range(page, title)?;
    let written = page.source.text().get(range.clone())?;
    // Replace the compared roles in order, each found after the one before, so that a
    // role whose name holds another's ("Director" in "Software Director") is not hit.
    let mut text = String::new();
    let mut at = 0;
    for role in roles {
        let found = at + written.get(at..)?.find(role)?;
        text.push_str(&written[at..found]);
        text.push_str(if key_of(role) == wanted { new } else { role });
        at = found + role.len();
    }
    text.push_str(&written[at..]);
    Some((range, text))
}

/// Labels of links to the page at `target` (nav entries among them) that read exactly
/// as its old title get the new one; emphasis around the words stays.
fn label_edits(
    state: &State,
    handbook: &Handbook,
    target: usize,
    old: &str,
    new: &str,
    changes: &mut Changes,
) {
    for (from, link, _) in lookup::links_to(handbook, target) {
        let linking = handbook.page_at(from);
        let text = linking.source.text();
        let Some(facts) = linking.facts.links.get(link) else {
            continue;
        };
        if facts.label(text).trim() != old {
            continue;
        }
        let Some(label) = facts.label_range() else {
            continue;
        };
        let Some(found) = text.get(label.clone()).and_then(|l| l.find(old)) else {
            continue;
        };
        let start = label.start + found;
        push(state, linking, start..start + old.len(), new, changes);
    }
}

/// Cells of comparison tables that compare the role and name it in words (not through
/// a link, whose label `label_edits` renames): header cells, and the rows' mentions of
/// it, which the comparison rule reads as the role ("Act as Software Director").
fn table_edits(state: &State, handbook: &Handbook, old: &str, new: &str, changes: &mut Changes) {
    let wanted = key_of(old);
    let indexes = handbook.indexes();
    for (index, page) in handbook.pages().iter().enumerate() {
        let text = page.source.text();
        let linked = |range: &Range<usize>| {
            page.facts
                .links
                .iter()
                .any(|l| l.range().start <= range.start && range.end <= l.range().end)
        };
        for (position, table) in page.facts.tables.iter().enumerate() {
            let Some(comparison) = indexes.comparisons.of(index, position) else {
                continue;
            };
            let compares = |role: &str| key_of(role) == wanted;
            if !comparison.columns.iter().any(|(_, role)| compares(role))
                && !comparison.header_roles.iter().any(|h| compares(&h.role))
            {
                continue;
            }
            let mut ranges: Vec<Range<usize>> = comparison
                .header_roles
                .iter()
                .filter(|h| text.get(h.range.clone()).is_some_and(compares))
                .map(|h| h.range.clone())
                .collect();
            let expected = ExpectedRoles::new([old]);
            for row in &table.rows {
                for cell in &row.source_cells {
                    let words = page.facts.words_in(text, cell.range.clone());
                    let mentions = indexes.titles.mentions(text, &words, &expected);
                    let named = mentions.into_iter().filter(|m| m.exact);
                    ranges.extend(
                        named
                            .map(|m| m.range)
                            .filter(|r| text.get(r.clone()).is_some_and(compares)),
                    );
                }
            }
            for range in ranges.into_iter().filter(|r| !linked(r)) {
                push(state, page, range, new, changes);
            }
        }
    }
}

fn push(state: &State, page: &Page, bytes: Range<usize>, new: &str, changes: &mut Changes) {
    if let Some(uri) = state.uri(&page.path) {
        changes.entry(uri).or_default().push(TextEdit {
            range: convert::range(&page.source, &bytes, state.encoding),
            new_text: new.to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::retitled_comparison;
    use crate::facts::ExtractOptions;
    use crate::load::parse_page;

    #[test]
    fn a_comparison_title_renames_only_the_compared_role() {
        let page = |text: &str| {
            parse_page(
                "C.md".to_string(),
                text.to_string(),
                &ExtractOptions::default(),
            )
        };
        // "Director" is also inside "Software Director": only the second role is it.
        let (range, text) = retitled_comparison(
            &page("# Software Director vs Director\n"),
            "Director",
            "Lead",
        )
        .unwrap();
        assert_eq!((range, text.as_str()), (2..31, "Software Director vs Lead"));
        // A page that does not compare the role, and a role page, are not retitled.
        assert!(retitled_comparison(&page("# A vs B\n"), "Director", "Lead").is_none());
        assert!(retitled_comparison(&page("# Director\n"), "Director", "Lead").is_none());
    }
}
