//! The judgements of a comparison row: its cell count, its "(shared)" cells, its mirrored
//! role names, and how findings name columns.

use std::ops::Range;

use super::cells::{normalised, parallel_slots};
use super::{Check, Side};
use crate::diagnostic::{Diagnostic, Related};
use crate::facts::Row;
use crate::index::titles::{key_of, Mention};

impl Check<'_> {
    pub(super) fn cell_count(&self, row: &Row, width: usize) -> Diagnostic {
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
    pub(super) fn shared(
        &self,
        row: &Row,
        cells: &[Range<usize>],
        shared: usize,
    ) -> Option<Diagnostic> {
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
    pub(super) fn mirror(
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
    pub(super) fn reordered_header(&self) -> Option<String> {
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
    pub(super) fn row_with(
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
    pub(super) fn column_name(&self, column: usize) -> String {
        if let Some((_, role)) = self.comparison.columns.iter().find(|(c, _)| *c == column) {
            return format!("{role} cell");
        }
        let header = &self.table.header.source_cells[column];
        format!("`{}` cell", self.text()[header.range.clone()].trim())
    }
}

pub(super) fn is_shared(cell: &str) -> bool {
    cell.to_lowercase().contains("(shared)")
}

pub(super) fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
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
