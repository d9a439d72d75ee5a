//! `--fix`, `--diff`, `--fix-only` and standard input: exactly the named bytes change,
//! or nothing.

mod common;

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

use common::{fixture, handbook, roles_lint};
use predicates::prelude::*;

/// A copy of a fixture handbook in a temporary folder.
fn copy_of(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

const SEED: &str = "Comparison-Software-Director-Engineering-Director.md";

#[test]
fn fixing_the_seed_leaves_only_unfixable_findings() {
    let dir = copy_of("seed");
    let assert = roles_lint()
        .arg(dir.path())
        .args(["--fix", "--format", "json"])
        .assert();
    let output = assert.get_output();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["fixable"], 0, "{report:#}");
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("Fixed "));
    let fixed = fs::read_to_string(dir.path().join(SEED)).unwrap();
    insta::assert_snapshot!("seed_fixed", fixed);
    // A second run has nothing left to fix.
    roles_lint()
        .arg(dir.path())
        .arg("--diff")
        .assert()
        .stdout("");
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let dir = copy_of("seed");
    let before = fs::read(dir.path().join(SEED)).unwrap();
    // From the handbook root, the diff names pages as they are named there.
    let assert = roles_lint()
        .current_dir(dir.path())
        .arg("--diff")
        .assert()
        .code(1);
    let diff = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    insta::assert_snapshot!("seed_diff", diff);
    assert_eq!(fs::read(dir.path().join(SEED)).unwrap(), before);
}

#[test]
fn diff_of_a_clean_handbook_is_empty_and_exits_zero() {
    roles_lint()
        .arg(fixture("handbook"))
        .arg("--diff")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn fix_only_applies_the_named_rules() {
    let dir = copy_of("seed");
    roles_lint()
        .arg(dir.path())
        .args([
            "--fix",
            "--fix-only",
            "nav-label-mismatch",
            "--format",
            "concise",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("duplicate-nav-entry"));
    let fixed = fs::read_to_string(dir.path().join(SEED)).unwrap();
    assert!(fixed.contains("[**Software Director vs Engineering Director**]"));
    assert_eq!(fixed.matches("(Delivery-Engineer.md)").count(), 2);
    roles_lint()
        .arg(dir.path())
        .args(["--fix", "--fix-only", "no-such-rule"])
        .assert()
        .code(2);
}

#[test]
fn crlf_and_bom_survive() {
    let readme =
        "\u{feff}# Intro\r\n\r\nSee [the lead](Leed-Page.md) and [more](Lead-Page.md).\r\n";
    let lead = "# Lead Page\r\n\r\nBack [home](README.md).\r\n";
    let dir = handbook(&[("README.md", readme), ("Lead-Page.md", lead)]);
    roles_lint().arg(dir.path()).arg("--fix").assert().code(0);
    let fixed = fs::read_to_string(dir.path().join("README.md")).unwrap();
    assert_eq!(
        fixed,
        "\u{feff}# Intro\r\n\r\nSee [the lead](Lead-Page.md) and [more](Lead-Page.md).\r\n"
    );
}

#[test]
fn permissions_are_kept() {
    let dir = copy_of("broken-link/misspelt-page");
    let readme = dir.path().join("README.md");
    fs::set_permissions(&readme, fs::Permissions::from_mode(0o640)).unwrap();
    roles_lint().arg(dir.path()).arg("--fix").assert().code(0);
    let mode = fs::metadata(&readme).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(fs::read_to_string(&readme)
        .unwrap()
        .contains("(Software-Engineer.md)"));
    // No temporary file is left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn read_only_pages_are_reported_and_left_untouched() {
    let dir = copy_of("broken-link/misspelt-page");
    let readme = dir.path().join("README.md");
    let before = fs::read(&readme).unwrap();
    fs::set_permissions(&readme, fs::Permissions::from_mode(0o444)).unwrap();
    roles_lint()
        .current_dir(dir.path())
        .args(["--fix", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "Fixed 0 problems in 0 files; could not write README.md.\n",
        ))
        .stdout(predicate::str::contains(
            "README.md:1:1: io-error `README.md` was not fixed: it is read-only",
        ))
        .stdout(predicate::str::contains("broken-link"));
    assert_eq!(fs::read(&readme).unwrap(), before);
}

#[test]
fn the_fix_summary_counts_only_the_pages_written() {
    let dir = handbook(&[
        ("README.md", "# Intro\n\nSee [the lead](Leed-Page.md).\n"),
        (
            "Lead-Page.md",
            "# Lead Page\n\nBack [home](REDME.md) or [here](REDME.md).\n",
        ),
    ]);
    let lead = dir.path().join("Lead-Page.md");
    fs::set_permissions(&lead, fs::Permissions::from_mode(0o444)).unwrap();
    let parent = dir.path().parent().unwrap();
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    // Run from the folder above: the unwritten page is named as the findings are.
    roles_lint()
        .current_dir(parent)
        .args([name, "--fix", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!(
            "Fixed 1 problem in 1 file; could not write {name}/Lead-Page.md.\n"
        )))
        .stdout(predicate::str::contains(format!(
            "{name}/Lead-Page.md:1:1: io-error"
        )));
    assert!(fs::read_to_string(dir.path().join("README.md"))
        .unwrap()
        .contains("(Lead-Page.md)"));
    // JSON keeps stdout to itself: the summary goes to stderr, counted the same way.
    roles_lint()
        .current_dir(dir.path())
        .args(["--fix", "--format", "json"])
        .assert()
        .code(1)
        .stderr("Fixed 0 problems in 0 files; could not write Lead-Page.md.\n");
}

#[test]
fn a_page_changed_on_disk_since_it_was_read_is_not_overwritten() {
    let dir = copy_of("broken-link/misspelt-page");
    let options = roles_lint::Options {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    let outcome = roles_lint::fix::fix_handbook(&options, None).unwrap();
    assert_eq!(outcome.changes.len(), 1);
    let readme = dir.path().join("README.md");
    fs::write(&readme, "# Introduction\n\nEdited meanwhile.\n").unwrap();
    let failures = roles_lint::write::write_changes(&outcome.report.root, &outcome.changes);
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0].message.contains("changed on disk"),
        "{:?}",
        failures[0]
    );
    assert_eq!(
        fs::read_to_string(&readme).unwrap(),
        "# Introduction\n\nEdited meanwhile.\n"
    );
}

#[test]
fn symlinked_pages_are_written_through_inside_the_root_only() {
    let dir = copy_of("broken-link/misspelt-page");
    let root = dir.path();
    fs::create_dir(root.join("real")).unwrap();
    fs::rename(root.join("README.md"), root.join("real/Intro.md")).unwrap();
    fs::write(
        root.join("real/Intro.md"),
        "# Introduction\n\nSee the [Software Engineer](../Software-Enginer.md) role.\n",
    )
    .unwrap();
    symlink("real/Intro.md", root.join("README.md")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("Far.md"),
        "# Far\n\n[x](Software-Enginer.md)\n",
    )
    .unwrap();
    symlink(outside.path().join("Far.md"), root.join("Far.md")).unwrap();

    let assert = roles_lint()
        .arg(root)
        .args(["--fix", "--format", "concise"])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        stdout.contains("`Far.md` was not fixed: it is a link to a file outside the handbook"),
        "{stdout}"
    );
    assert!(fs::symlink_metadata(root.join("README.md"))
        .unwrap()
        .file_type()
        .is_symlink());
    let through = fs::read_to_string(root.join("real/Intro.md")).unwrap();
    assert!(through.contains("(../Software-Engineer.md)"), "{through}");
    assert_eq!(
        fs::read_to_string(outside.path().join("Far.md")).unwrap(),
        "# Far\n\n[x](Software-Enginer.md)\n"
    );
}

