//! Pages given on the command line are reported with the damage they do elsewhere: the
//! findings on other pages that a renamed heading, a moved page or a deleted page causes,
//! and nothing else of those pages.

mod common;

use std::fs;
use std::path::Path;

use common::{handbook, lint};

/// A handbook with a `roles-lint.toml` (so a page given alone belongs to it): Beta links
/// Alpha and a heading of Alpha, and has a broken link of its own that no change to
/// Alpha causes; Gamma links Alpha and Beta.
fn linked_handbook() -> tempfile::TempDir {
    handbook(&[
        ("roles-lint.toml", ""),
        ("README.md", "# Roles\n\n- [Alpha Lead](Alpha-Lead.md)\n- [Beta Lead](Beta-Lead.md)\n- [Gamma Lead](Gamma-Lead.md)\n"),
        ("Alpha-Lead.md", "# Alpha Lead\n\n## Scope\n\nLeads the alpha team.\n"),
        (
            "Beta-Lead.md",
            "# Beta Lead\n\nWorks with the [Alpha Lead](Alpha-Lead.md) on [scope](Alpha-Lead.md#scope).\n\nA [broken](Nowhere.md) link of its own.\n",
        ),
        ("Gamma-Lead.md", "# Gamma Lead\n\nSee [Alpha Lead](Alpha-Lead.md) and [Beta Lead](Beta-Lead.md).\n"),
    ])
}

/// `(rule, path, line)` of every finding of a run over the given pages.
fn findings(root: &Path, given: &[&str]) -> Vec<(String, String, usize)> {
    let paths: Vec<_> = given.iter().map(|page| root.join(page)).collect();
    let paths: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    lint(&paths)
        .diagnostics
        .iter()
        .map(|d| (d.rule.to_string(), d.path.clone(), d.span.start.line))
        .collect()
}

fn finding(rule: &str, path: &str, line: usize) -> (String, String, usize) {
    (rule.to_string(), path.to_string(), line)
}

#[test]
fn a_page_that_breaks_nothing_is_reported_alone() {
    let dir = linked_handbook();
    // Beta's own broken link is Beta's finding, not Alpha's: it stays out.
    assert_eq!(findings(dir.path(), &["Alpha-Lead.md"]), []);
    assert_eq!(
        findings(dir.path(), &["Beta-Lead.md"]),
        [finding("broken-link", "Beta-Lead.md", 5)]
    );
}

#[test]
fn a_renamed_heading_reports_the_fragments_it_broke_on_other_pages() {
    let dir = linked_handbook();
    let alpha = dir.path().join("Alpha-Lead.md");
    fs::write(
        &alpha,
        "# Alpha Lead\n\n## Remit\n\nLeads the alpha team.\n",
    )
    .unwrap();
    assert_eq!(
        findings(dir.path(), &["Alpha-Lead.md"]),
        [finding("broken-anchor", "Beta-Lead.md", 3)]
    );
}

#[test]
fn a_moved_page_reports_every_link_to_its_old_name() {
    let dir = linked_handbook();
    fs::create_dir(dir.path().join("team")).unwrap();
    fs::rename(
        dir.path().join("Alpha-Lead.md"),
        dir.path().join("team/Alpha-Team-Lead.md"),
    )
    .unwrap();
    // The label of the link at the old name is the moved page's title: each link to that
    // name is damage, the one labelled "scope" too.
    assert_eq!(
        findings(dir.path(), &["team/Alpha-Team-Lead.md"]),
        [
            finding("broken-link", "Beta-Lead.md", 3),
            finding("broken-link", "Beta-Lead.md", 3),
            finding("broken-link", "Gamma-Lead.md", 3),
            finding("broken-link", "README.md", 3),
            finding("orphan-page", "team/Alpha-Team-Lead.md", 1),
        ]
    );
}

#[test]
fn a_deleted_page_given_by_name_reports_the_links_to_it() {
    let dir = linked_handbook();
    fs::remove_file(dir.path().join("Alpha-Lead.md")).unwrap();
    let report = lint(&[&dir.path().join("Alpha-Lead.md")]);
    let places: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.path.as_str(), d.span.start.line))
        .collect();
    assert_eq!(
        places,
        [
            ("broken-link", "Beta-Lead.md", 3),
            ("broken-link", "Beta-Lead.md", 3),
            ("broken-link", "Gamma-Lead.md", 3),
            ("broken-link", "README.md", 3),
        ]
    );
    // No page of the selection was there to read.
    assert_eq!(report.files, 0);
}

