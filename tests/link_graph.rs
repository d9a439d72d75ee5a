//! The link graph on whole handbooks (`fixtures/links/<case>/`, the site fixtures and the
//! example handbook): links written from `/`, URLs of the handbook's own repository, folder
//! links to index pages, when `orphan-page` stays silent, canonical navs from entries that
//! exist, and "did you mean" for missing pages.
//!
//! A fixture lies in the roles-lint repository, whose work tree is where its links from `/`
//! would lead: tests that depend on the repository around a handbook lint a copy in a
//! temporary folder and create the `.git` they need there.

mod common;

use std::fs;
use std::path::Path;

use common::{fixture, fixture_copy, lint, write};
use roles_lint::diagnostic::Diagnostic;
use roles_lint::Report;

/// `(rule, path, line, column)` of every finding, in report order.
fn located(report: &Report) -> Vec<(String, String, usize, usize)> {
    report.diagnostics.iter().map(place).collect()
}

fn place(d: &Diagnostic) -> (String, String, usize, usize) {
    (
        d.rule.to_string(),
        d.path.clone(),
        d.span.start.line,
        d.span.start.column,
    )
}

fn at(rule: &str, path: &str, line: usize, column: usize) -> (String, String, usize, usize) {
    (rule.to_string(), path.to_string(), line, column)
}

/// The findings of one rule.
fn of_rule<'a>(report: &'a Report, rule: &str) -> Vec<&'a Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// Makes `folder` a git work tree, with an `origin` remote when a URL is given.
fn git_work_tree(folder: &Path, origin: Option<&str>) {
    let mut config = "[core]\n\trepositoryformatversion = 0\n\tbare = false\n".to_string();
    if let Some(url) = origin {
        config.push_str(&format!(
            "[remote \"origin\"]\n\turl = {url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
        ));
    }
    write(folder, ".git/config", config.as_bytes());
}

/// The text of the page of `d` with the fix of `d` applied.
fn fixed(report: &Report, d: &Diagnostic) -> String {
    let source = &report.sources[&d.path];
    let fix = d.fix.as_ref().expect("the finding has a fix");
    roles_lint::fix::apply(source.text(), &[fix]).0
}

// --- own-repo-urls --------------------------------------------------------------------

#[test]
fn urls_of_the_own_repository_are_checked_as_local_links() {
    let report = lint(&[&fixture("links/own-repo-urls")]);
    // Every page is linked only by URLs, so no page is an orphan; the URLs of other
    // repositories (lines 16 and 17) are not checked.
    assert_eq!(
        located(&report),
        [
            at("broken-link", "README.md", 9, 24),
            at("broken-anchor", "README.md", 10, 89),
        ]
    );
    let link = &report.diagnostics[0];
    assert_eq!(
        link.message,
        "link target `https://github.com/harbor/handbook/blob/main/Fleet-Enginer.md` does not exist"
    );
    assert_eq!(
        link.help.as_deref(),
        Some("did you mean `https://github.com/harbor/handbook/blob/main/Fleet-Engineer.md`?")
    );
    // The URL's file name is fixed as a relative link's would be.
    assert!(fixed(&report, link)
        .contains("(https://github.com/harbor/handbook/blob/main/Fleet-Engineer.md)"));
    let anchor = &report.diagnostics[1];
    assert_eq!(
        anchor.message,
        "`#responsibilites` matches no heading or anchor in `Yard-Supervisor.md`"
    );
    assert_eq!(
        anchor.fix.as_ref().map(|f| f.description.as_str()),
        Some("Replace `#responsibilites` with `#responsibilities`")
    );
    assert!(fixed(&report, anchor).contains(
        "(https://github.com/harbor/handbook/blob/main/Yard-Supervisor.md#responsibilities)"
    ));
}

/// The own-repository fixture in a temporary git work tree whose `origin` is `url`, without
/// its `roles-lint.toml` (no `repository`, no `root-dir`).
fn own_repo_in_work_tree(url: &str) -> tempfile::TempDir {
    let dir = fixture_copy("links/own-repo-urls");
    fs::remove_file(dir.path().join("roles-lint.toml")).unwrap();
    git_work_tree(dir.path(), Some(url));
    dir
}

