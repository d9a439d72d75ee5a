//! Navigation across a folder: each page's nav as a sequence of targets, and the
//! canonical nav of each folder.
//!
//! Handbooks differ on whether a page's nav lists the page itself, so every comparison
//! leaves each page's own entry out: two pages agree when their navs are equal once both
//! pages are removed from both.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::files::Entry;
use super::kinds::is_index_page;
use super::links::LinkGraph;
use crate::facts::{Nav, NavEntry};
pub use crate::page::folder_of;
use crate::page::{Page, Pages};

/// Where an entry points: `path`, `path#fragment`, or an external destination as written.
/// Shared: a flat handbook of a thousand pages whose navs each list every page holds a
/// million entries, and most of them name the same few thousand targets.
pub type TargetKey = Arc<str>;

/// The target of each entry of a page's nav. Shared between pages whose navs resolve
/// alike, as most pages of a folder do: a flat handbook's thousand navs of a thousand
/// entries are then held once.
type EntryTargets = Arc<[Option<TargetKey>]>;

/// Positions in a page's `EntryTargets` of the distinct targets that exist; shared alike.
type Working = Arc<[u32]>;

/// Navs that resolve alike, held once.
#[derive(Default)]
struct Shared {
    targets: rustc_hash::FxHashSet<EntryTargets>,
    working: rustc_hash::FxHashSet<Working>,
}

/// `items`, or an equal slice already held.
fn interned<T: std::hash::Hash + Eq>(
    held: &mut rustc_hash::FxHashSet<Arc<[T]>>,
    items: Vec<T>,
) -> Arc<[T]> {
    if let Some(found) = held.get(items.as_slice()) {
        return found.clone();
    }
    let items: Arc<[T]> = items.into();
    held.insert(items.clone());
    items
}

/// The canonical nav of one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderNav {
    /// Every target, in order, including the page the nav was taken from when the
    /// folder's navs list themselves.
    pub entries: Vec<TargetKey>,
    /// Why it is canonical.
    pub basis: Basis,
    /// Pages of the folder that have a nav.
    pub pages_with_nav: usize,
    /// Pages of the folder.
    pub pages: usize,
    /// Whether the folder's pages list themselves in their navs: `Some` when a strict
    /// majority of the pages with a nav do (`true`) or do not (`false`).
    pub lists_self: Option<bool>,
    /// For each index page (README.md, index.md) in the nav, the label most navs give
    /// it (as first written): an index page may carry any label, but the same one
    /// everywhere. Compare with `normalised_label`.
    pub index_labels: HashMap<TargetKey, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// Shared by this many pages, more than half of those with a nav.
    Majority { shared_by: usize },
    /// No nav has a majority: the folder's index page (README.md or index.md) sets it.
    IndexPage { path: String },
}

#[derive(Debug, Default)]
pub struct NavIndex {
    folders: HashMap<String, FolderNav>,
    /// For each page with a nav, the target of each entry of its nav (`None` for an item
    /// without a link), as the link graph resolved it.
    targets: HashMap<String, EntryTargets>,
    /// For each page with a nav, the positions in `targets` of the distinct targets of
    /// its nav that exist, in order: what navs are compared by. An entry to a missing file
    /// is `broken-link`'s finding and never part of a canonical nav.
    working: HashMap<String, Working>,
}

impl NavIndex {
    pub fn build(pages: &Pages, links: &LinkGraph) -> Self {
        // The key of each page, shared by every nav entry that names the page.
        let page_keys: Vec<TargetKey> =
            pages.all().iter().map(|p| p.path.as_str().into()).collect();
        let shared = Mutex::new(Shared::default());
        let resolved: Vec<(String, EntryTargets, Working)> = pages
            .all()
            .par_iter()
            .enumerate()
            .filter_map(|(position, page)| {
                let (targets, working) =
                    resolve_nav(pages, Some(&page_keys), position, page, links)?;
                let mut shared = shared
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                let targets = interned(&mut shared.targets, targets);
                let working = interned(&mut shared.working, working);
                Some((page.path.clone(), targets, working))
            })
            .collect();
        let mut targets = HashMap::with_capacity(resolved.len());
        let mut working = HashMap::with_capacity(resolved.len());
        for (path, entry_targets, works) in resolved {
            targets.insert(path.clone(), entry_targets);
            working.insert(path, works);
        }
        let mut by_folder: HashMap<&str, Vec<&Page>> = HashMap::new();
        for page in pages.all() {
            by_folder
                .entry(folder_of(&page.path))
                .or_default()
                .push(page);
        }
        let folders = by_folder
            .into_par_iter()
            .filter_map(|(folder, pages)| {
                canonical_nav(&pages, &targets, &working)
                    .map(|canonical| (folder.to_string(), canonical))
            })
            .collect();
        NavIndex {
            folders,
            targets,
            working,
        }
    }

