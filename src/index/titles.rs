//! Role titles: the title of every role page, and where role names are mentioned in text.
//!
//! A role page is a page with a title that is neither an index page (`README.md`,
//! `index.md`) nor a comparison ("A vs B"). Nothing here knows any company's roles: the
//! handbook's own titles are the roles.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::kinds::role_title_of;
use crate::facts::words::word_ranges;
use crate::page::Pages;

/// The titles of the role pages, looked up by their words.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RoleTitles {
    /// `key_of(title)` -> the title as written on its page (the first page in path order).
    by_key: HashMap<Box<str>, Box<str>>,
    /// The most words in one title.
    max_words: usize,
}

/// A role name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The words of the mention in the page (end exclusive).
    pub range: Range<usize>,
    /// The role it names, as its title or as the expected role is written.
    pub role: String,
    /// False when the words are a slip of an expected role's name ("Enginerering Director").
    pub exact: bool,
}

impl RoleTitles {
    pub fn build(pages: &Pages) -> Self {
        let mut titles = RoleTitles::default();
        for page in pages.all() {
            let Some(title) = role_title_of(page) else {
                continue;
            };
            let key = key_of(title);
            if key.is_empty() {
                continue;
            }
            titles.max_words = titles.max_words.max(key.split(' ').count());
            titles
                .by_key
                .entry(key.into())
                .or_insert_with(|| title.into());
        }
        titles
    }

    /// The role title whose words are `words` (compared as `key_of` does).
    pub fn get(&self, words: &str) -> Option<&str> {
        self.by_key.get(key_of(words).as_str()).map(|t| &**t)
    }

    /// True when two role names are the same role: the same words, or one is a slip of
    /// the other that names no role page itself ("Enginerering Director").
    pub fn same_role(&self, a: &str, b: &str) -> bool {
        let (a, b) = (key_of(a), key_of(b));
        a == b
            || (!(self.by_key.contains_key(a.as_str()) && self.by_key.contains_key(b.as_str()))
                && is_slip(&a, &b))
    }

    /// Role names mentioned by the words `words` (byte ranges into `text`, in order):
    /// titles of role pages, and the `expected` roles, spelled right or with a slip.
    /// Words must follow each other with only spaces or emphasis between them; the
    /// longest name wins, and mentions do not overlap. Inflected forms ("Directors",
    /// "Director's") are other words and never mentions.
    pub fn mentions(
        &self,
        text: &str,
        words: &[Range<usize>],
        expected: &ExpectedRoles,
    ) -> Vec<Mention> {
        let longest = expected.longest.max(self.max_words);
        let expected = &expected.keys;
        let lower: Vec<String> = words
            .iter()
            .map(|w| text[w.clone()].to_lowercase())
            .collect();
        let mut mentions = Vec::new();
        let mut key = String::new();
        let mut i = 0;
        while i < words.len() {
            // The names of one to `longest` words from word `i`, built one word at a time.
            key.clear();
            let mut found = None;
            for last in i..words.len().min(i + longest) {
                if last > i {
                    if !is_joining_gap(&text[words[last - 1].end..words[last].start]) {
                        break;
                    }
                    key.push(' ');
                }
                key.push_str(&lower[last]);
                let range = words[i].start..words[last].end;
                if let Some((role, exact)) = self.role_named(&key, &text[range.clone()], expected) {
                    found = Some((last + 1, Mention { range, role, exact }));
                }
            }
            match found {
                Some((next, mention)) => {
                    mentions.push(mention);
                    i = next;
                }
                None => i += 1,
            }
        }
        mentions
    }

    /// The role that the words `key` (see `key_of`), written as `written`, name: an
    /// expected role, a title, or a slip of one expected role; and whether exactly.
    fn role_named(
        &self,
        key: &str,
        written: &str,
        expected: &[(String, &str)],
    ) -> Option<(String, bool)> {
        if let Some((_, role)) = expected.iter().find(|(k, _)| k == key) {
            return Some((role.to_string(), true));
        }
        if let Some(title) = self.by_key.get(key) {
            return Some((title.to_string(), true));
        }
        slip_of(key, written, expected).map(|role| (role.to_string(), false))
    }
}

/// The role names a text is expected to mention (the roles of a comparison), with their
/// keys computed once for many texts.
#[derive(Debug, Clone, Default)]
pub struct ExpectedRoles<'r> {
    /// `(key_of(role), role)`.
    keys: Vec<(String, &'r str)>,
    /// The most words in one of them.
    longest: usize,
}

impl<'r> ExpectedRoles<'r> {
    pub fn new(roles: impl IntoIterator<Item = &'r str>) -> Self {
        let keys: Vec<(String, &str)> = roles.into_iter().map(|r| (key_of(r), r)).collect();
        let longest = keys
            .iter()
            .map(|(key, _)| key.split(' ').count())
            .max()
            .unwrap_or(0);
        ExpectedRoles { keys, longest }
    }
}

static VERSUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:vs\.?|versus)\s+").expect("the versus pattern is valid")
});

/// The roles a comparison title compares, in order: "A vs B", "A versus B", "A vs. B"
/// (and "A vs B vs C"); `None` for any other title.
pub fn comparison_roles(title: &str) -> Option<Vec<&str>> {
    let roles: Vec<&str> = VERSUS.split(title).map(str::trim).collect();
    (roles.len() >= 2 && roles.iter().all(|r| !r.is_empty())).then_some(roles)
}

