//! The `--format json` contract (DESIGN.md): one object, version 1.

use std::io;

use rayon::prelude::*;
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
///
/// The findings are serialised on every core, `CHUNK` at a time, each on its own at the
/// depth serde_json's pretty printer gives it inside the document: a large report is
/// written in a fraction of the time and never held whole.
pub fn write_with_root(
    report: &Report,
    root: Option<&str>,
    mut out: impl io::Write,
) -> io::Result<()> {
    let output = |diagnostics| Output {
        version: 1,
        root,
        summary: Summary {
            files: report.files,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            fixable: report.fixable(),
        },
        diagnostics: Diagnostics(diagnostics),
    };
    if report.diagnostics.is_empty() {
        serde_json::to_writer_pretty(&mut out, &output(&[]))?;
        return out.write_all(b"\n");
    }
    // The document without findings ends in `[]` and the closing brace: the findings go
    // between the brackets.
    let empty = serde_json::to_vec_pretty(&output(&[]))?;
    let head = empty
        .strip_suffix(EMPTY_TAIL)
        .expect("an empty list of findings ends the document");
    out.write_all(head)?;
    out.write_all(b"[\n")?;
    for (index, chunk) in report.diagnostics.chunks(CHUNK).enumerate() {
        let written: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|d| {
                let mut item = Vec::new();
                for line in serde_json::to_vec_pretty(&diagnostic(d))
                    .expect("serialising plain structs cannot fail")
                    .split_inclusive(|&byte| byte == b'\n')
                {
                    item.extend_from_slice(INDENT);
                    item.extend_from_slice(line);
                }
                item
            })
            .collect();
        for (at, item) in written.iter().enumerate() {
            if index > 0 || at > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(item)?;
        }
    }
    out.write_all(b"\n  ]\n}\n")
}

/// How the pretty printer ends a document whose findings are none.
const EMPTY_TAIL: &[u8] = b"[]\n}";

/// The indentation of a finding's lines: two levels of two spaces. Line breaks in a JSON
/// document only ever stand between its tokens (a string escapes its own), so every line
/// of a finding serialised alone gets it.
const INDENT: &[u8] = b"    ";

/// Findings serialised together before they are written.
const CHUNK: usize = 4096;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::source::{Position, Span};

    /// `count` findings of every shape: with and without help and fix, several edits,
    /// text that JSON escapes (quotes, a line break, a tab, characters outside ASCII).
    fn report(count: usize) -> Report {
        let diagnostics = (0..count)
            .map(|i| {
                let mut d = Diagnostic::on_whole_page(
                    "broken-link",
                    if i % 3 == 0 {
                        Severity::Warning
                    } else {
                        Severity::Error
                    },
                    &format!("dir/Pagé-{i}.md"),
                    format!("`x{i}.md` \"quoted\"\nnext\tline ✓"),
                );
                d.span = Span {
                    start: Position {
                        line: i + 1,
                        column: 2,
                    },
                    end: Position {
                        line: i + 2,
                        column: 3,
                    },
                };
                if i % 2 == 0 {
                    d.help = Some(format!("help {i}"));
                }
                if i % 5 == 0 {
                    let edit = |n: usize| Edit {
                        range: n..n + 1,
                        span: d.span,
                        replacement: format!("new {n} \u{1}"),
                    };
                    d.fix = Some(Fix {
                        description: "Replace".to_string(),
                        edits: (0..i % 3).map(edit).collect(),
                    });
                }
                d
            })
            .collect();
        Report {
            root: "/h".into(),
            files: count + 1,
            diagnostics,
            sources: Default::default(),
            timings: Vec::new(),
        }
    }

    /// What serde_json's pretty printer writes for the whole document in one go.
    fn in_one_go(report: &Report, root: Option<&str>) -> String {
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
        serde_json::to_string_pretty(&output).unwrap() + "\n"
    }

    #[test]
    fn findings_written_in_parallel_chunks_are_the_document_written_in_one_go() {
        for count in [0, 1, 2, CHUNK, CHUNK + 1, 2 * CHUNK + 3] {
            let report = report(count);
            for root in [None, Some(".")] {
                assert_eq!(
                    render_with_root(&report, root),
                    in_one_go(&report, root),
                    "{count}"
                );
            }
        }
    }
}
