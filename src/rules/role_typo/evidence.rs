//! What the handbook itself says of a word: how often it is written in prose, and
//! whether it is also written where names live (code, URLs, link destinations, HTML,
//! front matter, file names). Counted for a few words only (the candidate typos and their
//! corrections) in one pass over every page, with an Aho-Corasick automaton: the cost is
//! the size of the handbook, not words × candidates.

use std::collections::HashSet;

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

/// The uses of `words` (lower-cased, ASCII letters compared without case) in `pages`, in
/// the order of `words`. A use is a whole word: the characters around it are no letters
/// or digits.
pub fn uses_of(pages: &[Page], words: &[String]) -> Vec<Uses> {
    if words.is_empty() {
        return Vec::new();
    }
    // A DFA: a few hundred words make a small one, and it reads every page of the
    // handbook faster than the default NFA (about twice, measured on the corpus).
    let Ok(automaton) = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
    else {
        return vec![Uses::default(); words.len()];
    };
    pages
        .par_iter()
        .fold(
            || vec![Uses::default(); words.len()],
            |mut uses, page| {
                count_page(page, &automaton, &mut uses);
                uses
            },
        )
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

fn count_page(page: &Page, automaton: &AhoCorasick, uses: &mut [Uses]) {
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
        let counted = &mut uses[found.pattern().as_usize()];
        if in_prose {
            counted.prose += 1;
        } else {
            counted.elsewhere += 1;
        }
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
            facts,
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
        let uses = uses_of(&pages, &["laed".to_string(), "lead".to_string()]);
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
}
