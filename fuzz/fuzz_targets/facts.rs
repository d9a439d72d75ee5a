//! Fact extraction on one page: every byte range in the facts lies within the page's text
//! and on character boundaries, and every index points into its vector. With
//! `ROLES_LINT_FUZZ_RUN_ORDER=1`, text runs are also in document order, not overlapping.
//!
//! The input, when UTF-8, is the page's text.
#![no_main]

use std::ops::Range;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use roles_lint::facts::{self, ExtractOptions};
use roles_lint::source::Source;

/// Whether to check that text runs are in document order and do not overlap (`words_in`
/// relies on it): only with `ROLES_LINT_FUZZ_RUN_ORDER=1`, while text whose source holds
/// a backslash escape can still be placed on the next line's text (see
/// fuzz/regressions/README.md).
static CHECK_RUN_ORDER: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("ROLES_LINT_FUZZ_RUN_ORDER").is_some_and(|v| v == "1"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::new(text.to_string());
    let facts = facts::extract(&source, &ExtractOptions::default());
    let text = source.text();
    let check = |what: &str, range: &Range<usize>| {
        assert!(
            range.start <= range.end && text.get(range.clone()).is_some(),
            "{what}: {range:?} is not a char-boundary range of a {}-byte text",
            text.len()
        );
    };

    if let Some(title) = facts.title {
        assert!(
            title < facts.headings.len(),
            "title index {title} out of range"
        );
        assert_eq!(
            facts.headings[title].level, 1,
            "the title is not a level-1 heading"
        );
    }
    for heading in &facts.headings {
        check("heading", &heading.range());
        // Text and slug share one allocation, split where the slug starts.
        let _ = (heading.text(), heading.slug());
    }
    for anchor in &facts.anchors {
        check("anchor", &anchor.range);
    }
    for link in &facts.links {
        check("link", &link.range());
        if let Some(label) = &link.label_range() {
            check("link label", label);
        }
        if let Some(destination) = &link.destination_range() {
            check("link destination", destination);
        }
        // These slice the text with the ranges above.
        let _ = link.label(text);
        let _ = link.destination(text);
        let _ = link.written_parts(text);
    }
    for nav in &facts.navs {
        check("nav heading", &nav.heading_range);
        check("nav list", &nav.list_range);
        for entry in &nav.entries {
            check("nav entry", &entry.item_range());
            if let Some(link) = entry.link() {
                assert!(
                    link < facts.links.len(),
                    "nav entry link {link} out of range"
                );
            }
        }
    }
    for table in &facts.tables {
        for row in std::iter::once(&table.header).chain(&table.rows) {
            check("table row", &row.source_range);
            assert!(!row.source_cells.is_empty(), "a row with no source cells");
            for cell in row.cells.iter().chain(&row.source_cells) {
                check("table cell", &cell.range);
            }
        }
    }
    let mut previous_end = 0;
    for run in &facts.text_runs {
        check("text run", &run.range());
        assert!(
            !*CHECK_RUN_ORDER || run.start() >= previous_end,
            "text run {:?} starts before the previous one ends ({previous_end})",
            run.range()
        );
        previous_end = run.end();
    }
    for directive in &facts.suppressions {
        check("suppression", &directive.range);
        check("suppression name", &directive.name_range);
        for (_, range) in &directive.rules {
            check("suppressed rule id", range);
        }
    }
    for word in facts.words(text) {
        check("word", &word.range);
    }
    facts.for_each_word(text, |word| check("word", &word.range));
});