#[test]
fn a_missing_page_outside_any_handbook_is_still_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let options = roles_lint::Options {
        paths: vec![dir.path().join("Nowhere.md")],
        ..Default::default()
    };
    let error = roles_lint::run(&options).unwrap_err();
    assert!(error.to_string().contains("not found"), "{error}");
}

#[test]
fn a_page_added_to_a_folder_reports_the_navs_that_miss_it() {
    let nav = |pages: &[&str]| {
        let items: Vec<String> = pages
            .iter()
            .map(|p| format!("- [{}]({p}.md)", p.replace('-', " ")))
            .collect();
        format!("## Other Pages\n\n{}\n", items.join("\n"))
    };
    let page = |name: &str, listed: &[&str]| {
        (
            format!("{name}.md"),
            format!("# {}\n\nText.\n\n{}", name.replace('-', " "), nav(listed)),
        )
    };
    let all = ["Alpha-Lead", "Beta-Lead", "Delta-Lead", "Gamma-Lead"];
    // Delta is the page added; Gamma's nav was not updated for it.
    let pages = [
        page("Alpha-Lead", &all),
        page("Beta-Lead", &all),
        page("Delta-Lead", &all),
        page("Gamma-Lead", &["Alpha-Lead", "Beta-Lead", "Gamma-Lead"]),
        ("roles-lint.toml".to_string(), String::new()),
    ];
    let refs: Vec<(&str, &str)> = pages
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = handbook(&refs);
    assert_eq!(
        findings(dir.path(), &["Delta-Lead.md"]),
        [finding("nav-inconsistent", "Gamma-Lead.md", 5)]
    );
    // A page of another folder is not the added page's business.
    fs::create_dir(dir.path().join("other")).unwrap();
    fs::write(dir.path().join("other/Epsilon-Lead.md"), "# Epsilon Lead\n").unwrap();
    assert_eq!(
        findings(dir.path(), &["other/Epsilon-Lead.md"]),
        [finding("orphan-page", "other/Epsilon-Lead.md", 1)]
    );
}

#[test]
fn fixing_given_pages_reports_their_damage_and_changes_only_them() {
    let nav = "## Other Pages\n\n- [Alpha Lead](Alpha-Lead.md)\n- [Beta Lead](Beta-Lead.md)\n";
    let dir = handbook(&[
        ("roles-lint.toml", ""),
        ("Alpha-Lead.md", &format!("# Alpha Lead\n\nText.\n\n{nav}")),
        ("Beta-Lead.md", &format!("# Beta Lead\n\nText.\n\n{nav}")),
    ]);
    // Alpha's new title no longer matches the label Beta's nav gives it.
    let alpha = dir.path().join("Alpha-Lead.md");
    fs::write(&alpha, format!("# Alpha Team Lead\n\nText.\n\n{nav}")).unwrap();
    let options = roles_lint::Options {
        paths: vec![alpha.clone()],
        ..Default::default()
    };
    let outcome = roles_lint::fix::fix_handbook(&options, None).unwrap();
    let on_beta: Vec<_> = outcome
        .report
        .diagnostics
        .iter()
        .filter(|d| d.path == "Beta-Lead.md")
        .map(|d| (d.rule, d.fix.is_some()))
        .collect();
    // The damage is reported, with the fix a run on Beta would apply, and left alone.
    assert_eq!(on_beta, [("nav-label-mismatch", true)]);
    assert!(
        outcome.changes.keys().all(|path| path == "Alpha-Lead.md"),
        "{:?}",
        outcome.changes.keys()
    );
}

#[test]
fn a_page_on_standard_input_is_reported_alone() {
    let dir = linked_handbook();
    // An editor puts every finding of the run in its buffer: only the buffer's own.
    let options = roles_lint::Options {
        stdin: Some((
            dir.path().join("Alpha-Lead.md"),
            "# Alpha Lead\n\n## Remit\n\nLeads the alpha team.\n".to_string(),
        )),
        ..Default::default()
    };
    let report = roles_lint::run(&options).unwrap();
    assert_eq!(report.diagnostics, []);
}
