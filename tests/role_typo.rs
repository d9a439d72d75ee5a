//! `role-typo` end to end: the seed's typos at their exact places, another handbook's
//! role words, places that are never checked, and generated handbooks.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{fixture, handbook, lint, repo};
use roles_lint::diagnostic::{Diagnostic, Fix};
use roles_lint::Report;

const SEED_PAGE: &str = "Comparison-Software-Director-Engineering-Director.md";

/// `(line, column, end column, word, replacement)` of every role-typo finding on `path`.
fn typos(report: &Report, path: &str) -> Vec<(usize, usize, usize, String, Option<String>)> {
    of_rule(report, "role-typo")
        .filter(|d| d.path == path)
        .map(|d| {
            let source = &report.sources[&d.path];
            (
                d.span.start.line,
                d.span.start.column,
                d.span.end.column,
                source.text()[d.range.clone()].to_string(),
                d.fix.as_ref().map(|f| f.edits[0].replacement.clone()),
            )
        })
        .collect()
}

fn of_rule<'a>(report: &'a Report, rule: &'a str) -> impl Iterator<Item = &'a Diagnostic> {
    report.diagnostics.iter().filter(move |d| d.rule == rule)
}

fn typo(
    line: usize,
    column: usize,
    word: &str,
    replacement: &str,
) -> (usize, usize, usize, String, Option<String>) {
    let end = column + word.chars().count();
    (
        line,
        column,
        end,
        word.to_string(),
        Some(replacement.to_string()),
    )
}

#[test]
fn every_misspelt_word_of_the_seed_is_found_where_it_is_with_its_correction() {
    let report = lint(&[&fixture("seed")]);
    assert_eq!(
        typos(&report, SEED_PAGE),
        [
            typo(3, 44, "Softeare", "Software"),
            typo(3, 246, "Enginerering", "Engineering"),
            typo(26, 21, "Enginerering", "Engineering"),
            typo(28, 184, "Enginerering", "Engineering"),
            typo(30, 51, "Enginerering", "Engineering"),
            typo(43, 15, "Directror", "Director"),
            typo(44, 16, "Directrors", "Directors"),
        ]
    );
    assert_eq!(
        of_rule(&report, "role-typo").count(),
        7,
        "only the seed page"
    );
    let first = of_rule(&report, "role-typo").next().unwrap();
    assert_eq!(first.severity, roles_lint::diagnostic::Severity::Error);
    assert_eq!(
        first.message,
        "`Softeare` looks like a misspelling of the role word `Software`"
    );
    assert_eq!(
        first.fix.as_ref().unwrap().description,
        "Replace `Softeare` with `Software`"
    );
}

#[test]
fn fixing_the_seed_writes_the_intended_words_and_leaves_no_typo() {
    let report = lint(&[&fixture("seed")]);
    let seed = fs::read_to_string(fixture("seed").join(SEED_PAGE)).unwrap();
    let fixes: Vec<&Fix> = of_rule(&report, "role-typo")
        .filter_map(|d| d.fix.as_ref())
        .collect();
    let (fixed, applied) = roles_lint::fix::apply(&seed, &fixes);
    assert_eq!(applied, 7);
    let expected = seed
        .replace("Softeare", "Software")
        .replace("Enginerering", "Engineering")
        .replace("Directrors", "Directors")
        .replace("Directror", "Director");
    assert_eq!(fixed, expected);

    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(fixture("seed")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
    }
    fs::write(dir.path().join(SEED_PAGE), &fixed).unwrap();
    assert_eq!(of_rule(&lint(&[dir.path()]), "role-typo").count(), 0);
}

#[test]
fn a_handbook_with_other_roles_gets_its_own_typos_found() {
    // Tech Lead, Developer, Engineering Manager: no word of the seed's roles.
    let report = lint(&[&fixture("role-typo/prose")]);
    assert_eq!(
        typos(&report, "Tech-Lead.md"),
        [
            typo(3, 8, "Laed", "Lead"),
            typo(4, 1, "Devloper", "Developer"),
            typo(8, 16, "Enginering", "Engineering"),
        ]
    );
    assert_eq!(report.diagnostics.len(), 3);
}

