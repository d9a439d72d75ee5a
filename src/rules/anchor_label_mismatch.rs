//! `anchor-label-mismatch`: see `rules/anchor-label-mismatch.md`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix, Related};
use crate::facts::{Heading, Link, LinkKind};
use crate::handbook::{Handbook, Page};
use crate::rule::{FixAvailability, Rule, RuleMeta};

pub struct AnchorLabelMismatch;

static META: RuleMeta = RuleMeta {
    id: "anchor-label-mismatch",
    summary: "A link labelled with an id such as `PE1` points at the heading of another id (`#pe2---product-engineer-2`).",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/anchor-label-mismatch.md"),
};

impl Rule for AnchorLabelMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let text = page.source.text();
        let Some(position) = handbook.page_index(&page.path) else {
            return;
        };
        let graph = &handbook.indexes().links;
        for (index, link) in page.facts.links.iter().enumerate() {
            if !matches!(link.kind, LinkKind::Inline | LinkKind::ReferenceUse { .. }) {
                continue;
            }
            let label = link.label(text).trim();
            // Most labels are words: skip them before the pattern runs.
            let starts_like_an_id = label.starts_with(|c: char| c.is_ascii_alphabetic())
                && label.bytes().take(10).any(|b| b.is_ascii_digit());
            if !starts_like_an_id {
                continue;
            }
            let Some(label_id) = LABEL_ID.captures(label) else {
                continue;
            };
            let label_id = label_id
                .get(1)
                .expect("the pattern has an id group")
                .as_str();
            let Some((target, fragment)) = graph
                .get(position, index)
                .and_then(|resolved| resolved.page_fragment())
            else {
                continue;
            };
            let target = handbook.page_at(target);
            let fragment = fragment.strip_prefix("user-content-").unwrap_or(fragment);
            // A fragment that matches no heading is broken-anchor's business.
            let Some(heading) = heading_of(target, fragment) else {
                continue;
            };
            let Some(fragment_id) = id_of_slug(heading.slug()) else {
                continue;
            };
            if !label_id.eq_ignore_ascii_case(fragment_id) {
                out.push(finding(page, target, link, label_id, heading, fragment_id));
            }
        }
    }
}

/// An id at the start of a label: letters then digits, alone or before a non-alphanumeric
/// character (`SE1`, `PE2 - Product Engineer 2`, `D4`).
static LABEL_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z]{1,6}[0-9]{1,3})(?:$|[^A-Za-z0-9])")
        .expect("the label id pattern is valid")
});

/// An id at the start of a slug, before `-` or the end (`pe2---product-engineer-2`).
static SLUG_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z]{1,6}[0-9]{1,3})(?:$|-)").expect("the slug id pattern is valid")
});

fn id_of_slug(slug: &str) -> Option<&str> {
    SLUG_ID
        .captures(slug)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

/// The heading `fragment` points at (compared case-insensitively, as broken-anchor does).
fn heading_of<'p>(target: &'p Page, fragment: &str) -> Option<&'p Heading> {
    let fragment = fragment.to_lowercase();
    target
        .facts
        .headings
        .iter()
        .find(|h| *h.slug() == *fragment)
}

fn finding(
    page: &Page,
    target: &Page,
    link: &Link,
    label_id: &str,
    heading: &Heading,
    fragment_id: &str,
) -> Diagnostic {
    let text = page.source.text();
    let label_range = link.label_range().unwrap_or(link.range());
    let written_id = id_in(text, &label_range, label_id);
    let new_id = styled_like(label_id, fragment_id);
    let place = if std::ptr::eq(page, target) {
        "this page".to_string()
    } else {
        format!("`{}`", target.path)
    };
    let range = written_id.clone().unwrap_or(label_range.clone());
    let mut diagnostic = META.finding(
        page,
        range,
        format!(
            "link labelled `{label_id}` points at the heading of {new_id}, \"{}\"",
            heading.text()
        ),
        format!("should be `{new_id}`"),
    );
    let mut help = format!(
        "the fragment matches the heading \"{}\" of {place}, so the label should say `{new_id}`",
        heading.text()
    );
    if let Some(meant) = target
        .facts
        .headings
        .iter()
        .find(|h| id_of_slug(h.slug()).is_some_and(|id| id.eq_ignore_ascii_case(label_id)))
    {
        help.push_str(&format!(
            "; if {label_id} was meant, point the link at `#{}` instead",
            meant.slug()
        ));
    }
    if let Some(fragment) = link.written_parts(text).and_then(|(_, f)| f) {
        diagnostic.related.push(Related {
            range: fragment,
            label: format!("points at {new_id}"),
        });
    }
    let fix = relabel(page, target, link, label_id, heading, written_id, &new_id);
    diagnostic.with_help(help).with_fix(fix)
}

