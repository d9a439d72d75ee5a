//! Properties of the fix engine on mutated copies of the example handbook: fixing twice
//! equals fixing once, no fixable finding survives, line endings and BOMs survive, and
//! edits never touch a byte outside their ranges.

mod common;

use std::collections::BTreeMap;
use std::fs;

use proptest::prelude::*;
use roles_lint::diagnostic::Fix;
use roles_lint::fix::{apply, fix_handbook};
use roles_lint::source::Source;
use roles_lint::Options;

/// The example handbook's pages, by path.
fn pages() -> BTreeMap<String, String> {
    let root = common::fixture("handbook");
    fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name()?.to_str()?.to_string();
            name.ends_with(".md")
                .then(|| (name, fs::read_to_string(&path).unwrap()))
        })
        .collect()
}

/// A change a person might make by mistake.
#[derive(Debug, Clone)]
enum Mutation {
    /// Drop a character from the n-th link destination's file name.
    MisspellLink(usize, usize),
    /// Paste the n-th nav line again further down.
    DuplicateNavLine(usize),
    /// Delete the n-th nav line.
    DeleteNavLine(usize),
    /// Relabel the n-th nav entry.
    RelabelNav(usize),
    /// Misspell the n-th fragment.
    MisspellFragment(usize),
    CrlfLineEndings,
    Bom,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..200usize, 0..20usize).prop_map(|(n, k)| Mutation::MisspellLink(n, k)),
        (0..10usize).prop_map(Mutation::DuplicateNavLine),
        (0..10usize).prop_map(Mutation::DeleteNavLine),
        (0..10usize).prop_map(Mutation::RelabelNav),
        (0..40usize).prop_map(Mutation::MisspellFragment),
        Just(Mutation::CrlfLineEndings),
        Just(Mutation::Bom),
    ]
}

fn nav_lines(text: &str) -> Vec<(usize, usize)> {
    let start = text.find("# Other Pages\n").map_or(text.len(), |i| i + 14);
    let mut lines = Vec::new();
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.starts_with("* [") {
            lines.push((offset, offset + line.len()));
        }
        offset += line.len();
    }
    lines
}

