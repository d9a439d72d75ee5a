//! The first stage of a run: find the handbook, read its settings, read and parse every
//! page once (in parallel) and index the handbook.

use std::collections::HashMap;
use std::fs;
use std::hash::BuildHasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::baseline::Baseline;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{self, Found, Scope};
use crate::error::Error;
use crate::facts::{self, ExtractOptions, PageFacts};
use crate::handbook::{Edited, Handbook, Page, Surroundings};
use crate::rules;
use crate::selection::RulePlan;
use crate::source::Source;
use crate::{Clock, Options, MAX_PAGE_BYTES};

/// A handbook read and indexed, with what the run was asked to do with it.
pub struct Loaded {
    pub scope: Scope,
    pub plan: RulePlan,
    pub baseline: Option<Baseline>,
    pub handbook: Handbook,
    /// Pages reported on (pages that could not be read included).
    pub files: usize,
    /// `io-error` findings of the pages reported on that could not be read.
    pub unreadable: Vec<Diagnostic>,
    /// How pages were reduced to facts, to parse new versions of them alike.
    pub extract: ExtractOptions,
    /// Root-relative folders below the root that are handbooks of their own (they hold
    /// a `roles-lint.toml`), outermost only.
    pub nested: Vec<String>,
    /// Whether pages given are reported with the damage they do elsewhere: not for a
    /// page on standard input, whose reader (an editor) puts every finding in that page.
    pub reports_damage: bool,
}

impl Loaded {
    /// The handbook with new texts for some of its pages (root-relative path, text):
    /// only those are parsed again (in parallel), then the indexes are built again.
    pub fn with_texts(self, texts: Vec<(String, String)>) -> Loaded {
        let replaced: Vec<Page> = texts
            .into_par_iter()
            .map(|(path, text)| parse_page(path, text, &self.extract))
            .collect();
        Loaded {
            handbook: self.handbook.with_pages_replaced(replaced),
            ..self
        }
    }

    /// `with_texts` for an editor that changes a page at a time: the indexes follow the
    /// edited pages when they can (`Handbook::with_pages_edited`), and the answer says
    /// which pages' findings may have changed.
    pub fn with_texts_edited(self, texts: Vec<(String, String)>) -> (Loaded, Edited) {
        let replaced: Vec<Page> = texts
            .into_par_iter()
            .map(|(path, text)| parse_page(path, text, &self.extract))
            .collect();
        let (handbook, edited) = self.handbook.with_pages_edited(replaced);
        (Loaded { handbook, ..self }, edited)
    }

    /// True when the page at a root-relative path is reported on.
    pub fn is_reported(&self, path: &str) -> bool {
        self.scope
            .selected
            .as_ref()
            .is_none_or(|selection| selection.contains(path))
    }
}

