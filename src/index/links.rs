//! The link graph: every checked link of every page resolved once, with what its target
//! is on disk and the page it reaches. Every rule and every other index reads links from
//! here; nothing else resolves a destination.

use std::collections::HashMap;

use rayon::prelude::*;

use super::files::{Entry, FileTree};
use super::kinds::index_rank;
use crate::facts::{Link, LinkKind};
use crate::page::{folder_of, name_of, Page, Pages};
use crate::resolve::{Resolver, Target, Written};

/// One resolved link. Kept small, 12 bytes: a large handbook has a million links, most
/// of them to pages whose path is already stored once, with the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    /// How its destination was written.
    pub written: Written,
    /// What a local target is on disk; `File` for same-page links and URLs.
    pub exists: Entry,
    /// True for GitHub's `?plain=1`, which makes `#L10` a source line, not a heading.
    plain: bool,
    place: Place,
    /// The page of the handbook it reaches (see `page`), `NO_PAGE` for none.
    page: u32,
    /// Where its path of `Place::Path` and its fragment are in its page's `PageLinks::rare`,
    /// `NO_RARE` for none: most links have neither.
    rare: u32,
}

/// `ResolvedLink::page` of a link that reaches no page.
const NO_PAGE: u32 = u32::MAX;

/// `ResolvedLink::rare` of a link without a path or a fragment of its own.
const NO_RARE: u32 = u32::MAX;

/// Where a link points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A URL (never checked).
    External,
    /// The linking page.
    SamePage,
    /// The page at `ResolvedLink::page`, by its own path.
    Page,
    /// Another root-relative path (`Rare::path`): a file that is no page, a folder, or
    /// nothing.
    Path,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Rare {
    path: Option<Box<str>>,
    /// The fragment, percent-decoded.
    fragment: Option<Box<str>>,
}

impl ResolvedLink {
    /// True for a URL (outside the handbook and its own repository).
    pub fn is_external(&self) -> bool {
        self.place == Place::External
    }

    /// The page of the handbook it reaches, by position in `Pages::all()`: the page
    /// itself for `#x`, the page at the path, or a folder's index page.
    pub fn page(&self) -> Option<usize> {
        (self.page != NO_PAGE).then_some(self.page as usize)
    }
}

/// A resolved link with its path and fragment, as the link graph hands it out.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'g> {
    link: &'g ResolvedLink,
    rare: Option<&'g Rare>,
}

impl std::ops::Deref for Resolved<'_> {
    type Target = ResolvedLink;

    fn deref(&self) -> &ResolvedLink {
        self.link
    }
}

impl<'g> Resolved<'g> {
    /// The root-relative path of a local target (the linking page's for `#x`); `None`
    /// for a URL.
    pub fn path(self, pages: &'g Pages, linking_page: &'g Page) -> Option<&'g str> {
        match self.link.place {
            Place::External => None,
            Place::SamePage => Some(&linking_page.path),
            Place::Page => Some(&pages.all()[self.link.page()?].path),
            Place::Path => self.rare?.path.as_deref(),
        }
    }

    /// The fragment, percent-decoded.
    pub fn fragment(self) -> Option<&'g str> {
        self.rare?.fragment.as_deref()
    }

    /// The root-relative path of a local target that does not exist.
    pub fn missing_path(self) -> Option<&'g str> {
        match self.link.place {
            Place::Path if self.link.exists == Entry::Missing => self.rare?.path.as_deref(),
            _ => None,
        }
    }

    /// The fragment of a link to a page of the handbook, percent-decoded: the heading it
    /// names. `None` without a fragment, for other targets, and for `?plain=1#L10`, which
    /// names a source line.
    pub fn page_fragment(self) -> Option<(usize, &'g str)> {
        if self.link.plain || self.link.is_external() {
            return None;
        }
        Some((self.link.page()?, self.fragment()?))
    }
}

/// One page's resolved links.
#[derive(Debug, Default, PartialEq, Eq)]
struct PageLinks {
    /// By position in the page's `facts.links`; `None` for autolinks that are URLs (never
    /// checked).
    resolved: Vec<Option<ResolvedLink>>,
    /// The paths and fragments of its links that have one (`ResolvedLink::rare`).
    rare: Vec<Rare>,
}

