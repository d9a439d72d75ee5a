//! Failures that stop a run (exit code 2). Findings are not errors: see `diagnostic`.

use std::path::PathBuf;

impl Error {
    /// An unknown rule id, with the closest known id when one is close.
    pub fn unknown_rule(id: &str, known: impl IntoIterator<Item = &'static str>) -> Self {
        let list = "`roles-lint --list-rules` lists the rule ids";
        let help = match crate::suggest::closest(id, known) {
            Some(found) if found.is_plausible(id) => {
                format!("{} ({list})", found.question(|c| format!("`{c}`")))
            }
            _ => list.to_string(),
        };
        Error::UnknownRule {
            id: id.to_string(),
            help,
        }
    }
}

/// Why a run could not be done.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    #[error("path not found: {}", path.display())]
    #[diagnostic(help("give the handbook folder or files inside it"))]
    PathNotFound { path: PathBuf },

    #[error("cannot read the handbook root {}: {reason}", path.display())]
    UnreadableRoot { path: PathBuf, reason: String },

    #[error("{} is not inside the handbook root {}", path.display(), root.display())]
    #[diagnostic(help("give files of one handbook at a time"))]
    OutsideRoot { path: PathBuf, root: PathBuf },

    #[error("fixes did not settle after {passes} passes in: {}", paths.join(", "))]
    #[diagnostic(help(
        "this is a bug in roles-lint: please report it with the pages named; nothing was written"
    ))]
    FixesDidNotSettle { passes: usize, paths: Vec<String> },

    #[error("--stdin-filename reads one page from standard input: give `-` as the only PATH")]
    StdinWithPaths,

    #[error("cannot read standard input: {reason}")]
    Stdin { reason: String },

    #[error("--list-rules prints text or JSON")]
    #[diagnostic(help("use --format human (the default) or --format json"))]
    ListRulesFormat,

    #[error("unknown rule `{id}`")]
    UnknownRule {
        id: String,
        /// "did you mean `x`?", and where the rule ids are listed.
        #[help]
        help: String,
    },

    #[error("no Markdown page in {}", path.display())]
    #[diagnostic(help(
        "roles-lint reads `.md` and `.markdown` files below the folder it is given, honouring .gitignore; give the handbook's folder"
    ))]
    NoPages { path: PathBuf },

    #[error("cannot read the configuration {}: {reason}", path.display())]
    ConfigUnreadable { path: PathBuf, reason: String },

    /// A configuration file that does not parse, or names an unknown key or rule.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<ConfigError>),

    #[error("{} already exists", path.display())]
    #[diagnostic(help("edit it, or remove it and run `roles-lint --init` again"))]
    ConfigExists { path: PathBuf },

    #[error("cannot write {}: {reason}", path.display())]
    WriteFailed { path: PathBuf, reason: String },

    #[error("cannot write the report to {}: {reason}", path.display())]
    #[diagnostic(help("give --output-file a file in an existing folder, or leave it out"))]
    ReportUnwritable { path: PathBuf, reason: String },

    #[error("cannot use the baseline {}: {reason}", path.display())]
    #[diagnostic(help("write one with `roles-lint --write-baseline FILE`"))]
    Baseline { path: PathBuf, reason: String },
}

/// A mistake in a configuration file, located in it.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{}:{line}:{column}: {message}", path.display())]
#[diagnostic(
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
