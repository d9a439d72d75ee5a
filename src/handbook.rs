//! The handbook: every page with its facts, the place it lives in (`Surroundings`) and
//! the indexes rules share.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::index::{update, Indexes};
pub use crate::page::Page;
use crate::page::Pages;
use crate::scans::PageScans;
pub use crate::surroundings::Surroundings;

pub struct Handbook {
    root: PathBuf,
    pages: Pages,
    surroundings: Surroundings,
    indexes: Indexes,
    config: Config,
    /// Work handbook-wide rules did on single pages, kept across edits (`PageScans`).
    scans: PageScans,
}

/// What an edit of some pages did to the handbook (`Handbook::with_pages_edited`).
pub enum Edited {
    /// The indexes were updated from the edited pages: only the pages at these
    /// positions may have other per-page findings than before (the edited pages among
    /// them), and the vocabulary is unchanged.
    Pages(std::collections::BTreeSet<usize>),
    /// The edit changed the set of pages or something global: the indexes were built
    /// afresh and every page may have other findings.
    Everything,
}

impl Handbook {
    /// `pages` must be sorted by path; the configuration is the default one and the
    /// handbook is taken as its own repository.
    pub fn new(root: PathBuf, pages: Vec<Page>) -> Self {
        let surroundings = Surroundings {
            repository_root: root.clone(),
            ..Surroundings::default()
        };
        Handbook::build(root, pages, Config::default(), surroundings)
    }

    /// `pages` must be sorted by path. The indexes are built with `config` at hand.
    pub fn build(
        root: PathBuf,
        pages: Vec<Page>,
        config: Config,
        surroundings: Surroundings,
    ) -> Self {
        let pages = Pages::new(pages);
        let indexes = Indexes::build(&root, &pages, &config, &surroundings);
        Handbook {
            root,
            scans: PageScans::new(pages.all().len()),
            pages,
            surroundings,
            indexes,
            config,
        }
    }

    /// The handbook with some pages replaced by new versions of themselves, for an editor
    /// that changes a page at a time: when the edit leaves the set of pages and every
    /// global fact alone, the indexes are updated from the edited pages (`index::update`)
    /// and the scans of the other pages are kept; otherwise this is `with_pages_replaced`.
    pub fn with_pages_edited(self, replaced: Vec<Page>) -> (Self, Edited) {
        let positions: Option<Vec<usize>> = replaced
            .iter()
            .map(|page| self.pages.index_of(&page.path))
            .collect();
        let Some(edited) = positions else {
            return (self.with_pages_replaced(replaced), Edited::Everything);
        };
        let Handbook {
            root,
            mut pages,
            surroundings,
            indexes,
            config,
            scans,
        } = self;
        let before: Vec<Page> = edited
            .iter()
            .zip(replaced)
            .map(|(&position, page)| pages.replace(position, page))
            .collect();
        let updated = update::update(
            indexes,
            &before,
            &pages,
            &edited,
            &root,
            &config,
            &surroundings,
        );
        let Some(updated) = updated else {
            return (
                Handbook::build(root, pages.into_vec(), config, surroundings),
                Edited::Everything,
            );
        };
        let handbook = Handbook {
            root,
            pages,
            surroundings,
            indexes: updated.indexes,
            config,
            scans: scans.without(&edited),
        };
        (handbook, Edited::Pages(updated.damaged))
    }

    /// The handbook with some pages replaced by new versions of themselves (same paths),
    /// the indexes built again: the fix engine's next pass, without reading or parsing
    /// the pages that did not change.
    pub fn with_pages_replaced(self, replaced: Vec<Page>) -> Self {
        let mut pages = self.pages.into_vec();
        for page in replaced {
            match pages.binary_search_by(|p| p.path.as_str().cmp(&page.path)) {
                Ok(index) => pages[index] = page,
                Err(index) => pages.insert(index, page),
            }
        }
        Handbook::build(self.root, pages, self.config, self.surroundings)
    }

    /// Per-page work of handbook-wide rules, done once per page version.
    pub fn scans(&self) -> &PageScans {
        &self.scans
    }

    /// The settings of the run: `roles-lint.toml` (or `--config`) with the additions of
    /// `Options` (`roles_extra`, `ignore_words`). Defaults when there is no file.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The cross-page indexes (link graph, page kinds, navs, vocabulary, ...).
    pub fn indexes(&self) -> &Indexes {
        &self.indexes
    }

    /// The repository and site generator around the handbook.
    pub fn surroundings(&self) -> &Surroundings {
        &self.surroundings
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn pages(&self) -> &[Page] {
        self.pages.all()
    }

    /// The pages as a set, for index functions that take one.
    pub fn pages_set(&self) -> &Pages {
        &self.pages
    }

    /// Takes the text of the page at a root-relative path, leaving it empty: for a
    /// report that outlives the handbook.
    pub fn take_source(&mut self, path: &str) -> Option<crate::source::Source> {
        self.pages.take_source(path)
    }

    pub fn into_pages(self) -> Vec<Page> {
        self.pages.into_vec()
    }

    /// The position in `pages()` of the page at a root-relative path.
    pub fn page_index(&self, path: &str) -> Option<usize> {
        self.pages.index_of(path)
    }

    /// The parsed page at a root-relative path.
    pub fn page(&self, path: &str) -> Option<&Page> {
        self.pages.get(path)
    }

    /// The page at a position of `pages()`.
    pub fn page_at(&self, index: usize) -> &Page {
        &self.pages.all()[index]
    }
}
