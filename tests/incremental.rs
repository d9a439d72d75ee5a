//! The resident handbook of the language server, edited a page at a time: after every
//! edit its findings equal a full lint of the same texts, and its indexes equal indexes
//! built afresh, whether the edit was linted incrementally or in full.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use common::{fixture_copy, generator};
use roles_lint::resident::Resident;
use roles_lint::Options;

/// A change of one page: its path, and its new text made from its current text.
type Change = (String, Box<dyn Fn(&str) -> String>);

/// An edit: its name, and the pages it changes.
type Step<'a> = (&'a str, Vec<Change>);

fn options(root: &Path, texts: &HashMap<String, String>) -> Options {
    Options {
        paths: vec![root.to_path_buf()],
        overrides: texts.clone(),
        ..Options::default()
    }
}

/// Applies `steps` one by one to the handbook at `root`, checking the resident handbook
/// against a full lint after each; returns how many pages each step checked again.
fn run_steps(root: &Path, steps: Vec<Step>) -> Vec<usize> {
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut resident = Resident::load(&options(root, &texts)).expect("the handbook loads");
    let mut checked = Vec::new();
    for (name, changes) in steps {
        let mut edit = Vec::new();
        for (path, change) in &changes {
            let current = match texts.get(path) {
                Some(text) => text.clone(),
                None => std::fs::read_to_string(root.join(path)).expect("the page exists"),
            };
            let text = change(&current);
            assert_ne!(text, current, "{name}: the edit changes {path}");
            texts.insert(path.clone(), text.clone());
            edit.push((path.clone(), text));
        }
        resident = resident.edit(edit);
        checked.push(resident.pages_checked());
        let full = roles_lint::run(&options(root, &texts)).expect("the handbook lints");
        let only_incremental: Vec<_> = resident
            .findings()
            .iter()
            .filter(|d| !full.diagnostics.contains(d))
            .collect();
        let only_full: Vec<_> = full
            .diagnostics
            .iter()
            .filter(|d| !resident.findings().contains(d))
            .collect();
        assert!(
            resident.findings() == full.diagnostics.as_slice(),
            "{name}: incremental findings differ from a full lint\n\
             only incremental: {only_incremental:#?}\nonly full: {only_full:#?}"
        );
        same_indexes(
            &resident,
            &Resident::load(&options(root, &texts)).unwrap(),
            name,
        );
    }
    checked
}

/// The indexes of an edited handbook equal those of the same texts read afresh.
fn same_indexes(edited: &Resident, fresh: &Resident, name: &str) {
    let (a, b) = (&edited.loaded().handbook, &fresh.loaded().handbook);
    let (ai, bi) = (a.indexes(), b.indexes());
    assert!(ai.links == bi.links, "{name}: link graphs differ");
    assert!(
        ai.comparisons == bi.comparisons,
        "{name}: comparisons differ"
    );
    assert!(
        ai.suggestions == bi.suggestions,
        "{name}: missing-link suggestions differ"
    );
    for page in b.pages() {
        let path = page.path.as_str();
        assert_eq!(
            ai.navs.folder_nav(path),
            bi.navs.folder_nav(path),
            "{name}: {path}"
        );
        assert_eq!(
            ai.navs.entry_targets(path),
            bi.navs.entry_targets(path),
            "{name}: {path}"
        );
        let position = b.page_index(path).unwrap();
        assert_eq!(
            ai.kinds.of(position),
            bi.kinds.of(position),
            "{name}: {path}"
        );
        assert_eq!(ai.reach.is_listed(position), bi.reach.is_listed(position));
    }
    assert_eq!(ai.reach.by_links, bi.reach.by_links, "{name}");
}

/// The Markdown pages of a flat handbook, sorted.
fn pages_in(root: &Path) -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .collect();
    pages.sort();
    pages
}

fn change(path: &str, f: impl Fn(&str) -> String + 'static) -> Change {
    (path.to_string(), Box::new(f))
}

fn replace(path: &str, from: &'static str, to: &'static str) -> Change {
    change(path, move |text| {
        assert!(text.contains(from), "`{from}` is in the page");
        text.replacen(from, to, 1)
    })
}

fn append(path: &str, tail: &'static str) -> Change {
    change(path, move |text| format!("{text}{tail}"))
}

/// Drops every line holding `needle`.
fn drop_lines(path: &str, needle: &'static str) -> Change {
    change(path, move |text| {
        text.split_inclusive('\n')
            .filter(|line| !line.contains(needle))
            .collect()
    })
}

