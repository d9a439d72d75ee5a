//! `--format github`: GitHub Actions workflow commands, one per finding, which GitHub
//! shows as annotations on the pull request's diff:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`.
//!
//! GitHub resolves `file` from the repository root, so a handbook inside a larger
//! repository has the path of its root in the work tree put before each page's path,
//! wherever roles-lint runs (a step's `working-directory` changes nothing).

use std::fmt::Write;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::Report;

/// Renders every finding; paths are given from the repository root (see
/// `annotation_prefix`).
pub fn render(report: &Report) -> String {
    render_with_prefix(report, &annotation_prefix(&report.root))
}

/// Renders every finding, with `prefix` (empty, or ending in `/`) before each path.
pub fn render_with_prefix(report: &Report, prefix: &str) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&command(d, prefix));
        out.push('\n');
    }
    out
}

/// One workflow command.
pub fn command(d: &Diagnostic, prefix: &str) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("::{level} ");
    let properties = [
        ("file", format!("{prefix}{}", d.path)),
        ("line", d.span.start.line.to_string()),
        ("col", d.span.start.column.to_string()),
        ("endLine", d.span.end.line.to_string()),
        ("endColumn", d.span.end.column.to_string()),
        ("title", d.rule.to_string()),
    ];
    for (index, (name, value)) in properties.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let _ = write!(out, "{name}={}", escape_property(value));
    }
    let _ = write!(out, "::{}", escape_data(&message_of(d)));
    out
}

/// The message, then the help and the fix on lines of their own, as the human output
/// shows them.
pub fn message_of(d: &Diagnostic) -> String {
    let mut message = message_with_help(d);
    if let Some(fix) = &d.fix {
        let _ = write!(message, "\nfix available: {}", fix.description);
    }
    message
}

/// The message, then the help on a line of its own.
pub fn message_with_help(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

/// Escapes a command's message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as a message, and `:` and `,`, which end properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The way from the repository root to `root` (empty, or ending in `/`): from the git
/// work tree that holds it; outside any (a checkout made without git has no `.git`),
/// from `GITHUB_WORKSPACE`, the folder Actions checks the repository out into, when it
/// holds the root; else from the current folder, which is the workspace in a step that
/// does not change it.
pub fn annotation_prefix(root: &Path) -> String {
    if crate::repo::work_tree_of(root).is_some() {
        return repository_prefix(root);
    }
    let workspace = std::env::var_os("GITHUB_WORKSPACE")
        .and_then(|folder| std::fs::canonicalize(folder).ok())
        .filter(|folder| root.starts_with(folder));
    match workspace {
        Some(workspace) => super::paths::prefix_from(&workspace, root),
        None => super::paths::cwd_prefix(root),
    }
}

/// The path of `root` inside the git work tree that holds it (`/`-separated, ending in
/// `/`), or `""` when the root is the work tree's top or is in none.
pub fn repository_prefix(root: &Path) -> String {
    let Some(top) = crate::repo::work_tree_of(root) else {
        return String::new();
    };
    match crate::discover::relative_path(&top, root) {
        Some(relative) if !relative.is_empty() => format!("{relative}/"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_ends() {
        assert_eq!(
            escape_data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        // `%` is escaped first, so an escape already in the text is not taken as one.
        assert_eq!(escape_property("%3A"), "%253A");
    }

    #[test]
    fn a_whole_command_escapes_its_message_and_properties() {
        let source = crate::source::Source::new("ab\ncd, e\n".to_string());
        let d = Diagnostic::new(
            "broken-link",
            Severity::Warning,
            "a,b: c%.md",
            &source,
            3..7,
            "100% sure: `x, y`\nis gone\r",
            "",
        )
        .with_help("try `a:b`");
        assert_eq!(
            command(&d, "docs/"),
            "::warning file=docs/a%2Cb%3A c%25.md,line=2,col=1,endLine=2,endColumn=5,\
             title=broken-link::100%25 sure: `x, y`%0Ais gone%0D%0Ahelp: try `a:b`"
        );
    }

    #[test]
    fn prefix_is_the_root_inside_the_work_tree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs/handbook");
        std::fs::create_dir_all(&root).unwrap();
        assert_eq!(repository_prefix(&root), "");
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        assert_eq!(repository_prefix(&root), "docs/handbook/");
        assert_eq!(repository_prefix(dir.path()), "");
        // A worktree or submodule has a `.git` file.
        std::fs::write(root.join(".git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(repository_prefix(&root), "");
    }
}
