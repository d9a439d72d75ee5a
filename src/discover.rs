//! Finding the handbook root and its pages.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, CONFIG_FILE};
use crate::error::Error;

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Absolute handbook root.
    pub root: PathBuf,
    /// Root-relative paths of the pages to report on; `None` reports on every page.
    /// Paths given explicitly are linted even when the walk would skip them.
    pub selected: Option<Selection>,
    /// True when files were given outside any `roles-lint.toml` or git work tree: their
    /// folder is the handbook, without the folders below it (a page in a home folder
    /// must not make the whole home folder a handbook).
    pub shallow: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Root-relative files given on the command line.
    pub files: BTreeSet<String>,
    /// Root-relative folders given on the command line: every page below is reported.
    pub folders: Vec<String>,
}

impl Selection {
    pub fn contains(&self, page: &str) -> bool {
        self.files.contains(page)
            || self
                .folders
                .iter()
                .any(|f| f.is_empty() || page.starts_with(&format!("{f}/")))
    }
}

/// A page found by the walk, or a place the walk could not enter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Page(String),
    /// A root-relative path and why it could not be walked.
    Unreadable(String, String),
}

impl Found {
    /// The root-relative path.
    pub fn path(&self) -> &str {
        match self {
            Found::Page(path) | Found::Unreadable(path, _) => path,
        }
    }
}

/// Works out the handbook root and the selection from the command-line paths.
///
/// One folder: it is the root and everything is reported. Otherwise the root is the
/// folder of the nearest `roles-lint.toml` above the paths, else the git work tree,
/// else their common parent folder; only the given paths are reported.
///
/// A page read from standard input need not exist yet (`may_be_missing`): an editor
/// buffer of a new page still belongs to the handbook of its folder.
pub fn scope(paths: &[PathBuf], may_be_missing: Option<&Path>) -> Result<Scope, Error> {
    let mut absolute = Vec::new();
    for path in paths {
        let not_found = || Error::PathNotFound { path: path.clone() };
        let canonical = match fs::canonicalize(path) {
            Ok(canonical) => canonical,
            // It is there (a link that loops, a folder without permission): say why.
            Err(error) if fs::symlink_metadata(path).is_ok() => {
                return Err(Error::UnreadableRoot {
                    path: path.clone(),
                    reason: error.to_string(),
                })
            }
            Err(_) if may_be_missing == Some(path.as_path()) || is_removed_page(path) => {
                let name = path.file_name().ok_or_else(not_found)?;
                let parent = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                fs::canonicalize(parent)
                    .map_err(|_| not_found())?
                    .join(name)
            }
            Err(_) => return Err(not_found()),
        };
        absolute.push(canonical);
    }
    if let [only] = absolute.as_slice() {
        if only.is_dir() {
            check_readable(only)?;
            return Ok(Scope {
                root: only.clone(),
                selected: None,
                shallow: false,
            });
        }
    }
    let common = common_folder(&absolute);
    let marked = marked_root(&common);
    let shallow = marked.is_none();
    let root = marked.unwrap_or(common);
    check_readable(&root)?;
    let mut selection = Selection {
        files: BTreeSet::new(),
        folders: Vec::new(),
    };
    for path in &absolute {
        let relative = relative_path(&root, path).ok_or_else(|| Error::OutsideRoot {
            path: path.clone(),
            root: root.clone(),
        })?;
        if path.is_dir() {
            selection.folders.push(relative);
        } else {
            selection.files.insert(relative);
        }
    }
    Ok(Scope {
        root,
        selected: Some(selection),
        shallow,
    })
}

/// True for a Markdown file that is not there in a folder that belongs to a handbook
/// (a `roles-lint.toml` or a git work tree above it): a page deleted or moved away, which
/// CI names among the changed files. Its damage is reported: the links to it.
fn is_removed_page(path: &Path) -> bool {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    is_markdown(path)
        && fs::symlink_metadata(path).is_err()
        && fs::canonicalize(parent).is_ok_and(|folder| marked_root(&folder).is_some())
}

fn check_readable(root: &Path) -> Result<(), Error> {
    fs::read_dir(root)
        .map(drop)
        .map_err(|error| Error::UnreadableRoot {
            path: root.to_path_buf(),
            reason: error.to_string(),
        })
}

/// The deepest folder holding every path (a file stands for its folder).
fn common_folder(paths: &[PathBuf]) -> PathBuf {
    let folders: Vec<&Path> = paths
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.as_path()
            } else {
                p.parent().unwrap_or(p)
            }
        })
        .collect();
    let mut common = folders[0].to_path_buf();
    for folder in &folders[1..] {
        while !folder.starts_with(&common) {
            if !common.pop() {
                break;
            }
        }
    }
    common
}