/// The range of `id` in the written label: the first occurrence that is a whole word.
fn id_in(text: &str, label: &Range<usize>, id: &str) -> Option<Range<usize>> {
    let written = text.get(label.clone())?;
    let is_word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    written.match_indices(id).find_map(|(at, _)| {
        let before = written[..at].chars().next_back();
        let after = written[at + id.len()..].chars().next();
        (!is_word_char(before) && !is_word_char(after))
            .then(|| label.start + at..label.start + at + id.len())
    })
}

/// `id` written in the case of `like`: `PE1` -> `PE2`, `pe1` -> `pe2`, `Pe1` -> `Pe2`.
fn styled_like(like: &str, id: &str) -> String {
    let letters: Vec<char> = like.chars().filter(char::is_ascii_alphabetic).collect();
    if letters.iter().all(char::is_ascii_uppercase) {
        id.to_ascii_uppercase()
    } else if letters.iter().all(char::is_ascii_lowercase) {
        id.to_ascii_lowercase()
    } else {
        let mut chars = id.chars();
        chars.next().map_or(String::new(), |first| {
            first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
        })
    }
}

/// Relabels the link to the fragment's id. A label that copies another level's heading
/// ("PE1 - Product Engineer 1") becomes the fragment's heading; any other label keeps its
/// words and changes only its id. No fix when the id cannot be found in the written label.
fn relabel(
    page: &Page,
    target: &Page,
    link: &Link,
    label_id: &str,
    heading: &Heading,
    written_id: Option<Range<usize>>,
    new_id: &str,
) -> Option<Fix> {
    let text = page.source.text();
    let label_range = link.label_range()?;
    let written = text.get(label_range.clone())?;
    let copies_a_heading = written.trim() != label_id
        && written == link.label(text)
        && !heading
            .text()
            .contains(['[', ']', '*', '_', '`', '<', '>', '\\'])
        && target
            .facts
            .headings
            .iter()
            .any(|h| h.text().eq_ignore_ascii_case(written.trim()));
    if copies_a_heading {
        return Some(Fix::replace(
            format!("Relabel `{}` as `{}`", written.trim(), heading.text()),
            &page.source,
            label_range,
            heading.text().to_string(),
        ));
    }
    let range = written_id?;
    Some(Fix::replace(
        format!("Relabel `{label_id}` as `{new_id}`"),
        &page.source,
        range,
        new_id,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_letters_then_digits_at_the_start() {
        let id = |label: &str| LABEL_ID.captures(label).map(|c| c[1].to_string());
        assert_eq!(id("PE1"), Some("PE1".into()));
        assert_eq!(id("PE2 - Product Engineer 2"), Some("PE2".into()));
        assert_eq!(id("D4"), Some("D4".into()));
        assert_eq!(id("SE10: senior"), Some("SE10".into()));
        assert_eq!(id("SE1s"), None);
        assert_eq!(id("Level 2"), None);
        assert_eq!(id("Expectations"), None);
        assert_eq!(id_of_slug("pe2---product-engineer-2"), Some("pe2"));
        assert_eq!(id_of_slug("se10"), Some("se10"));
        assert_eq!(id_of_slug("h2o-levels"), None);
        assert_eq!(id_of_slug("expectations-1"), None);
    }

    #[test]
    fn new_ids_keep_the_label_case() {
        assert_eq!(styled_like("PE1", "pe2"), "PE2");
        assert_eq!(styled_like("pe1", "pe2"), "pe2");
        assert_eq!(styled_like("Pe1", "pe2"), "Pe2");
    }

    #[test]
    fn the_id_is_found_as_a_whole_word_in_the_written_label() {
        let text = "[**PE1** (PE12)](x.md)";
        assert_eq!(id_in(text, &(1..15), "PE1"), Some(3..6));
        assert_eq!(id_in("[xPE1]", &(1..5), "PE1"), None);
    }
}
