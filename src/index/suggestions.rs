//! "Did you mean" for links to missing files, computed once per missing target from two
//! indexes: the names in the target's folder (a misspelt or renamed file), then the
//! file names of every page (a page moved to another folder). Nothing compares a link
//! with every page of the handbook.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::files::{Entry, FileTree};
use super::kinds::is_index_page;
use super::links::LinkGraph;
use crate::page::{folder_of, name_of, Pages};
use crate::suggest::distance_within;

/// The most candidates kept for one missing target.
const KEPT: usize = 6;

/// Where a missing target may have gone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissingTarget {
    /// The position in `Pages::all()` of the page of each link that names this target.
    pub linked_from: Vec<usize>,
    /// Files that may be meant, closest first (ties: the target's own folder first, then
    /// by path).
    pub candidates: Vec<Candidate>,
}

impl MissingTarget {
    /// How many links of the handbook name this target.
    pub fn links(&self) -> usize {
        self.linked_from.len()
    }

    /// The closest candidates for a link written on the page at `linking_page`, never
    /// that page itself; empty when that page is at least as close as any other (a link
    /// to a page's own misspelt name is no link to its neighbour).
    pub fn closest_for(&self, linking_page: &str) -> Vec<&Candidate> {
        let Some(best) = self.candidates.first().map(|c| c.distance) else {
            return Vec::new();
        };
        let closest: Vec<&Candidate> = self
            .candidates
            .iter()
            .take_while(|c| c.distance == best)
            .collect();
        if closest.iter().any(|c| c.path == linking_page) {
            return Vec::new();
        }
        closest
    }
}

/// A file a missing target may have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Root-relative path.
    pub path: String,
    /// Edits from the missing name to this file's name, ignoring case.
    pub distance: usize,
    /// True when it sits in the missing target's folder (a misspelt or renamed name),
    /// false for a page elsewhere with the same or nearly the same name (a moved page).
    pub in_folder: bool,
}

/// Suggestions by missing root-relative path.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Suggestions {
    by_path: HashMap<String, MissingTarget>,
    /// Root-relative path of an existing file → the missing path it alone is closest to
    /// (the one most linked, when several): a file renamed without its links.
    renamed: HashMap<String, String>,
}

impl Suggestions {
    pub fn build(pages: &Pages, graph: &LinkGraph, files: &FileTree) -> Self {
        Suggestions::default().with_links_changed(pages, graph, files)
    }

    /// The suggestions after some pages' links changed, the pages and files unchanged:
    /// equal to `build`. A missing target's candidates depend on its path, the files and
    /// the pages' names only, so those of a target still linked are kept; only the links
    /// to each are gathered again, and new targets looked up.
    pub fn with_links_changed(self, pages: &Pages, graph: &LinkGraph, files: &FileTree) -> Self {
        let mut linked_from: HashMap<&str, Vec<usize>> = HashMap::new();
        for page in 0..pages.all().len() {
            for (_, link) in graph.links_of(page) {
                if let Some(path) = link.missing_path() {
                    linked_from.entry(path).or_default().push(page);
                }
            }
        }
        if linked_from.is_empty() {
            return Suggestions::default();
        }
        let mut known = self.by_path;
        let names = std::sync::OnceLock::new();
        let by_path = linked_from
            .into_iter()
            .map(|(path, linked_from)| (path, linked_from, known.remove(path)))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(path, linked_from, known)| {
                let candidates = match known {
                    Some(known) => known.candidates,
                    None => candidates_of(
                        path,
                        files,
                        names.get_or_init(|| NameIndex::new(pages)),
                        pages,
                    ),
                };
                let target = MissingTarget {
                    linked_from,
                    candidates,
                };
                (path.to_string(), target)
            })
            .collect();
        let renamed = renamed_files(&by_path, pages);
        Suggestions { by_path, renamed }
    }

    /// The missing path whose links most likely meant the file at `path`, with what is
    /// known of it: the name the file had before a rename that left its links behind.
    pub fn renamed_from(&self, path: &str) -> Option<(&str, &MissingTarget)> {
        let old = self.renamed.get(path)?;
        Some((old, self.by_path.get(old)?))
    }

    /// What is known of a missing root-relative path.
    pub fn get(&self, path: &str) -> Option<&MissingTarget> {
        self.by_path.get(path)
    }
}

