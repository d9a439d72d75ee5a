//! Generated handbooks (`../shared/bench/gen_handbook.py`): every comparison defect the
//! generator injects is found at its line, nothing else is reported by the comparison and
//! anchor-label rules, and a clean handbook gets no finding of theirs.
//!
//! The generator needs python3 and lives beside the repository (`GEN` overrides its
//! path, as in `bench/run.sh`); without either, the tests say so and pass.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{findings, generator, lint};

const RULES: [&str; 2] = ["comparison-row-mismatch", "anchor-label-mismatch"];

type Finding = (String, String, usize);

/// Generates a handbook into `dir/hb` and returns its root and its truth file's findings.
fn generate(script: &Path, dir: &Path, args: &[&str]) -> (PathBuf, BTreeSet<Finding>) {
    let root = dir.join("hb");
    let truth = dir.join("truth.json");
    let status = Command::new("python3")
        .arg(script)
        .arg(&root)
        .args(args)
        .arg("--truth")
        .arg(&truth)
        .status()
        .expect("the generator runs");
    assert!(status.success(), "gen_handbook.py {args:?} failed");
    let entries: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&truth).expect("the truth file is written"))
            .expect("the truth file is JSON");
    let truth = entries
        .iter()
        .map(|e| {
            (
                e["rule"].as_str().expect("a rule").to_string(),
                e["path"].as_str().expect("a path").to_string(),
                e["line"].as_u64().expect("a line") as usize,
            )
        })
        .collect();
    (root, truth)
}

fn of_these_rules(found: impl IntoIterator<Item = Finding>) -> BTreeSet<Finding> {
    found
        .into_iter()
        .filter(|(rule, _, _)| RULES.contains(&rule.as_str()))
        .collect()
}

#[test]
fn injected_comparison_defects_are_found_and_nothing_else() {
    let Some(script) = generator() else {
        return;
    };
    let mut injected = 0;
    for (seed, rate) in [("1", "0.1"), ("4", "0.1"), ("1", "0.5")] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let args = [
            "--pages",
            "300",
            "--defects",
            rate,
            "--seed",
            seed,
            "--jobs",
            "1",
        ];
        let (root, truth) = generate(&script, dir.path(), &args);
        let expected = of_these_rules(truth);
        let found = of_these_rules(findings(&lint(&[&root])));
        let missed: Vec<_> = expected.difference(&found).collect();
        let extra: Vec<_> = found.difference(&expected).collect();
        assert!(
            missed.is_empty(),
            "seed {seed}, defects {rate}: missed {missed:#?}"
        );
        assert!(
            extra.is_empty(),
            "seed {seed}, defects {rate}: not injected {extra:#?}"
        );
        injected += expected.len();
    }
    // The runs above are chosen to hold comparison defects: an empty truth proves nothing.
    assert!(
        injected >= 5,
        "only {injected} comparison defects were injected"
    );
}

#[test]
fn clean_generated_handbooks_have_no_comparison_or_anchor_label_finding() {
    let Some(script) = generator() else {
        return;
    };
    for extra in [&[][..], &["--subdirs"][..]] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut args = vec!["--pages", "300", "--defects", "0", "--jobs", "1"];
        args.extend(extra);
        let (root, truth) = generate(&script, dir.path(), &args);
        assert!(truth.is_empty());
        let found = of_these_rules(findings(&lint(&[&root])));
        assert!(found.is_empty(), "{args:?}: {found:#?}");
    }
}