#[test]
fn edits_of_the_fixture_handbook_lint_as_a_full_run_does() {
    let dir = fixture_copy("handbook");
    let root = dir.path();
    let pages = pages_in(root);
    let orphan = "Directing-Directors.md";
    let steps: Vec<Step> = vec![
        (
            "rename a heading others link to",
            vec![replace(
                "Delivery-Engineer.md",
                "## DE3 - Delivery Engineer 3",
                "## DE3 - Delivery Engineer Three",
            )],
        ),
        (
            "an invisible character",
            vec![append(
                "Quality-Engineer.md",
                "\nA zero\u{200b}width space.\n",
            )],
        ),
        (
            "rename the heading back",
            vec![replace(
                "Delivery-Engineer.md",
                "## DE3 - Delivery Engineer Three",
                "## DE3 - Delivery Engineer 3",
            )],
        ),
        (
            "a typo of a role word",
            vec![append(
                "Quality-Engineer.md",
                "\nThe Enginerering teams meet often.\n",
            )],
        ),
        (
            "a nav entry twice",
            vec![append(
                "Software-Engineer.md",
                "* [**Quality Engineer**](Quality-Engineer.md)\n",
            )],
        ),
        (
            "a nav entry removed",
            vec![drop_lines("Quality-Director.md", "](Delivery-Director.md)")],
        ),
        (
            "the index page's nav label changed",
            vec![replace(
                "Software-Director.md",
                "[**Introduction**](README.md)",
                "[**Start**](README.md)",
            )],
        ),
        (
            "a reference link into another page",
            vec![append(
                "Software-Director.md",
                "\nSee [the ladder][ladder].\n\n[ladder]: Delivery-Engineer.md#de9\n",
            )],
        ),
        (
            "a broken link",
            vec![append(
                "Delivery-Director.md",
                "\nSee [the plan](Delivery-Plan.md).\n",
            )],
        ),
        (
            "a second link to the missing page",
            vec![append(
                "Quality-Director.md",
                "\nSee [the plan](Delivery-Plan.md) too.\n",
            )],
        ),
        (
            "a link to another role page",
            vec![append(
                "Directing-Directors.md",
                "\nAsk a [Quality Engineer](Quality-Engineer.md).\n",
            )],
        ),
        (
            "a comparison row changed",
            vec![replace(
                "Comparison-Software-Director-Engineering-Director.md",
                "| System Roadmap (shared) | System Roadmap (shared) |",
                "| System Roadmap (shared) | Team Roadmap (shared) |",
            )],
        ),
        (
            "a page title changed",
            vec![replace(
                "Delivery-Director.md",
                "# Delivery Director\n",
                "# Delivery Directors\n",
            )],
        ),
        (
            "a page made an orphan",
            pages
                .iter()
                .filter(|page| page.as_str() != orphan)
                .map(|page| drop_lines(page, orphan))
                // Nor does the orphan link the page that is edited next.
                .chain([drop_lines(orphan, "](Quality-Engineer.md)")])
                .collect(),
        ),
        (
            "a link to the orphan's old name",
            vec![append(
                "Quality-Engineer.md",
                "\nRead [Directing Directors](Directing-Director.md).\n",
            )],
        ),
        (
            "a suppression",
            vec![change("Quality-Engineer.md", |text| {
                text.replacen(
                    "\nThe Enginerering",
                    "\n<!-- roles-lint-disable-next-line role-typo -->\nThe Enginerering",
                    1,
                )
            })],
        ),
    ];
    let checked = run_steps(root, steps);
    assert_eq!(checked.len(), 16);
    // Every page of this handbook links every other in its nav: a renamed heading may
    // change any page's findings, and each is checked again...
    assert_eq!(checked[0], pages.len(), "{checked:?}");
    // ...but prose, and a nav label that the folder's other navs outvote, change no
    // finding of the pages linking the page: it is checked alone.
    assert_eq!(checked[1], 1, "{checked:?}");
    assert_eq!(checked[3], 1, "{checked:?}");
    assert_eq!(checked[6], 1, "{checked:?}");
}

