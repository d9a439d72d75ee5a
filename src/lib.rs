//! roles-lint keeps a Markdown handbook of role pages consistent.
//!
//! `run` is the whole pipeline: discover the pages, read and parse each once into facts,
//! index the handbook, run the rules, and return the findings. Nothing here prints: the
//! binary renders the `Report` (see `output`).

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod english;
pub mod error;
pub mod facts;
pub mod fix;
pub mod handbook;
pub mod index;
pub mod output;
pub mod repo;
pub mod resolve;
pub mod rule;
pub mod rules;
pub mod selection;
pub mod settle;
pub mod site;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod write;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::Found;
pub use crate::error::Error;
use crate::facts::ExtractOptions;
use crate::handbook::{Handbook, Page};
use crate::rule::Severity;
use crate::selection::RulePlan;
use crate::source::Source;

/// Pages larger than this are reported, not parsed: no handbook page comes near it.
pub const MAX_PAGE_BYTES: u64 = 128 * 1024 * 1024;

/// What to lint and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The handbook folder, or files inside one; empty means the current folder.
    pub paths: Vec<PathBuf>,
    /// What facts to extract; `[nav] headings` of the configuration replaces the nav headings.
    pub extract: ExtractOptions,
    /// Texts to lint instead of what is on disk, by root-relative path: the fix engine's
    /// work in progress.
    pub overrides: HashMap<String, String>,
    /// A page given on standard input: its path (as given; it may not exist yet) and its
    /// text. It is the only page reported; the rest of its handbook is read from disk.
    pub stdin: Option<(PathBuf, String)>,
    /// `--config`: the configuration file, instead of `<root>/roles-lint.toml`.
    pub config: Option<PathBuf>,
    /// `--select`: run only these rule ids (empty: every rule); see `RulePlan::new`.
    pub select: Vec<String>,
    /// `--ignore`: rule ids not to run.
    pub ignore: Vec<String>,
    /// Role names added to the configuration's `[roles] extra` (`Handbook::config()`).
    pub roles_extra: Vec<String>,
    /// Words added to the configuration's `[roles] ignore-words` (`Handbook::config()`).
    pub ignore_words: Vec<String>,
    /// `--baseline`: findings recorded in this file are not reported.
    pub baseline: Option<PathBuf>,
}

/// The outcome of a run.
#[derive(Debug)]
pub struct Report {
    /// Absolute handbook root.
    pub root: PathBuf,
    /// Number of pages reported on (pages that could not be read included).
    pub files: usize,
    /// Sorted by path, line, column, rule.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every page that has a finding, for code frames.
    pub sources: BTreeMap<String, Arc<Source>>,
    /// How long each phase took, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn fixable(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.fix.is_some()).count()
    }

    /// True when some finding is an error: the run fails.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// Lints the handbook that `options.paths` name.
