//! Everything rules need to know about a page, extracted once from the comrak AST.
//!
//! `extract` parses a page once, walks the tree once and hands each node to the
//! extractor of its concern (headings, links, navs, tables, words). The tree is then
//! dropped: rules only ever see these plain facts, with byte ranges into the page source.

pub mod headings;
pub mod invisible;
pub mod links;
pub mod nav;
pub mod suppressions;
pub mod tables;
pub mod words;

use std::ops::Range;
use std::sync::LazyLock;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{parse_document, Arena, Options};

use crate::source::Source;
pub use headings::{Anchor, Heading};
pub use links::{Link, LinkKind};
pub use nav::{Nav, NavEntry};
pub use suppressions::{Directive, DirectiveKind};
pub use tables::{Cell, Row, Table};
pub use words::{TextRun, Word, WordContext};

/// Headings whose following list is a page's navigation, compared case-insensitively.
pub const DEFAULT_NAV_HEADINGS: &[&str] = &["Other Pages", "Navigation", "Pages"];

/// Settings that change what is extracted.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    pub nav_headings: Vec<String>,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            nav_headings: DEFAULT_NAV_HEADINGS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// The facts of one page. Every range is a byte range into the page's `Source::text()`,
/// end exclusive. Vectors are in document order and may be empty.
#[derive(Debug, Default, Clone)]
pub struct PageFacts {
    /// Index into `headings` of the first level-1 heading.
    pub title: Option<usize>,
    pub headings: Vec<Heading>,
    /// Explicit HTML anchors (`<a name>`, `id=`).
    pub anchors: Vec<Anchor>,
    /// Links, images, reference definitions and HTML `href`/`src`, in document order.
    pub links: Vec<Link>,
    pub navs: Vec<Nav>,
    pub tables: Vec<Table>,
    /// Runs of prose text outside code, URLs and HTML; `words` cuts them into words.
    pub text_runs: Vec<TextRun>,
    /// `<!-- roles-lint-... -->` suppression comments.
    pub suppressions: Vec<Directive>,
    /// `title:` of the page's front matter (`---` ... `---` at its start), unquoted.
    pub front_matter_title: Option<Box<str>>,
    /// False for a page with nothing but front matter and blank lines: no handbook page.
    pub has_content: bool,
}

impl PageFacts {
    /// Facts live as long as the run: give back what the vectors over-allocated.
    fn shrink_to_fit(&mut self) {
        self.headings.shrink_to_fit();
        self.anchors.shrink_to_fit();
        self.links.shrink_to_fit();
        self.navs.shrink_to_fit();
        self.tables.shrink_to_fit();
        self.text_runs.shrink_to_fit();
        self.suppressions.shrink_to_fit();
    }

    /// Prose words outside code, URLs and HTML, in document order.
    pub fn words<'a>(&'a self, page_text: &'a str) -> impl Iterator<Item = Word> + 'a {
        self.text_runs
            .iter()
            .flat_map(move |run| words::words_of(page_text, run))
    }

    /// Prose words that lie wholly inside `range`, in document order, as byte ranges.
    pub fn words_in(&self, page_text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        // Runs are in document order: skip those that end before the range.
        let first = self
            .text_runs
            .partition_point(|run| run.end() <= range.start);
        self.text_runs[first..]
            .iter()
            .take_while(|run| run.start() < range.end)
            .flat_map(|run| words::words_of(page_text, run))
            .map(|word| word.range)
            .filter(|word| range.start <= word.start && word.end <= range.end)
            .collect()
    }

    /// Calls `f` with every prose word, as `words` yields them; faster, for rules that
    /// read every word of every page.
    pub fn for_each_word(&self, page_text: &str, mut f: impl FnMut(Word)) {
        for run in &self.text_runs {
            let range = run.range();
            let Some(text) = page_text.get(range.clone()) else {
                continue;
            };
            let mut at = 0;
            // Most runs are ASCII: their words are cut without decoding a character.
            let ascii = text.is_ascii();
            let next = |at| match ascii {
                true => words::next_ascii_word(text.as_bytes(), at),
                false => words::next_word(text, at),
            };
            while let Some(word) = next(at) {
                at = word.end;
                f(Word {
                    range: range.start + word.start..range.start + word.end,
                    context: run.context(),
                });
            }
        }
    }