#[test]
fn code_urls_link_destinations_and_html_are_never_checked() {
    let tech_lead = "# Tech Lead\n\n\
             Inline `Tech Laed` code, a [link](Tech-Lead.md#tech-laed), <https://x.org/Laed>,\n\
             https://example.com/Tech-Laed and www.example.com/laed are not prose.\n\
             A comment <!-- Tech Laed --> and <span title=\"Laed\">a span</span>.\n\n\
             <!--\nTech Laed\n-->\n\n\
             <div>\nTech Laed\n</div>\n\n\
             ```text\nTech Laed\n```\n\n    Tech Laed indented\n\n\
             The Tech Lead, the Tech Lead and the Tech Lead.\n";
    let readme = "# Handbook\n\n- [Tech Lead](Tech-Lead.md)\n";
    // Not one of these is prose: nothing to report.
    let dir = handbook(&[("README.md", readme), ("Tech-Lead.md", tech_lead)]);
    assert_eq!(typos(&lint(&[dir.path()]), "Tech-Lead.md"), []);
    // A word written in code, a URL or a link destination anywhere is a name, even where
    // it is also written in prose.
    let with_prose = format!("{tech_lead}\nOnly this Laed is prose.\n");
    let dir = handbook(&[("README.md", readme), ("Tech-Lead.md", &with_prose)]);
    assert_eq!(typos(&lint(&[dir.path()]), "Tech-Lead.md"), []);
    // Without those, the same prose word is a slip.
    let prose_only = "# Tech Lead\n\nThe Tech Lead, the Tech Lead and the Tech Lead.\n\nOnly this Laed is prose.\n";
    let dir = handbook(&[("README.md", readme), ("Tech-Lead.md", prose_only)]);
    assert_eq!(
        typos(&lint(&[dir.path()]), "Tech-Lead.md"),
        [typo(5, 11, "Laed", "Lead")]
    );
}

#[test]
fn equally_close_role_words_get_help_but_no_fix() {
    let report = lint(&[&fixture("role-typo/ambiguous")]);
    let finding = of_rule(&report, "role-typo").next().unwrap();
    assert!(finding.fix.is_none());
    assert_eq!(
        finding.help.as_deref(),
        Some("did you mean `Lead` or `Lean`? (no fix: they are equally close)")
    );
}

#[test]
fn the_case_of_the_typo_is_kept_in_the_fix() {
    let report = lint(&[&fixture("role-typo/case-kept")]);
    let replacements: Vec<_> = typos(&report, "Engineering-Director.md")
        .into_iter()
        .map(|(.., word, fix)| (word, fix.unwrap()))
        .collect();
    assert_eq!(
        replacements,
        [
            ("ENGINERERING".to_string(), "ENGINEERING".to_string()),
            ("enginerering".to_string(), "engineering".to_string()),
            ("Softeare".to_string(), "Software".to_string()),
        ]
    );
}

/// Generates a handbook with `../shared/bench/gen_handbook.py`, or says why it cannot.
fn generated(pages: usize, defects: &str, dir: &Path) -> Option<Vec<serde_json::Value>> {
    let generator = repo().join("../shared/bench/gen_handbook.py");
    if !generator.exists() {
        eprintln!("skipped: {} is missing", generator.display());
        return None;
    }
    let truth = dir.join("truth.json");
    let out = dir.join("handbook");
    let status = Command::new("python3")
        .arg(&generator)
        .arg(&out)
        .args([
            "--pages",
            &pages.to_string(),
            "--subdirs",
            "--defects",
            defects,
        ])
        .arg("--truth")
        .arg(&truth)
        .output();
    match status {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "the generator failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => {
            eprintln!("skipped: python3 cannot be run ({error})");
            return None;
        }
    }
    let truth = fs::read_to_string(truth).expect("the generator writes its truth");
    Some(serde_json::from_str(&truth).expect("the truth is JSON"))
}

#[test]
fn a_generated_clean_handbook_has_no_typo_and_no_invisible_char() {
    let dir = tempfile::tempdir().unwrap();
    let Some(truth) = generated(300, "0", dir.path()) else {
        return;
    };
    assert!(truth.is_empty());
    let report = lint(&[&dir.path().join("handbook")]);
    assert_eq!(report.files, 300);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "role-typo" || d.rule == "invisible-char")
        .map(|d| format!("{}:{}: {}", d.path, d.span.start.line, d.message))
        .collect();
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn generated_typos_and_invisible_chars_are_all_found_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let Some(truth) = generated(600, "0.2", dir.path()) else {
        return;
    };
    let report = lint(&[&dir.path().join("handbook")]);
    for rule in ["role-typo", "invisible-char"] {
        let mut expected: Vec<(String, u64)> = truth
            .iter()
            .filter(|t| t["rule"] == rule)
            .map(|t| {
                (
                    t["path"].as_str().unwrap().to_string(),
                    t["line"].as_u64().unwrap(),
                )
            })
            .collect();
        let mut found: Vec<(String, u64)> = of_rule(&report, rule)
            .map(|d| (d.path.clone(), d.span.start.line as u64))
            .collect();
        expected.sort();
        found.sort();
        assert!(expected.len() >= 5, "{rule}: too few generated defects");
        assert_eq!(found, expected, "{rule}");
    }
}
