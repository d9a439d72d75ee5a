//! What the handbook itself says of a word: how often it is written in prose, and
//! whether it is also written where names live (code, URLs, link destinations, HTML,
//! front matter, file names). Counted for a few words only (the candidate typos and their
//! corrections) in one pass over every page, with an Aho-Corasick automaton: the cost is
//! the size of the handbook, not words × candidates.
//!
//! Each page's count is kept with the page (`Kept`): a resident handbook edited a page
//! at a time (the language server, each pass of `--fix`) reads again only the pages that
//! changed, as long as the words counted are among those counted before, as they are
//! when an edit fixes typos.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rayon::prelude::*;

use crate::page::Page;

/// Uses of each counted word across the handbook.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Uses {
    /// In prose, headings, link labels and table cells: where `role-typo` reads words.
    pub prose: usize,
    /// Anywhere else in a page: code, URLs, link destinations, HTML, front matter.
    pub elsewhere: usize,
}

/// One page's uses of the words last counted on it, kept for the next count.
#[derive(Default)]
pub struct Kept(Mutex<Option<PageCount>>);

/// The uses of `words` on one page: only the words it uses, by index in `words`.
struct PageCount {
    words: Arc<[String]>,
    uses: Box<[(u32, Uses)]>,
}

/// The uses of `words` (lower-cased, ASCII letters compared without case) in `pages`, in
/// the order of `words`. A use is a whole word: the characters around it are no letters
/// or digits. `kept` gives each page's kept count (by position), where there is one: it
/// answers for the page when it counted every word of `words`, and takes the new count
/// otherwise.
pub fn uses_of<'p>(
    pages: &'p [Page],
    words: &[String],
    kept: impl Fn(usize) -> Option<&'p Kept> + Sync,
) -> Vec<Uses> {
    if words.is_empty() {
        return Vec::new();
    }
    let words: Arc<[String]> = words.into();
    let earlier = EarlierCounts::of(pages.len(), &kept, &words);
    let automaton = OnceLock::new();
    pages
        .par_iter()
        .enumerate()
        .fold(
            || (vec![Uses::default(); words.len()], Tally::new(words.len())),
            |(mut uses, mut tally), (position, page)| {
                let mut count = || {
                    let automaton = automaton_of(&automaton, &words);
                    count_page(page, automaton, &words, &mut tally)
                };
                match kept(position) {
                    Some(kept) => {
                        let mut slot = kept.0.lock().unwrap_or_else(|p| p.into_inner());
                        let known = slot.as_ref().and_then(|was| earlier.add(was, &mut uses));
                        if known.is_none() {
                            let now = count();
                            add(&now.uses, None, &mut uses);
                            *slot = Some(now);
                        }
                    }
                    None => add(&count().uses, None, &mut uses),
                }
                (uses, tally)
            },
        )
        .map(|(uses, _)| uses)
        .reduce(
            || vec![Uses::default(); words.len()],
            |mut all, some| {
                for (a, b) in all.iter_mut().zip(some) {
                    a.prose += b.prose;
                    a.elsewhere += b.elsewhere;
                }
                all
            },
        )
}

/// The automaton of `words`, built the first time a page must be read.
fn automaton_of<'a>(
    built: &'a OnceLock<Option<AhoCorasick>>,
    words: &[String],
) -> Option<&'a AhoCorasick> {
    built
        .get_or_init(|| {
            // A DFA: a few hundred words make a small one, and it reads every page of the
            // handbook faster than the default NFA (about twice, measured on the corpus).
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(words)
                .ok()
        })
        .as_ref()
}

/// The word lists the kept counts were made for, each with where its words are in the
/// list counted now (`None` for a list that misses one of them: its pages are read
/// again). Pages mostly share one list, so few are compared.
struct EarlierCounts(Vec<EarlierList>);

/// A list earlier counts were made for, and the place of each of its words in the list
/// counted now, when it holds all of those.
type EarlierList = (Arc<[String]>, Option<Vec<Option<u32>>>);

impl EarlierCounts {
    fn of<'p>(
        pages: usize,
        kept: &impl Fn(usize) -> Option<&'p Kept>,
        words: &Arc<[String]>,
    ) -> Self {
        let mut lists: Vec<EarlierList> = Vec::new();
        // A word listed twice is counted under its first place, as the automaton does.
        let mut now: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for (at, word) in words.iter().enumerate() {
            now.entry(word.as_str()).or_insert(at as u32);
        }
        for position in 0..pages {
            let Some(kept) = kept(position) else { continue };
            let slot = kept.0.lock().unwrap_or_else(|p| p.into_inner());
            let Some(count) = slot.as_ref() else { continue };
            if lists
                .iter()
                .any(|(list, _)| Arc::ptr_eq(list, &count.words))
            {
                continue;
            }
            let places: Vec<Option<u32>> = count
                .words
                .iter()
                .map(|w| now.get(w.as_str()).copied())
                .collect();
            let mut answered = vec![false; words.len()];
            for &at in places.iter().flatten() {
                answered[at as usize] = true;
            }
            let covers = answered.iter().all(|&a| a);
            lists.push((count.words.clone(), covers.then_some(places)));
        }
        EarlierCounts(lists)
    }

    /// Adds a kept count to `uses`; `None` when it does not answer for every word.
    fn add(&self, count: &PageCount, uses: &mut [Uses]) -> Option<()> {
        let (_, places) = self
            .0
            .iter()
            .find(|(list, _)| Arc::ptr_eq(list, &count.words))?;
        add(&count.uses, Some(places.as_deref()?), uses);
        Some(())
    }
}