/// Finds, reads, parses and indexes the handbook that `options` name.
pub fn load(options: &Options, clock: &mut Clock) -> Result<Loaded, Error> {
    let stdin_path = options.stdin.as_ref().map(|(path, _)| path.as_path());
    let paths = match stdin_path {
        Some(path) => vec![path.to_path_buf()],
        None if options.paths.is_empty() => vec![PathBuf::from(".")],
        None => options.paths.clone(),
    };
    let scope = discover::scope(&paths, stdin_path)?;
    let (config, plan, baseline) = settings(options, &scope.root)?;
    clock.lap("settings");

    // One pass per page on the walker's threads: found, read, parsed and reduced to facts
    // while the walk goes on, so the disk and the parser overlap.
    let overrides = overrides(options, &scope);
    let extract = config.extract_options(&options.extract);
    let same_texts = SameTexts::default();
    let open = |found: Found| match found {
        Found::Page(path) => {
            let text = match overrides.get(&path) {
                Some(text) => Ok(text.clone()),
                None => read_page(&scope.root.join(&path)),
            };
            match text {
                Ok(text) => Ok(same_texts.parse_page(path, text, &extract)),
                Err(reason) => Err(reason),
            }
        }
        Found::Unreadable(_, reason) => Err(reason),
    };
    let walked = discover::walk_excluding(&scope.root, &config, scope.shallow, open);
    // A folder below the root with a `roles-lint.toml` of its own is a handbook of its
    // own, linted with its own configuration (`run`): its pages are not this handbook's.
    // Only a handbook given as a folder is split: pages given are linted where they are.
    let mut nested = if scope.selected.is_none() {
        walked.nested
    } else {
        Vec::new()
    };
    let outermost: Vec<String> = nested
        .iter()
        .filter(|folder| !nested.iter().any(|outer| is_below(folder, outer)))
        .cloned()
        .collect();
    nested = outermost;
    let mut opened = walked.pages;
    opened.retain(|(path, _)| !nested.iter().any(|folder| is_below(path, folder)));
    let skipped = skipped_by_walk(&scope, &config, &opened, &overrides);
    if !skipped.is_empty() {
        opened.par_extend(
            skipped
                .into_par_iter()
                .map(|found| (found.path().to_string(), open(found))),
        );
        opened.sort_by(|a, b| a.0.cmp(&b.0));
    }
    // A folder without one Markdown file is a mistake (a CI job pointed at the wrong
    // folder would pass), unless the configuration excluded what was there.
    if opened.is_empty()
        && nested.is_empty()
        && scope.selected.is_none()
        && config.exclude.is_empty()
    {
        return Err(Error::NoPages {
            path: scope.root.clone(),
        });
    }
    let is_reported = |path: &str| {
        scope
            .selected
            .as_ref()
            .is_none_or(|selection| selection.contains(path))
    };
    let mut pages = Vec::new();
    let mut unreadable = Vec::new();
    let mut files = 0;
    for (path, result) in opened {
        match result {
            Ok(page) => {
                files += usize::from(is_reported(&page.path));
                pages.push(page);
            }
            Err(reason) if is_reported(&path) => {
                files += 1;
                unreadable.push(io_error(&path, &reason));
            }
            Err(_) => {}
        }
    }
    clock.lap("read+parse");

    let surroundings = Surroundings::find(&scope.root, &config);
    let handbook = Handbook::build(scope.root.clone(), pages, config, surroundings);
    clock.lap("index");
    Ok(Loaded {
        scope,
        plan,
        baseline,
        handbook,
        files,
        unreadable,
        extract,
        nested,
        reports_damage: options.stdin.is_none(),
    })
}

/// The files named on the command line that the walk skipped (a hidden folder, an
/// ignored file, a page given on standard input that is not on disk yet), unless the
/// configuration excludes them.
fn skipped_by_walk<T>(
    scope: &Scope,
    config: &Config,
    walked: &[(String, T)],
    overrides: &HashMap<String, String>,
) -> Vec<Found> {
    let Some(selection) = &scope.selected else {
        return Vec::new();
    };
    selection
        .files
        .iter()
        .filter(|file| {
            // A page given that is gone (deleted or moved away) has nothing to read: it
            // is given for the links to it (see `damage`).
            let exists = overrides.contains_key(*file)
                || fs::symlink_metadata(scope.root.join(file)).is_ok();
            exists
                && !config.is_excluded(file, false)
                && walked
                    .binary_search_by(|(path, _)| path.as_str().cmp(file.as_str()))
                    .is_err()
        })
        .map(|file| Found::Page(file.clone()))
        .collect()
}

/// A page with its facts, extracted once (`extract_facts`).
pub fn parse_page(path: String, text: String, extract: &ExtractOptions) -> Page {
    let mut source = Source::new(text);
    let facts = extract_facts(&mut source, extract);
    Page {
        path,
        source,
        facts,
    }
}

/// The facts of `source`, with its line index dropped again. Parsing costs about thirty
/// times the page in syntax tree while it lasts, so pages over `LARGE_PAGE_BYTES` are
/// parsed one at a time: the peak follows the largest page, not the sum of the largest
/// few.
fn extract_facts(source: &mut Source, extract: &ExtractOptions) -> Arc<PageFacts> {
    static ONE_LARGE_PAGE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = (source.text().len() > LARGE_PAGE_BYTES).then(|| {
        ONE_LARGE_PAGE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    });
    let facts = facts::extract(source, extract);
    source.forget_line_starts();
    Arc::new(facts)
}

