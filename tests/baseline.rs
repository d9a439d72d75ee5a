//! `--write-baseline FILE` and `--baseline FILE`: known findings are not reported, new
//! ones are, and moving lines does not make a known finding new.

mod common;

use common::{handbook, json, roles_lint};
use predicates::prelude::*;

const README: &str = "# Intro\n\n[Lead](Lead.md) [gone](Gone.md)\n\n[gone](Gone.md)\n";

fn lead() -> (&'static str, &'static str) {
    (
        "Lead.md",
        "# Lead\n\n[home](README.md#intro) [old](Old.md)\n",
    )
}

#[test]
fn a_baseline_hides_known_findings_wherever_they_move() {
    let dir = handbook(&[("README.md", README), lead()]);
    let root = dir.path().to_str().unwrap();
    let baseline = dir.path().join("baseline.json");
    roles_lint()
        .arg(root)
        .arg("--write-baseline")
        .arg(&baseline)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("Wrote 3 findings to the baseline"));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(written["version"], 1);
    assert_eq!(
        written["findings"][1],
        serde_json::json!({"rule": "broken-link", "path": "README.md",
            "message": "link target `Gone.md` does not exist", "count": 2})
    );
    let with_baseline = |extra: &[&str]| {
        let mut args = vec![root, "--baseline", baseline.to_str().unwrap()];
        args.extend_from_slice(extra);
        json(&args)
    };
    let (code, value) = with_baseline(&[]);
    assert_eq!((code, &value["diagnostics"]), (0, &serde_json::json!([])));

    // Lines move: new text above both known findings.
    let moved = format!(
        "# Intro\n\nA new paragraph.\n\nAnd another.\n{}",
        &README[8..]
    );
    common::write(dir.path(), "README.md", moved.as_bytes());
    common::write(
        dir.path(),
        "Lead.md",
        b"# Lead\n\nSome text first.\n\n[home](README.md#intro) [old](Old.md)\n",
    );
    let (code, value) = with_baseline(&[]);
    assert_eq!((code, &value["diagnostics"]), (0, &serde_json::json!([])));

    // A new defect: only it is reported, even though it repeats a known message.
    common::write(
        dir.path(),
        "README.md",
        format!("{moved}\n[gone again](Gone.md) [Lead](Lead.md#dutie)\n").as_bytes(),
    );
    let (code, value) = with_baseline(&[]);
    assert_eq!(code, 1);
    let new: Vec<(String, u64)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        new,
        [
            ("broken-link".to_string(), 11),
            ("broken-anchor".to_string(), 11)
        ]
    );
    // Fixing a known finding is fine too.
    common::write(
        dir.path(),
        "Lead.md",
        b"# Lead\n\n[home](README.md#intro)\n",
    );
    assert_eq!(
        with_baseline(&["--select", "broken-link"]).1["diagnostics"][0]["line"],
        11
    );
}

#[test]
fn a_missing_or_broken_baseline_exits_two() {
    let dir = handbook(&[("README.md", README)]);
    let missing = dir.path().join("nope.json");
    roles_lint()
        .arg(dir.path())
        .arg("--baseline")
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot use the baseline"))
        .stderr(predicate::str::contains("nope.json"));
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"version\": 1, \"findings\": [{\"rule\": 1}]}").unwrap();
    roles_lint()
        .arg(dir.path())
        .arg("--baseline")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.json"));
}

#[test]
fn a_baseline_naming_an_unknown_rule_exits_two() {
    let dir = handbook(&[("README.md", README)]);
    let stale = dir.path().join("stale.json");
    std::fs::write(
        &stale,
        r#"{"version": 1, "findings": [
            {"rule": "broken-link", "path": "README.md", "message": "m", "count": 1},
            {"rule": "broken-lnk", "path": "README.md", "message": "m", "count": 1}]}"#,
    )
    .unwrap();
    roles_lint()
        .arg(dir.path())
        .arg("--baseline")
        .arg(&stale)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stale.json"))
        .stderr(predicate::str::contains("finding 2 names the"))
        .stderr(predicate::str::contains("unknown rule `broken-lnk`"));
}
