//! Where the role vocabulary is learnt: the texts of a page that name roles.

use crate::facts::words::word_ranges;
use crate::facts::Table;
use crate::handbook::Page;
use crate::resolve::{resolve, Target};

/// Feeds `learn` every text of a page that names roles: its file name (without the
/// extension; not `README` or `index`), its title, its nav labels and the header cells
/// of its comparison tables.
pub(super) fn texts_of<'p>(page: &'p Page, learn: &mut impl FnMut(&'p str)) {
    let text = page.source.text();
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if !["readme", "index"].contains(&stem.to_lowercase().as_str()) {
        learn(stem);
    }
    if let Some(title) = page.facts.title() {
        learn(&title.text);
    }
    for nav in &page.facts.navs {
        for entry in &nav.entries {
            if let Some(link) = page.facts.nav_link(entry) {
                learn(link.label(text));
            }
        }
    }
    for table in page.facts.tables.iter().filter(|t| is_comparison(page, t)) {
        let row = &table.header.source_range;
        let runs = &page.facts.text_runs;
        let first = runs.partition_point(|run| (run.start as usize) < row.start);
        for run in runs[first..]
            .iter()
            .take_while(|run| run.end as usize <= row.end)
        {
            learn(&text[run.range()]);
        }
    }
}

/// A table that compares roles: on an "A vs B" page, or whose header links two pages.
fn is_comparison(page: &Page, table: &Table) -> bool {
    let title_compares = page.facts.title().is_some_and(|title| {
        word_ranges(&title.text)
            .any(|r| ["vs", "versus"].contains(&title.text[r].to_lowercase().as_str()))
    });
    if title_compares {
        return true;
    }
    let text = page.source.text();
    let links = &page.facts.links;
    let linked_cells = table.header.cells.iter().filter(|cell| {
        let first = links.partition_point(|link| link.range.start < cell.range.start);
        links[first..]
            .iter()
            .take_while(|link| link.range.end <= cell.range.end)
            .any(|link| {
                matches!(
                    resolve(&page.path, link.destination(text)),
                    Target::Local { .. }
                )
            })
    });
    linked_cells.count() >= 2
}
