//! The command line: exit codes, formats, rule listing and selection of reported pages.

mod common;

use common::{fixture, handbook, json, roles_lint};
use predicates::prelude::*;

#[test]
fn clean_handbook_exits_zero_and_says_so() {
    roles_lint()
        .arg(fixture("handbook"))
        .assert()
        .code(0)
        .stdout("No problems found in 10 files.\n");
}

#[test]
fn current_folder_is_the_default_root() {
    roles_lint()
        .current_dir(fixture("handbook"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("10 files"));
}

#[test]
fn findings_exit_one() {
    roles_lint()
        .arg(fixture("broken-link/misspelt-page"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "link target `Software-Enginer.md` does not exist",
        ))
        .stdout(predicate::str::contains(
            "Found 1 error and 0 warnings in 2 files.",
        ));
}

#[test]
fn missing_path_exits_two_with_a_clear_message() {
    roles_lint()
        .arg("no/such/handbook")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("path not found: no/such/handbook"));
}

#[test]
fn bad_flags_exit_two() {
    roles_lint().arg("--format=xml").assert().code(2);
    roles_lint()
        .args(["--explain", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
}

#[test]
fn concise_format_is_one_line_per_finding() {
    roles_lint()
        .arg(fixture("broken-anchor/renamed-heading"))
        .args(["--format", "concise", "--quiet"])
        .assert()
        .code(1)
        .stdout(
            "README.md:7:34: broken-anchor `#se3---software-engineer-3` matches no heading or anchor in `Software-Engineer.md`\n\
             README.md:9:91: broken-anchor `#expectatoins` matches no heading or anchor in `Software-Engineer.md`\n",
        );
}

#[test]
fn json_follows_the_contract() {
    let (code, value) = json(&[fixture("broken-anchor/renamed-heading").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(value["version"], 1);
    assert_eq!(
        value["summary"],
        serde_json::json!({"files": 2, "errors": 2, "warnings": 0, "fixable": 1})
    );
    let diagnostics = value["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    let first = &diagnostics[0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "help",
        "fix",
    ];
    expected.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected);
    assert_eq!(first["rule"], "broken-anchor");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["path"], "README.md");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(7), Some(34))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(7), Some(59))
    );
    assert!(first["help"]
        .as_str()
        .unwrap()
        .contains("#se1---software-engineer-1"));
    assert!(first["fix"].is_null());

    let second = &diagnostics[1];
    let fix = &second["fix"];
    assert_eq!(
        fix["description"],
        "Replace `#expectatoins` with `#expectations`"
    );
    assert_eq!(
        fix["edits"],
        serde_json::json!([{"line": 9, "column": 91, "end_line": 9, "end_column": 103, "replacement": "expectations"}])
    );
}

#[test]
fn json_columns_count_characters_and_paths_use_slashes() {
    let dir = handbook(&[
        ("README.md", "# Intro\n\n[Team](team/Lead.md)\n"),
        (
            "team/Lead.md",
            "# Lead\n\né 中\u{200b} [broken](Gone.md) [home](../README.md)\n",
        ),
    ]);
    let (code, value) = json(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    // The zero-width space is an `invisible-char` finding of its own, at column 4.
    let diagnostics = value["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["invisible-char", "broken-link"]);
    assert_eq!(diagnostics[0]["column"].as_u64(), Some(4));
    let d = &diagnostics[1];
    assert_eq!(d["path"], "team/Lead.md");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(15))
    );
    assert_eq!(d["end_column"].as_u64(), Some(22));
}

