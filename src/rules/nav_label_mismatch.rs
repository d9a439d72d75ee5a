//! `nav-label-mismatch`: see `rules/nav-label-mismatch.md`.

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::facts::Link;
use crate::handbook::{Handbook, Page};
use crate::index::kinds::is_index_page;
use crate::index::navs::{collapsed, key_path, nav_of, normalised_label};
use crate::rule::{FixAvailability, Rule, RuleMeta};

pub struct NavLabelMismatch;

static META: RuleMeta = RuleMeta {
    id: "nav-label-mismatch",
    summary: "A nav entry's label differs from the title of the page it links.",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/nav-label-mismatch.md"),
};

impl Rule for NavLabelMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let (Some(nav), Some(targets)) = (
            nav_of(page),
            handbook.indexes().navs.entry_targets(&page.path),
        ) else {
            return;
        };
        let text = page.source.text();
        for (entry, target) in nav.entries.iter().zip(targets) {
            let (Some(link), Some(target)) = (page.facts.nav_link(entry), target.clone()) else {
                continue;
            };
            let target_path = key_path(&target);
            // The index page is the handbook's cover: any label may introduce it, as long
            // as the folder's navs agree on it.
            if is_index_page(target_path) {
                self.check_index_label(page, handbook, link, &target, out);
                continue;
            }
            let Some(title) = handbook
                .page(target_path)
                .and_then(|p| p.facts.title_text())
            else {
                continue;
            };
            let label = collapsed(link.label(text));
            let title_text = collapsed(title);
            if label.to_lowercase() == title_text.to_lowercase()
                || only_misspelt(&label, &title_text)
            {
                continue;
            }
            let range = link.label_range().unwrap_or(link.range());
            out.push(
                META.finding(
                    page,
                    range,
                    format!("nav label `{label}` differs from the title of `{target_path}`"),
                    "label",
                )
                .with_help(format!(
                    "label the entry with the page's title, `{title_text}`"
                ))
                .with_fix(relabel(page, link, &title_text)),
            );
        }
    }
}

impl NavLabelMismatch {
    fn check_index_label(
        &self,
        page: &Page,
        handbook: &Handbook,
        link: &Link,
        target: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(usual) = handbook
            .indexes()
            .navs
            .folder_nav(&page.path)
            .and_then(|nav| nav.index_labels.get(target))
        else {
            return;
        };
        let label = collapsed(link.label(page.source.text()));
        let title = handbook
            .page(key_path(target))
            .and_then(|p| p.facts.title_text())
            .map(collapsed);
        if normalised_label(&label) == normalised_label(usual)
            || title
                .as_ref()
                .is_some_and(|t| t.to_lowercase() == label.to_lowercase())
        {
            return;
        }
        let range = link.label_range().unwrap_or(link.range());
        out.push(
            META.finding(
                page,
                range,
                format!("nav label `{label}` differs from the label the folder's other navs give `{target}`"),
                "label",
            )
            .with_help(format!(
                "use the same label as the other pages (`{usual}`, in any case){}",
                title.map(|t| format!(" or the page's title, `{t}`")).unwrap_or_default()
            )),
        );
    }
}

/// True when the label is the title with some words misspelt: that is `role-typo`'s
/// finding (title words are role words), and one slip deserves one finding.
fn only_misspelt(label: &str, title: &str) -> bool {
    let label: Vec<String> = label.split(' ').map(str::to_lowercase).collect();
    let title: Vec<String> = title.split(' ').map(str::to_lowercase).collect();
    label.len() == title.len()
        && label.iter().zip(&title).all(|(l, t)| {
            // An inflection ("Engineers" for "Engineer") is a real difference, not a slip.
            let inflected = l.starts_with(t.as_str()) || t.starts_with(l.as_str());
            l == t || (!inflected && t.chars().count() >= 4 && strsim::osa_distance(l, t) <= 2)
        })
}

/// Replaces the label's text inside its emphasis markers, when the written label is only
/// the text wrapped in `*`/`_` markers.
fn relabel(page: &Page, link: &Link, title: &str) -> Option<Fix> {
    let range = link.label_range()?;
    let written = &page.source.text()[range.clone()];
    let inner = written.trim_matches(|c| c == '*' || c == '_');
    let prefix = written.len() - written.trim_start_matches(['*', '_']).len();
    // Markdown in the written label or in the title would change what the link is once
    // written in place (a `[` in a title nests a new link at every pass; a `]` ends the
    // label early and unlinks the entry): such labels are left to the author.
    let is_plain = |text: &str| !text.contains(['*', '_', '`', '[', ']', '<', '\\', '&']);
    if !is_plain(inner) || !is_plain(title) || inner.trim() != inner || inner.is_empty() {
        return None;
    }
    let start = range.start + prefix;
    Some(Fix::replace(
        format!("Replace the label `{inner}` with `{title}`"),
        &page.source,
        start..start + inner.len(),
        title,
    ))
}