    /// The link of a nav entry.
    pub fn nav_link(&self, entry: &NavEntry) -> Option<&Link> {
        entry.link().map(|index| &self.links[index])
    }

    /// The first level-1 heading.
    pub fn title(&self) -> Option<&Heading> {
        self.title.map(|index| &self.headings[index])
    }

    /// The page's title: its first level-1 heading, else its front matter's `title:`.
    pub fn title_text(&self) -> Option<&str> {
        self.title()
            .map(|heading| heading.text())
            .or(self.front_matter_title.as_deref())
    }

    /// True when `fragment` names a heading slug or an explicit anchor of this page.
    /// Compared case-insensitively: browsers and GitHub forgive case in fragments often
    /// enough that reporting it would be a false alarm.
    pub fn has_anchor(&self, fragment: &str) -> bool {
        let wanted = fragment.to_lowercase();
        self.headings.iter().any(|h| *h.slug() == *wanted)
            || self.anchors.iter().any(|a| a.name.to_lowercase() == wanted)
    }

    /// True when links into the page find what they found in `other`: the same headings
    /// (text and slug, in order) and the same explicit anchors. It is all that the rules
    /// checking a link read of the page it reaches (`has_anchor`, `anchor_names`,
    /// `headings`), beside its title and kind; an edit that keeps them changes no finding
    /// of the pages linking it.
    pub fn same_link_targets(&self, other: &PageFacts) -> bool {
        fn heading(h: &Heading) -> (&str, &str) {
            (h.text(), h.slug())
        }
        fn anchor(a: &Anchor) -> &str {
            &a.name
        }
        self.headings
            .iter()
            .map(heading)
            .eq(other.headings.iter().map(heading))
            && self
                .anchors
                .iter()
                .map(anchor)
                .eq(other.anchors.iter().map(anchor))
    }

    /// Every anchor name of the page: heading slugs, then explicit anchors.
    pub fn anchor_names(&self) -> impl Iterator<Item = &str> {
        self.headings
            .iter()
            .map(|h| h.slug())
            .chain(self.anchors.iter().map(|a| &*a.name))
    }
}

/// comrak options: GitHub Flavored Markdown, as GitHub renders a handbook.
fn parser_options(footnotes: bool) -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = footnotes;
    // Site generators put YAML front matter at the top of pages: it is metadata, not a
    // thematic break followed by prose.
    options.extension.front_matter_delimiter = Some("---".to_string());
    options
}

static WITH_FOOTNOTES: LazyLock<Options<'static>> = LazyLock::new(|| parser_options(true));
static WITHOUT_FOOTNOTES: LazyLock<Options<'static>> = LazyLock::new(|| parser_options(false));

/// The options for a page: without footnotes when it cannot hold one, which spares the
/// parser two walks over the whole tree and a test on every line. A footnote needs a `^`
/// after a `[`, and text holds a `^` only where the source writes one, escaped or not,
/// or as a character reference (`&#94;`, `&#x5E;`, `&Hat;`): a page with none of these
/// parses alike either way (a unit test compares the facts).
fn options_for(body: &str) -> &'static Options<'static> {
    let bytes = body.as_bytes();
    let may_hold_footnote = memchr::memchr(b'^', bytes).is_some()
        || memchr::memmem::find(bytes, b"&#").is_some()
        || memchr::memmem::find(bytes, b"&Hat;").is_some();
    if may_hold_footnote {
        &WITH_FOOTNOTES
    } else {
        &WITHOUT_FOOTNOTES
    }
}

/// Parses `source` once and extracts its facts.
pub fn extract(source: &Source, options: &ExtractOptions) -> PageFacts {
    extract_with(source, options, options_for(source.body()))
}

/// `extract` with the parser's options given.
fn extract_with(source: &Source, options: &ExtractOptions, parser: &Options) -> PageFacts {
    let arena = Arena::new();
    let root = parse_document(&arena, source.body(), parser);
    let mut walker = Walker {
        source,
        options,
        facts: PageFacts::default(),
        slugs: headings::Slugs::default(),
        text_ranges: Vec::new(),
        block_ranges: Vec::new(),
    };
    for node in root.descendants() {
        walker.visit(node);
    }
    let Walker {
        mut facts,
        text_ranges,
        block_ranges,
        ..
    } = walker;
    links::add_reference_definitions(source, &mut facts.links, &text_ranges, &block_ranges);
    nav::link_entries(&mut facts);
    facts.shrink_to_fit();
    facts
}

