//! Where the role vocabulary is learnt: the names of the handbook's roles, and, as weaker
//! evidence, the words of its other titles.
//!
//! A role name is a short Title Case name whose last word (its head) names a person by
//! what they do ("Engineer", "Director", "Analyst", "Lead"): the title of a role page
//! that lives among role pages, a role that a comparison names (an "A vs B" title, a
//! header cell), or a configured extra role. A page titled "Training" or "Sync" in a
//! general handbook is no role: its words teach a spelling only with more evidence, and
//! only near role pages (see `Tier`).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::facts::words::word_ranges;
use crate::index::comparisons::Comparisons;
use crate::index::kinds::{is_repository_file, kind_of, PageKind};
use crate::index::links::LinkGraph;
use crate::index::titles::comparison_roles;
use crate::page::{folder_of, Page};

/// How much a learnt word is trusted as a correct spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// A word of a title that names no role ("Career Framework"): a typo is judged against
    /// it only with more evidence.
    Title,
    /// A word of a role's name.
    Role,
}

/// Which pages' titles teach the vocabulary.
pub(super) struct TitlePages {
    /// By page: its title is a role's name.
    role: Vec<bool>,
    /// By page: its title teaches spellings (a weaker tier): it sits in a folder of two
    /// role pages or more, or links two role pages or more (a README, a ladder). Other
    /// titles of a large repository are a general dictionary, not the handbook's words.
    near_roles: Vec<bool>,
}

impl TitlePages {
    pub(super) fn new(pages: &[Page], links: &LinkGraph) -> Self {
        // Each page's kind is worked out once, on every core: a large handbook has many.
        let (shaped, index): (Vec<bool>, Vec<bool>) = pages
            .par_iter()
            .map(|page| {
                let kind = kind_of(page);
                (is_role_shaped(page, kind), kind == PageKind::Index)
            })
            .unzip();
        // A role page lives among role pages: they are a third of its folder's pages or
        // more. Elsewhere a title ending in "-er" names a thing ("Parser", "Loader") as
        // often as a person.
        let mut per_folder: HashMap<&str, (usize, usize)> = HashMap::new();
        for ((page, shaped), index) in pages.iter().zip(&shaped).zip(&index) {
            if *index {
                continue;
            }
            let counts = per_folder.entry(folder_of(&page.path)).or_default();
            counts.0 += usize::from(*shaped);
            counts.1 += 1;
        }
        let is_role_folder =
            |path: &str| per_folder.get(folder_of(path)).is_some_and(is_role_folder);
        let role: Vec<bool> = pages
            .iter()
            .zip(&shaped)
            .map(|(page, shaped)| *shaped && is_role_folder(&page.path))
            .collect();
        let near_roles = pages
            .par_iter()
            .enumerate()
            .map(|(position, page)| {
                if is_role_folder(&page.path) {
                    return true;
                }
                let mut linked = HashSet::new();
                links
                    .links_of(position)
                    .filter_map(|(_, link)| link.page())
                    .any(|to| role.get(to) == Some(&true) && linked.insert(to) && linked.len() >= 2)
            })
            .collect();
        TitlePages { role, near_roles }
    }
}

/// True for a page whose title is shaped like a role's name.
fn is_role_shaped(page: &Page, kind: PageKind) -> bool {
    kind == PageKind::Role
        && !is_repository_file(&page.path)
        && page.facts.title_text().is_some_and(is_role_name)
}

/// True for a folder whose role-shaped pages are a third of its pages (index pages
/// aside) or more, from `(role-shaped pages, pages)`.
fn is_role_folder(&(roles, all): &(usize, usize)) -> bool {
    roles >= 1 && roles * 3 >= all
}

/// True when `folder` (root-relative) is a folder of role pages, as `TitlePages` judges
/// it: the titles of its pages teach spellings whatever they link.
pub(super) fn is_role_folder_of(pages: &[Page], folder: &str) -> bool {
    // Pages are sorted by path, so the pages below a folder are one run of them: an
    // edit of many pages asks this once per page, and must not read the whole handbook
    // each time.
    let below = if folder.is_empty() {
        pages
    } else {
        let prefix = format!("{folder}/");
        let start = pages.partition_point(|page| page.path.as_str() < prefix.as_str());
        let length = pages[start..].partition_point(|page| page.path.starts_with(&prefix));
        &pages[start..start + length]
    };
    let mut counts = (0, 0);
    for page in below.iter().filter(|page| folder_of(&page.path) == folder) {
        let kind = kind_of(page);
        if kind != PageKind::Index {
            counts.0 += usize::from(is_role_shaped(page, kind));
            counts.1 += 1;
        }
    }
    is_role_folder(&counts)
}