/// The files a missing root-relative `path` may have meant, closest first.
fn candidates_of(path: &str, files: &FileTree, names: &NameIndex, pages: &Pages) -> Vec<Candidate> {
    let folder = folder_of(path);
    let name = name_of(path);
    let mut candidates: Vec<Candidate> = in_folder(files, folder, name)
        .into_iter()
        .map(|(name, distance)| Candidate {
            path: join(folder, &name),
            distance,
            in_folder: true,
        })
        .collect();
    // A page elsewhere of the same name beats a loose match in the folder:
    // `Quality-Director.md` moved to `quality/` is not `Delivery-Director.md`.
    candidates.extend(
        names
            .near(name, pages)
            .into_iter()
            .filter(|(moved, _)| folder_of(moved) != folder)
            .map(|(path, distance)| Candidate {
                path,
                distance,
                in_folder: false,
            }),
    );
    candidates.sort_by(|a, b| {
        (a.distance, !a.in_folder, &a.path).cmp(&(b.distance, !b.in_folder, &b.path))
    });
    candidates.truncate(KEPT);
    candidates
}

/// `name` in the root-relative `folder`.
fn join(folder: &str, name: &str) -> String {
    match folder {
        "" => name.to_string(),
        folder => format!("{folder}/{name}"),
    }
}

/// For each file that is the one closest candidate of a missing target linked from other
/// pages than itself, that target (the most linked one when several).
fn renamed_files(
    by_path: &HashMap<String, MissingTarget>,
    pages: &Pages,
) -> HashMap<String, String> {
    let mut renamed: HashMap<String, (String, usize)> = HashMap::new();
    for (path, target) in by_path {
        let file = match target.candidates.as_slice() {
            [only] => &only.path,
            [first, second, ..] if first.distance < second.distance => &first.path,
            _ => continue,
        };
        // Links from the file itself do not make it reachable: they are no evidence.
        let from_others = match pages.index_of(file) {
            Some(page) => target
                .linked_from
                .iter()
                .filter(|&&from| from != page)
                .count(),
            None => target.links(),
        };
        if from_others == 0 {
            continue;
        }
        let slot = renamed.entry(file.clone()).or_insert((path.clone(), 0));
        if from_others > slot.1 || (from_others == slot.1 && *path < slot.0) {
            *slot = (path.clone(), from_others);
        }
    }
    renamed
        .into_iter()
        .map(|(file, (old, _))| (file, old))
        .collect()
}

/// How many edits a name of this length may carry and still be the name meant.
pub fn plausible_edits(name: &str) -> usize {
    (name.chars().count() / 3).max(2)
}

/// Folders with more names than this are searched for near names only (two edits):
/// the looser search costs a distance per name, and a huge folder times many missing
/// targets would grow with their product.
const LOOSE_SEARCH_NAMES: usize = 2_000;

/// Names in a root-relative folder within the plausible distance of `name`.
fn in_folder(files: &FileTree, folder: &str, name: &str) -> Vec<(String, usize)> {
    if !folder.is_empty() && files.entry(folder) != Entry::Folder {
        return Vec::new();
    }
    let Some(names) = files.names(folder) else {
        return Vec::new();
    };
    let mut found = within(&names, name, 2);
    let loose = plausible_edits(name);
    if found.is_empty() && loose > 2 && names.len() <= LOOSE_SEARCH_NAMES {
        found = within(&names, name, loose);
    }
    found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    found.truncate(KEPT);
    found
}