impl PageLinks {
    fn of(around: &Around, page: &Page, position: usize) -> Self {
        let mut rare = Vec::new();
        let resolved = page
            .facts
            .links
            .iter()
            .map(|link| resolved(around, page, position, link, &mut rare))
            .collect();
        rare.shrink_to_fit();
        PageLinks { resolved, rare }
    }

    fn get(&self, link: usize) -> Option<Resolved<'_>> {
        let link = self.resolved.get(link)?.as_ref()?;
        Some(self.view(link))
    }

    fn view<'g>(&'g self, link: &'g ResolvedLink) -> Resolved<'g> {
        let rare = (link.rare != NO_RARE).then(|| &self.rare[link.rare as usize]);
        Resolved { link, rare }
    }
}

/// Every page's resolved links, and who links whom.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LinkGraph {
    /// By page.
    links: Vec<PageLinks>,
    /// By page, positions of reference uses whose definition is on the page: their
    /// destination is checked once, at the definition.
    checked_at_definition: Vec<Vec<usize>>,
    /// By page: links from other pages that reach it.
    inbound: Vec<usize>,
}

impl LinkGraph {
    pub fn build(pages: &Pages, resolver: &Resolver, files: &FileTree) -> Self {
        let around = Around {
            resolver,
            pages,
            files,
            folder_index: folder_index_pages(pages),
        };
        let links: Vec<PageLinks> = pages
            .all()
            .par_iter()
            .enumerate()
            .map(|(position, page)| PageLinks::of(&around, page, position))
            .collect();
        let checked_at_definition = pages.all().par_iter().map(checked_at_definition).collect();
        let inbound = inbound_of(&links);
        LinkGraph {
            links,
            checked_at_definition,
            inbound,
        }
    }

    /// The graph after the pages at `edited` (positions) got new texts, the set of pages
    /// unchanged: equal to `build` on the new pages. Only the edited pages' links are
    /// resolved again: how another page's link resolves depends on the paths of the pages
    /// and on the disk, not on the text of the page it reaches.
    pub fn with_pages_edited(
        mut self,
        pages: &Pages,
        edited: &[usize],
        resolver: &Resolver,
        files: &FileTree,
    ) -> Self {
        let around = Around {
            resolver,
            pages,
            files,
            folder_index: folder_index_pages(pages),
        };
        for &position in edited {
            let page = &pages.all()[position];
            self.links[position] = PageLinks::of(&around, page, position);
            self.checked_at_definition[position] = checked_at_definition(page);
        }
        self.inbound = inbound_of(&self.links);
        self
    }

    /// The resolved link at `link` of `facts.links` of the page at `page`.
    pub fn get(&self, page: usize, link: usize) -> Option<Resolved<'_>> {
        self.links.get(page)?.get(link)
    }

    /// The page's links whose destination is checked: `(position in facts.links,
    /// resolved)`, in order. A reference use is checked at its definition, so it is not
    /// among them.
    pub fn links_of(&self, page: usize) -> impl Iterator<Item = (usize, Resolved<'_>)> {
        let skipped = self.checked_at_definition.get(page);
        self.links.get(page).into_iter().flat_map(move |links| {
            links
                .resolved
                .iter()
                .enumerate()
                .filter(move |(index, _)| skipped.is_none_or(|s| s.binary_search(index).is_err()))
                .filter_map(|(index, link)| Some((index, links.view(link.as_ref()?))))
        })
    }

    /// Positions of the pages with a link (checked or not) that reaches one of `targets`
    /// (positions), in order; a target's links to itself count.
    pub fn linking_into(&self, targets: &std::collections::HashSet<usize>) -> Vec<usize> {
        let reaches = |links: &PageLinks| {
            let mut reached = links
                .resolved
                .iter()
                .flatten()
                .filter_map(ResolvedLink::page);
            reached.any(|to| targets.contains(&to))
        };
        (0..self.links.len())
            .filter(|&from| reaches(&self.links[from]))
            .collect()
    }

    /// How many links from other pages reach the page.
    pub fn inbound(&self, page: usize) -> usize {
        self.inbound.get(page).copied().unwrap_or(0)
    }

    /// True when some page links another page of the handbook: a handbook whose pages
    /// are reached by links.
    pub fn pages_link_each_other(&self) -> bool {
        self.inbound.iter().any(|&count| count > 0)
    }
}

