//! Comparison tables: which tables compare roles, and which role each column holds.
//!
//! A table is a comparison when its page is titled "A vs B" (and its header names a role
//! or has one column per compared role), or when its header names two roles or more. A
//! header cell names a role when it links a role page (its title is the role) or starts
//! with a role's name: extra words such as "(System)" may follow.

use std::ops::Range;

use rayon::prelude::*;

use super::kinds::role_title_of;
use super::links::LinkGraph;
use super::titles::{comparison_roles, ExpectedRoles, RoleTitles};
use crate::facts::Table;
use crate::page::{Page, Pages};

/// A header cell that names a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRole {
    /// 0-based index of the cell in the header's source cells.
    pub column: usize,
    /// The role: the title of the linked page, or the name as the cell writes it.
    pub role: String,
    /// The link or the words that name it.
    pub range: Range<usize>,
}

/// What a comparison table compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The roles of the page title ("A vs B"), in order; empty on other pages.
    pub title_roles: Vec<String>,
    /// The header cells that name a role, left to right.
    pub header_roles: Vec<HeaderRole>,
    /// The role of each role column: `(column, role)`, left to right. Taken from the title
    /// when the title names the roles, so that rows are checked against the title even
    /// when the header drifted; otherwise from the header. May be empty or hold one column
    /// only, in which case cells cannot be compared.
    pub columns: Vec<(usize, String)>,
}

/// What every table of every page compares, worked out once per table.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Comparisons {
    /// By page, then by position in the page's `facts.tables`.
    tables: Vec<Vec<Option<Comparison>>>,
}

impl Comparisons {
    pub fn build(pages: &Pages, links: &LinkGraph, titles: &RoleTitles) -> Self {
        let tables = (0..pages.all().len())
            .into_par_iter()
            .map(|position| tables_of(pages, position, links, titles))
            .collect();
        Comparisons { tables }
    }

    /// The comparisons after the pages at `edited` (positions) got new texts, the role
    /// titles unchanged: equal to `build` on the new pages. A table is judged by its own
    /// page, the pages its header links and the role titles, so only the edited pages'
    /// tables are judged again.
    pub fn with_pages_edited(
        mut self,
        pages: &Pages,
        edited: &[usize],
        links: &LinkGraph,
        titles: &RoleTitles,
    ) -> Self {
        for &position in edited {
            self.tables[position] = tables_of(pages, position, links, titles);
        }
        self
    }

    /// What the table at `table` of `facts.tables` of the page at `page` compares, or
    /// `None` when it is no comparison.
    pub fn of(&self, page: usize, table: usize) -> Option<&Comparison> {
        self.tables.get(page)?.get(table)?.as_ref()
    }

    /// The comparisons of every table of the page at `position`, in order.
    pub fn of_page(&self, position: usize) -> &[Option<Comparison>] {
        self.tables.get(position).map_or(&[], Vec::as_slice)
    }
}

/// What each table of the page at `position` compares.
fn tables_of(
    pages: &Pages,
    position: usize,
    links: &LinkGraph,
    titles: &RoleTitles,
) -> Vec<Option<Comparison>> {
    let page = &pages.all()[position];
    let context = Context {
        pages,
        page,
        position,
        links,
        titles,
    };
    page.facts
        .tables
        .iter()
        .map(|table| context.comparison_of(table))
        .collect()
}

/// One page and what its tables are judged with.
struct Context<'a> {
    pages: &'a Pages,
    page: &'a Page,
    position: usize,
    links: &'a LinkGraph,
    titles: &'a RoleTitles,
}

impl Context<'_> {
    /// The comparison `table` makes, or `None` when it is no comparison.
    fn comparison_of(&self, table: &Table) -> Option<Comparison> {
        let title_roles: Vec<String> = self
            .page
            .facts
            .title_text()
            .and_then(comparison_roles)
            .unwrap_or_default()
            .into_iter()
            .map(str::to_string)
            .collect();
        let expected = ExpectedRoles::new(title_roles.iter().map(String::as_str));
        let header_roles: Vec<HeaderRole> = table
            .header
            .source_cells
            .iter()
            .enumerate()
            .filter_map(|(column, cell)| self.header_role(column, cell.range.clone(), &expected))
            .collect();
        let width = table.header.source_cells.len();
        let columns: Vec<(usize, String)> = if title_roles.is_empty() {
            if header_roles.len() < 2 {
                return None;
            }
            header_roles
                .iter()
                .map(|h| (h.column, h.role.clone()))
                .collect()
        } else if header_roles.len() == title_roles.len() {
            let columns = header_roles.iter().map(|h| h.column);
            columns.zip(title_roles.iter().cloned()).collect()
        } else if width == title_roles.len() {
            (0..width).zip(title_roles.iter().cloned()).collect()
        } else if header_roles.is_empty() {
            return None;
        } else if header_roles.len() >= 2 {
            header_roles
                .iter()
                .map(|h| (h.column, h.role.clone()))
                .collect()
        } else {
            Vec::new()
        };
        Some(Comparison {
            title_roles,
            header_roles,
            columns,
        })
    }

    /// The role a header cell names: the title of the role page it links, else a role
    /// name (a title, or one of `expected` even misspelt) that starts the cell.
    fn header_role(
        &self,
        column: usize,
        cell: Range<usize>,
        expected: &ExpectedRoles,
    ) -> Option<HeaderRole> {
        let page = self.page;
        let text = page.source.text();
        let links = &page.facts.links;
        // Links are in document order: start at the first one in the cell.
        let first = links.partition_point(|link| link.range().start < cell.start);
        let linked = links[first..]
            .iter()
            .enumerate()
            .take_while(|(_, link)| link.range().start < cell.end)
            .filter(|(_, link)| link.range().end <= cell.end)
            .find_map(|(offset, link)| {
                let reached = self.links.get(self.position, first + offset)?.page()?;
                let title = role_title_of(&self.pages.all()[reached])?;
                Some((title.to_string(), link.range()))
            });
        if let Some((role, range)) = linked {
            return Some(HeaderRole {
                column,
                role,
                range,
            });
        }
        let words = page.facts.words_in(text, cell);
        let first_word = words.first()?.start;
        let mention = self
            .titles
            .mentions(text, &words, expected)
            .into_iter()
            .next()
            .filter(|m| m.range.start == first_word)?;
        Some(HeaderRole {
            column,
            role: mention.role,
            range: mention.range,
        })
    }
}
