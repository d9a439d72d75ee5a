//! Links, images, reference definitions and HTML `href`/`src` attributes.

use std::ops::Range;
use std::sync::LazyLock;

use comrak::nodes::AstNode;
use regex::Regex;
use rustc_hash::FxHashSet;

use super::{node_range, with_plain_text, PageFacts};
use crate::source::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[label](destination)`.
    Inline,
    /// `![alt](destination)`.
    Image,
    /// `[label][ref]` or `[ref]`: its destination comes from a definition. `defined` is true
    /// when that definition is among the page's links, where it is checked once.
    ReferenceUse { defined: bool },
    /// `[ref]: destination`.
    Definition,
    /// `<autolink>` or a bare `www.` / `https://` URL.
    Autolink,
    /// `href` or `src` in inline or block HTML.
    Html,
}

/// A link, an image, a reference definition or an HTML `href`/`src`: 32 bytes, since a
/// large handbook has millions of links, most of them plain. Offsets are `u32` (pages are
/// far smaller than 4 GiB), the ranges inside the link are offsets from its start, and
/// text that differs from what is written sits behind one pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    /// The whole link in the source.
    whole: Span,
    /// The label between the brackets, when there is one.
    label: Inner,
    /// The destination as written in the source, when it could be located exactly.
    destination: Inner,
    /// Where the plain label stands inside the written one, when it differs from it but
    /// is written whole (`**Lead**`): navs bold their labels, a thousand links a page.
    plain_label: Inner,
    /// The plain label and the parsed destination, kept only when one differs from what
    /// is written and cannot be pointed at (see `label`, `plain_label`, `destination`);
    /// and the ranges of a link too long for `Inner`.
    parsed: Option<Box<Parsed>>,
}

/// A byte range of the page text, or none (`Span::NONE`: no page comes near 4 GiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    const NONE: Span = Span {
        start: u32::MAX,
        end: u32::MAX,
    };

    fn of(range: Range<usize>) -> Self {
        Span {
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    fn of_option(range: Option<Range<usize>>) -> Self {
        range.map_or(Span::NONE, Span::of)
    }

    fn range(self) -> Option<Range<usize>> {
        (self != Span::NONE).then_some(self.start as usize..self.end as usize)
    }
}

/// A range inside a link, as its offset from the link's start and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Inner {
    offset: u16,
    length: u16,
}

impl Inner {
    /// No range.
    const NONE: Inner = Inner {
        offset: u16::MAX,
        length: u16::MAX,
    };
    /// A range that does not fit: it is in `Parsed::wide`.
    const WIDE: Inner = Inner {
        offset: u16::MAX,
        length: u16::MAX - 1,
    };

    fn of(whole: Span, span: Span) -> Self {
        if span == Span::NONE {
            return Inner::NONE;
        }
        let offset = span.start.checked_sub(whole.start).map(u16::try_from);
        let length = span.end.checked_sub(span.start).map(u16::try_from);
        match (offset, length) {
            (Some(Ok(offset)), Some(Ok(length))) if offset < u16::MAX => Inner { offset, length },
            _ => Inner::WIDE,
        }
    }

