//! Inputs that once broke roles-lint (found by a red team and a fuzzer), kept as tests:
//! fixes that must touch only what they must, and output that must not crash.

mod common;

use std::fs;

use common::{fixture_copy, handbook, lint, roles_lint};

/// The example handbook's `Software-Engineer.md` nav, with `nav` in place of its list.
fn with_nav(nav: &str) -> (tempfile::TempDir, String) {
    let dir = fixture_copy("handbook");
    let path = dir.path().join("Software-Engineer.md");
    let page = fs::read_to_string(&path).unwrap();
    let at = page
        .find("# Other Pages")
        .expect("the example page has a nav");
    let page = format!("{}# Other Pages\n{nav}", &page[..at]);
    fs::write(&path, &page).unwrap();
    (dir, page)
}

/// Runs `roles-lint --fix` on the folder and returns the page afterwards.
fn fixed_page(dir: &tempfile::TempDir) -> String {
    roles_lint().arg("--fix").arg(dir.path()).output().unwrap();
    fs::read_to_string(dir.path().join("Software-Engineer.md")).unwrap()
}

const MISSING: &str = "* [**Quality Director**](Quality-Director.md)\n";

#[test]
fn the_nav_fix_adds_the_missing_entry_and_keeps_every_other_byte() {
    let nav = "* [**Introduction**](README.md)\n\
               * [**Software Engineer**](Software-Engineer.md)\n\
               * [**Software Director**](Software-Director.md)\n\
               * [**Quality Engineer**](Quality-Engineer.md \"QE ladder\")\n\
               * [**Delivery Engineer**](Delivery-Engineer.md) - ships things safely\n\
               \x20 * see also the [on-call guide](Delivery-Director.md)\n\
               \x20 <!-- keep this comment -->\n\
               * [**Delivery Director**](Delivery-Director.md)\n\
               * [**Engineering Director**](Engineering-Director.md)\n\
               * [**Software Director vs Engineering Director**](Comparison-Software-Director-Engineering-Director.md)\n\
               * [**Directing Directors**](Directing-Directors.md)\n";
    let (dir, before) = with_nav(nav);
    let after = fixed_page(&dir);
    let expected = before.replace(
        "* [**Delivery Engineer**]",
        &format!("{MISSING}* [**Delivery Engineer**]"),
    );
    assert_eq!(after, expected);
}

#[test]
fn a_comment_inside_the_nav_belongs_to_the_nav_and_stays_above_its_entry() {
    let nav = "* [**Introduction**](README.md)\n\
               * [**Software Engineer**](Software-Engineer.md)\n\
               * [**Software Director**](Software-Director.md)\n\
               * [**Quality Engineer**](Quality-Engineer.md)\n\
               <!-- roles-lint-disable-next-line nav-label-mismatch -- called DevOps here -->\n\
               * [**DevOps Engineer**](Delivery-Engineer.md)\n\
               * [**Delivery Director**](Delivery-Director.md)\n\
               * [**Engineering Director**](Engineering-Director.md)\n\
               * [**Software Director vs Engineering Director**](Comparison-Software-Director-Engineering-Director.md)\n\
               * [**Directing Directors**](Directing-Directors.md)\n";
    let (dir, before) = with_nav(nav);
    let after = fixed_page(&dir);
    let expected = before.replace(
        "<!-- roles-lint-disable",
        &format!("{MISSING}<!-- roles-lint-disable"),
    );
    assert_eq!(after, expected);
    assert_eq!(lint(&[dir.path()]).diagnostics, []);
}

