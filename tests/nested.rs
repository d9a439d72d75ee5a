//! A folder with a `roles-lint.toml` of its own below the folder linted is a handbook of
//! its own: its pages are linted with its configuration and its root, and reported with
//! the others, named from the folder linted.

mod common;

use common::{handbook, lint};

/// A repository whose `handbook/` has its own configuration (broken links off), beside
/// other Markdown with the same defect.
fn repository() -> tempfile::TempDir {
    handbook(&[
        (
            "README.md",
            "# Project\n\nSee [the guide](docs/Guide.md).\n",
        ),
        ("docs/Guide.md", "# Guide\n\nA [broken](Gone.md) link.\n"),
        (
            "handbook/roles-lint.toml",
            "[rules]\nbroken-link = \"off\"\n",
        ),
        (
            "handbook/README.md",
            "# Roles\n\n- [Lead](Lead.md)\n- [Gone](Gone.md)\n",
        ),
        // `/Lead.md` resolves from the handbook's root only when the handbook is its own.
        (
            "handbook/Lead.md",
            "# Lead\n\nBack to the [roles](/README.md#roles).\n",
        ),
    ])
}

/// `(rule, path)` of every finding, in order.
fn rules_and_paths(report: &roles_lint::Report) -> Vec<(&str, &str)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.path.as_str()))
        .collect()
}

#[test]
fn each_nested_handbook_is_linted_with_its_own_configuration_and_root() {
    let dir = repository();
    let report = lint(&[dir.path()]);
    let found = rules_and_paths(&report);
    // The outer broken link is reported; the handbook's is not (its configuration turns
    // the rule off), and its links from `/` resolve from the handbook's folder.
    assert_eq!(found, [("broken-link", "docs/Guide.md")], "{report:#?}");
    assert_eq!(report.files, 4);
}

#[test]
fn the_nested_handbook_alone_reports_the_same() {
    let dir = repository();
    let outer = lint(&[dir.path()]);
    let inner = lint(&[&dir.path().join("handbook")]);
    assert_eq!(inner.diagnostics, []);
    assert!(outer
        .diagnostics
        .iter()
        .all(|d| !d.path.starts_with("handbook/")));
}

#[test]
fn findings_of_a_nested_handbook_are_named_from_the_folder_linted() {
    let dir = handbook(&[
        ("README.md", "# Project\n"),
        ("handbook/roles-lint.toml", ""),
        (
            "handbook/README.md",
            "# Roles\n\n- [Lead](Lead.md)\n- [Gone](Gone.md)\n",
        ),
        (
            "handbook/Lead.md",
            "# Lead\n\nBack to the [roles](README.md).\n",
        ),
    ]);
    let report = lint(&[dir.path()]);
    let found = rules_and_paths(&report);
    assert_eq!(found, [("broken-link", "handbook/README.md")]);
    // The code frame's text is there under the same name.
    assert!(report.sources.contains_key("handbook/README.md"));

    // --fix's engine reaches the nested handbook too, and names its pages the same way.
    let options = roles_lint::Options {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    let outcome = roles_lint::fix::fix_handbook(&options, None).unwrap();
    assert_eq!(outcome.report.diagnostics.len(), 1);
    assert_eq!(outcome.report.diagnostics[0].path, "handbook/README.md");
}
