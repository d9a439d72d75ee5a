//! Where the role vocabulary is learnt: the names of the handbook's roles, and, as weaker
//! evidence, the words of its other titles.
//!
//! A role name is the title of a role page whose last word (its head) names a person by
//! what they do ("Engineer", "Director", "Analyst", "Lead") or heads another role page's
//! title or a compared role; a role that a comparison names (an "A vs B" title, a header
//! cell); or a configured extra role. A page titled "Training" or "Sync" in a general
//! handbook is no role: its words teach a spelling only with more evidence (see `Tier`).

use std::collections::HashMap;

use crate::facts::words::word_ranges;
use crate::index::comparisons::Comparisons;
use crate::index::kinds::{kind_of, PageKind};
use crate::index::titles::comparison_roles;
use crate::page::Page;

/// How much a learnt word is trusted as a correct spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// A word of a title that names no role ("Career Framework"): a typo is judged against
    /// it only with more evidence.
    Title,
    /// A word of a role's name.
    Role,
}

/// The heads (last words, lower-cased, without a plural `s`) that name roles: those of
/// two role-page titles or more, and those of compared roles.
pub(super) fn role_heads<'p>(
    pages: &'p [Page],
    comparisons: &'p Comparisons,
) -> HashMap<String, usize> {
    let mut heads: HashMap<String, usize> = HashMap::new();
    for page in pages {
        if kind_of(page) != PageKind::Role {
            continue;
        }
        if let Some(head) = page.facts.title_text().and_then(head_of) {
            *heads.entry(head).or_default() += 1;
        }
    }
    for (position, _) in pages.iter().enumerate() {
        for role in compared_roles(pages, position, comparisons) {
            if let Some(head) = head_of(&role) {
                // A compared role is a role whatever else uses its head.
                *heads.entry(head).or_default() += 2;
            }
        }
    }
    heads.retain(|_, count| *count >= 2);
    heads
}

/// Feeds `learn` every text of a page that names roles or titles it, with its tier.
pub(super) fn texts_of<'p>(
    pages: &'p [Page],
    position: usize,
    comparisons: &'p Comparisons,
    heads: &HashMap<String, usize>,
    learn: &mut impl FnMut(String, Tier),
) {
    let page = &pages[position];
    // A comparison's title is learnt as the roles it compares, below.
    let title = page
        .facts
        .title_text()
        .filter(|_| kind_of(page) != PageKind::Comparison);
    if let Some(title) = title {
        let tier = match kind_of(page) {
            PageKind::Role
                if head_of(title)
                    .is_some_and(|head| heads.contains_key(&head) || is_agent_noun(&head)) =>
            {
                Tier::Role
            }
            _ => Tier::Title,
        };
        learn(title.to_string(), tier);
    }
    for role in compared_roles(pages, position, comparisons) {
        learn(role, Tier::Role);
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
    let last = word_ranges(name).last()?;
    let lower = name[last].to_lowercase();
    let singular = lower
        .strip_suffix('s')
        .filter(|stem| stem.chars().count() >= 3 && !stem.ends_with('s'))
        .unwrap_or(&lower);
    Some(singular.to_string())
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
        || (head.chars().count() >= 5
            && ["er", "or", "ist", "yst", "ant", "ent", "ian", "eer"]
                .iter()
                .any(|ending| head.ends_with(ending)))
}
