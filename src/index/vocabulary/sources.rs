//! Where the role vocabulary is learnt: the texts of a page that name roles.

use crate::index::comparisons::Comparisons;
use crate::index::kinds::is_index_page;
use crate::page::Page;

/// Feeds `learn` every text of a page that names roles: its file name (without the
/// extension; not an index page's), its title, its nav labels and the header cells of
/// its comparison tables. `position` is the page's place in `Pages::all()`.
pub(super) fn texts_of<'p>(
    page: &'p Page,
    position: usize,
    comparisons: &Comparisons,
    learn: &mut impl FnMut(&'p str),
) {
    let text = page.source.text();
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    if !is_index_page(&page.path) {
        learn(name.rsplit_once('.').map_or(name, |(stem, _)| stem));
    }
    if let Some(title) = page.facts.title_text() {
        learn(title);
    }
    for nav in &page.facts.navs {
        for entry in &nav.entries {
            if let Some(link) = page.facts.nav_link(entry) {
                learn(link.label(text));
            }
        }
    }
    for (index, table) in page.facts.tables.iter().enumerate() {
        if comparisons.of(position, index).is_none() {
            continue;
        }
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
