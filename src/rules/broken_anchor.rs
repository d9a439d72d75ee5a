//! `broken-anchor`: see `rules/broken-anchor.md`.

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::facts::Link;
use crate::handbook::{Handbook, Page};
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::suggest::closest_plausible;

pub struct BrokenAnchor;

static META: RuleMeta = RuleMeta {
    id: "broken-anchor",
    summary: "A `#fragment` matches no heading or anchor of the Markdown page it points to.",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/broken-anchor.md"),
};

impl Rule for BrokenAnchor {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let Some(position) = handbook.page_index(&page.path) else {
            return;
        };
        for (index, resolved) in handbook.indexes().links.links_of(position) {
            let Some((target, fragment)) = resolved.page_fragment() else {
                continue;
            };
            let target = handbook.page_at(target);
            if is_always_valid(fragment) || target.facts.has_anchor(anchor_name(fragment)) {
                continue;
            }
            let link = &page.facts.links[index];
            out.push(finding(page, target, link, fragment));
        }
    }
}

/// `#` alone and `#top` scroll to the top of any page.
fn is_always_valid(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top")
}

/// GitHub prefixes heading ids with `user-content-`; links may carry it.
fn anchor_name(fragment: &str) -> &str {
    fragment.strip_prefix("user-content-").unwrap_or(fragment)
}

fn finding(page: &Page, target: &Page, link: &Link, fragment: &str) -> Diagnostic {
    let fragment_range = link
        .written_parts(page.source.text())
        .and_then(|(_, fragment)| fragment);
    let range = fragment_range.clone().unwrap_or(link.range());
    let place = if std::ptr::eq(page, target) {
        "this page".to_string()
    } else {
        format!("`{}`", target.path)
    };
    let mut diagnostic = META.finding(
        page,
        range,
        format!("`#{fragment}` matches no heading or anchor in {place}"),
        "no such anchor",
    );
    let wanted = anchor_name(fragment);
    let plausible = closest_plausible(wanted, target.facts.anchor_names());
    if let Some(found) = plausible {
        let fix = fragment_range
            .filter(|r| found.is_certain(wanted) && &page.source.text()[r.clone()] == fragment)
            .map(|r| {
                Fix::replace(
                    format!("Replace `#{fragment}` with `#{}`", found.candidate),
                    &page.source,
                    r,
                    found.candidate.clone(),
                )
            });
        diagnostic = diagnostic
            .with_help(found.question(|c| format!("`#{c}`")))
            .with_fix(fix);
    } else if let Some(longer) = only_longer_anchor(target, wanted) {
        // A heading that gained words ("Apprentice" → "Apprentice (IC 1)"): likely, but
        // the link may mean another heading that was removed, so no fix.
        diagnostic = diagnostic.with_help(format!(
            "did you mean `#{longer}`? (the only anchor of {place} that starts with `{wanted}`)"
        ));
    } else {
        diagnostic = diagnostic.with_help(format!(
                "link to one of the headings of {place}: a heading's anchor is its text in lower case, punctuation dropped, spaces turned into `-`"
            ));
    }
    diagnostic
}

/// The one anchor of `target` that starts with `wanted` followed by `-` (case ignored),
/// if exactly one does.
fn only_longer_anchor<'t>(target: &'t Page, wanted: &str) -> Option<&'t str> {
    let prefix = format!("{}-", wanted.to_lowercase());
    let mut longer = target
        .facts
        .anchor_names()
        .filter(|name| name.len() > prefix.len() && name.to_lowercase().starts_with(&prefix));
    let first = longer.next()?;
    longer.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{extract, ExtractOptions};
    use crate::source::Source;

    fn page(markdown: &str) -> Page {
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        Page {
            path: "Ladder.md".to_string(),
            source,
            facts: facts.into(),
        }
    }

    #[test]
    fn a_heading_that_gained_words_is_suggested_when_alone() {
        let ladder = page(
            "# Ladder\n\n## Apprentice (IC 1)\n\n## Engineer I (IC 2)\n\n## Engineer II (IC 3)\n",
        );
        assert_eq!(
            only_longer_anchor(&ladder, "apprentice"),
            Some("apprentice-ic-1")
        );
        assert_eq!(
            only_longer_anchor(&ladder, "Engineer-I"),
            Some("engineer-i-ic-2")
        );
        assert_eq!(
            only_longer_anchor(&ladder, "engineer"),
            None,
            "three anchors start so"
        );
        assert_eq!(
            only_longer_anchor(&ladder, "ladder"),
            None,
            "no longer anchor"
        );
    }
}
