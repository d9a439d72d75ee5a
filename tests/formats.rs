//! `--format github` (workflow commands, snapshotted) and `--format sarif` (validated
//! against the official SARIF 2.1.0 schema in `tests/data/`).

mod common;

use common::{fixture, handbook, lint, lint_with, roles_lint};
use roles_lint::{output, Options, Report};

/// The seed fixture, with `nav-label-mismatch` lowered to a warning by a configuration.
fn seed_with_a_warning() -> Report {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("roles-lint.toml");
    std::fs::write(&config, "[rules]\nnav-label-mismatch = \"warning\"\n").unwrap();
    lint_with(
        &[&fixture("seed")],
        Options {
            config: Some(config),
            ..Options::default()
        },
    )
    .unwrap()
}

#[test]
fn github_commands_match_the_snapshot() {
    let mut text = output::github::render_with_prefix(&seed_with_a_warning(), "handbook/");
    text.push_str(&output::github::render_with_prefix(
        &lint(&[&fixture("broken-link/reference-and-html")]),
        "",
    ));
    insta::assert_snapshot!("github", text);
}

#[test]
fn github_paths_start_at_the_repository_root() {
    let dir = handbook(&[
        ("docs/team: a, b/roles-lint.toml", ""),
        (
            "docs/team: a, b/README.md",
            "# Intro\n\n[gone](<Gone, old.md>)\n",
        ),
    ]);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let assert = roles_lint()
        .arg(dir.path().join("docs/team: a, b"))
        .args(["--format", "github"])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_eq!(
        stdout,
        "::error file=docs/team%3A a%2C b/README.md,line=3,col=9,endLine=3,endColumn=21,\
         title=broken-link::link target `Gone, old.md` does not exist\n\
         Found 1 error and 0 warnings in 1 file.\n"
    );
}

fn sarif_validator() -> jsonschema::Validator {
    let path = common::repo().join("tests/data/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, log: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: invalid SARIF: {errors:#?}");
}

fn sarif(report: &Report) -> serde_json::Value {
    let text = output::sarif::render_with_prefix(report, "handbook/");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    let validator = sarif_validator();
    let unreadable = handbook(&[("README.md", "# Intro\n"), ("Bad.md", "\u{0}")]);
    let mut reports = vec![
        ("seed".to_string(), seed_with_a_warning()),
        ("handbook".to_string(), lint(&[&fixture("handbook")])),
        ("io-error".to_string(), lint(&[unreadable.path()])),
    ];
    for case in [
        "broken-anchor/renamed-heading",
        "broken-link/reference-and-html",
        "duplicate-nav-entry/pasted-twice",
        "nav-inconsistent/missing-entry",
        "orphan-page/unlinked-page",
    ] {
        reports.push((case.to_string(), lint(&[&fixture(case)])));
    }
    for (what, report) in &reports {
        assert_valid(&validator, &sarif(report), what);
        // And through the binary, with the real %SRCROOT%.
        let root = if what == "io-error" {
            unreadable.path().to_path_buf()
        } else {
            fixture(what)
        };
        if what != "seed" {
            let output = roles_lint()
                .arg(&root)
                .args(["--format", "sarif"])
                .output()
                .unwrap();
            let log: serde_json::Value = serde_json::from_slice(&output.stdout)
                .unwrap_or_else(|e| panic!("{what}: stdout is one JSON document ({e})"));
            assert_valid(&validator, &log, what);
        }
    }
}

#[test]
fn the_schema_test_can_fail() {
    let validator = sarif_validator();
    let mut log = sarif(&lint(&[&fixture("broken-anchor/renamed-heading")]));
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&log));
    let mut log = sarif(&lint(&[&fixture("broken-anchor/renamed-heading")]));
    log["runs"][0]["columnKind"] = "characters".into();
    assert!(!validator.is_valid(&log));
}

#[test]
fn sarif_describes_every_rule_and_locates_findings_as_json_does() {
    let report = lint(&[&fixture("broken-anchor/renamed-heading")]);
    let log = sarif(&report);
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    // %SRCROOT% is described, not located: no path of the machine in the log.
    let base = &run["originalUriBaseIds"]["%SRCROOT%"];
    assert!(base.get("uri").is_none(), "{base}");
    assert!(base["description"]["text"]
        .as_str()
        .unwrap()
        .contains("git work tree"));
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert!(repository.starts_with("https://"), "{repository}");
    assert_eq!(run["tool"]["driver"]["informationUri"], repository);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let known: Vec<&str> = roles_lint::rules::known_metas().map(|m| m.id).collect();
    assert_eq!(ids, known);
    let anchor = rules
        .iter()
        .find(|r| r["id"] == "broken-anchor")
        .expect("broken-anchor is described");
    let meta = roles_lint::rules::known("broken-anchor").unwrap();
    assert_eq!(anchor["shortDescription"]["text"], meta.summary);
    assert_eq!(anchor["help"]["markdown"], meta.doc);
    assert_eq!(anchor["defaultConfiguration"]["level"], "error");
    assert_eq!(
        anchor["helpUri"],
        format!("{repository}/blob/main/rules/broken-anchor.md")
    );
    for rule in rules {
        let uri = rule["helpUri"].as_str().unwrap();
        let doc = uri
            .strip_prefix(&format!("{repository}/blob/main/"))
            .unwrap_or_else(|| panic!("{uri} is not in the repository"));
        let file = doc.split('#').next().unwrap();
        assert!(common::repo().join(file).is_file(), "{uri}: no {file}");
    }
    assert!(anchor["fullDescription"]["text"].as_str().unwrap().len() > 20);

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), report.diagnostics.len());
    let second = &results[1];
    assert_eq!(second["ruleId"], "broken-anchor");
    assert_eq!(
        rules[second["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "broken-anchor"
    );
    assert_eq!(second["level"], "error");
    let location = &second["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "handbook/README.md");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 9, "startColumn": 91, "endLine": 9, "endColumn": 103})
    );
    let fix = &second["fixes"][0];
    assert_eq!(
        fix["description"]["text"],
        "Replace `#expectatoins` with `#expectations`"
    );
    assert_eq!(
        fix["artifactChanges"][0]["replacements"][0],
        serde_json::json!({
            "deletedRegion": {"startLine": 9, "startColumn": 91, "endLine": 9, "endColumn": 103},
            "insertedContent": {"text": "expectations"}
        })
    );
    assert!(results[0].get("fixes").is_none());
}

#[test]
fn sarif_is_only_json_on_stdout() {
    let output = roles_lint()
        .arg(fixture("handbook"))
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let dir = handbook(&[
        ("README.md", "# Intro\n\n[Lead](<My Team/Lead é.md>)\n"),
        (
            "My Team/Lead é.md",
            "# Lead\n\n[home](../README.md) [gone](Gone.md)\n",
        ),
    ]);
    let log = sarif(&lint(&[dir.path()]));
    assert_valid(&sarif_validator(), &log, "encoded paths");
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "handbook/My%20Team/Lead%20%C3%A9.md"
    );
}
