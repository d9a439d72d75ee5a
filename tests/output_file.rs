//! `--output-file`: the report in a file instead of on stdout, for CI steps that upload
//! it; the exit code is the run's, and a file that cannot be written is an error.

mod common;

use std::fs;
use std::path::Path;

use common::{fixture, roles_lint};
use predicates::prelude::*;

/// Names in `folder`, sorted: a report must leave no temporary file behind.
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_format_goes_to_the_file_with_the_same_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    for (case, code) in [("broken-anchor/renamed-heading", 1), ("handbook", 0)] {
        for format in ["human", "concise", "json", "github", "sarif"] {
            let on_stdout = roles_lint()
                .arg(fixture(case))
                .args(["--format", format])
                .output()
                .unwrap();
            assert_eq!(on_stdout.status.code(), Some(code), "{case} {format}");
            let report = dir.path().join(format!("report.{format}"));
            let assert = roles_lint()
                .arg(fixture(case))
                .args(["--format", format, "--output-file"])
                .arg(&report)
                .assert()
                .code(code)
                .stdout("")
                .stderr(predicate::str::contains("Wrote the report to"));
            drop(assert);
            let written = fs::read(&report).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&written),
                String::from_utf8_lossy(&on_stdout.stdout),
                "{case} {format}"
            );
        }
    }
    let reports: Vec<String> = ["concise", "github", "human", "json", "sarif"]
        .iter()
        .map(|f| format!("report.{f}"))
        .collect();
    assert_eq!(names_in(dir.path()), reports);
}

#[test]
fn an_existing_report_is_replaced_whole_and_keeps_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("roles-lint.sarif");
    fs::write(&report, "x".repeat(100_000)).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&report, fs::Permissions::from_mode(0o640)).unwrap();
    }
    roles_lint()
        .arg(fixture("handbook"))
        .args(["--format", "sarif", "--quiet", "--output-file"])
        .arg(&report)
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    let log: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&report).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    assert_eq!(names_in(dir.path()), ["roles-lint.sarif"]);
}

#[cfg(unix)]
#[test]
fn a_new_report_is_readable_by_others_as_a_new_file_is() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    roles_lint()
        .arg(fixture("handbook"))
        .args(["--format", "json", "--output-file"])
        .arg(&report)
        .assert()
        .code(0);
    // Not the owner-only mode of a temporary file; the umask decides the rest.
    let mode = fs::metadata(&report).unwrap().permissions().mode();
    assert_ne!(mode & 0o777, 0o600, "{mode:o}");
}

#[test]
fn a_report_that_cannot_be_written_fails_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder/report.json");
    roles_lint()
        .arg(fixture("broken-anchor/renamed-heading"))
        .args(["--format", "json", "--output-file"])
        .arg(&missing)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("cannot write the report to"))
        .stderr(predicate::str::contains("does not exist"));
    roles_lint()
        .arg(fixture("handbook"))
        .arg("--output-file")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it is a folder"));
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn a_failed_run_leaves_the_previous_report_alone() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    fs::write(&report, "previous").unwrap();
    let config = dir.path().join("bad.toml");
    fs::write(&config, "exlude = []\n").unwrap();
    roles_lint()
        .arg(fixture("handbook"))
        .args(["--format", "json", "--output-file"])
        .arg(&report)
        .arg("--config")
        .arg(&config)
        .assert()
        .code(2);
    assert_eq!(fs::read_to_string(&report).unwrap(), "previous");
    assert_eq!(names_in(dir.path()), ["bad.toml", "report.json"]);
}

#[test]
fn the_diff_and_the_report_after_fix_go_to_the_file() {
    let handbook = common::fixture_copy("broken-anchor/renamed-heading");
    let out = tempfile::tempdir().unwrap();
    let diff = out.path().join("fixes.diff");
    // Run from the handbook root, whose pages the diff then names as they are.
    roles_lint()
        .current_dir(handbook.path())
        .arg("--diff")
        .arg("--output-file")
        .arg(&diff)
        .assert()
        .code(1)
        .stdout("");
    let text = fs::read_to_string(&diff).unwrap();
    assert!(text.contains("+++ b/README.md"), "{text}");

    let report = out.path().join("after-fix.txt");
    roles_lint()
        .arg(handbook.path())
        .args(["--fix", "--format", "concise", "--output-file"])
        .arg(&report)
        .assert()
        .stdout("");
    let text = fs::read_to_string(&report).unwrap();
    assert!(text.starts_with("Fixed "), "{text}");
}

#[test]
fn modes_without_a_report_refuse_it() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    roles_lint()
        .args(["--list-rules", "--output-file"])
        .arg(&report)
        .assert()
        .code(2);
    roles_lint()
        .args(["--fix", "--stdin-filename"])
        .arg(fixture("handbook").join("README.md"))
        .arg("-")
        .arg("--output-file")
        .arg(&report)
        .write_stdin("# Intro\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("prints the fixed page"));
    assert!(!report.exists());
}

/// `/dev/stdout` (here a pipe) is written in place: renaming a file over it would
/// replace the device, or fail.
#[cfg(target_os = "linux")]
#[test]
fn a_pipe_or_device_is_written_in_place() {
    let on_stdout = roles_lint()
        .arg(fixture("broken-anchor/renamed-heading"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    roles_lint()
        .arg(fixture("broken-anchor/renamed-heading"))
        .args(["--format", "json", "--output-file", "/dev/stdout"])
        .assert()
        .code(1)
        .stdout(String::from_utf8(on_stdout.stdout).unwrap());
}