#[test]
fn stdin_fix_prints_the_fixed_page_and_writes_nothing() {
    let dir = copy_of("broken-link/misspelt-page");
    let readme = dir.path().join("README.md");
    let before = fs::read_to_string(&readme).unwrap();
    roles_lint()
        .args(["--stdin-filename", readme.to_str().unwrap(), "--fix", "-"])
        .write_stdin(before.clone())
        .assert()
        .code(0)
        .stdout(before.replace("Software-Enginer.md", "Software-Engineer.md"))
        .stderr("");
    assert_eq!(fs::read_to_string(&readme).unwrap(), before);
}

#[test]
fn stdin_fix_succeeds_with_findings_left_and_names_them_on_stderr() {
    let dir = copy_of("broken-link/misspelt-page");
    let page = "# Introduction\n\n[SE](Software-Enginer.md) and [gone](Gone.md).\n";
    roles_lint()
        .current_dir(dir.path().parent().unwrap())
        .args([
            "--stdin-filename",
            dir.path().join("README.md").to_str().unwrap(),
        ])
        .args(["--fix", "-"])
        .write_stdin(page)
        .assert()
        .code(0)
        .stdout(page.replace("Software-Enginer.md", "Software-Engineer.md"))
        .stderr(format!(
            "{}/README.md:3:39: broken-link link target `Gone.md` does not exist\n",
            dir.path().file_name().unwrap().to_str().unwrap()
        ));
}

#[test]
fn stdin_fix_still_fails_with_exit_two() {
    let dir = copy_of("broken-link/misspelt-page");
    fs::write(dir.path().join("roles-lint.toml"), "no-such-key = 1\n").unwrap();
    let readme = dir.path().join("README.md");
    roles_lint()
        .args(["--stdin-filename", readme.to_str().unwrap(), "--fix", "-"])
        .write_stdin("# Introduction\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no-such-key"));
    roles_lint()
        .args([
            "--stdin-filename",
            dir.path().to_str().unwrap(),
            "--fix",
            "-",
        ])
        .write_stdin("# Introduction\n")
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn stdin_lints_the_buffer_in_its_handbook() {
    let dir = copy_of("broken-link/misspelt-page");
    fs::write(dir.path().join("roles-lint.toml"), "").unwrap();
    let page = dir.path().join("README.md");
    roles_lint()
        .current_dir(dir.path())
        .args(["--stdin-filename", page.to_str().unwrap(), "--format", "concise", "-"])
        .write_stdin("# Introduction\n\n[SE](Software-Engineer.md#se9)\n")
        .assert()
        .code(1)
        .stdout(
            "README.md:3:27: broken-anchor `#se9` matches no heading or anchor in `Software-Engineer.md`\n\
             Found 1 error and 0 warnings in 1 file.\n",
        );
    roles_lint()
        .args(["--stdin-filename", page.to_str().unwrap(), "other.md"])
        .write_stdin("")
        .assert()
        .code(2);
}
