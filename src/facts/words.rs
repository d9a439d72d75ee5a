//! Prose words with their ranges: outside code, URLs, link destinations and HTML.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};

use crate::source::Source;

/// Where a word was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordContext {
    Prose,
    Heading,
    LinkLabel,
    TableCell,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word in the source: letters, then letters, digits, marks and inner apostrophes.
    pub range: Range<usize>,
    pub context: WordContext,
}

/// Where a text node sits, or `None` when its words are not prose (an autolink's URL).
pub(super) fn context_of<'a>(text: &'a AstNode<'a>) -> Option<WordContext> {
    let mut context = WordContext::Prose;
    for ancestor in text.ancestors().skip(1) {
        match &ancestor.data().value {
            NodeValue::Link(link) | NodeValue::Image(link) => {
                // An autolink's text is its URL.
                if ancestor.collect_text() == link.url
                    || link.url.ends_with(&ancestor.collect_text())
                {
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

/// Adds the words of a text node. The source slice is scanned, not the node's literal,
/// so that ranges are source ranges even where entities or escapes were resolved.
pub(super) fn add_words(
    source: &Source,
    range: Range<usize>,
    context: WordContext,
    words: &mut Vec<Word>,
) {
    let text = &source.text()[range.clone()];
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphabetic() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(index, next)) = chars.peek() {
            let inner_apostrophe = matches!(next, '\'' | '’')
                && text[index + next.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic);
            if next.is_alphanumeric() || inner_apostrophe {
                end = index + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        // `&amp;` in the source is an entity, not a word.
        let is_entity = text[..start].ends_with('&') && text[end..].starts_with(';');
        if !is_entity {
            words.push(Word {
                range: range.start + start..range.start + end,
                context,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{extract, ExtractOptions};

    fn words_of(markdown: &str) -> Vec<(String, WordContext)> {
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        facts
            .words
            .iter()
            .map(|w| (source.text()[w.range.clone()].to_string(), w.context))
            .collect()
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
    fn table_cell_words_are_marked() {
        let words = words_of("| Role |\n| --- |\n| Engineer |\n");
        assert_eq!(words[1], ("Engineer".to_string(), WordContext::TableCell));
    }
}