/// The state of the single walk over a page's tree.
struct Walker<'s> {
    source: &'s Source,
    options: &'s ExtractOptions,
    facts: PageFacts,
    slugs: headings::Slugs,
    /// Ranges of text nodes: a `[x]: y` line inside them is prose, not a definition.
    text_ranges: Vec<Range<usize>>,
    /// Ranges of code and HTML blocks, where nothing is a reference definition.
    block_ranges: Vec<Range<usize>>,
}

impl<'s> Walker<'s> {
    fn visit<'a>(&mut self, node: &'a AstNode<'a>) {
        // Shared borrows only: extractors may borrow the same node's data again.
        if node.parent().is_some_and(|p| p.parent().is_none())
            && !matches!(node.data().value, NodeValue::FrontMatter(_))
        {
            self.facts.has_content = true;
        }
        match &node.data().value {
            NodeValue::FrontMatter(text) => {
                self.facts.front_matter_title = front_matter_title(text);
            }
            NodeValue::Heading(heading) => {
                let range = node_range(self.source, node);
                with_plain_text(node, |text| {
                    let slug = self.slugs.slug(text);
                    headings::add_heading(&mut self.facts, heading.level, text, &slug, range);
                });
                if let Some(nav) = nav::nav_after_heading(self.source, node, self.options) {
                    self.facts.navs.push(nav);
                }
            }
            NodeValue::Link(link) | NodeValue::Image(link) => {
                let is_image = matches!(&node.data().value, NodeValue::Image(_));
                links::add_link(self.source, node, &link.url, is_image, &mut self.facts);
            }
            NodeValue::HtmlInline(_) | NodeValue::HtmlBlock(_) => {
                let range = node_range(self.source, node);
                if matches!(node.data().value, NodeValue::HtmlBlock(_)) {
                    self.block_ranges.push(range.clone());
                }
                let html = &self.source.text()[range.clone()];
                links::add_html_links(self.source.text(), html, range.start, &mut self.facts.links);
                headings::add_html_anchors(html, range.start, &mut self.facts.anchors);
                suppressions::add_directives(html, range.start, &mut self.facts.suppressions);
            }
            NodeValue::CodeBlock(_) => self.block_ranges.push(node_range(self.source, node)),
            NodeValue::Table(_) => {
                if let Some(table) = tables::table_of(self.source, node) {
                    self.facts.tables.push(table);
                }
            }
            NodeValue::Text(literal) => {
                let after = self.text_ranges.last().map_or(0, |previous| previous.end);
                let range = text_range(self.source, node, literal, after);
                self.text_ranges.push(range.clone());
                if let Some(context) = words::context_of(node) {
                    self.facts.text_runs.push(TextRun::new(range, context));
                }
            }
            _ => {}
        }
    }
}

/// The `title:` key of YAML front matter, unquoted; `None` when absent or empty.
fn front_matter_title(front_matter: &str) -> Option<Box<str>> {
    front_matter.lines().find_map(|line| {
        let value = line.strip_prefix("title:")?.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value)
            .trim();
        (!value.is_empty()).then(|| value.into())
    })
}

/// The byte range of a text node. comrak places the inlines that follow a link whose
/// destination holds a line break (`[b](\n)`) one line early (found by fuzzing): where
/// the source there is not the node's text, the text is looked for after the node before
/// it, within its parent. Text that differs from its source anyway (escapes, entities)
/// keeps comrak's range. Text nodes come in document order: a range that starts before
/// `after`, where the previous text node ended, is shifted too, even when the source
/// there happens to read the same (`[](\n)\n.\n.`: the second `.` is placed on the first).
fn text_range<'a>(
    source: &Source,
    node: &'a AstNode<'a>,
    literal: &str,
    after: usize,
) -> Range<usize> {
    let range = node_range(source, node);
    let text = source.text();
    let in_order = range.start >= after;
    if literal.is_empty() || (in_order && text.get(range.clone()) == Some(literal)) {
        return range;
    }
    // The block holding the text (a paragraph, a heading, a cell): inline ancestors such as
    // emphasis are shifted too.
    let Some(block) = node.ancestors().skip(1).find(|a| a.data().value.block()) else {
        return range;
    };
    let within = node_range(source, block);
    // The nearest node before it, at its level or an inline ancestor's.
    let from = node
        .ancestors()
        .take_while(|a| !std::ptr::eq(*a, block))
        .find_map(|a| a.previous_sibling())
        .map_or(within.start, |previous| node_range(source, previous).start)
        .max(within.start)
        .max(after.min(within.end));
    let found = text
        .get(from..within.end)
        .and_then(|region| region.find(literal))
        .map(|at| from + at..from + at + literal.len());
    found.unwrap_or(range)
}