    /// The range in the page, given the link's start and, for `WIDE`, its wide range.
    fn range(self, whole: Span, wide: impl FnOnce() -> Span) -> Option<Range<usize>> {
        match self {
            Inner::NONE => None,
            Inner::WIDE => wide().range(),
            Inner { offset, length } => {
                let start = whole.start as usize + usize::from(offset);
                Some(start..start + usize::from(length))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Parsed {
    label: Option<Box<str>>,
    destination: Option<Box<str>>,
    /// Label, destination and plain label of a link whose ranges do not fit `Inner`.
    wide: Option<[Span; 3]>,
}

impl Link {
    fn new(
        kind: LinkKind,
        page_text: &str,
        range: Range<usize>,
        label_range: Option<Range<usize>>,
        label: &str,
        destination_range: Option<Range<usize>>,
        destination: &str,
    ) -> Self {
        let written = |r: &Option<Range<usize>>| r.clone().and_then(|r| page_text.get(r));
        let keep = |written: Option<&str>, value: &str| {
            (written != Some(value)).then(|| Box::<str>::from(value))
        };
        // A plain label written whole inside the written one is pointed at.
        let plain_label = match (&label_range, written(&label_range)) {
            (Some(range), Some(written)) if written != label && !label.is_empty() => {
                memchr::memmem::find(written.as_bytes(), label.as_bytes())
                    .map_or(Span::NONE, |at| {
                        Span::of(range.start + at..range.start + at + label.len())
                    })
            }
            _ => Span::NONE,
        };
        let mut parsed = Parsed {
            label: if plain_label == Span::NONE {
                keep(written(&label_range), label)
            } else {
                None
            },
            destination: keep(written(&destination_range), destination),
            wide: None,
        };
        let whole = Span::of(range);
        let spans = [
            Span::of_option(label_range),
            Span::of_option(destination_range),
            plain_label,
        ];
        let [label, destination, plain_label] = spans.map(|span| Inner::of(whole, span));
        if [label, destination, plain_label].contains(&Inner::WIDE) {
            parsed.wide = Some(spans);
        }
        Link {
            kind,
            whole,
            label,
            destination,
            plain_label,
            parsed: (parsed != Parsed::default()).then(|| Box::new(parsed)),
        }
    }

    /// The `n`th range of a link too long for `Inner` (label, destination, plain label).
    fn wide(&self, n: usize) -> Span {
        self.parsed
            .as_ref()
            .and_then(|parsed| parsed.wide)
            .map_or(Span::NONE, |wide| wide[n])
    }

    /// The whole link in the source.
    pub fn range(&self) -> Range<usize> {
        self.whole.range().unwrap_or_default()
    }

    /// The label between the brackets, when there is one.
    pub fn label_range(&self) -> Option<Range<usize>> {
        self.label.range(self.whole, || self.wide(0))
    }

    /// The destination as written in the source, when it could be located exactly.
    pub fn destination_range(&self) -> Option<Range<usize>> {
        self.destination.range(self.whole, || self.wide(1))
    }

    /// Plain text of the label (emphasis and code markers dropped; alt text for images;
    /// empty for definitions and HTML). `page_text` is the text of the link's page.
    pub fn label<'a>(&'a self, page_text: &'a str) -> &'a str {
        if let Some(label) = self.parsed.as_ref().and_then(|p| p.label.as_deref()) {
            return label;
        }
        self.plain_label
            .range(self.whole, || self.wide(2))
            .or_else(|| self.label_range())
            .and_then(|r| page_text.get(r))
            .unwrap_or_default()
    }

    /// The destination as the parser understood it (escapes resolved, `<>` removed).
    pub fn destination<'a>(&'a self, page_text: &'a str) -> &'a str {
        match self.parsed.as_ref().and_then(|p| p.destination.as_deref()) {
            Some(destination) => destination,
            None => self
                .destination_range()
                .and_then(|r| page_text.get(r))
                .unwrap_or_default(),
        }
    }

    /// Whether the rules that check destinations look at this link. A reference use is
    /// checked at its definition; an autolink is always a URL.
    pub fn has_checked_destination(&self) -> bool {
        !matches!(
            self.kind,
            LinkKind::ReferenceUse { defined: true } | LinkKind::Autolink
        )
    }

    /// The written destination split into its path part and its fragment (after `#`), as
    /// source ranges; `None` when the destination could not be located exactly.
    pub fn written_parts(&self, text: &str) -> Option<(Range<usize>, Option<Range<usize>>)> {
        let range = self.destination_range()?;
        let written = text.get(range.clone())?;
        let path_end = written.find(['?', '#']).unwrap_or(written.len());
        let fragment = written
            .find('#')
            .map(|hash| range.start + hash + 1..range.end);
        Some((range.start..range.start + path_end, fragment))
    }
}

pub(super) fn add_link<'a>(
    source: &Source,
    node: &'a AstNode<'a>,
    url: &str,
    is_image: bool,
    facts: &mut PageFacts,
) {
    let range = node_range(source, node);
    let written = &source.text()[range.clone()];
    let opener = if is_image { "![" } else { "[" };
    let label_range = match (node.first_child(), node.last_child()) {
        (Some(first), Some(last)) => {
            // Never reversed: comrak may place the children one line early after a link
            // destination that wraps a line (fuzz/regressions/README.md).
            let start = node_range(source, first).start;
            Some(start..node_range(source, last).end.max(start))
        }
        _ => Some(range.start + opener.len()..range.start + opener.len()),
    };
    // `](` right after the label makes an inline link, wherever its destination sits:
    // comrak's end position of a link that spans lines is not to be trusted.
    let is_inline = label_range
        .as_ref()
        .is_some_and(|label| source.text()[label.end..].starts_with("]("));
    let kind = if !written.starts_with(opener) {
        LinkKind::Autolink
    } else if is_inline && is_image {
        LinkKind::Image
    } else if is_inline {
        LinkKind::Inline
    } else {
        LinkKind::ReferenceUse { defined: false }
    };
    let range = match (kind, &label_range) {
        (LinkKind::Inline | LinkKind::Image, Some(label)) => {
            range.start..inline_link_end(source.text(), label.end).unwrap_or(range.end)
        }
        _ => range,
    };
    let destination_range = match kind {
        LinkKind::Inline | LinkKind::Image => label_range
            .as_ref()
            .and_then(|label| inline_destination(source.text(), label.end, range.end)),
        _ => None,
    };
    let label_range = label_range.filter(|_| kind != LinkKind::Autolink);
    let link = with_plain_text(node, |label| {
        Link::new(
            kind,
            source.text(),
            range,
            label_range,
            label,
            destination_range,
            url,
        )
    });
    facts.links.push(link);
}

/// Where `[label](destination "title")` ends (after its `)`), given where the label ends.
fn inline_link_end(text: &str, label_end: usize) -> Option<usize> {
    let rest = text.get(label_end..)?;
    let bytes = rest.as_bytes();
    let mut at = 2; // past `](`
    let (mut depth, mut quote) = (0usize, None::<u8>);
    while at < bytes.len() {
        let byte = bytes[at];
        match quote {
            Some(close) if byte == close => quote = None,
            Some(_) if byte == b'\\' => at += 1,
            Some(_) => {}
            None => match byte {
                b'\\' => at += 1,
                b'"' | b'\'' => quote = Some(byte),
                b'(' => depth += 1,
                b')' if depth == 0 => return Some(label_end + at + 1),
                b')' => depth -= 1,
                _ => {}
            },
        }
        at += 1;
    }
    None
}

/// Locates the destination of `[label](destination "title")` given where the label ends.
fn inline_destination(text: &str, label_end: usize, link_end: usize) -> Option<Range<usize>> {
    let rest = text.get(label_end..link_end)?;
    let after_bracket = rest.find("](")? + 2;
    let bytes = rest.as_bytes();
    let mut start = after_bracket;
    while start < bytes.len() && matches!(bytes[start], b' ' | b'\t' | b'\n' | b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'<') {
        let end = start + 1 + rest[start + 1..].find('>')?;
        return Some(label_end + start + 1..label_end + end);
    }
    let mut depth = 0usize;
    let mut end = start;
    while end < bytes.len() {
        match bytes[end] {
            b'\\' => end += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b' ' | b'\t' | b'\n' | b'\r' => break,
            _ => {}
        }
        end += 1;
    }
    let end = end.min(bytes.len());
    Some(label_end + start..label_end + end)
}

static HTML_LINK_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"#)
        .expect("the HTML link attribute pattern is valid")
});

/// The attribute names `HTML_LINK_ATTRIBUTE` needs, in every case it matches: ASCII
/// letters in either case, and the long s (`ſ`) that Unicode folds to `s`.
static HTML_LINK_NAMES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["href", "src", "ſrc"])
        .expect("two short names make an automaton")
});

