//! roles-lint as a Python package (`pyproject.toml`, maturin with `bindings = "bin"`):
//! the source distribution holds what a build needs and no more; a wheel built from it
//! installs into a virtual environment whose `roles-lint` lints; the GitHub Action
//! (`action.yml`) installs that wheel and reports findings as annotations; and a
//! pre-commit hook that installs the wheel with pip (the README's toolchain-free hook)
//! runs it, without compiling anything.
//!
//! maturin (within the range `pyproject.toml` asks of pip), pre-commit and setuptools are
//! installed from PyPI into a virtual environment. Without python3, venv, pip or the
//! network these tests say why on stderr and pass, unless `ROLES_LINT_REQUIRE_WHEEL` is
//! set (as `.ci/run` does), when they fail instead. Nothing else is downloaded: every
//! later `pip install` runs with `--no-index`, from the wheel built here.
//!
//! The wheel is built once for all the tests, in `target/tmp/wheel/`, as pip builds one
//! from PyPI's source distribution, so a file the build needs but the sdist lacks fails
//! here. Its cargo build shares `target/pre-commit/` with tests/pre_commit.rs at
//! opt-level 0 (`common::packaging::release_build_settings`): once the dependencies are
//! compiled, the build takes about half a minute. (cargo judges the unpacked sdist's
//! files by their times, which the sdist keeps: a crate built since from the same
//! sources, by tests/pre_commit.rs, is reused.)

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Instant;

use common::packaging::{self, exe, git, run, text, BROKEN, FIXED, README};
use yaml_rust2::{Yaml, YamlLoader};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const REQUIRE: &str = "ROLES_LINT_REQUIRE_WHEEL";

/// `build-system.requires` of pyproject.toml: the maturin that pip would build with.
fn build_requires() -> Vec<String> {
    let text = std::fs::read_to_string(common::repo().join("pyproject.toml"))
        .expect("pyproject.toml can be read");
    let table: toml::Table = text.parse().expect("pyproject.toml is TOML");
    let requires = table["build-system"]["requires"]
        .as_array()
        .expect("build-system.requires is a list");
    requires
        .iter()
        .map(|r| r.as_str().expect("a requirement is a string").to_owned())
        .collect()
}

/// The single file in `dir` whose name ends with `suffix`.
fn only_file(dir: &Path, suffix: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the output folder can be read")
        .map(|e| e.expect("the output folder can be read").path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {suffix} in {}: {found:?}",
        dir.display()
    );
    found.into_iter().next().expect("one file")
}

/// The member names of a .tar.gz, read with Python's tarfile (no Rust crate needed).
fn tar_names(bin: &Path, archive: &Path) -> Vec<String> {
    let output = run(Command::new(exe(bin, "python"))
        .args([
            "-c",
            "import sys, tarfile; print('\\n'.join(tarfile.open(sys.argv[1]).getnames()))",
        ])
        .arg(archive))
    .expect("python can list the sdist");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// PATH with `bin` in front, as in an activated virtual environment.
fn with_path(bin: &Path) -> std::ffi::OsString {
    let mut path = vec![bin.to_path_buf()];
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(path).expect("PATH can be joined")
}

fn roles_lint(bin: &Path, args: &[&str]) -> Output {
    Command::new(exe(bin, "roles-lint"))
        .current_dir(common::repo())
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the installed roles-lint starts")
}

/// What the tests share: the sdist and the wheel, and where they were made.
struct Built {
    /// The work folder, `target/tmp/wheel/`.
    dir: PathBuf,
    /// The scripts folder of the environment holding maturin and pre-commit.
    tools: PathBuf,
    sdist: PathBuf,
    wheel: PathBuf,
    /// The wheel and setuptools (which pre-commit's placeholder package is built with):
    /// all that a `pip install --no-index` here may take.
    links: PathBuf,
}

enum Outcome {
    Built(Built),
    Skipped(String),
    Failed(String),
}

/// The sdist and the wheel, built by the first test that asks; `None` when the tests
/// cannot run here and may skip.
fn built() -> Option<&'static Built> {
    static BUILT: OnceLock<Outcome> = OnceLock::new();
    match BUILT.get_or_init(build) {
        Outcome::Built(built) => Some(built),
        Outcome::Skipped(reason) => {
            packaging::skip(REQUIRE, "wheel", reason);
            None
        }
        Outcome::Failed(reason) => panic!("{reason}"),
    }
}

