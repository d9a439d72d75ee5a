//! `role-typo`: see `rules/role-typo.md`.
//!
//! The rule runs once over the whole handbook: whether a word is a slip depends on how
//! often the handbook uses it and its correction, and on whether it also names code, a
//! URL or a file. Three steps, each parallel over pages: candidate words (not English, not
//! a role word, close to one), the language of the pages that hold them, then the
//! handbook's evidence for the few words in question (`evidence`).

mod evidence;
mod language;
mod verdicts;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::english;
use crate::facts::invisible::is_invisible;
use crate::facts::words::{BYTE_CLASSES, DIGIT, LETTER, LOWER, NON_ASCII};
use crate::handbook::{Handbook, Page};
use crate::index::kinds::is_repository_file;
use crate::index::vocabulary::{Closest, Target, Tier, Vocabulary, MIN_TYPO_CHARS};
use crate::rule::{FixAvailability, Rule, RuleMeta};
use evidence::Uses;
use verdicts::{with_verdicts, Scan};

pub struct RoleTypo;

static META: RuleMeta = RuleMeta {
    id: "role-typo",
    summary: "A word is a misspelling of a role word the handbook uses (\"Enginerering\").",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../../rules/role-typo.md"),
};

/// A word used more often than this is no slip, whatever else it is close to.
const MAX_SLIP_USES: usize = 5;

/// A correction must be used this many times as often as the typo to be reported...
const REPORT_RATIO: usize = 3;

/// ...and this many times as often to be fixed.
const FIX_RATIO: usize = 5;

/// A title word that names no role is a correction only when used this often, beside a
/// typo used once...
const TITLE_WORD_USES: usize = 5;

/// ...and of this many letters at least: short words have many neighbours ("async" is
/// one edit from a page titled "Sync", "intra" from "Intro").
const TITLE_TYPO_CHARS: usize = 7;

impl Rule for RoleTypo {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page, _handbook: &Handbook, _out: &mut Vec<Diagnostic>) {
        // Every judgement needs the whole handbook's counts: see `check_handbook`.
    }

    fn check_handbook(&self, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let vocabulary = &handbook.indexes().vocabulary;
        if vocabulary.is_empty() {
            return;
        }
        let pages = handbook.pages();
        let scans = handbook.scans();
        let scan = Scan::new();
        // Pages of one text have the same candidates: the first of them is scanned.
        let scanned = handbook.pages_set().first_with_same_text();
        let found: Vec<(usize, Cow<[Occurrence]>)> = pages
            .par_iter()
            .enumerate()
            // A changelog, a licence or a code of conduct is the repository's, not the
            // handbook's: names and quoted commit messages fill it.
            .filter(|(_, page)| !is_repository_file(&page.path))
            .filter_map(|(position, _)| {
                let (scanned, page) = (scanned[position], &pages[scanned[position]]);
                // The scan depends on the page and the vocabulary only: a resident
                // handbook keeps it across edits of other pages (`PageScans`).
                let kept = scans.get_or_scan(scanned, PageWork::default);
                let occurrences = match kept {
                    Some(kept) => Cow::Borrowed(
                        kept.candidates
                            .get_or_init(|| candidates_of(page, vocabulary, &scan))
                            .as_slice(),
                    ),
                    None => Cow::Owned(candidates_of(page, vocabulary, &scan)),
                };
                (!occurrences.is_empty()).then_some((position, occurrences))
            })
            .collect();
        if found.is_empty() {
            return;
        }
        let setting = language::Setting::of(handbook.config().language.as_deref());
        let holding: Vec<&Page> = found
            .iter()
            .map(|(position, _)| &pages[*position])
            .collect();
        let english = language::english_pages(&holding, setting);
        let written = times_written(&found);
        let found: Vec<(usize, Cow<[Occurrence]>)> = found
            .into_iter()
            .zip(english)
            .filter_map(|(found, english)| english.then_some(found))
            .filter_map(|(position, occurrences)| {
                without_common_words(occurrences, &written).map(|o| (position, o))
            })
            .collect();
        if found.is_empty() {
            return;
        }
        let kept_uses = |position| Some(&scans.get_or_scan(position, PageWork::default)?.uses);
        let judge = Judge::new(pages, vocabulary, &found, kept_uses);
        for (position, occurrences) in &found {
            let page = &pages[*position];
            for occurrence in occurrences.iter() {
                if let Some(diagnostic) = judge.finding(page, occurrence) {
                    out.push(diagnostic);
                }
            }
        }
    }
}