/// Positions of the page's reference uses whose definition is on the page.
fn checked_at_definition(page: &Page) -> Vec<usize> {
    let links = page.facts.links.iter().enumerate();
    links
        .filter(|(_, l)| matches!(l.kind, LinkKind::ReferenceUse { defined: true }))
        .map(|(index, _)| index)
        .collect()
}

/// By page: how many links from other pages reach it.
fn inbound_of(links: &[PageLinks]) -> Vec<usize> {
    let mut inbound = vec![0; links.len()];
    for (from, page_links) in links.iter().enumerate() {
        for to in page_links
            .resolved
            .iter()
            .flatten()
            .filter_map(|l| l.page())
        {
            if to != from {
                inbound[to] += 1;
            }
        }
    }
    inbound
}

/// The index page of each folder that has one, preferring README, then index, then
/// `_index`.
fn folder_index_pages(pages: &Pages) -> HashMap<&str, usize> {
    let mut best: HashMap<&str, (usize, usize)> = HashMap::new();
    for (position, page) in pages.all().iter().enumerate() {
        let Some(rank) = index_rank(name_of(&page.path)) else {
            continue;
        };
        let slot = best
            .entry(folder_of(&page.path))
            .or_insert((rank, position));
        if rank < slot.0 {
            *slot = (rank, position);
        }
    }
    best.into_iter()
        .map(|(folder, (_, page))| (folder, page))
        .collect()
}

/// What a link is resolved against.
struct Around<'a> {
    resolver: &'a Resolver,
    pages: &'a Pages,
    files: &'a FileTree,
    folder_index: HashMap<&'a str, usize>,
}

fn resolved(
    around: &Around,
    page: &Page,
    position: usize,
    link: &Link,
    rare: &mut Vec<Rare>,
) -> Option<ResolvedLink> {
    let Around {
        resolver,
        pages,
        files,
        folder_index,
    } = around;
    let (target, written) = resolver.resolve(&page.path, link.destination(page.source.text()));
    // An autolink is a URL: only one into the handbook's own repository is a link.
    if link.kind == LinkKind::Autolink && written != Written::OwnUrl {
        return None;
    }
    let (local, fragment, plain) = match target {
        Target::External => (None, None, false),
        Target::SamePage { fragment } => (Some(None), fragment, false),
        Target::Local {
            path,
            fragment,
            query,
        } => {
            let plain = query.is_some_and(|q| q.split('&').any(|p| p == "plain=1"));
            (Some(Some(path)), fragment, plain)
        }
    };
    let (place, exists, reached, path) = match local {
        None => (Place::External, Entry::File, None, None),
        Some(None) => (Place::SamePage, Entry::File, Some(position), None),
        Some(Some(path)) => match pages.index_of(&path) {
            Some(index) => (Place::Page, Entry::File, Some(index), None),
            None => match files.entry(&path) {
                Entry::Folder => {
                    let index = folder_index.get(path.as_str()).copied();
                    (Place::Path, Entry::Folder, index, Some(path))
                }
                other => (Place::Path, other, None, Some(path)),
            },
        },
    };
    let rare_at = if path.is_some() || fragment.is_some() {
        rare.push(Rare {
            path: path.map(String::into_boxed_str),
            fragment: fragment.map(String::into_boxed_str),
        });
        (rare.len() - 1) as u32
    } else {
        NO_RARE
    };
    Some(ResolvedLink {
        written,
        exists,
        plain,
        place,
        page: reached.map_or(NO_PAGE, |page| page as u32),
        rare: rare_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A handbook of a thousand pages that each list every page holds a million of
    /// these: their size is the handbook's memory.
    #[test]
    fn per_link_facts_stay_compact() {
        assert_eq!(std::mem::size_of::<Option<ResolvedLink>>(), 12);
        assert_eq!(std::mem::size_of::<crate::facts::Link>(), 32);
        assert_eq!(std::mem::size_of::<crate::facts::nav::NavEntry>(), 12);
    }
}