fn build() -> Outcome {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wheel");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("the last run's work folder can be removed");
    }
    let mut requires = build_requires();
    requires.push("pre-commit".to_owned());
    let requires: Vec<&str> = requires.iter().map(String::as_str).collect();
    let tools = match packaging::venv(&dir.join("tools"), &requires) {
        Ok(bin) => bin,
        Err(reason) => return Outcome::Skipped(format!("maturin cannot be installed: {reason}")),
    };
    let links = dir.join("links");
    if let Err(reason) = run(packaging::pip(&tools)
        .args(["download", "--only-binary", ":all:", "--dest"])
        .arg(&links)
        .arg("setuptools"))
    {
        return Outcome::Skipped(format!("setuptools cannot be downloaded: {reason}"));
    }
    match build_sdist_and_wheel(&dir, &tools) {
        Ok((sdist, wheel)) => {
            std::fs::copy(&wheel, links.join(wheel.file_name().expect("a file name")))
                .expect("the wheel can be copied");
            Outcome::Built(Built {
                dir,
                tools,
                sdist,
                wheel,
                links,
            })
        }
        Err(reason) => Outcome::Failed(reason),
    }
}

/// `maturin sdist` of this repository (what `cargo package` lists, per Cargo.toml's
/// `include`, with pyproject.toml), then `pip wheel` of that sdist.
fn build_sdist_and_wheel(dir: &Path, tools: &Path) -> Result<(PathBuf, PathBuf), String> {
    let dist = dir.join("dist");
    run(Command::new(exe(tools, "maturin"))
        .current_dir(common::repo())
        .args(["sdist", "--out"])
        .arg(&dist))?;
    let sdist = only_file(&dist, ".tar.gz");
    let started = Instant::now();
    run(packaging::release_build_settings(
        packaging::pip(tools)
            .args(["wheel", "--no-build-isolation", "--no-deps", "--no-index"])
            .arg("--wheel-dir")
            .arg(&dist)
            .arg(&sdist)
            // maturin's build hooks run the `maturin` program: the environment is active.
            .env("PATH", with_path(tools)),
    ))?;
    eprintln!(
        "the wheel was built in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok((sdist, only_file(&dist, ".whl")))
}

#[test]
fn the_sdist_holds_what_a_build_needs_and_no_junk() {
    let Some(built) = built() else { return };
    let names = tar_names(&built.tools, &built.sdist);
    let top = format!("roles_lint-{VERSION}/");
    for needed in [
        "pyproject.toml",
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "src/main.rs",
        "data/words/words.fst",
        "rules/role-typo.md",
    ] {
        assert!(
            names.contains(&format!("{top}{needed}")),
            "the sdist lacks {needed}: {names:#?}"
        );
    }
    let junk: Vec<&String> = names
        .iter()
        .filter(|n| {
            [
                "fixtures/",
                "tests/",
                "fuzz/",
                "target/",
                "bench/",
                ".github/",
            ]
            .iter()
            .any(|j| n.starts_with(&format!("{top}{j}")))
        })
        .collect();
    assert!(junk.is_empty(), "the sdist holds build junk: {junk:#?}");
}

#[test]
fn the_wheel_installs_offline_and_its_roles_lint_lints() {
    let Some(built) = built() else { return };
    let name = built.wheel.file_name().unwrap().to_string_lossy();
    assert!(
        name.starts_with(&format!("roles_lint-{VERSION}-py3-none-")),
        "a wheel for any Python 3 of this platform: {name}"
    );
    let dir = tempfile::tempdir_in(&built.dir).expect("a temporary folder can be made");
    let env = packaging::venv(&dir.path().join("env"), &[]).expect("a venv can be made");
    run(packaging::pip(&env)
        .args(["install", "--no-index"])
        .arg(&built.wheel))
    .expect("the wheel installs");

    let version = roles_lint(&env, &["--version"]);
    assert!(version.status.success(), "{}", text(&version));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("roles-lint {VERSION}")
    );
    let clean = roles_lint(&env, &["fixtures/handbook"]);
    assert!(
        clean.status.success() && text(&clean).contains("No problems found"),
        "the clean handbook:\n{}",
        text(&clean)
    );
    let seed = roles_lint(&env, &["--format", "concise", "fixtures/seed"]);
    assert_eq!(seed.status.code(), Some(1), "the seed:\n{}", text(&seed));
    assert!(text(&seed).contains("role-typo"), "{}", text(&seed));
}

