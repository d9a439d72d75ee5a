//! Bad input gets a clear finding or error, never a panic or a hang.

mod common;

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};

use common::{findings, handbook, json, lint, roles_lint, write};
use predicates::prelude::*;

const GOOD: &str = "# Good\n\n[home](README.md)\n";
const README: &str = "# Intro\n\n[good](Good.md) [broken](Gone.md)\n";

/// The findings of a run as `(rule, path, message)`.
fn messages(dir: &std::path::Path) -> Vec<(String, String, String)> {
    lint(&[dir])
        .diagnostics
        .into_iter()
        .map(|d| (d.rule.to_string(), d.path, d.message))
        .collect()
}

#[test]
fn non_utf8_page_is_an_io_error_and_the_run_goes_on() {
    let dir = handbook(&[("README.md", README), ("Good.md", GOOD)]);
    write(dir.path(), "Latin.md", b"# Caf\xe9\n\nna\xefve\n");
    let found = messages(dir.path());
    assert_eq!(
        found,
        [
            (
                "io-error".to_string(),
                "Latin.md".to_string(),
                "`Latin.md` is not valid UTF-8 (invalid byte at line 1, column 6); save it as UTF-8".to_string()
            ),
            (
                "broken-link".to_string(),
                "README.md".to_string(),
                "link target `Gone.md` does not exist".to_string()
            ),
        ]
    );
    let (code, value) = json(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(value["summary"]["files"], 3);
    assert_eq!(value["diagnostics"][0]["line"], 1);
    assert_eq!(value["diagnostics"][0]["severity"], "error");
}

#[test]
fn binary_named_md_is_an_io_error() {
    let dir = handbook(&[("README.md", "# Intro\n")]);
    write(dir.path(), "logo.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let found = messages(dir.path());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "io-error");
    assert!(found[0].2.contains("is a binary file"), "{found:?}");
}

#[test]
fn dangling_symlink_is_an_unreadable_page() {
    let dir = handbook(&[("README.md", "# Intro\n")]);
    symlink(
        dir.path().join("nowhere.md"),
        dir.path().join("Dangling.md"),
    )
    .unwrap();
    let found = messages(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "io-error");
    assert!(
        found[0].2.starts_with("`Dangling.md` cannot be read: "),
        "{found:?}"
    );
}

#[test]
fn unreadable_file_is_an_io_error() {
    let dir = handbook(&[("README.md", "# Intro\n"), ("Secret.md", "# Secret\n")]);
    let secret = dir.path().join("Secret.md");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_ok() {
        // Running with privileges that ignore permissions (root): nothing to observe.
        eprintln!("skipped: permissions are not enforced for this user");
        return;
    }
    let found = messages(dir.path());
    assert_eq!(found.len(), 1);
    assert!(found[0].2.contains("Permission denied"), "{found:?}");
}

#[test]
fn unreadable_root_exits_two() {
    let dir = handbook(&[("README.md", "# Intro\n")]);
    let root = dir.path().join("locked");
    fs::create_dir(&root).unwrap();
    fs::set_permissions(&root, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read_dir(&root).is_ok() {
        eprintln!("skipped: permissions are not enforced for this user");
        return;
    }
    roles_lint()
        .arg(&root)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the handbook root"));
    fs::set_permissions(&root, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn symlink_loops_neither_hang_nor_panic() {
    let dir = handbook(&[("README.md", "# Intro\n\n[a](A.md)\n")]);
    symlink("B.md", dir.path().join("A.md")).unwrap();
    symlink("A.md", dir.path().join("B.md")).unwrap();
    symlink(".", dir.path().join("loop")).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    symlink("..", dir.path().join("sub/up")).unwrap();
    let report = lint(&[dir.path()]);
    let found = findings(&report);
    // The link to the looping A.md leads nowhere, so it is broken too.
    assert_eq!(
        found,
        [
            ("io-error".to_string(), "A.md".to_string(), 1),
            ("io-error".to_string(), "B.md".to_string(), 1),
            ("broken-link".to_string(), "README.md".to_string(), 3),
        ]
    );
    assert!(
        report.diagnostics[0].message.contains("symbolic links"),
        "{:?}",
        report.diagnostics[0]
    );
    assert_eq!(report.files, 3);
}

#[test]
fn named_pipe_is_not_opened() {
    let dir = handbook(&[("README.md", "# Intro\n")]);
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("Pipe.md"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let found = messages(dir.path());
    assert_eq!(
        found,
        [(
            "io-error".to_string(),
            "Pipe.md".to_string(),
            "`Pipe.md` is not a regular file".to_string()
        )]
    );
}

#[test]
fn twenty_megabyte_page_is_linted() {
    let paragraph =
        "The Software Engineer [ships](README.md#intro) features; see [the guide](Gone.md).\n\n";
    let mut page = String::from("# Huge\n\n");
    while page.len() < 20 * 1024 * 1024 {
        page.push_str(paragraph);
    }
    let dir = handbook(&[
        ("README.md", "# Intro\n\n[huge](Huge.md)\n"),
        ("Huge.md", &page),
    ]);
    let report = lint(&[dir.path()]);
    let count = page.matches("Gone.md").count();
    let rules: std::collections::BTreeSet<_> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["broken-link"].into());
    assert_eq!(report.diagnostics.len(), count);
    // Paragraphs start on line 3 and are two lines apart.
    assert_eq!(
        report.diagnostics.last().unwrap().span.start.line,
        3 + 2 * (count - 1)
    );
}

#[test]
fn deeply_nested_pages_do_not_overflow() {
    let quotes = format!("{} [x](Gone.md)\n", ">".repeat(100_000));
    let lists = format!("{}[x](Gone.md)\n", "- ".repeat(100_000));
    let brackets = format!("{}x{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let emphasis = format!("{}x{}\n", "*".repeat(100_000), "*".repeat(100_000));
    let dir = handbook(&[
        ("README.md", "# Intro\n"),
        ("Quotes.md", &quotes),
        ("Lists.md", &lists),
        ("Brackets.md", &brackets),
        ("Emphasis.md", &emphasis),
    ]);
    let report = lint(&[dir.path()]);
    // Nothing links these pages, so they are orphans too; the links are what matters here.
    let found: Vec<_> = findings(&report)
        .into_iter()
        .filter(|(rule, _, _)| rule != "orphan-page")
        .map(|(rule, path, _)| (rule, path))
        .collect();
    assert_eq!(
        found,
        [
            ("broken-link".to_string(), "Lists.md".to_string()),
            ("broken-link".to_string(), "Quotes.md".to_string()),
        ]
    );
}
