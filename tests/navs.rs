//! Navigation rules on small handbooks: self entries, missing navs, ties, stray text,
//! folders with navs of their own.

mod common;

use common::{findings, handbook, lint};

/// A page titled after its file, with prose and a nav of `entries` (file names).
fn page(title: &str, entries: &[&str]) -> String {
    let mut text = format!("# {title}\n\nThe {title} page.\n\n# Other Pages\n");
    for entry in entries {
        text.push_str(&format!("* [**{}**]({entry})\n", title_of(entry)));
    }
    text
}

fn title_of(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap().trim_end_matches(".md");
    if name == "README" {
        "Introduction".to_string()
    } else {
        name.replace('-', " ")
    }
}

fn lint_pages(pages: &[(&str, String)]) -> Vec<(String, String, usize)> {
    let pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let dir = handbook(&pages);
    findings(&lint(&[dir.path()]))
}

const ALL: [&str; 4] = [
    "README.md",
    "Alpha-Lead.md",
    "Beta-Lead.md",
    "Gamma-Lead.md",
];

fn without<'a>(list: &[&'a str], page: &str) -> Vec<&'a str> {
    list.iter().copied().filter(|e| *e != page).collect()
}

fn finding(rule: &str, path: &str, line: usize) -> (String, String, usize) {
    (rule.to_string(), path.to_string(), line)
}

#[test]
fn navs_that_list_their_own_page_are_consistent() {
    let pages: Vec<_> = ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    assert_eq!(lint_pages(&pages), []);
}

#[test]
fn navs_that_leave_out_their_own_page_are_consistent() {
    let pages: Vec<_> = ALL
        .iter()
        .map(|p| (*p, page(&title_of(p), &without(&ALL, p))))
        .collect();
    assert_eq!(lint_pages(&pages), []);
}

#[test]
fn leaving_out_the_own_entry_where_others_list_theirs_differs() {
    let mut pages: Vec<_> = ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    pages[2].1 = page("Beta Lead", &without(&ALL, "Beta-Lead.md"));
    assert_eq!(
        lint_pages(&pages),
        [finding("nav-inconsistent", "Beta-Lead.md", 5)]
    );
}

#[test]
fn missing_and_extra_entries_are_named() {
    let mut pages: Vec<_> = ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    pages[1].1 = page(
        "Alpha Lead",
        &[
            "README.md",
            "Alpha-Lead.md",
            "Gamma-Lead.md",
            "Delta-Lead.md",
        ],
    );
    pages.push(("Delta-Lead.md", page("Delta Lead", &[])));
    pages.last_mut().unwrap().1 =
        "# Delta Lead\n\nSee [the introduction](README.md).\n".to_string();
    let dir_pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let dir = handbook(&dir_pages);
    let report = lint(&[dir.path()]);
    let alpha: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.path == "Alpha-Lead.md")
        .collect();
    assert_eq!(alpha.len(), 1, "{alpha:#?}");
    assert_eq!(alpha[0].rule, "nav-inconsistent");
    assert_eq!(
        alpha[0].message,
        "this nav differs from its folder's: it lacks `Beta-Lead.md`; it adds `Delta-Lead.md`"
    );
    assert!(
        alpha[0]
            .help
            .as_deref()
            .unwrap()
            .contains("3 of the 4 pages with a nav in this folder share it"),
        "{:?}",
        alpha[0].help
    );
    // Delta-Lead.md has no nav while 4 of the 5 pages do.
    assert!(findings(&report).contains(&finding("nav-inconsistent", "Delta-Lead.md", 1)));
}

#[test]
fn a_swap_of_two_pages_does_not_become_the_canonical_nav() {
    // Aardvark (tried first, by path) swaps Alpha and Beta. Leaving out both compared
    // pages, it would agree with Alpha and Beta; as pages here list themselves, those two
    // show the order they really use.
    let all = [
        "README.md",
        "Alpha-Lead.md",
        "Beta-Lead.md",
        "Aardvark-Lead.md",
    ];
    let swapped = [
        "README.md",
        "Beta-Lead.md",
        "Alpha-Lead.md",
        "Aardvark-Lead.md",
    ];
    let pages: Vec<_> = all
        .iter()
        .map(|p| {
            let entries: &[&str] = if *p == "Aardvark-Lead.md" {
                &swapped
            } else {
                &all
            };
            (*p, page(&title_of(p), entries))
        })
        .collect();
    assert_eq!(
        lint_pages(&pages),
        [finding("nav-inconsistent", "Aardvark-Lead.md", 5)]
    );
}

