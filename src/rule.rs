//! What every rule is: its metadata and its check.

use crate::diagnostic::{Diagnostic, Severity};
use crate::handbook::{Handbook, Page};

/// Whether a rule's findings carry a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    Always,
    Sometimes,
    Never,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::Always => "always",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Never => "never",
        }
    }
}

#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id naming the problem, such as `broken-link`.
    pub id: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// The user-facing doc, `rules/<id>.md`.
    pub doc: &'static str,
}

impl RuleMeta {
    /// A finding of this rule on `range` (bytes) of `page`, at the rule's default severity.
    pub fn finding(
        &'static self,
        page: &Page,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(
            self.id,
            self.severity,
            &page.path,
            &page.source,
            range,
            message,
            label,
        )
    }
}

/// A rule reads facts and reports findings; it never parses and never edits.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Checks one page, in parallel with other pages. Only pages that are reported on are
    /// checked.
    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>);

    /// Checks the handbook as a whole, once per run, after the page checks (for findings
    /// that need every page, such as orphans). Findings on pages that are not reported on
    /// are dropped by the caller.
    fn check_handbook(&self, _handbook: &Handbook, _out: &mut Vec<Diagnostic>) {}
}
