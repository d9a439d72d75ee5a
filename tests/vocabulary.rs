//! The role vocabulary against ordinary English: `fixtures/english-prose/` is a handbook
//! whose prose is dense with real words one or two letters from its role words
//! (qualify, directed, delivered, managed, leads, ...). None of them may be reported.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{fixture, lint};
use roles_lint::facts::{extract, words::word_ranges, ExtractOptions};
use roles_lint::handbook::{Handbook, Page};
use roles_lint::index::vocabulary::max_edits;
use roles_lint::source::Source;

const PROSE_PAGE: &str = "Working-Together.md";

fn english_prose_handbook() -> Handbook {
    let root = fixture("english-prose");
    let mut paths: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let pages = paths
        .iter()
        .map(|path| {
            let source = Source::new(fs::read_to_string(path).unwrap());
            let facts = extract(&source, &ExtractOptions::default());
            Page {
                path: path.file_name().unwrap().to_string_lossy().into_owned(),
                source,
                facts: facts.into(),
            }
        })
        .collect();
    Handbook::new(root, pages)
}

/// The words of the prose page that are not vocabulary words but lie within the rule's
/// reach of one: only the English word list keeps them from being reported.
fn words_within_reach(handbook: &Handbook) -> Vec<String> {
    let vocabulary: Vec<&str> = handbook.indexes().vocabulary.words().collect();
    let text = handbook.page(PROSE_PAGE).unwrap().source.text();
    word_ranges(text)
        .map(|range| text[range].to_lowercase())
        .filter(|word| {
            !vocabulary.contains(&word.as_str())
                && vocabulary.iter().any(|v| {
                    let reach = max_edits(word.chars().count().min(v.chars().count()));
                    let distance = strsim::osa_distance(word, v);
                    distance > 0 && distance <= reach
                })
        })
        .collect()
}

#[test]
fn the_prose_is_dense_with_words_near_role_words() {
    let handbook = english_prose_handbook();
    let vocabulary: Vec<&str> = handbook.indexes().vocabulary.words().collect();
    for role in [
        "software",
        "director",
        "engineer",
        "engineering",
        "quality",
        "delivery",
        "product",
        "manager",
        "tech",
        "lead",
        "developer",
    ] {
        assert!(
            vocabulary.contains(&role),
            "{role} is learnt: {vocabulary:?}"
        );
    }
    let near = words_within_reach(&handbook);
    assert!(
        near.len() >= 300,
        "only {} words near role words",
        near.len()
    );
    for word in [
        "qualify",
        "equality",
        "directed",
        "direction",
        "directly",
        "directory",
        "detector",
        "engineered",
        "deliver",
        "delivered",
        "produce",
        "products",
        "directors",
        "engineers",
        "manage",
        "managed",
        "manger",
        "leads",
        "lean",
        "read",
        "developed",
    ] {
        assert!(near.iter().any(|w| w == word), "{word} is in the prose");
    }
}

#[test]
fn ordinary_english_near_role_words_is_never_reported() {
    let report = lint(&[&fixture("english-prose")]);
    assert_eq!(report.files, 10);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| format!("{}:{}: {} {}", d.path, d.span.start.line, d.rule, d.message))
        .collect();
    assert_eq!(found, Vec::<String>::new());
}
