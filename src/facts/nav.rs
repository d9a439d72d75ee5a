//! Navigation lists: the list right under a heading such as "Other Pages".

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};

use super::{node_range, ExtractOptions, PageFacts};
use crate::source::Source;

/// A page's navigation list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nav {
    /// The heading above the list ("Other Pages").
    pub heading_range: Range<usize>,
    /// The whole list.
    pub list_range: Range<usize>,
    /// One entry per list item, in order; items without a link have `link: None`.
    pub entries: Vec<NavEntry>,
}

/// One item of a nav. Offsets are `u32` (pages are far smaller than 4 GiB): the navs of
/// a flat handbook of a thousand pages hold a million entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavEntry {
    item_start: u32,
    item_end: u32,
    /// Until `link_entries`: where the item's first link starts in the page; after it,
    /// that link's index into `PageFacts::links`. `NO_LINK` when there is none. One field
    /// for both keeps an entry at 12 bytes.
    link: u32,
}

/// `NavEntry::link` of an item without a link.
const NO_LINK: u32 = u32::MAX;

impl NavEntry {
    /// The list item, bullet included.
    pub fn item_range(&self) -> Range<usize> {
        self.item_start as usize..self.item_end as usize
    }

    /// Index into `PageFacts::links` of the item's first link (see `PageFacts::nav_link`).
    pub fn link(&self) -> Option<usize> {
        (self.link != NO_LINK).then_some(self.link as usize)
    }
}

/// Whether two headings are the same but for case; without allocating when both are
/// ASCII, since every heading followed by a list is compared with every nav heading.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.to_lowercase() == b.to_lowercase()
}

/// The nav under `heading`, when the heading is a nav heading followed by a list.
pub(super) fn nav_after_heading<'a>(
    source: &Source,
    heading: &'a AstNode<'a>,
    options: &ExtractOptions,
) -> Option<Nav> {
    let list = heading.next_sibling()?;
    if !matches!(&list.data().value, NodeValue::List(_)) {
        return None;
    }
    let title = heading.collect_text();
    let title = title.trim().trim_end_matches(':').trim();
    if !options
        .nav_headings
        .iter()
        .any(|name| same_ignoring_case(name, title))
    {
        return None;
    }
    // A comment between two items (a suppression, a note) ends a list in CommonMark: the
    // list after it is the same nav.
    let mut lists = vec![list];
    let mut next = list.next_sibling();
    while let Some(comment) = next.filter(|node| is_comment_block(source, node)) {
        match comment.next_sibling() {
            Some(more) if matches!(&more.data().value, NodeValue::List(_)) => {
                lists.push(more);
                next = more.next_sibling();
            }
            _ => break,
        }
    }
    let entries = lists
        .iter()
        .flat_map(|list| list.children())
        .map(|item| {
            let range = node_range(source, item);
            NavEntry {
                item_start: range.start as u32,
                item_end: range.end as u32,
                link: first_link_start(source, item).map_or(NO_LINK, |start| start as u32),
            }
        })
        .collect();
    let last = lists.last().unwrap_or(&list);
    Some(Nav {
        heading_range: node_range(source, heading),
        list_range: node_range(source, list).start..node_range(source, last).end,
        entries,
    })
}

/// True for an HTML block that holds nothing but comments.
fn is_comment_block<'a>(source: &Source, node: &'a AstNode<'a>) -> bool {
    if !matches!(&node.data().value, NodeValue::HtmlBlock(_)) {
        return false;
    }
    let html = source.text()[node_range(source, node)].trim();
    html.starts_with("<!--") && html.ends_with("-->") && html.matches("-->").count() == 1
}

fn first_link_start<'a>(source: &Source, item: &'a AstNode<'a>) -> Option<usize> {
    let link = item
        .descendants()
        .find(|n| matches!(&n.data().value, NodeValue::Link(_)))?;
    Some(node_range(source, link).start)
}

/// Points each nav entry at its link among the page's links, found by start offset
/// (the links are in document order).
pub(super) fn link_entries(facts: &mut PageFacts) {
    let links = &facts.links;
    for entry in facts.navs.iter_mut().flat_map(|nav| nav.entries.iter_mut()) {
        if entry.link == NO_LINK {
            continue;
        }
        let start = entry.link as usize;
        entry.link = links
            .binary_search_by_key(&start, |link| link.range().start)
            .map_or(NO_LINK, |index| index as u32);
    }
}

#[cfg(test)]
mod tests {
    use crate::facts::{extract, ExtractOptions};
    use crate::source::Source;

    #[test]
    fn nav_entries_follow_the_nav_heading() {
        let markdown = "# Page\n\n* [Not nav](A.md)\n\n# Other Pages\n* [**Introduction**](README.md)\n* [**Software  Engineer**](Software-Engineer.md) \n* no link here\n";
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        assert_eq!(facts.navs.len(), 1);
        let nav = &facts.navs[0];
        assert_eq!(&source.text()[nav.heading_range.clone()], "# Other Pages");
        let labels: Vec<_> = nav
            .entries
            .iter()
            .map(|e| facts.nav_link(e).map(|l| l.label(source.text())))
            .collect();
        assert_eq!(
            labels,
            [Some("Introduction"), Some("Software  Engineer"), None]
        );
        assert_eq!(
            facts
                .nav_link(&nav.entries[1])
                .unwrap()
                .destination(source.text()),
            "Software-Engineer.md"
        );
        assert_eq!(source.position(nav.entries[1].item_range().start).line, 7);
    }

    #[test]
    fn other_headings_are_not_navs() {
        let source = Source::new("## Links\n* [A](A.md)\n".to_string());
        assert!(extract(&source, &ExtractOptions::default()).navs.is_empty());
    }
}
