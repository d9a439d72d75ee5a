//! What the packaging tests (`pre_commit.rs`, `wheel.rs`) share: commands that say why
//! they failed, Python virtual environments, a git repository holding a small handbook,
//! and the settings of the release builds they make through pre-commit, pip and maturin.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs a command, or says why it could not run or what it said when it failed.
pub fn run(command: &mut Command) -> Result<Output, String> {
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

/// A handbook's index page, linking its one role page.
pub const README: &str = "# Engineering Handbook\n\n- [Software Engineer](Software-Engineer.md)\n";
/// The role page with a broken link back to the index page...
pub const BROKEN: &str = "# Software Engineer\n\nBack to the [handbook](READ-ME.md).\n";
/// ...and with that link fixed.
pub const FIXED: &str = "# Software Engineer\n\nBack to the [handbook](README.md).\n";

pub fn git(dir: &Path, args: &[&str]) -> Result<Output, String> {
    run(Command::new("git").current_dir(dir).args(args))
}

/// A new git repository at `repo` whose first commit holds `files` (path, text).
pub fn git_repo(repo: &Path, files: &[(&str, &str)]) -> Result<(), String> {
    for (path, text) in files {
        super::write(repo, path, text.as_bytes());
    }
    git(repo, &["init", "--quiet"])?;
    git(repo, &["config", "user.email", "test@example.com"])?;
    git(repo, &["config", "user.name", "roles-lint test"])?;
    git(repo, &["add", "."])?;
    git(repo, &["commit", "--quiet", "-m", "A handbook"])?;
    Ok(())
}

/// What a command printed, stdout then stderr.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// An executable of a virtual environment's scripts folder.
pub fn exe(bin: &Path, name: &str) -> PathBuf {
    bin.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// A new virtual environment at `venv` with `packages` installed from PyPI (none: only
/// pip); returns its scripts folder. Fails when python3, venv or the network is missing.
pub fn venv(venv: &Path, packages: &[&str]) -> Result<PathBuf, String> {
    run(Command::new("python3").args(["-m", "venv"]).arg(venv))?;
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    if !packages.is_empty() {
        run(pip(&bin).arg("install").args(packages))?;
    }
    Ok(bin)
}

/// `python -m pip --quiet` in the environment whose scripts folder is `bin`; the caller
/// adds the pip command (`install`, `wheel`).
pub fn pip(bin: &Path) -> Command {
    let mut command = Command::new(exe(bin, "python"));
    command.args(["-m", "pip", "--quiet", "--disable-pip-version-check"]);
    command
}

/// Builds roles-lint in release mode for a packaging test: in `target/pre-commit/`, shared
/// by every such build so that the dependencies are compiled once, at opt-level 0,
/// without debug information and without the release profile's link-time optimisation,
/// since these tests check how roles-lint is packaged and installed, not how fast it
/// runs. The variables reach cargo through pre-commit, pip
/// and maturin alike.
pub fn release_build_settings(command: &mut Command) -> &mut Command {
    command
        .env("CARGO_TARGET_DIR", super::repo().join("target/pre-commit"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_TERM_COLOR", "never")
}

/// Passes with a note on stderr, or fails when the environment variable `require` is set
/// (as `.ci/run` sets it), so that CI cannot skip the test unnoticed.
pub fn skip(require: &str, test: &str, reason: &str) {
    if std::env::var_os(require).is_some() {
        panic!("the {test} test cannot run ({require} is set): {reason}");
    }
    eprintln!("SKIPPED the {test} test: {reason}");
}
