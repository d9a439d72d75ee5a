//! The whole pipeline on a handbook held in memory: lint, render every output format,
//! then apply the fixes and lint again until nothing is left to fix.
//!
//! The input is split on the byte 0xFF into at most four pages (0xFF never occurs in
//! UTF-8, so the split never cuts a page's text). A page may start with its name and the
//! byte 0xFE (`team/Lead.md` 0xFE `# Lead ...`), so seeds keep their real names and links
//! between them resolve; a page without a usable name is called `README.md`, `a/B.md`,
//! `C.md` or `a/D.md` by its place. A page that is not UTF-8 is left out; of two pages
//! with one name the first is kept, as `run_in_memory` does.
//!
//! Checked: nothing panics; every finding's range, related range and fix edit lies in
//! its page's text on character boundaries; every fix offered changes the text; fixing
//! settles within `fix::MAX_PASSES` lint runs, as `roles-lint --fix` promises, and once
//! settled no fix is offered.
#![no_main]

use std::collections::BTreeMap;
use std::ops::Range;

use libfuzzer_sys::fuzz_target;
use roles_lint::diagnostic::Fix;
use roles_lint::output::{concise, github, human, json, sarif};
use roles_lint::{fix, run_in_memory, Report};

const NAMES: [&str; 4] = ["README.md", "a/B.md", "C.md", "a/D.md"];

fuzz_target!(|data: &[u8]| {
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for (default, chunk) in NAMES.iter().zip(data.split(|&b| b == 0xFF)) {
        let (name, bytes) = match chunk.iter().position(|&b| b == 0xFE) {
            Some(at) => (page_name(&chunk[..at]).unwrap_or(default), &chunk[at + 1..]),
            None => (*default, chunk),
        };
        if let Ok(text) = std::str::from_utf8(bytes) {
            texts
                .entry(name.to_string())
                .or_insert_with(|| text.to_string());
        }
    }
    if texts.is_empty() {
        return;
    }

    for pass in 0..fix::MAX_PASSES {
        let pages: Vec<(String, String)> =
            texts.iter().map(|(p, t)| (p.clone(), t.clone())).collect();
        let report = run_in_memory(&pages);
        check_ranges(&report, &texts);
        if pass == 0 {
            render_all(&report);
        }

        let mut by_page: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
        for d in &report.diagnostics {
            if let Some(fix) = &d.fix {
                let text = &texts[&d.path];
                assert!(
                    fix.changes(text),
                    "pass {pass}: {} in {} at {:?} offers a fix that changes nothing: {fix:?}",
                    d.rule,
                    d.path,
                    d.range,
                );
                by_page.entry(&d.path).or_default().push(fix);
            }
        }
        if by_page.is_empty() {
            return; // settled
        }
        let mut changed = false;
        let mut fixed_texts = texts.clone();
        for (path, fixes) in by_page {
            let text = &texts[path];
            let (fixed, applied) = fix::apply(text, &fixes);
            assert!(
                applied > 0,
                "pass {pass}: no fix of {path} applied: {fixes:?}"
            );
            if fixed != *text {
                changed = true;
                fixed_texts.insert(path.to_string(), fixed);
            }
        }
        assert!(
            changed,
            "pass {pass}: fixes were offered and applied, yet no text changed"
        );
        texts = fixed_texts;
    }
    let pages: Vec<(String, String)> = texts.into_iter().collect();
    let report = run_in_memory(&pages);
    let left: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| (d.rule, &d.path, &d.range))
        .collect();
    panic!(
        "fixes did not settle in {} passes; still offered: {left:?}",
        fix::MAX_PASSES
    );
});

/// A name as discovery gives it: root-relative, `/`-separated, ending in `.md`, no empty,
/// `.` or `..` component, no backslash or control character.
fn page_name(bytes: &[u8]) -> Option<&str> {
    let name = std::str::from_utf8(bytes).ok()?;
    let ok = name.len() <= 100
        && name.ends_with(".md")
        && !name.contains(|c: char| c == '\\' || c.is_control())
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    ok.then_some(name)
}

/// Every range of every finding lies within its page's text, on character boundaries.
fn check_ranges(report: &Report, texts: &BTreeMap<String, String>) {
    for d in &report.diagnostics {
        let text = texts
            .get(&d.path)
            .unwrap_or_else(|| panic!("finding on a page that is not in the handbook: {d:?}"));
        check_range(text, &d.range, || format!("{} range of {}", d.rule, d.path));
        for related in &d.related {
            check_range(text, &related.range, || {
                format!("{} related range of {}", d.rule, d.path)
            });
        }
        if let Some(fix) = &d.fix {
            for edit in &fix.edits {
                check_range(text, &edit.range, || {
                    format!("{} fix edit of {}", d.rule, d.path)
                });
            }
        }
        if let Some(source) = report.sources.get(&d.path) {
            assert_eq!(source.text(), text, "report source of {} differs", d.path);
        }
    }
}

fn check_range(text: &str, range: &Range<usize>, what: impl Fn() -> String) {
    assert!(
        range.start <= range.end && text.get(range.clone()).is_some(),
        "{}: {range:?} is not a char-boundary range of a {}-byte text",
        what(),
        text.len()
    );
}

/// Every output format renders without panicking; the JSON and SARIF are JSON.
fn render_all(report: &Report) {
    let _ = human::render(report, false);
    let _ = concise::render(report);
    let _ = github::render(report);
    let json = json::render(report);
    assert!(serde_json_ok(&json), "json output is not JSON:\n{json}");
    let sarif = sarif::render(report);
    assert!(serde_json_ok(&sarif), "sarif output is not JSON:\n{sarif}");
}

fn serde_json_ok(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok()
}
