//! The role vocabulary: the words a handbook names its roles with, learnt from the
//! handbook itself (page titles, nav labels, file names, comparison table headers) plus
//! configured extra words. Nothing here knows any company's role names.
//!
//! Those sources hold typos too: the seed's nav label "Software Directror vs ..." would
//! teach "Directror". So a learnt word that is not English and is within typo distance of
//! a word the handbook uses at least `DOMINANCE` times as often is taken for a typo of it
//! and left out.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::inflection;
use crate::english;
use crate::facts::words::word_ranges;
use crate::index::comparisons::Comparisons;
use crate::index::links::LinkGraph;
use crate::page::Page;

mod sources;

pub use sources::Tier;

impl Default for Learnt {
    fn default() -> Self {
        Learnt {
            uses: 0,
            spellings: HashMap::new(),
            tier: Tier::Title,
        }
    }
}

/// How many times more often a word must be used than a close non-English word for that
/// word to count as its typo (and not as a vocabulary word of its own).
const DOMINANCE: usize = 3;

/// Words shorter than this are never reported nor proposed: too many short words are
/// one edit apart.
pub const MIN_TYPO_CHARS: usize = 4;

/// True when the titles of the pages of `folder` (root-relative) teach the vocabulary
/// whatever the pages link: a folder of role pages. Elsewhere a page's title teaches
/// spellings only when the page links two role pages or more.
pub fn is_role_folder(pages: &[Page], folder: &str) -> bool {
    sources::is_role_folder_of(pages, folder)
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// Lower-cased vocabulary word → its usual spelling and how far it is trusted.
    words: HashMap<Box<str>, Known>,
    /// Lower-cased words that are never reported (config `roles.ignore-words`).
    ignored: HashSet<Box<str>>,
    /// What a typo may be corrected to: vocabulary words of `MIN_TYPO_CHARS` or more and
    /// their plurals, sorted by length in chars, then by word.
    targets: Vec<Target>,
}

/// A vocabulary word: its usual spelling in the handbook ("Software") and how far it is
/// trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Known {
    spelling: Box<str>,
    tier: Tier,
    /// Named in `[roles] extra`: trusted without evidence from the handbook.
    configured: bool,
}

/// A spelling that a typo may be corrected to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Lower-cased.
    pub lower: Box<str>,
    /// As the handbook usually writes it ("Engineering").
    pub spelling: Box<str>,
    /// How far the word is trusted as a correct spelling.
    pub tier: Tier,
    /// Named in `[roles] extra`: trusted without evidence from the handbook.
    pub configured: bool,
    /// For a plural made from a vocabulary word ("directors"), that word ("director"):
    /// its uses count as the plural's.
    pub singular: Option<Box<str>>,
    chars: usize,
    letters: u64,
}

/// The vocabulary spellings closest to a word, all at the same distance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closest<'a> {
    /// Edits (a swap of neighbours counts as one), ignoring case.
    pub distance: usize,
    /// In order of `Vocabulary::targets`; one when the match is unique.
    pub targets: Vec<&'a Target>,
}

/// How many edits make a typo of a word of `chars` characters: none under
/// `MIN_TYPO_CHARS`, one up to seven, two from eight.
pub fn max_edits(chars: usize) -> usize {
    match chars {
        0..MIN_TYPO_CHARS => 0,
        MIN_TYPO_CHARS..=7 => 1,
        _ => 2,
    }
}

/// A word learnt from the handbook, with how often it was used and how.
struct Learnt {
    uses: usize,
    spellings: HashMap<String, usize>,
    tier: Tier,
}

