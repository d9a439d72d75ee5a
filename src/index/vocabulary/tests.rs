//! Unit tests of the vocabulary: what is learnt, what is dropped, what is close.

use super::*;
use crate::facts::{extract, ExtractOptions};
use crate::source::Source;

fn page(path: &str, markdown: &str) -> Page {
    let source = Source::new(markdown.to_string());
    let facts = extract(&source, &ExtractOptions::default());
    Page {
        path: path.to_string(),
        source,
        facts: facts.into(),
    }
}

const NAV: &str =
    "# Other Pages\n* [**Tech Lead**](Tech-Lead.md)\n* [**Developer**](Developer.md)\n";

/// The vocabulary of `pages`, with their comparison tables worked out as a handbook does.
fn with_comparisons(pages: impl IntoIterator<Item = Page>) -> Vocabulary {
    let pages = crate::page::Pages::new(pages.into_iter().collect());
    let files = crate::index::files::FileTree::new(std::path::PathBuf::from("/nonexistent"));
    let links = crate::index::LinkGraph::build(&pages, &Default::default(), &files);
    let titles = crate::index::RoleTitles::build(&pages);
    let comparisons = Comparisons::build(&pages, &links, &titles);
    Vocabulary::build(pages.all(), &links, &comparisons, &[], &[])
}

use super::sources::Tier;

fn sorted(vocabulary: &Vocabulary) -> Vec<&str> {
    let mut words: Vec<&str> = vocabulary.words().collect();
    words.sort();
    words
}

#[test]
fn words_come_from_titles_and_compared_roles_only_with_their_tiers() {
    let pages = [
        page("README.md", &format!("# Welcome\n\nProse words are not learnt.\n\n{NAV}")),
        page("ops/Site_Reliability Guide.md", "## Not a title\n\nText.\n"),
        page("training.md", "# Training\n"),
        page("Tech-Lead.md", "# Tech Lead\n"),
        page("Data-Analyst.md", "# Data Analyst\n"),
        page(
            "Lead-vs-Dev.md",
            "# Lead vs Dev\n\n| [Tech Lead](Tech-Lead.md) (Craft) | Developer `Kode` |\n| - | - |\n| Body Cell | x |\n",
        ),
    ];
    let vocabulary = with_comparisons(pages);
    assert_eq!(
        sorted(&vocabulary),
        ["analyst", "data", "dev", "lead", "tech", "training", "welcome"]
    );
    // Role names: role-page titles whose last word names a person by what they do, and
    // every compared role. Other titles teach spellings only with more evidence.
    for word in ["analyst", "data", "lead", "tech"] {
        assert_eq!(vocabulary.tier_of(word), Some(Tier::Role), "{word}");
    }
    // "Dev" names no person by what they do: a compared name that is no role's teaches
    // as a title does.
    for word in ["dev", "training", "welcome"] {
        assert_eq!(vocabulary.tier_of(word), Some(Tier::Title), "{word}");
    }
}

#[test]
fn only_names_shaped_like_roles_among_role_pages_are_roles() {
    let pages = [
        page("Parser.md", "# Parser\n"),
        page("Install.md", "# Install\n"),
        page("Usage.md", "# Usage\n"),
        page("API.md", "# API\n"),
        page("a/Tech-Lead.md", "# Tech Lead\n"),
        page("a/Data-Engineer.md", "# Data Engineer\n"),
        page("a/Sync.md", "# Sync\n"),
        page("b/rule.md", "# Disallow unnecessary semicolons\n"),
        page("b/Data-Platform.md", "# Data Platform\n"),
        page("b/Mobile-Platform.md", "# Mobile Platform\n"),
    ];
    let vocabulary = with_comparisons(pages);
    assert_eq!(vocabulary.tier_of("engineer"), Some(Tier::Role));
    assert_eq!(
        vocabulary.tier_of("sync"),
        Some(Tier::Title),
        "a page among role pages"
    );
    // Among pages that name no role, a title ending in "-er" names a thing as often as a
    // person.
    assert_eq!(vocabulary.tier_of("parser"), None);
    // No role lives in b/: its titles teach nothing.
    for word in ["disallow", "platform", "mobile"] {
        assert_eq!(vocabulary.tier_of(word), None, "{word}");
    }
}

