//! Inline suppressions (README, "Suppressions"): which findings a page's
//! `<!-- roles-lint-... -->` comments hide, and the `invalid-suppression` findings of the
//! comments that name an unknown rule or directive.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::facts::{Directive, DirectiveKind};
use crate::handbook::Page;
use crate::rules;

/// The rules a directive applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rules<'a> {
    /// No id was written: every rule.
    All,
    /// The known ids written; empty when every id written was unknown.
    Only(Vec<&'a str>),
}

impl Rules<'_> {
    fn of(directive: &Directive) -> Rules<'_> {
        if directive.rules.is_empty() {
            return Rules::All;
        }
        Rules::Only(
            directive
                .rules
                .iter()
                .map(|(id, _)| &**id)
                .filter(|id| rules::known(id).is_some())
                .collect(),
        )
    }

    fn contains(&self, rule: &str) -> bool {
        match self {
            Rules::All => true,
            Rules::Only(ids) => ids.contains(&rule),
        }
    }
}

/// The directives of one page, ready to be asked about findings.
pub struct Suppressions<'a> {
    file: Vec<Rules<'a>>,
    /// By the 1-based line they apply to (the line after the comment's last line).
    next_line: HashMap<usize, Vec<Rules<'a>>>,
    /// `disable` (true) and `enable` (false) comments with their byte range, in page order.
    regions: Vec<(Range<usize>, bool, Rules<'a>)>,
}

impl<'a> Suppressions<'a> {
    pub fn of(page: &'a Page) -> Self {
        let mut suppressions = Suppressions {
            file: Vec::new(),
            next_line: HashMap::new(),
            regions: Vec::new(),
        };
        for directive in &page.facts.suppressions {
            let rules = Rules::of(directive);
            match directive.kind {
                DirectiveKind::DisableFile => suppressions.file.push(rules),
                DirectiveKind::DisableNextLine => {
                    let last = directive.range.end.saturating_sub(1);
                    let line = page.source.line_of(last) + 1;
                    suppressions.next_line.entry(line).or_default().push(rules);
                }
                DirectiveKind::Disable | DirectiveKind::Enable => {
                    let disable = directive.kind == DirectiveKind::Disable;
                    suppressions
                        .regions
                        .push((directive.range.clone(), disable, rules));
                }
                DirectiveKind::Unknown => {}
            }
        }
        suppressions
    }

    pub fn is_empty(&self) -> bool {
        self.file.is_empty() && self.next_line.is_empty() && self.regions.is_empty()
    }

    /// True when a comment of the page hides this finding of the page.
    pub fn hides(&self, finding: &Diagnostic) -> bool {
        let rule = finding.rule;
        if self.file.iter().any(|r| r.contains(rule)) {
            return true;
        }
        if self
            .next_line
            .get(&finding.span.start.line)
            .is_some_and(|list| list.iter().any(|r| r.contains(rule)))
        {
            return true;
        }
        // The last `disable` or `enable` that names the rule before the finding decides.
        let mut disabled = false;
        for (range, disable, rules) in &self.regions {
            if range.start >= finding.range.start {
                break;
            }
            if rules.contains(rule) {
                disabled = *disable;
            }
        }
        disabled
    }
}

/// The `invalid-suppression` findings of a page: every unknown rule id and every unknown
/// directive in its suppression comments, at `severity`.
pub fn invalid_suppressions(page: &Page, severity: Severity) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let finding = |range: Range<usize>, message: String, label: &str| {
        Diagnostic::new(
            rules::INVALID_SUPPRESSION,
            severity,
            &page.path,
            &page.source,
            range,
            message,
            label,
        )
    };
    for directive in &page.facts.suppressions {
        if directive.kind == DirectiveKind::Unknown {
            let name = &page.source.text()[directive.name_range.clone()];
            out.push(
                finding(
                    directive.name_range.clone(),
                    format!("`roles-lint-{name}` is not a suppression directive"),
                    "unknown directive",
                )
                .with_help(
                    "use `roles-lint-disable-next-line`, `roles-lint-disable`, \
                     `roles-lint-enable` or `roles-lint-disable-file`",
                ),
            );
            continue;
        }
        for (id, range) in &directive.rules {
            if rules::known(id).is_some() {
                continue;
            }
            let ids = rules::known_metas().map(|meta| meta.id);
            let help = match crate::suggest::closest(id, ids) {
                Some(closest) if closest.is_plausible(id) => closest.question(|c| format!("`{c}`")),
                _ => "`roles-lint --list-rules` lists the rule ids".to_string(),
            };
            out.push(
                finding(
                    range.clone(),
                    format!("`{id}` in a suppression comment is not a rule id, so it suppresses nothing"),
                    "unknown rule",
                )
                .with_help(help),
            );
        }
    }
    out
}
