//! The handbook: every page with its facts, and the indexes rules share.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

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

    /// The Markdown page whose heading a `#fragment` destination written on `page` names,
    /// with the fragment (percent-decoded): the page itself for `#x`, a page of the
    /// handbook for `Page.md#x`. `None` without a fragment, for targets that are not
    /// pages of the handbook, and for `?plain=1#L10` links, which name a source line.
    pub fn fragment_target<'a>(
        &'a self,
        page: &'a Page,
        destination: &str,
    ) -> Option<(&'a Page, String)> {
        match crate::resolve::resolve(&page.path, destination) {
            Target::SamePage {
                fragment: Some(fragment),
            } => Some((page, fragment)),
            Target::Local {
                path,
                fragment: Some(fragment),
                query,
            } => {
                if query.is_some_and(|q| q.split('&').any(|p| p == "plain=1")) {
                    return None;
                }
                Some((self.page(&path)?, fragment))
            }
            _ => None,
        }
    }

    /// The position in `pages()` of the page at a root-relative path.
    pub fn page_index(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
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

/// What a folder listing says of a name (without following links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
    Link,
}

type Listing = Arc<HashMap<OsString, Kind>>;

/// Existence checks on disk, answered from folder listings cached across threads: one
/// `read_dir` per folder instead of a `stat` per link.
struct FileTree {
    root: PathBuf,
    listings: RwLock<HashMap<PathBuf, Option<Listing>>>,
}

impl FileTree {
    fn new(root: PathBuf) -> Self {
        FileTree {
            root,
            listings: RwLock::new(HashMap::new()),
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

    /// Names are compared exactly, as on Linux and GitHub, even where the file system
    /// ignores case.
    fn entry(&self, path: &str) -> Entry {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        // Outside the root only the last name is checked in its folder's listing.
        let checked_from = if Target::leaves_root(path) {
            segments.len().saturating_sub(1)
        } else {
            0
        };
        let mut folder = self.absolute(&segments[..checked_from].join("/"));
        let mut kind = Kind::Folder;
        for segment in &segments[checked_from..] {
            let Some(listing) = self.listing(&folder) else {
                return Entry::Missing;
            };
            match listing.get(std::ffi::OsStr::new(segment)) {
                Some(&found) => kind = found,
                None => return Entry::Missing,
            }
            folder.push(segment);
        }
        match kind {
            Kind::File => Entry::File,
            Kind::Folder => Entry::Folder,
            // A link: what it leads to, if anything.
            Kind::Link => match fs::metadata(&folder) {
                Ok(metadata) if metadata.is_dir() => Entry::Folder,
                Ok(_) => Entry::File,
                Err(_) => Entry::Missing,
            },
        }
    }

    fn names(&self, folder: &Path) -> Option<Arc<HashSet<OsString>>> {
        let listing = self.listing(folder)?;
        Some(Arc::new(listing.keys().cloned().collect()))
    }

    fn listing(&self, folder: &Path) -> Option<Listing> {
        let cached = self
            .listings
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(folder)
            .cloned();
        if let Some(listing) = cached {
            return listing;
        }
        let listing = fs::read_dir(folder).ok().map(|entries| {
            Arc::new(
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| {
                        let kind = match e.file_type() {
                            Ok(t) if t.is_symlink() => Kind::Link,
                            Ok(t) if t.is_dir() => Kind::Folder,
                            _ => Kind::File,
                        };
                        (e.file_name(), kind)
                    })
                    .collect(),
            )
        });
        self.listings
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(folder.to_path_buf(), listing.clone());
        listing
    }
}