impl Vocabulary {
    /// Learns the vocabulary of `pages`; `extra` words are added as they are, `ignore`
    /// words are removed and never reported.
    pub fn build(
        pages: &[Page],
        links: &LinkGraph,
        comparisons: &Comparisons,
        extra: &[String],
        ignore: &[String],
    ) -> Self {
        let titles = sources::TitlePages::new(pages, links);
        let texts = (0..pages.len())
            .into_par_iter()
            .fold(
                HashMap::new,
                |mut texts: HashMap<(String, Tier), usize>, position| {
                    sources::texts_of(pages, position, comparisons, &titles, &mut |text, tier| {
                        *texts.entry((text, tier)).or_default() += 1
                    });
                    texts
                },
            )
            .reduce(HashMap::new, |mut all, some| {
                for (text, uses) in some {
                    *all.entry(text).or_default() += uses;
                }
                all
            });
        let mut learnt: HashMap<String, Learnt> = HashMap::new();
        let mut lower = String::new();
        let mut learn = |text: &str, uses: usize, tier: Tier| {
            for range in word_ranges(text) {
                let word = &text[range];
                let word = ["'s", "’s"]
                    .iter()
                    .find_map(|end| word.strip_suffix(end))
                    .unwrap_or(word);
                if word.chars().any(char::is_numeric) {
                    continue;
                }
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                if lower.contains('’') {
                    lower = lower.replace('’', "'");
                }
                // Allocates only for a word or spelling not seen before.
                if !learnt.contains_key(lower.as_str()) {
                    learnt.insert(lower.clone(), Learnt::default());
                }
                let entry = learnt.get_mut(lower.as_str()).expect("inserted above");
                entry.uses += uses;
                entry.tier = entry.tier.max(tier);
                match entry.spellings.get_mut(word) {
                    Some(count) => *count += uses,
                    None => {
                        entry.spellings.insert(word.to_string(), uses);
                    }
                }
            }
        };
        for ((text, tier), uses) in &texts {
            learn(text, *uses, *tier);
        }
        let trusted: HashSet<String> = extra.iter().map(|w| w.to_lowercase()).collect();
        for word in extra {
            learn(word, 1, Tier::Role);
        }
        let ignored: HashSet<Box<str>> = ignore.iter().map(|w| w.to_lowercase().into()).collect();
        let typos: HashSet<&str> = learnt
            .keys()
            .filter(|w| !trusted.contains(*w) && is_typo_of_dominant(w, &learnt))
            .map(String::as_str)
            .collect();
        let words: HashMap<Box<str>, Known> = learnt
            .iter()
            .filter(|(w, _)| !typos.contains(w.as_str()) && !ignored.contains(w.as_str()))
            .map(|(w, l)| {
                let known = Known {
                    spelling: usual_spelling(l).into(),
                    tier: l.tier,
                    configured: trusted.contains(w.as_str()),
                };
                (w.as_str().into(), known)
            })
            .collect();
        let targets = targets_of(&words);
        Vocabulary {
            words,
            ignored,
            targets,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How far the vocabulary word `lower` (lower-cased) is trusted, if it is one.
    pub fn tier_of(&self, lower: &str) -> Option<Tier> {
        self.words.get(lower).map(|known| known.tier)
    }

    /// Every vocabulary word, lower-cased, in no particular order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(|w| &**w)
    }

    /// True when `lower` (lower-cased) is a vocabulary word, an inflection of one
    /// ("directors", "director's", "engineered"), a word coined from one ("techy",
    /// "frontender"), a word that a vocabulary word inflects ("dev" for "devs"), or an
    /// ignored word.
    pub fn knows(&self, lower: &str) -> bool {
        let known = |word: &str| self.words.contains_key(word);
        self.ignored.contains(lower)
            || known(lower)
            || inflection::bases(lower).iter().any(|base| known(base))
            || inflection::derivation_bases(lower)
                .any(|base| base.chars().count() >= MIN_TYPO_CHARS && known(base))
            || inflection::plurals(lower)
                .iter()
                .any(|plural| known(plural))
    }

    /// The spellings closest to `lower` (lower-cased) within `max_edits` of the shorter of
    /// the two, or `None` when none is that close.
    pub fn closest(&self, lower: &str) -> Option<Closest<'_>> {
        let chars = lower.chars().count();
        let reach = max_edits(chars);
        if reach == 0 {
            return None;
        }
        let first = self.targets.partition_point(|t| t.chars + reach < chars);
        let mut best: Option<Closest> = None;
        let letters = letters_of(lower);
        for target in self.targets[first..]
            .iter()
            .take_while(|t| t.chars <= chars + reach)
        {
            let allowed = max_edits(chars.min(target.chars));
            if !may_be_within(letters, target.letters, allowed) {
                continue;
            }
            let distance = strsim::osa_distance(lower, &target.lower);
            if distance == 0 || distance > allowed {
                continue;
            }
            match &mut best {
                Some(b) if b.distance == distance => b.targets.push(target),
                Some(b) if b.distance < distance => {}
                _ => {
                    best = Some(Closest {
                        distance,
                        targets: vec![target],
                    })
                }
            }
        }
        best
    }
}