#[test]
fn a_rare_near_spelling_of_a_frequent_word_is_a_typo_not_a_word() {
    let mut pages: Vec<Page> = (0..3)
        .map(|i| page(&format!("P{i}.md"), "# Tech Lead\n"))
        .collect();
    pages.push(page("Odd.md", "# Tech Laed vs Developer\n"));
    let vocabulary = with_comparisons(pages);
    let words = sorted(&vocabulary);
    assert!(words.contains(&"lead") && words.contains(&"developer"));
    assert!(
        !words.contains(&"laed") && !words.contains(&"vs"),
        "{words:?}"
    );

    // Used as often as the word it is close to, a word is kept: both may be real.
    let pages = [page("A.md", "# Tech Lead\n"), page("B.md", "# Tech Laed\n")];
    assert!(sorted(&with_comparisons(pages)).contains(&"laed"));
}

#[test]
fn extra_words_are_trusted_and_ignored_words_are_dropped() {
    let pages = [
        page("README.md", "# Devrel\n"),
        page("x/README.md", "# Devrel\n"),
        page("y/index.md", "# Devrel\n"),
    ];
    let extra = ["DevRels".to_string(), "Devrol".to_string()];
    let vocabulary = Vocabulary::build(
        &pages,
        &LinkGraph::default(),
        &Comparisons::default(),
        &extra,
        &["devrel".to_string()],
    );
    assert_eq!(sorted(&vocabulary), ["devrels", "devrol"]);
    assert!(vocabulary.knows("devrel"));
}

#[test]
fn inflections_of_vocabulary_words_are_known() {
    let vocabulary = Vocabulary::build(
        &[page("Director.md", "# Director\n")],
        &LinkGraph::default(),
        &Comparisons::default(),
        &[],
        &[],
    );
    for word in [
        "director",
        "directors",
        "director's",
        "directors'",
        "directored",
    ] {
        assert!(vocabulary.knows(word), "{word}");
    }
    assert!(!vocabulary.knows("directror"));
    for word in ["directorship", "directorish", "directorly"] {
        assert!(vocabulary.knows(word), "{word}");
    }
    assert!(!vocabulary.knows("directorr"));
}

#[test]
fn closest_scales_the_distance_with_length_and_reports_ties() {
    let pages = [
        page("Software-Engineer.md", "# Software Engineer\n"),
        page("Tech-Lead.md", "# Tech Lead\n"),
        page("Lean-Load.md", "# Lean Load\n"),
    ];
    let vocabulary = Vocabulary::build(
        &pages,
        &LinkGraph::default(),
        &Comparisons::default(),
        &[],
        &[],
    );
    let spellings = |word: &str| -> Option<(usize, Vec<String>)> {
        vocabulary.closest(word).map(|c| {
            let names = c.targets.iter().map(|t| t.spelling.to_string()).collect();
            (c.distance, names)
        })
    };
    assert_eq!(spellings("softeare"), Some((1, vec!["Software".into()])));
    assert_eq!(spellings("sotfwrae"), Some((2, vec!["Software".into()])));
    assert_eq!(spellings("sofeare"), None, "7 letters allow one edit");
    assert_eq!(spellings("engineeers"), Some((1, vec!["Engineers".into()])));
    assert_eq!(spellings("tehc"), Some((1, vec!["Tech".into()])));
    assert_eq!(spellings("tehcs"), Some((1, vec!["Techs".into()])));
    assert_eq!(spellings("teh"), None);
    assert_eq!(
        spellings("leac"),
        Some((1, vec!["Lead".into(), "Lean".into()]))
    );
    assert_eq!(spellings("laod"), Some((1, vec!["Load".into()])));
    assert_eq!(spellings("lxxd"), None);
}

#[test]
fn plural_spellings_follow_the_word() {
    assert_eq!(
        plural_spelling("Strategy", "strategy", "strategies"),
        "Strategies"
    );
    assert_eq!(plural_spelling("SRE", "sre", "sres"), "SRES");
    assert_eq!(
        plural_spelling("Director", "director", "directors"),
        "Directors"
    );
}
