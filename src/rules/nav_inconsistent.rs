//! `nav-inconsistent`: see `rules/nav-inconsistent.md`.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::handbook::{Handbook, Page};
use crate::index::kinds::is_repository_file;
use crate::index::navs::{key_path, nav_of, Basis, FolderNav, TargetKey};
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::rules::nav_rewrite;

pub struct NavInconsistent;

static META: RuleMeta = RuleMeta {
    id: "nav-inconsistent",
    summary: "A page's nav differs from the nav its folder's pages share.",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/nav-inconsistent.md"),
};

impl Rule for NavInconsistent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let Some(canonical) = handbook.indexes().navs.folder_nav(&page.path) else {
            return;
        };
        // A page's own entry is compared only where the folder's navs list their pages and
        // the canonical nav lists this one.
        let compare_self = canonical.lists_self == Some(true)
            && canonical.entries.iter().any(|k| key_path(k) == page.path);
        let keep = |key: &&TargetKey| compare_self || key_path(key) != page.path;
        let expected: Vec<&TargetKey> = canonical.entries.iter().filter(keep).collect();
        let Some(actual) = handbook.indexes().navs.nav_targets(&page.path) else {
            // No nav: a finding only where most pages of the folder have one, and only on
            // a handbook page (an empty page or one of front matter only is not one).
            if canonical.pages_with_nav * 2 > canonical.pages
                && page.facts.has_content
                && !is_repository_file(&page.path)
            {
                out.push(
                    META.finding(
                        page,
                        page.source.line_range(1),
                        format!(
                            "this page has no nav, unlike {} of the {} pages in its folder",
                            canonical.pages_with_nav, canonical.pages
                        ),
                        "no nav on this page",
                    )
                    .with_help(format!(
                        "end the page with the folder's nav ({}); {}",
                        entry_list(&expected),
                        basis(canonical)
                    )),
                );
            }
            return;
        };
        let actual: Vec<TargetKey> = actual.iter().filter(keep).cloned().collect();
        let Some(difference) = difference(&expected, &actual) else {
            return;
        };
        let nav = nav_of(page).expect("a page with nav targets has a nav");
        // Keep the page's own entry, where it has one the comparison left out.
        let mut targets: Vec<TargetKey> = expected.iter().map(|k| (*k).clone()).collect();
        if !compare_self {
            let own = handbook
                .indexes()
                .navs
                .nav_targets(&page.path)
                .unwrap_or_default();
            if let Some(at) = own.iter().position(|k| key_path(k) == page.path) {
                targets.insert(at.min(targets.len()), own[at].clone());
            }
        }
        let fix = nav_rewrite::rewrite(page, handbook, nav, canonical, &targets);
        out.push(
            META.finding(
                page,
                nav.heading_range.clone(),
                format!("this nav differs from its folder's: {difference}"),
                "this nav",
            )
            .with_help(format!(
                "make it list {}; {}",
                entry_list(&expected),
                basis(canonical)
            ))
            .with_fix(fix),
        );
    }
}

/// What the page's targets lack, add, or put in another order, or `None` when they match.
fn difference(expected: &[&TargetKey], actual: &[TargetKey]) -> Option<String> {
    if expected.iter().copied().eq(actual.iter()) {
        return None;
    }
    // Sets: a flat handbook's navs list every page, and pages are many.
    let expected_set: HashSet<&TargetKey> = expected.iter().copied().collect();
    let actual_set: HashSet<&TargetKey> = actual.iter().collect();
    let missing: Vec<&TargetKey> = expected
        .iter()
        .copied()
        .filter(|key| !actual_set.contains(key))
        .collect();
    let extra: Vec<&TargetKey> = actual
        .iter()
        .filter(|key| !expected_set.contains(key))
        .collect();
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("it lacks {}", entry_list(&missing)));
    }
    if !extra.is_empty() {
        parts.push(format!("it adds {}", entry_list(&extra)));
    }
    if parts.is_empty() {
        parts.push("its entries are in another order".to_string());
    }
    Some(parts.join("; "))
}

fn entry_list(keys: &[&TargetKey]) -> String {
    const SHOWN: usize = 6;
    let mut names: Vec<String> = keys.iter().take(SHOWN).map(|k| format!("`{k}`")).collect();
    if keys.len() > SHOWN {
        names.push(format!("{} more", keys.len() - SHOWN));
    }
    match names.as_slice() {
        [] => "no entries".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn basis(canonical: &FolderNav) -> String {
    match &canonical.basis {
        Basis::Majority { shared_by } => format!(
            "{shared_by} of the {} pages with a nav in this folder share it",
            canonical.pages_with_nav
        ),
        Basis::IndexPage { path } => format!(
            "no nav is shared by most pages of this folder, so `{path}`'s nav is the reference"
        ),
    }
}
