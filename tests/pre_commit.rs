//! The real pre-commit tool runs this repository's hooks (`.pre-commit-hooks.yaml`) with
//! `pre-commit try-repo`: `roles-lint` (`language: rust`) and `roles-lint-py`
//! (`language: python`, pip building pyproject.toml's wheel with maturin) each fail on a
//! page with a broken link and pass once the link is fixed; on staged changes alone, the
//! hook fails on what a renamed heading or a moved page breaks in another page.
//!
//! The test installs pre-commit from PyPI into a temporary virtual environment. Without
//! python3, venv, pip, git or the network it says why on stderr and passes, unless
//! `ROLES_LINT_REQUIRE_PRE_COMMIT` is set (as `.ci/run` does), when it fails instead.
//!
//! pre-commit builds the hook from the committed HEAD (with uncommitted changes to
//! tracked files on top), with `cargo install` or `pip install .`. To keep that to about
//! a minute the builds share `target/pre-commit/` between runs and use opt-level 0
//! (`common::packaging::release_build_settings`): the test checks how the hook is wired,
//! not how fast the binary is. `try-repo` keeps its environments in a temporary store,
//! so the second run installs again, from that warm target folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use common::packaging::{self, git, text, BROKEN, FIXED, README};

const REQUIRE: &str = "ROLES_LINT_REQUIRE_PRE_COMMIT";

/// Passes with a note, or fails when pre-commit is required.
fn skip(reason: &str) {
    packaging::skip(REQUIRE, "pre-commit", reason)
}

/// A virtual environment with pre-commit in it; returns the `pre-commit` executable.
fn install_pre_commit(dir: &Path) -> Result<PathBuf, String> {
    let bin = packaging::venv(&dir.join("venv"), &["pre-commit"])?;
    Ok(packaging::exe(&bin, "pre-commit"))
}

/// A git repository holding a small handbook whose second page has a broken link.
fn handbook_repo(dir: &Path) -> Result<PathBuf, String> {
    let repo = dir.join("handbook");
    packaging::git_repo(
        &repo,
        &[("README.md", README), ("Software-Engineer.md", BROKEN)],
    )?;
    Ok(repo)
}

/// A temporary folder and pre-commit installed in it; `None` (after `skip` said why)
/// when this source tree is no git repository or pre-commit cannot be installed.
fn pre_commit_at_hand() -> Option<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir().expect("a temporary folder can be made");
    if let Err(reason) = git(&common::repo(), &["rev-parse", "--verify", "HEAD"]) {
        skip(&format!(
            "this source tree is not a git repository: {reason}"
        ));
        return None;
    }
    match install_pre_commit(dir.path()) {
        Ok(pre_commit) => Some((dir, pre_commit)),
        Err(reason) => {
            skip(&format!("pre-commit cannot be installed: {reason}"));
            None
        }
    }
}

/// `pre-commit try-repo <this repository> <hook> --all-files` in `repo`.
fn try_repo(pre_commit: &Path, repo: &Path, home: &Path, hook: &str) -> Output {
    try_repo_on(pre_commit, repo, home, hook, &["--all-files"])
}

/// `pre-commit try-repo <this repository> <hook> <files>` in `repo`: no files given is
/// what a commit runs, the staged files.
fn try_repo_on(pre_commit: &Path, repo: &Path, home: &Path, hook: &str, files: &[&str]) -> Output {
    let source = common::repo();
    let started = Instant::now();
    let output = packaging::release_build_settings(
        Command::new(pre_commit)
            .current_dir(repo)
            .arg("try-repo")
            .arg(&source)
            .arg(hook)
            .args(files)
            .args(["--color", "never"])
            .env("PRE_COMMIT_HOME", home),
    )
    .output()
    .expect("pre-commit runs once installed");
    eprintln!(
        "pre-commit try-repo {hook} took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    output
}

#[test]
fn pre_commit_try_repo_fails_on_a_broken_link_and_passes_once_fixed() {
    fails_on_a_broken_link_and_passes_once_fixed("roles-lint");
}

/// On staged changes only, the hook reports what they break in other pages: a renamed
/// heading breaks a `#fragment` of README.md, a `git mv` breaks README.md's link.
#[test]
fn pre_commit_reports_what_a_staged_change_breaks_in_other_pages() {
    let Some((dir, pre_commit)) = pre_commit_at_hand() else {
        return;
    };
    let repo = dir.path().join("handbook");
    packaging::git_repo(
        &repo,
        &[
            (
                "README.md",
                "# Engineering Handbook\n\n- [Software Engineer](Software-Engineer.md)\n- [Growth](Software-Engineer.md#growth)\n",
            ),
            (
                "Software-Engineer.md",
                "# Software Engineer\n\nBack to the [handbook](README.md).\n\n## Growth\n\nText.\n",
            ),
        ],
    )
    .expect("git can make a repository");
    let home = dir.path().join("pre-commit-home");

    common::write(
        &repo,
        "Software-Engineer.md",
        b"# Software Engineer\n\nBack to the [handbook](README.md).\n\n## Progression\n\nText.\n",
    );
    git(&repo, &["add", "Software-Engineer.md"]).expect("git can stage");
    let renamed = try_repo_on(&pre_commit, &repo, &home, "roles-lint", &[]);
    let said = text(&renamed);
    assert!(
        !renamed.status.success(),
        "the renamed heading passed:\n{said}"
    );
    assert!(
        said.contains("broken-anchor") && said.contains("README.md"),
        "the broken fragment in README.md is not shown:\n{said}"
    );

    git(&repo, &["checkout", "--quiet", "HEAD", "--", "."]).expect("git can reset");
    git(
        &repo,
        &["mv", "Software-Engineer.md", "Software-Developer.md"],
    )
    .expect("git mv");
    let moved = try_repo_on(&pre_commit, &repo, &home, "roles-lint", &[]);
    let said = text(&moved);
    assert!(!moved.status.success(), "the move passed:\n{said}");
    assert!(
        said.contains("broken-link") && said.contains("README.md"),
        "the links to the old name in README.md are not shown:\n{said}"
    );
}

/// The hook installed with pip: pyproject.toml is a build pip can run, and the wheel's
/// `roles-lint` is on the hook's PATH.
#[test]
fn pre_commit_python_hook_fails_on_a_broken_link_and_passes_once_fixed() {
    fails_on_a_broken_link_and_passes_once_fixed("roles-lint-py");
}

fn fails_on_a_broken_link_and_passes_once_fixed(hook: &str) {
    let Some((dir, pre_commit)) = pre_commit_at_hand() else {
        return;
    };
    let repo = handbook_repo(dir.path()).expect("git can make a repository");
    let home = dir.path().join("pre-commit-home");

    let failed = try_repo(&pre_commit, &repo, &home, hook);
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
    let passed = try_repo(&pre_commit, &repo, &home, hook);
    let said = text(&passed);
    assert!(
        passed.status.success(),
        "the fixed handbook failed:\n{said}"
    );
    assert!(said.contains("Passed"), "the hook did not run:\n{said}");
}