/// The nearest folder at or above `start` with a `roles-lint.toml`, else with `.git`.
fn marked_root(start: &Path) -> Option<PathBuf> {
    let above = || start.ancestors();
    above()
        .find(|folder| folder.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .or_else(|| crate::repo::work_tree_of(start))
}

/// `path` relative to `root`, `/`-separated; `None` when it is not below the root.
pub fn relative_path(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let segments: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    Some(segments.join("/"))
}

/// True for the extensions of Markdown pages.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Every Markdown page below `root`, sorted, honouring `.gitignore` and `.ignore` (even
/// outside a git repository) and skipping hidden folders. Symbolic links to folders are
/// not followed, so a link loop cannot trap the walk.
pub fn walk(root: &Path) -> Vec<Found> {
    walk_excluding(root, &Config::default(), false, |found| found)
        .pages
        .into_iter()
        .map(|(_, found)| found)
        .collect()
}

/// What a walk found.
pub struct Walked<T> {
    /// What `visit` made of each page (or place that could not be read), sorted by
    /// root-relative path.
    pub pages: Vec<(String, T)>,
    /// Root-relative folders below the root that hold a `roles-lint.toml`: handbooks of
    /// their own, sorted. Their pages are among `pages` all the same.
    pub nested: Vec<String>,
}

/// `walk`, skipping the pages and folders that the configuration's `exclude` matches;
/// `shallow` walks the root folder only. The walk is parallel, and each page is handed
/// to `visit` on the thread that found it, so reading and parsing a page overlap the
/// walk of the rest; the results come back sorted by root-relative path.
pub fn walk_excluding<T: Send>(
    root: &Path,
    config: &Config,
    shallow: bool,
    visit: impl Fn(Found) -> T + Sync,
) -> Walked<T> {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .require_git(false)
        .follow_links(false)
        .max_depth(shallow.then_some(1));
    if !config.exclude.is_empty() {
        let (config, root) = (config.clone(), root.to_path_buf());
        builder.filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            relative_path(&root, entry.path()).is_none_or(|path| !config.is_excluded(&path, is_dir))
        });
    }
    let results = std::sync::Mutex::new(Vec::new());
    let nested = std::sync::Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        let (visit, results, nested) = (&visit, &results, &nested);
        Box::new(move |entry| {
            if let Some(folder) = nested_root(root, &entry) {
                nested
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push(folder);
            } else if let Some(found) = found_of(root, entry) {
                let path = found.path().to_string();
                let value = visit(found);
                results
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push((path, value));
            }
            ignore::WalkState::Continue
        })
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // In parallel: a large handbook's pages are many, and each moves whole.
    results.par_sort_by(|a, b| a.0.cmp(&b.0));
    let mut nested = nested
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    nested.sort();
    Walked {
        pages: results,
        nested,
    }
}

/// The root-relative folder of a `roles-lint.toml` below the root, if `entry` is one.
fn nested_root(root: &Path, entry: &Result<ignore::DirEntry, ignore::Error>) -> Option<String> {
    let entry = entry.as_ref().ok()?;
    let is_file = entry.file_type().is_some_and(|t| t.is_file());
    if !is_file || entry.depth() < 2 || entry.file_name() != CONFIG_FILE {
        return None;
    }
    relative_path(root, entry.path().parent()?)
}

/// What one entry of the walk is for the handbook: a page, a place that cannot be
/// read, or nothing (a folder, a file that is not Markdown).
fn found_of(root: &Path, entry: Result<ignore::DirEntry, ignore::Error>) -> Option<Found> {
    match entry {
        Ok(entry) => {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if is_dir || !is_markdown(entry.path()) {
                return None;
            }
            let relative = relative_path(root, entry.path())?;
            if entry.path().to_str().is_none() {
                // Read under its lossy name it would be "not found".
                Some(Found::Unreadable(
                    relative,
                    "has a name that is not valid UTF-8: rename it".to_string(),
                ))
            } else {
                Some(Found::Page(relative))
            }
        }
        Err(error) => {
            let path = error_path(&error)
                .and_then(|p| relative_path(root, &p))
                .unwrap_or_default();
            Some(Found::Unreadable(path, walk_reason(&error)))
        }
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_reason(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_reason(err),
        ignore::Error::Io(io) => format!("cannot be read: {io}"),
        other => format!("cannot be read: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_matches_files_and_folders() {
        let selection = Selection {
            files: ["A.md".to_string()].into(),
            folders: vec!["team".to_string()],
        };
        assert!(selection.contains("A.md"));
        assert!(selection.contains("team/B.md"));
        assert!(!selection.contains("teams/B.md"));
        assert!(!selection.contains("B.md"));
    }

    #[test]
    fn markdown_extensions() {
        assert!(is_markdown(Path::new("a/B.md")));
        assert!(is_markdown(Path::new("B.MARKDOWN")));
        assert!(!is_markdown(Path::new("b.png")));
    }
}
