//! `path:line:col: rule message`, one finding per line.

use std::fmt::Write;

use crate::facts::invisible::escaped;
use crate::Report;

/// Every finding, with paths from the handbook root.
pub fn render(report: &Report) -> String {
    render_with_prefix(report, "")
}

/// Every finding, with `prefix` (empty, or ending in `/`; see `output::paths`) before
/// each path.
pub fn render_with_prefix(report: &Report, prefix: &str) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let _ = writeln!(
            out,
            "{prefix}{}:{}:{}: {} {}",
            d.path,
            d.span.start.line,
            d.span.start.column,
            d.rule,
            escaped(&d.message)
        );
    }
    out
}