#[test]
fn edits_of_a_generated_handbook_lint_as_a_full_run_does() {
    let Some(generator) = generator() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("hb");
    let status = Command::new("python3")
        .arg(&generator)
        .arg(&root)
        .args([
            "--pages",
            "240",
            "--subdirs",
            "--defects",
            "0.1",
            "--jobs",
            "2",
        ])
        .status()
        .expect("python3 runs");
    assert!(status.success());
    let mut pages: Vec<String> = walk(&root, &root);
    pages.sort();
    let some: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains('/') && !p.ends_with("README.md"))
        .step_by(37)
        .take(4)
        .collect();
    assert!(some.len() >= 4, "{pages:?}");
    let heading_renamed = |text: &str| {
        let at = text
            .find("\n## ")
            .expect("a page has a second-level heading");
        format!("{}\n## Renamed{}", &text[..at], &text[at + 3..])
    };
    let last_nav_line_dropped = |text: &str| {
        let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
        let last = lines
            .iter()
            .rposition(|l| l.starts_with("* ["))
            .expect("a nav");
        lines.remove(last);
        lines.concat()
    };
    // A page of another folder than `some[3]`'s, linked from there.
    let far = pages
        .iter()
        .find(|p| p.contains('/') && p.split('/').next() != some[3].split('/').next())
        .expect("a second folder")
        .clone();
    let title_changed =
        |text: &str| format!("# Changed Title{}", &text[text.find('\n').unwrap_or(0)..]);
    let steps: Vec<Step> = vec![
        ("a heading renamed", vec![change(some[0], heading_renamed)]),
        (
            "an invisible character",
            vec![append(some[1], "\nA zero\u{200b}width space.\n")],
        ),
        (
            "a typo",
            vec![append(some[1], "\nThe Enginerering team.\n")],
        ),
        (
            "a nav entry removed",
            vec![change(some[2], last_nav_line_dropped)],
        ),
        (
            "two pages at once",
            vec![
                change(some[1], heading_renamed),
                append(some[2], "\nSee [x](Missing-Page.md).\n"),
            ],
        ),
        (
            "a link into another folder",
            vec![change(some[3], move |text| {
                format!("{text}\nSee [there](../{far}).\n")
            })],
        ),
        ("a title changed", vec![change(some[0], title_changed)]),
        (
            "back to a small edit",
            vec![append(some[0], "\nOne more line.\n")],
        ),
    ];
    let checked = run_steps(&root, steps);
    assert!(checked[0] < pages.len() / 4, "{checked:?}");
    // Prose added to a page is read by no other page's checks.
    assert_eq!(checked[1], 1, "{checked:?}");
    assert_eq!(checked[2], 1, "{checked:?}");
    // A link to a role page of another folder, from a folder of role pages, teaches the
    // vocabulary nothing new: the pages around the two are checked again, not all.
    assert!(checked[5] < pages.len() / 4, "{checked:?}");
    // A title names a role for every page: the handbook is linted in full.
    assert_eq!(checked[6], pages.len(), "{checked:?}");
}

fn walk(root: &Path, folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(root, &path));
        } else if path.extension().is_some_and(|e| e == "md") {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            found.push(relative);
        }
    }
    found
}

/// One random change of a page's text, by `seed`: a line dropped, doubled or moved up,
/// or a word of one line written over a word of another. Headings, nav entries, links
/// and table rows are all lines, so every kind of fact changes sooner or later.
fn shuffled(seed: u64) -> impl Fn(&str) -> String {
    move |text: &str| {
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        let pick =
            |salt: u64| (seed.wrapping_mul(6364136223846793005).wrapping_add(salt) >> 33) as usize;
        if lines.len() > 2 {
            let at = pick(1) % lines.len();
            match seed % 4 {
                0 => drop(lines.remove(at)),
                1 => lines.insert(at, lines[at].clone()),
                2 if at > 0 => lines.swap(at, at - 1),
                _ => {
                    let from = &lines[pick(2) % lines.len()];
                    let words: Vec<&str> = from.split_whitespace().collect();
                    if let Some(word) = words.get(pick(3) % words.len().max(1)) {
                        let word = word.to_string();
                        let line = &mut lines[at];
                        if let Some(old) = line.split_whitespace().nth(pick(4) % 3) {
                            *line = line.replacen(old, &word, 1);
                        }
                    }
                }
            }
        }
        let changed = lines.concat();
        if changed == text {
            format!("{text}\nOne more line {seed}.\n")
        } else {
            changed
        }
    }
}

/// Many random edits of the fixture handbook, one or two pages at a time: after each,
/// the findings of the pages checked again and those kept equal a full lint. A page
/// whose findings an edit changes but that the edit did not mark for checking would show.
#[test]
fn random_edits_of_the_fixture_handbook_lint_as_a_full_run_does() {
    let dir = fixture_copy("handbook");
    let root = dir.path();
    let pages = pages_in(root);
    let names: Vec<String> = (0..100).map(|step| format!("random edit {step}")).collect();
    let steps: Vec<Step> = names
        .iter()
        .enumerate()
        .map(|(step, name)| {
            let seed = (step as u64 + 1) * 2654435761;
            let first = &pages[(seed >> 7) as usize % pages.len()];
            let mut changes = vec![change(first, shuffled(seed))];
            let second = &pages[(seed >> 11) as usize % pages.len()];
            if step % 3 == 0 && second != first {
                changes.push(change(second, shuffled(seed ^ 0x9e37)));
            }
            (name.as_str(), changes)
        })
        .collect();
    let checked = run_steps(root, steps);
    // Not every edit was checked in full: the incremental path was taken.
    assert!(checked.iter().any(|&n| n < pages.len()), "{checked:?}");
}
