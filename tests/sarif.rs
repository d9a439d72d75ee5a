//! What code scanning needs of `--format sarif` beyond the schema (`tests/formats.rs`
//! validates it): partial fingerprints that survive lines moving, no absolute path of
//! the machine, and the whole log as a reviewed snapshot.

mod common;

use std::path::Path;

use common::{fixture, handbook, lint, roles_lint};
use serde_json::Value;

/// The SARIF log of the handbook at `root`, through the binary.
fn sarif_of(root: &Path) -> (String, Value) {
    let output = roles_lint()
        .arg(root)
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let log = serde_json::from_str(&text).expect("stdout is one SARIF log");
    (text, log)
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

/// `(start line, fingerprint)` of every result.
fn lines_and_fingerprints(log: &Value) -> Vec<(u64, String)> {
    results(log)
        .iter()
        .map(|r| {
            let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap();
            let fingerprint = r["partialFingerprints"]["rolesLint/v1"]
                .as_str()
                .expect("every result has a roles-lint fingerprint");
            (line, fingerprint.to_string())
        })
        .collect()
}

const PAGE: &str = "# Lead\n\n[home](README.md)\n\nSee [gone](Gone.md).\n\n\
                    See [gone](Gone.md).\n\nAlso [other](Other.md) and [more](More.md).\n";

#[test]
fn fingerprints_survive_lines_inserted_above_and_tell_findings_apart() {
    let dir = handbook(&[
        ("README.md", "# Intro\n\n[Lead](Lead.md)\n"),
        ("Lead.md", PAGE),
    ]);
    let (_, before) = sarif_of(dir.path());
    let before = lines_and_fingerprints(&before);
    assert_eq!(before.len(), 4, "{before:?}");

    // Every fingerprint differs: the two identical lines by their occurrence, the two
    // links of one line by their span.
    let mut distinct: Vec<&String> = before.iter().map(|(_, f)| f).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), before.len(), "{before:?}");

    let moved = PAGE.replacen(
        "# Lead\n",
        "# Lead\n\nA new paragraph.\n\nAnd another.\n",
        1,
    );
    common::write(dir.path(), "Lead.md", moved.as_bytes());
    let (_, after) = sarif_of(dir.path());
    let after = lines_and_fingerprints(&after);
    assert_eq!(after.len(), before.len());
    for ((line_before, fingerprint_before), (line_after, fingerprint_after)) in
        before.iter().zip(&after)
    {
        assert_eq!(*line_after, line_before + 4, "the finding moved down");
        assert_eq!(fingerprint_after, fingerprint_before);
    }

    // What the finding is about is its identity: another target is another finding.
    let changed = PAGE.replacen("Also [other](Other.md)", "Also [other](Others.md)", 1);
    common::write(dir.path(), "Lead.md", changed.as_bytes());
    let (_, changed) = sarif_of(dir.path());
    let changed = lines_and_fingerprints(&changed);
    assert_ne!(changed[2].1, before[2].1);
    assert_eq!(changed[..2], before[..2]);
}

#[test]
fn no_absolute_path_of_the_machine_appears() {
    let dir = handbook(&[
        (
            "README.md",
            "# Intro\n\n[Lead](Lead.md) [gone](../../Gone.md)\n",
        ),
        (
            "Lead.md",
            "# Lead\n\n[home](README.md) [missing](/abs/Missing.md)\n",
        ),
        ("Bad.md", "\u{0}"),
    ]);
    let absolute = [dir.path().to_path_buf(), dir.path().canonicalize().unwrap()];
    let (text, log) = sarif_of(dir.path());
    // A broken link, one from `/`, and a page that cannot be read: each says where.
    assert!(results(&log).len() >= 3, "{text}");
    // Within a git work tree too: %SRCROOT% is then the work tree.
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let (in_git, _) = sarif_of(dir.path());
    for text in [&text, &in_git] {
        for path in &absolute {
            let path = path.to_string_lossy();
            assert!(!text.contains(path.as_ref()), "{path} in {text}");
            let encoded = path.replace(' ', "%20");
            assert!(!text.contains(&encoded), "{encoded} in {text}");
        }
        assert!(!text.contains("file:"), "{text}");
    }
}

/// The log of a fixture, with each rule's documentation (the rule docs, reviewed where
/// they are) cut down to its first line, so the snapshot shows the log's shape.
#[test]
fn sarif_log_matches_the_snapshot() {
    let report = lint(&[&fixture("duplicate-nav-entry/pasted-twice")]);
    let text = roles_lint::output::sarif::render_with_prefix(&report, "handbook/");
    let mut log: Value = serde_json::from_str(&text).unwrap();
    for rule in log["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .unwrap()
    {
        for key in ["text", "markdown"] {
            let doc = rule["help"][key].as_str().unwrap();
            let first = doc.lines().next().unwrap().to_string();
            rule["help"][key] = Value::String(format!("{first} …"));
        }
    }
    let mut pretty = serde_json::to_string_pretty(&log).unwrap();
    pretty = pretty.replace(env!("CARGO_PKG_VERSION"), "[version]");
    insta::assert_snapshot!("sarif", pretty);
}

/// After `--fix`, what remains is reported as one SARIF document: the "Fixed ..." line
/// goes to stderr, as it does for JSON.
#[test]
fn the_log_after_fix_is_sarif_alone() {
    let dir = common::fixture_copy("duplicate-nav-entry/pasted-twice");
    let output = roles_lint()
        .arg(dir.path())
        .args(["--fix", "--format", "sarif"])
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&output.stdout).expect("stdout is one SARIF log");
    assert_eq!(results(&log).len(), 0);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("Fixed 1 problem in 1 file."), "{stderr}");
}
