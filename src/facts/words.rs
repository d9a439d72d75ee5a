//! Prose words with their ranges: outside code, URLs, link destinations and HTML.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};

/// Where a word was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordContext {
    Prose = 0,
    Heading = 1,
    LinkLabel = 2,
    TableCell = 3,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word in the source: letters, then letters, digits, marks and inner apostrophes.
    pub range: Range<usize>,
    pub context: WordContext,
}

/// A run of prose text (one text node). Words are cut from runs when asked for: storing
/// every word of a large handbook would cost more memory than its text.
///
/// Eight bytes: a large handbook holds millions of runs. The start is a `u32` byte offset
/// (pages are far smaller than 4 GiB); the length and the context share the other `u32`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRun {
    start: u32,
    /// The length in the low `LENGTH_BITS` bits, the context above them.
    length_and_context: u32,
}

/// Bits of `TextRun::length_and_context` that hold the length: 1 GiB, beyond any page
/// read (`MAX_PAGE_BYTES`).
const LENGTH_BITS: u32 = 30;
const LENGTH_MASK: u32 = (1 << LENGTH_BITS) - 1;

impl TextRun {
    pub fn new(range: Range<usize>, context: WordContext) -> Self {
        let length = (range.end - range.start) as u32;
        debug_assert!(
            length <= LENGTH_MASK,
            "pages are read only up to MAX_PAGE_BYTES"
        );
        TextRun {
            start: range.start as u32,
            length_and_context: (length & LENGTH_MASK) | ((context as u32) << LENGTH_BITS),
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.start() + (self.length_and_context & LENGTH_MASK) as usize
    }

    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }

    pub fn context(&self) -> WordContext {
        match self.length_and_context >> LENGTH_BITS {
            0 => WordContext::Prose,
            1 => WordContext::Heading,
            2 => WordContext::LinkLabel,
            _ => WordContext::TableCell,
        }
    }
}

/// Where a text node sits, or `None` when its words are not prose (an autolink's URL).
pub(super) fn context_of<'a>(text: &'a AstNode<'a>) -> Option<WordContext> {
    let mut context = WordContext::Prose;
    for ancestor in text.ancestors().skip(1) {
        match &ancestor.data().value {
            NodeValue::Link(link) | NodeValue::Image(link) => {
                if is_autolink_node(&link.url, ancestor) {
                    return None;
                }
                if context == WordContext::Prose {
                    context = WordContext::LinkLabel;
                }
            }
            NodeValue::Heading(_) if context == WordContext::Prose => {
                context = WordContext::Heading;
            }
            NodeValue::TableCell if context == WordContext::Prose => {
                context = WordContext::TableCell;
            }
            NodeValue::Document => break,
            _ => {}
        }
    }
    Some(context)
}

/// True when the link node `link` to `url` is an autolink (see `is_autolink`).
fn is_autolink_node<'a>(url: &str, link: &'a AstNode<'a>) -> bool {
    super::with_plain_text(link, |text| is_autolink(url, text))
}

/// An autolink's text is its URL, possibly without the scheme that the parser added
/// (`www.x.org` gets `http://`, `a@b.org` gets `mailto:`). A link such as
/// `[Director](Software-Director)`, whose label merely ends its URL, is not one.
fn is_autolink(url: &str, text: &str) -> bool {
    url.strip_suffix(text).is_some_and(|scheme| {
        let name = scheme
            .strip_suffix("://")
            .or_else(|| scheme.strip_suffix(':'));
        scheme.is_empty()
            || name.is_some_and(|name| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            })
    })
}

/// The words of a text run, cut from `page_text`. The source is scanned, not the node's
/// literal, so that ranges are source ranges even where entities or escapes were resolved.
pub fn words_of<'a>(page_text: &'a str, run: &TextRun) -> impl Iterator<Item = Word> + 'a {
    let range = run.range();
    let context = run.context();
    let text = page_text.get(range.clone()).unwrap_or_default();
    word_ranges(text).map(move |word| Word {
        range: range.start + word.start..range.start + word.end,
        context,
    })
}

/// The byte ranges of the words of `text`: a letter, then letters, digits and apostrophes
/// between letters (`Director's`). An HTML entity (`&amp;`) is not a word.
pub fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let word = next_word(text, at)?;
        at = word.end;
        Some(word)
    })
}