/// Adds the `href`/`src` attributes of an HTML fragment; `base` is its offset in the page.
pub(super) fn add_html_links(page_text: &str, html: &str, base: usize, links: &mut Vec<Link>) {
    // An HTML comment hides its links from readers: skip it. Most fragments (`<br>`,
    // `</a>`) name no link attribute at all, and a search for the names costs far less
    // than the pattern's.
    if html.trim_start().starts_with("<!--") || !HTML_LINK_NAMES.is_match(html) {
        return;
    }
    for captures in HTML_LINK_ATTRIBUTE.captures_iter(html) {
        let Some(value) = (1..=3).find_map(|group| captures.get(group)) else {
            continue;
        };
        let whole = captures.get(0).expect("group 0 is the whole match");
        links.push(Link::new(
            LinkKind::Html,
            page_text,
            base + whole.start() + 1..base + whole.end(),
            None,
            "",
            Some(base + value.start()..base + value.end()),
            &value.as_str().replace("&amp;", "&"),
        ));
    }
}

/// `[label]:` opening `line` after up to three spaces: the label's range and where what
/// follows `]:` and its spaces and tabs starts. A label is one character or more, none an
/// unescaped `]`; a backslash escapes the character after it. Read by hand where a regex
/// with captures cost a hundred instructions a byte: every page's definition lines go
/// through here (the tests hold it to the patterns it replaces).
fn definition_label(line: &str) -> Option<(Range<usize>, usize)> {
    let bytes = line.as_bytes();
    let indent = bytes.iter().take_while(|&&b| b == b' ').count();
    if indent > 3 || bytes.get(indent) != Some(&b'[') {
        return None;
    }
    let start = indent + 1;
    let mut at = start;
    loop {
        match bytes.get(at)? {
            b']' => break,
            b'\n' => return None,
            b'\\' => {
                let escaped = line[at + 1..].chars().next().filter(|&c| c != '\n')?;
                at += 1 + escaped.len_utf8();
            }
            // A byte of a character outside ASCII is none of the bytes above.
            _ => at += 1,
        }
    }
    if at == start || bytes.get(at + 1) != Some(&b':') {
        return None;
    }
    let mut after = at + 2;
    while matches!(bytes.get(after), Some(b' ' | b'\t')) {
        after += 1;
    }
    Some((start..at, after))
}

