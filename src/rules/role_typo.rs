//! `role-typo`: see `rules/role-typo.md`.

use std::ops::Range;

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::english;
use crate::facts::invisible::is_invisible;
use crate::facts::words::{BYTE_CLASSES, DIGIT, LETTER, LOWER};
use crate::handbook::{Handbook, Page};
use crate::index::vocabulary::{Closest, Vocabulary, MIN_TYPO_CHARS};
use crate::rule::{FixAvailability, Rule, RuleMeta};

pub struct RoleTypo;

static META: RuleMeta = RuleMeta {
    id: "role-typo",
    summary: "A word is a misspelling of a role word the handbook uses (\"Enginerering\").",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/role-typo.md"),
};

impl Rule for RoleTypo {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let vocabulary = &handbook.indexes().vocabulary;
        if vocabulary.is_empty() {
            return;
        }
        let text = page.source.text();
        let mut lower = String::new();
        page.facts.for_each_word(text, |word| {
            if word.range.len() < MIN_TYPO_CHARS {
                // Fewer bytes than that is fewer letters: most words stop here.
                return;
            }
            let range = without_possessive(text, word.range);
            let written = &text[range.clone()];
            let Some(closest) = typo_of(vocabulary, written, &mut lower) else {
                return;
            };
            // A word cut by an invisible character is left to invisible-char: once that is
            // fixed, the whole word is checked.
            if !broken_by_invisible_char(text, &range) {
                out.push(finding(page, range, written, &closest));
            }
        });
    }
}

/// The vocabulary spellings `written` misspells, or `None` when it is no typo: too short,
/// a number or an acronym, an English word, a vocabulary word or an inflection of one,
/// or not close to any vocabulary word. `lower` is a buffer, reused from word to word.
fn typo_of<'v>(
    vocabulary: &'v Vocabulary,
    written: &str,
    lower: &mut String,
) -> Option<Closest<'v>> {
    if !lowered(written, lower) {
        return None;
    }
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
    let (mut letters, mut has_lower) = (0, false);
    if written.is_ascii() {
        // By table and without branches: this runs for most words of the handbook.
        let (mut digits, mut lowers) = (0, 0);
        for &byte in written.as_bytes() {
            let class = BYTE_CLASSES[usize::from(byte)];
            letters += usize::from(class & LETTER);
            digits |= class & DIGIT;
            lowers |= class & LOWER;
        }
        if digits != 0 || letters < MIN_TYPO_CHARS {
            return false;
        }
        has_lower = lowers != 0;
        lower.push_str(written);
        lower.make_ascii_lowercase();
    } else {
        for c in written.chars() {
            if c.is_numeric() {
                return false;
            }
            letters += usize::from(c.is_alphabetic());
            has_lower |= c.is_lowercase();
            lower.extend(c.to_lowercase().map(|c| if c == '’' { '\'' } else { c }));
        }
    }
    letters >= MIN_TYPO_CHARS && (has_lower || letters > 4)
}

fn finding(page: &Page, range: Range<usize>, written: &str, closest: &Closest) -> Diagnostic {
    let spellings: Vec<String> = closest
        .targets
        .iter()
        .map(|t| with_case_of(written, &t.spelling))
        .collect();
    let quoted: Vec<String> = spellings.iter().take(5).map(|s| format!("`{s}`")).collect();
    let diagnostic = META.finding(
        page,
        range.clone(),
        format!(
            "`{written}` looks like a misspelling of the role word {}",
            quoted[0]
        ),
        "misspelt role word",
    );
    match spellings.as_slice() {
        [only] => diagnostic
            .with_help(format!("did you mean `{only}`?"))
            .with_fix(Some(Fix::replace(
                format!("Replace `{written}` with `{only}`"),
                &page.source,
                range,
                only.clone(),
            ))),
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
