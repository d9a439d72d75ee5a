//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod doc_examples;
pub mod packaging;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use roles_lint::{Options, Report};

/// The repository folder.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures").join(name)
}

/// Writes a handbook of `(path, text)` pages into a fresh temporary folder.
pub fn handbook(pages: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder can be made");
    for (path, text) in pages {
        write(dir.path(), path, text.as_bytes());
    }
    dir
}

/// Copies the folder `from` and everything in it to `to`, which is created.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folders can be made");
    for entry in fs::read_dir(from).expect("the folder can be read") {
        let entry = entry.expect("the folder can be read");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("entries have a type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("files can be copied");
        }
    }
}

/// A copy of `fixtures/<name>` in a fresh temporary folder: a fixture linted where it is
/// lies in the roles-lint repository, whose work tree then resolves links written from `/`.
pub fn fixture_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder can be made");
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn write(root: &Path, path: &str, bytes: &[u8]) {
    let file = root.join(path);
    fs::create_dir_all(file.parent().expect("a page has a folder")).expect("folders can be made");
    fs::write(file, bytes).expect("pages can be written");
}

/// Lints through the library.
pub fn lint(paths: &[&Path]) -> Report {
    let options = Options {
        paths: paths.iter().map(|p| p.to_path_buf()).collect(),
        ..Options::default()
    };
    roles_lint::run(&options).expect("the run succeeds")
}

/// Lints through the library with options (whose `paths` are set here).
pub fn lint_with(paths: &[&Path], options: Options) -> Result<Report, roles_lint::Error> {
    roles_lint::run(&Options {
        paths: paths.iter().map(|p| p.to_path_buf()).collect(),
        ..options
    })
}

/// `(rule, path, line)` of every finding, sorted as reported.
pub fn findings(report: &Report) -> Vec<(String, String, usize)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.to_string(), d.path.clone(), d.span.start.line))
        .collect()
}

/// The binary, with colour and terminal detection neutralised.
pub fn roles_lint() -> Command {
    let mut command = Command::cargo_bin("roles-lint").expect("the binary is built");
    command.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    command
}

/// Runs the binary with `--format json` and parses its output.
pub fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let output = roles_lint()
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("the binary runs");
    let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (output.status.code().expect("the binary exits"), value)
}

/// The handbook generator (`../shared/bench/gen_handbook.py`, or `GEN`), or `None` with a
/// note on stderr when it or python3 is missing: tests that need it then pass vacuously.
pub fn generator() -> Option<PathBuf> {
    let script = std::env::var_os("GEN")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/bench/gen_handbook.py"));
    if !script.is_file() {
        eprintln!("skipped: no generator at {}", script.display());
        return None;
    }
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if !python.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 is not available");
        return None;
    }
    Some(script)
}
