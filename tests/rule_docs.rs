//! The examples of every `rules/<id>.md` run as tests.
//!
//! Fenced blocks tagged `md bad expect=N`, `md good` and `md fixed` are examples;
//! `file=PATH` places a block in the example handbook (default `page.md`), and a block
//! tagged only `md file=PATH` is a context page shared by every example of the doc.

mod common;

use std::fs;

use common::doc_examples::{blocks, context, example_pages, Block, Kind};
use common::{handbook, lint};
use roles_lint::diagnostic::Fix;
use roles_lint::rules;

#[test]
fn rule_doc_examples_hold() {
    let mut examples = 0;
    for rule in rules::all() {
        let meta = rule.meta();
        let blocks = blocks(meta.doc);
        let context = context(&blocks);
        assert!(
            blocks.iter().any(|b| b.kind == Kind::Bad),
            "{}: no bad example",
            meta.id
        );
        assert!(
            blocks.iter().any(|b| b.kind == Kind::Good),
            "{}: no good example",
            meta.id
        );
        let mut previous_bad: Option<(&Block, Vec<Fix>)> = None;
        for block in &blocks {
            let where_ = format!("rules/{}.md line {}", meta.id, block.line);
            let page = block.page();
            match block.kind {
                Kind::Context => {}
                Kind::Bad | Kind::Good => {
                    examples += 1;
                    let dir = handbook(&example_pages(&context, block));
                    let report = lint(&[dir.path()]);
                    let on_page: Vec<_> = report
                        .diagnostics
                        .iter()
                        .filter(|d| d.path == page)
                        .collect();
                    if block.kind == Kind::Good {
                        assert!(
                            on_page.is_empty(),
                            "{where_}: good example has findings: {on_page:#?}"
                        );
                        previous_bad = None;
                        continue;
                    }
                    let of_rule = report
                        .diagnostics
                        .iter()
                        .filter(|d| d.rule == meta.id)
                        .count();
                    match block.expect {
                        Some(expected) => {
                            assert_eq!(of_rule, expected, "{where_}: {:#?}", report.diagnostics)
                        }
                        None => assert!(of_rule > 0, "{where_}: bad example has no finding"),
                    }
                    let others: Vec<_> = on_page.iter().filter(|d| d.rule != meta.id).collect();
                    assert!(
                        others.is_empty(),
                        "{where_}: findings of other rules: {others:#?}"
                    );
                    let fixes = on_page.iter().filter_map(|d| d.fix.clone()).collect();
                    previous_bad = Some((block, fixes));
                }
                Kind::Fixed => {
                    let (bad, fixes) = previous_bad
                        .take()
                        .unwrap_or_else(|| panic!("{where_}: `md fixed` must follow a bad block"));
                    let fixes: Vec<&Fix> = fixes.iter().collect();
                    let (fixed, _) = roles_lint::fix::apply(&bad.text, &fixes);
                    assert_eq!(fixed, block.text, "{where_}: fixed text differs");
                }
            }
        }
    }
    assert!(examples >= 4);
}

#[test]
fn docs_have_the_standard_sections() {
    for rule in rules::all() {
        let meta = rule.meta();
        assert!(
            meta.doc.starts_with(&format!("# {}\n", meta.id)),
            "{} doc title",
            meta.id
        );
        let mut sections = vec![
            "## What it flags",
            "## Why it matters",
            "## Bad",
            "## Good",
            "## Notes",
        ];
        if meta.fix != roles_lint::rule::FixAvailability::Never {
            sections.push("## Fix");
        }
        for section in sections {
            assert!(
                meta.doc.lines().any(|l| l == section),
                "{}: missing `{section}`",
                meta.id
            );
        }
    }
}

#[test]
fn every_doc_names_a_registered_rule_and_every_rule_has_its_doc() {
    let registered: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
    let mut documented = Vec::new();
    for entry in fs::read_dir(common::repo().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert_eq!(path.extension().unwrap(), "md", "{path:?}");
        let text = fs::read_to_string(&path).unwrap();
        let meta =
            rules::meta(&id).unwrap_or_else(|| panic!("rules/{id}.md names no registered rule"));
        assert_eq!(meta.doc, text, "the embedded doc of {id} is rules/{id}.md");
        documented.push(id);
    }
    documented.sort();
    let mut registered_sorted = registered.clone();
    registered_sorted.sort();
    assert_eq!(documented, registered_sorted);
}

#[test]
fn rule_ids_are_kebab_case_and_ordered() {
    let ids: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
    for id in &ids {
        assert!(
            id.split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase())),
            "{id} is not kebab-case"
        );
    }
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "the registry is ordered by id");
}
