//! Findings and the fixes they carry.

use std::ops::Range;

use serde::Serialize;

use crate::source::{Source, Span};

/// How much a finding matters: an error fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id, such as `broken-link` (or `io-error` for a page that could not be read).
    pub rule: &'static str,
    pub severity: Severity,
    /// Page path relative to the handbook root, with `/` separators.
    pub path: String,
    /// Byte range in the page text (end exclusive); empty when the page has no text.
    pub range: Range<usize>,
    /// The same range as lines and character columns.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The label under the code frame.
    pub label: String,
    /// Further places worth showing, such as the first of two duplicates.
    pub related: Vec<Related>,
    /// How to cure it.
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

/// A secondary place in the same page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub label: String,
}

/// Edits that cure a finding; they apply together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Imperative: "Replace `a` with `b`".
    pub description: String,
    /// Non-overlapping edits on the page, in document order.
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range replaced (end exclusive); empty to insert.
    pub range: Range<usize>,
    pub span: Span,
    /// The new text; empty to delete.
    pub replacement: String,
}

impl Diagnostic {
    /// A finding on `range` of a page whose source is `source`.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        path: &str,
        source: &Source,
        range: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            path: path.to_string(),
            span: source.span(range.clone()),
            range,
            message: message.into(),
            label: label.into(),
            related: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// A finding about a page as a whole, which may have no text (it could not be read):
    /// placed at line 1, column 1, with no code frame.
    pub fn on_whole_page(
        rule: &'static str,
        severity: Severity,
        path: &str,
        message: impl Into<String>,
    ) -> Self {
        let start = crate::source::Position { line: 1, column: 1 };
        Diagnostic {
            rule,
            severity,
            path: path.to_string(),
            range: 0..0,
            span: Span { start, end: start },
            message: message.into(),
            label: String::new(),
            related: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    /// Order of every report: path, line, column, rule.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (
            &self.path,
            self.span.start.line,
            self.span.start.column,
            self.rule,
        )
    }
}

impl Fix {
    /// True when applying the fix to `text` (its page's text) changes it: some edit
    /// replaces text with other text.
    pub fn changes(&self, text: &str) -> bool {
        self.edits
            .iter()
            .any(|edit| text.get(edit.range.clone()) != Some(edit.replacement.as_str()))
    }

    /// A fix of one edit that replaces `range` of `source` with `replacement`.
    pub fn replace(
        description: impl Into<String>,
        source: &Source,
        range: Range<usize>,
        replacement: impl Into<String>,
    ) -> Self {
        Fix {
            description: description.into(),
            edits: vec![Edit {
                span: source.span(range.clone()),
                range,
                replacement: replacement.into(),
            }],
        }
    }
}
