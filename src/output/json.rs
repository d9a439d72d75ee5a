//! The `--format json` contract (DESIGN.md): one object, version 1.

use std::io;

use serde::{Serialize, Serializer};

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
    diagnostics: Diagnostics<'a>,
}

/// The findings, turned into the contract's shape one at a time as they are written: a
/// report of many findings is never held twice.
struct Diagnostics<'a>(&'a [Diagnostic]);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(diagnostic))
    }
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
    let mut text = Vec::new();
    write_with_root(report, root, &mut text).expect("writing to memory does not fail");
    String::from_utf8(text).expect("serde_json writes UTF-8")
}

/// Writes what `render_with_root` returns to `out`, as it is serialised.
pub fn write_with_root(
    report: &Report,
    root: Option<&str>,
    mut out: impl io::Write,
) -> io::Result<()> {
    let output = Output {
        version: 1,
        root,
        summary: Summary {
            files: report.files,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            fixable: report.fixable(),
        },
        diagnostics: Diagnostics(&report.diagnostics),
    };
    serde_json::to_writer_pretty(&mut out, &output)?;
    out.write_all(b"\n")
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
