//! `role-typo`: see `rules/role-typo.md`.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Fix};
use crate::english;
use crate::facts::invisible::is_invisible;
use crate::handbook::{Handbook, Page};
use crate::index::vocabulary::{Closest, Vocabulary, MIN_TYPO_CHARS};
use crate::rule::{FixAvailability, Rule, RuleMeta, Severity};

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
        for word in page.facts.words(text) {
            let range = without_possessive(text, word.range);
            let written = &text[range.clone()];
            if let Some(closest) = typo_of(vocabulary, written, &mut lower) {
                if broken_by_invisible_char(text, &range) {
                    // invisible-char reports it; once that is fixed the whole word is checked.
                    continue;
                }
                out.push(finding(page, range, written, &closest));
            }
        }
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
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_TYPO_CHARS || written.chars().any(char::is_numeric) {
        return None;
    }
    let acronym = !written.chars().any(char::is_lowercase);
    if acronym && letters <= 4 {
        return None;
    }
    lower.clear();
    if written.is_ascii() {
        lower.push_str(written);
        lower.make_ascii_lowercase();
    } else {
        lower.extend(written.chars().flat_map(char::to_lowercase).map(|c| {
            if c == '’' {
                '\''
            } else {
                c
            }
        }));
    }
    // Most words are English: the cheapest test goes first.
    if english::contains(lower) || vocabulary.knows(lower) || english::is_english(lower) {
        return None;
    }
    vocabulary.closest(lower)
}

fn finding(page: &Page, range: Range<usize>, written: &str, closest: &Closest) -> Diagnostic {
    let spellings: Vec<String> = closest
        .targets
        .iter()
        .map(|t| with_case_of(written, &t.spelling))
        .collect();
    let quoted: Vec<String> = spellings.iter().take(5).map(|s| format!("`{s}`")).collect();
    let diagnostic = Diagnostic::new(
        META.id,
        META.severity,
        &page.path,
        &page.source,
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
    let word = &text[range.clone()];
    let cut = ["'s", "’s"]
        .iter()
        .find_map(|end| word.strip_suffix(end))
        .map_or(word.len(), str::len);
    range.start..range.start + cut
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
    fn possessives_are_cut_off() {
        let text = "a Directror's b Directror’s";
        assert_eq!(without_possessive(text, 2..13), 2..11);
        assert_eq!(without_possessive(text, 16..29), 16..25);
    }
}