/// How many times each candidate word is written in the prose the scan read.
fn times_written(found: &[(usize, Cow<[Occurrence]>)]) -> HashMap<Box<str>, usize> {
    let mut written: HashMap<Box<str>, usize> = HashMap::new();
    for occurrence in found.iter().flat_map(|(_, o)| o.iter()) {
        match written.get_mut(&occurrence.lower) {
            Some(times) => *times += 1,
            None => {
                written.insert(occurrence.lower.clone(), 1);
            }
        }
    }
    written
}

/// The occurrences of a page without the words written more often than a slip is
/// (`MAX_SLIP_USES`): the scan alone shows them used too often, so the handbook is not
/// read for them, and with no candidate left it is not read at all. `Judge`'s count of
/// the same prose is as large, save for words the scan cut at a `_` (`snake_case`) and
/// capitals outside ASCII, which `Judge`'s count does not take for the word: such a
/// word is now left alone too. `None` when none is left.
fn without_common_words<'a>(
    occurrences: Cow<'a, [Occurrence]>,
    written: &HashMap<Box<str>, usize>,
) -> Option<Cow<'a, [Occurrence]>> {
    let is_common = |o: &Occurrence| written.get(&*o.lower).is_some_and(|&n| n > MAX_SLIP_USES);
    if !occurrences.iter().any(is_common) {
        return Some(occurrences);
    }
    let rare: Vec<Occurrence> = occurrences
        .iter()
        .filter(|o| !is_common(o))
        .cloned()
        .collect();
    (!rare.is_empty()).then_some(Cow::Owned(rare))
}

/// What the rule keeps of one page while it is unchanged (`PageScans`): its candidate
/// words, found once, and its uses of the words last counted (`evidence`).
#[derive(Default)]
struct PageWork {
    candidates: OnceLock<Vec<Occurrence>>,
    uses: evidence::Kept,
}

/// A word of a page that may be a typo, before the handbook's evidence is weighed.
#[derive(Clone)]
struct Occurrence {
    /// The word, without a possessive `'s`.
    range: Range<usize>,
    /// Lower-cased.
    lower: Box<str>,
}

/// The words of a page that are no English word and no role word but close to one.
fn candidates_of(page: &Page, vocabulary: &Vocabulary, scan: &Scan) -> Vec<Occurrence> {
    let text = page.source.text();
    let mut lower = String::new();
    let mut found = Vec::new();
    // Whether each word of the page that is not on the English list is a typo: a page
    // repeats its names ("async", a package's own name), and the vocabulary's tests cost
    // far more than a look-up here. Short words are remembered across pages too.
    let mut unlisted: FxHashMap<Box<str>, bool> = FxHashMap::default();
    with_verdicts(scan, |verdicts| {
        page.facts.for_each_word(text, |word| {
            if word.range.len() < MIN_TYPO_CHARS {
                // Fewer bytes than that is fewer letters: most words stop here.
                return;
            }
            let range = without_possessive(text, word.range);
            let written = &text[range.clone()];
            let is_candidate = verdicts.answer(written.as_bytes(), || {
                lowered(written, &mut lower)
                    && !english::contains(&lower)
                    && *unlisted
                        .entry(lower.as_str().into())
                        .or_insert_with(|| typo_of(vocabulary, &lower).is_some())
            });
            // A word cut by an invisible character is left to invisible-char: once that
            // is fixed, the whole word is checked. A word in CamelCase is a name
            // ("toString").
            if is_candidate && !broken_by_invisible_char(text, &range) && !is_camel_case(written) {
                // A remembered answer leaves `lower` as it was: lower-cased here.
                lowered(written, &mut lower);
                found.push(Occurrence {
                    range,
                    lower: lower.as_str().into(),
                });
            }
        });
    });
    found
}

