//! The handbook: every page with its facts, and the indexes rules share.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::config::Config;
use crate::facts::PageFacts;
use crate::index::Indexes;
use crate::resolve::Target;
use crate::source::Source;

/// A page that was read and parsed.
#[derive(Debug)]
pub struct Page {
    /// Relative to the handbook root, `/`-separated.
    pub path: String,
    pub source: Source,
    pub facts: PageFacts,
}

/// What a path on disk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    File,
    Folder,
    Missing,
}

pub struct Handbook {
    root: PathBuf,
    /// Sorted by path.
    pages: Vec<Page>,
    by_path: HashMap<String, usize>,
    files: FileTree,
    indexes: Indexes,
    config: Config,
}

impl Handbook {
    /// `pages` must be sorted by path; the configuration is the default one.
    pub fn new(root: PathBuf, pages: Vec<Page>) -> Self {
        Handbook::with_config(root, pages, Config::default())
    }

    /// `pages` must be sorted by path. The indexes are built with `config` at hand.
    pub fn with_config(root: PathBuf, pages: Vec<Page>, config: Config) -> Self {
        let by_path = pages
            .iter()
            .enumerate()
            .map(|(index, page)| (page.path.clone(), index))
            .collect();
        let mut handbook = Handbook {
            files: FileTree::new(root.clone()),
            root,
            pages,
            by_path,
            indexes: Indexes::default(),
            config,
        };
        handbook.indexes = Indexes::build(&handbook);
        handbook
    }

    /// The settings of the run: `roles-lint.toml` (or `--config`) with the additions of
    /// `Options` (`roles_extra`, `ignore_words`). Defaults when there is no file.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The cross-page indexes (navs, vocabulary, ...).
    pub fn indexes(&self) -> &Indexes {
        &self.indexes
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    pub fn into_pages(self) -> Vec<Page> {
        self.pages
    }

    /// The parsed page at a root-relative path.
    pub fn page(&self, path: &str) -> Option<&Page> {
        self.by_path.get(path).map(|&index| &self.pages[index])
    }

    /// What a root-relative path (as `resolve` returns it) is on disk, with names compared
    /// case-sensitively as on Linux and GitHub, whatever the local file system does.
    pub fn entry(&self, path: &str) -> Entry {
        if self.by_path.contains_key(path) {
            return Entry::File;
        }
        self.files.entry(path)
    }

    /// Names in a root-relative folder (`""` is the root); `None` when it cannot be listed.
    pub fn folder_names(&self, folder: &str) -> Option<Arc<HashSet<OsString>>> {
        self.files.names(&self.files.absolute(folder))
    }

    /// Root-relative paths of every page, for suggestions.
    pub fn page_paths(&self) -> impl Iterator<Item = &str> {
        self.pages.iter().map(|page| page.path.as_str())
    }
}

/// Existence checks on disk, with folder listings cached across threads.
struct FileTree {
    root: PathBuf,
    listings: Mutex<HashMap<PathBuf, Option<Arc<HashSet<OsString>>>>>,
}

impl FileTree {
    fn new(root: PathBuf) -> Self {
        FileTree {
            root,
            listings: Mutex::new(HashMap::new()),
        }
    }

    fn absolute(&self, path: &str) -> PathBuf {
        let mut absolute = self.root.clone();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            if segment == ".." {
                absolute.pop();
            } else {
                absolute.push(segment);
            }
        }
        absolute
    }

    fn entry(&self, path: &str) -> Entry {
        let absolute = self.absolute(path);
        let Ok(metadata) = fs::metadata(&absolute) else {
            return Entry::Missing;
        };
        // The file system may ignore case: confirm each name below the root (or, for a
        // path that leaves the root, its last name) exactly in its folder's listing.
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let checked_from = if Target::leaves_root(path) {
            segments.len().saturating_sub(1)
        } else {
            0
        };
        let mut folder = self.absolute(&segments[..checked_from].join("/"));
        for segment in &segments[checked_from..] {
            match self.names(&folder) {
                Some(names) if names.contains(&OsString::from(segment)) => folder.push(segment),
                Some(_) => return Entry::Missing,
                None => break,
            }
        }
        if metadata.is_dir() {
            Entry::Folder
        } else {
            Entry::File
        }
    }

    fn names(&self, folder: &Path) -> Option<Arc<HashSet<OsString>>> {
        let mut listings = self
            .listings
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        listings
            .entry(folder.to_path_buf())
            .or_insert_with(|| {
                let entries = fs::read_dir(folder).ok()?;
                Some(Arc::new(
                    entries
                        .filter_map(|e| e.ok())
                        .map(|e| e.file_name())
                        .collect(),
                ))
            })
            .clone()
    }
}