#[test]
fn the_origin_remote_names_the_own_repository() {
    let expected = located(&lint(&[&fixture("links/own-repo-urls")]));
    for url in [
        "git@github.com:harbor/handbook.git",
        "https://github.com/harbor/handbook.git",
        "ssh://git@github.com/Harbor/Handbook",
    ] {
        let dir = own_repo_in_work_tree(url);
        assert_eq!(located(&lint(&[dir.path()])), expected, "origin {url}");
    }
}

#[test]
fn urls_of_another_repository_are_not_checked() {
    // With Tidewater's handbook as the origin, Harbor's URLs are external and Tidewater's
    // URL (line 17) is the only local link: a missing page. No page links another, so no
    // page is an orphan either.
    let dir = own_repo_in_work_tree("git@github.com:tidewater/handbook.git");
    let report = lint(&[dir.path()]);
    assert_eq!(located(&report), [at("broken-link", "README.md", 17, 25)]);
    // Without any remote, no URL is a local link.
    let dir = fixture_copy("links/own-repo-urls");
    fs::remove_file(dir.path().join("roles-lint.toml")).unwrap();
    git_work_tree(dir.path(), None);
    assert_eq!(located(&lint(&[dir.path()])), []);
}

#[test]
fn gitlab_urls_of_the_own_repository_are_local_links() {
    let dir = own_repo_in_work_tree("https://gitlab.com/harbor/handbook.git");
    for entry in walk(dir.path()) {
        let text = fs::read_to_string(&entry).unwrap();
        let text = text
            .replace(
                "https://github.com/harbor/handbook/",
                "https://gitlab.com/harbor/handbook/-/",
            )
            .replace(
                "https://raw.githubusercontent.com/harbor/handbook/",
                "https://gitlab.com/harbor/handbook/-/raw/",
            );
        fs::write(&entry, text).unwrap();
    }
    let report = lint(&[dir.path()]);
    let found: Vec<(String, String, usize)> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule.to_string(), d.path.clone(), d.span.start.line))
        .collect();
    assert_eq!(
        found,
        [
            ("broken-link".to_string(), "README.md".to_string(), 9),
            ("broken-anchor".to_string(), "README.md".to_string(), 10),
        ]
    );
}

/// Every Markdown file under `root`.
fn walk(root: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found
}

// --- root-relative --------------------------------------------------------------------

const GATE_CLERK: &str = "link target `/docs/people/Gate-Clerk.md` does not exist";

#[test]
fn links_from_the_repository_root_resolve_from_the_work_tree() {
    let dir = fixture_copy("links/root-relative");
    let repo = dir.path().join("repo");
    fs::create_dir(repo.join(".git")).unwrap();
    let people = lint(&[&repo.join("docs/people")]);
    assert_eq!(
        located(&people),
        [at("broken-link", "Yard-Supervisor.md", 8, 41)]
    );
    assert_eq!(people.diagnostics[0].message, GATE_CLERK);
    // Linted from the repository, the people pages have the same findings and the pages
    // outside them none (`/CONTRIBUTING.md` resolves in both).
    let whole = lint(&[&repo]);
    let from_repository: Vec<_> = located(&whole)
        .into_iter()
        .map(|(rule, path, line, column)| {
            let path = path
                .strip_prefix("docs/people/")
                .unwrap_or_else(|| panic!("a finding outside the people pages: {path}"));
            (rule, path.to_string(), line, column)
        })
        .collect();
    assert_eq!(from_repository, located(&people));
}