    /// The index after the pages at `edited` (positions) got new texts, the set of pages
    /// and every other page's links unchanged: the edited pages' navs are resolved again,
    /// and the canonical navs of their folders chosen again. Equal to `build` on the new
    /// pages. Answers the folders whose canonical nav changed: the other pages of a folder
    /// read nothing else of the edit here.
    pub fn with_pages_edited(
        &mut self,
        pages: &Pages,
        edited: &[usize],
        links: &LinkGraph,
    ) -> Vec<String> {
        for &position in edited {
            let page = &pages.all()[position];
            match resolve_nav(pages, None, position, page, links) {
                Some((targets, working)) => {
                    self.targets.insert(page.path.clone(), targets.into());
                    self.working.insert(page.path.clone(), working.into());
                }
                None => {
                    self.targets.remove(&page.path);
                    self.working.remove(&page.path);
                }
            }
        }
        let folders: HashSet<&str> = edited
            .iter()
            .map(|&position| folder_of(&pages.all()[position].path))
            .collect();
        let mut by_folder: HashMap<&str, Vec<&Page>> = HashMap::new();
        for page in pages.all() {
            let folder = folder_of(&page.path);
            if folders.contains(folder) {
                by_folder.entry(folder).or_default().push(page);
            }
        }
        let (targets, working) = (&self.targets, &self.working);
        let chosen: Vec<(&str, Option<FolderNav>)> = by_folder
            .into_par_iter()
            .map(|(folder, pages)| (folder, canonical_nav(&pages, targets, working)))
            .collect();
        let mut changed = Vec::new();
        for (folder, canonical) in chosen {
            if self.folders.get(folder) == canonical.as_ref() {
                continue;
            }
            match canonical {
                Some(canonical) => self.folders.insert(folder.to_string(), canonical),
                None => self.folders.remove(folder),
            };
            changed.push(folder.to_string());
        }
        changed.sort_unstable();
        changed
    }

    /// The canonical nav of the folder holding `page_path`, if the folder has one.
    pub fn folder_nav(&self, page_path: &str) -> Option<&FolderNav> {
        self.folders.get(folder_of(page_path))
    }

    /// The target of each entry of the page's nav (see `nav_of`), `None` for an item
    /// without a link; `None` for a page without a nav.
    pub fn entry_targets(&self, page_path: &str) -> Option<&[Option<TargetKey>]> {
        self.targets.get(page_path).map(|targets| &**targets)
    }

    /// The distinct targets of the page's nav that exist, in order, its own entry
    /// included when listed; `None` for a page without a nav.
    pub fn nav_targets(&self, page_path: &str) -> Option<Vec<TargetKey>> {
        working_keys(&self.targets, &self.working, page_path)
    }
}

/// The target of each entry of the nav of the page at `position`, and the positions of
/// its distinct targets that exist; `None` for a page without a nav.
fn resolve_nav(
    pages: &Pages,
    page_keys: Option<&[TargetKey]>,
    position: usize,
    page: &Page,
    links: &LinkGraph,
) -> Option<(Vec<Option<TargetKey>>, Vec<u32>)> {
    let nav = nav_of(page)?;
    let mut targets = Vec::with_capacity(nav.entries.len());
    let mut working = Vec::with_capacity(nav.entries.len());
    let mut seen = HashSet::with_capacity(nav.entries.len());
    for entry in &nav.entries {
        let target = keyed_entry_target(pages, page_keys, page, position, entry, links);
        if let Some((key, true)) = &target {
            if seen.insert(key.clone()) {
                working.push(targets.len() as u32);
            }
        }
        targets.push(target.map(|(key, _)| key));
    }
    Some((targets, working))
}

/// The page's nav: the last nav list of the page (a nav closes a page).
pub fn nav_of(page: &Page) -> Option<&Nav> {
    page.facts.navs.last()
}

/// The target of a nav entry of the page at `position` (read from the link graph) and
/// whether it exists; `None` for an item without a link.
pub fn entry_target(
    pages: &Pages,
    page: &Page,
    position: usize,
    entry: &NavEntry,
    links: &LinkGraph,
) -> Option<(TargetKey, bool)> {
    keyed_entry_target(pages, None, page, position, entry, links)
}

