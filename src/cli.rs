//! Command-line flags.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// Lint a Markdown handbook of role pages: broken links and anchors, navigation drift,
/// misspelt role names, comparison tables, invisible characters.
#[derive(Debug, Parser)]
#[command(name = "roles-lint", version, about)]
pub struct Cli {
    /// The handbook folder (default: the current folder), or pages inside it: then only
    /// those pages are reported, but the whole handbook is read.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print findings. human and concise name pages from the current folder
    /// (`handbook/README.md:3:10`), json from the handbook root, github from the
    /// repository root.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to colour human output (NO_COLOR is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Print findings only: no summary line.
    #[arg(long, short)]
    pub quiet: bool,

    /// Write the report (in any --format, or the --diff) to this file instead of
    /// standard output, replacing it whole; the exit code is unchanged.
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with_all = ["list_rules", "explain", "init", "write_baseline"]
    )]
    pub output_file: Option<PathBuf>,

    /// List the rules and exit: id, default severity, fix, summary; with --format json,
    /// a JSON array that also gives each rule's documentation.
    #[arg(long, conflicts_with_all = ["explain", "paths"])]
    pub list_rules: bool,

    /// Print the documentation of a rule and exit.
    #[arg(long, value_name = "RULE", conflicts_with = "paths")]
    pub explain: Option<String>,

    /// Print how long each phase took, on stderr.
    #[arg(long)]
    pub timings: bool,

    /// Apply every safe fix, then report what remains.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print the fixes as a unified diff and write nothing (exit 1 if there is anything
    /// to fix). Its paths start from the current folder: `roles-lint --diff handbook |
    /// git apply` (or `patch -p1`) applies it from there.
    #[arg(long)]
    pub diff: bool,

    /// Apply only the fixes of these rules (comma-separated ids); implies nothing without
    /// --fix or --diff.
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    pub fix_only: Vec<String>,

    /// Read the page from standard input (give `-` as the PATH) and lint it as if it were
    /// at this path in its handbook. With --fix (a formatter for editors): print the fixed
    /// page on stdout and what remains on stderr (concise), and exit 0 whenever the page
    /// was produced; 2 on failure.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    #[command(flatten)]
    pub settings: Settings,
}

/// Configuration, rule selection and baselines (README: "Configuration", "Baseline").
#[derive(Debug, clap::Args)]
pub struct Settings {
    /// The configuration file (default: roles-lint.toml at the handbook root).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Write a commented starter roles-lint.toml into the current folder and exit.
    #[arg(long, conflicts_with_all = ["paths", "list_rules", "explain"])]
    pub init: bool,

    /// Run only these rules (comma-separated ids).
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Report only the findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every finding in this baseline file, report nothing and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Code frames with labels and help.
    Human,
    /// One line per finding: `path:line:col: rule message`.
    Concise,
    /// One JSON object (see the README for the contract).
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}