#[test]
fn root_dir_sets_where_links_from_the_root_start() {
    // No `.git`: `root-dir` names the repository root.
    let dir = fixture_copy("links/root-relative");
    let people = dir.path().join("repo/docs/people");
    fs::write(people.join("roles-lint.toml"), "root-dir = \"../..\"\n").unwrap();
    let report = lint(&[&people]);
    assert_eq!(
        located(&report),
        [at("broken-link", "Yard-Supervisor.md", 8, 41)]
    );
    assert_eq!(report.diagnostics[0].message, GATE_CLERK);

    // `root-dir` wins over the work tree: from the people folder, every link written from
    // `/` misses (`/docs/people/x.md` is `docs/people/docs/people/x.md` there).
    fs::create_dir(dir.path().join("repo/.git")).unwrap();
    fs::write(people.join("roles-lint.toml"), "root-dir = \".\"\n").unwrap();
    let report = lint(&[&people]);
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["broken-link"; 9], "{:#?}", located(&report));
}

// --- index-pages ----------------------------------------------------------------------

#[test]
fn index_pages_of_every_spelling_are_reached_through_folder_links() {
    // README.md, readme.md, Readme.md, _index.md and index.md are linked as `dispatch/`,
    // `../fleet/`, `./yard/`, `customs` and `./`; `yard/#yard-rules` is a heading of
    // yard/_index.md. The navs give the index pages labels other than their titles.
    assert_eq!(located(&lint(&[&fixture("links/index-pages")])), []);
}