/// Calls `f` with the plain text of `node`, as comrak's `collect_text` gives it. Most
/// headings and links hold one text node, whose literal is that text: it is not copied.
pub(crate) fn with_plain_text<'a, R>(node: &'a AstNode<'a>, f: impl FnOnce(&str) -> R) -> R {
    let only_child = node
        .first_child()
        .filter(|child| child.next_sibling().is_none());
    if let Some(child) = only_child {
        if let NodeValue::Text(literal) = &child.data().value {
            return f(literal);
        }
    }
    f(&node.collect_text())
}

/// The byte range of a node in the page source, end exclusive.
///
/// comrak's positions are exact except after an escaped pipe `\|` in a table cell:
/// every later inline node in that cell is reported one byte to the left per `\|`
/// (measured, see the dependency notes). That shift is undone here, so every
/// extractor gets true ranges.
pub(crate) fn node_range<'a>(source: &Source, node: &'a AstNode<'a>) -> Range<usize> {
    let pos = node.data().sourcepos;
    let mut start = source.offset_of_parser_position(pos.start.line, pos.start.column);
    let mut end = source.offset_of_parser_position(pos.end.line, pos.end.column + 1);
    // Looking for the cell walks up the tree: done only where a shift can be.
    let cell_start = source
        .has_escaped_pipe()
        .then(|| enclosing_cell_start(source, node))
        .flatten();
    if let Some(cell_start) = cell_start {
        start = unshift_escaped_pipes(source.text(), cell_start, start);
        end = unshift_escaped_pipes(source.text(), cell_start, end);
    }
    let end = source.floor_char_boundary(end.max(start));
    start..end
}

/// Start of the table cell holding an inline node, if any.
fn enclosing_cell_start<'a>(source: &Source, node: &'a AstNode<'a>) -> Option<usize> {
    if matches!(
        node.data().value,
        NodeValue::TableCell | NodeValue::TableRow(_)
    ) {
        return None;
    }
    let cell = node
        .ancestors()
        .skip(1)
        .find(|a| matches!(a.data().value, NodeValue::TableCell))?;
    let pos = cell.data().sourcepos;
    Some(source.offset_of_parser_position(pos.start.line, pos.start.column))
}