pub fn run(options: &Options) -> Result<Report, Error> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let stdin_path = options.stdin.as_ref().map(|(path, _)| path.as_path());
    let paths = match stdin_path {
        Some(path) => vec![path.to_path_buf()],
        None if options.paths.is_empty() => vec![PathBuf::from(".")],
        None => options.paths.clone(),
    };
    let scope = discover::scope(&paths, stdin_path)?;
    let (config, plan, baseline) = settings(options, &scope.root)?;
    let extract = config.extract_options(&options.extract);
    let mut overrides = options.overrides.clone();
    if let (Some((_, text)), Some(selection)) = (&options.stdin, &scope.selected) {
        if let Some(path) = selection.files.iter().next() {
            // A fix in progress replaces the text as given.
            overrides
                .entry(path.clone())
                .or_insert_with(|| text.clone());
        }
    }
    let mut found = discover::walk_excluding(&scope.root, &config);
    if let Some(selection) = &scope.selected {
        // A file given explicitly is linted even if the walk skipped it (unless the
        // configuration excludes it).
        for file in &selection.files {
            if !config.is_excluded(file, false)
                && !found
                    .iter()
                    .any(|f| matches!(f, Found::Page(p) if p == file))
            {
                found.push(Found::Page(file.clone()));
            }
        }
        found.sort_by(|a, b| found_key(a).cmp(found_key(b)));
    }
    lap("discover", &mut timings);

    let texts: Vec<(String, Result<String, String>)> = found
        .into_par_iter()
        .map(|found| match found {
            Found::Page(path) => {
                let text = match overrides.get(&path) {
                    Some(text) => Ok(text.clone()),
                    None => read_page(&scope.root.join(&path)),
                };
                (path, text)
            }
            Found::Unreadable(path, reason) => (path, Err(reason)),
        })
        .collect();
    lap("read", &mut timings);

    let is_reported = |path: &str| {
        scope
            .selected
            .as_ref()
            .is_none_or(|selection| selection.contains(path))
    };
    let mut diagnostics = Vec::new();
    let mut pages = Vec::new();
    let mut files = 0;
    let parsed: Vec<Result<Page, (String, String)>> = texts
        .into_par_iter()
        .map(|(path, text)| match text {
            Ok(text) => {
                let source = Source::new(text);
                let facts = facts::extract(&source, &extract);
                Ok(Page {
                    path,
                    source,
                    facts,
                })
            }
            Err(reason) => Err((path, reason)),
        })
        .collect();
    for result in parsed {
        match result {
            Ok(page) => {
                files += usize::from(is_reported(&page.path));
                pages.push(page);
            }
            Err((path, reason)) => {
                if is_reported(&path) {
                    files += 1;
                    diagnostics.push(io_error(&path, &reason));
                }
            }
        }
    }
    lap("parse", &mut timings);

    let handbook = Handbook::with_config(scope.root.clone(), pages, config);
    lap("index", &mut timings);

    let findings: Vec<Diagnostic> = handbook
        .pages()
        .par_iter()
        .filter(|page| is_reported(&page.path))
        .flat_map_iter(|page| {
            let mut out = Vec::new();
            for rule in plan.rules() {
                rule.check(page, &handbook, &mut out);
            }
            out
        })
        .collect();
    diagnostics.extend(findings);
    let mut handbook_findings = Vec::new();
    for rule in plan.rules() {
        rule.check_handbook(&handbook, &mut handbook_findings);
    }
    diagnostics.extend(
        handbook_findings
            .into_iter()
            .filter(|d| is_reported(&d.path)),
    );
    let diagnostics = settle::settle(
        diagnostics,
        &handbook,
        &plan,
        &is_reported,
        baseline.as_ref(),
    );
    lap("rules", &mut timings);

    let mut sources = BTreeMap::new();
    let mut pages: BTreeMap<String, Page> = handbook
        .into_pages()
        .into_iter()
        .map(|p| (p.path.clone(), p))
        .collect();
    for diagnostic in &diagnostics {
        if let Some(page) = pages.remove(&diagnostic.path) {
            sources.insert(page.path, Arc::new(page.source));
        }
    }
    Ok(Report {
        root: scope.root,
        files,
        diagnostics,
        sources,
        timings,
    })
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

fn found_key(found: &Found) -> &str {
    match found {
        Found::Page(path) | Found::Unreadable(path, _) => path,
    }
}

/// A page's text, or why it cannot be linted (a phrase that follows the page's name).
fn read_page(path: &Path) -> Result<String, String> {
    let unreadable = |e: std::io::Error| format!("cannot be read: {e}");
    // Look before opening: opening a named pipe would wait for a writer forever.
    let metadata = fs::metadata(path).map_err(unreadable)?;
    if !metadata.is_file() {
        return Err("is not a regular file".to_string());
    }
    let file = fs::File::open(path).map_err(unreadable)?;
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
    if bytes.contains(&0) {
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
