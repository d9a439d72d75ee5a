//! What paths are on disk, answered from folder listings read once while indexing: one
//! `read_dir` per folder instead of a `stat` per link. Only the index reads the disk;
//! rules read the answers from the link graph.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use rustc_hash::FxHashMap;

use crate::resolve::Target;

/// What a path on disk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    File,
    Folder,
    Missing,
}

/// What a folder listing says of a name (without following links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
    Link,
}

// FxHash: every link of the handbook looks up its folder and its name here, and the
// keys are the handbook's own paths, not an attacker's.
type Listing = Arc<FxHashMap<OsString, Kind>>;

/// Existence checks on disk, answered from folder listings cached across threads.
pub struct FileTree {
    root: PathBuf,
    /// Listings by folder, written as its root-relative segments joined by `/` (`""` is
    /// the root, `../x` a folder beside it): a key is built a segment at a time and
    /// hashed as a string, with no path to assemble or take apart per look-up.
    listings: RwLock<FxHashMap<Box<str>, Option<Listing>>>,
}

impl FileTree {
    pub fn new(root: PathBuf) -> Self {
        FileTree {
            root,
            listings: RwLock::new(FxHashMap::default()),
        }
    }

    /// The folder on disk that a listing key names.
    fn absolute(&self, key: &str) -> PathBuf {
        let mut absolute = self.root.clone();
        for segment in key.split('/').filter(|s| !s.is_empty()) {
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
    pub fn entry(&self, path: &str) -> Entry {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        // Outside the root only the last name is checked in its folder's listing.
        let checked_from = if Target::leaves_root(path) {
            segments.len().saturating_sub(1)
        } else {
            0
        };
        let mut folder = segments[..checked_from].join("/");
        let mut kind = Kind::Folder;
        for segment in &segments[checked_from..] {
            match self.kind_in(&folder, OsStr::new(segment)) {
                Some(Some(found)) => kind = found,
                Some(None) | None => return Entry::Missing,
            }
            if !folder.is_empty() {
                folder.push('/');
            }
            folder.push_str(segment);
        }
        match kind {
            Kind::File => Entry::File,
            Kind::Folder => Entry::Folder,
            // A link: what it leads to, if anything.
            Kind::Link => match fs::metadata(self.absolute(&folder)) {
                Ok(metadata) if metadata.is_dir() => Entry::Folder,
                Ok(_) => Entry::File,
                Err(_) => Entry::Missing,
            },
        }
    }

    /// The names in a root-relative folder (`""` is the root) that are valid UTF-8;
    /// `None` when it cannot be listed.
    pub fn names(&self, folder: &str) -> Option<Vec<String>> {
        let key: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
        let listing = self.listing(&key.join("/"))?;
        Some(
            listing
                .keys()
                .filter_map(|name| name.to_str().map(str::to_string))
                .collect(),
        )
    }

    /// What `name` is in `folder` (a listing key): `None` when the folder cannot be
    /// listed, `Some(None)` when the name is not in it. Answered under the read lock when
    /// the folder was listed before, without touching the listing's reference count.
    fn kind_in(&self, folder: &str, name: &OsStr) -> Option<Option<Kind>> {
        {
            let listings = self
                .listings
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Some(listing) = listings.get(folder) {
                return listing.as_ref().map(|l| l.get(name).copied());
            }
        }
        self.listing(folder).map(|l| l.get(name).copied())
    }

    fn listing(&self, folder: &str) -> Option<Listing> {
        let cached = self
            .listings
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(folder)
            .cloned();
        if let Some(listing) = cached {
            return listing;
        }
        let listing = fs::read_dir(self.absolute(folder)).ok().map(|entries| {
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
            .insert(folder.into(), listing.clone());
        listing
    }
}