#[test]
fn out_of_order_entries_differ() {
    let mut pages: Vec<_> = ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    pages[3].1 = page(
        "Gamma Lead",
        &[
            "README.md",
            "Beta-Lead.md",
            "Alpha-Lead.md",
            "Gamma-Lead.md",
        ],
    );
    let dir_pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let report = lint(&[handbook(&dir_pages).path()]);
    assert_eq!(
        findings(&report),
        [finding("nav-inconsistent", "Gamma-Lead.md", 5)]
    );
    assert!(report.diagnostics[0]
        .message
        .ends_with("its entries are in another order"));
}

#[test]
fn a_page_without_nav_is_reported_on_line_one_only_where_most_pages_have_one() {
    let mut pages: Vec<_> = ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    pages[1].1 = "# Alpha Lead\n\nNo nav here, but [home](README.md).\n".to_string();
    assert_eq!(
        lint_pages(&pages),
        [finding("nav-inconsistent", "Alpha-Lead.md", 1)]
    );

    // Two of four pages without a nav: not most pages have one, so nobody is reported.
    pages[2].1 = "# Beta Lead\n\nNo nav here either, see [home](README.md).\n".to_string();
    assert_eq!(lint_pages(&pages), []);
}

#[test]
fn tied_navs_without_an_index_page_are_left_alone() {
    let pages_list = [
        "Alpha-Lead.md",
        "Beta-Lead.md",
        "Gamma-Lead.md",
        "Delta-Lead.md",
    ];
    let one = [
        "Alpha-Lead.md",
        "Beta-Lead.md",
        "Gamma-Lead.md",
        "Delta-Lead.md",
    ];
    let other = [
        "Delta-Lead.md",
        "Gamma-Lead.md",
        "Beta-Lead.md",
        "Alpha-Lead.md",
    ];
    let pages: Vec<_> = pages_list
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, page(&title_of(p), if i < 2 { &one } else { &other })))
        .collect();
    assert_eq!(lint_pages(&pages), []);
}

#[test]
fn tied_navs_follow_the_index_page() {
    let one = ALL.to_vec();
    let other = [
        "README.md",
        "Gamma-Lead.md",
        "Beta-Lead.md",
        "Alpha-Lead.md",
    ];
    let pages: Vec<_> = ALL
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, page(&title_of(p), if i < 2 { &one } else { &other })))
        .collect();
    let found = lint_pages(&pages);
    assert_eq!(
        found,
        [
            finding("nav-inconsistent", "Beta-Lead.md", 5),
            finding("nav-inconsistent", "Gamma-Lead.md", 5),
        ]
    );
}

#[test]
fn stray_characters_after_the_last_link_are_tolerated() {
    let mut pages: Vec<_> = ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    pages[1].1 = page("Alpha Lead", &ALL).replace("(Gamma-Lead.md)\n", "(Gamma-Lead.md)x\n");
    pages[2].1 = format!("{} \n*\n", page("Beta Lead", &ALL));
    pages[3].1 = format!("{}.\n", page("Gamma Lead", &ALL));
    assert_eq!(lint_pages(&pages), []);
}

#[test]
fn folders_have_their_own_navs() {
    let root = ["README.md", "Alpha-Lead.md", "team/README.md"];
    let team = ["team/README.md", "team/Beta-Lead.md", "team/Gamma-Lead.md"];
    let relative = |list: &[&str], from_team: bool| -> Vec<String> {
        list.iter()
            .map(|p| match (from_team, p.strip_prefix("team/")) {
                (true, Some(rest)) => rest.to_string(),
                (true, None) => format!("../{p}"),
                (false, _) => p.to_string(),
            })
            .collect()
    };
    let nav = |title: &str, list: &[&str], from_team: bool| {
        let entries = relative(list, from_team);
        let entries: Vec<&str> = entries.iter().map(String::as_str).collect();
        page(title, &entries)
    };
    let mut pages = vec![
        ("README.md", nav("Introduction", &root, false)),
        ("Alpha-Lead.md", nav("Alpha Lead", &root, false)),
        ("team/README.md", nav("Team", &team, true)),
        ("team/Beta-Lead.md", nav("Beta Lead", &team, true)),
        ("team/Gamma-Lead.md", nav("Gamma Lead", &team, true)),
    ];
    // Index pages may carry any label, as long as every nav of the folder agrees.
    assert_eq!(lint_pages(&pages), []);
    pages[4].1 = nav(
        "Gamma Lead",
        &["team/README.md", "team/Gamma-Lead.md"],
        true,
    );
    assert_eq!(
        lint_pages(&pages),
        [finding("nav-inconsistent", "team/Gamma-Lead.md", 5)]
    );
}

