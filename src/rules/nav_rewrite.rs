//! The fix of `nav-inconsistent`: the page's nav list rewritten to its folder's nav, in
//! the page's own bullet and emphasis style, keeping the labels and destinations the page
//! already wrote.

use crate::diagnostic::Fix;
use crate::facts::Nav;
use crate::handbook::{Handbook, Page};
use crate::index::kinds::is_index_page;
use crate::index::navs::{collapsed, folder_of, key_path, FolderNav, TargetKey};

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
    let mut lines = Vec::with_capacity(targets.len());
    for (index, key) in targets.iter().enumerate() {
        // What the page already wrote for this target, if anything.
        let own = nav
            .entries
            .iter()
            .zip(entry_targets)
            .find(|(_, target)| target.as_ref() == Some(key))
            .and_then(|(entry, _)| page.facts.nav_link(entry));
        let label = match own {
            Some(link) => collapsed(link.label(text)),
            None => label_for(handbook, canonical, key)?,
        };
        let destination = match own.and_then(|l| l.destination_range.clone()) {
            Some(range) => text[range].to_string(),
            None if key.contains("://") => return None,
            None => relative_destination(&page.path, key),
        };
        if label.contains(['[', ']']) || label.is_empty() {
            return None;
        }
        let bullet = match style.bullet {
            Bullet::Mark(mark) => mark.to_string(),
            Bullet::Number(first, delimiter) => format!("{}{delimiter}", first + index),
        };
        lines.push(format!(
            "{}{bullet} [{}{label}{}]({destination})",
            style.indent, style.emphasis, style.emphasis
        ));
    }
    let first = nav.entries.first()?;
    let last = nav.entries.last()?;
    let start = page
        .source
        .line_start(page.source.line_of(first.item_range.start));
    let last_line = page.source.line_of(
        last.item_range
            .end
            .saturating_sub(1)
            .max(last.item_range.start),
    );
    let end = page.source.line_range(last_line).end;
    Some(Fix::replace(
        "Rewrite the nav to the folder's nav",
        &page.source,
        start..end,
        lines.join(style.line_ending),
    ))
}

fn style_of<'a>(page: &'a Page, nav: &Nav) -> Option<Style<'a>> {
    let text = page.source.text();
    let entry = nav.entries.iter().find(|e| e.link.is_some())?;
    let line_start = page
        .source
        .line_start(page.source.line_of(entry.item_range.start));
    let indent = &text[line_start..entry.item_range.start];
    if !indent.chars().all(|c| c == ' ') {
        return None;
    }
    let item = &text[entry.item_range.clone()];
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
    let written = &text[link.label_range.clone()?];
    let plain = link.label(text);
    let emphasis = ["**", "__", "*", "_", ""].into_iter().find(|e| {
        written.len() >= 2 * e.len()
            && written.starts_with(e)
            && written.ends_with(e)
            && &written[e.len()..written.len() - e.len()] == plain
    })?;
    let line_ending = if page.source.text()[page
        .source
        .line_range(page.source.line_of(entry.item_range.start))
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

/// `key` written from the page at `page_path`: relative, `../` where needed.
fn relative_destination(page_path: &str, key: &str) -> String {
    let (path, fragment) = match key.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (key, None),
    };
    let from: Vec<&str> = folder_of(page_path)
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let to: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    let mut destination = parts.join("/").replace(' ', "%20");
    if let Some(fragment) = fragment {
        destination.push('#');
        destination.push_str(fragment);
    }
    destination
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_relative_to_the_page() {
        assert_eq!(relative_destination("A.md", "B.md"), "B.md");
        assert_eq!(relative_destination("team/A.md", "team/B.md#x"), "B.md#x");
        assert_eq!(
            relative_destination("team/A.md", "README.md"),
            "../README.md"
        );
        assert_eq!(
            relative_destination("A.md", "team/My Page.md"),
            "team/My%20Page.md"
        );
    }
}
