//! Tables: header and body rows, each cell's range, and the raw source row with its cells
//! split as GitHub splits them.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};

use super::node_range;
use crate::source::Source;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Row,
    /// Body rows, in order (the delimiter row is not a row).
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the row.
    pub line: usize,
    /// The whole source line of the row. GFM pads or truncates rows to the header's
    /// width, so rules that count cells count `source_cells`, not `cells`.
    pub source_range: Range<usize>,
    /// Cells as the parser saw them: the text between the pipes, spaces included.
    pub cells: Vec<Cell>,
    /// Cells as written in the source row, before GFM pads or truncates the row to the
    /// header's width: the text between unescaped pipes, spaces included, in order.
    /// Never empty. See `split_row`.
    pub source_cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub range: Range<usize>,
}

pub(super) fn table_of<'a>(source: &Source, table: &'a AstNode<'a>) -> Option<Table> {
    let mut rows = table.children().filter_map(|row| row_of(source, row));
    let header = rows.next()?;
    Some(Table {
        header,
        rows: rows.collect(),
    })
}

fn row_of<'a>(source: &Source, row: &'a AstNode<'a>) -> Option<Row> {
    if !matches!(&row.data().value, NodeValue::TableRow(_)) {
        return None;
    }
    let line = row.data().sourcepos.start.line;
    let source_range = source.line_range(line);
    // In a block quote or a list item the row starts after the container's marker.
    let row_start = node_range(source, row).start.max(source_range.start);
    // comrak invents a padding cell for a short row, placed on the row's closing pipe:
    // keep only cells that lie on the row's line between pipes.
    let text = source.text();
    let cells = row
        .children()
        .map(|cell| node_range(source, cell))
        .filter(|range| range.start >= source_range.start && range.end <= source_range.end)
        .filter(|range| !text[range.clone()].starts_with('|'))
        .map(|range| Cell { range })
        .collect();
    let source_cells = split_row(&source.text()[row_start..source_range.end])
        .into_iter()
        .map(|range| Cell {
            range: row_start + range.start..row_start + range.end,
        })
        .collect();
    Some(Row {
        line,
        source_range,
        cells,
        source_cells,
    })
}

/// The cells of a table row as GFM splits its source line, as byte ranges into `row`
/// (end exclusive; the text between the pipes, spaces included).
///
/// The leading and the trailing pipe are optional. A pipe preceded by a backslash does
/// not split, whatever precedes the backslash (`\\|` does not split either, as comrak
/// reads it). A pipe inside a code span *does* split: GFM cuts a row into cells before
/// it reads code spans, so `` `a|b` `` spans two cells on GitHub too. Always at least one
/// cell.
pub fn split_row(row: &str) -> Vec<Range<usize>> {
    let bytes = row.as_bytes();
    let mut start = row.len() - row.trim_start().len();
    let mut end = row.trim_end().len();
    let is_pipe = |i: usize| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\');
    if start < end && is_pipe(start) {
        start += 1;
    }
    if end > start && is_pipe(end - 1) {
        end -= 1;
    }
    let mut cells = Vec::new();
    let mut cell_start = start;
    for i in start..end {
        if is_pipe(i) {
            cells.push(cell_start..i);
            cell_start = i + 1;
        }
    }
    cells.push(cell_start..end);
    cells
}

#[cfg(test)]
mod tests {
    use super::split_row;
    use crate::facts::{extract, ExtractOptions};
    use crate::source::Source;

    fn cells(row: &str) -> Vec<&str> {
        split_row(row).into_iter().map(|r| &row[r]).collect()
    }

    #[test]
    fn rows_split_on_unescaped_pipes() {
        assert_eq!(cells("| a | b |"), [" a ", " b "]);
        assert_eq!(cells("  | a | b |  "), [" a ", " b "]);
        assert_eq!(cells("a | b"), ["a ", " b"]);
        assert_eq!(cells("| a | b"), [" a ", " b"]);
        assert_eq!(cells("a | b |"), ["a ", " b "]);
        assert_eq!(cells("| only one |"), [" only one "]);
        assert_eq!(cells("|x"), ["x"]);
        assert_eq!(cells("||"), [""]);
        assert_eq!(cells("| x | |"), [" x ", " "]);
        assert_eq!(cells("| é 中 | two |"), [" é 中 ", " two "]);
    }

    #[test]
    fn escaped_pipes_do_not_split() {
        assert_eq!(cells("| a \\| b | c |"), [" a \\| b ", " c "]);
        assert_eq!(cells("| a \\\\| b | c |"), [" a \\\\| b ", " c "]);
        assert_eq!(cells("| `a \\| b` | c \\|"), [" `a \\| b` ", " c \\|"]);
    }

    #[test]
    fn pipes_in_code_spans_split_as_on_github() {
        assert_eq!(cells("| `a|b` | c |"), [" `a", "b` ", " c "]);
        assert_eq!(cells("| ``x | y`` | z |"), [" ``x ", " y`` ", " z "]);
    }

    /// The splitter agrees with comrak wherever comrak keeps every cell.
    #[test]
    fn source_cells_agree_with_the_parser() {
        let markdown =
            "| h `a|b` | h2 |\n| - | - | - |\n| x \\| y | `c|d` |\nu | v | w\n|  | | |\n";
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        let table = &facts.tables[0];
        for row in std::iter::once(&table.header).chain(&table.rows) {
            assert_eq!(row.cells, row.source_cells, "line {}", row.line);
        }
    }

    #[test]
    fn source_cells_keep_what_the_parser_pads_or_drops() {
        let markdown = "> | a | b |\n> | - | - |\n> | one |\n> | x | y | z |\n> | `p|q` | r |\n";
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        let table = &facts.tables[0];
        let text = source.text();
        let counts: Vec<usize> = table.rows.iter().map(|r| r.source_cells.len()).collect();
        assert_eq!(counts, [1, 3, 3]);
        assert_eq!(table.header.source_cells.len(), 2);
        assert_eq!(&text[table.rows[0].source_cells[0].range.clone()], " one ");
        assert_eq!(&text[table.rows[1].source_cells[2].range.clone()], " z ");
        assert_eq!(table.rows[1].cells.len(), 2);
    }

    #[test]
    fn cells_and_rows_have_exact_ranges() {
        let markdown =
            "# T\n\n| [A](A.md) (x) | B |\n| :--- | :--- |\n| é 中 | two |\n| only one |\n";
        let source = Source::new(markdown.to_string());
        let facts = extract(&source, &ExtractOptions::default());
        let table = &facts.tables[0];
        let text = source.text();
        assert_eq!(
            &text[table.header.cells[0].range.clone()],
            " [A](A.md) (x) "
        );
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].line, 5);
        assert_eq!(&text[table.rows[0].cells[0].range.clone()], " é 中 ");
        assert_eq!(&text[table.rows[1].source_range.clone()], "| only one |");
        assert_eq!(table.rows[1].cells.len(), 1);
    }
}
