//! Headings with their GitHub slugs, the page title, and explicit HTML anchors.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use super::PageFacts;

/// A heading: 32 bytes and one allocation for its text and slug together (a large
/// handbook holds hundreds of thousands).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The plain text, then the slug (see `text` and `slug`).
    text_and_slug: Box<str>,
    /// Where the slug starts in `text_and_slug`.
    slug_at: u32,
    /// The whole heading, markers included: byte offsets (pages are far below 4 GiB).
    start: u32,
    end: u32,
}

impl Heading {
    pub fn new(level: u8, text: &str, slug: &str, range: Range<usize>) -> Self {
        Heading {
            level,
            text_and_slug: [text, slug].concat().into(),
            slug_at: text.len() as u32,
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    /// The heading's plain text (emphasis and code markers dropped).
    pub fn text(&self) -> &str {
        &self.text_and_slug[..self.slug_at as usize]
    }

    /// The anchor GitHub gives it: lowercase, punctuation dropped, spaces to `-`, and
    /// `-1`, `-2`, ... on repeats within the page.
    pub fn slug(&self) -> &str {
        &self.text_and_slug[self.slug_at as usize..]
    }

    /// The whole heading, markers included.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The anchors of a page's headings as GitHub makes them, and exactly as comrak's
/// `Anchorizer` does: the text lower-cased, every character but letters, marks, numbers,
/// connector punctuation, spaces and hyphens dropped, spaces made hyphens, and `-1`, `-2`,
/// ... added to a repeat. Every heading of a handbook goes through here: ASCII text is
/// slugged by hand and the page's slugs are kept in Fx hash tables, which costs a fraction
/// of the `Anchorizer`; other text is slugged by a fresh `Anchorizer`, for its Unicode
/// tables.
#[derive(Default)]
pub(super) struct Slugs {
    /// Every slug given on the page, with the suffix to try first when it comes again as
    /// a slug before its suffix (0 when it never did). The Anchorizer keeps the two apart;
    /// one table answers alike, since a slug before its suffix is always given by then.
    given: FxHashMap<Box<str>, usize>,
}

impl Slugs {
    /// The slug of the heading `text`, unique on the page.
    pub(super) fn slug(&mut self, text: &str) -> String {
        let base = if text.is_ascii() {
            let mut bytes = text.as_bytes().to_vec();
            bytes.retain_mut(|byte| {
                match byte {
                    b'A'..=b'Z' => byte.make_ascii_lowercase(),
                    b' ' => *byte = b'-',
                    b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' => {}
                    _ => return false,
                }
                true
            });
            String::from_utf8(bytes).expect("ASCII bytes are UTF-8")
        } else {
            comrak::Anchorizer::new().anchorize(text)
        };
        let mut suffix = self.given.get(base.as_str()).copied().unwrap_or(0);
        let chosen = loop {
            let slug = match suffix {
                0 => base.clone(),
                n => format!("{base}-{n}"),
            };
            if !self.given.contains_key(slug.as_str()) {
                break slug;
            }
            suffix += 1;
        };
        if suffix != 0 {
            self.given.insert(chosen.as_str().into(), 0);
        }
        self.given.insert(base.into(), suffix + 1);
        chosen
    }
}

/// An anchor written in HTML: `<a name="x">` or any `id="x"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub name: Box<str>,
    /// The attribute value in the source.
    pub range: Range<usize>,
}

pub(super) fn add_heading(
    facts: &mut PageFacts,
    level: u8,
    text: &str,
    slug: &str,
    range: Range<usize>,
) {
    if level == 1 && facts.title.is_none() {
        facts.title = Some(facts.headings.len());
    }
    facts
        .headings
        .push(Heading::new(level, text.trim(), slug, range));
}

static ANCHOR_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\s(?:name|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"#)
        .expect("the anchor attribute pattern is valid")
});

/// Adds the anchors that an HTML fragment defines; `base` is the fragment's offset in the page.
pub(super) fn add_html_anchors(html: &str, base: usize, anchors: &mut Vec<Anchor>) {
    for captures in ANCHOR_ATTRIBUTE.captures_iter(html) {
        let Some(value) = (1..=3).find_map(|group| captures.get(group)) else {
            continue;
        };
        if value.as_str().is_empty() {
            continue;
        }
        anchors.push(Anchor {
            name: value.as_str().into(),
            range: base + value.start()..base + value.end(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::facts::{extract, ExtractOptions};
    use crate::source::Source;

    fn slugs(markdown: &str) -> Vec<String> {
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        facts
            .headings
            .into_iter()
            .map(|h| h.slug().into())
            .collect()
    }

    #[test]
    fn slugs_follow_github() {
        let cases = [
            ("## SE1 - Software Engineer 1", "se1---software-engineer-1"),
            ("# What's a **Director**?", "whats-a-director"),
            ("## C++ & Rust: 1:1's", "c--rust-11s"),
            ("## Tooling & Rituals", "tooling--rituals"),
            ("## Café 中文 Ünïcödé", "café-中文-ünïcödé"),
            ("## Emoji 🚀 rocket", "emoji--rocket"),
            ("## snake_case and kebab-case", "snake_case-and-kebab-case"),
            ("## a -- b", "a----b"),
            ("## `make review` heading", "make-review-heading"),
            ("## [Link text](x.md) heading", "link-text-heading"),
            ("## *Emphasis* and __strong__", "emphasis-and-strong"),
            ("## ZW\u{200b}SP", "zwsp"),
            ("## Trailing closers ##", "trailing-closers"),
            ("Setext title\n===", "setext-title"),
            ("## Σίσυφος", "σίσυφος"),
        ];
        for (markdown, expected) in cases {
            assert_eq!(slugs(markdown), vec![expected.to_string()], "{markdown}");
        }
    }

    #[test]
    fn repeated_headings_get_numbered_suffixes() {
        let markdown = "## Other Pages\n\n## Other Pages\n\n## Other Pages\n\n## Other Pages-1\n\n### Expectations\n\n### Expectations\n";
        assert_eq!(
            slugs(markdown),
            [
                "other-pages",
                "other-pages-1",
                "other-pages-2",
                "other-pages-1-1",
                "expectations",
                "expectations-1"
            ]
        );
    }

    #[test]
    fn title_is_the_first_level_one_heading() {
        let source = Source::new("## Intro\n\n# Real Title\n\n# Other Pages\n".to_string());
        let facts = extract(&source, &ExtractOptions::default());
        assert_eq!(facts.title().unwrap().text(), "Real Title");
    }

    #[test]
    fn html_anchors_are_collected() {
        let source = Source::new(
            "<a name=\"top\"></a>\n\nText <span id='inline-id'>x</span>\n\n<div id=block>\n</div>\n"
                .to_string(),
        );
        let facts = extract(&source, &ExtractOptions::default());
        let names: Vec<_> = facts.anchors.iter().map(|a| &*a.name).collect();
        assert_eq!(names, ["top", "inline-id", "block"]);
        assert!(facts.has_anchor("TOP"));
        assert_eq!(&source.text()[facts.anchors[1].range.clone()], "inline-id");
    }

    proptest::proptest! {
        /// The same slugs as comrak's `Anchorizer`, repeats and lookalike suffixes included.
        #[test]
        fn slugs_are_the_anchorizers(
            texts in proptest::collection::vec(
                proptest::string::string_regex("[aB1_ -]{0,4}(-1)?|[aé Σ_.!中🚀\u{300}-]{0,4}").expect("a valid pattern"),
                0..12,
            ),
        ) {
            let mut slugs = super::Slugs::default();
            let mut anchorizer = comrak::Anchorizer::new();
            for text in &texts {
                proptest::prop_assert_eq!(slugs.slug(text), anchorizer.anchorize(text), "{:?}", texts);
            }
        }
    }
}