/// Feeds `learn` every text of a page that names roles or titles it, with its tier.
pub(super) fn texts_of<'p>(
    pages: &'p [Page],
    position: usize,
    comparisons: &'p Comparisons,
    titles: &TitlePages,
    learn: &mut impl FnMut(String, Tier),
) {
    let page = &pages[position];
    // A comparison's title is learnt as the roles it compares, below.
    let title = page
        .facts
        .title_text()
        .filter(|_| kind_of(page) != PageKind::Comparison);
    if let Some(title) = title {
        if titles.role[position] {
            learn(title.to_string(), Tier::Role);
        } else if titles.near_roles[position] {
            learn(title.to_string(), Tier::Title);
        }
    }
    // A table or title may compare things that are no roles ("Yarn vs npm"): a compared
    // name is a role by the same test as a title.
    for role in compared_roles(pages, position, comparisons) {
        if is_role_name(&role) {
            learn(role, Tier::Role);
        } else if titles.near_roles[position] {
            learn(role, Tier::Title);
        }
    }
}

/// The roles the page compares: those of its "A vs B" title and of the header cells of
/// its comparison tables.
fn compared_roles(pages: &[Page], position: usize, comparisons: &Comparisons) -> Vec<String> {
    let page = &pages[position];
    let mut roles: Vec<String> = page
        .facts
        .title_text()
        .and_then(comparison_roles)
        .unwrap_or_default()
        .into_iter()
        .map(str::to_string)
        .collect();
    for index in 0..page.facts.tables.len() {
        if let Some(comparison) = comparisons.of(position, index) {
            roles.extend(comparison.header_roles.iter().map(|h| h.role.clone()));
        }
    }
    roles
}

/// The last word of a name, lower-cased, a plural `s` dropped: "Software Engineers" →
/// "engineer".
fn head_of(name: &str) -> Option<String> {
    // "Head of People", "VP of Engineering": the role is named before "of".
    let name = name.split_once(" of ").map_or(name, |(before, _)| before);
    let last = word_ranges(name).last()?;
    let lower = name[last].to_lowercase();
    let singular = lower
        .strip_suffix('s')
        .filter(|stem| stem.chars().count() >= 3 && !stem.ends_with('s'))
        .unwrap_or(&lower);
    Some(singular.to_string())
}

/// True when a name is shaped like a role's name and its last word names a person by
/// what they do.
fn is_role_name(name: &str) -> bool {
    is_name_shaped(name) && head_of(name).is_some_and(|head| is_agent_noun(&head))
}

/// Words joined by function words that a name may hold ("Head of People", "Trust and
/// Safety Lead").
const JOINING_WORDS: [&str; 6] = ["of", "and", "for", "the", "in", "&"];

/// True for a short name in Title Case: one to five words, each capitalised (or a joining
/// word), letters and hyphens only. "Disallow unnecessary semicolons", "Using the CLI:
/// options" and "no-unused-vars" are sentences or identifiers, not names.
fn is_name_shaped(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words.iter().all(|word| {
            JOINING_WORDS.contains(word)
                || (word.starts_with(char::is_uppercase)
                    && word
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\''))
        })
}

/// Role nouns that do not end like an agent noun.
const ROLE_NOUNS: [&str; 14] = [
    "lead",
    "head",
    "chief",
    "coach",
    "principal",
    "staff",
    "intern",
    "associate",
    "fellow",
    "partner",
    "apprentice",
    "champion",
    "steward",
    "expert",
];

/// True for a word that names a person by what they do: an agent noun ("engineer",
/// "director", "analyst", "accountant", "technician") or a common role noun ("lead").
/// English morphology: role-typo judges English pages only.
fn is_agent_noun(head: &str) -> bool {
    ROLE_NOUNS.contains(&head)
        || head == "vp"
        || (head.chars().count() >= 5
            && ["er", "or", "ist", "yst", "ant", "ent", "ian", "eer"]
                .iter()
                .any(|ending| head.ends_with(ending)))
}
