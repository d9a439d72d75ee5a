//! `comparison-row-mismatch`: see `rules/comparison-row-mismatch.md`.

use std::ops::Range;

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Related};
use crate::facts::{Row, Table};
use crate::handbook::{Handbook, Page};
use crate::index::comparisons::{masked, normalised, parallel_slots, Comparison};
use crate::index::titles::{key_of, ExpectedRoles, Mention};
use crate::rule::{FixAvailability, Rule, RuleMeta};

pub struct ComparisonRowMismatch;

static META: RuleMeta = RuleMeta {
    id: "comparison-row-mismatch",
    summary: "A comparison table row has a cell too few or too many, `(shared)` cells that differ, mirrored role names that are not swapped, or header roles that differ from the title's.",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    doc: include_str!("../../rules/comparison-row-mismatch.md"),
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
        let title = self.page.facts.title().map(|t| t.range.clone());
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

    fn cell_count(&self, row: &Row, width: usize) -> Diagnostic {
        let found = row.source_cells.len();
        let text = self.text();
        let written: Vec<&str> = row
            .source_cells
            .iter()
            .map(|c| text[c.range.clone()].trim())
            .collect();
        if found < width {
            let missing: Vec<String> = (found..width)
                .map(|column| self.column_name(column))
                .collect();
            let mut cells = written.clone();
            cells.extend(std::iter::repeat_n("…", width - found));
            return self
                .finding(
                    trimmed(text, row.source_range.clone()),
                    format!(
                        "comparison row has {found} {} but the header has {width}: GitHub shows the missing {} empty",
                        plural(found, "cell", "cells"),
                        plural(width - found, "cell", "cells"),
                    ),
                    &format!("{} missing", missing.join(", ")),
                )
                .with_help(format!(
                    "add the missing {}: the row should read `| {} |`",
                    missing.join(" and "),
                    cells.join(" | ")
                ));
        }
        let extra = trimmed(
            text,
            row.source_cells[width].range.start..row.source_cells[found - 1].range.end,
        );
        let split_code = written.iter().any(|w| w.matches('`').count() % 2 == 1);
        let help = if split_code {
            "a `|` inside a code span still splits the cell on GitHub: write it as `\\|`"
                .to_string()
        } else {
            format!(
                "keep one cell per column ({width}): merge or remove the extra cells, or write a `|` that belongs to the text as `\\|`"
            )
        };
        self.finding(
            extra,
            format!(
                "comparison row has {found} cells but the header has {width}: GitHub drops the extra {}",
                plural(found - width, "cell", "cells")
            ),
            "dropped on GitHub",
        )
        .with_help(help)
    }

    /// The cell that says `(shared)` at index `shared` of `cells`: every cell must equal it.
    fn shared(&self, row: &Row, cells: &[Range<usize>], shared: usize) -> Option<Diagnostic> {
        let text = self.text();
        let wanted = normalised(&text[cells[shared].clone()]);
        let differing =
            (0..cells.len()).find(|&i| normalised(&text[cells[i].clone()]) != wanted)?;
        let columns = &self.comparison.columns;
        let variants: Vec<String> = [shared, differing]
            .iter()
            .map(|&keep| {
                let cells: Vec<&str> = (0..row.source_cells.len())
                    .map(
                        |column| match columns.iter().position(|(c, _)| *c == column) {
                            Some(_) => text[cells[keep].clone()].trim(),
                            None => text[row.source_cells[column].range.clone()].trim(),
                        },
                    )
                    .collect();
                format!("`| {} |`", cells.join(" | "))
            })
            .collect();
        let mut diagnostic = self
            .finding(
                cells[differing].clone(),
                format!(
                    "`(shared)` comparison row differs between the {} and {} columns",
                    columns[shared].1, columns[differing].1
                ),
                "differs from the shared cell",
            )
            .with_help(format!(
                "a shared responsibility reads the same in every column: the row should read {} or {}; drop `(shared)` if the cells differ on purpose",
                variants[0], variants[1]
            ));
        diagnostic.related.push(Related {
            range: cells[shared].clone(),
            label: "says `(shared)`".to_string(),
        });
        Some(diagnostic)
    }

    /// Two parallel cells (the same words around their role names) must swap the roles:
    /// the cell of column role A names B where the cell of column role B names A.
    fn mirror(
        &self,
        row: &Row,
        cells: &[Range<usize>],
        roles: &[&str],
        pair: [&Side; 2],
    ) -> Option<Diagnostic> {
        let text = self.text();
        let (a, b) = (pair[0].index, pair[1].index);
        let slots = parallel_slots(
            text,
            [&cells[a], &cells[b]],
            [pair[0].mentions, pair[1].mentions],
            [pair[0].masked, pair[1].masked],
        )?;
        let (role_a, role_b) = (roles[a], roles[b]);
        for [x, y] in slots {
            let involved = [&x, &y]
                .iter()
                .any(|m| self.same_role(&m.role, role_a) || self.same_role(&m.role, role_b));
            let x_right = self.same_role(&x.role, role_b);
            let y_right = self.same_role(&y.role, role_a);
            if !involved || (x_right && y_right) {
                continue;
            }
            let (said_a, said_b) = (&text[x.range.clone()], &text[y.range.clone()]);
            let message = if self.same_role(&x.role, role_a) && self.same_role(&y.role, role_b) {
                format!("mirrored comparison row is not swapped: the {role_a} column names `{said_a}` and the {role_b} column names `{said_b}`")
            } else if key_of(&x.role) == key_of(&y.role) {
                format!("mirrored comparison row names `{said_a}` in both the {role_a} and {role_b} columns")
            } else if !x_right {
                format!("mirrored comparison row names `{said_a}` in the {role_a} column, where `{role_b}` belongs")
            } else {
                format!("mirrored comparison row names `{said_b}` in the {role_b} column, where `{role_a}` belongs")
            };
            // Each side: its mention, the role it should name, and whether it does.
            let sides = [(&x, role_b, x_right), (&y, role_a, y_right)];
            let [first, second] = if x_right { [sides[1], sides[0]] } else { sides };
            let expected = self.row_with(row, cells, [(a, &x, role_b), (b, &y, role_a)]);
            let mut diagnostic = self
                .finding(
                    first.0.range.clone(),
                    message,
                    &format!("should name `{}`", first.1),
                )
                .with_help(format!(
                    "each column names the other role: the row should read `{expected}`"
                ));
            let (other, should, right) = second;
            diagnostic.related.push(Related {
                range: other.range.clone(),
                label: if right {
                    format!("names `{}`", &text[other.range.clone()])
                } else {
                    format!("should name `{should}`")
                },
            });
            return Some(diagnostic);
        }
        None
    }

    /// The header with its role cells moved into the title's order, when it names the
    /// title's roles in another order.
    fn reordered_header(&self) -> Option<String> {
        let text = self.text();
        let named = &self.comparison.header_roles;
        let mut cells: Vec<&str> = self
            .table
            .header
            .source_cells
            .iter()
            .map(|c| text[c.range.clone()].trim())
            .collect();
        let original = cells.clone();
        for (slot, title_role) in named.iter().zip(&self.comparison.title_roles) {
            let from = named.iter().find(|h| self.same_role(&h.role, title_role))?;
            cells[slot.column] = original[from.column];
        }
        Some(format!("| {} |", cells.join(" | ")))
    }

    /// The row as it reads with each `(cell index, mention, role)` mention renamed.
    fn row_with(
        &self,
        row: &Row,
        cells: &[Range<usize>],
        renames: [(usize, &Mention, &str); 2],
    ) -> String {
        let text = self.text();
        let written: Vec<String> = row
            .source_cells
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                let renamed = renames
                    .iter()
                    .find(|(index, _, _)| self.comparison.columns[*index].0 == column);
                match renamed {
                    Some((index, mention, role)) => {
                        let cell = &cells[*index];
                        format!(
                            "{}{role}{}",
                            &text[cell.start..mention.range.start],
                            &text[mention.range.end..cell.end]
                        )
                    }
                    None => text[cell.range.clone()].trim().to_string(),
                }
            })
            .collect();
        format!("| {} |", written.join(" | "))
    }

    /// A column's name for messages: its role, or its header text.
    fn column_name(&self, column: usize) -> String {
        if let Some((_, role)) = self.comparison.columns.iter().find(|(c, _)| *c == column) {
            return format!("{role} cell");
        }
        let header = &self.table.header.source_cells[column];
        format!("`{}` cell", self.text()[header.range.clone()].trim())
    }
}

fn is_shared(cell: &str) -> bool {
    cell.to_lowercase().contains("(shared)")
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let cell = &text[range.clone()];
    let start = range.start + (cell.len() - cell.trim_start().len());
    let end = range.start + cell.trim_end().len();
    start..end.max(start)
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 {
        one
    } else {
        many
    }
}