/// True when `line` is `[label]:` alone: its destination stands on the next line.
fn is_open_definition(line: &str) -> bool {
    definition_label(line).is_some_and(|(_, after)| after == line.len())
}

/// The destination written from `from` on: `<...>` up to the first `>`, or a run of
/// characters without whitespace that does not open with `<`.
fn definition_destination(line: &str, from: usize) -> Option<Range<usize>> {
    let rest = &line[from..];
    if rest.starts_with('<') {
        let close = rest.find(['>', '\n'])?;
        return (rest.as_bytes()[close] == b'>').then_some(from..from + close + 1);
    }
    let length = rest.find(char::is_whitespace).unwrap_or(rest.len());
    (length > 0).then_some(from..from + length)
}

/// Adds reference definitions (`[ref]: destination`) and marks the uses they define.
///
/// comrak consumes definitions without leaving a node, so they are found on the source
/// lines, skipping code and HTML blocks and lines that the parser kept as text (there a
/// `[x]: y` is prose, not a definition).
pub(super) fn add_reference_definitions(
    source: &Source,
    links: &mut Vec<Link>,
    text_ranges: &[Range<usize>],
    block_ranges: &[Range<usize>],
) {
    let text = source.text();
    // Built on the first line that may hold a definition: most pages have none.
    let mut covered: Option<(Covered, Covered)> = None;
    let mut definitions = Vec::new();
    for line in bracket_lines(source) {
        let line_range = source.line_range(line);
        let line_text = &text[line_range.clone()];
        // Both patterns need `]:` on the line; a line of badges (`[![x](y)](z)`) has none,
        // and the patterns' captures cost far more than this look.
        if memchr::memmem::find(line_text.as_bytes(), b"]:").is_none() {
            continue;
        }
        // A destination may stand on the next line: `[ref]:` then `  Page.md`. The two
        // lines are read as one, joined by a space; `at` maps an offset in them back.
        let first_len = line_text.len();
        let mut next_start = line_range.start;
        let joined;
        let next_line = (line < source.line_count()).then(|| source.line_range(line + 1));
        let line_text = match next_line {
            Some(next) if is_open_definition(line_text) => {
                let content = text[next.clone()].trim_start();
                next_start = next.end - content.len();
                joined = format!("{line_text} {content}");
                joined.as_str()
            }
            _ => line_text,
        };
        let at = |offset: usize| {
            if offset <= first_len {
                line_range.start + offset
            } else {
                next_start + offset - first_len - 1
            }
        };
        let Some((label, after)) = definition_label(line_text) else {
            continue;
        };
        let Some(written) = definition_destination(line_text, after) else {
            continue;
        };
        let label_text = &line_text[label.clone()];
        let bracket = at(label.start) - 1;
        let (blocks, texts) =
            covered.get_or_insert_with(|| (Covered::new(block_ranges), Covered::new(text_ranges)));
        if label_text.starts_with('^')
            || blocks.contains(bracket)
            || texts.contains(bracket)
            || texts.contains(at(label.start))
        {
            continue;
        }
        let mut dest = at(written.start)..at(written.end);
        if line_text[written.clone()].starts_with('<') {
            dest = dest.start + 1..dest.end - 1;
        }
        let destination = text[dest.clone()].replace('\\', "");
        definitions.push(Link::new(
            LinkKind::Definition,
            text,
            bracket..at(written.end),
            Some(at(label.start)..at(label.end)),
            label_text,
            Some(dest),
            &destination,
        ));
    }
    if definitions.is_empty() {
        return;
    }
    let defined: FxHashSet<&str> = definitions.iter().map(|d| d.destination(text)).collect();
    for link in links.iter_mut() {
        if let LinkKind::ReferenceUse { .. } = link.kind {
            let defined = defined.contains(link.destination(text));
            link.kind = LinkKind::ReferenceUse { defined };
        }
    }
    links.extend(definitions);
    links.sort_by_key(|link| link.range().start);
}

