//! Generated handbooks (`../shared/bench/gen_handbook.py`): clean ones give no finding, and
//! on ones with injected defects the findings match the generator's truth file exactly.
//!
//! Skipped, with a message, where python3 or the generator is missing.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::{findings, generator, lint};

/// Rules whose findings must equal the truth file's, entry for entry.
const EXACT_RULES: &[&str] = &[
    "broken-anchor",
    "broken-link",
    "duplicate-nav-entry",
    "nav-inconsistent",
    "nav-label-mismatch",
    "orphan-page",
];

fn generate(generator: &Path, out: &Path, args: &[&str]) {
    let status = Command::new("python3")
        .arg(generator)
        .arg(out)
        .args(args)
        .arg("--jobs")
        .arg("2")
        .output()
        .expect("python3 runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

type Finding = (String, String, usize);

fn truth(path: &Path) -> Vec<Finding> {
    let text = std::fs::read_to_string(path).unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    entries
        .iter()
        .map(|e| {
            (
                e["rule"].as_str().unwrap().to_string(),
                e["path"].as_str().unwrap().to_string(),
                e["line"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

fn only_exact(found: Vec<Finding>) -> BTreeSet<Finding> {
    found
        .into_iter()
        .filter(|(rule, _, _)| EXACT_RULES.contains(&rule.as_str()))
        .collect()
}

#[test]
fn clean_generated_handbooks_give_no_finding() {
    let Some(generator) = generator() else { return };
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in [
        ("flat", &["--pages", "200"][..]),
        ("subdirs", &["--pages", "1500", "--subdirs"][..]),
    ] {
        let out = dir.path().join(name);
        generate(&generator, &out, args);
        let report = lint(&[&out]);
        assert!(report.files >= 200);
        assert_eq!(findings(&report), [], "{name}");
    }
}

#[test]
fn defects_match_the_truth_file() {
    let Some(generator) = generator() else { return };
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in [
        ("flat", &["--pages", "300"][..]),
        (
            "subdirs",
            &["--pages", "2000", "--subdirs", "--seed", "7"][..],
        ),
    ] {
        let out = dir.path().join(name);
        let truth_file = dir.path().join(format!("{name}.json"));
        let mut all_args = args.to_vec();
        all_args.extend(["--defects", "0.1", "--truth", truth_file.to_str().unwrap()]);
        generate(&generator, &out, &all_args);
        let expected = only_exact(truth(&truth_file));
        assert!(
            expected.len() > 15,
            "{name}: too few defects to mean anything"
        );
        let found = only_exact(findings(&lint(&[&out])));
        let missing: Vec<_> = expected.difference(&found).collect();
        let extra: Vec<_> = found.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: missing {missing:#?}\nextra {extra:#?}"
        );
    }
}

#[test]
fn fixing_touches_only_pages_with_defects() {
    let Some(generator) = generator() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hb");
    let truth_file = dir.path().join("truth.json");
    generate(
        &generator,
        &out,
        &[
            "--pages",
            "300",
            "--defects",
            "0.15",
            "--truth",
            truth_file.to_str().unwrap(),
        ],
    );
    let truth = truth(&truth_file);
    let defective: BTreeSet<&str> = truth.iter().map(|(_, path, _)| path.as_str()).collect();
    let before = lint(&[&out]);
    let fixable: Vec<_> = before
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .collect();
    assert!(
        fixable.len() > 10,
        "too few fixable findings to mean anything"
    );
    for d in &fixable {
        assert!(
            truth.contains(&(d.rule.to_string(), d.path.clone(), d.span.start.line)),
            "a fix for a finding the generator did not inject: {d:#?}"
        );
    }

    let options = roles_lint::Options {
        paths: vec![out.clone()],
        ..Default::default()
    };
    let outcome = roles_lint::fix::fix_handbook(&options, None).unwrap();
    assert_eq!(outcome.report.fixable(), 0);
    let failures = roles_lint::write::write_changes(&outcome.report.root, &outcome.changes);
    assert_eq!(failures, []);
    for path in outcome.changes.keys() {
        assert!(
            defective.contains(path.as_str()),
            "{path} changed but had no defect"
        );
    }
    // What is on disk now has no fixable finding left, and no new finding either.
    let after = lint(&[&out]);
    assert_eq!(after.fixable(), 0);
    // The fix engine's last pass, which parsed again only the pages it changed, reports
    // what a fresh run of the written pages reports (--fix prints it as is).
    assert_eq!(after.diagnostics, outcome.report.diagnostics);
    assert!(after.diagnostics.len() + fixable.len() <= before.diagnostics.len());
}
