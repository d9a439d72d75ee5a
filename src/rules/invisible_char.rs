//! `invisible-char`: see `rules/invisible-char.md`.

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Edit, Fix, Related};
use crate::facts::invisible::{display_name_of, invisible_chars, is_bidi_control, Invisible};
use crate::handbook::{Handbook, Page};
use crate::rule::{FixAvailability, Rule, RuleMeta};

pub struct InvisibleChar;

static META: RuleMeta = RuleMeta {
    id: "invisible-char",
    summary: "A line holds zero-width, soft-hyphen or bidirectional control characters.",
    severity: Severity::Error,
    fix: FixAvailability::Always,
    doc: include_str!("../../rules/invisible-char.md"),
};

impl Rule for InvisibleChar {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, _handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let found = invisible_chars(page.source.text());
        for line in found.chunk_by(|a, b| {
            page.source.line_of(a.range.start) == page.source.line_of(b.range.start)
        }) {
            out.push(finding(page, line));
        }
    }
}

/// One finding for the invisible characters of one line (`line` is not empty).
fn finding(page: &Page, line: &[Invisible]) -> Diagnostic {
    let source = &page.source;
    let (first, rest) = line
        .split_first()
        .expect("a line with a finding has a character");
    let bidi = line.iter().any(|i| is_bidi_control(i.char));
    let mut diagnostic = Diagnostic::new(
        META.id,
        META.severity,
        &page.path,
        source,
        first.range.clone(),
        message(line, bidi),
        code_of(first.char),
    );
    diagnostic.related = rest
        .iter()
        .map(|i| Related {
            range: i.range.clone(),
            label: code_of(i.char),
        })
        .collect();
    let them = if line.len() == 1 { "it" } else { "them" };
    let help = if bidi {
        format!("delete {them}, then read the line again: what it displays may not be what it says")
    } else {
        format!("delete {them}: invisible characters break search, copy and paste, and links")
    };
    let description = match line.len() {
        1 => format!("Delete the invisible character {}", code_of(first.char)),
        n => format!("Delete the {n} invisible characters of this line"),
    };
    diagnostic.with_help(help).with_fix(Some(Fix {
        description,
        edits: line
            .iter()
            .map(|i| Edit {
                range: i.range.clone(),
                span: source.span(i.range.clone()),
                replacement: String::new(),
            })
            .collect(),
    }))
}

/// "invisible character U+200B ZERO WIDTH SPACE", or for several "3 invisible characters:
/// U+200B ZERO WIDTH SPACE (2), U+00AD SOFT HYPHEN"; with a bidirectional control, why it
/// is dangerous.
fn message(line: &[Invisible], bidi: bool) -> String {
    let mut kinds: Vec<(char, usize)> = Vec::new();
    for invisible in line {
        match kinds.iter_mut().find(|(c, _)| *c == invisible.char) {
            Some((_, count)) => *count += 1,
            None => kinds.push((invisible.char, 1)),
        }
    }
    let named: Vec<String> = kinds
        .iter()
        .map(|&(c, count)| {
            let name = format!("{} {}", code_of(c), display_name_of(c));
            if count > 1 {
                format!("{name} ({count})")
            } else {
                name
            }
        })
        .collect();
    let mut message = match named.as_slice() {
        [one] if line.len() == 1 && bidi => format!("bidirectional control character {one}"),
        [one] if line.len() == 1 => format!("invisible character {one}"),
        _ => format!("{} invisible characters: {}", line.len(), named.join(", ")),
    };
    if bidi {
        message.push_str(
            "; bidirectional controls can make a line display in another order than it is \
             written, hiding what it really says",
        );
    }
    message
}

/// "U+200B".
fn code_of(c: char) -> String {
    format!("U+{:04X}", c as u32)
}