/// True when `word` is not English and a close word is used `DOMINANCE` times as often.
fn is_typo_of_dominant(word: &str, learnt: &HashMap<String, Learnt>) -> bool {
    let chars = word.chars().count();
    if max_edits(chars) == 0 || english::is_english(word) {
        return false;
    }
    let uses = learnt[word].uses;
    let letters = letters_of(word);
    learnt.iter().any(|(other, l)| {
        l.uses >= DOMINANCE * uses
            && other.chars().count().abs_diff(chars) <= max_edits(chars)
            && may_be_within(letters, letters_of(other), max_edits(chars))
            && strsim::osa_distance(word, other) <= max_edits(chars.min(other.chars().count()))
            && !inflection::related(word, other)
    })
}

/// The set of characters of a word, hashed into 64 bits.
fn letters_of(word: &str) -> u64 {
    word.chars().fold(0, |set, c| set | 1 << (c as u32 % 64))
}

/// False when two words cannot be `edits` apart: each edit brings at most one character
/// that the other word lacks. A cheap test that spares most distance computations.
fn may_be_within(a: u64, b: u64, edits: usize) -> bool {
    (a & !b).count_ones() as usize <= edits && (b & !a).count_ones() as usize <= edits
}

/// The most used spelling; among equals, the first in byte order, so runs agree.
fn usual_spelling(learnt: &Learnt) -> &str {
    learnt
        .spellings
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(spelling, _)| spelling.as_str())
        .unwrap_or_default()
}

fn targets_of(words: &HashMap<Box<str>, Known>) -> Vec<Target> {
    let mut targets: Vec<Target> = Vec::new();
    for (lower, known) in words {
        let (spelling, tier) = (&known.spelling, &known.tier);
        let chars = lower.chars().count();
        if chars < MIN_TYPO_CHARS {
            continue;
        }
        targets.push(Target {
            lower: lower.clone(),
            spelling: spelling.clone(),
            tier: *tier,
            configured: known.configured,
            singular: None,
            chars,
            letters: letters_of(lower),
        });
        for plural in inflection::plurals(lower) {
            if !words.contains_key(plural.as_str()) {
                targets.push(Target {
                    chars: plural.chars().count(),
                    letters: letters_of(&plural),
                    spelling: plural_spelling(spelling, lower, &plural).into(),
                    tier: *tier,
                    configured: known.configured,
                    singular: Some(lower.clone()),
                    lower: plural.into(),
                });
            }
        }
    }
    targets.sort_by(|a, b| a.chars.cmp(&b.chars).then_with(|| a.lower.cmp(&b.lower)));
    targets
}

/// The plural written like `spelling`: "Strategy" → "Strategies", "QA" → "QAS".
fn plural_spelling(spelling: &str, lower: &str, plural: &str) -> String {
    let kept = lower
        .chars()
        .zip(plural.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let stem: String = spelling.chars().take(kept).collect();
    let suffix: String = plural.chars().skip(kept).collect();
    let shouting = spelling.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !spelling.chars().any(char::is_lowercase);
    if shouting {
        format!("{stem}{}", suffix.to_uppercase())
    } else {
        format!("{stem}{suffix}")
    }
}

#[cfg(test)]
mod tests;
