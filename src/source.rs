//! A page's text and its line index: the one place where byte offsets become
//! 1-based line and character columns.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// A position in a page, as reported to users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values (chars), not bytes.
    pub column: usize,
}

/// A range in a page; `end` is exclusive (it points just past the last character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

/// The text of one page with a line index over it.
///
/// A leading UTF-8 byte order mark stays in `text` (so fixes write it back) but is not
/// part of line 1: column 1 of line 1 is the first character after it, as editors show it.
#[derive(Debug, Clone)]
pub struct Source {
    /// Shared: pages whose texts are the same byte for byte hold one copy
    /// (`load::SameTexts`).
    text: Arc<str>,
    /// Byte offset of line 1: after the BOM, if any.
    body_start: u32,
    /// Byte offset where each line starts; line 1 starts after the BOM, if any. Built when
    /// first asked for, and dropped once the page's facts are extracted
    /// (`forget_line_starts`): only pages with findings need lines again, and a large
    /// handbook has millions of lines. `u32` halves the index; pages are far smaller
    /// than 4 GiB (`MAX_PAGE_BYTES`).
    line_starts: OnceLock<Vec<u32>>,
    /// Characters before every `CHECKPOINT_BYTES`-th byte (rounded down to a character
    /// boundary), built on the first column asked for on a long line: a column is then
    /// counted from the nearest checkpoint, not from the line start, so many findings on
    /// one long line cost what they cost one per line.
    checkpoints: OnceLock<Vec<(u32, u32)>>,
    /// True when the text holds `\|` anywhere: only then can comrak's positions in a
    /// table cell be shifted (`facts::node_range`), and most pages have none.
    has_escaped_pipe: bool,
}

/// Lines longer than this get their columns counted from checkpoints.
const CHECKPOINT_BYTES: usize = 4096;

pub const BOM: &str = "\u{feff}";

impl Source {
    pub fn new(text: String) -> Self {
        Source::shared(text.into())
    }

    /// A source of a text that others may hold too.
    pub fn shared(text: Arc<str>) -> Self {
        assert!(
            u32::try_from(text.len()).is_ok(),
            "pages are read only up to MAX_PAGE_BYTES, far below 4 GiB"
        );
        let body_start = if text.starts_with(BOM) { BOM.len() } else { 0 };
        Source {
            body_start: body_start as u32,
            line_starts: OnceLock::new(),
            checkpoints: OnceLock::new(),
            has_escaped_pipe: memchr::memmem::find(text.as_bytes(), b"\\|").is_some(),
            text,
        }
    }

    /// True when the text holds an escaped pipe `\|` anywhere.
    pub fn has_escaped_pipe(&self) -> bool {
        self.has_escaped_pipe
    }

    /// Drops the line index until it is asked for again.
    pub fn forget_line_starts(&mut self) {
        self.line_starts.take();
    }