/// Moves `offset` right by the number of `\|` between the cell start and the corrected offset.
fn unshift_escaped_pipes(text: &str, cell_start: usize, offset: usize) -> usize {
    let mut shift = 0;
    loop {
        let corrected = (offset + shift).min(text.len());
        let Some(between) = text.get(cell_start.min(corrected)..corrected) else {
            return offset;
        };
        let pipes = between.matches("\\|").count();
        if pipes == shift || corrected == text.len() {
            return corrected;
        }
        shift = pipes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_after_a_wrapped_link_destination_is_placed_in_order() {
        // comrak places each `.` one line early: the second where the first is.
        let source = Source::new("[](\n)\n.\n.".to_string());
        let facts = extract(&source, &ExtractOptions::default());
        let runs: Vec<_> = facts.text_runs.iter().map(|run| run.range()).collect();
        assert_eq!(runs, [6..7, 8..9]);
    }

    fn facts(text: &str) -> (Source, PageFacts) {
        let source = Source::new(text.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        (source, facts)
    }

    #[test]
    fn link_ranges_are_exact_after_escaped_pipes_in_a_cell() {
        let (source, facts) = facts("| a | b |\n| - | - |\n| x \\| y \\| z [L](l.md) | q |\n");
        let link = &facts.links[0];
        assert_eq!(&source.text()[link.range()], "[L](l.md)");
        let dest = link.destination_range().unwrap();
        assert_eq!(&source.text()[dest], "l.md");
    }

    #[test]
    fn ranges_are_exact_after_a_bom() {
        let (source, facts) = facts("\u{feff}# Title\n\n[x](a.md)\n");
        assert_eq!(facts.title().unwrap().text(), "Title");
        assert_eq!(&source.text()[facts.links[0].range()], "[x](a.md)");
    }

    #[test]
    fn front_matter_is_metadata_with_a_title() {
        let (source, page) =
            facts("---\ntitle: \"Platform Engineer\"\nweight: 2\n---\n\nSee [x](a.md).\n");
        assert_eq!(page.title_text(), Some("Platform Engineer"));
        assert!(page.headings.is_empty(), "{:?}", page.headings);
        assert!(page.has_content);
        assert_eq!(&source.text()[page.links[0].range()], "[x](a.md)");
        let (_, only_front_matter) = facts("---\ntitle: Roles\n---\n\n");
        assert_eq!(only_front_matter.title_text(), Some("Roles"));
        assert!(!only_front_matter.has_content);
        let (_, heading) = facts("# Heading\n");
        assert_eq!(heading.title_text(), Some("Heading"));
        assert!(heading.has_content);
        assert!(!facts("").1.has_content);
    }

    #[test]
    fn text_after_a_link_whose_destination_wraps_is_placed_where_it_is() {
        let (source, page) = facts("a [b](\n) c\nwords here\n");
        let runs: Vec<&str> = page
            .text_runs
            .iter()
            .map(|run| &source.text()[run.range()])
            .collect();
        assert!(runs.contains(&"words here"), "{runs:?}");
        assert!(runs.contains(&" c"), "{runs:?}");
        let starts: Vec<u32> = page
            .text_runs
            .iter()
            .map(|run| run.start() as u32)
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        // Inside emphasis too.
        let (source, page) = facts("a [b](\n) c\nsee **bold** here\n");
        let runs: Vec<&str> = page
            .text_runs
            .iter()
            .map(|run| &source.text()[run.range()])
            .collect();
        assert!(runs.contains(&"bold"), "{runs:?}");
    }

    #[test]
    fn the_plain_text_of_every_node_is_comraks() {
        let markdown =
            "# Title\n\n## **Bold** and `code`\n\n[label](a.md) [**b**](b.md) [`c`](c.md) \
            [](d.md) ![alt](i.png) <https://x.org>\n\nline one\nline two  \nthree\n";
        let arena = Arena::new();
        let root = parse_document(&arena, markdown, &WITH_FOOTNOTES);
        for node in root.descendants() {
            assert_eq!(with_plain_text(node, str::to_string), node.collect_text());
        }
    }

    #[test]
    fn pages_that_may_hold_a_footnote_are_parsed_with_footnotes() {
        for text in [
            "[^1]\n\n[^1]: a note\n",
            "[\\^1]",
            "[&#94;1]",
            "[&#x5E;1]",
            "[&Hat;1]",
            "x^2",
        ] {
            assert!(
                std::ptr::eq(options_for(text), &*WITH_FOOTNOTES),
                "{text:?}"
            );
        }
        for text in ["[a]: b.md\n", "Tom &amp; Jerry [x](y.md)"] {
            assert!(
                std::ptr::eq(options_for(text), &*WITHOUT_FOOTNOTES),
                "{text:?}"
            );
        }
        // With footnotes on, a footnote leaves no text run for its marker.
        let (_, with) = facts("A[^1].\n\n[^1]: Note.\n");
        let source = Source::new("A[^1].\n\n[^1]: Note.\n".to_string());
        let without = extract_with(&source, &ExtractOptions::default(), &WITHOUT_FOOTNOTES);
        assert_ne!(format!("{with:?}"), format!("{without:?}"));
    }

    proptest::proptest! {
        /// A page parsed without footnotes has the facts it has with them.
        #[test]
        fn pages_without_a_caret_have_the_same_facts_without_footnotes(
            text in proptest::string::string_regex(r"[\[\]:a1 \n\\&#94;xHt*()!<>|-]{0,40}").expect("a valid pattern"),
        ) {
            if std::ptr::eq(options_for(&text), &*WITHOUT_FOOTNOTES) {
                let source = Source::new(text.clone());
                let options = ExtractOptions::default();
                let with = extract_with(&source, &options, &WITH_FOOTNOTES);
                let without = extract_with(&source, &options, &WITHOUT_FOOTNOTES);
                proptest::prop_assert_eq!(format!("{:?}", with), format!("{:?}", without));
            }
        }
    }
}
