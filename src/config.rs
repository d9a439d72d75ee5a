//! `roles-lint.toml`: the settings of a handbook (README, "Configuration").
//!
//! The file sits at the handbook root (it also marks the root) or is named with
//! `--config`. Every key is optional; a handbook shaped like the seed needs no file.
//! Unknown keys and unknown rule ids are errors that name the file, the line and the key:
//! a misspelt setting that is silently ignored is worse than none.

use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::error::{ConfigError, Error};
use crate::facts::ExtractOptions;

/// The name of the configuration file, which also marks a handbook root.
pub const CONFIG_FILE: &str = "roles-lint.toml";

/// What `roles-lint --init` says of each rule: its id, default severity and summary.
pub type RuleLine = (&'static str, Severity, &'static str);

/// The settings of one run: the configuration file's, or the defaults without one.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file the settings were read from; `None` when there is none.
    pub path: Option<PathBuf>,
    /// `exclude`: gitignore-style globs, relative to the handbook root, of pages that are
    /// neither read nor reported (even when named on the command line).
    pub exclude: Vec<String>,
    /// `[nav] headings`: headings whose following list is a page's nav; `None` keeps
    /// the default (`facts::DEFAULT_NAV_HEADINGS`).
    pub nav_headings: Option<Vec<String>>,
    /// `[roles] extra`: role names the vocabulary knows besides those it learns from the
    /// handbook (titles, nav labels, file names, comparison headers). May be empty.
    pub roles_extra: Vec<String>,
    /// `[roles] ignore-words`: words never reported as misspelt role names. May be empty.
    pub ignore_words: Vec<String>,
    /// `[rules]`: the setting of each rule id named there, as written: `RulePlan::new`
    /// checks the ids against the registry. Rules not named keep their default severity.
    pub rules: BTreeMap<String, RuleSetting>,
    /// `root-dir`: where a link written from `/` starts, absolute; `None` keeps the git
    /// work tree of the handbook (else the handbook root).
    pub root_dir: Option<PathBuf>,
    /// `language`: the language of the handbook's pages (`"auto"`, `"en"`, ...); `None`
    /// detects it page by page.
    pub language: Option<String>,
    /// `repository`: the handbook's own repository (`owner/repo`, `host/owner/repo` or a
    /// URL), whose absolute URLs are local links; `None` reads git's `origin` remote.
    pub repository: Option<String>,
    /// Where each `[rules]` id is written in the file, for `unknown_rule`.
    rule_spans: BTreeMap<String, Range<usize>>,
    /// The file's text, for errors located in it; empty without a file.
    text: String,
    excluded: Gitignore,
}

/// What `[rules] <id> = "..."` asks of a rule: `"error"` fails the run, `"warning"` is
/// reported without failing it, `"off"` does not run the rule.
// No doc comment on the variants: schemars would then describe them with `oneOf` and
// `const`, which older JSON Schema drafts (and some editors) do not know; a plain `enum`
// is understood everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Error,
    Warning,
    Off,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            exclude: Vec::new(),
            nav_headings: None,
            roles_extra: Vec::new(),
            ignore_words: Vec::new(),
            rules: BTreeMap::new(),
            root_dir: None,
            repository: None,
            language: None,
            rule_spans: BTreeMap::new(),
            text: String::new(),
            excluded: Gitignore::empty(),
        }
    }
}

/// The file as written; spans locate the keys that are checked after parsing.
///
/// The doc comments of these structs and fields are the descriptions of the JSON Schema
/// of the file (`config_schema`), which editors show: they are written for users.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "roles-lint.toml",
    description = "The configuration of roles-lint, a linter for Markdown handbooks of role pages. It also marks the root of the handbook. Every key is optional."
)]
pub(crate) struct File {
    /// Pages to skip, as gitignore-style globs relative to this file's folder (such as
    /// "drafts/" or "archive/**/*.md"). Skipped pages are neither read nor reported, even
    /// when named on the command line; links to them still resolve.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    exclude: Vec<Spanned<String>>,
    /// The folder, relative to this file, where a link written from `/` starts. Default:
    /// the git work tree that holds the handbook, else the handbook root.
    root_dir: Option<String>,
    /// The handbook's own repository (`owner/repo` on github.com, `host/owner/repo`, or a
    /// clone URL), whose `/blob/`, `/tree/` and raw URLs are checked as local links.
    /// Default: git's `origin` remote.
    repository: Option<String>,
    /// The language of the pages: "auto" (the default) detects it page by page, "en"
    /// takes every page as English; any other language turns role-typo off.
    language: Option<String>,
    #[serde(default)]
    nav: NavTable,
    #[serde(default)]
    roles: RolesTable,
    /// The severity of rules by id: "error", "warning" or "off". Rules not named keep
    /// their default severity (`roles-lint --list-rules`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleSetting>")]
    rules: BTreeMap<Spanned<String>, RuleSetting>,
}

/// Navigation lists.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct NavTable {
    /// The headings whose following list is a page's nav, compared ignoring case.
    /// Default: ["Other Pages", "Navigation", "Pages"].
    headings: Option<Vec<String>>,
}

