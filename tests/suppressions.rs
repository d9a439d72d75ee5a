//! Inline suppressions: `<!-- roles-lint-disable-next-line RULE -->` and kin, and the
//! `invalid-suppression` findings of comments that name an unknown rule or directive.

mod common;

use common::{findings, handbook, lint};

/// Lints a handbook whose README.md is `readme` (with a linked, clean Lead.md) and
/// returns `(rule, path, line)` of every finding.
fn lint_readme(readme: &str) -> Vec<(String, String, usize)> {
    let dir = handbook(&[
        ("README.md", readme),
        ("Lead.md", "# Lead\n\n## Duties\n\n[home](README.md)\n"),
    ]);
    findings(&lint(&[dir.path()]))
}

fn found(rule: &str, line: usize) -> (String, String, usize) {
    (rule.to_string(), "README.md".to_string(), line)
}

#[test]
fn disable_next_line_hides_the_next_line_only() {
    let found_lines = lint_readme(
        "# Intro\n\n[Lead](Lead.md)\n\n\
         <!-- roles-lint-disable-next-line broken-link -->\n\
         [gone](Gone.md)\n\
         [also gone](Gone.md)\n",
    );
    assert_eq!(found_lines, [found("broken-link", 7)]);
}

#[test]
fn disable_next_line_takes_a_list_and_inline_comments() {
    let found_lines = lint_readme(
        "# Intro\n\n\
         <!-- roles-lint-disable-next-line broken-link, broken-anchor -->\n\
         [Lead](Lead.md#dutie) [gone](Gone.md)\n\
         text <!-- roles-lint-disable-next-line broken-anchor -->\n\
         [Lead](Lead.md#dutie) [gone](Gone.md)\n",
    );
    assert_eq!(found_lines, [found("broken-link", 6)]);
}

#[test]
fn disable_and_enable_bound_a_region() {
    let found_lines = lint_readme(
        "# Intro\n\n[Lead](Lead.md)\n\n\
         <!-- roles-lint-disable broken-link -->\n\n\
         [gone](Gone.md) [Lead](Lead.md#dutie)\n\n\
         [gone](Gone.md)\n\n\
         <!-- roles-lint-enable broken-link -->\n\n\
         [gone](Gone.md)\n",
    );
    assert_eq!(
        found_lines,
        [found("broken-anchor", 7), found("broken-link", 13)]
    );
}

#[test]
fn no_rule_means_every_rule_and_enable_can_name_one() {
    let found_lines = lint_readme(
        "# Intro\n\n[Lead](Lead.md)\n\n\
         <!-- roles-lint-disable -->\n\n\
         [gone](Gone.md) [Lead](Lead.md#dutie)\n\n\
         <!-- roles-lint-enable broken-anchor -->\n\n\
         [gone](Gone.md) [Lead](Lead.md#dutie)\n\n\
         <!-- roles-lint-enable -->\n\n\
         [gone](Gone.md)\n",
    );
    assert_eq!(
        found_lines,
        [found("broken-anchor", 11), found("broken-link", 15)]
    );
}

#[test]
fn disable_file_hides_a_rule_on_the_whole_page() {
    let dir = handbook(&[
        ("README.md", "# Intro\n\n[gone](Gone.md)\n"),
        (
            "Draft.md",
            "# Draft\n\n[gone](Gone.md)\n\n<!-- roles-lint-disable-file orphan-page -->\n",
        ),
    ]);
    assert_eq!(
        findings(&lint(&[dir.path()])),
        [
            ("broken-link".to_string(), "Draft.md".to_string(), 3),
            ("broken-link".to_string(), "README.md".to_string(), 3),
        ]
    );
    common::write(
        dir.path(),
        "Draft.md",
        b"<!-- roles-lint-disable-file -->\n# Draft\n\n[gone](Gone.md)\n",
    );
    assert_eq!(findings(&lint(&[dir.path()])).len(), 1);
}

#[test]
fn an_unknown_rule_id_is_reported_and_suppresses_nothing() {
    let readme = "# Intro\n\n[Lead](Lead.md)\n\n\
                  <!-- roles-lint-disable-next-line broken-lnk -->\n\
                  [gone](Gone.md)\n";
    let dir = handbook(&[
        ("README.md", readme),
        ("Lead.md", "# Lead\n\n[home](README.md)\n"),
    ]);
    let report = lint(&[dir.path()]);
    assert_eq!(
        findings(&report),
        [found("invalid-suppression", 5), found("broken-link", 6)]
    );
    let invalid = &report.diagnostics[0];
    assert_eq!(
        invalid.message,
        "`broken-lnk` in a suppression comment is not a rule id, so it suppresses nothing"
    );
    assert_eq!(invalid.help.as_deref(), Some("did you mean `broken-link`?"));
    assert_eq!(
        (invalid.span.start.column, invalid.span.end.column),
        (35, 45)
    );
    // A known id beside the unknown one still applies.
    let found_lines = lint_readme(
        "# Intro\n\n[Lead](Lead.md)\n\n\
         <!-- roles-lint-disable-next-line broken-lnk, broken-link -->\n\
         [gone](Gone.md)\n",
    );
    assert_eq!(found_lines, [found("invalid-suppression", 5)]);
}

#[test]
fn an_unknown_directive_is_reported() {
    let found_lines = lint_readme(
        "# Intro\n\n[Lead](Lead.md)\n\n\
         <!-- roles-lint-disable-nextline broken-link -->\n\
         [gone](Gone.md)\n",
    );
    assert_eq!(
        found_lines,
        [found("invalid-suppression", 5), found("broken-link", 6)]
    );
}

#[test]
fn comments_in_code_are_examples_not_directives() {
    let found_lines = lint_readme(
        "# Intro\n\n[Lead](Lead.md)\n\n\
         ```md\n<!-- roles-lint-disable-file -->\n<!-- roles-lint-disable nope -->\n```\n\n\
         `<!-- roles-lint-disable-next-line -->`\n\
         [gone](Gone.md)\n",
    );
    assert_eq!(found_lines, [found("broken-link", 11)]);
}

#[test]
fn invalid_suppression_can_be_configured_and_suppressed() {
    let readme = "# Intro\n\n[Lead](Lead.md)\n\n<!-- roles-lint-disable nope -->\n";
    let dir = handbook(&[
        ("README.md", readme),
        ("Lead.md", "# Lead\n\n[home](README.md)\n"),
        (
            "roles-lint.toml",
            "[rules]\ninvalid-suppression = \"warning\"\n",
        ),
    ]);
    let (code, value) = common::json(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(value["diagnostics"][0]["rule"], "invalid-suppression");
    assert_eq!(value["diagnostics"][0]["severity"], "warning");
    common::write(
        dir.path(),
        "README.md",
        format!("<!-- roles-lint-disable-file invalid-suppression -->\n{readme}").as_bytes(),
    );
    assert!(lint(&[dir.path()]).diagnostics.is_empty());
}