#[test]
fn a_fix_that_changes_nothing_is_never_offered() {
    let dir = handbook(&[(
        "Beta.md",
        "# Beta Page\n\n# Other Pages\n* [Beta Page**](Beta.md)\n",
    )]);
    let report = lint(&[dir.path()]);
    assert!(!report.diagnostics.is_empty());
    assert!(
        report.diagnostics.iter().all(|d| d.fix.is_none()),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn a_finding_far_along_a_long_line_is_printed_in_a_clipped_frame() {
    let line = format!("See{}[a](Missing.md) and more.", "\t".repeat(16_500));
    let dir = handbook(&[("Wide.md", &format!("# Wide\n\n{line}\n"))]);
    let output = roles_lint()
        .arg("--color=never")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("[Wide.md:3:16508]"), "{stdout}");
    assert!(stdout.contains("…") && stdout.len() < 2_000, "{stdout}");
    assert!(stdout.contains("link target `Missing.md` does not exist"));
}

#[test]
fn many_findings_on_one_long_line_do_not_print_the_line_each_time() {
    let links: String = (0..2_000)
        .map(|i| format!("[x](Missing-{i}.md) "))
        .collect();
    let dir = handbook(&[("Wide.md", &format!("# Wide\n\n{links}\n"))]);
    let output = roles_lint()
        .arg("--color=never")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    // 2,000 frames of a 44 KB line would print 88 MB; windows keep each frame small.
    assert!(
        output.stdout.len() < 2_000 * 1_000,
        "{} bytes",
        output.stdout.len()
    );
}

#[test]
fn every_bidi_control_and_default_ignorable_character_is_reported() {
    let cases = [
        ('\u{200E}', "LEFT-TO-RIGHT MARK"),
        ('\u{200F}', "RIGHT-TO-LEFT MARK"),
        ('\u{061C}', "ARABIC LETTER MARK"),
        ('\u{2062}', "INVISIBLE TIMES"),
        ('\u{180E}', "MONGOLIAN VOWEL SEPARATOR"),
        ('\u{E0041}', "TAG CHARACTER"),
        // Any other default-ignorable character, by Unicode's own property.
        ('\u{3164}', "DEFAULT IGNORABLE CHARACTER"),
        ('\u{034F}', "DEFAULT IGNORABLE CHARACTER"),
    ];
    for (c, name) in cases {
        let dir = handbook(&[("A.md", &format!("# A\n\nHidden{c}text.\n"))]);
        let report = lint(&[dir.path()]);
        let found: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(found, ["invisible-char"], "{name}");
        assert!(report.diagnostics[0].message.contains(name), "{name}");
    }
    // The tags of a subdivision flag (England's) are part of an emoji.
    let flag = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
    // A variation selector picks an emoji's colour form (❤️) or an ideograph's variant.
    let dir = handbook(&[(
        "A.md",
        &format!("# A\n\nGo {flag} team \u{2764}\u{FE0F} \u{845B}\u{E0100}.\n"),
    )]);
    assert_eq!(lint(&[dir.path()]).diagnostics, []);
}

#[test]
fn bidi_controls_in_echoed_page_text_are_written_as_code_points() {
    let dir = handbook(&[("A.md", "# A\n\nSee [x](Mis\u{202E}sing.md).\n")]);
    for format in ["human", "concise"] {
        let output = roles_lint()
            .args(["--color=never", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(!stdout.contains('\u{202E}'), "{format}: {stdout}");
        assert!(stdout.contains("Mis<U+202E>sing.md"), "{format}: {stdout}");
    }
}

#[test]
fn a_folder_without_markdown_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "not Markdown").unwrap();
    let output = roles_lint().arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no Markdown page in"), "{stderr}");
}

#[test]
fn errors_name_no_internal_code_and_an_unknown_rule_gets_a_suggestion() {
    let output = roles_lint()
        .args(["--select", "broken-lnk"])
        .arg(common::fixture("handbook"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("roles_lint::"), "{stderr}");
    assert!(stderr.contains("did you mean `broken-link`?"), "{stderr}");
}

#[test]
fn pages_held_in_memory_are_linted_as_a_handbook() {
    let pages = [
        (
            "README.md".to_string(),
            "# Team\n\n- [Lead](Lead.md)\n".to_string(),
        ),
        (
            "Lead.md".to_string(),
            "# Lead\n\nSee [x](Missing.md).\n".to_string(),
        ),
    ];
    let report = roles_lint::run_in_memory(&pages);
    assert_eq!(report.files, 2);
    let rules: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.path.as_str()))
        .collect();
    assert_eq!(rules, [("broken-link", "Lead.md")]);
}