/// The role vocabulary of role-typo.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RolesTable {
    /// Role names to know besides those learnt from the handbook's titles, nav labels,
    /// file names and comparison tables, such as "Principal Engineer".
    #[serde(default)]
    extra: Vec<String>,
    /// Words never reported as misspelt role names.
    #[serde(default)]
    ignore_words: Vec<String>,
}

impl Config {
    /// The configuration of the handbook at `root`: the file `explicit` names (`--config`),
    /// else `<root>/roles-lint.toml` when it exists, else the defaults.
    pub fn find(root: &Path, explicit: Option<&Path>) -> Result<Config, Error> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => {
                let path = root.join(CONFIG_FILE);
                if !path.is_file() {
                    return Ok(Config::default());
                }
                path
            }
        };
        let text = fs::read_to_string(&path).map_err(|error| Error::ConfigUnreadable {
            path: path.clone(),
            reason: error.to_string(),
        })?;
        Config::parse(&text, &path, root)
    }

    /// Parses the text of a configuration file; `path` names it in errors and `root` is
    /// the handbook root the `exclude` globs are relative to.
    pub fn parse(text: &str, path: &Path, root: &Path) -> Result<Config, Error> {
        let fail = |span: Range<usize>, message: String| config_error(text, path, span, message);
        let file: File = toml::from_str(text).map_err(|error| {
            let span = error.span().unwrap_or(0..0);
            let message = reworded(error.message(), text, span.start);
            fail(span, message)
        })?;

        let mut excluded = GitignoreBuilder::new(root);
        for glob in &file.exclude {
            excluded
                .add_line(None, glob.get_ref())
                .map_err(|error| fail(glob.span(), format!("invalid `exclude` glob: {error}")))?;
        }
        let excluded = excluded
            .build()
            .map_err(|error| fail(0..0, format!("invalid `exclude` globs: {error}")))?;

        let mut settings = BTreeMap::new();
        let mut rule_spans = BTreeMap::new();
        for (id, setting) in file.rules {
            rule_spans.insert(id.get_ref().clone(), id.span());
            settings.insert(id.into_inner(), setting);
        }
        // `root-dir` is relative to the folder of the file, as `exclude` is.
        let folder = path.parent().unwrap_or(root);
        Ok(Config {
            path: Some(path.to_path_buf()),
            exclude: file.exclude.into_iter().map(Spanned::into_inner).collect(),
            nav_headings: file.nav.headings,
            roles_extra: file.roles.extra,
            ignore_words: file.roles.ignore_words,
            rules: settings,
            root_dir: file.root_dir.map(|dir| folder.join(dir)),
            repository: file.repository,
            language: file.language,
            rule_spans,
            text: text.to_string(),
            excluded,
        })
    }

    /// The error for a `[rules]` id that names no rule, located at the id in the file.
    pub fn unknown_rule(&self, id: &str) -> Error {
        let span = self.rule_spans.get(id).cloned().unwrap_or(0..0);
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
        config_error(
            &self.text,
            &path,
            span,
            format!("unknown rule `{id}` in [rules]; `roles-lint --list-rules` lists the rule ids"),
        )
    }

    /// `base` with the nav headings of `[nav] headings`, when the file sets them.
    pub fn extract_options(&self, base: &ExtractOptions) -> ExtractOptions {
        let mut options = base.clone();
        if let Some(headings) = &self.nav_headings {
            options.nav_headings = headings.clone();
        }
        options
    }

    /// True when a root-relative path (or a folder above it) matches `exclude`.
    pub fn is_excluded(&self, path: &str, is_dir: bool) -> bool {
        !path.is_empty()
            && self
                .excluded
                .matched_path_or_any_parents(path, is_dir)
                .is_ignore()
    }
}

/// serde names keys "fields": say "key", and say which table the key is in.
fn reworded(message: &str, text: &str, offset: usize) -> String {
    let message = message.trim_end();
    let Some(rest) = message.strip_prefix("unknown field ") else {
        return message.to_string();
    };
    let table = table_at(text, offset)
        .map(|t| format!(" in [{t}]"))
        .unwrap_or_else(|| " at the top level".to_string());
    match rest.split_once(", ") {
        Some((key, expected)) => format!("unknown key {key}{table}; {expected}"),
        None => format!("unknown key {rest}{table}"),
    }
}

/// The name of the `[table]` whose header comes last before `offset`.
fn table_at(text: &str, offset: usize) -> Option<&str> {
    text.get(..offset)?.lines().rev().find_map(|line| {
        let line = line.trim();
        let name = line.strip_prefix('[')?.split(']').next()?;
        Some(name.trim_matches(|c| c == '[' || c == ' '))
    })
}

fn config_error(text: &str, path: &Path, span: Range<usize>, message: String) -> Error {
    let start = span.start.min(text.len());
    let before = text.get(..start).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let length = span.end.clamp(start, text.len()) - start;
    Error::Config(Box::new(ConfigError {
        path: path.to_path_buf(),
        line,
        column,
        message,
        source_code: miette::NamedSource::new(path.display().to_string(), text.to_string()),
        span: (start, length).into(),
    }))
}

