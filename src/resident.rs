//! A handbook kept in memory and linted again after each edit, for an editor.
//!
//! The findings of the per-page rules are kept by page. After an edit, the indexes follow
//! the edited pages (`Handbook::with_pages_edited`), and the per-page rules run again only
//! on the pages whose findings the edit may change: the edited pages, the pages that link
//! them, and the others the update names. The handbook-wide checks run on every edit
//! (`role-typo` scans only the edited pages again, see `scans`), then every finding is
//! settled as `lint` settles them. An edit that changes the set of pages or something
//! global (a title, a page's kind, what the vocabulary is learnt from, whether pages are
//! reached by links) is linted in full, as is a handbook read for some pages only.

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::handbook::Edited;
use crate::load::{self, Loaded};
use crate::{check_handbook, check_page, settle, without_idle_fixes, Clock, Options};

pub struct Resident {
    loaded: Loaded,
    /// The findings of the per-page rules, by page position, before settling; empty
    /// when the handbook is linted in full on every edit (pages were given).
    by_page: Vec<Vec<Diagnostic>>,
    /// The settled findings, sorted as `lint` sorts them.
    findings: Vec<Diagnostic>,
    /// How many pages the per-page rules checked in the last lint.
    checked: usize,
}

impl Resident {
    /// Reads and lints the handbook that `options` name.
    pub fn load(options: &Options) -> Result<Self, Error> {
        Ok(Resident::new(load::load(options, &mut Clock::new())?))
    }

    /// Lints a loaded handbook in full.
    pub fn new(loaded: Loaded) -> Self {
        if loaded.scope.selected.is_some() {
            // Pages given are reported with the damage they do: `lint` knows how.
            let findings = crate::lint(&loaded);
            let checked = loaded.handbook.pages().len();
            return Resident {
                loaded,
                by_page: Vec::new(),
                findings,
                checked,
            };
        }
        let handbook = &loaded.handbook;
        let by_page: Vec<Vec<Diagnostic>> = handbook
            .pages()
            .par_iter()
            .map(|page| page_findings(&loaded, page))
            .collect();
        let findings = settled(&loaded, &by_page);
        Resident {
            checked: by_page.len(),
            loaded,
            by_page,
            findings,
        }
    }

    /// The handbook with new texts for some of its pages (root-relative path, text),
    /// linted again.
    pub fn edit(self, texts: Vec<(String, String)>) -> Self {
        let Resident {
            loaded,
            mut by_page,
            ..
        } = self;
        if loaded.scope.selected.is_some() {
            return Resident::new(loaded.with_texts(texts));
        }
        let (loaded, edited) = loaded.with_texts_edited(texts);
        let Edited::Pages(damaged) = edited else {
            return Resident::new(loaded);
        };
        let pages = loaded.handbook.pages();
        let damaged: Vec<usize> = damaged.into_iter().collect();
        let checked = damaged.len();
        let again: Vec<Vec<Diagnostic>> = damaged
            .par_iter()
            .map(|&position| page_findings(&loaded, &pages[position]))
            .collect();
        for (position, findings) in damaged.into_iter().zip(again) {
            by_page[position] = findings;
        }
        let findings = settled(&loaded, &by_page);
        Resident {
            loaded,
            by_page,
            findings,
            checked,
        }
    }

    /// The settled findings of the last lint, sorted by path, line, column and rule.
    pub fn findings(&self) -> &[Diagnostic] {
        &self.findings
    }

    /// How many pages the per-page rules checked in the last lint: every page after a
    /// full lint, fewer after an edit linted incrementally.
    pub fn pages_checked(&self) -> usize {
        self.checked
    }

    /// The handbook as last linted, with its settings.
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// The handbook and its settled findings, for a report.
    pub fn into_parts(self) -> (Loaded, Vec<Diagnostic>) {
        (self.loaded, self.findings)
    }
}

/// The per-page rules' findings on one page, idle fixes dropped (as `lint` drops them).
fn page_findings(loaded: &Loaded, page: &crate::handbook::Page) -> Vec<Diagnostic> {
    let mut findings = check_page(page, &loaded.handbook, &loaded.plan);
    without_idle_fixes(&mut findings, &loaded.handbook);
    findings
}

/// Every finding settled, in the order `lint` gathers them: unreadable pages, pages,
/// then the handbook-wide checks.
fn settled(loaded: &Loaded, by_page: &[Vec<Diagnostic>]) -> Vec<Diagnostic> {
    let handbook = &loaded.handbook;
    let mut diagnostics = loaded.unreadable.clone();
    diagnostics.extend(by_page.iter().flatten().cloned());
    let mut wide = check_handbook(handbook, &loaded.plan);
    without_idle_fixes(&mut wide, handbook);
    diagnostics.extend(wide);
    settle::settle(
        diagnostics,
        handbook,
        &loaded.plan,
        &|_| true,
        loaded.baseline.as_ref(),
    )
}
