//! Keeping the indexes current after an edit, without building them all again.
//!
//! The resident handbook of `roles-lint server` changes a page or two at a time. When
//! an edit leaves alone the set of pages and what every page's findings hang on
//! globally (page kinds, titles, what the vocabulary is learnt from, whether pages are
//! reached by links), the indexes follow the edited pages only: their links are resolved
//! again, their tables judged again, their navs resolved again (and their folders'
//! canonical navs chosen again) when they changed, and the missing-link suggestions
//! looked up for the targets they newly link. Otherwise `update` answers `None` and the
//! caller builds afresh. Tests hold an index updated this way equal to one built afresh
//! (`Indexes::build`).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use super::files::FileTree;
use super::kinds::{kind_of, PageKind};
use super::navs::{entry_target, nav_of, TargetKey};
use super::reach::Reach;
use super::vocabulary::is_role_folder;
use super::Indexes;
use crate::config::Config;
use crate::page::{folder_of, Page, Pages};
use crate::resolve::Resolver;
use crate::surroundings::Surroundings;

/// How links are resolved: kept with the indexes so that an edited page's links resolve
/// as the others did (and the folder listings read for them are read once).
#[derive(Default)]
pub struct Resolving(Option<(Resolver, FileTree)>);

impl fmt::Debug for Resolving {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Resolving")
    }
}

impl Resolving {
    pub(super) fn new(resolver: Resolver, files: FileTree) -> Self {
        Resolving(Some((resolver, files)))
    }

    /// The resolver and the folder listings; `None` for indexes made by `Default`.
    pub(super) fn parts(&self) -> Option<(&Resolver, &FileTree)> {
        let (resolver, files) = self.0.as_ref()?;
        Some((resolver, files))
    }
}

/// The indexes after an edit, and the pages whose per-page findings it may change.
pub struct Updated {
    pub indexes: Indexes,
    /// Positions of the edited pages, of the pages that link those whose headings or
    /// anchors changed, of the pages whose inbound links changed, of the pages of the
    /// folders whose canonical nav changed, and, when the edit changed missing links, of
    /// the pages with a missing link or no inbound link (suggestions, which `orphan-page`
    /// reads too).
    pub damaged: BTreeSet<usize>,
}

/// The indexes of `pages` after the pages at `edited` (positions) were replaced by new
/// versions of themselves; `before` holds the old versions, in the order of `edited`.
/// `None` when the edit changes something global: build afresh.
pub fn update(
    old: Indexes,
    before: &[Page],
    pages: &Pages,
    edited: &[usize],
    root: &Path,
    config: &Config,
    around: &Surroundings,
) -> Option<Updated> {
    // Indexes that were never built have nothing to update.
    old.resolving.parts()?;
    let new_of = |position: usize| &pages.all()[position];
    for (old_page, &position) in before.iter().zip(edited) {
        let page = new_of(position);
        // A title or kind names roles (titles, comparisons, vocabulary) for every page.
        if kind_of(old_page) != kind_of(page)
            || old_page.facts.title_text() != page.facts.title_text()
        {
            return None;
        }
    }
    let was: Vec<Footprint> = before
        .iter()
        .zip(edited)
        .map(|(page, &position)| Footprint::of(pages, page, position, &old))
        .collect();
    let Indexes {
        kinds,
        links,
        suggestions,
        reach: old_reach,
        navs,
        titles,
        comparisons,
        vocabulary,
        resolving,
    } = old;
    let old_inbound: Vec<usize> = (0..pages.all().len()).map(|p| links.inbound(p)).collect();
    let (resolver, files) = resolving.parts()?;
    let links = links.with_pages_edited(pages, edited, resolver, files);
    let comparisons = comparisons.with_pages_edited(pages, edited, &links, &titles);
    let mut indexes = Indexes {
        kinds,
        links,
        suggestions,
        reach: Reach::default(),
        navs,
        titles,
        comparisons,
        vocabulary,
        resolving,
    };
    let is: Vec<Footprint> = edited
        .iter()
        .map(|&position| Footprint::of(pages, new_of(position), position, &indexes))
        .collect();
    // Whether a folder is one of role pages, asked once per folder however many of its
    // pages were edited.
    let mut role_folders: HashMap<&str, bool> = HashMap::new();
    for ((was, is), &position) in was.iter().zip(&is).zip(edited) {
        let folder = folder_of(&new_of(position).path);
        let in_role_folder = || {
            *role_folders
                .entry(folder)
                .or_insert_with(|| is_role_folder(pages.all(), folder))
        };
        if !was.keeps_vocabulary(is, in_role_folder) {
            return None;
        }
    }
    indexes.reach = Reach::build(root, pages, &indexes.links, config, around.site.as_ref());
    if (indexes.reach.by_links, &indexes.reach.otherwise)
        != (old_reach.by_links, &old_reach.otherwise)
    {
        return None;
    }

    let mut damaged: BTreeSet<usize> = edited.iter().copied().collect();
    // The pages linking an edited page read its headings and anchors (titles and kinds
    // are unchanged here): when those stayed, their findings stay too.
    let retargeted: HashSet<usize> = before
        .iter()
        .zip(edited)
        .filter(|(old_page, &position)| !old_page.facts.same_link_targets(&new_of(position).facts))
        .map(|(_, &position)| position)
        .collect();
    if !retargeted.is_empty() {
        damaged.extend(indexes.links.linking_into(&retargeted));
    }
    damaged.extend(
        old_inbound
            .iter()
            .enumerate()
            .filter(|&(position, &count)| indexes.links.inbound(position) != count)
            .map(|(position, _)| position),
    );
    if was.iter().zip(&is).any(|(was, is)| was.navs != is.navs) {
        // The other pages' entries resolve as before: only a folder's canonical nav can
        // change their findings.
        let folders: HashSet<String> = indexes
            .navs
            .with_pages_edited(pages, edited, &indexes.links)
            .into_iter()
            .collect();
        let in_folders = pages.all().iter().enumerate();
        damaged.extend(
            in_folders
                .filter(|(_, page)| folders.contains(folder_of(&page.path)))
                .map(|(position, _)| position),
        );
    }
    if was
        .iter()
        .zip(&is)
        .any(|(was, is)| was.missing != is.missing)
    {
        let (_, files) = indexes.resolving.parts()?;
        let suggestions = std::mem::take(&mut indexes.suggestions);
        indexes.suggestions = suggestions.with_links_changed(pages, &indexes.links, files);
        // Their links' suggestions, and the orphans whose old name they may link.
        damaged.extend((0..pages.all().len()).filter(|&position| {
            let mut links = indexes.links.links_of(position);
            indexes.links.inbound(position) == 0
                || links.any(|(_, link)| link.missing_path().is_some())
        }));
    }
    Some(Updated { indexes, damaged })
}