/// `entry_target`, sharing the key of a page from `page_keys` (by position) when the
/// entry names the page itself.
fn keyed_entry_target(
    pages: &Pages,
    page_keys: Option<&[TargetKey]>,
    page: &Page,
    position: usize,
    entry: &NavEntry,
    links: &LinkGraph,
) -> Option<(TargetKey, bool)> {
    let resolved = links.get(position, entry.link()?)?;
    let fragment = resolved.fragment().filter(|f| !f.is_empty());
    let key = match (resolved.path(pages, page), fragment) {
        (Some(path), None) => match resolved.page() {
            Some(target) if pages.all()[target].path == path => match page_keys {
                Some(keys) => keys[target].clone(),
                None => path.into(),
            },
            _ => path.into(),
        },
        (Some(path), Some(fragment)) => format!("{path}#{fragment}").into(),
        (None, _) => page
            .facts
            .nav_link(entry)?
            .destination(page.source.text())
            .into(),
    };
    Some((key, resolved.exists != Entry::Missing))
}

/// The path part of a key.
pub fn key_path(key: &str) -> &str {
    key.split_once('#').map_or(key, |(path, _)| path)
}

/// The distinct existing targets of a page's nav, in order; `None` without a nav.
fn working_keys(
    targets: &HashMap<String, EntryTargets>,
    working: &HashMap<String, Working>,
    page_path: &str,
) -> Option<Vec<TargetKey>> {
    Some(keys_at(targets.get(page_path)?, working.get(page_path)?))
}

/// The targets at `positions`.
fn keys_at(targets: &[Option<TargetKey>], positions: &[u32]) -> Vec<TargetKey> {
    positions
        .iter()
        .filter_map(|&at| targets.get(at as usize)?.clone())
        .collect()
}

/// True when the page's nav targets include the page itself.
pub fn lists_itself(page_path: &str, targets: &[TargetKey]) -> bool {
    targets.iter().any(|key| key_path(key) == page_path)
}

/// True when the sequences are equal once `a_page` and `b_page` are left out of both.
fn agree(a: &[TargetKey], a_page: &str, b: &[TargetKey], b_page: &str) -> bool {
    let keep = |key: &&TargetKey| key_path(key) != a_page && key_path(key) != b_page;
    a.iter().filter(keep).eq(b.iter().filter(keep))
}

/// True when a page's nav is the folder nav `entries`. Where the folder's pages list
/// themselves and `entries` lists this page, the page must list itself in the same place;
/// otherwise both are compared without the page's own entry.
pub fn shares(
    entries: &[TargetKey],
    page: &str,
    targets: &[TargetKey],
    lists_self: Option<bool>,
) -> bool {
    if lists_self == Some(true) && entries.iter().any(|key| key_path(key) == page) {
        return entries == targets;
    }
    let keep = |key: &&TargetKey| key_path(key) != page;
    entries.iter().filter(keep).eq(targets.iter().filter(keep))
}

/// The canonical nav of one folder's pages, if any.
fn canonical_nav(
    pages: &[&Page],
    entry_targets: &HashMap<String, EntryTargets>,
    working: &HashMap<String, Working>,
) -> Option<FolderNav> {
    // Pages that share their entry targets share their working targets too.
    let mut seen: HashMap<(*const (), *const ()), Arc<[TargetKey]>> = HashMap::new();
    let navs: Vec<(&Page, Arc<[TargetKey]>)> = pages
        .iter()
        .filter_map(|page| {
            let targets = entry_targets.get(&page.path)?;
            let positions = working.get(&page.path)?;
            let identity = (
                Arc::as_ptr(targets) as *const (),
                Arc::as_ptr(positions) as *const (),
            );
            let keys = seen
                .entry(identity)
                .or_insert_with(|| keys_at(targets, positions).into())
                .clone();
            Some((*page, keys))
        })
        .collect();
    if navs.is_empty() {
        return None;
    }
    let needed = navs.len() / 2 + 1;
    let convention = self_convention(&navs);
    // Agreement leaves two pages out, so it is not transitive: every distinct nav is a
    // candidate of its own. Real folders share one nav, so the first candidates decide.
    let mut tried: std::collections::HashSet<&[TargetKey]> = std::collections::HashSet::new();
    for (candidate, (page, targets)) in navs.iter().enumerate() {
        if !tried.insert(targets) {
            continue;
        }
        let agreeing: Vec<usize> = (0..navs.len())
            .filter(|&other| {
                other == candidate
                    || agree(targets, &page.path, &navs[other].1, &navs[other].0.path)
            })
            .collect();
        if agreeing.len() < needed {
            continue;
        }
        // Pairwise agreement cannot see a page that lacks exactly the other page's entry:
        // count again against the whole nav, the owner's entry put back.
        let entries = with_owner(&page.path, targets, agreeing.iter().map(|&i| &navs[i]));
        let shared_by = navs
            .iter()
            .filter(|(other, other_targets)| {
                shares(&entries, &other.path, other_targets, convention)
            })
            .count();
        if shared_by >= needed {
            return Some(FolderNav {
                entries,
                basis: Basis::Majority { shared_by },
                pages_with_nav: navs.len(),
                pages: pages.len(),
                lists_self: convention,
                index_labels: index_labels(&navs, entry_targets),
            });
        }
    }
    let (index_page, targets) = navs.iter().find(|(page, _)| is_index_page(&page.path))?;
    let agreeing = navs
        .iter()
        .filter(|(page, other)| agree(targets, &index_page.path, other, &page.path));
    Some(FolderNav {
        entries: with_owner(&index_page.path, targets, agreeing),
        basis: Basis::IndexPage {
            path: index_page.path.clone(),
        },
        pages_with_nav: navs.len(),
        pages: pages.len(),
        lists_self: self_convention(&navs),
        index_labels: index_labels(&navs, entry_targets),
    })
}