/// The handbook's evidence for the candidate words and their corrections.
struct Judge<'h> {
    vocabulary: &'h Vocabulary,
    /// Uses of each counted word, by lower-cased word.
    uses: HashMap<String, Uses>,
    /// Words of the handbook's file names.
    file_words: std::collections::HashSet<String>,
}

impl<'h> Judge<'h> {
    fn new<'p>(
        pages: &'p [Page],
        vocabulary: &'h Vocabulary,
        found: &[(usize, Cow<[Occurrence]>)],
        kept: impl Fn(usize) -> Option<&'p evidence::Kept> + Sync,
    ) -> Self {
        let mut words: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut count = |word: &str, words: &mut Vec<String>| {
            if seen.insert(word.to_string()) {
                words.push(word.to_string());
            }
        };
        for occurrence in found.iter().flat_map(|(_, o)| o.iter()) {
            count(&occurrence.lower, &mut words);
            for target in typo_of(vocabulary, &occurrence.lower)
                .map(|c| c.targets)
                .unwrap_or_default()
            {
                count(&target.lower, &mut words);
                if let Some(singular) = &target.singular {
                    count(singular, &mut words);
                }
            }
        }
        let counted = evidence::uses_of(pages, &words, kept);
        Judge {
            vocabulary,
            uses: words.into_iter().zip(counted).collect(),
            file_words: evidence::file_name_words(pages),
        }
    }

    fn uses(&self, word: &str) -> Uses {
        self.uses.get(word).copied().unwrap_or_default()
    }

    /// How many times the handbook writes a correction (a plural counts its singular's
    /// uses too).
    fn uses_of_target(&self, target: &Target) -> usize {
        self.uses(&target.lower).prose
            + target
                .singular
                .as_deref()
                .map_or(0, |singular| self.uses(singular).prose)
    }

    /// The finding for one occurrence, when the evidence holds.
    fn finding(&self, page: &Page, occurrence: &Occurrence) -> Option<Diagnostic> {
        let word = &*occurrence.lower;
        let uses = self.uses(word);
        // A name: written in code, a URL, a link destination or a file name.
        if uses.elsewhere > 0 || self.file_words.contains(word) {
            return None;
        }
        let typo_uses = uses.prose.max(1);
        if typo_uses > MAX_SLIP_USES {
            return None;
        }
        let closest = typo_of(self.vocabulary, word)?;
        let supported: Vec<(&Target, usize)> = closest
            .targets
            .iter()
            .map(|target| (*target, self.uses_of_target(target)))
            .filter(|(target, correct_uses)| {
                target.configured
                    || match target.tier {
                        Tier::Role => *correct_uses >= REPORT_RATIO * typo_uses,
                        Tier::Title => {
                            typo_uses == 1
                                && *correct_uses >= TITLE_WORD_USES
                                && closest.distance == 1
                                && word.chars().count() >= TITLE_TYPO_CHARS
                        }
                    }
            })
            .collect();
        if supported.is_empty() {
            return None;
        }
        // A fix needs one correction, alone at its distance, that names a role and that
        // the handbook uses far more often than the typo.
        let fixable = match (closest.targets.len(), supported.as_slice()) {
            (1, [(target, correct_uses)]) => {
                target.tier == Tier::Role
                    && (target.configured || *correct_uses >= FIX_RATIO * typo_uses)
            }
            _ => false,
        };
        let evidence = Evidence {
            typo_uses,
            correct_uses: supported[0].1,
            fixable,
        };
        let targets: Vec<&Target> = supported.iter().map(|(target, _)| *target).collect();

        Some(finding(page, occurrence.range.clone(), &targets, &evidence))
    }
}

/// The vocabulary spellings the lower-cased word `lower` may misspell, or `None` when it
/// is no typo: an English word, a vocabulary word or an inflection of one, or not close
/// to any vocabulary word.
fn typo_of<'v>(vocabulary: &'v Vocabulary, lower: &str) -> Option<Closest<'v>> {
    // Most words are English: the cheapest test goes first.
    if english::contains(lower) || vocabulary.knows(lower) || english::is_english(lower) {
        return None;
    }
    vocabulary.closest(lower)
}