#[test]
fn the_action_installs_the_wheel_and_annotates_findings() {
    let Some(built) = built() else { return };
    let pinned = run_action(
        built,
        &[
            ("version", &format!("v{VERSION}")),
            ("path", "fixtures/handbook"),
        ],
    );
    assert!(pinned.success, "the clean handbook failed:\n{}", pinned.log);
    assert!(
        pinned
            .log
            .contains(&format!("Installed roles-lint {VERSION} at "))
            && !pinned.log.contains("::error"),
        "{}",
        pinned.log
    );
    assert_eq!(pinned.outputs.trim(), format!("version={VERSION}"));

    let latest = run_action(
        built,
        &[
            ("path", "fixtures/seed"),
            ("args", "--select duplicate-nav-entry"),
        ],
    );
    assert!(!latest.success, "the seed passed:\n{}", latest.log);
    let annotations: Vec<&str> = latest.log.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 2, "{}", latest.log);
    assert!(
        annotations
            .iter()
            .all(|a| a.starts_with("::error file=") && a.contains("title=duplicate-nav-entry::")),
        "{}",
        latest.log
    );
}

/// The release workflow's download of a platform's binary: the wheel's `roles-lint`,
/// packed by .github/scripts/release_archive.py as an executable in a .tar.gz (checked
/// with GNU tar and sha256sum, as a Linux user would).
#[cfg(target_os = "linux")]
#[test]
fn the_release_archive_holds_the_wheel_binary() {
    let Some(built) = built() else { return };
    let dir = tempfile::tempdir_in(&built.dir).expect("a temporary folder can be made");
    let target = "x86_64-unknown-linux-gnu";
    run(Command::new(exe(&built.tools, "python"))
        .arg(common::repo().join(".github/scripts/release_archive.py"))
        .arg(&built.wheel)
        .args([target, &format!("v{VERSION}")])
        .arg(dir.path()))
    .expect("release_archive.py packs the binary");
    let archive = dir
        .path()
        .join(format!("roles-lint-{VERSION}-{target}.tar.gz"));
    // The digest file is in sha256sum's format, so users can check a download with it.
    run(Command::new("sha256sum")
        .arg("--check")
        .arg(archive.with_extension("gz.sha256"))
        .current_dir(dir.path()))
    .expect("the .sha256 file beside the archive matches it");
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .current_dir(dir.path()))
    .expect("tar unpacks the archive");
    let version = Command::new(dir.path().join("roles-lint"))
        .arg("--version")
        .output()
        .expect("the unpacked roles-lint is executable");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("roles-lint {VERSION}")
    );
}

