//! `path:line:col: rule message`, one finding per line.

use std::fmt::Write;

use crate::facts::invisible::escaped;
use crate::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {}",
            d.path,
            d.span.start.line,
            d.span.start.column,
            d.rule,
            escaped(&d.message)
        );
    }
    out
}