/// The first word of `text` (as `word_ranges` cuts them) that starts at or after byte
/// `from`, a char boundary. Every prose word of a handbook goes through here: ASCII is
/// classified by table, other characters are decoded.
pub fn next_word(text: &str, from: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut at = from;
    loop {
        while at < len && BYTE_CLASSES[usize::from(bytes[at])] & (LETTER | NON_ASCII) == 0 {
            at += 1;
        }
        if at >= len {
            return None;
        }
        let start = at;
        let (class, width) = class_at(text, at);
        at += width;
        if class != Class::Letter {
            continue;
        }
        let mut end = at;
        while end < len {
            while end < len && BYTE_CLASSES[usize::from(bytes[end])] & (LETTER | DIGIT) != 0 {
                end += 1;
            }
            if end >= len || BYTE_CLASSES[usize::from(bytes[end])] & (APOSTROPHE | NON_ASCII) == 0 {
                break;
            }
            let (class, width) = class_at(text, end);
            let goes_on = match class {
                Class::Letter | Class::Digit => true,
                Class::Apostrophe => {
                    end + width < len && class_at(text, end + width).0 == Class::Letter
                }
                Class::Other => false,
            };
            if !goes_on {
                break;
            }
            end += width;
        }
        at = end;
        let is_entity = text[..start].ends_with('&') && text[end..].starts_with(';');
        if !is_entity {
            return Some(start..end);
        }
    }
}

/// `next_word` for text that is all ASCII, as bytes: the same words, with no character to
/// decode. Every prose word of a handbook goes through one of the two, and most runs of
/// text are ASCII.
pub fn next_ascii_word(bytes: &[u8], from: usize) -> Option<Range<usize>> {
    let class = |at: usize| BYTE_CLASSES[usize::from(bytes[at])];
    let len = bytes.len();
    let mut at = from;
    loop {
        while at < len && class(at) & LETTER == 0 {
            at += 1;
        }
        if at >= len {
            return None;
        }
        let start = at;
        let mut end = at + 1;
        loop {
            while end < len && class(end) & (LETTER | DIGIT) != 0 {
                end += 1;
            }
            // An apostrophe between a letter or digit and a letter goes on (`Director's`).
            if end + 1 < len && bytes[end] == b'\'' && class(end + 1) & LETTER != 0 {
                end += 2;
                continue;
            }
            break;
        }
        at = end;
        let is_entity = start > 0 && bytes[start - 1] == b'&' && bytes.get(end) == Some(&b';');
        if !is_entity {
            return Some(start..end);
        }
    }
}

/// Classes of bytes, by table: what `next_word` and `role-typo` ask of every byte.
pub const LETTER: u8 = 1;
pub const DIGIT: u8 = 2;
pub const LOWER: u8 = 4;
pub const APOSTROPHE: u8 = 8;
/// A byte of a character outside ASCII.
pub const NON_ASCII: u8 = 16;

/// The classes of every byte value.
pub static BYTE_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            b'a'..=b'z' => LETTER | LOWER,
            b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'\'' => APOSTROPHE,
            0x80..=0xFF => NON_ASCII,
            _ => 0,
        };
        byte += 1;
    }
    table
};

/// What a character is to `word_ranges`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Alphabetic.
    Letter,
    /// Numeric, or any other alphanumeric character.
    Digit,
    /// `'` or `’`.
    Apostrophe,
    Other,
}

