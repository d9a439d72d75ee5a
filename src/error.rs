//! Failures that stop a run (exit code 2). Findings are not errors: see `diagnostic`.

use std::path::PathBuf;

/// Why a run could not be done.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    #[error("path not found: {}", path.display())]
    #[diagnostic(
        code(roles_lint::path_not_found),
        help("give the handbook folder or files inside it")
    )]
    PathNotFound { path: PathBuf },

    #[error("cannot read the handbook root {}: {reason}", path.display())]
    #[diagnostic(code(roles_lint::unreadable_root))]
    UnreadableRoot { path: PathBuf, reason: String },

    #[error("{} is not inside the handbook root {}", path.display(), root.display())]
    #[diagnostic(
        code(roles_lint::outside_root),
        help("give files of one handbook at a time")
    )]
    OutsideRoot { path: PathBuf, root: PathBuf },

    #[error("fixes did not settle after {passes} passes in: {}", paths.join(", "))]
    #[diagnostic(
        code(roles_lint::fixes_did_not_settle),
        help("this is a bug in roles-lint: please report it with the pages named; nothing was written")
    )]
    FixesDidNotSettle { passes: usize, paths: Vec<String> },

    #[error("--stdin-filename reads one page from standard input: give `-` as the only PATH")]
    #[diagnostic(code(roles_lint::stdin_with_paths))]
    StdinWithPaths,

    #[error("cannot read standard input: {reason}")]
    #[diagnostic(code(roles_lint::stdin))]
    Stdin { reason: String },

    #[error("unknown rule `{id}`")]
    #[diagnostic(
        code(roles_lint::unknown_rule),
        help("`roles-lint --list-rules` lists the rule ids")
    )]
    UnknownRule { id: String },

    #[error("cannot read the configuration {}: {reason}", path.display())]
    #[diagnostic(code(roles_lint::config_unreadable))]
    ConfigUnreadable { path: PathBuf, reason: String },

    /// A configuration file that does not parse, or names an unknown key or rule.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<ConfigError>),

    #[error("{} already exists", path.display())]
    #[diagnostic(
        code(roles_lint::config_exists),
        help("edit it, or remove it and run `roles-lint --init` again")
    )]
    ConfigExists { path: PathBuf },

    #[error("cannot write {}: {reason}", path.display())]
    #[diagnostic(code(roles_lint::write_failed))]
    WriteFailed { path: PathBuf, reason: String },

    #[error("cannot use the baseline {}: {reason}", path.display())]
    #[diagnostic(
        code(roles_lint::baseline),
        help("write one with `roles-lint --write-baseline FILE`")
    )]
    Baseline { path: PathBuf, reason: String },
}

/// A mistake in a configuration file, located in it.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{}:{line}:{column}: {message}", path.display())]
#[diagnostic(
    code(roles_lint::config),
    help("the README's configuration reference lists every key; `roles-lint --init` writes a commented starter file")
)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line of the offending key or value.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
    #[source_code]
    pub source_code: miette::NamedSource<String>,
    #[label("here")]
    pub span: miette::SourceSpan,
}
