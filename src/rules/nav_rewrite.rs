//! The fix of `nav-inconsistent`: the page's nav list made the folder's nav by moving,
//! deleting and inserting whole entries. An entry the page keeps is copied byte for byte
//! with everything that belongs to it (text after the link, a nested list, a comment above
//! it, a link title, markup in the label); only a missing entry is written anew, in the
//! page's own bullet and emphasis style.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::diagnostic::Fix;
use crate::facts::Nav;
use crate::handbook::{Handbook, Page};
use crate::index::kinds::is_index_page;
use crate::index::navs::{collapsed, key_path, FolderNav, TargetKey};
use crate::page::relative_link;

/// How the page writes its nav items.
struct Style<'a> {
    indent: &'a str,
    /// `*`, `-`, `+`, or the number of an ordered list's first item and its delimiter.
    bullet: Bullet<'a>,
    /// Emphasis around labels: `**`, `__`, `*`, `_` or nothing.
    emphasis: &'a str,
    line_ending: &'a str,
}

enum Bullet<'a> {
    Mark(&'a str),
    Number(usize, char),
}

/// A fix that makes the nav list `targets`, in order.
///
/// Entries are cut into blocks of whole lines: an item's lines and the lines between it
/// and the next item, except comment and blank lines right above an item, which go with
/// that item (a `disable-next-line` comment stays above its entry). An entry whose target
/// is listed keeps its block; an entry of a target not listed is deleted; an entry without
/// a link, to a missing file, or repeated stays where it was, after the entry before it.
pub(super) fn rewrite(
    page: &Page,
    handbook: &Handbook,
    nav: &Nav,
    canonical: &FolderNav,
    targets: &[TargetKey],
) -> Option<Fix> {
    let text = page.source.text();
    let style = style_of(page, nav)?;
    let entry_targets = handbook.indexes().navs.entry_targets(&page.path)?;
    let listed: HashSet<&TargetKey> = targets.iter().collect();
    let existing: HashSet<TargetKey> = handbook
        .indexes()
        .navs
        .nav_targets(&page.path)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let blocks = blocks_of(page, nav);
    let whole = blocks.first()?.start..blocks.last()?.end;

    // Groups of blocks: a kept entry with the blocks that stay after it.
    let mut leading: Vec<Range<usize>> = Vec::new();
    let mut groups: HashMap<&TargetKey, Vec<Range<usize>>> = HashMap::new();
    let mut current: Option<&TargetKey> = None;
    for (block, target) in blocks.iter().zip(entry_targets) {
        let keyed = target
            .as_ref()
            .filter(|key| existing.contains(*key) && !groups.contains_key(key));
        match keyed {
            Some(key) if listed.contains(key) => {
                groups.insert(key, vec![block.clone()]);
                current = Some(key);
            }
            // Listed nowhere in the folder's nav: deleted.
            Some(_) => {}
            None => match current.and_then(|key| groups.get_mut(key)) {
                Some(group) => group.push(block.clone()),
                None => leading.push(block.clone()),
            },
        }
    }

    let mut out = String::new();
    for block in &leading {
        push_block(&mut out, &text[block.clone()], style.line_ending);
    }
    for (index, key) in targets.iter().enumerate() {
        match groups.get(key) {
            Some(group) => {
                for block in group {
                    push_block(&mut out, &text[block.clone()], style.line_ending);
                }
            }
            None => {
                out.push_str(&new_entry(page, handbook, canonical, &style, index, key)?);
                out.push_str(style.line_ending);
            }
        }
    }
    // The nav ended without a line break (the end of the page): so does the new one.
    if !text[whole.clone()].ends_with('\n') {
        let trimmed = out.trim_end_matches(['\r', '\n']).len();
        out.truncate(trimmed);
    }
    Some(Fix::replace(
        "Rewrite the nav to the folder's nav",
        &page.source,
        whole,
        out,
    ))
}

/// `block` followed by a line break, whether or not it ended with one.
fn push_block(out: &mut String, block: &str, line_ending: &str) {
    out.push_str(block);
    if !block.ends_with('\n') {
        out.push_str(line_ending);
    }
}

