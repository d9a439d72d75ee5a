//! What sits under the cursor (a link, a heading) and which links reach a page or a
//! heading: read from the facts and the resolved link graph, shared by go to definition,
//! references and the renames, so that they all agree on where a link goes.

use lsp_types::TextDocumentPositionParams;

use super::convert;
use super::state::State;
use crate::handbook::{Handbook, Page};
use crate::index::links::Resolved;

/// A cursor in a page of the handbook.
pub struct Cursor<'a> {
    pub handbook: &'a Handbook,
    /// The page's position in `handbook.pages()`.
    pub index: usize,
    pub page: &'a Page,
    /// The byte offset of the cursor in the page text.
    pub offset: usize,
}

/// The cursor of a request; `None` for a file that is no page of the handbook.
pub fn cursor<'a>(state: &'a State, at: &TextDocumentPositionParams) -> Option<Cursor<'a>> {
    let path = state.relative(&at.text_document.uri)?;
    let handbook = state.handbook()?;
    let index = handbook.page_index(&path)?;
    let page = handbook.page_at(index);
    let offset = convert::offset(&page.source, at.position, state.encoding);
    Some(Cursor {
        handbook,
        index,
        page,
        offset,
    })
}

impl Cursor<'_> {
    /// The position in `facts.links` of the link under the cursor (its end included, so
    /// that a cursor right after `)` still counts).
    pub fn link(&self) -> Option<usize> {
        self.page.facts.links.iter().position(|link| {
            let range = link.range();
            range.start <= self.offset && self.offset <= range.end
        })
    }

    /// The position in `facts.headings` of the heading under the cursor.
    pub fn heading(&self) -> Option<usize> {
        let headings = &self.page.facts.headings;
        headings
            .iter()
            .position(|h| h.range().start <= self.offset && self.offset <= h.range().end)
    }

    /// The resolved link at `link` of this page.
    pub fn resolved(&self, link: usize) -> Option<Resolved<'_>> {
        self.handbook.indexes().links.get(self.index, link)
    }
}

/// Every checked link of the handbook that reaches the page at `target` (by position in
/// `pages()`): `(linking page, position in its facts.links, resolved)`, in page order.
/// Same-page `#x` links of the target are among them.
pub fn links_to(
    handbook: &Handbook,
    target: usize,
) -> impl Iterator<Item = (usize, usize, Resolved<'_>)> {
    let graph = &handbook.indexes().links;
    (0..handbook.pages().len()).flat_map(move |from| {
        graph
            .links_of(from)
            .filter(move |(_, resolved)| resolved.page() == Some(target))
            .map(move |(link, resolved)| (from, link, resolved))
    })
}

/// True when the link at `link` of `page` is written as a fragment alone (`#x`): it names
/// a heading of its own page, not the page.
pub fn is_fragment_only(page: &Page, link: usize) -> bool {
    let Some(link) = page.facts.links.get(link) else {
        return false;
    };
    link.written_parts(page.source.text())
        .is_some_and(|(path, fragment)| path.is_empty() && fragment.is_some())
}

/// True when `fragment` (percent-decoded) names `slug`; compared without case, as
/// broken-anchor does, since browsers forgive case in fragments.
pub fn names_slug(fragment: &str, slug: &str) -> bool {
    fragment.to_lowercase() == slug.to_lowercase()
}