/// The names at most `bound` edits from `name`, unsorted.
fn within(names: &[String], name: &str, bound: usize) -> Vec<(String, usize)> {
    let length = name.chars().count();
    let letters = letters_of(name);
    names
        .iter()
        .filter(|candidate| candidate.as_str() != name)
        // Cheap necessary conditions first: an edit changes the length by at most one
        // and the set of letters by at most two.
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= bound)
        .filter(|candidate| (letters ^ letters_of(candidate)).count_ones() as usize <= 2 * bound)
        .filter_map(|candidate| {
            distance_within(name, candidate, bound).map(|d| (candidate.clone(), d))
        })
        .collect()
}

/// The set of characters of a name, folded into 64 bits (case ignored).
fn letters_of(name: &str) -> u64 {
    name.chars()
        .flat_map(char::to_lowercase)
        .fold(0, |set, c| set | 1 << (c as u32 % 64))
}

/// File names of every page except index pages (every folder has a README: its name
/// says nothing of where a page went), with every one-letter deletion of each, so that
/// names one edit apart meet under a shared key. Keys are hashes: a collision only adds a
/// candidate that the edit distance then turns away. One sorted array, searched by
/// halves: a hash map would allocate a list per key, hundreds of thousands of them.
struct NameIndex {
    /// `(key, page position)`, sorted.
    keyed: Vec<(u64, u32)>,
}

impl NameIndex {
    fn new(pages: &Pages) -> Self {
        let mut keyed: Vec<(u64, u32)> = pages
            .all()
            .par_iter()
            .enumerate()
            .filter(|(_, page)| !is_index_page(&page.path))
            .flat_map_iter(|(position, page)| {
                let position = u32::try_from(position).expect("fewer than 4 billion pages");
                keys_of(&name_of(&page.path).to_lowercase())
                    .into_iter()
                    .map(move |key| (key, position))
            })
            .collect();
        keyed.par_sort_unstable();
        NameIndex { keyed }
    }

    /// The pages filed under `key`.
    fn pages_under(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let start = self.keyed.partition_point(|&(k, _)| k < key);
        self.keyed[start..]
            .iter()
            .take_while(move |&&(k, _)| k == key)
            .map(|&(_, page)| page)
    }

    /// Pages whose file name is `name` or one edit from it, closest first.
    fn near(&self, name: &str, pages: &Pages) -> Vec<(String, usize)> {
        if is_index_page(name) {
            return Vec::new();
        }
        let mut seen = HashSet::new();
        let mut found: Vec<(String, usize)> = keys_of(&name.to_lowercase())
            .iter()
            .flat_map(|&key| self.pages_under(key))
            .filter(|&page| seen.insert(page))
            .filter_map(|page| {
                let path = &pages.all()[page as usize].path;
                distance_within(name, name_of(path), 1).map(|d| (path.clone(), d))
            })
            .collect();
        found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        found.truncate(KEPT);
        found
    }
}

/// The hashes of a lower-case name and of each of its one-character deletions. The
/// shortened names are built in one reused buffer: a hash of the whole name, not of its
/// two parts, so that the same name from different deletions meets.
fn keys_of(name: &str) -> Vec<u64> {
    let mut shortened = Vec::with_capacity(name.len());
    let mut hash = |parts: [&str; 2]| {
        shortened.clear();
        shortened.extend_from_slice(parts[0].as_bytes());
        shortened.extend_from_slice(parts[1].as_bytes());
        let mut hasher = FxHasher::default();
        hasher.write(&shortened);
        hasher.finish()
    };
    let mut keys = vec![hash([name, ""])];
    for (at, c) in name.char_indices() {
        keys.push(hash([&name[..at], &name[at + c.len_utf8()..]]));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletion_keys_meet_for_one_edit() {
        let shared = |a: &str, b: &str| {
            let a: HashSet<u64> = keys_of(a).into_iter().collect();
            keys_of(b).into_iter().any(|k| a.contains(&k))
        };
        assert!(shared("lead.md", "laed.md"), "transposition");
        assert!(shared("lead.md", "leads.md"), "insertion");
        assert!(shared("lead.md", "lend.md"), "substitution");
        assert!(!shared("lead.md", "load.mx"));
    }
}
