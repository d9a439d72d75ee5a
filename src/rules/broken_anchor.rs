//! `broken-anchor`: see `rules/broken-anchor.md`.

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::facts::Link;
use crate::handbook::{Handbook, Page};
use crate::resolve::Written;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::suggest::closest;

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
            out.push(finding(page, target, link, fragment, resolved.written));
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

fn finding(
    page: &Page,
    target: &Page,
    link: &Link,
    fragment: &str,
    written: Written,
) -> Diagnostic {
    let fragment_range = link
        .written_parts(page.source.text())
        .and_then(|(_, fragment)| fragment);
    let range = fragment_range.clone().unwrap_or(link.range.clone());
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
    match closest(wanted, target.facts.anchor_names()) {
        Some(found) if found.is_plausible(wanted) => {
            let fix = fragment_range
                .filter(|r| found.is_certain(wanted) && &page.source.text()[r.clone()] == fragment)
                // An own-repository URL is fixed as written too: its fragment is plain.
                .filter(|_| {
                    matches!(
                        written,
                        Written::Relative | Written::FromRepositoryRoot | Written::OwnUrl
                    )
                })
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
        }
        _ => {
            diagnostic = diagnostic.with_help(format!(
                "link to one of the headings of {place}: a heading's anchor is its text in lower case, punctuation dropped, spaces turned into `-`"
            ));
        }
    }
    diagnostic
}
