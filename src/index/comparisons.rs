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
use super::titles::{comparison_roles, ExpectedRoles, Mention, RoleTitles};
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
#[derive(Debug, Default)]
pub struct Comparisons {
    /// By page, then by position in the page's `facts.tables`.
    tables: Vec<Vec<Option<Comparison>>>,
}

impl Comparisons {
    pub fn build(pages: &Pages, links: &LinkGraph, titles: &RoleTitles) -> Self {
        let tables = pages
            .all()
            .par_iter()
            .enumerate()
            .map(|(position, page)| {
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
            })
            .collect();
        Comparisons { tables }
    }

    /// What the table at `table` of `facts.tables` of the page at `page` compares, or
    /// `None` when it is no comparison.
    pub fn of(&self, page: usize, table: usize) -> Option<&Comparison> {
        self.tables.get(page)?.get(table)?.as_ref()
    }
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
        let first = links.partition_point(|link| link.range.start < cell.start);
        let linked = links[first..]
            .iter()
            .enumerate()
            .take_while(|(_, link)| link.range.start < cell.end)
            .filter(|(_, link)| link.range.end <= cell.end)
            .find_map(|(offset, link)| {
                let reached = self.links.get(self.position, first + offset)?.page?;
                let title = role_title_of(&self.pages.all()[reached])?;
                Some((title.to_string(), link.range.clone()))
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

/// The role slots of two parallel cells, paired in order: the cells read the same once
/// their role names are masked (and say more than the names), or one names a role where
/// the other has other capitalised words ("Ability to Act as Anyone Else when Required").
/// `masked` holds the cells as `masked` returns them.
pub fn parallel_slots(
    text: &str,
    cells: [&Range<usize>; 2],
    mentions: [&[Mention]; 2],
    masked: [&str; 2],
) -> Option<Vec<[Mention; 2]>> {
    let has_words = |m: &str| {
        m.split('\0')
            .any(|part| part.chars().any(char::is_alphabetic))
    };
    if masked[0] == masked[1] {
        if !has_words(masked[0]) {
            return None;
        }
        return Some(
            mentions[0]
                .iter()
                .cloned()
                .zip(mentions[1].iter().cloned())
                .map(|(x, y)| [x, y])
                .collect(),
        );
    }
    for (named, other) in [(0, 1), (1, 0)] {
        if mentions[named].len() != 1 || !mentions[other].is_empty() || !has_words(masked[named]) {
            continue;
        }
        let Some(slot) = unknown_role(text, cells[other], masked[named]) else {
            continue;
        };
        let mut pair = [mentions[named][0].clone(), slot];
        if named == 1 {
            pair.swap(0, 1);
        }
        return Some(vec![pair]);
    }
    None
}

/// The words of `cell` that stand where `masked` (one `\0` slot) has its role name, when
/// they look like a role's name: one to four capitalised words.
fn unknown_role(text: &str, cell: &Range<usize>, masked: &str) -> Option<Mention> {
    let (prefix, suffix) = masked.split_once('\0')?;
    let other = normalised(&text[cell.clone()]);
    let middle = other.strip_prefix(prefix)?.strip_suffix(suffix)?.trim();
    let words: Vec<&str> = middle.split(' ').collect();
    let role_like = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if !role_like {
        return None;
    }
    let range = text[cell.clone()].find(middle).map_or(cell.clone(), |at| {
        cell.start + at..cell.start + at + middle.len()
    });
    Some(Mention {
        range,
        role: middle.to_string(),
        exact: true,
    })
}

/// The cell's text with each role name, and the emphasis markers around it, replaced by
/// `\0`; normalised.
pub fn masked(text: &str, cell: &Range<usize>, mentions: &[Mention]) -> String {
    let is_marker = |c: char| matches!(c, '*' | '_');
    let mut masked = String::new();
    let mut at = cell.start;
    for mention in mentions {
        masked.push_str(text[at..mention.range.start].trim_end_matches(is_marker));
        masked.push('\0');
        let after = &text[mention.range.end..cell.end];
        at = cell.end - after.trim_start_matches(is_marker).len();
    }
    masked.push_str(&text[at..cell.end]);
    normalised(&masked)
}

/// The text as compared: invisible characters dropped, whitespace collapsed, and
/// emphasis markers around the whole text ignored.
pub fn normalised(cell: &str) -> String {
    let visible: String = cell.chars().filter(|c| !is_invisible(*c)).collect();
    let collapsed = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| matches!(c, '*' | '_') || c.is_whitespace())
        .to_string()
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cells` joined by " | " as the text, each word run after `@` a role mention.
    fn slots(x: &str, y: &str) -> Option<Vec<[String; 2]>> {
        let text = format!("{x} | {y}");
        let cells = [0..x.len(), x.len() + 3..text.len()];
        let roles = [
            "Software Director",
            "Engineering Director",
            "Quality Director",
        ];
        let mention_of = |cell: &Range<usize>| -> Vec<Mention> {
            roles
                .iter()
                .filter_map(|role| {
                    let at = text[cell.clone()].find(role)? + cell.start;
                    Some(Mention {
                        range: at..at + role.len(),
                        role: role.to_string(),
                        exact: true,
                    })
                })
                .collect()
        };
        let mentions = [mention_of(&cells[0]), mention_of(&cells[1])];
        let masked = [
            masked(&text, &cells[0], &mentions[0]),
            masked(&text, &cells[1], &mentions[1]),
        ];
        let (cells, mentions) = ([&cells[0], &cells[1]], [&mentions[0][..], &mentions[1][..]]);
        parallel_slots(&text, cells, mentions, [&masked[0], &masked[1]])
            .map(|slots| slots.into_iter().map(|[a, b]| [a.role, b.role]).collect())
    }

    #[test]
    fn parallel_cells_pair_their_role_names() {
        assert_eq!(
            slots(
                "Act as Software Director now",
                "Act as  **Engineering Director** now"
            ),
            Some(vec![[
                "Software Director".to_string(),
                "Engineering Director".to_string()
            ]]),
            "spacing and emphasis around a role name do not matter"
        );
        assert_eq!(
            slots(
                "Act as Software Director now",
                "Act as Engineering Director now"
            ),
            Some(vec![[
                "Software Director".to_string(),
                "Engineering Director".to_string()
            ]])
        );
        assert_eq!(
            slots("Act as Software Director now", "Act as Anyone Else now"),
            Some(vec![[
                "Software Director".to_string(),
                "Anyone Else".to_string()
            ]])
        );
        assert_eq!(
            slots("Act as someone else now", "Act as Software Director now"),
            None,
            "lowercase words are no role"
        );
    }

    #[test]
    fn cells_that_are_only_role_names_are_not_parallel() {
        assert_eq!(slots("Software Director", "Engineering Director"), None);
        assert_eq!(slots("People Stuff", "Software Director"), None);
        assert_eq!(slots("Roadmaps", "Hiring"), None);
    }

    #[test]
    fn normalising_ignores_spacing_invisibles_and_outer_emphasis() {
        assert_eq!(
            normalised("  **System  Roadmap\u{200b} (shared)** "),
            "System Roadmap (shared)"
        );
        assert_eq!(normalised("_x_"), "x");
    }
}