/// The README's toolchain-free hook: `repo: local`, `language: python` and the wheel as
/// an `additional_dependencies` pin. pip may take nothing but the wheel and setuptools,
/// and cargo is off PATH: the hook runs the prebuilt binary, or fails.
#[test]
fn a_pre_commit_hook_installs_the_wheel_without_compiling() {
    let Some(built) = built() else { return };
    let dir = tempfile::tempdir_in(&built.dir).expect("a temporary folder can be made");
    let repo = dir.path().join("handbook");
    let config = [
        "repos:",
        "  - repo: local",
        "    hooks:",
        "      - id: roles-lint",
        "        name: roles-lint",
        "        entry: roles-lint",
        "        language: python",
        "        additional_dependencies: [\"roles-lint==VERSION\"]",
        "        types: [markdown]",
        "        require_serial: true",
        "",
    ]
    .join("\n")
    .replace("VERSION", VERSION);
    packaging::git_repo(
        &repo,
        &[
            ("README.md", README),
            ("Software-Engineer.md", BROKEN),
            (".pre-commit-config.yaml", &config),
        ],
    )
    .expect("git can make a repository");
    // PATH without cargo: the tools' folder (pre-commit), python's and git's.
    let mut path: Vec<PathBuf> = vec![built.tools.clone()];
    for program in ["python3", "git"] {
        let found = run(Command::new("sh").args(["-c", &format!("command -v {program}")]))
            .expect("python3 and git are on PATH");
        let found = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
        path.push(found.parent().expect("a folder").to_path_buf());
    }
    let pre_commit = |expect_success: bool| {
        let output = Command::new(exe(&built.tools, "pre-commit"))
            .current_dir(&repo)
            .args(["run", "--all-files", "--color", "never"])
            .env("PRE_COMMIT_HOME", dir.path().join("pre-commit-home"))
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", &built.links)
            .env(
                "PATH",
                std::env::join_paths(&path).expect("PATH can be joined"),
            )
            .env_remove("CARGO")
            .env_remove("RUSTUP_TOOLCHAIN")
            .output()
            .expect("pre-commit runs");
        let said = text(&output);
        assert_eq!(output.status.success(), expect_success, "{said}");
        said
    };
    let failed = pre_commit(false);
    assert!(
        failed.contains("broken-link") && failed.contains("READ-ME.md"),
        "the finding is not shown:\n{failed}"
    );
    common::write(&repo, "Software-Engineer.md", FIXED.as_bytes());
    git(&repo, &["add", "Software-Engineer.md"]).expect("git can stage the fix");
    assert!(pre_commit(true).contains("Passed"));
}

/// What a run of the Action left: whether every step passed, what the steps printed,
/// and what they wrote to `$GITHUB_OUTPUT`.
struct ActionRun {
    success: bool,
    log: String,
    outputs: String,
}

