//! `role-typo` end to end: the seed's typos at their exact places, another handbook's
//! role words, places that are never checked, generated handbooks, and real writing: the
//! handbooks of `fixtures/prose/`, whose prose is full of jargon, names, other languages
//! and words close to their titles, and one slip among many uses of a role word.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{fixture, fixture_copy, handbook, json, lint, repo};
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

/// Every finding of a report as `path:line: rule message`, to read a failure at a glance.
fn all_findings(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{}:{}: {} {}", d.path, d.span.start.line, d.rule, d.message))
        .collect()
}

/// The words that role-typo reports, as written.
fn reported_words(report: &Report) -> Vec<String> {
    of_rule(report, "role-typo")
        .map(|d| report.sources[&d.path].text()[d.range.clone()].to_string())
        .collect()
}

/// The Markdown pages of a fixture, one after the other.
fn fixture_text(name: &str) -> String {
    let mut paths: Vec<_> = fs::read_dir(fixture(name))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| fs::read_to_string(path).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many times `text` holds `word` as a whole word, whatever the case.
fn count_word(text: &str, word: &str) -> usize {
    let (text, word) = (text.to_lowercase(), word.to_lowercase());
    let is_word_char = |c: char| c.is_alphanumeric();
    text.match_indices(&word)
        .filter(|(start, _)| {
            !text[..*start].chars().next_back().is_some_and(is_word_char)
                && !text[start + word.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char)
        })
        .count()
}

/// Replaces `from` by `to` once in `page` of the folder `dir`.
fn edit(dir: &Path, page: &str, from: &str, to: &str) {
    let path = dir.join(page);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{page} holds {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// `(word, replacement)` of every role-typo finding on `path`.
fn words_and_fixes(report: &Report, path: &str) -> Vec<(String, Option<String>)> {
    typos(report, path)
        .into_iter()
        .map(|(.., word, fix)| (word, fix))
        .collect()
}

const COMPANY_HANDBOOK: &str = "prose/company-handbook";

#[test]
fn a_company_handbook_full_of_technical_prose_has_no_finding() {
    // One page per role, a page of shared habits and tools, and a changelog with people's
    // names: jargon, product names, code names in prose, a former company name and a
    // GitHub organisation in a link label.
    let text = fixture_text(COMPANY_HANDBOOK);
    assert!(count_word(&text, "analytics") >= 10);
    for word in [
        "async",
        "reusability",
        "performant",
        "integrators",
        "dereferences",
        "triaging",
        "intra-team",
        "fallback",
        "subnet",
        "OAuth",
        "jQuery",
        "WebAssembly",
        "toString",
        "Vite",
        "Figma",
        "Kubernetes",
        "Leadr",
        "leadr-archive",
    ] {
        assert!(count_word(&text, word) >= 1, "the handbook writes {word}");
    }
    let report = lint(&[&fixture(COMPANY_HANDBOOK)]);
    assert_eq!(report.files, 7);
    assert_eq!(all_findings(&report), Vec::<String>::new());
}

#[test]
fn a_slip_in_the_company_handbook_is_still_found() {
    // The handbook's silence is not for want of evidence: one misspelt role word in it is
    // reported and fixed.
    let dir = fixture_copy(COMPANY_HANDBOOK);
    edit(
        dir.path(),
        "Support-Lead.md",
        "and the Data Analyst read",
        "and the Data Analsyt read",
    );
    let report = lint(&[dir.path()]);
    assert_eq!(
        words_and_fixes(&report, "Support-Lead.md"),
        [("Analsyt".to_string(), Some("Analyst".to_string()))]
    );
    assert_eq!(report.diagnostics.len(), 1, "{:?}", all_findings(&report));
}

const CAREER_FRAMEWORK: &str = "prose/career-framework-ordinary-files";

#[test]
fn a_career_framework_with_ordinary_page_titles_has_no_finding() {
    let report = lint(&[&fixture(CAREER_FRAMEWORK)]);
    assert_eq!(report.files, 9);
    assert_eq!(all_findings(&report), Vec::<String>::new());
}

#[test]
fn words_near_the_ordinary_titles_of_a_career_framework_are_not_reported() {
    // `training.md`, `sync.md`, `intro.md` and `analysis.md` beside the role pages; the
    // prose uses words close to those titles.
    let near = [
        "Syncs",
        "Trainings",
        "introspection",
        "Triaging",
        "analytic",
        "analyses",
    ];
    let text = fixture_text(CAREER_FRAMEWORK);
    for word in near {
        assert!(count_word(&text, word) >= 1, "the framework writes {word}");
    }
    let report = lint(&[&fixture(CAREER_FRAMEWORK)]);
    let reported = reported_words(&report);
    for word in near {
        assert!(
            !reported.iter().any(|r| r.eq_ignore_ascii_case(word)),
            "{word} is reported: {:?}",
            all_findings(&report)
        );
    }
    let others: Vec<String> = all_findings(&report)
        .into_iter()
        .filter(|f| !f.contains(" role-typo "))
        .collect();
    assert_eq!(others, Vec::<String>::new());
}

const PORTUGUESE: &str = "prose/portuguese-page";

#[test]
fn pages_in_portuguese_beside_english_role_pages_have_no_finding() {
    let text = fixture_text(PORTUGUESE);
    for word in [
        "Níveis",
        "Funcionais",
        "Especializa-se",
        "Pessoais",
        "sênior",
        "especialista",
        "designar",
    ] {
        assert!(count_word(&text, word) >= 1, "the handbook writes {word}");
    }
    let report = lint(&[&fixture(PORTUGUESE)]);
    assert_eq!(report.files, 7);
    assert_eq!(all_findings(&report), Vec::<String>::new());
}

#[test]
fn the_portuguese_pages_are_quiet_because_they_are_not_english() {
    // Judged as English, the Portuguese pages hold words close to the role words
    // ("sênior" for "Senior", "designar" for "Designer"): only their language keeps them
    // from being reported.
    let dir = fixture_copy(PORTUGUESE);
    let config = dir.path().join("roles-lint.toml");
    let settings = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("language = \"en\"\n{settings}")).unwrap();
    let report = lint(&[dir.path()]);
    let found: Vec<(String, String)> = of_rule(&report, "role-typo")
        .map(|d| {
            let word = &report.sources[&d.path].text()[d.range.clone()];
            (d.path.clone(), word.to_string())
        })
        .collect();
    assert!(found.iter().any(|(_, word)| word == "sênior"), "{found:?}");
    assert!(
        found.iter().any(|(_, word)| word == "designar"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(path, _)| path == "niveis.md" || path == "competencias.md"),
        "{found:?}"
    );
}

#[test]
fn an_english_slip_beside_the_portuguese_pages_is_found() {
    let dir = fixture_copy(PORTUGUESE);
    edit(
        dir.path(),
        "Security-Specialist.md",
        "A Security Specialist keeps writing code",
        "A Security Specalist keeps writing code",
    );
    let report = lint(&[dir.path()]);
    assert_eq!(
        words_and_fixes(&report, "Security-Specialist.md"),
        [("Specalist".to_string(), Some("Specialist".to_string()))]
    );
    assert_eq!(report.diagnostics.len(), 1, "{:?}", all_findings(&report));
}

const ONE_SLIP: &str = "role-typo/one-slip-among-many";
const ONE_SLIP_PAGE: &str = "Engineering-Manager.md";

#[test]
fn one_slip_among_many_uses_of_a_role_word_is_found_and_fixed() {
    let text = fixture_text(ONE_SLIP);
    assert!(count_word(&text, "Engineering") >= 10);
    assert_eq!(count_word(&text, "Enginering"), 1);
    let report = lint(&[&fixture(ONE_SLIP)]);
    assert_eq!(
        typos(&report, ONE_SLIP_PAGE),
        [typo(12, 37, "Enginering", "Engineering")]
    );
    assert_eq!(
        all_findings(&report).len(),
        1,
        "{:?}",
        all_findings(&report)
    );
    let fix = report.diagnostics[0].fix.as_ref().unwrap();
    assert_eq!(fix.description, "Replace `Enginering` with `Engineering`");

    let page = fs::read_to_string(fixture(ONE_SLIP).join(ONE_SLIP_PAGE)).unwrap();
    let (fixed, applied) = roles_lint::fix::apply(&page, &[fix]);
    assert_eq!(applied, 1);
    assert_eq!(
        fixed,
        page.replacen("the Enginering Director", "the Engineering Director", 1)
    );
    let changed: Vec<(&str, &str)> = page
        .lines()
        .zip(fixed.lines())
        .filter(|(before, after)| before != after)
        .collect();
    assert_eq!(
        changed,
        [(
            "- Brings the team's problems to the Enginering Director before they grow.",
            "- Brings the team's problems to the Engineering Director before they grow."
        )]
    );
}

#[test]
fn the_json_output_offers_the_fix_of_the_one_slip() {
    let path = fixture(ONE_SLIP);
    let (code, value) = json(&[path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(value["summary"]["fixable"], 1);
    let diagnostics = value["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["rule"], "role-typo");
    assert_eq!(
        diagnostics[0]["fix"]["edits"][0]["replacement"],
        "Engineering"
    );
}

/// The scan's own count dismisses a word written more than five times before the
/// handbook is counted for it. A word the scan cuts at `_` (`ops_Enginering`) is not
/// a whole word to the handbook's count, so only the scan's count can dismiss the slip
/// here: were the shortcut gone, the one free-standing `Enginering` would be reported.
#[test]
fn a_word_the_scan_reads_more_than_five_times_is_no_slip() {
    let dir = fixture_copy(ONE_SLIP);
    let joined = "ops_Enginering ".repeat(5);
    fs::write(
        dir.path().join("Notes.md"),
        format!("# Notes\n\nThe {joined}rotas.\n\nSee the [manager](Engineering-Manager.md).\n"),
    )
    .unwrap();
    let report = lint(&[dir.path()]);
    assert_eq!(typos(&report, ONE_SLIP_PAGE), []);
    // Without the joined words the slip is reported, as in the fixture.
    fs::remove_file(dir.path().join("Notes.md")).unwrap();
    let report = lint(&[dir.path()]);
    assert_eq!(typos(&report, ONE_SLIP_PAGE).len(), 1);
}

#[test]
fn a_copy_of_a_page_gets_the_same_findings_as_the_page() {
    // The load shares one text's facts between its pages and the rule scans them once:
    // each page still gets its own findings.
    let dir = fixture_copy(ONE_SLIP);
    let copy = format!("copy/{ONE_SLIP_PAGE}");
    fs::create_dir_all(dir.path().join("copy")).unwrap();
    fs::copy(dir.path().join(ONE_SLIP_PAGE), dir.path().join(&copy)).unwrap();
    let report = lint(&[dir.path()]);
    let found = typos(&report, ONE_SLIP_PAGE);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(typos(&report, &copy), found);
}