#[test]
fn given_files_are_reported_alone_but_the_whole_handbook_is_read() {
    let dir = handbook(&[
        ("roles-lint.toml", ""),
        (
            "README.md",
            "# Intro\n\n[Lead](Lead.md#lead-duties) [gone](Gone.md)\n",
        ),
        ("Lead.md", "# Lead\n\n## Lead Duties\n\n[gone](Gone.md)\n"),
    ]);
    let readme = dir.path().join("README.md");
    let (code, value) = json(&[readme.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(value["summary"]["files"], 1);
    let diagnostics = value["diagnostics"].as_array().unwrap();
    // The anchor in Lead.md was found (Lead.md was read) and only README.md is reported.
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["path"], "README.md");
    assert_eq!(diagnostics[0]["rule"], "broken-link");
}

#[test]
fn quiet_drops_the_summary() {
    roles_lint()
        .arg(fixture("handbook"))
        .arg("--quiet")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn list_rules_names_every_rule() {
    roles_lint()
        .arg("--list-rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("broken-link"))
        .stdout(predicate::str::contains("broken-anchor"));
}

#[test]
fn list_rules_as_json_describes_every_rule() {
    let output = roles_lint()
        .args(["--list-rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout)
        .expect("--list-rules --format json prints a JSON array");
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let known: Vec<&str> = roles_lint::rules::known_metas().map(|m| m.id).collect();
    assert_eq!(ids, known);
    for (rule, meta) in rules.iter().zip(roles_lint::rules::known_metas()) {
        assert_eq!(rule["default_severity"], meta.severity.as_str());
        assert_eq!(rule["fix"], meta.fix.as_str());
        assert_eq!(rule["summary"], meta.summary);
        let doc = rule["doc"].as_str().unwrap();
        assert_eq!(
            rule["help_uri"],
            format!("{}/blob/main/{doc}", env!("CARGO_PKG_REPOSITORY"))
        );
        let pseudo = roles_lint::rules::meta(meta.id).is_none();
        assert_eq!(rule["kind"], if pseudo { "pseudo-rule" } else { "rule" });
        assert_documented(doc);
    }
    let link = &rules[ids.iter().position(|id| *id == "broken-link").unwrap()];
    assert_eq!(link["doc"], "rules/broken-link.md");
    assert_eq!(link["fix"], "sometimes");
}

/// `doc` (`rules/<id>.md`, or `README.md#section`) exists in this repository.
fn assert_documented(doc: &str) {
    let (file, section) = doc.split_once('#').unwrap_or((doc, ""));
    let text =
        std::fs::read_to_string(common::repo().join(file)).unwrap_or_else(|e| panic!("{doc}: {e}"));
    if !section.is_empty() {
        let slugs: Vec<String> = text
            .lines()
            .filter_map(|line| line.strip_prefix("## ").or(line.strip_prefix("### ")))
            .map(|title| title.to_lowercase().replace(' ', "-"))
            .collect();
        assert!(slugs.iter().any(|s| s == section), "{doc}: no such section");
    }
}

#[test]
fn list_rules_as_text_is_unchanged_and_other_formats_are_refused() {
    let text = roles_lint().arg("--list-rules").output().unwrap();
    let stdout = String::from_utf8_lossy(&text.stdout).into_owned();
    assert_eq!(
        stdout.lines().count(),
        roles_lint::rules::known_metas().count()
    );
    assert!(stdout.starts_with("anchor-label-mismatch    error    fix: sometimes "));
    roles_lint()
        .args(["--list-rules", "--format", "sarif"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--format json"));
}

#[test]
fn explain_prints_the_rule_doc() {
    let doc = std::fs::read_to_string(common::repo().join("rules/broken-link.md")).unwrap();
    roles_lint()
        .args(["--explain", "broken-link"])
        .assert()
        .code(0)
        .stdout(doc);
}

#[test]
fn timings_go_to_stderr() {
    let assert = roles_lint()
        .arg(fixture("handbook"))
        .arg("--timings")
        .assert()
        .code(0)
        .stdout("No problems found in 10 files.\n");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for phase in [
        "settings",
        "read+parse",
        "index",
        "rules",
        "report",
        "total",
    ] {
        assert!(stderr.contains(phase), "{phase} missing from {stderr}");
    }
}

#[test]
fn color_always_colours_and_never_does_not() {
    let coloured = roles_lint()
        .arg(fixture("broken-link/misspelt-page"))
        .args(["--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\u{1b}["));
    let plain = roles_lint()
        .arg(fixture("broken-link/misspelt-page"))
        .args(["--color", "never"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
}