/// Lowercase words joined by single spaces: how names are compared.
pub fn key_of(text: &str) -> String {
    word_ranges(text)
        .map(|w| text[w].to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Between two words of one name: spaces, emphasis markers or a hyphen, nothing else.
fn is_joining_gap(gap: &str) -> bool {
    !gap.is_empty()
        && gap.len() <= 8
        && gap
            .chars()
            .all(|c| c == ' ' || c == '\t' || matches!(c, '*' | '_' | '~' | '-'))
}

/// The expected role that `key` (a window of Title Case words) is a slip of, when
/// exactly one is.
fn slip_of<'a>(key: &str, written: &str, expected: &'a [(String, &'a str)]) -> Option<&'a str> {
    // Most windows are far longer or shorter than every expected name: skip them cheaply.
    if !expected
        .iter()
        .any(|(k, _)| k.len().abs_diff(key.len()) <= 2)
    {
        return None;
    }
    // A slip keeps the capitals of a name written in title case.
    let title_case = word_ranges(written).all(|w| written[w].starts_with(char::is_uppercase));
    if !title_case {
        return None;
    }
    let mut slips = expected.iter().filter(|(k, _)| is_slip(key, k));
    let (_, role) = slips.next()?;
    slips.next().is_none().then_some(*role)
}

/// `a` and `b` (keys) differ by a slip: the same number of words, each starting with the
/// same letter, one edit apart (two for names of twelve characters or more), and not an
/// inflection of one another ("directors", "director's"). In names under ten characters
/// one edit turns a word into another word too easily ("Data Lead", "Data Load"), so
/// there the changed words must not be English words ("Tech Laed" is a slip).
fn is_slip(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let words = |k: &str| k.split(' ').map(|w| w.chars().next()).collect::<Vec<_>>();
    if words(a) != words(b) || is_inflection(short, long) {
        return false;
    }
    if short.chars().count() < 10 {
        let changed_is_english = a
            .split(' ')
            .zip(b.split(' '))
            .filter(|(x, y)| x != y)
            .any(|(x, y)| crate::english::is_english(x) && crate::english::is_english(y));
        if changed_is_english || short.chars().count() < 6 {
            return false;
        }
    }
    let distance = strsim::osa_distance(a, b);
    let allowed = if short.chars().count() >= 12 { 2 } else { 1 };
    (1..=allowed).contains(&distance)
}

fn is_inflection(short: &str, long: &str) -> bool {
    long.strip_prefix(short)
        .is_some_and(|rest| ["s", "es", "'s", "’s", "s'"].contains(&rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(names: &[&str]) -> RoleTitles {
        let mut titles = RoleTitles::default();
        for name in names {
            titles.max_words = titles.max_words.max(name.split(' ').count());
            titles.by_key.insert(key_of(name).into(), (*name).into());
        }
        titles
    }

    fn mentions(text: &str, expected: &[&str]) -> Vec<(String, String, bool)> {
        let titles = titles(&[
            "Software Director",
            "Engineering Director",
            "Quality Director",
        ]);
        let words: Vec<_> = word_ranges(text).collect();
        titles
            .mentions(text, &words, &ExpectedRoles::new(expected.iter().copied()))
            .into_iter()
            .map(|m| (text[m.range].to_string(), m.role, m.exact))
            .collect()
    }

    #[test]
    fn comparison_titles_name_their_roles() {
        assert_eq!(
            comparison_roles("Software Director vs Engineering Director"),
            Some(vec!["Software Director", "Engineering Director"])
        );
        assert_eq!(comparison_roles("A versus B"), Some(vec!["A", "B"]));
        assert_eq!(comparison_roles("A vs. B VS C"), Some(vec!["A", "B", "C"]));
        assert_eq!(comparison_roles("Canvas Basics"), None);
        assert_eq!(comparison_roles("vs B"), None);
    }

    #[test]
    fn mentions_find_titles_and_slips_of_expected_roles() {
        let expected = ["Software Director", "Engineering Director"];
        assert_eq!(
            mentions(
                "Ability to Act as Enginerering Director when Required",
                &expected
            ),
            [(
                "Enginerering Director".into(),
                "Engineering Director".into(),
                false
            )]
        );
        assert_eq!(
            mentions(
                "Act as **Quality** Director, not Software Director",
                &expected
            ),
            [
                ("Quality** Director".into(), "Quality Director".into(), true),
                ("Software Director".into(), "Software Director".into(), true),
            ]
        );
    }

    #[test]
    fn inflections_and_lowercase_slips_are_not_mentions() {
        let expected = ["Software Director", "Engineering Director"];
        assert!(mentions("Alignment with other Software Directors", &expected).is_empty());
        assert!(mentions("the Software Director's notes", &expected).is_empty());
        assert!(mentions("software directed", &expected).is_empty());
        assert!(mentions("Sales Director", &expected).is_empty());
    }

    #[test]
    fn slips_need_a_long_name_and_a_close_spelling() {
        assert!(is_slip("enginerering director", "engineering director"));
        assert!(!is_slip("data lead", "data load"));
        assert!(!is_slip("directors", "director"));
        assert!(!is_slip("quality director", "delivery director"));
    }
}