/// The 1-based lines that open with up to three spaces and a `[`: the only lines a
/// definition can stand on. Found by looking for `[` and then back at its line's start in
/// the page's line index: most lines of a page hold none.
fn bracket_lines(source: &Source) -> impl Iterator<Item = usize> + '_ {
    let bytes = source.text().as_bytes();
    let body_start = source.body_start();
    memchr::memchr_iter(b'[', &bytes[body_start..]).filter_map(move |at| {
        let bracket = body_start + at;
        let indent = bytes[body_start..bracket]
            .iter()
            .rev()
            .take_while(|&&b| b == b' ')
            .count();
        if indent > 3 {
            return None;
        }
        let line = source.line_of(bracket - indent);
        (source.line_start(line) == bracket - indent).then_some(line)
    })
}

/// Byte ranges answering "does one of them hold this offset?" in logarithmic time, a
/// page's thousands of text runs times its definitions being too many to compare. An
/// empty range holds its start. The ranges may overlap and come in any order.
struct Covered {
    /// `(start, end)` sorted by start.
    ranges: Vec<(usize, usize)>,
    /// The largest end among `ranges[..=i]`.
    reach: Vec<usize>,
}

impl Covered {
    fn new(ranges: &[Range<usize>]) -> Self {
        let mut sorted: Vec<(usize, usize)> = ranges
            .iter()
            .map(|r| (r.start, r.end.max(r.start + 1)))
            .collect();
        sorted.sort_unstable();
        let reach = sorted
            .iter()
            .scan(0, |furthest, &(_, end)| {
                *furthest = end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Covered {
            ranges: sorted,
            reach,
        }
    }

    fn contains(&self, offset: usize) -> bool {
        let started = self.ranges.partition_point(|&(start, _)| start <= offset);
        started > 0 && offset < self.reach[started - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{extract, ExtractOptions};

    #[test]
    fn covered_ranges_answer_like_a_scan_of_every_range() {
        let ranges = [5..9, 0..2, 6..20, 30..30, 22..25];
        let covered = Covered::new(&ranges);
        for offset in 0..40 {
            let scanned = ranges
                .iter()
                .any(|r| r.start <= offset && offset < r.end.max(r.start + 1));
            assert_eq!(covered.contains(offset), scanned, "offset {offset}");
        }
    }

    fn links_of(markdown: &str) -> (Source, Vec<Link>) {
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        (source, facts.links)
    }

    fn written(source: &Source, range: &Option<Range<usize>>) -> String {
        source.text()[range.clone().unwrap()].to_string()
    }

    #[test]
    fn inline_links_and_images_have_exact_destinations() {
        let (source, links) = links_of(
            "See [**Software** Engineer](Software-Engineer.md#se1 \"t\") and ![alt](img/a.png).\n\n[](<with space.md>) [p](a_(b).md)\n",
        );
        assert_eq!(links.len(), 4);
        assert_eq!(links[0].kind, LinkKind::Inline);
        assert_eq!(links[0].label(source.text()), "Software Engineer");
        assert_eq!(
            written(&source, &links[0].destination_range()),
            "Software-Engineer.md#se1"
        );
        assert_eq!(
            written(&source, &links[0].label_range()),
            "**Software** Engineer"
        );
        assert_eq!(links[1].kind, LinkKind::Image);
        assert_eq!(written(&source, &links[1].destination_range()), "img/a.png");
        assert_eq!(
            written(&source, &links[2].destination_range()),
            "with space.md"
        );
        assert_eq!(links[2].destination(source.text()), "with space.md");
        assert_eq!(written(&source, &links[3].destination_range()), "a_(b).md");
    }

    #[test]
    fn a_link_longer_than_its_compact_ranges_allow_keeps_its_ranges() {
        // The label runs past 65,535 bytes: the destination's offset from the link's
        // start does not fit the compact form.
        let label = format!("**{}**", "word ".repeat(14_000).trim_end());
        let markdown = format!("See [{label}](Far-Page.md#top) and [near](Near.md).\n");
        let (source, links) = links_of(&markdown);
        assert_eq!(links.len(), 2);
        assert_eq!(written(&source, &links[0].label_range()), label);
        assert_eq!(
            written(&source, &links[0].destination_range()),
            "Far-Page.md#top"
        );
        assert_eq!(links[0].label(source.text()), label.trim_matches('*'));
        assert_eq!(links[0].destination(source.text()), "Far-Page.md#top");
        assert_eq!(written(&source, &links[1].destination_range()), "Near.md");
        assert_eq!(links[1].label(source.text()), "near");
    }

    #[test]
    fn label_ranges_are_never_reversed_after_a_wrapped_destination() {
        let crash = include_bytes!(
            "../../fuzz/regressions/facts/link-label-reversed-after-wrapped-destination-fuzzer-input"
        );
        let (source, links) = links_of(std::str::from_utf8(crash).unwrap());
        for link in &links {
            for range in [
                Some(link.range()),
                link.label_range(),
                link.destination_range(),
            ]
            .into_iter()
            .flatten()
            {
                assert!(range.start <= range.end, "{range:?} is reversed");
                assert!(source.text().get(range).is_some());
            }
        }
    }

    #[test]
    fn reference_links_are_checked_at_their_definition() {
        let (source, links) =
            links_of("Read [the guide][g] and [g].\n\n[g]: <Guide.md#top>\n[^1]: a footnote\n");
        let kinds: Vec<_> = links.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LinkKind::ReferenceUse { defined: true },
                LinkKind::ReferenceUse { defined: true },
                LinkKind::Definition
            ]
        );
        assert_eq!(links[2].destination(source.text()), "Guide.md#top");
        assert_eq!(
            written(&source, &links[2].destination_range()),
            "Guide.md#top"
        );
    }

    #[test]
    fn definitions_are_found_after_every_line_ending_and_up_to_three_spaces_in() {
        let defined = |markdown: &str| {
            let (source, links) = links_of(markdown);
            links
                .iter()
                .filter(|l| l.kind == LinkKind::Definition)
                .map(|l| written(&source, &l.destination_range()))
                .collect::<Vec<_>>()
        };
        for ending in ["\n", "\r\n", "\r"] {
            let markdown = [
                "Text [a] [b] [c] [d].",
                "",
                "[a]: A.md",
                "   [b]: B.md",
                "    [c]: C.md",
                "[d]:",
                "  D.md",
                "",
            ]
            .join(ending);
            assert_eq!(defined(&markdown), ["A.md", "B.md", "D.md"], "{ending:?}");
        }
        // After a byte order mark, on the first line; a destination on the last line.
        assert_eq!(defined("\u{FEFF}[a]: A.md\n\nSee [a].\n"), ["A.md"]);
        assert_eq!(defined("See [a].\n\n[a]:\nA.md"), ["A.md"]);
    }

    #[test]
    fn definition_lookalikes_in_prose_and_code_are_not_definitions() {
        let (_, links) = links_of("Some text\n[Note]: not a definition\n\n```\n[x]: y.md\n```\n");
        assert!(links.is_empty(), "{links:?}");
    }

    #[test]
    fn html_href_and_src_are_links_but_comments_are_not() {
        let (source, links) = links_of(
            "<p><a href=\"Page.md#a\">x</a> <img src='i.png'></p>\n\nText <a href=Other.md>y</a>\n\n<!-- <a href=\"Gone.md\"> -->\n",
        );
        let destinations: Vec<_> = links.iter().map(|l| l.destination(source.text())).collect();
        assert_eq!(destinations, ["Page.md#a", "i.png", "Other.md"]);
        assert_eq!(written(&source, &links[2].destination_range()), "Other.md");
    }

    #[test]
    fn autolinks_are_marked() {
        let (_, links) = links_of("Visit <https://example.com> or www.example.org today.\n");
        assert!(links.iter().all(|l| l.kind == LinkKind::Autolink));
        assert_eq!(links.len(), 2);
    }

    /// The patterns the hand-written definition reading replaced.
    static DEFINITION_OPEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"^ {0,3}\[((?:[^\]\\\n]|\\.)+)\]:[ \t]*$"#).unwrap());
    static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^ {0,3}\[((?:[^\]\\\n]|\\.)+)\]:[ \t]*(<[^>\n]*>|[^\s<][^\s]*)"#).unwrap()
    });

    #[test]
    fn definition_lines_at_the_edges_are_read_as_the_patterns_read_them() {
        for line in [
            "[a]: x",
            "   [a]: x",
            "    [a]: x",
            "[a\\\n]:a",
            "[\\]]: x",
            "[a\\]: x",
            "[]: x",
            "[a]:<b",
            "[a]: <b>c",
            "[a]: <b\n>",
            "[a]:\u{a0}x",
            "[a]:\tx y",
            "[é\\é]: x",
            "[a]:",
            "[a]: \t",
        ] {
            let read = definition_label(line).and_then(|(label, after)| {
                definition_destination(line, after).map(|dest| (label, dest))
            });
            let matched = DEFINITION.captures(line).map(|c| {
                let (label, dest) = (c.get(1).unwrap(), c.get(2).unwrap());
                (label.start()..label.end(), dest.start()..dest.end())
            });
            assert_eq!(read, matched, "{line:?}");
            assert_eq!(
                is_open_definition(line),
                DEFINITION_OPEN.is_match(line),
                "{line:?}"
            );
        }
    }

    proptest::proptest! {
        /// Definition lines are read as the patterns read them: label, destination and
        /// whether the line is open, on lines made of the characters that matter to them.
        #[test]
        fn definitions_are_read_as_the_patterns_read_them(
            line in proptest::string::string_regex(r"( {0,4}\[)?[a\]\[\\é^\n]{0,4}(\]:)?[ \t\u{a0}]{0,2}<?[a<>\]\\ \n]{0,4}").expect("a valid pattern"),
        ) {
            let read = definition_label(&line).and_then(|(label, after)| {
                definition_destination(&line, after).map(|dest| (label, dest))
            });
            let matched = DEFINITION.captures(&line).map(|c| {
                let (label, dest) = (c.get(1).unwrap(), c.get(2).unwrap());
                (label.start()..label.end(), dest.start()..dest.end())
            });
            proptest::prop_assert_eq!(read, matched);
            proptest::prop_assert_eq!(is_open_definition(&line), DEFINITION_OPEN.is_match(&line));
        }
    }

    #[test]
    fn every_spelling_the_link_pattern_takes_passes_the_names_search() {
        for html in [
            "<a href=x>",
            "<a HREF='x'>",
            "<img Src=\"x\">",
            "<img ſrc=x>",
            "<img ſRC=x>",
        ] {
            assert!(HTML_LINK_ATTRIBUTE.is_match(html), "{html}");
            assert!(HTML_LINK_NAMES.is_match(html), "{html}");
        }
        assert!(!HTML_LINK_NAMES.is_match("<br>"));
    }

    proptest::proptest! {
        /// A fragment the names' search turns away is one the pattern finds no link in.
        #[test]
        fn fragments_without_a_link_name_hold_no_link_attribute(
            html in proptest::string::string_regex("<a[ \t]?[hHrReEfFsSſcC=\"x ]{0,10}>").expect("a valid pattern"),
        ) {
            if !HTML_LINK_NAMES.is_match(&html) {
                proptest::prop_assert!(!HTML_LINK_ATTRIBUTE.is_match(&html), "{:?}", html);
            }
        }
    }
}
