//! roles-lint keeps a Markdown handbook of role pages consistent.
//!
//! `run` is the whole pipeline: discover the pages, read and parse each once into facts,
//! index the handbook, run the rules, and return the findings. Nothing here prints: the
//! binary renders the `Report` (see `output`).

// The library never writes to the terminal: the binary renders what it returns.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod config;
pub mod config_schema;
pub mod damage;
pub mod diagnostic;
pub mod discover;
pub mod english;
pub mod error;
pub mod facts;
pub mod fix;
pub mod handbook;
pub mod index;
pub mod load;
pub mod output;
pub mod page;
pub mod recent;
pub mod repo;
pub mod report_file;
pub mod resident;
pub mod resolve;
pub mod rule;
pub mod rules;
pub mod scans;
pub mod selection;
pub mod server;
pub mod settle;
pub mod site;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod surroundings;
pub mod write;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
pub use crate::error::Error;
use crate::facts::ExtractOptions;
use crate::handbook::Page;
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

    /// Takes in the report of the handbook nested in the root-relative `folder`: its
    /// pages and findings are named from this report's root.
    pub fn absorb(&mut self, folder: &str, inner: Report) {
        self.files += inner.files;
        self.diagnostics
            .extend(inner.diagnostics.into_iter().map(|mut d| {
                d.path = format!("{folder}/{}", d.path);
                d
            }));
        self.diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.sources.extend(
            inner
                .sources
                .into_iter()
                .map(|(path, source)| (format!("{folder}/{path}"), source)),
        );
    }

    /// True when some finding is an error: the run fails.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// How long each stage of a run takes.
