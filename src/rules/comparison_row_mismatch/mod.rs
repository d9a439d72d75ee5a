//! `comparison-row-mismatch`: see `rules/comparison-row-mismatch.md`.

use std::ops::Range;

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Related};
use crate::facts::{Row, Table};
use crate::handbook::{Handbook, Page};
use crate::index::comparisons::Comparison;
use crate::index::titles::{ExpectedRoles, Mention};
use crate::rule::{FixAvailability, Rule, RuleMeta};

mod cells;
mod rows;

use cells::masked;
use rows::{is_shared, trimmed};

pub struct ComparisonRowMismatch;

static META: RuleMeta = RuleMeta {
    id: "comparison-row-mismatch",
    summary: "A comparison table row has a cell too few or too many, `(shared)` cells that differ, mirrored role names that are not swapped, or header roles that differ from the title's.",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    doc: include_str!("../../../rules/comparison-row-mismatch.md"),
};

impl Rule for ComparisonRowMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page, handbook: &Handbook, out: &mut Vec<Diagnostic>) {
        let Some(position) = handbook.page_index(&page.path) else {
            return;
        };
        let comparisons = &handbook.indexes().comparisons;
        for (index, table) in page.facts.tables.iter().enumerate() {
            let Some(comparison) = comparisons.of(position, index) else {
                continue;
            };
            let roles = comparison.columns.iter().map(|(_, role)| role.as_str());
            let check = Check {
                page,
                handbook,
                table,
                comparison,
                expected: ExpectedRoles::new(roles),
            };
            out.extend(check.header());
            out.extend(table.rows.iter().filter_map(|row| check.row(row)));
        }
    }
}

/// A role cell of a row, read once for every pair it is part of.
struct Side<'r> {
    /// Index of the cell among the row's role cells.
    index: usize,
    mentions: &'r [Mention],
    /// The cell with its role names masked (see `comparisons::masked`).
    masked: &'r str,
}

/// One comparison table being checked.
struct Check<'a> {
    page: &'a Page,
    handbook: &'a Handbook,
    table: &'a Table,
    comparison: &'a Comparison,
    /// The roles of the columns, for finding them in cells.
    expected: ExpectedRoles<'a>,
}

impl Check<'_> {
    fn text(&self) -> &str {
        self.page.source.text()
    }

    fn same_role(&self, a: &str, b: &str) -> bool {
        self.handbook.indexes().titles.same_role(a, b)
    }

    fn finding(&self, range: Range<usize>, message: String, label: &str) -> Diagnostic {
        META.finding(self.page, range, message, label)
    }

    /// The header must name the title's roles, in the title's order.
    fn header(&self) -> Option<Diagnostic> {
        let titled = &self.comparison.title_roles;
        let named = &self.comparison.header_roles;
        if titled.is_empty() || named.is_empty() {
            return None;
        }
        let title = self.page.facts.title().map(|t| t.range());
        let compared = titled.join(" vs ");
        let stranger = named
            .iter()
            .find(|h| !titled.iter().any(|t| self.same_role(&h.role, t)));
        let (cell, message, label) = if let Some(stranger) = stranger {
            (
                stranger,
                format!(
                    "the table header names `{}`, which the title \"{compared}\" does not compare",
                    stranger.role
                ),
                "not a role of the title",
            )
        } else if named.len() == titled.len()
            && named
                .iter()
                .zip(titled)
                .any(|(h, t)| !self.same_role(&h.role, t))
        {
            (
                &named[0],
                format!(
                    "the table header lists its roles in another order than the title \"{compared}\""
                ),
                "the title names another role first",
            )
        } else {
            return None;
        };
        let help = match self.reordered_header() {
            Some(header) => format!(
                "the header should read `{header}`, in the title's order; or rename the page if the table is right"
            ),
            None => format!(
                "the header should name {}, in the title's order; or rename the page if the table is right",
                titled.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(" and ")
            ),
        };
        let mut diagnostic = self
            .finding(cell.range.clone(), message, label)
            .with_help(help);
        if let Some(title) = title {
            diagnostic.related.push(Related {
                range: title,
                label: format!("the title compares {compared}"),
            });
        }
        Some(diagnostic)
    }

    /// At most one finding per row: its cell count, then `(shared)` cells, then mirrors.
    fn row(&self, row: &Row) -> Option<Diagnostic> {
        let width = self.table.header.source_cells.len();
        if row.source_cells.len() != width {
            return Some(self.cell_count(row, width));
        }
        let columns = &self.comparison.columns;
        if columns.len() < 2 {
            return None;
        }
        let cells: Vec<Range<usize>> = columns
            .iter()
            .map(|(column, _)| trimmed(self.text(), row.source_cells[*column].range.clone()))
            .collect();
        let texts: Vec<&str> = cells.iter().map(|c| &self.text()[c.clone()]).collect();
        if let Some(shared) = texts.iter().position(|t| is_shared(t)) {
            return self.shared(row, &cells, shared);
        }
        let roles: Vec<&str> = columns.iter().map(|(_, role)| role.as_str()).collect();
        let mentions: Vec<Vec<Mention>> = cells
            .iter()
            .map(|cell| {
                let words = self.page.facts.words_in(self.text(), cell.clone());
                self.handbook
                    .indexes()
                    .titles
                    .mentions(self.text(), &words, &self.expected)
            })
            .collect();
        if mentions.iter().all(Vec::is_empty) {
            return None;
        }
        let masked: Vec<String> = cells
            .iter()
            .zip(&mentions)
            .map(|(cell, mentions)| masked(self.text(), cell, mentions))
            .collect();
        let sides: Vec<Side> = (0..cells.len())
            .map(|i| Side {
                index: i,
                mentions: &mentions[i],
                masked: &masked[i],
            })
            .collect();
        for a in 0..cells.len() {
            for b in a + 1..cells.len() {
                if let Some(d) = self.mirror(row, &cells, &roles, [&sides[a], &sides[b]]) {
                    return Some(d);
                }
            }
        }
        None
    }
}
