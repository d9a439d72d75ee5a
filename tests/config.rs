//! `roles-lint.toml`, `--config`, `--init`, `--select` and `--ignore`.

mod common;

use common::{findings, handbook, json, lint, lint_with, roles_lint};
use predicates::prelude::*;
use roles_lint::diagnostic::Severity;
use roles_lint::Options;

/// A handbook with one broken link in README.md and an orphan page.
fn flawed(config: Option<&str>) -> tempfile::TempDir {
    let mut pages = vec![
        ("README.md", "# Intro\n\n[Lead](Lead.md) [gone](Gone.md)\n"),
        ("Lead.md", "# Lead\n\n[home](README.md)\n"),
        ("Orphan.md", "# Orphan\n\n[home](README.md)\n"),
    ];
    if let Some(config) = config {
        pages.push(("roles-lint.toml", config));
    }
    handbook(&pages)
}

fn rules_of(report: &roles_lint::Report) -> Vec<String> {
    findings(report)
        .into_iter()
        .map(|(rule, _, _)| rule)
        .collect()
}

#[test]
fn without_a_file_every_rule_runs_at_its_default() {
    let dir = flawed(None);
    assert_eq!(
        rules_of(&lint(&[dir.path()])),
        ["orphan-page", "broken-link"]
    );
}

#[test]
fn rules_table_sets_severities_and_turns_rules_off() {
    let dir = flawed(Some(
        "[rules]\nbroken-link = \"warning\"\norphan-page = \"off\"\n",
    ));
    let report = lint(&[dir.path()]);
    assert_eq!(rules_of(&report), ["broken-link"]);
    assert_eq!(report.diagnostics[0].severity, Severity::Warning);
    // Only a warning is left: the run passes.
    let (code, value) = json(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(value["summary"]["warnings"], 1);
    assert_eq!(value["diagnostics"][0]["severity"], "warning");
}

#[test]
fn exclude_skips_pages_even_when_named() {
    let dir = flawed(Some("exclude = [\"Orphan.md\", \"drafts/\"]\n"));
    common::write(
        dir.path(),
        "drafts/Draft.md",
        b"# Draft\n\n[x](Nowhere.md)\n",
    );
    let report = lint(&[dir.path()]);
    assert_eq!(report.files, 2);
    assert_eq!(rules_of(&report), ["broken-link"]);
    // Named on the command line, as pre-commit does: still skipped.
    let report = lint(&[
        &dir.path().join("Orphan.md"),
        &dir.path().join("drafts/Draft.md"),
    ]);
    assert_eq!(report.files, 0);
    assert!(report.diagnostics.is_empty());
}

#[test]
fn nav_headings_choose_the_nav_lists() {
    let page = |title: &str, heading: &str| {
        format!("# {title}\n\n## {heading}\n\n- [A](A.md)\n- [B](B.md)\n- [A](A.md)\n")
    };
    let a = page("A", "See also");
    let b = page("B", "See also");
    let pages = [("A.md", a.as_str()), ("B.md", b.as_str())];
    let dir = handbook(&pages);
    assert!(!rules_of(&lint(&[dir.path()])).contains(&"duplicate-nav-entry".to_string()));
    common::write(
        dir.path(),
        "roles-lint.toml",
        b"[nav]\nheadings = [\"See also\"]\n",
    );
    let found = rules_of(&lint(&[dir.path()]));
    assert_eq!(found, ["duplicate-nav-entry", "duplicate-nav-entry"]);
}

#[test]
fn roles_settings_are_read() {
    let dir = flawed(Some(
        "[roles]\nextra = [\"Principal Engineer\"]\nignore-words = [\"Enginering\"]\n",
    ));
    let options = Options {
        roles_extra: vec!["Staff Engineer".to_string()],
        ..Options::default()
    };
    // The report does not carry the handbook: read the configuration as the run does.
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let config = roles_lint::config::Config::find(&root, None).unwrap();
    assert_eq!(config.roles_extra, ["Principal Engineer"]);
    assert_eq!(config.ignore_words, ["Enginering"]);
    assert!(lint_with(&[dir.path()], options).is_ok());
}

#[test]
fn config_flag_names_another_file() {
    let dir = flawed(None);
    let elsewhere = tempfile::tempdir().unwrap();
    let config = elsewhere.path().join("strict.toml");
    std::fs::write(&config, "[rules]\norphan-page = \"off\"\n").unwrap();
    let report = lint_with(
        &[dir.path()],
        Options {
            config: Some(config.clone()),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(rules_of(&report), ["broken-link"]);
    roles_lint()
        .arg(dir.path())
        .arg("--config")
        .arg(elsewhere.path().join("missing.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the configuration"))
        .stderr(predicate::str::contains("missing.toml"));
}

#[test]
fn unknown_keys_are_errors_naming_file_line_and_key() {
    let dir = flawed(Some(
        "[nav]\nheadings = [\"Pages\"]\n\n[roles]\nextras = []\n",
    ));
    roles_lint()
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("roles-lint.toml:5:1:"))
        .stderr(predicate::str::contains("unknown key `extras` in [roles]"));
}

#[test]
fn unknown_rule_ids_in_the_file_are_errors() {
    let dir = flawed(Some(
        "[rules]\n\"broken-link\" = \"off\"\nbroken-lnk = \"off\"\n",
    ));
    roles_lint()
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("roles-lint.toml:3:1:"))
        .stderr(predicate::str::contains(
            "unknown rule `broken-lnk` in [rules]",
        ));
    let dir = flawed(Some("[rules]\nbroken-link = \"warn\"\n"));
    roles_lint()
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("roles-lint.toml:2:15:"))
        .stderr(predicate::str::contains("unknown variant `warn`"));
}