/// The class of the character at byte `at` (a char boundary), and its length in bytes.
#[inline]
fn class_at(text: &str, at: usize) -> (Class, usize) {
    let byte = text.as_bytes()[at];
    match byte {
        b'a'..=b'z' | b'A'..=b'Z' => (Class::Letter, 1),
        b'0'..=b'9' => (Class::Digit, 1),
        b'\'' => (Class::Apostrophe, 1),
        0..=0x7f => (Class::Other, 1),
        _ => {
            let c = text[at..].chars().next().expect("`at` is a char boundary");
            let class = if c.is_alphabetic() {
                Class::Letter
            } else if c.is_alphanumeric() {
                Class::Digit
            } else if c == '’' {
                Class::Apostrophe
            } else {
                Class::Other
            };
            (class, c.len_utf8())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{extract, ExtractOptions};
    use crate::source::Source;

    fn words_of(markdown: &str) -> Vec<(String, WordContext)> {
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        facts
            .words(source.text())
            .map(|w| (source.text()[w.range.clone()].to_string(), w.context))
            .collect()
    }

    #[test]
    fn a_run_is_eight_bytes_and_keeps_its_range_and_context() {
        assert_eq!(std::mem::size_of::<TextRun>(), 8);
        for context in [
            WordContext::Prose,
            WordContext::Heading,
            WordContext::LinkLabel,
            WordContext::TableCell,
        ] {
            let run = TextRun::new(7..7 + LENGTH_MASK as usize, context);
            assert_eq!(run.range(), 7..7 + LENGTH_MASK as usize);
            assert_eq!(run.context(), context);
        }
    }

    #[test]
    fn words_skip_code_urls_and_html() {
        let words = words_of(
            "# Head Line\n\nDirector's `Enginerering` [Label](Softeare.md) https://x.org/Directror <b>Tom &amp; Jerry</b>\n\n```\nQaulity\n```\n",
        );
        let texts: Vec<_> = words.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            texts,
            ["Head", "Line", "Director's", "Label", "Tom", "Jerry"]
        );
        assert_eq!(words[0].1, WordContext::Heading);
        assert_eq!(words[3].1, WordContext::LinkLabel);
    }

    #[test]
    fn html_comments_and_blocks_have_no_words() {
        let texts = |markdown: &str| -> Vec<String> {
            words_of(markdown).into_iter().map(|(w, _)| w).collect()
        };
        assert_eq!(texts("a <!-- Softeare --> b\n"), ["a", "b"]);
        assert_eq!(texts("a <!-- Softeare\nEnginerering --> b\n"), ["a", "b"]);
        assert_eq!(texts("<!-- Softeare\nEnginerering -->\n\ntext\n"), ["text"]);
        assert_eq!(
            texts("<details><summary>Softeare</summary>\n\nEngineer\n\n</details>\n"),
            ["Engineer"]
        );
    }

    #[test]
    fn autolinks_have_no_words_but_labels_that_end_their_url_do() {
        let words = words_of(
            "[Director](Software-Director) [md](x.md) <https://x.org/Dir> www.example.com/Directror mailto:a@b.org a@b.org\n",
        );
        assert_eq!(
            words,
            [
                ("Director".to_string(), WordContext::LinkLabel),
                ("md".to_string(), WordContext::LinkLabel)
            ]
        );
    }

    #[test]
    fn nav_labels_alt_text_and_footnotes_are_words() {
        let words = words_of(
            "* [**Software Directror**](A.md)\n\n![Enginerering](x.png) [^1]\n\n[^1]: Softeare\n",
        );
        assert_eq!(
            words,
            [
                ("Software".to_string(), WordContext::LinkLabel),
                ("Directror".to_string(), WordContext::LinkLabel),
                ("Enginerering".to_string(), WordContext::LinkLabel),
                ("Softeare".to_string(), WordContext::Prose),
            ]
        );
    }

    #[test]
    fn word_ranges_cut_words_in_any_script() {
        let text = "Director's l'été, R2-D2 &amp; 中文 Straße’s ok'";
        let words: Vec<&str> = word_ranges(text).map(|r| &text[r]).collect();
        assert_eq!(
            words,
            ["Director's", "l'été", "R2", "D2", "中文", "Straße’s", "ok"]
        );
    }

    #[test]
    fn table_cell_words_are_marked() {
        let words = words_of("| Role |\n| --- |\n| Engineer |\n");
        assert_eq!(words[1], ("Engineer".to_string(), WordContext::TableCell));
    }

    proptest::proptest! {
        /// On ASCII text the byte tokenizer cuts the words `next_word` cuts.
        #[test]
        fn ascii_words_are_the_words(
            text in proptest::string::string_regex("[aZ0 '&;.-]{0,24}").expect("a valid pattern"),
        ) {
            let mut expected = Vec::new();
            let mut at = 0;
            while let Some(word) = next_word(&text, at) {
                at = word.end;
                expected.push(word);
            }
            let mut found = Vec::new();
            let mut at = 0;
            while let Some(word) = next_ascii_word(text.as_bytes(), at) {
                at = word.end;
                found.push(word);
            }
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
