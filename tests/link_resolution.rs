//! How link destinations resolve on a real handbook on disk: which are reported and which not.

mod common;

use common::{findings, lint, write};

fn handbook_with(page: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("hb");
    for (path, text) in [
        ("README.md", "# Intro\n\n## Ladder Tables\n"),
        (
            "team/Lead.md",
            "# Lead\n\n## LD1 - Lead 1\n\n<a name=\"custom\"></a>\n",
        ),
        ("My Page.md", "# My Page\n\n## Café Rôle\n"),
        ("images/ladder.png", "not really a png"),
        ("drafts/Draft.md", "# Draft\n\n[nowhere](Nowhere.md)\n"),
        (".gitignore", "drafts/\n"),
        ("Page.md", page),
    ] {
        write(&root, path, text.as_bytes());
    }
    write(outer.path(), "outside.md", b"# Outside\n");
    (outer, root)
}

/// Findings of the link rules (the pages of this handbook are not linked to each other,
/// so other rules have their say too).
fn link_findings(root: &std::path::Path) -> Vec<(String, String, usize)> {
    findings(&lint(&[root]))
        .into_iter()
        .filter(|(rule, _, _)| rule.starts_with("broken-"))
        .collect()
}

/// Lines of `Page.md` reported, with their rule.
fn reported(page: &str) -> Vec<(String, usize)> {
    let (_outer, root) = handbook_with(page);
    link_findings(&root)
        .into_iter()
        .map(|(rule, path, line)| {
            assert_eq!(path, "Page.md", "only Page.md has problems");
            (rule, line)
        })
        .collect()
}

#[test]
fn valid_destinations_are_not_reported() {
    let page = "# Page\n\
        [a](README.md) [b](./README.md) [c](team/../README.md) [d](/team/Lead.md)\n\
        [e](My%20Page.md) [f](<My Page.md>) [g](README.md?ref=nav) [h](team/) [i](team)\n\
        ![j](images/ladder.png) <img src=\"images/ladder.png\"> <a href='team/Lead.md#ld1---lead-1'>k</a>\n\
        [l](../outside.md) [m](team/Lead.md#LD1---Lead-1) [n](team/Lead.md#custom)\n\
        [o](My%20Page.md#caf%C3%A9-r%C3%B4le) [p](README.md#ladder-tables) [q](#page) [r](#top) [s](#)\n\
        [t](https://example.com/Missing.md) [u](mailto:x@example.com) [v](//cdn.example.com/x.png)\n\
        [w](images/ladder.png#not-checked) [x](README.md?plain=1#L2) [y](README.md#user-content-intro)\n\
        [z](drafts/Draft.md#no-such-heading) `[code](Gone.md)`\n\n\
        ```\n[fenced](Gone.md)\n```\n\n\
        [ref]: team/Lead.md#ld1---lead-1\n\n\
        Uses [the ref][ref].\n";
    assert_eq!(reported(page), []);
}

#[test]
fn broken_destinations_are_reported_on_their_line() {
    let page = "# Page\n\
        [a](Readme.md)\n\
        [b](team/lead.md)\n\
        [c](Team/Lead.md)\n\
        ![d](images/ladders.png)\n\
        <img src=\"images/missing.png\">\n\
        [e](../missing-outside.md)\n\
        [f](README.md#ladder)\n\
        [g](team/Lead.md#ld2---lead-2)\n\
        [h](#nowhere)\n\
        [i]\n\n\
        [i]: /No/Such.md\n";
    assert_eq!(
        reported(page),
        [
            ("broken-link".to_string(), 2),
            ("broken-link".to_string(), 3),
            ("broken-link".to_string(), 4),
            ("broken-link".to_string(), 5),
            ("broken-link".to_string(), 6),
            ("broken-link".to_string(), 7),
            ("broken-anchor".to_string(), 8),
            ("broken-anchor".to_string(), 9),
            ("broken-anchor".to_string(), 10),
            ("broken-link".to_string(), 13),
        ]
    );
}

#[test]
fn gitignored_pages_are_not_linted_even_outside_git() {
    let (_outer, root) = handbook_with("# Page\n\n[drafts](drafts/Draft.md)\n");
    assert_eq!(link_findings(&root), []);
    assert_eq!(lint(&[&root]).files, 4);
}

#[test]
fn a_page_given_explicitly_is_linted_even_if_ignored() {
    let (_outer, root) = handbook_with("# Page\n");
    std::fs::write(root.join("roles-lint.toml"), "").unwrap();
    assert_eq!(
        link_findings(&root.join("drafts/Draft.md")),
        [("broken-link".to_string(), "drafts/Draft.md".to_string(), 3)]
    );
}