/// The texts parsed so far in one walk, with their facts. A page's facts depend on its
/// text alone (and on the options, the same for the whole walk), so a page whose text
/// is byte for byte that of a page parsed before shares that page's text and facts
/// instead of being parsed again (and rules that scan a page's text may scan such pages
/// once: `role-typo`). Repositories hold such copies: the same package's documentation
/// under several `node_modules` folders, or a site's versioned docs, where most pages of
/// one version are those of the last.
#[derive(Default)]
struct SameTexts {
    parsed: Mutex<ParsedTexts>,
}

/// By a hash of the text: the texts of that hash and their facts.
type ParsedTexts = FxHashMap<u64, Vec<(Arc<str>, Arc<PageFacts>)>>;

impl SameTexts {
    /// `parse_page`, sharing the text and facts of a text parsed before.
    fn parse_page(&self, path: String, text: String, extract: &ExtractOptions) -> Page {
        let hash = FxBuildHasher.hash_one(text.as_str());
        let known = self.lock().get(&hash).and_then(|texts| {
            texts
                .iter()
                .find(|(known, _)| **known == *text)
                .map(|(known, facts)| (Arc::clone(known), Arc::clone(facts)))
        });
        let (source, facts) = match known {
            Some((known, facts)) => (Source::shared(known), facts),
            None => {
                // Two threads may parse the same text at once: both facts are the same.
                let mut source = Source::new(text);
                let facts = extract_facts(&mut source, extract);
                self.lock()
                    .entry(hash)
                    .or_default()
                    .push((Arc::clone(source.shared_text()), Arc::clone(&facts)));
                (source, facts)
            }
        };
        Page {
            path,
            source,
            facts,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ParsedTexts> {
        self.parsed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// True when the root-relative `path` lies in the root-relative `folder`.
fn is_below(path: &str, folder: &str) -> bool {
    path.strip_prefix(folder)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Pages above this size are parsed one at a time (`extract_facts`).
const LARGE_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// Texts that replace what is on disk: the fix engine's work in progress, and a page
/// given on standard input.
fn overrides(options: &Options, scope: &Scope) -> HashMap<String, String> {
    let mut overrides = options.overrides.clone();
    if let (Some((_, text)), Some(selection)) = (&options.stdin, &scope.selected) {
        if let Some(path) = selection.files.iter().next() {
            // A fix in progress replaces the text as given.
            overrides
                .entry(path.clone())
                .or_insert_with(|| text.clone());
        }
    }
    overrides
}

/// The configuration, the rules to run and the baseline, from the options and the files
/// they name; every mistake in them is an error before any page is read.
fn settings(options: &Options, root: &Path) -> Result<(Config, RulePlan, Option<Baseline>), Error> {
    let mut config = Config::find(root, options.config.as_deref())?;
    config
        .roles_extra
        .extend(options.roles_extra.iter().cloned());
    config
        .ignore_words
        .extend(options.ignore_words.iter().cloned());
    let plan = RulePlan::new(&config, &options.select, &options.ignore)?;
    let baseline = options
        .baseline
        .as_deref()
        .map(Baseline::load)
        .transpose()?;
    Ok((config, plan, baseline))
}

/// A page's text, or why it cannot be linted (a phrase that follows the page's name).
fn read_page(path: &Path) -> Result<String, String> {
    let unreadable = |e: std::io::Error| format!("cannot be read: {e}");
    let Some((file, metadata)) = open_regular_file(path).map_err(unreadable)? else {
        return Err("is not a regular file".to_string());
    };
    if metadata.len() > MAX_PAGE_BYTES {
        return Err(format!(
            "is {} MiB, larger than the {} MiB a page may have",
            metadata.len() / (1024 * 1024),
            MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    text_of(bytes)
}

/// The file at `path` opened for reading with its metadata, or `None` when it is no
/// regular file (a folder, a named pipe, a device). Opening a named pipe would wait for a
/// writer forever: on Unix the file is opened without waiting and looked at through the
/// open file, which also spares a second lookup of its path; elsewhere it is looked at
/// before it is opened.
fn open_regular_file(path: &Path) -> std::io::Result<Option<(fs::File, fs::Metadata)>> {
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)?
    };
    #[cfg(not(unix))]
    let file = {
        if !fs::metadata(path)?.is_file() {
            return Ok(None);
        }
        fs::File::open(path)?
    };
    let metadata = file.metadata()?;
    Ok(metadata.is_file().then_some((file, metadata)))
}

/// The bytes of a page as text, or why they are none (a phrase that follows the page's
/// name): NUL bytes make a binary file; invalid UTF-8 is located by line and column.
pub fn text_of(bytes: Vec<u8>) -> Result<String, String> {
    // `memchr` looks at many bytes at a time; `contains` at one (every page goes through).
    if memchr::memchr(0, &bytes).is_some() {
        return Err("is a binary file (it contains NUL bytes), not Markdown".to_string());
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        format!(
            "is not valid UTF-8 (invalid byte at line {line}, column {column}); save it as UTF-8"
        )
    })
}

fn io_error(path: &str, reason: &str) -> Diagnostic {
    Diagnostic::on_whole_page(
        rules::IO_ERROR,
        Severity::Error,
        path,
        format!("`{path}` {reason}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# Lead\n\n[Team](team.md) and [gone](gone.md#x)\n";

    #[test]
    fn pages_of_one_text_share_its_facts_and_others_are_parsed() {
        let extract = ExtractOptions::default();
        let same_texts = SameTexts::default();
        let first = same_texts.parse_page("a/README.md".into(), PAGE.into(), &extract);
        let copy = same_texts.parse_page("b/README.md".into(), PAGE.into(), &extract);
        let other_text = format!("{PAGE}\n## More\n");
        let other = same_texts.parse_page("c/README.md".into(), other_text.clone(), &extract);
        assert!(Arc::ptr_eq(&first.facts, &copy.facts));
        assert!(Arc::ptr_eq(
            first.source.shared_text(),
            copy.source.shared_text()
        ));
        assert!(!Arc::ptr_eq(&first.facts, &other.facts));
        assert_eq!(copy.path, "b/README.md");
        assert_eq!(copy.source.text(), PAGE);
        // Shared or not, the facts are those of a page parsed on its own.
        let alone = |text: &str| {
            format!(
                "{:?}",
                parse_page("x.md".into(), text.into(), &extract).facts
            )
        };
        assert_eq!(format!("{:?}", copy.facts), alone(PAGE));
        assert_eq!(format!("{:?}", other.facts), alone(&other_text));
    }

    #[test]
    fn the_first_page_of_each_shared_text_is_found_by_address() {
        let extract = ExtractOptions::default();
        let same_texts = SameTexts::default();
        let page =
            |path: &str, text: &str| same_texts.parse_page(path.into(), text.into(), &extract);
        // A page parsed on its own (as after an edit) is no copy, whatever its text.
        let edited = parse_page("d.md".into(), PAGE.into(), &extract);
        let pages = crate::page::Pages::new(vec![
            page("a.md", PAGE),
            page("b.md", "# Other\n"),
            page("c.md", PAGE),
            edited,
            page("e.md", "# Other\n"),
        ]);
        assert_eq!(pages.first_with_same_text(), [0, 1, 0, 3, 1]);
    }

    #[test]
    fn a_text_that_only_shares_a_hash_is_parsed() {
        let extract = ExtractOptions::default();
        let same_texts = SameTexts::default();
        let other_text = "# Other\n\n[Elsewhere](elsewhere.md)\n";
        let other = parse_page("other.md".into(), other_text.into(), &extract);
        // Another text filed under this page's hash, as a collision would file it.
        let hash = FxBuildHasher.hash_one(PAGE);
        same_texts.lock().entry(hash).or_default().push((
            Arc::clone(other.source.shared_text()),
            Arc::clone(&other.facts),
        ));
        let page = same_texts.parse_page("README.md".into(), PAGE.into(), &extract);
        assert!(!Arc::ptr_eq(&page.facts, &other.facts));
        assert_eq!(page.source.text(), PAGE);
        assert_eq!(page.facts.headings[0].text(), "Lead");
    }
}
