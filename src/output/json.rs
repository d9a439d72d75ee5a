//! The `--format json` contract (DESIGN.md): one object, version 1.

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Edit};
use crate::Report;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    /// The handbook root the paths start from, as a path from the current folder ("."
    /// at the root): added to the contract's fields, which are unchanged, so a reader
    /// can open the pages from wherever it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    root: Option<&'a str>,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    fixable: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    description: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

pub fn render(report: &Report) -> String {
    render_with_root(report, None)
}

/// `render` with the contract's paths' root named (see `Output::root`).
pub fn render_with_root(report: &Report, root: Option<&str>) -> String {
    let output = Output {
        version: 1,
        root,
        summary: Summary {
            files: report.files,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            fixable: report.fixable(),
        },
        diagnostics: report.diagnostics.iter().map(diagnostic).collect(),
    };
    let mut text = serde_json::to_string_pretty(&output).expect("plain structs serialise");
    text.push('\n');
    text
}

fn diagnostic(d: &Diagnostic) -> JsonDiagnostic<'_> {
    JsonDiagnostic {
        rule: d.rule,
        severity: d.severity,
        path: &d.path,
        line: d.span.start.line,
        column: d.span.start.column,
        end_line: d.span.end.line,
        end_column: d.span.end.column,
        message: &d.message,
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|fix| JsonFix {
            description: &fix.description,
            edits: fix.edits.iter().map(edit).collect(),
        }),
    }
}

fn edit(e: &Edit) -> JsonEdit<'_> {
    JsonEdit {
        line: e.span.start.line,
        column: e.span.start.column,
        end_line: e.span.end.line,
        end_column: e.span.end.column,
        replacement: &e.replacement,
    }
}
