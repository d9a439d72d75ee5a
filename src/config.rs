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
use serde::Deserialize;
use toml::Spanned;

use crate::discover::CONFIG_FILE;
use crate::error::{ConfigError, Error};
use crate::facts::ExtractOptions;
use crate::rules;

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
    /// `[rules]`: the setting of each rule id named there; every id is a known one
    /// (`rules::known`). Rules not named keep their default severity.
    pub rules: BTreeMap<String, RuleSetting>,
    excluded: Gitignore,
}

/// What `[rules] <id> = "..."` asks of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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
            excluded: Gitignore::empty(),
        }
    }
}

/// The file as written; spans locate the keys that are checked after parsing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    nav: NavTable,
    #[serde(default)]
    roles: RolesTable,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, RuleSetting>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NavTable {
    headings: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RolesTable {
    #[serde(default)]
    extra: Vec<String>,
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
        for (id, setting) in file.rules {
            if rules::known(id.get_ref()).is_none() {
                return Err(fail(
                    id.span(),
                    format!(
                        "unknown rule `{}` in [rules]; `roles-lint --list-rules` lists the rule ids",
                        id.get_ref()
                    ),
                ));
            }
            settings.insert(id.into_inner(), setting);
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            exclude: file.exclude.into_iter().map(Spanned::into_inner).collect(),
            nav_headings: file.nav.headings,
            roles_extra: file.roles.extra,
            ignore_words: file.roles.ignore_words,
            rules: settings,
            excluded,
        })
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
pub fn starter() -> String {
    let mut text = String::from(
        "# roles-lint configuration. This file also marks the root of the handbook.\n\
         # Every key is optional; the values shown are the defaults.\n\
         \n\
         # Pages to skip, as gitignore-style globs relative to this folder. Skipped pages are\n\
         # neither read nor reported, even when they are named on the command line.\n\
         exclude = []\n\
         # exclude = [\"drafts/\", \"archive/**/*.md\"]\n\
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
    for meta in rules::known_metas() {
        text.push_str(&format!(
            "# {} = \"{}\"    # {}\n",
            meta.id,
            meta.severity.as_str(),
            meta.summary
        ));
    }
    text
}

/// Writes the starter configuration into `folder`; an existing file is left alone.
pub fn init(folder: &Path) -> Result<PathBuf, Error> {
    use std::io::Write;
    let path = folder.join(CONFIG_FILE);
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| file.write_all(starter().as_bytes()));
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
    fn unknown_rule_ids_and_settings_are_errors() {
        let (line, column, message) =
            error_of("[rules]\nbroken-link = \"off\"\nbroken-lnk = \"off\"\n");
        assert_eq!((line, column), (3, 1));
        assert!(message.contains("unknown rule `broken-lnk`"), "{message}");
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

    #[test]
    fn the_starter_parses_to_the_defaults() {
        let config = parse(&starter()).unwrap();
        assert!(config.exclude.is_empty() && config.rules.is_empty());
        assert_eq!(
            config.nav_headings.unwrap(),
            crate::facts::DEFAULT_NAV_HEADINGS
        );
        for meta in rules::known_metas() {
            assert!(
                starter().contains(&format!("# {} = ", meta.id)),
                "{}",
                meta.id
            );
        }
    }
}
