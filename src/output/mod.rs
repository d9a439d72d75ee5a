//! Rendering a report: human (code frames), concise (one line each), JSON, GitHub
//! workflow commands and SARIF; and the rule catalogue (`--list-rules`).

pub mod catalogue;
pub mod concise;
pub mod diff;
pub mod fingerprint;
pub mod github;
pub mod human;
pub mod json;
pub mod paths;
pub mod sarif;
pub mod window;

use crate::diagnostic::Severity;
use crate::Report;

/// The closing line of the human and concise formats.
pub fn summary_line(report: &Report) -> String {
    let files = plural(report.files, "file");
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    if errors + warnings == 0 {
        return format!("No problems found in {files}.");
    }
    format!(
        "Found {} and {} in {files}.",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// `1 file`, `2 files`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
