//! The real pre-commit tool runs this repository's `roles-lint` hook
//! (`.pre-commit-hooks.yaml`, `language: rust`) with `pre-commit try-repo`: it fails on a
//! page with a broken link and passes once the link is fixed.
//!
//! The test installs pre-commit from PyPI into a temporary virtual environment. Without
//! python3, venv, pip, git or the network it says why on stderr and passes, unless
//! `ROLES_LINT_REQUIRE_PRE_COMMIT` is set (as `.ci/run` does), when it fails instead.
//!
//! pre-commit builds the hook with `cargo install` from the committed HEAD (with
//! uncommitted changes to tracked files on top). To keep that to about a minute the
//! build shares `target/pre-commit/` between runs and uses opt-level 0: the test checks
//! how the hook is wired, not how fast the binary is. `try-repo` keeps its environments
//! in a temporary store, so the second run installs again, from that warm target folder.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

const README: &str = "# Engineering Handbook\n\n- [Software Engineer](Software-Engineer.md)\n";
const BROKEN: &str = "# Software Engineer\n\nBack to the [handbook](READ-ME.md).\n";
const FIXED: &str = "# Software Engineer\n\nBack to the [handbook](README.md).\n";

/// Runs a command, or says why it could not run.
fn run(command: &mut Command) -> Result<Output, String> {
    let shown = format!("{command:?}");
    let output = command
        .output()
        .map_err(|e| format!("{shown} could not start: {e}"))?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(format!(
            "{shown} failed ({}): {}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Passes with a note, or fails when pre-commit is required.
fn skip(reason: &str) {
    if std::env::var_os("ROLES_LINT_REQUIRE_PRE_COMMIT").is_some() {
        panic!("the pre-commit test cannot run: {reason}");
    }
    eprintln!("SKIPPED the pre-commit test: {reason}");
}

/// A virtual environment with pre-commit in it; returns the `pre-commit` executable.
fn install_pre_commit(dir: &Path) -> Result<std::path::PathBuf, String> {
    let venv = dir.join("venv");
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    run(Command::new(bin.join("python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg("pre-commit"))?;
    Ok(bin.join("pre-commit"))
}

fn git(dir: &Path, args: &[&str]) -> Result<Output, String> {
    run(Command::new("git").current_dir(dir).args(args))
}

/// A git repository holding a small handbook whose second page has a broken link.
fn handbook_repo(dir: &Path) -> Result<std::path::PathBuf, String> {
    let repo = dir.join("handbook");
    common::write(&repo, "README.md", README.as_bytes());
    common::write(&repo, "Software-Engineer.md", BROKEN.as_bytes());
    git(&repo, &["init", "--quiet"])?;
    git(&repo, &["config", "user.email", "test@example.com"])?;
    git(&repo, &["config", "user.name", "roles-lint test"])?;
    git(&repo, &["add", "."])?;
    git(&repo, &["commit", "--quiet", "-m", "A handbook"])?;
    Ok(repo)
}

/// `pre-commit try-repo <this repository> roles-lint --all-files` in `repo`.
fn try_repo(pre_commit: &Path, repo: &Path, home: &Path) -> Output {
    let source = common::repo();
    let started = Instant::now();
    let output = Command::new(pre_commit)
        .current_dir(repo)
        .arg("try-repo")
        .arg(&source)
        .args(["roles-lint", "--all-files", "--color", "never"])
        .env("PRE_COMMIT_HOME", home)
        .env("CARGO_TARGET_DIR", source.join("target/pre-commit"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("pre-commit runs once installed");
    eprintln!(
        "pre-commit try-repo took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    output
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn pre_commit_try_repo_fails_on_a_broken_link_and_passes_once_fixed() {
    let dir = tempfile::tempdir().expect("a temporary folder can be made");
    if let Err(reason) = git(&common::repo(), &["rev-parse", "--verify", "HEAD"]) {
        return skip(&format!(
            "this source tree is not a git repository: {reason}"
        ));
    }
    let pre_commit = match install_pre_commit(dir.path()) {
        Ok(pre_commit) => pre_commit,
        Err(reason) => return skip(&format!("pre-commit cannot be installed: {reason}")),
    };
    let repo = handbook_repo(dir.path()).expect("git can make a repository");
    let home = dir.path().join("pre-commit-home");

    let failed = try_repo(&pre_commit, &repo, &home);
    let said = text(&failed);
    assert!(!failed.status.success(), "the broken link passed:\n{said}");
    assert!(
        said.contains("roles-lint") && said.contains("Failed"),
        "the hook did not run:\n{said}"
    );
    assert!(
        said.contains("broken-link") && said.contains("READ-ME.md"),
        "the finding is not shown:\n{said}"
    );

    common::write(&repo, "Software-Engineer.md", FIXED.as_bytes());
    git(&repo, &["add", "Software-Engineer.md"]).expect("git can stage the fix");
    let passed = try_repo(&pre_commit, &repo, &home);
    let said = text(&passed);
    assert!(
        passed.status.success(),
        "the fixed handbook failed:\n{said}"
    );
    assert!(said.contains("Passed"), "the hook did not run:\n{said}");
}