#[test]
fn select_and_ignore_choose_the_rules() {
    let dir = flawed(None);
    let path = dir.path().to_str().unwrap();
    let (_, value) = json(&[path, "--select", "orphan-page"]);
    assert_eq!(value["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(value["diagnostics"][0]["rule"], "orphan-page");
    let (_, value) = json(&[path, "--ignore", "orphan-page,broken-anchor"]);
    assert_eq!(value["diagnostics"][0]["rule"], "broken-link");
    assert_eq!(value["diagnostics"].as_array().unwrap().len(), 1);
    let (code, value) = json(&[
        path,
        "--select",
        "broken-link,orphan-page",
        "--ignore",
        "broken-link",
    ]);
    assert_eq!(code, 1);
    assert_eq!(value["diagnostics"][0]["rule"], "orphan-page");
}

#[test]
fn unknown_ids_on_the_command_line_exit_two() {
    for flag in ["--select", "--ignore"] {
        roles_lint()
            .arg(common::fixture("handbook"))
            .args([flag, "broken-link,orphan-pages"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("unknown rule `orphan-pages`"));
    }
}

#[test]
fn init_writes_a_starter_once() {
    let dir = tempfile::tempdir().unwrap();
    roles_lint()
        .current_dir(dir.path())
        .arg("--init")
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Wrote roles-lint.toml"));
    let written = std::fs::read_to_string(dir.path().join("roles-lint.toml")).unwrap();
    assert_eq!(
        written,
        roles_lint::config::starter(&roles_lint::selection::starter_lines())
    );
    assert!(written.contains("[rules]") && written.contains("# orphan-page = \"error\""));
    // The starter is valid: a handbook next to it lints with the defaults.
    common::write(dir.path(), "README.md", b"# Handbook\n");
    roles_lint().current_dir(dir.path()).assert().code(0);
    std::fs::write(dir.path().join("roles-lint.toml"), "# mine\n").unwrap();
    roles_lint()
        .current_dir(dir.path())
        .arg("--init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("roles-lint.toml")).unwrap(),
        "# mine\n"
    );
}