pub struct Clock {
    started: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Clock {
    pub(crate) fn new() -> Self {
        Clock {
            started: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage `name`, which began when the previous one ended.
    pub fn lap(&mut self, name: &'static str) {
        self.laps.push((name, self.started.elapsed()));
        self.started = Instant::now();
    }
}

/// Lints the handbook that `options.paths` name: load → check → settle → report.
pub fn run(options: &Options) -> Result<Report, Error> {
    let mut clock = Clock::new();
    let loaded = load::load(options, &mut clock)?;
    let diagnostics = lint(&loaded);
    clock.lap("rules");
    let nested = loaded.nested.clone();
    let mut report = report(loaded, diagnostics, clock);
    for folder in nested {
        let inner = run(&nested_options(options, &report.root, &folder))?;
        report.absorb(&folder, inner);
    }
    Ok(report)
}

/// The options of a run over the handbook nested in the root-relative `folder`: its own
/// `roles-lint.toml`, not the one `--config` named for the outer handbook.
pub(crate) fn nested_options(options: &Options, root: &std::path::Path, folder: &str) -> Options {
    Options {
        paths: vec![root.join(folder)],
        config: None,
        overrides: options
            .overrides
            .iter()
            .filter_map(|(path, text)| {
                let inner = path.strip_prefix(folder)?.strip_prefix('/')?;
                Some((inner.to_string(), text.clone()))
            })
            .collect(),
        stdin: None,
        ..options.clone()
    }
}

/// The settled findings of a loaded handbook: check → settle. When pages were given,
/// they are reported with the damage they do elsewhere (`damage`).
pub(crate) fn lint(loaded: &load::Loaded) -> Vec<Diagnostic> {
    let damage = loaded
        .scope
        .selected
        .as_ref()
        .filter(|_| loaded.reports_damage)
        .map(|selection| damage::Damage::of(&loaded.handbook, selection));
    let handbook = &loaded.handbook;
    let may_carry = |path: &str| {
        loaded.is_reported(path)
            || damage.as_ref().is_some_and(|damage| {
                handbook
                    .page_index(path)
                    .is_some_and(|position| damage.may_reach(position))
            })
    };
    let mut findings = check_pages(
        handbook,
        &loaded.plan,
        &may_carry,
        loaded.unreadable.clone(),
    );
    if let Some(damage) = &damage {
        findings.retain(|d| loaded.is_reported(&d.path) || damage.caused(handbook, d));
    }
    let mut settled = settle::settle(
        findings,
        handbook,
        &loaded.plan,
        &may_carry,
        loaded.baseline.as_ref(),
    );
    if damage.is_some() {
        // Directives on other pages hide their findings, but are not checked there.
        settled.retain(|d| d.rule != rules::INVALID_SUPPRESSION || loaded.is_reported(&d.path));
    }
    settled
}

/// Lints pages held in memory, as a handbook of their own: `(root-relative path, text)`,
/// every rule at its default severity, every page reported on. Nothing is read from disk
/// (a link to a file that is not among the pages is missing). For tests and fuzzing.
pub fn run_in_memory(pages: &[(String, String)]) -> Report {
    let mut sorted: Vec<&(String, String)> = pages.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted.dedup_by(|a, b| a.0 == b.0);
    let extract = ExtractOptions::default();
    let pages: Vec<Page> = sorted
        .into_par_iter()
        .map(|(path, text)| load::parse_page(path.clone(), text.clone(), &extract))
        .collect();
    let root = PathBuf::from("/nonexistent/roles-lint-in-memory");
    let handbook = handbook::Handbook::new(root.clone(), pages);
    let plan = selection::RulePlan::defaults();
    let findings = check_pages(&handbook, &plan, &|_| true, Vec::new());
    let diagnostics = settle::settle(findings, &handbook, &plan, &|_| true, None);
    let files = handbook.pages().len();
    let mut sources = BTreeMap::new();
    for page in handbook.into_pages() {
        if diagnostics.iter().any(|d| d.path == page.path) {
            sources.insert(page.path, Arc::new(page.source));
        }
    }
    Report {
        root,
        files,
        diagnostics,
        sources,
        timings: Vec::new(),
    }
}

/// `check` over any handbook: `diagnostics` holds findings made before the rules ran.
fn check_pages(
    handbook: &handbook::Handbook,
    plan: &selection::RulePlan,
    is_reported: &(dyn Fn(&str) -> bool + Sync),
    mut diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let findings: Vec<Diagnostic> = handbook
        .pages()
        .par_iter()
        .filter(|page| is_reported(&page.path))
        .flat_map_iter(|page| check_page(page, handbook, plan))
        .collect();
    diagnostics.extend(findings);
    diagnostics.extend(
        check_handbook(handbook, plan)
            .into_iter()
            .filter(|d| is_reported(&d.path)),
    );
    without_idle_fixes(&mut diagnostics, handbook);
    diagnostics
}

/// The findings of every per-page rule of `plan` on one page, before settling.
pub(crate) fn check_page(
    page: &Page,
    handbook: &handbook::Handbook,
    plan: &selection::RulePlan,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in plan.rules() {
        rule.check(page, handbook, &mut out);
    }
    out
}

/// The findings of the handbook-wide checks of `plan`, on every page, before settling.
pub(crate) fn check_handbook(
    handbook: &handbook::Handbook,
    plan: &selection::RulePlan,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in plan.rules() {
        rule.check_handbook(handbook, &mut out);
    }
    out
}

/// Drops every fix that would change nothing (a label "replaced" by itself): it would
/// count as fixable and never clear. One check here holds for every rule.
pub(crate) fn without_idle_fixes(diagnostics: &mut [Diagnostic], handbook: &handbook::Handbook) {
    for diagnostic in diagnostics.iter_mut() {
        let idle = diagnostic.fix.as_ref().is_some_and(|fix| {
            handbook
                .page(&diagnostic.path)
                .is_none_or(|page| !fix.changes(page.source.text()))
        });
        if idle {
            diagnostic.fix = None;
        }
    }
}

/// The report: the settled findings with the text of each page that has one.
pub(crate) fn report(
    mut loaded: load::Loaded,
    diagnostics: Vec<Diagnostic>,
    clock: Clock,
) -> Report {
    let mut sources = BTreeMap::new();
    for diagnostic in &diagnostics {
        if sources.contains_key(&diagnostic.path) {
            continue;
        }
        if let Some(source) = loaded.handbook.take_source(&diagnostic.path) {
            sources.insert(diagnostic.path.clone(), Arc::new(source));
        }
    }
    let (root, files) = (loaded.scope.root.clone(), loaded.files);
    // Freeing a large handbook's pages, facts and indexes takes a tenth of the run: it
    // happens on a thread of its own while the report is printed (a CLI run may end
    // before it does, and the system takes the memory back at once).
    std::thread::spawn(move || drop(loaded));
    Report {
        root,
        files,
        diagnostics,
        sources,
        timings: clock.laps,
    }
}