/// The text `roles-lint --init` writes: every key, commented, at its default.
pub fn starter(rules: &[RuleLine]) -> String {
    let mut text = String::from(
        "# roles-lint configuration. This file also marks the root of the handbook.\n\
         # Every key is optional; the values shown are the defaults.\n\
         \n\
         # Pages to skip, as gitignore-style globs relative to this folder. Skipped pages are\n\
         # neither read nor reported, even when they are named on the command line.\n\
         exclude = []\n\
         # exclude = [\"drafts/\", \"archive/**/*.md\"]\n\
         \n\
         # Where a link written from `/` starts (relative to this folder). By default: the git\n\
         # work tree that holds the handbook, else this folder, as GitHub renders such links.\n\
         # root-dir = \"..\"\n\
         \n\
         # The handbook's own repository: its absolute URLs (`/blob/`, `/tree/`, raw) are checked\n\
         # as local links. By default read from git's `origin` remote.\n\
         # repository = \"owner/repo\"\n\
         \n\
         # The language of the pages: \"auto\" detects it page by page; role-typo checks\n\
         # English pages only (\"en\" checks every page, any other language none).\n\
         # language = \"auto\"\n\
         \n\
         [nav]\n\
         # Headings whose following list is a page's navigation (compared ignoring case).\n",
    );
    let headings: Vec<String> = crate::facts::DEFAULT_NAV_HEADINGS
        .iter()
        .map(|h| format!("{h:?}"))
        .collect();
    text.push_str(&format!("headings = [{}]\n", headings.join(", ")));
    text.push_str(
        "\n\
         [roles]\n\
         # Role names to know besides those learnt from titles, nav labels, file names and\n\
         # comparison tables, such as \"Principal Engineer\".\n\
         extra = []\n\
         # Words never reported as misspelt role names.\n\
         ignore-words = []\n\
         \n\
         [rules]\n\
         # The severity of each rule: \"error\", \"warning\" or \"off\".\n",
    );
    for (id, severity, summary) in rules {
        text.push_str(&format!(
            "# {id} = \"{}\"    # {summary}\n",
            severity.as_str()
        ));
    }
    text
}

/// Writes the starter configuration into `folder`; an existing file is left alone.
pub fn init(folder: &Path, rules: &[RuleLine]) -> Result<PathBuf, Error> {
    use std::io::Write;
    let path = folder.join(CONFIG_FILE);
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| file.write_all(starter(rules).as_bytes()));
    match written {
        Ok(()) => Ok(path),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::ConfigExists { path })
        }
        Err(error) => Err(Error::WriteFailed {
            path,
            reason: error.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(text, Path::new("roles-lint.toml"), Path::new("/handbook"))
    }

    fn error_of(text: &str) -> (usize, usize, String) {
        match parse(text) {
            Err(Error::Config(error)) => (error.line, error.column, error.message),
            other => panic!("expected a configuration error, got {other:?}"),
        }
    }

    #[test]
    fn every_key_is_read() {
        let config = parse(
            "exclude = [\"drafts/\"]\n[nav]\nheadings = [\"See also\"]\n\
             [roles]\nextra = [\"Principal Engineer\"]\nignore-words = [\"Enginering\"]\n\
             [rules]\norphan-page = \"off\"\nbroken-link = \"warning\"\n",
        )
        .unwrap();
        assert_eq!(config.exclude, ["drafts/"]);
        assert_eq!(config.nav_headings, Some(vec!["See also".to_string()]));
        assert_eq!(config.roles_extra, ["Principal Engineer"]);
        assert_eq!(config.ignore_words, ["Enginering"]);
        assert_eq!(config.rules["orphan-page"], RuleSetting::Off);
        assert_eq!(config.rules["broken-link"], RuleSetting::Warning);
        assert!(config.is_excluded("drafts/A.md", false));
        assert!(!config.is_excluded("A.md", false));
    }

    #[test]
    fn unknown_keys_name_the_line_and_the_key() {
        let (line, column, message) = error_of("[nav]\nheadings = []\n\n[roles]\nextras = []\n");
        assert_eq!((line, column), (5, 1));
        assert!(
            message.contains("unknown key `extras` in [roles]"),
            "{message}"
        );
        let (line, _, message) = error_of("# top\nexlude = []\n");
        assert_eq!(line, 2);
        assert!(message.contains("`exlude` at the top level"), "{message}");
    }

    #[test]
    fn unknown_rule_settings_are_errors() {
        let (line, _, message) = error_of("[rules]\n\nbroken-link = \"warn\"\n");
        assert_eq!(line, 3);
        assert!(message.contains("warn"), "{message}");
    }

    #[test]
    fn syntax_errors_and_bad_globs_have_lines() {
        assert_eq!(error_of("exclude = [\n\"a\",\n= 1\n").0, 3);
        let (line, _, message) = error_of("\nexclude = [\"ok/\", \"a/{b\"]\n");
        assert_eq!(line, 2);
        assert!(message.contains("invalid `exclude` glob"), "{message}");
    }
}
