//! Navigation lists: the list right under a heading such as "Other Pages".

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};

use super::{node_range, ExtractOptions};
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavEntry {
    /// The list item, bullet included.
    pub item_range: Range<usize>,
    /// The first link of the item, if it has one.
    pub link: Option<NavLink>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavLink {
    /// Plain label text (emphasis markers dropped).
    pub label: String,
    pub destination: String,
    /// The whole `[label](destination)`.
    pub range: Range<usize>,
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
        .any(|name| name.to_lowercase() == title.to_lowercase())
    {
        return None;
    }
    let entries = list
        .children()
        .map(|item| NavEntry {
            item_range: node_range(source, item),
            link: first_link(source, item),
        })
        .collect();
    Some(Nav {
        heading_range: node_range(source, heading),
        list_range: node_range(source, list),
        entries,
    })
}

fn first_link<'a>(source: &Source, item: &'a AstNode<'a>) -> Option<NavLink> {
    let link = item
        .descendants()
        .find(|n| matches!(&n.data().value, NodeValue::Link(_)))?;
    let destination = match &link.data().value {
        NodeValue::Link(l) => l.url.clone(),
        _ => return None,
    };
    let label = link
        .collect_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(NavLink {
        label,
        destination,
        range: node_range(source, link),
    })
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
            .map(|e| e.link.as_ref().map(|l| l.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [Some("Introduction"), Some("Software Engineer"), None]
        );
        assert_eq!(
            nav.entries[1].link.as_ref().unwrap().destination,
            "Software-Engineer.md"
        );
        assert_eq!(source.position(nav.entries[1].item_range.start).line, 7);
    }

    #[test]
    fn other_headings_are_not_navs() {
        let source = Source::new("## Links\n* [A](A.md)\n".to_string());
        assert!(extract(&source, &ExtractOptions::default()).navs.is_empty());
    }
}