/// Puts `written` lower-cased into `lower` (with `’` as `'`), or returns false when the
/// word is never a typo: under `MIN_TYPO_CHARS` letters, with a digit, or an acronym of
/// four capitals or fewer. Runs for every word of the handbook: ASCII takes one pass.
fn lowered(written: &str, lower: &mut String) -> bool {
    lower.clear();
    // By table and without branches: this runs for most words of the handbook, and one
    // pass tells ASCII, digits, letters and lower case apart.
    let (mut letters, mut classes) = (0, 0);
    for &byte in written.as_bytes() {
        let class = BYTE_CLASSES[usize::from(byte)];
        letters += usize::from(class & LETTER);
        classes |= class;
    }
    if classes & NON_ASCII == 0 {
        if classes & DIGIT != 0
            || letters < MIN_TYPO_CHARS
            || (classes & LOWER == 0 && letters <= 4)
        {
            return false;
        }
        lower.push_str(written);
        lower.make_ascii_lowercase();
        return true;
    }
    let (mut letters, mut has_lower) = (0, false);
    for c in written.chars() {
        if c.is_numeric() {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
        has_lower |= c.is_lowercase();
        lower.extend(c.to_lowercase().map(|c| if c == '’' { '\'' } else { c }));
    }
    letters >= MIN_TYPO_CHARS && (has_lower || letters > 4)
}

/// How far the handbook backs a finding.
struct Evidence {
    /// Uses of the typo in the handbook's prose.
    typo_uses: usize,
    /// Uses of the closest correction.
    correct_uses: usize,
    /// True when a fix is offered.
    fixable: bool,
}

/// The finding on `range` of `page`, naming `targets` (closest first); with a fix when
/// the evidence allows (then `targets` holds one).
fn finding(
    page: &Page,
    range: Range<usize>,
    targets: &[&Target],
    evidence: &Evidence,
) -> Diagnostic {
    let written = &page.source.text()[range.clone()];
    let spellings: Vec<String> = targets
        .iter()
        .map(|t| with_case_of(written, &t.spelling))
        .collect();
    let quoted: Vec<String> = spellings.iter().take(5).map(|s| format!("`{s}`")).collect();
    let kind = match targets[0].tier {
        Tier::Role => "role word",
        Tier::Title => "title word",
    };
    let diagnostic = META.finding(
        page,
        range.clone(),
        format!(
            "`{written}` looks like a misspelling of the {kind} {}",
            quoted[0]
        ),
        format!("misspelt {kind}"),
    );
    match spellings.as_slice() {
        [only] if evidence.fixable => diagnostic
            .with_help(format!("did you mean `{only}`?"))
            .with_fix(Some(Fix::replace(
                format!("Replace `{written}` with `{only}`"),
                &page.source,
                range,
                only.clone(),
            ))),
        [only] if targets[0].tier == Tier::Title => diagnostic.with_help(format!(
            "did you mean `{only}`? (no fix: `{only}` titles a page of the handbook but names no role)"
        )),
        [only] => diagnostic.with_help(format!(
            "did you mean `{only}`? (no fix: the handbook writes `{only}` {} and this spelling {}; a fix needs the correction {FIX_RATIO} times as often)",
            times(evidence.correct_uses),
            times(evidence.typo_uses)
        )),
        _ => {
            let (last, init) = quoted.split_last().expect("a typo has a closest spelling");
            let message = format!(
                "`{written}` looks like a misspelling of a role word: {} or {last}",
                init.join(", ")
            );
            Diagnostic {
                message,
                ..diagnostic
            }
            .with_help(format!(
                "did you mean {} or {last}? (no fix: they are equally close)",
                init.join(", ")
            ))
        }
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        n => format!("{n} times"),
    }
}

/// True for a word with a capital after a small letter ("toString", "jQuery",
/// "WebAssembly"): a name, not a word.
fn is_camel_case(written: &str) -> bool {
    let mut seen_lower = false;
    for c in written.chars() {
        if c.is_uppercase() && seen_lower {
            return true;
        }
        seen_lower |= c.is_lowercase();
    }
    false
}

/// The word without a trailing possessive `'s`: "Directror's" is checked as "Directror".
fn without_possessive(text: &str, range: Range<usize>) -> Range<usize> {
    let bytes = &text.as_bytes()[range.clone()];
    let cut = match bytes {
        [.., b'\'', b's'] => 2,
        [.., 0xE2, 0x80, 0x99, b's'] => 4, // ’s
        _ => 0,
    };
    range.start..range.end - cut
}

/// True when an invisible character touches the word: it cuts a word in two.
fn broken_by_invisible_char(text: &str, range: &Range<usize>) -> bool {
    text[..range.start]
        .chars()
        .next_back()
        .is_some_and(is_invisible)
        || text[range.end..].chars().next().is_some_and(is_invisible)
}

/// `spelling` written in the case of `written`: "ENGINERERING" → "ENGINEERING",
/// "enginerering" → "engineering", "Enginerering" → "Engineering". A capitalised word
/// keeps the capitals inside a spelling such as "DevOps"; a mixed case is not guessed at.
fn with_case_of(written: &str, spelling: &str) -> String {
    let letters = || written.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        return spelling.to_uppercase();
    }
    if letters().all(char::is_lowercase) {
        return spelling.to_lowercase();
    }
    let mut chars = written.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && chars.filter(|c| c.is_alphabetic()).all(char::is_lowercase);
    if !capitalised {
        return spelling.to_string();
    }
    let mut rest = spelling.chars();
    let first: String = rest
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    let rest: String = rest.collect();
    let camel = rest.chars().any(char::is_uppercase) && rest.chars().any(char::is_lowercase);
    if camel {
        format!("{first}{rest}")
    } else {
        format!("{first}{}", rest.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_of_the_written_word_is_kept() {
        assert_eq!(with_case_of("ENGINERERING", "Engineering"), "ENGINEERING");
        assert_eq!(with_case_of("enginerering", "Engineering"), "engineering");
        assert_eq!(with_case_of("Enginerering", "engineering"), "Engineering");
        assert_eq!(with_case_of("Enginerering", "ENGINEERING"), "Engineering");
        assert_eq!(with_case_of("Devpos", "DevOps"), "DevOps");
        assert_eq!(with_case_of("devpos", "DevOps"), "devops");
        assert_eq!(with_case_of("dEvpos", "DevOps"), "DevOps");
        assert_eq!(with_case_of("DEVPOS", "DevOps"), "DEVOPS");
    }

    #[test]
    fn a_word_repeated_on_a_page_is_a_candidate_every_time() {
        // The vocabulary of a small handbook of other roles (Tech Lead, Developer, ...).
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/role-typo/prose");
        let mut pages: Vec<Page> = std::fs::read_dir(folder)
            .expect("the fixture folder")
            .map(|entry| {
                let path = entry.expect("an entry").path();
                let text = std::fs::read_to_string(&path).expect("a page");
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                crate::load::parse_page(name, text, &Default::default())
            })
            .collect();
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        let handbook = Handbook::new(folder.into(), pages);
        let page = crate::load::parse_page(
            "New.md".into(),
            "A Devloper, a Laed and the Devloper again; async and async.\n".into(),
            &Default::default(),
        );
        let words: Vec<&str> = candidates_of(&page, &handbook.indexes().vocabulary, &Scan::new())
            .iter()
            .map(|occurrence| &page.source.text()[occurrence.range.clone()])
            .collect();
        assert_eq!(words, ["Devloper", "Laed", "Devloper"]);
    }

    #[test]
    fn short_words_numbers_and_acronyms_are_never_typos() {
        let mut lower = String::new();
        for word in ["Lead", "Directror’s", "ÉQUIPE", "SDETS"] {
            assert!(lowered(word, &mut lower), "{word}");
        }
        assert_eq!(lower, "sdets");
        assert!(lowered("Directror’s", &mut lower));
        assert_eq!(lower, "directror's");
        for word in ["Led", "SRE", "SDET", "ÉTÉS", "Lead2", "Ｌｅａｄ１"] {
            assert!(!lowered(word, &mut lower), "{word}");
        }
    }

    #[test]
    fn possessives_are_cut_off() {
        let text = "a Directror's b Directror’s";
        assert_eq!(without_possessive(text, 2..13), 2..11);
        assert_eq!(without_possessive(text, 16..29), 16..25);
    }
}