/// A nav entry as the nav index reads it: its text, and its target and whether that
/// exists.
type NavItem = (String, Option<(TargetKey, bool)>);

/// What of one page the shared indexes read beyond its own entries: compared before and
/// after an edit.
#[derive(Debug, PartialEq, Eq)]
struct Footprint {
    /// The role pages it links, by position: outside a folder of role pages, two of them
    /// make its title teach spellings.
    linked_roles: BTreeSet<usize>,
    /// The roles its comparison tables name in their headers, in order.
    compared: Vec<String>,
    /// Its nav: each entry's text and target.
    navs: Option<Vec<NavItem>>,
    /// The missing targets of its links, in order.
    missing: Vec<String>,
}

impl Footprint {
    fn of(pages: &Pages, page: &Page, position: usize, indexes: &Indexes) -> Self {
        let links = &indexes.links;
        let linked_roles = links
            .links_of(position)
            .filter_map(|(_, link)| link.page())
            .filter(|&to| indexes.kinds.of(to) == PageKind::Role)
            .collect();
        let compared = indexes
            .comparisons
            .of_page(position)
            .iter()
            .flatten()
            .flat_map(|comparison| comparison.header_roles.iter().map(|h| h.role.clone()))
            .collect();
        let text = page.source.text();
        let navs = nav_of(page).map(|nav| {
            nav.entries
                .iter()
                .map(|entry| {
                    let item = text.get(entry.item_range()).unwrap_or_default();
                    let target = entry_target(pages, page, position, entry, links);
                    (item.to_string(), target)
                })
                .collect()
        });
        let missing = links
            .links_of(position)
            .filter_map(|(_, link)| link.missing_path().map(str::to_string))
            .collect();
        Footprint {
            linked_roles,
            compared,
            navs,
            missing,
        }
    }

    /// True when the vocabulary learns the same from the page in both versions (the
    /// title being the same): the same compared roles, and the same role pages linked
    /// unless the page lives in a folder of role pages (`in_role_folder`), where its
    /// title teaches spellings whatever it links.
    fn keeps_vocabulary(&self, other: &Footprint, in_role_folder: impl FnOnce() -> bool) -> bool {
        self.compared == other.compared
            && (self.linked_roles == other.linked_roles || in_role_folder())
    }
}