#[test]
fn duplicates_count_once_for_consistency_and_fragments_are_distinct() {
    let mut pages: Vec<_> = ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    pages[1].1 = pages[1].1.replace(
        "* [**Beta Lead**](Beta-Lead.md)\n",
        "* [**Beta Lead**](Beta-Lead.md)\n* [**Beta Lead**](./Beta-Lead.md)\n",
    );
    pages[2]
        .1
        .push_str("* [**Gamma Lead**](Gamma-Lead.md#gamma-lead)\n");
    let found = lint_pages(&pages);
    assert_eq!(
        found,
        [
            finding("duplicate-nav-entry", "Alpha-Lead.md", 9),
            finding("nav-inconsistent", "Beta-Lead.md", 5),
        ]
    );
}

#[test]
fn index_page_labels_must_agree_across_the_folder() {
    let mut pages: Vec<_> = ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    pages[3].1 = pages[3].1.replace(
        "[**Introduction**](README.md)",
        "[**The Overview**](README.md)",
    );
    assert_eq!(
        lint_pages(&pages),
        [finding("nav-label-mismatch", "Gamma-Lead.md", 6)]
    );
}

#[test]
fn a_misspelt_label_is_left_to_role_typo() {
    let mut pages: Vec<_> = ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    pages[3].1 = pages[3].1.replace("[**Beta Lead**]", "[**Beta Laed**]");
    pages[2].1 = pages[2]
        .1
        .replace("[**Alpha Lead**]", "[**Alpha Team Lead**]");
    let found: Vec<_> = lint_pages(&pages)
        .into_iter()
        .filter(|f| f.0 == "nav-label-mismatch")
        .collect();
    assert_eq!(found, [finding("nav-label-mismatch", "Beta-Lead.md", 7)]);
}

#[test]
fn orphans_are_pages_nobody_links() {
    let mut pages: Vec<_> = ALL
        .iter()
        .map(|p| (*p, page(&title_of(p), &without(&ALL, "Gamma-Lead.md"))))
        .collect();
    // Gamma's own nav links every other page, but no page links Gamma.
    pages.push((
        "team/README.md",
        "# Team\n\nNobody links this folder's README: it is fine.\n".to_string(),
    ));
    let found = lint_pages(&pages);
    assert_eq!(found, [finding("orphan-page", "Gamma-Lead.md", 1)]);

    // A link to the folder reaches its README; a link from the page to itself does not count.
    pages[3].1 = pages[3].1.replace(
        "The Gamma Lead page.",
        "See [this page](Gamma-Lead.md) and [the team](team/).",
    );
    let found = lint_pages(&pages);
    assert_eq!(found, [finding("orphan-page", "Gamma-Lead.md", 1)]);
}

/// Pages whose navs resolve alike share one copy of their entry targets, and a page
/// whose nav differs keeps its own: a flat handbook repeats its nav on every page.
#[test]
fn navs_that_resolve_alike_are_held_once() {
    use roles_lint::facts::ExtractOptions;
    use roles_lint::handbook::Handbook;
    let mut texts: Vec<(&str, String)> =
        ALL.iter().map(|p| (*p, page(&title_of(p), &ALL))).collect();
    texts[3].1 = page("Gamma Lead", &ALL[..3]);
    let pages = texts
        .into_iter()
        .map(|(path, text)| {
            roles_lint::load::parse_page(path.to_string(), text, &ExtractOptions::default())
        })
        .collect();
    let handbook = Handbook::new(std::path::PathBuf::from("/handbook"), pages);
    let navs = &handbook.indexes().navs;
    let held = |path: &str| navs.entry_targets(path).unwrap();
    assert_eq!(held("Alpha-Lead.md").len(), 4);
    assert_eq!(held("Alpha-Lead.md"), held("README.md"));
    assert!(std::ptr::eq(held("Alpha-Lead.md"), held("Beta-Lead.md")));
    assert!(std::ptr::eq(held("Alpha-Lead.md"), held("README.md")));
    assert_eq!(held("Gamma-Lead.md").len(), 3);
    assert!(!std::ptr::eq(held("Alpha-Lead.md"), held("Gamma-Lead.md")));
}