/// Runs action.yml's steps in order, as a GitHub runner runs a composite action: each
/// step's script with `bash --noprofile --norc -eo pipefail`, its `env` holding the
/// inputs (`${{ inputs.NAME }}`, else the input's default), folders added to
/// `$GITHUB_PATH` in front of PATH for the steps after, and the first failure ending
/// the run. The working directory is this repository, standing for the checked-out one.
fn run_action(built: &Built, inputs: &[(&str, &str)]) -> ActionRun {
    let yaml =
        std::fs::read_to_string(common::repo().join("action.yml")).expect("action.yml can be read");
    let action = &YamlLoader::load_from_str(&yaml).expect("action.yml is YAML")[0];
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let declared = action["inputs"].as_hash().expect("the action has inputs");
    for (name, _) in inputs {
        assert!(
            declared.contains_key(&Yaml::String((*name).to_owned())),
            "action.yml has no input {name}"
        );
    }
    let input = |name: &str| -> String {
        match inputs.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => (*value).to_owned(),
            None => match &action["inputs"][name]["default"] {
                Yaml::String(s) => s.clone(),
                Yaml::BadValue => panic!("action.yml has no input {name}"),
                other => panic!("input {name}'s default is not a string: {other:?}"),
            },
        }
    };

    let run_dir = tempfile::tempdir_in(&built.dir).expect("a temporary folder can be made");
    let runner_temp = run_dir.path().join("runner-temp");
    std::fs::create_dir(&runner_temp).expect("folders can be made");
    let github_path = run_dir.path().join("github-path");
    let github_output = run_dir.path().join("github-output");
    std::fs::write(&github_path, "").expect("files can be written");
    std::fs::write(&github_output, "").expect("files can be written");
    let mut log = String::new();
    for (i, step) in action["runs"]["steps"]
        .as_vec()
        .expect("the action has steps")
        .iter()
        .enumerate()
    {
        assert_eq!(step["shell"].as_str(), Some("bash"), "step {i}'s shell");
        let script = step["run"].as_str().expect("each step runs a script");
        assert!(
            !script.contains("${{"),
            "step {i} writes an expression into its script, where a value can become shell code"
        );
        let file = run_dir.path().join(format!("step-{i}.sh"));
        std::fs::write(&file, script).expect("files can be written");
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&file)
            .current_dir(common::repo())
            .env("GITHUB_ACTION_PATH", common::repo())
            .env("RUNNER_TEMP", &runner_temp)
            .env("GITHUB_PATH", &github_path)
            .env("GITHUB_OUTPUT", &github_output)
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", &built.links)
            .env("NO_COLOR", "1");
        if let Some(env) = step["env"].as_hash() {
            for (key, value) in env {
                let key = key.as_str().expect("env names are strings");
                let value = value.as_str().expect("env values are strings").trim();
                let value = match value
                    .strip_prefix("${{ inputs.")
                    .and_then(|v| v.strip_suffix(" }}"))
                {
                    Some(name) => input(name),
                    None => {
                        assert!(!value.contains("${{"), "unsupported expression {value}");
                        value.to_owned()
                    }
                };
                command.env(key, value);
            }
        }
        let added = std::fs::read_to_string(&github_path).expect("GITHUB_PATH can be read");
        let mut path: Vec<PathBuf> = added.lines().rev().map(PathBuf::from).collect();
        path.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        command.env(
            "PATH",
            std::env::join_paths(path).expect("PATH can be joined"),
        );
        let output = command.output().expect("bash runs");
        log.push_str(&text(&output));
        if !output.status.success() {
            return ActionRun {
                success: false,
                log,
                outputs: std::fs::read_to_string(&github_output).unwrap_or_default(),
            };
        }
    }
    ActionRun {
        success: true,
        log,
        outputs: std::fs::read_to_string(&github_output).expect("GITHUB_OUTPUT can be read"),
    }
}

/// The release workflow cannot run here (it runs on GitHub, on tags); this checks what can
/// be checked without GitHub: it is YAML, it runs on `v*` tags, it builds a wheel for each
/// promised platform, and the files it runs exist.
#[test]
fn the_release_workflow_builds_every_platform_on_version_tags() {
    let path = common::repo().join(".github/workflows/release.yml");
    let yaml = std::fs::read_to_string(&path).expect("release.yml can be read");
    let workflow = &YamlLoader::load_from_str(&yaml).expect("release.yml is YAML")[0];
    let tags = workflow["on"]["push"]["tags"]
        .as_vec()
        .expect("it runs on pushed tags");
    assert_eq!(tags, &[Yaml::String("v*".to_owned())]);
    let targets: Vec<&str> = workflow["jobs"]["wheels"]["strategy"]["matrix"]["include"]
        .as_vec()
        .expect("the wheels job has a matrix")
        .iter()
        .map(|entry| {
            entry["target"]
                .as_str()
                .expect("each entry names its target")
        })
        .collect();
    assert_eq!(
        targets,
        [
            "x86_64-unknown-linux-gnu",
            "aarch64-unknown-linux-gnu",
            "x86_64-apple-darwin",
            "aarch64-apple-darwin",
            "x86_64-pc-windows-msvc",
        ]
    );
    assert!(yaml.contains("python .github/scripts/release_archive.py "));
    assert!(common::repo()
        .join(".github/scripts/release_archive.py")
        .is_file());
    let publish = &workflow["jobs"]["pypi"];
    assert_eq!(publish["permissions"]["id-token"].as_str(), Some("write"));
    assert_eq!(publish["environment"]["name"].as_str(), Some("pypi"));
}