/// Adds one page's uses to `uses`, through `places` when they were counted by another
/// list's indexes.
fn add(counted: &[(u32, Uses)], places: Option<&[Option<u32>]>, uses: &mut [Uses]) {
    for &(at, page_uses) in counted {
        let at = match places {
            Some(places) => match places[at as usize] {
                Some(at) => at,
                None => continue,
            },
            None => at,
        };
        let total = &mut uses[at as usize];
        total.prose += page_uses.prose;
        total.elsewhere += page_uses.elsewhere;
    }
}

/// The uses of `words` on one page (none when the automaton could not be built), tallied
/// in `tally`.
fn count_page(
    page: &Page,
    automaton: Option<&AhoCorasick>,
    words: &Arc<[String]>,
    tally: &mut Tally,
) -> PageCount {
    if let Some(automaton) = automaton {
        let text = page.source.text();
        let runs = &page.facts.text_runs;
        for found in automaton.find_iter(text) {
            let (start, end) = (found.start(), found.end());
            if !is_whole_word(text, start, end) {
                continue;
            }
            // Runs are in document order and do not overlap.
            let run = runs.partition_point(|run| run.end() <= start);
            let in_prose = runs
                .get(run)
                .is_some_and(|run| run.start() <= start && end <= run.end());
            tally.count(found.pattern().as_u32(), in_prose);
        }
    }
    PageCount {
        words: words.clone(),
        uses: tally.take(),
    }
}

/// One page's uses of each word, by index, and the words it used: a page uses a few of
/// the words, and only those are read and cleared for the next page.
struct Tally {
    uses: Vec<Uses>,
    used: Vec<u32>,
}

impl Tally {
    fn new(words: usize) -> Self {
        Tally {
            uses: vec![Uses::default(); words],
            used: Vec::new(),
        }
    }

    fn count(&mut self, word: u32, in_prose: bool) {
        let uses = &mut self.uses[word as usize];
        if *uses == Uses::default() {
            self.used.push(word);
        }
        if in_prose {
            uses.prose += 1;
        } else {
            uses.elsewhere += 1;
        }
    }

    /// The words used since the last `take`, with their uses, cleared.
    fn take(&mut self) -> Box<[(u32, Uses)]> {
        self.used
            .drain(..)
            .map(|word| (word, std::mem::take(&mut self.uses[word as usize])))
            .collect()
    }
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    !text[..start].chars().next_back().is_some_and(is_word_char)
        && !text[end..].chars().next().is_some_and(is_word_char)
}

/// Every word of every page's path, lower-cased: a word that names a file is a name.
pub fn file_name_words(pages: &[Page]) -> HashSet<String> {
    pages
        .par_iter()
        .flat_map_iter(|page| page.path.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{extract, ExtractOptions};
    use crate::source::Source;

    fn page(path: &str, markdown: &str) -> Page {
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        Page {
            path: path.to_string(),
            source,
            facts: facts.into(),
        }
    }

    #[test]
    fn uses_in_prose_and_elsewhere_are_counted_apart() {
        let pages = [
            page(
                "A.md",
                "# Laed\n\nThe laed and the Lead. `laed()` and [x](laed.md) and Laeder.\n",
            ),
            page("B.md", "LAED, lead.\n\n```\nlaed\n```\n"),
        ];
        let uses = uses_of(&pages, &["laed".to_string(), "lead".to_string()], |_| None);
        assert_eq!(
            uses,
            [
                Uses {
                    prose: 3,
                    elsewhere: 3
                },
                Uses {
                    prose: 2,
                    elsewhere: 0
                }
            ]
        );
        assert!(file_name_words(&pages).contains("a"));
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    fn prose(uses: &[Uses]) -> Vec<usize> {
        uses.iter().map(|u| u.prose).collect()
    }

    /// A kept count answers for its page while the words counted are among those it
    /// counted: the page is not read again. Here the kept counts were made on other
    /// texts, so a page read again would show.
    #[test]
    fn kept_counts_answer_for_their_pages_while_they_cover_the_words() {
        let first = [page("A.md", "lead lead laed\n"), page("B.md", "lead\n")];
        let kept = [Kept::default(), Kept::default()];
        let counted = uses_of(&first, &words(&["laed", "lead"]), |at| kept.get(at));
        assert_eq!(prose(&counted), [1, 3]);

        let now = [page("A.md", "nothing\n"), page("B.md", "lead lead lead\n")];
        // Kept for A, not for B (as after an edit of B): only B is read.
        let after_edit = |at: usize| (at == 0).then(|| &kept[0]);
        assert_eq!(
            prose(&uses_of(&now, &words(&["lead"]), after_edit)),
            [2 + 3]
        );

        // A word A's count never looked for: A is read again, and its new count kept
        // (no "lead" and one "nothing", whatever A says now).
        let more = words(&["lead", "nothing"]);
        assert_eq!(prose(&uses_of(&now, &more, after_edit)), [3, 1]);
        assert_eq!(prose(&uses_of(&first, &more, after_edit)), [1, 1]);
    }
}
