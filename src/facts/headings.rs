//! Headings with their GitHub slugs, the page title, and explicit HTML anchors.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

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
    text: String,
    slug: String,
    range: Range<usize>,
) {
    if level == 1 && facts.title.is_none() {
        facts.title = Some(facts.headings.len());
    }
    facts
        .headings
        .push(Heading::new(level, text.trim(), &slug, range));
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
}
