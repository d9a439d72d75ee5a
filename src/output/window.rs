//! Code frames of long lines, clipped to a window around what they point at.
//!
//! miette prints every line of a frame whole, and pads to a label's visual column with a
//! width that must fit in 16 bits: a finding past column 65,535 of its line (16,500 tabs,
//! a 67 KB inline image) panicked, and a 65 KB line with 5,000 findings printed the line
//! 5,000 times. A frame whose lines are long is drawn from a small text instead: each line
//! of the finding cut to a window around its labels, with `…` where text was cut. The
//! header keeps the finding's true line and column.

use std::ops::Range;

use crate::source::Source;

/// Lines longer than this (in bytes) are shown through a window.
pub const LONG_LINE: usize = 240;

/// Characters kept on each side of a label.
const MARGIN: usize = 40;

/// A frame's text cut to windows, with the finding's labels moved into it.
pub struct Window {
    /// The clipped lines, each ending in `\n`.
    pub text: String,
    /// The original number (1-based) of the first line of `text`.
    pub first_line: usize,
    /// The labels' ranges in `text`, in the order given.
    pub ranges: Vec<Range<usize>>,
}

/// True when some line that a frame of `ranges` would show is long: a line of a label,
/// or the line of context before or after it.
pub fn needs_window(source: &Source, ranges: &[Range<usize>]) -> bool {
    ranges.iter().any(|range| {
        let (first, last) = lines_of(source, std::slice::from_ref(range));
        let from = first.saturating_sub(1).max(1);
        let to = (last + 1).min(source.line_count());
        (from..=to).any(|line| source.line_range(line).len() > LONG_LINE)
    })
}

/// The lines of `ranges` (byte ranges of `source`), each cut around the labels on it.
pub fn window(source: &Source, ranges: &[Range<usize>]) -> Window {
    let text = source.text();
    let (first, last) = lines_of(source, ranges);
    let mut out = String::new();
    // For each shown line: its original start, the kept byte range, and where the kept
    // text starts in `out`.
    let mut kept: Vec<(Range<usize>, usize)> = Vec::new();
    for line in first..=last {
        let whole = source.line_range(line);
        let on_line: Vec<usize> = ranges
            .iter()
            .flat_map(|r| [r.start, r.end])
            .filter(|&at| whole.start <= at && at <= whole.end)
            .collect();
        let (from, to) = match (on_line.iter().min(), on_line.iter().max()) {
            (Some(&low), Some(&high)) => (
                back_chars(text, low, MARGIN).max(whole.start),
                forward_chars(text, high, MARGIN).min(whole.end),
            ),
            _ => (
                whole.start,
                forward_chars(text, whole.start, 2 * MARGIN).min(whole.end),
            ),
        };
        if from > whole.start {
            out.push('…');
        }
        kept.push((from..to, out.len()));
        out.push_str(&text[from..to]);
        if to < whole.end {
            out.push('…');
        }
        out.push('\n');
    }
    let moved = |at: usize| -> usize {
        for (range, start) in &kept {
            if range.start <= at && at <= range.end {
                return start + (at - range.start);
            }
        }
        // Cut away: the nearest kept end before it, else the start.
        kept.iter()
            .rev()
            .find(|(range, _)| range.end <= at)
            .map_or(0, |(range, start)| start + range.len())
    };
    let ranges = ranges
        .iter()
        .map(|r| {
            let start = moved(r.start);
            start..moved(r.end).max(start)
        })
        .collect();
    Window {
        text: out,
        first_line: first,
        ranges,
    }
}

/// The first and last line that `ranges` touch.
fn lines_of(source: &Source, ranges: &[Range<usize>]) -> (usize, usize) {
    let first = ranges
        .iter()
        .map(|r| source.line_of(r.start))
        .min()
        .unwrap_or(1);
    let last = ranges
        .iter()
        .map(|r| source.line_of(r.end.saturating_sub(1).max(r.start)))
        .max()
        .unwrap_or(first);
    (first, last.max(first))
}

/// The byte offset `chars` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, chars: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `chars` characters after `at` (or the end).
fn forward_chars(text: &str, at: usize, chars: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_its_label() {
        let line = format!("{}[x](missing.md){}", "\t".repeat(20_000), "y".repeat(500));
        let source = Source::new(format!("# Wide\n\n{line}\n"));
        let at = source.text().find("missing.md").unwrap();
        let range = at..at + "missing.md".len();
        let ranges = std::slice::from_ref(&range);
        assert!(needs_window(&source, ranges));
        let window = window(&source, ranges);
        assert_eq!(window.first_line, 3);
        assert_eq!(&window.text[window.ranges[0].clone()], "missing.md");
        assert!(window.text.starts_with('…') && window.text.ends_with("…\n"));
        assert!(window.text.chars().count() < 2 * MARGIN + 20);
    }

    #[test]
    fn short_lines_need_no_window() {
        let source = Source::new("# Short\n\n[x](missing.md)\n".to_string());
        let range = 12..22;
        assert!(!needs_window(&source, std::slice::from_ref(&range)));
    }
}