#[test]
fn a_fragment_of_a_folder_link_is_checked_in_its_index_page() {
    let dir = fixture_copy("links/index-pages");
    let page = dir.path().join("Harbor-Master.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replace("yard/#yard-rules", "yard/#yard-rulez")).unwrap();
    let report = lint(&[dir.path()]);
    assert_eq!(
        located(&report),
        [at("broken-anchor", "Harbor-Master.md", 4, 33)]
    );
    assert_eq!(
        report.diagnostics[0].message,
        "`#yard-rulez` matches no heading or anchor in `yard/_index.md`"
    );
}

#[test]
fn orphans_are_found_beside_index_pages() {
    // The rule is on in this handbook: a page nobody links is found, index pages never.
    let dir = fixture_copy("links/index-pages");
    write(
        dir.path(),
        "fleet/Truck-Mechanic.md",
        b"# Truck Mechanic\n\nThe Truck Mechanic repairs what the [fleet](./) breaks.\n",
    );
    let report = lint(&[dir.path()]);
    assert_eq!(
        located(&report),
        [at("orphan-page", "fleet/Truck-Mechanic.md", 1, 1)]
    );
}

#[test]
fn index_pages_carry_any_label_the_navs_agree_on() {
    let dir = fixture_copy("links/index-pages");
    let page = dir.path().join("Port-Captain.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replace("[**Our fleet**]", "[**Fleet team**]")).unwrap();
    let report = lint(&[dir.path()]);
    assert_eq!(
        located(&report),
        [at("nav-label-mismatch", "Port-Captain.md", 10, 4)]
    );
    assert_eq!(
        report.diagnostics[0].message,
        "nav label `Fleet team` differs from the label the folder's other navs give `fleet/Readme.md`"
    );
}

// --- unlinked-collection --------------------------------------------------------------

#[test]
fn pages_that_link_no_page_are_a_collection_not_orphans() {
    assert_eq!(located(&lint(&[&fixture("links/unlinked-collection")])), []);
    // Once one page links another, pages are reached by links and the rest are orphans.
    let dir = fixture_copy("links/unlinked-collection");
    let page = dir.path().join("Dispatch-Lead.md");
    let mut text = fs::read_to_string(&page).unwrap();
    text.push_str("\nBreakdowns go to the [Fleet Engineer](Fleet-Engineer.md).\n");
    fs::write(&page, text).unwrap();
    assert_eq!(
        located(&lint(&[dir.path()])),
        [
            at("orphan-page", "Customs-Broker.md", 1, 1),
            at("orphan-page", "Dispatch-Lead.md", 1, 1),
            at("orphan-page", "Yard-Supervisor.md", 1, 1),
        ]
    );
}

// --- self-nearest ---------------------------------------------------------------------

#[test]
fn suggestions_never_name_the_linking_page() {
    let report = lint(&[&fixture("links/self-nearest")]);
    assert_eq!(
        located(&report),
        [
            at("broken-link", "Dispatch-Lead.md", 3, 71),
            at("broken-link", "Fleet-Engineer.md", 3, 57),
        ]
    );
    // `Dispatch-Leed.md` is one edit from the linking page and two from `Dispach-Lead.md`.
    let dispatch = &report.diagnostics[0];
    let help = dispatch.help.as_deref().unwrap_or_default();
    assert!(!help.contains("`Dispatch-Lead.md`"), "{help}");
    assert!(
        dispatch.help.is_none() || help == "did you mean `Dispach-Lead.md`?",
        "{help}"
    );
    for edit in dispatch.fix.iter().flat_map(|f| &f.edits) {
        assert_ne!(edit.replacement, "Dispatch-Lead.md");
    }
    // `Fleet-Enginer.md` is near no page but the linking one.
    let fleet = &report.diagnostics[1];
    assert_eq!((&fleet.help, &fleet.fix), (&None, &None));
}

#[test]
fn a_fix_past_the_linking_page_does_not_break_the_anchor() {
    let dir = fixture_copy("links/self-nearest");
    let report = lint(&[dir.path()]);
    let dispatch = &report.diagnostics[0];
    assert_eq!(dispatch.path, "Dispatch-Lead.md");
    if dispatch.fix.is_some() {
        // Today: "Replace `Dispatch-Leed.md` with `Dispach-Lead.md`", and the fixed page
        // links `Dispach-Lead.md#rota`, a heading only Dispatch-Lead.md has.
        fs::write(
            dir.path().join("Dispatch-Lead.md"),
            fixed(&report, dispatch),
        )
        .unwrap();
        let after = lint(&[dir.path()]);
        let anchors = of_rule(&after, "broken-anchor");
        assert!(anchors.is_empty(), "{anchors:#?}");
    }
}

#[test]
fn an_orphan_is_not_renamed_from_a_name_only_it_links() {
    let dir = fixture_copy("links/self-nearest");
    let readme = dir.path().join("README.md");
    let text = fs::read_to_string(&readme).unwrap();
    fs::write(
        &readme,
        text.replace("- [Fleet Engineer](Fleet-Engineer.md)\n", ""),
    )
    .unwrap();
    let report = lint(&[dir.path()]);
    let orphans = of_rule(&report, "orphan-page");
    assert_eq!(orphans.len(), 1, "{orphans:#?}");
    assert_eq!(orphans[0].path, "Fleet-Engineer.md");
    // Today: "a link points to `Fleet-Enginer.md`, which does not exist: if this page was
    // renamed from it, update that link"; that link is on Fleet-Engineer.md itself.
    assert_eq!(
        orphans[0].help.as_deref(),
        Some("link it from its folder's nav or from a related page, or delete it")
    );
}

// --- readme-nav-missing ---------------------------------------------------------------

#[test]
fn missing_entries_of_the_reference_nav_are_not_asked_of_other_pages() {
    let report = lint(&[&fixture("links/readme-nav-missing")]);
    assert_eq!(
        located(&report),
        [
            at("nav-inconsistent", "Fleet-Engineer.md", 5, 1),
            at("broken-link", "README.md", 10, 24),
            at("broken-link", "README.md", 11, 24),
            at("nav-inconsistent", "Yard-Supervisor.md", 5, 1),
        ]
    );
    for d in of_rule(&report, "nav-inconsistent") {
        let help = d.help.as_deref().unwrap_or_default();
        assert!(
            help.ends_with("no nav is shared by most pages of this folder, so `README.md`'s nav is the reference"),
            "{help}"
        );
        let fix = d.fix.as_ref().expect("the nav can be rewritten");
        let mut said = vec![d.message.clone(), help.to_string(), fix.description.clone()];
        said.extend(fix.edits.iter().map(|e| e.replacement.clone()));
        said.push(fixed(&report, d));
        for text in said {
            assert!(
                !text.contains("Customs-Broker") && !text.contains("Crane-Operator"),
                "{}: {text}",
                d.path
            );
        }
    }
}

// --- site generators ------------------------------------------------------------------

/// Each site fixture: its folder under `fixtures/sites/` and its handbook root in it.
const SITES: [(&str, &str); 5] = [
    ("hugo", "content/roles"),
    ("mkdocs-nav", "docs"),
    ("mkdocs-auto", "docs"),
    ("docusaurus", "docs"),
    ("jekyll", "_roles"),
];

/// The site generators that build the navigation, with their configuration file.
const BUILDING: [(&str, &str); 4] = [
    ("hugo", "hugo.toml"),
    ("mkdocs-auto", "mkdocs.yml"),
    ("docusaurus", "docusaurus.config.js"),
    ("jekyll", "_config.yml"),
];

fn handbook_root(site: &str) -> &'static str {
    SITES.iter().find(|(s, _)| *s == site).unwrap().1
}

#[test]
fn sites_that_build_the_navigation_have_no_orphans() {
    for (site, root) in SITES {
        let report = lint(&[&fixture(&format!("sites/{site}/{root}"))]);
        let expected = match site {
            "mkdocs-nav" => vec![at("orphan-page", "roles/data-analyst.md", 1, 1)],
            _ => vec![],
        };
        assert_eq!(located(&report), expected, "{site}");
    }
}

/// A copy of a site fixture in a temporary git work tree, whose first page (by name) links
/// the second, so that its pages link each other.
fn linked_site(site: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = fixture_copy(&format!("sites/{site}"));
    git_work_tree(dir.path(), None);
    let root = dir.path().join(handbook_root(site));
    let mut pages: Vec<_> = walk(&root)
        .into_iter()
        .filter(|p| !p.file_name().unwrap().to_string_lossy().contains("index"))
        .collect();
    pages.sort();
    let target = pages[1].file_name().unwrap().to_string_lossy().into_owned();
    let mut text = fs::read_to_string(&pages[0]).unwrap();
    text.push_str(&format!("\nSee also [the next role]({target}).\n"));
    fs::write(&pages[0], text).unwrap();
    (dir, root)
}

#[test]
fn sites_that_build_the_navigation_have_no_orphans_even_where_pages_link() {
    for (site, config) in BUILDING {
        let (dir, root) = linked_site(site);
        let report = lint(&[&root]);
        let orphans = of_rule(&report, "orphan-page");
        assert!(orphans.is_empty(), "{site}: {orphans:#?}");
        // Without the generator's configuration, the unlinked pages are orphans.
        fs::remove_file(dir.path().join(config)).unwrap();
        assert!(
            !of_rule(&lint(&[&root]), "orphan-page").is_empty(),
            "{site} without {config}"
        );
    }
}

#[test]
fn orphan_page_set_in_the_configuration_reports_orphans_of_a_hugo_site() {
    let dir = fixture_copy("sites/hugo");
    git_work_tree(dir.path(), None);
    let root = dir.path().join("content/roles");
    fs::write(
        root.join("roles-lint.toml"),
        "[rules]\norphan-page = \"error\"\n",
    )
    .unwrap();
    assert_eq!(
        located(&lint(&[&root])),
        [
            at("orphan-page", "platform-engineer.md", 1, 1),
            at("orphan-page", "release-manager.md", 1, 1),
            at("orphan-page", "support-lead.md", 1, 1),
        ]
    );
}

#[test]
fn a_hugo_section_page_of_front_matter_only_needs_no_nav() {
    let dir = fixture_copy("sites/hugo");
    git_work_tree(dir.path(), None);
    let root = dir.path().join("content/roles");
    let nav = "\n# Other Pages\n\
        * [**Platform Engineer**](platform-engineer.md)\n\
        * [**Release Manager**](release-manager.md)\n\
        * [**Support Lead**](support-lead.md)\n";
    for page in [
        "platform-engineer.md",
        "release-manager.md",
        "support-lead.md",
    ] {
        let mut text = fs::read_to_string(root.join(page)).unwrap();
        text.push_str(nav);
        fs::write(root.join(page), text).unwrap();
    }
    fs::write(
        root.join("_index.md"),
        "---\ntitle: Roles\nweight: 1\n---\n",
    )
    .unwrap();
    assert_eq!(located(&lint(&[&root])), []);
    // With a line of text, it is a page like the others, and they all end with a nav.
    let with_text = "---\ntitle: Roles\n---\n\nThe roles of Tidewater Freight.\n";
    fs::write(root.join("_index.md"), with_text).unwrap();
    assert_eq!(
        located(&lint(&[&root])),
        [at("nav-inconsistent", "_index.md", 1, 1)]
    );
}

// --- a renamed page -------------------------------------------------------------------

const OLD: &str = "Delivery-Engineer.md";
const NEW: &str = "Delivery-Engineering.md";

/// The example handbook with `Delivery-Engineer.md` renamed and every link to it left.
fn renamed_handbook() -> (tempfile::TempDir, Report) {
    let dir = fixture_copy("handbook");
    fs::rename(dir.path().join(OLD), dir.path().join(NEW)).unwrap();
    let report = lint(&[dir.path()]);
    (dir, report)
}

#[test]
fn links_to_a_renamed_page_name_its_new_name() {
    let (_dir, report) = renamed_handbook();
    let broken = of_rule(&report, "broken-link");
    // 16 links in all, one of them the renamed page's own nav entry.
    assert_eq!(broken.len(), 16);
    for d in &broken {
        let written = if d.message.contains("`./") { "./" } else { "" };
        assert_eq!(
            d.message,
            format!("link target `{written}{OLD}` does not exist")
        );
        let help = d.help.as_deref().unwrap();
        assert!(
            help.ends_with(&format!("(`{OLD}` is also linked from 15 other places)")),
            "{}:{}: {help}",
            d.path,
            d.span.start.line
        );
        if d.path == NEW {
            // Never the linking page: it is the renamed page itself.
            assert!(!help.contains(&format!("`{NEW}`")), "{help}");
        } else {
            assert!(
                help.starts_with(&format!("did you mean `{written}{NEW}`?")),
                "{}:{}: {help}",
                d.path,
                d.span.start.line
            );
        }
    }
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(
        rules
            .iter()
            .filter(|r| **r != "broken-link")
            .collect::<Vec<_>>(),
        [&"orphan-page"]
    );
    let orphan = &of_rule(&report, "orphan-page")[0];
    assert_eq!((orphan.path.as_str(), orphan.span.start.line), (NEW, 1));
    assert_eq!(
        orphan.help.as_deref(),
        Some(
            // 16 links in all, but the renamed page's own nav entry does not reach it.
            "15 links point to `Delivery-Engineer.md`, which does not exist: if this page was \
             renamed from it, update those links"
        )
    );
}

#[test]
fn the_renamed_page_is_not_pointed_at_another_page() {
    let (_dir, report) = renamed_handbook();
    let own: Vec<_> = of_rule(&report, "broken-link")
        .into_iter()
        .filter(|d| d.path == NEW)
        .collect();
    assert_eq!(own.len(), 1);
    // Today: "did you mean `Quality-Engineer.md`? (`Delivery-Engineer.md` is also ...)".
    let help = own[0].help.as_deref().unwrap_or_default();
    assert!(!help.contains("Quality-Engineer.md"), "{help}");
}

#[test]
fn links_to_a_moved_page_name_its_new_folder() {
    let dir = fixture_copy("handbook");
    fs::create_dir(dir.path().join("quality")).unwrap();
    fs::rename(
        dir.path().join("Quality-Director.md"),
        dir.path().join("quality/Quality-Director.md"),
    )
    .unwrap();
    let report = lint(&[dir.path()]);
    let to_old: Vec<_> = of_rule(&report, "broken-link")
        .into_iter()
        .filter(|d| d.message == "link target `Quality-Director.md` does not exist")
        .filter(|d| d.path != "quality/Quality-Director.md")
        .collect();
    assert_eq!(to_old.len(), 15);
    for d in to_old {
        let help = d.help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with("did you mean `quality/Quality-Director.md`?"),
            "{}:{}: {help}",
            d.path,
            d.span.start.line
        );
    }
    let orphans = of_rule(&report, "orphan-page");
    assert_eq!(orphans.len(), 1);
    let help = orphans[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("`Quality-Director.md`"), "{help}");
}
