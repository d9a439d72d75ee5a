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
        .current_dir(fixture("broken-anchor/renamed-heading"))
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
    // The root the paths start from, named from the current folder (the crate's here).
    assert_eq!(value["root"], "fixtures/broken-anchor/renamed-heading");
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

/// A folder `repo` holding the handbook `handbook/` (a copy of a fixture with one fixable
/// broken link, `Software-Enginer.md` on line 3 of README.md) and an empty `other/`.
fn repo_with_handbook() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    common::copy_dir(
        &fixture("broken-link/misspelt-page"),
        &repo.path().join("handbook"),
    );
    std::fs::create_dir(repo.path().join("other")).unwrap();
    repo
}

/// The concise lines of a run from `cwd` on `path`.
fn concise_from(cwd: &std::path::Path, path: &str) -> String {
    let output = roles_lint()
        .current_dir(cwd)
        .args([path, "--format", "concise", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8(output.stdout).unwrap()
}

const MISSPELT: &str = ":3:49: broken-link link target `Software-Enginer.md` does not exist\n";

#[test]
fn concise_paths_start_from_the_current_folder() {
    let repo = repo_with_handbook();
    let root = repo.path();
    assert_eq!(
        concise_from(root, "handbook"),
        format!("handbook/README.md{MISSPELT}")
    );
    assert_eq!(
        concise_from(&root.join("handbook"), "."),
        format!("README.md{MISSPELT}")
    );
    // A root beside the current folder is reached through `..`.
    assert_eq!(
        concise_from(&root.join("other"), "../handbook"),
        format!("../handbook/README.md{MISSPELT}")
    );
    // Given pages choose what is reported, not how its paths are written.
    assert_eq!(
        concise_from(root, "handbook/README.md"),
        format!("handbook/README.md{MISSPELT}")
    );
}

#[test]
fn human_frames_name_the_page_from_the_current_folder() {
    let repo = repo_with_handbook();
    let output = roles_lint()
        .current_dir(repo.path().join("other"))
        .arg("../handbook")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("[../handbook/README.md:3:49]"), "{stdout}");
}

#[test]
fn json_paths_stay_relative_to_the_handbook_root() {
    let repo = repo_with_handbook();
    let output = roles_lint()
        .current_dir(repo.path())
        .args(["handbook", "--format", "json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["diagnostics"][0]["path"], "README.md");
    // ... and the report says where that root is, from where roles-lint ran.
    assert_eq!(value["root"], "handbook");
    let at_root = roles_lint()
        .current_dir(repo.path().join("handbook"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&at_root.stdout).unwrap();
    assert_eq!(value["root"], ".");
}

/// The `file=` of the first annotation of `--format github` run from `cwd` on `path`,
/// with `GITHUB_WORKSPACE` as given.
fn annotated_file(
    cwd: &std::path::Path,
    path: &str,
    workspace: Option<&std::path::Path>,
) -> String {
    let mut command = roles_lint();
    command
        .current_dir(cwd)
        .args([path, "--format", "github"])
        .env_remove("GITHUB_WORKSPACE");
    if let Some(workspace) = workspace {
        command.env("GITHUB_WORKSPACE", workspace);
    }
    let stdout = String::from_utf8(command.output().unwrap().stdout).unwrap();
    let file = stdout
        .split("file=")
        .nth(1)
        .unwrap_or_else(|| panic!("{stdout}"));
    file.split(',').next().unwrap().to_string()
}

#[test]
fn github_annotations_are_given_from_the_repository_root() {
    let repo = repo_with_handbook();
    let root = repo.path();
    let handbook = root.join("handbook");
    // Outside git: from the workspace, else from the current folder (the workspace
    // in a default Actions step).
    assert_eq!(annotated_file(root, "handbook", None), "handbook/README.md");
    assert_eq!(
        annotated_file(&handbook, ".", Some(root)),
        "handbook/README.md"
    );
    assert_eq!(annotated_file(&handbook, ".", None), "README.md");
    // In a git work tree, from its top wherever roles-lint runs.
    std::fs::create_dir(root.join(".git")).unwrap();
    assert_eq!(annotated_file(&handbook, ".", None), "handbook/README.md");
    assert_eq!(
        annotated_file(&root.join("other"), "../handbook", None),
        "handbook/README.md"
    );
}

/// Runs git in `dir`; panics when it fails.
fn git(dir: &std::path::Path, args: &[&str], stdin: &[u8]) {
    use std::io::Write;
    let mut child = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("git runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `roles-lint --diff [path] | git apply` from `cwd`, in a git repository; the diff is
/// returned.
fn diff_applied_from(cwd: &std::path::Path, path: &str) -> String {
    let output = roles_lint()
        .current_dir(cwd)
        .args(["--diff", path])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    git(cwd, &["apply", "--verbose"], &output.stdout);
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_diff_applies_with_git_apply_from_the_current_folder() {
    for from_handbook in [false, true] {
        let repo = repo_with_handbook();
        let root = repo.path();
        git(root, &["init", "--quiet"], b"");
        let readme = root.join("handbook/README.md");
        let before = std::fs::read_to_string(&readme).unwrap();
        let diff = if from_handbook {
            diff_applied_from(&root.join("handbook"), ".")
        } else {
            diff_applied_from(root, "handbook")
        };
        let page = if from_handbook {
            "README.md"
        } else {
            "handbook/README.md"
        };
        assert!(
            diff.starts_with(&format!("--- a/{page}\n+++ b/{page}\n")),
            "{diff}"
        );
        assert_eq!(
            std::fs::read_to_string(&readme).unwrap(),
            before.replace("Software-Enginer.md", "Software-Engineer.md")
        );
    }
}
