//! Every `fixtures/<rule-id>/<case>/` handbook: its findings are snapshotted, belong to
//! the rule the folder names, and the example handbooks stay clean.

mod common;

use std::fs;

use common::{findings, fixture, lint, repo};
use roles_lint::output;

/// Fixture handbooks that are not `<rule-id>/<case>/`: the clean example, the seed,
/// ordinary English prose (see `tests/vocabulary.rs`), example sites of static-site
/// generators (see `src/site/tests.rs`), handbooks of the link graph (see
/// `tests/link_graph.rs`) and handbooks of real writing (see `tests/role_typo.rs`).
const NOT_RULE_FIXTURES: &[&str] = &[
    "handbook",
    "seed",
    "english-prose",
    "sites",
    "links",
    "prose",
];

/// `(rule id, case name)` of every rule fixture.
fn cases() -> Vec<(String, String)> {
    let mut cases = Vec::new();
    for rule in fs::read_dir(repo().join("fixtures")).unwrap() {
        let rule = rule.unwrap();
        let rule_name = rule.file_name().to_string_lossy().into_owned();
        if NOT_RULE_FIXTURES.contains(&rule_name.as_str()) || !rule.path().is_dir() {
            continue;
        }
        for case in fs::read_dir(rule.path()).unwrap() {
            let case = case.unwrap().file_name().to_string_lossy().into_owned();
            cases.push((rule_name.clone(), case));
        }
    }
    cases.sort();
    cases
}

#[test]
fn rule_fixtures_match_their_snapshots() {
    let cases = cases();
    assert!(cases.len() >= 6, "fixtures are missing: {cases:?}");
    for (rule, case) in cases {
        let report = lint(&[&fixture(&format!("{rule}/{case}"))]);
        assert!(
            !report.diagnostics.is_empty(),
            "{rule}/{case} should hold a problem"
        );
        for (found, path, line) in findings(&report) {
            assert_eq!(
                found, rule,
                "{rule}/{case}: unexpected finding at {path}:{line}"
            );
        }
        insta::assert_snapshot!(
            format!("{rule}__{case}__json"),
            output::json::render(&report)
        );
        insta::assert_snapshot!(
            format!("{rule}__{case}__human"),
            output::human::render(&report, false)
        );
    }
}

#[test]
fn example_handbook_is_clean() {
    let report = lint(&[&fixture("handbook")]);
    assert_eq!(report.files, 10);
    assert_eq!(findings(&report), []);
}

#[test]
fn seed_handbook_defects_are_all_found() {
    // Every link of the seed page resolves; its defects are in its nav, its words and its
    // table. The copies of the example pages around it are clean.
    let report = lint(&[&fixture("seed")]);
    assert_eq!(report.files, 10);
    let seed = "Comparison-Software-Director-Engineering-Director.md";
    let found: Vec<(String, usize)> = findings(&report)
        .into_iter()
        .map(|(rule, path, line)| {
            assert_eq!(path, seed, "only the seed page has defects");
            (rule, line)
        })
        .collect();
    let expected = [
        ("role-typo", 3),
        ("role-typo", 3),
        ("role-typo", 26),
        ("role-typo", 28),
        ("role-typo", 30),
        ("duplicate-nav-entry", 40),
        ("duplicate-nav-entry", 41),
        ("nav-label-mismatch", 43),
        ("role-typo", 43),
        ("role-typo", 44),
    ];
    let expected: Vec<(String, usize)> = expected
        .iter()
        .map(|(rule, line)| (rule.to_string(), *line))
        .collect();
    assert_eq!(found, expected);
    insta::assert_snapshot!("seed__human", {
        let mut text = output::human::render(&report, false);
        text.push_str(&output::summary_line(&report));
        text
    });
}