/// The byte range of each entry's block of whole lines, in order (see `rewrite`).
fn blocks_of(page: &Page, nav: &Nav) -> Vec<Range<usize>> {
    let source = &page.source;
    let text = source.text();
    // The first line of each item, pulled up over comment and blank lines above it.
    let starts: Vec<usize> = nav
        .entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let mut line = source.line_of(entry.item_range().start);
            if index > 0 {
                let previous_end = nav.entries[index - 1].item_range().end.saturating_sub(1);
                let floor = source.line_of(previous_end) + 1;
                while line > floor && is_comment_or_blank(&text[source.line_range(line - 1)]) {
                    line -= 1;
                }
            }
            source.line_start(line)
        })
        .collect();
    let last = nav.entries.last().map_or(0, |entry| {
        let line = source.line_of(
            entry
                .item_range()
                .end
                .saturating_sub(1)
                .max(entry.item_range().start),
        );
        // The last line with its line break, when there is one.
        if line < source.line_count() {
            source.line_start(line + 1)
        } else {
            text.len()
        }
    });
    starts
        .iter()
        .enumerate()
        .map(|(index, &start)| start..starts.get(index + 1).copied().unwrap_or(last))
        .collect()
}

fn is_comment_or_blank(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || (line.starts_with("<!--") && line.ends_with("-->"))
}

/// A new line for `key`, which the page does not list: the folder's label (an index
/// page's usual label, else the target's title) and a relative destination.
fn new_entry(
    page: &Page,
    handbook: &Handbook,
    canonical: &FolderNav,
    style: &Style,
    index: usize,
    key: &TargetKey,
) -> Option<String> {
    if key.contains("://") {
        return None;
    }
    let label = label_for(handbook, canonical, key)?;
    if label.contains(['[', ']']) || label.is_empty() {
        return None;
    }
    let bullet = match style.bullet {
        Bullet::Mark(mark) => mark.to_string(),
        Bullet::Number(first, delimiter) => format!("{}{delimiter}", first + index),
    };
    Some(format!(
        "{}{bullet} [{}{label}{}]({})",
        style.indent,
        style.emphasis,
        style.emphasis,
        relative_link(&page.path, key)
    ))
}

fn style_of<'a>(page: &'a Page, nav: &Nav) -> Option<Style<'a>> {
    let text = page.source.text();
    let entry = nav.entries.iter().find(|e| e.link().is_some())?;
    let line_start = page
        .source
        .line_start(page.source.line_of(entry.item_range().start));
    let indent = &text[line_start..entry.item_range().start];
    if !indent.chars().all(|c| c == ' ') {
        return None;
    }
    let item = &text[entry.item_range()];
    let marker = item.split_whitespace().next()?;
    let bullet = match marker {
        "*" | "-" | "+" => Bullet::Mark(marker),
        _ => {
            let delimiter = marker.chars().last()?;
            let number = marker[..marker.len() - 1].parse().ok()?;
            if !matches!(delimiter, '.' | ')') {
                return None;
            }
            Bullet::Number(number, delimiter)
        }
    };
    let link = page.facts.nav_link(entry)?;
    let written = &text[link.label_range()?];
    let plain = link.label(text);
    let emphasis = ["**", "__", "*", "_", ""].into_iter().find(|e| {
        written.len() >= 2 * e.len()
            && written.starts_with(e)
            && written.ends_with(e)
            && &written[e.len()..written.len() - e.len()] == plain
    })?;
    let line_ending = if page.source.text()[page
        .source
        .line_range(page.source.line_of(entry.item_range().start))
        .end..]
        .starts_with("\r\n")
    {
        "\r\n"
    } else {
        "\n"
    };
    Some(Style {
        indent,
        bullet,
        emphasis,
        line_ending,
    })
}

/// The label of a target the page does not list yet: the folder's label of an index
/// page, else the target's title.
fn label_for(handbook: &Handbook, canonical: &FolderNav, key: &TargetKey) -> Option<String> {
    let path = key_path(key);
    if is_index_page(path) {
        if let Some(label) = canonical.index_labels.get(key) {
            return Some(label.clone());
        }
    }
    let title = handbook.page(path)?.facts.title_text()?;
    Some(collapsed(title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_relative_to_the_page() {
        assert_eq!(relative_link("A.md", "B.md"), "B.md");
        assert_eq!(relative_link("team/A.md", "team/B.md#x"), "B.md#x");
        assert_eq!(relative_link("team/A.md", "README.md"), "../README.md");
        assert_eq!(
            relative_link("A.md", "team/My Page.md"),
            "team/My%20Page.md"
        );
    }
}
