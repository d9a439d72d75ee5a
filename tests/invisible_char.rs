//! `invisible-char` end to end: the seed page with zero-width spaces and a bidirectional
//! override pasted in is reported line by line, and its fixes give the seed page back.

mod common;

use std::fs;

use common::{fixture, lint};
use roles_lint::diagnostic::{Diagnostic, Fix};
use roles_lint::Report;

const SEED_PAGE: &str = "Comparison-Software-Director-Engineering-Director.md";

fn of_rule<'a>(report: &'a Report, rule: &'a str) -> Vec<&'a Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// The seed page with invisible characters pasted into prose, a link label, a table cell,
/// and a right-to-left override around a word.
fn seed_with_invisible_chars(seed: &str) -> String {
    let mut lines: Vec<String> = seed.lines().map(str::to_string).collect();
    let mut edit = |line: usize, from: &str, to: &str| {
        let text = &mut lines[line - 1];
        assert!(text.contains(from), "line {line} holds {from:?}");
        *text = text.replacen(from, to, 1);
    };
    edit(5, "the Software Director", "the Soft\u{200B}ware Director");
    edit(7, "non-exhaustive", "\u{202E}non-exhaustive\u{202C}");
    edit(9, "[Software Director]", "[Software\u{200B} Director]");
    edit(11, "Technical Excellence", "Technical\u{200B} Excellence");
    edit(13, "Tech Mentoring", "Tech\u{200B} Mentoring\u{200B}");
    edit(15, "Code Reviews", "Code 👩\u{200D}💻 Reviews");
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

#[test]
fn invisible_chars_pasted_into_the_seed_are_reported_per_line_and_fixed() {
    let seed = fs::read_to_string(fixture("seed").join(SEED_PAGE)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(fixture("seed")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
    }
    let pasted = seed_with_invisible_chars(&seed);
    fs::write(dir.path().join(SEED_PAGE), &pasted).unwrap();

    let report = lint(&[dir.path()]);
    let found = of_rule(&report, "invisible-char");
    let places: Vec<(usize, usize, usize)> = found
        .iter()
        .map(|d| (d.span.start.line, d.span.start.column, d.related.len()))
        .collect();
    // Line 15 holds an emoji sequence, whose joiner is not reported.
    assert_eq!(
        places,
        [(5, 37, 0), (7, 20, 1), (9, 12, 0), (11, 12, 0), (13, 7, 1)]
    );
    assert!(found
        .iter()
        .all(|d| d.path == SEED_PAGE && d.severity == roles_lint::diagnostic::Severity::Error));
    assert_eq!(
        found[0].message,
        "invisible character U+200B ZERO WIDTH SPACE"
    );
    assert!(
        found[1].message.starts_with(
            "2 invisible characters: U+202E RIGHT-TO-LEFT OVERRIDE, U+202C POP DIRECTIONAL FORMATTING; \
             bidirectional controls can make a line display in another order"
        ),
        "{}",
        found[1].message
    );
    assert_eq!(found[1].label, "U+202E");
    assert_eq!(found[1].related[0].label, "U+202C");
    assert_eq!(
        found[4].message,
        "2 invisible characters: U+200B ZERO WIDTH SPACE (2)"
    );

    // The pasted characters cut words in two, but role-typo still finds only the seed's
    // own seven typos.
    assert_eq!(of_rule(&report, "role-typo").len(), 7);

    let fixes: Vec<&Fix> = found.iter().filter_map(|d| d.fix.as_ref()).collect();
    assert_eq!(fixes.len(), 5);
    assert_eq!(
        fixes[1].description,
        "Delete the 2 invisible characters of this line"
    );
    let (fixed, applied) = roles_lint::fix::apply(&pasted, &fixes);
    assert_eq!(applied, 5);
    let with_emoji = seed.replacen("Code Reviews", "Code 👩\u{200D}💻 Reviews", 1);
    assert_eq!(fixed, with_emoji);
}

#[test]
fn every_kind_of_invisible_char_is_found_and_a_second_run_after_the_fix_is_clean() {
    let root = fixture("invisible-char/zero-width");
    let page = "Software-Engineer.md";
    let report = lint(&[&root]);
    let found = of_rule(&report, "invisible-char");
    let chars: Vec<Vec<char>> = found
        .iter()
        .map(|d| {
            d.fix
                .as_ref()
                .unwrap()
                .edits
                .iter()
                .map(|e| {
                    report.sources[page].text()[e.range.clone()]
                        .chars()
                        .next()
                        .unwrap()
                })
                .collect()
        })
        .collect();
    assert_eq!(
        chars,
        [
            vec!['\u{200B}'],
            vec!['\u{00AD}', '\u{2060}'],
            vec!['\u{200B}'],
            vec!['\u{FEFF}'],
        ]
    );
    // README.md starts with a byte order mark: not a finding.
    assert!(found.iter().all(|d| d.path == page));
    assert_eq!(report.diagnostics.len(), found.len(), "no other finding");

    let text = fs::read_to_string(root.join(page)).unwrap();
    let fixes: Vec<&Fix> = found.iter().filter_map(|d| d.fix.as_ref()).collect();
    let (fixed, _) = roles_lint::fix::apply(&text, &fixes);
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root.join("README.md"), dir.path().join("README.md")).unwrap();
    fs::write(dir.path().join(page), &fixed).unwrap();
    let again = lint(&[dir.path()]);
    assert!(again.diagnostics.is_empty(), "{:#?}", again.diagnostics);
    // The emoji sequences keep their joiners.
    assert_eq!(fixed.matches('\u{200D}').count(), 4);
}