fn mutate(text: &str, mutation: &Mutation) -> String {
    let mut text = text.to_string();
    match *mutation {
        Mutation::MisspellLink(n, k) => {
            // Only destinations that are plain page names can be misspelt usefully.
            let name_end = |start: usize| start + text[start..].find([')', '#', ' ']).unwrap_or(0);
            let starts: Vec<usize> = text
                .match_indices("](")
                .map(|(i, _)| i + 2)
                .filter(|&start| {
                    let name = &text[start..name_end(start)];
                    name.ends_with(".md") && name.len() > 8 && !name.contains('/')
                })
                .collect();
            if let Some(&start) = starts.get(n % starts.len().max(1)) {
                let end = name_end(start);
                let name = &text[start..end];
                {
                    let at = start + k % (name.len() - 3);
                    if text.is_char_boundary(at) && text.is_char_boundary(at + 1) {
                        text.remove(at);
                    }
                }
            }
        }
        Mutation::DuplicateNavLine(n) => {
            let lines = nav_lines(&text);
            if let (Some(&(a, b)), Some(&(_, end))) =
                (lines.get(n % lines.len().max(1)), lines.last())
            {
                let line = text[a..b].to_string();
                text.insert_str(end, &line);
            }
        }
        Mutation::DeleteNavLine(n) => {
            let lines = nav_lines(&text);
            if let Some(&(a, b)) = lines.get(1 + n % lines.len().max(2).saturating_sub(1)) {
                text.replace_range(a..b, "");
            }
        }
        Mutation::RelabelNav(n) => {
            let lines = nav_lines(&text);
            if let Some(&(a, _)) = lines.get(1 + n % lines.len().max(2).saturating_sub(1)) {
                text.insert_str(a + 5, "Old ");
            }
        }
        Mutation::MisspellFragment(n) => {
            let hashes: Vec<usize> = text.match_indices(".md#").map(|(i, _)| i + 4).collect();
            if let Some(&at) = hashes.get(n % hashes.len().max(1)) {
                let end = at + text[at..].find(')').unwrap_or(0);
                if end > at + 7 {
                    text.remove(end - 2);
                }
            }
        }
        Mutation::CrlfLineEndings => text = text.replace('\n', "\r\n"),
        Mutation::Bom => text.insert(0, '\u{feff}'),
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn fixing_settles_keeps_line_endings_and_is_idempotent(
        mutations in proptest::collection::vec((0..10usize, mutation()), 1..5)
    ) {
        let mut pages = pages();
        let names: Vec<String> = pages.keys().cloned().collect();
        for (page, mutation) in &mutations {
            let name = &names[page % names.len()];
            let mutated = mutate(&pages[name], mutation);
            pages.insert(name.clone(), mutated);
        }
        let list: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let dir = common::handbook(&list);
        let options = Options { paths: vec![dir.path().to_path_buf()], ..Options::default() };

        let once = fix_handbook(&options, None).unwrap();
        prop_assert_eq!(once.report.fixable(), 0, "{:#?}", once.report.diagnostics);
        for (path, change) in &once.changes {
            let crlf = change.original.contains("\r\n");
            if crlf && !change.original.replace("\r\n", "").contains('\n') {
                prop_assert!(!change.fixed.replace("\r\n", "").contains('\n'), "{} lost CRLF", path);
            }
            prop_assert_eq!(
                change.original.starts_with('\u{feff}'),
                change.fixed.starts_with('\u{feff}'),
                "{} BOM", path
            );
        }

        // Fixing the fixed handbook changes nothing.
        let mut again = options.clone();
        again.overrides = once.changes.iter().map(|(p, c)| (p.clone(), c.fixed.clone())).collect();
        let twice = fix_handbook(&again, None).unwrap();
        prop_assert!(twice.changes.is_empty(), "{:#?}", twice.changes.keys().collect::<Vec<_>>());
    }

    #[test]
    fn edits_touch_no_byte_outside_their_ranges(
        text in "[a-z é\\n\\r\u{200b}]{0,60}",
        cuts in proptest::collection::vec((0..64usize, 0..8usize, "[A-Z]{0,3}"), 0..6),
    ) {
        let source = Source::new(text.clone());
        let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let fixes: Vec<Fix> = cuts
            .iter()
            .map(|(at, len, replacement)| {
                let a = boundaries[at % boundaries.len()];
                let b = boundaries[(at % boundaries.len() + len).min(boundaries.len() - 1)];
                Fix::replace("edit", &source, a..b, replacement.clone())
            })
            .collect();
        let refs: Vec<&Fix> = fixes.iter().collect();
        let (fixed, applied) = apply(&text, &refs);
        // Rebuild the expected text from the fixes the engine kept (first come, no overlap).
        let mut kept: Vec<&Fix> = Vec::new();
        for fix in &fixes {
            let e = &fix.edits[0];
            let overlaps = kept.iter().any(|k| {
                let o = &k.edits[0];
                (e.range.start < o.range.end && o.range.start < e.range.end)
                    || ((e.range.is_empty() || o.range.is_empty()) && e.range.start == o.range.start)
            });
            if !overlaps {
                kept.push(fix);
            }
        }
        prop_assert_eq!(applied, kept.len());
        kept.sort_by_key(|f| f.edits[0].range.start);
        let mut expected = String::new();
        let mut at = 0;
        for fix in kept {
            let e = &fix.edits[0];
            expected.push_str(&text[at..e.range.start]);
            expected.push_str(&e.replacement);
            at = e.range.end;
        }
        expected.push_str(&text[at..]);
        prop_assert_eq!(fixed, expected);
    }
}

/// The mutations above must give the engine work, or the properties would hold vacuously.
#[test]
fn each_fixable_mutation_is_fixed_back() {
    let original = pages();
    let page = "Software-Engineer.md";
    for mutation in [
        Mutation::DuplicateNavLine(2),
        Mutation::RelabelNav(3),
        Mutation::MisspellLink(0, 3),
        Mutation::MisspellFragment(0),
    ] {
        let mut pages = original.clone();
        let mutated = mutate(&pages[page], &mutation);
        assert_ne!(mutated, pages[page], "{mutation:?} changed nothing");
        pages.insert(page.to_string(), mutated);
        let list: Vec<(&str, &str)> = pages
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let dir = common::handbook(&list);
        let options = Options {
            paths: vec![dir.path().to_path_buf()],
            ..Options::default()
        };
        let outcome = fix_handbook(&options, None).unwrap();
        assert!(outcome.applied > 0, "{mutation:?} gave nothing to fix");
        assert_eq!(
            outcome.changes[page].fixed, original[page],
            "{mutation:?} was not undone exactly"
        );
    }
}
