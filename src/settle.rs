//! From what the rules found to what is reported: `invalid-suppression` findings are
//! added, rules that are off are dropped and the others take their configured severity,
//! inline suppressions hide their findings, the findings are sorted, and a baseline
//! drops the findings it knows.

use std::collections::HashMap;

use crate::baseline::Baseline;
use crate::diagnostic::Diagnostic;
use crate::handbook::Handbook;
use crate::rules;
use crate::selection::RulePlan;
use crate::suppress::{self, Suppressions};

/// The findings to report, sorted by path, line, column and rule. `is_reported` tells
/// the pages the command line asked about.
pub fn settle(
    mut diagnostics: Vec<Diagnostic>,
    handbook: &Handbook,
    plan: &RulePlan,
    is_reported: &dyn Fn(&str) -> bool,
    baseline: Option<&Baseline>,
) -> Vec<Diagnostic> {
    let with_directives = || {
        handbook
            .pages()
            .iter()
            .filter(|page| !page.facts.suppressions.is_empty() && is_reported(&page.path))
    };
    if let Some(severity) = plan.severity(rules::INVALID_SUPPRESSION) {
        for page in with_directives() {
            diagnostics.extend(suppress::invalid_suppressions(page, severity));
        }
    }
    let suppressions: HashMap<&str, Suppressions> = with_directives()
        .map(|page| (page.path.as_str(), Suppressions::of(page)))
        .filter(|(_, s)| !s.is_empty())
        .collect();
    diagnostics.retain_mut(|d| {
        let Some(severity) = plan.severity(d.rule) else {
            return false;
        };
        d.severity = severity;
        suppressions
            .get(d.path.as_str())
            .is_none_or(|page| !page.hides(d))
    });
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    match baseline {
        Some(baseline) => baseline.new_findings(diagnostics),
        None => diagnostics,
    }
}