    /// Byte offset where each line starts.
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let body_start = self.body_start();
            let mut line_starts = vec![body_start as u32];
            let bytes = self.text.as_bytes();
            let body = &bytes[body_start..];
            // CommonMark ends a line at LF, CR or CRLF; comrak counts lines the same way.
            // Most pages hold no CR: their lines end at each LF, found by the faster
            // one-byte search.
            if memchr::memchr(b'\r', body).is_none() {
                line_starts
                    .extend(memchr::memchr_iter(b'\n', body).map(|i| (body_start + i) as u32 + 1));
            } else {
                for i in memchr::memchr2_iter(b'\n', b'\r', body) {
                    let i = body_start + i;
                    if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                        line_starts.push(i as u32 + 1);
                    }
                }
            }
            line_starts.shrink_to_fit();
            line_starts
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as it is shared, to be held by more than this source.
    pub fn shared_text(&self) -> &Arc<str> {
        &self.text
    }

    /// The text after the BOM: what the Markdown parser sees.
    pub fn body(&self) -> &str {
        &self.text[self.body_start()..]
    }

    /// Byte offset of the first character after a leading BOM (0 without one).
    pub fn body_start(&self) -> usize {
        self.body_start as usize
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// Byte offset where 1-based `line` starts, clamped to the text.
    pub fn line_start(&self, line: usize) -> usize {
        let line_starts = self.line_starts();
        let index = line.saturating_sub(1).min(line_starts.len() - 1);
        line_starts[index] as usize
    }

    /// Byte range of 1-based `line` without its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_start(line);
        let line_starts = self.line_starts();
        let mut end = if line >= line_starts.len() {
            self.text.len()
        } else {
            line_starts[line] as usize
        };
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.line_starts().binary_search(&offset) {
            Ok(index) => index + 1,
            Err(index) => index.max(1),
        }
    }

    /// Byte offset of a parser position: 1-based line and 1-based *byte* column, as comrak
    /// reports them for the text after the BOM. Clamped to the text and to a char boundary,
    /// so a bogus position can never make a slice panic.
    pub fn offset_of_parser_position(&self, line: usize, byte_column: usize) -> usize {
        let offset = self.line_start(line) + byte_column.saturating_sub(1);
        self.floor_char_boundary(offset.min(self.text.len()))
    }

    /// The largest char boundary at or before `offset`.
    pub fn floor_char_boundary(&self, mut offset: usize) -> usize {
        offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The user-facing position of byte `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset).max(self.body_start());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = if offset - start <= CHECKPOINT_BYTES {
            self.text[start..offset].chars().count() + 1
        } else {
            self.chars_before(offset) - self.chars_before(start) + 1
        };
        Position { line, column }
    }

    /// How many characters the text holds before byte `offset` (a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut checkpoints = Vec::with_capacity(self.text.len() / CHECKPOINT_BYTES + 1);
            let (mut at, mut chars) = (0, 0);
            while at < self.text.len() {
                checkpoints.push((at as u32, chars as u32));
                let next = self.floor_char_boundary(at + CHECKPOINT_BYTES);
                let next = if next <= at { self.text.len() } else { next };
                chars += self.text[at..next].chars().count();
                at = next;
            }
            checkpoints
        });
        let index = checkpoints.partition_point(|&(at, _)| at as usize <= offset);
        let (at, chars) = index.checked_sub(1).map_or((0, 0), |i| {
            (checkpoints[i].0 as usize, checkpoints[i].1 as usize)
        });
        chars + self.text[at..offset].chars().count()
    }

    /// The user-facing span of a byte range (end exclusive).
    pub fn span(&self, range: Range<usize>) -> Span {
        let start = self.position(range.start);
        let end = self.position(range.end.max(range.start));
        Span { start, end }
    }

    /// Byte offset of a user-facing position (1-based line, 1-based char column), clamped.
    pub fn offset(&self, position: Position) -> usize {
        let range = self.line_range(position.line);
        let line_text = &self.text[range.clone()];
        let within = line_text
            .char_indices()
            .nth(position.column.saturating_sub(1))
            .map_or(line_text.len(), |(index, _)| index);
        range.start + within
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_after_multibyte_and_zero_width() {
        let source = Source::new("é 中\u{200b}[L](x.md)\nnext".to_string());
        let link = source.text().find('[').unwrap();
        assert_eq!(source.position(link), Position { line: 1, column: 5 });
        let end = source.text().find(")\n").unwrap() + 1;
        assert_eq!(
            source.span(link..end).end,
            Position {
                line: 1,
                column: 14
            }
        );
        let next = source.text().find("next").unwrap();
        assert_eq!(source.position(next), Position { line: 2, column: 1 });
    }

    #[test]
    fn lines_forgotten_after_extraction_are_found_again() {
        let mut source = Source::new("\u{feff}# A\r\nb\rc\n\nd".to_string());
        let before: Vec<_> = (0..=source.text().len())
            .map(|offset| source.position(offset))
            .collect();
        let lines = source.line_count();
        source.forget_line_starts();
        assert!(source.line_starts.get().is_none());
        assert_eq!(source.line_count(), lines);
        let after: Vec<_> = (0..=source.text().len())
            .map(|offset| source.position(offset))
            .collect();
        assert_eq!(after, before);
        assert_eq!(source.body(), "# A\r\nb\rc\n\nd");
    }

    #[test]
    fn bom_is_not_a_column() {
        let source = Source::new("\u{feff}# Title\n".to_string());
        assert_eq!(source.body(), "# Title\n");
        assert_eq!(source.position(3), Position { line: 1, column: 1 });
        assert_eq!(source.offset_of_parser_position(1, 3), 5);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let source = Source::new("a\r\nb\rc\n".to_string());
        assert_eq!(source.line_count(), 4);
        assert_eq!(source.position(3), Position { line: 2, column: 1 });
        assert_eq!(source.position(5), Position { line: 3, column: 1 });
        assert_eq!(source.line_range(1), 0..1);
    }

    #[test]
    fn offsets_round_trip_through_positions() {
        let text = "ab\n中文x\u{200b}y\n";
        let source = Source::new(text.to_string());
        for (offset, _) in text.char_indices() {
            assert_eq!(source.offset(source.position(offset)), offset);
        }
    }

    #[test]
    fn bogus_parser_positions_are_clamped() {
        let source = Source::new("中".to_string());
        assert_eq!(source.offset_of_parser_position(9, 2), 0);
        assert_eq!(source.offset_of_parser_position(1, 99), 3);
    }

    #[test]
    fn columns_on_long_lines_count_characters_from_checkpoints() {
        let line: String = "é中a\t".repeat(5_000);
        let source = Source::new(format!("# T\n{line}[x](y.md)\n"));
        let at = source.text().find('[').unwrap();
        assert_eq!(
            source.position(at),
            Position {
                line: 2,
                column: 20_001
            }
        );
        let near = source.text().find('a').unwrap();
        assert_eq!(source.position(near).column, 3);
    }
}