/// Whether most pages with a nav list themselves (`None` on a tie).
fn self_convention(navs: &[(&Page, Arc<[TargetKey]>)]) -> Option<bool> {
    let listing = navs
        .iter()
        .filter(|(page, targets)| lists_itself(&page.path, targets))
        .count();
    let not_listing = navs.len() - listing;
    match listing.cmp(&not_listing) {
        std::cmp::Ordering::Greater => Some(true),
        std::cmp::Ordering::Less => Some(false),
        std::cmp::Ordering::Equal => None,
    }
}

/// The most common label of each index-page entry across the folder's navs.
fn index_labels(
    navs: &[(&Page, Arc<[TargetKey]>)],
    entry_targets: &HashMap<String, EntryTargets>,
) -> HashMap<TargetKey, String> {
    // Counted by normalised label; the first spelling seen is kept for display.
    let mut counts: HashMap<TargetKey, HashMap<String, (usize, String)>> = HashMap::new();
    for (page, _) in navs {
        let (Some(nav), Some(targets)) = (nav_of(page), entry_targets.get(&page.path)) else {
            continue;
        };
        for (entry, key) in nav.entries.iter().zip(targets.iter()) {
            let Some(key) = key.clone().filter(|k| is_index_page(key_path(k))) else {
                continue;
            };
            let Some(link) = page.facts.nav_link(entry) else {
                continue;
            };
            let written = link.label(page.source.text());
            let shown = collapsed(written);
            counts
                .entry(key)
                .or_default()
                .entry(normalised_label(written))
                .or_insert((0, shown))
                .0 += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(key, labels)| {
            let total: usize = labels.values().map(|(count, _)| count).sum();
            let (_, (count, shown)) = labels
                .into_iter()
                .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| b.0.cmp(&a.0)))?;
            // Only a label most entries share is a convention.
            (count * 2 > total).then_some((key, shown))
        })
        .collect()
}

/// A label as shown: runs of whitespace (line breaks included) made single spaces, trimmed.
pub fn collapsed(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A label compared across pages: whitespace collapsed, lower case.
pub fn normalised_label(label: &str) -> String {
    collapsed(label).to_lowercase()
}

/// `targets` of the page at `owner`, with the owner's own entry put back where the
/// agreeing pages list it (when they do).
///
/// Each agreeing page places the owner before the entry that follows it there. A page
/// that comes right after the owner misplaces it by one, so the most common place wins.
fn with_owner<'a>(
    owner: &str,
    targets: &[TargetKey],
    agreeing: impl Iterator<Item = &'a (&'a Page, Arc<[TargetKey]>)>,
) -> Vec<TargetKey> {
    if lists_itself(owner, targets) {
        return targets.to_vec();
    }
    let mut votes: HashMap<usize, usize> = HashMap::new();
    let mut owner_key = None;
    for (_, other) in agreeing.filter(|(page, _)| page.path != owner).take(9) {
        let Some(position) = other.iter().position(|key| key_path(key) == owner) else {
            continue;
        };
        owner_key.get_or_insert_with(|| other[position].clone());
        let at = other[position + 1..]
            .first()
            .and_then(|next| targets.iter().position(|key| key == next))
            .unwrap_or(targets.len());
        *votes.entry(at).or_default() += 1;
    }
    let mut entries = targets.to_vec();
    if let Some(key) = owner_key {
        let at = votes
            .into_iter()
            .max_by_key(|&(at, count)| (count, std::cmp::Reverse(at)))
            .map_or(entries.len(), |(at, _)| at);
        entries.insert(at, key);
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<TargetKey> {
        list.iter().map(|s| TargetKey::from(*s)).collect()
    }

    #[test]
    fn agreement_ignores_both_pages() {
        let a = keys(&["README.md", "B.md", "C.md"]);
        let b = keys(&["README.md", "A.md", "C.md"]);
        assert!(agree(&a, "A.md", &b, "B.md"));
        let c = keys(&["README.md", "A.md"]);
        assert!(!agree(&a, "A.md", &c, "C.md"));
    }
}
