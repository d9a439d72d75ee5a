//! Tables: header and body rows, each cell's range, and the raw source row.

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
    /// width, so rules that count cells must count them in this text, not in `cells`.
    pub source_range: Range<usize>,
    /// Cells as the parser saw them: the text between the pipes, spaces included.
    pub cells: Vec<Cell>,
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
    Some(Row {
        line,
        source_range,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use crate::facts::{extract, ExtractOptions};
    use crate::source::Source;

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