#[test]
fn links_whose_destination_stands_on_its_own_line_are_read_whole() {
    let page =
        "# A\n\nSee [the lead][lead] and [b](\nMissing-B.md\n).\n\n[lead]:\n  Missing-Lead.md\n";
    let dir = handbook(&[("A.md", page)]);
    let report = lint(&[dir.path()]);
    let found: Vec<(&str, usize, usize, &str)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule,
                d.span.start.line,
                d.span.start.column,
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "broken-link",
                4,
                1,
                "link target `Missing-B.md` does not exist"
            ),
            (
                "broken-link",
                8,
                3,
                "reference definition target `Missing-Lead.md` does not exist"
            ),
        ]
    );
}

#[test]
fn standard_input_is_judged_as_a_page_on_disk_would_be() {
    let page = common::fixture("handbook").join("New.md");
    let run = |input: &[u8], name: &std::path::Path| {
        let output = roles_lint()
            .arg("--stdin-filename")
            .arg(name)
            .arg("-")
            .write_stdin(input.to_vec())
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, stderr) = run(b"# A\n\x00b\n", &page);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("binary file"), "{stderr}");
    let (code, stderr) = run(b"# A\nb\xff\n", &page);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("line 2, column 2"), "{stderr}");
    let (code, stderr) = run(b"# A\n", &common::fixture("handbook"));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("names a folder"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_page_with_a_name_that_is_not_utf8_is_reported_as_such() {
    use std::os::unix::ffi::OsStrExt;
    let dir = handbook(&[("README.md", "# Team\n")]);
    let name = std::ffi::OsStr::from_bytes(b"Le\xffad.md");
    fs::write(dir.path().join(name), "# Lead\n").unwrap();
    let report = lint(&[dir.path()]);
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("not valid UTF-8"), "{messages:?}");
}

#[cfg(unix)]
#[test]
fn a_looping_link_named_on_the_command_line_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("loop.md");
    std::os::unix::fs::symlink(&link, &link).unwrap();
    let output = roles_lint().arg(&link).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("path not found"), "{stderr}");
    assert!(stderr.contains("symbolic links"), "{stderr}");
}

#[test]
fn a_page_outside_any_handbook_marker_does_not_make_its_folder_tree_a_handbook() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("A.md"), "# A\n").unwrap();
    let scope = roles_lint::discover::scope(&[dir.path().join("A.md")], None).unwrap();
    // No roles-lint.toml or .git above it: its folder, not the folders below.
    assert!(scope.shallow || roles_lint::repo::work_tree_of(dir.path()).is_some());
}

#[test]
fn a_title_with_brackets_is_never_written_into_a_nav_label() {
    for title in ["Engineer [L2", "Engineer L2]"] {
        let dir = handbook(&[
            (
                "README.md",
                "# Roles\n\n# Pages\n- [Platform Engineer](Platform-Engineer.md)\n",
            ),
            (
                "Platform-Engineer.md",
                &format!("# {title}\n\nBack to [roles](README.md).\n"),
            ),
        ]);
        let before = fs::read_to_string(dir.path().join("README.md")).unwrap();
        let output = roles_lint().arg("--fix").arg(dir.path()).output().unwrap();
        // The mismatch is reported, without a fix: the run ends, nothing is rewritten.
        assert_eq!(output.status.code(), Some(1), "{title}");
        assert_eq!(
            fs::read_to_string(dir.path().join("README.md")).unwrap(),
            before
        );
    }
}
