//! Find references: of a page (the cursor on its title, or on the path of a link to it)
//! every link and nav entry in the handbook that reaches it; of a heading (the cursor on
//! it, or on the `#fragment` of a link) every link whose fragment names its slug, `#x`
//! links of its own page included. Read from the resolved link graph only.

use lsp_types::{Location, ReferenceParams};

use super::convert;
use super::lookup::{self, Cursor};
use super::state::State;

/// What the references are asked of: a page, or one heading (slug) of a page.
enum Subject<'a> {
    Page(usize),
    Heading(usize, &'a str),
}

pub fn references(state: &State, params: &ReferenceParams) -> Option<Vec<Location>> {
    let cursor = lookup::cursor(state, &params.text_document_position)?;
    let subject = subject_at(&cursor)?;
    let handbook = cursor.handbook;
    let mut locations = Vec::new();
    if params.context.include_declaration {
        let (target, heading) = match subject {
            Subject::Page(target) => (target, handbook.page_at(target).facts.title()),
            Subject::Heading(target, slug) => {
                let facts = &handbook.page_at(target).facts;
                (target, facts.headings.iter().find(|h| h.slug() == slug))
            }
        };
        let page = handbook.page_at(target);
        if let (Some(uri), Some(heading)) = (state.uri(&page.path), heading) {
            let range = convert::range(&page.source, &heading.range(), state.encoding);
            locations.push(Location::new(uri, range));
        }
    }
    let target = match subject {
        Subject::Page(target) | Subject::Heading(target, _) => target,
    };
    for (from, link, resolved) in lookup::links_to(handbook, target) {
        let linking = handbook.page_at(from);
        let counts = match subject {
            Subject::Page(_) => !lookup::is_fragment_only(linking, link),
            Subject::Heading(_, slug) => resolved
                .page_fragment()
                .is_some_and(|(_, fragment)| lookup::names_slug(fragment, slug)),
        };
        if !counts {
            continue;
        }
        let Some(facts) = linking.facts.links.get(link) else {
            continue;
        };
        // The destination is what refers; the whole link where it could not be located.
        let bytes = facts.destination_range().unwrap_or_else(|| facts.range());
        if let Some(uri) = state.uri(&linking.path) {
            let range = convert::range(&linking.source, &bytes, state.encoding);
            locations.push(Location::new(uri, range));
        }
    }
    Some(locations)
}

/// The page or heading under the cursor: a link's target (its heading when the cursor
/// is on the fragment), the page for its title, else the heading.
fn subject_at<'a>(cursor: &Cursor<'a>) -> Option<Subject<'a>> {
    if let Some(link) = cursor.link() {
        let resolved = cursor.resolved(link)?;
        let target = resolved.page()?;
        let on_fragment = cursor.page.facts.links[link]
            .written_parts(cursor.page.source.text())
            .and_then(|(_, fragment)| fragment)
            .is_some_and(|fragment| fragment.start <= cursor.offset);
        if let Some((_, fragment)) = resolved.page_fragment().filter(|_| on_fragment) {
            let facts = &cursor.handbook.page_at(target).facts;
            let heading = facts
                .headings
                .iter()
                .find(|h| lookup::names_slug(fragment, h.slug()))?;
            return Some(Subject::Heading(target, heading.slug()));
        }
        return Some(Subject::Page(target));
    }
    let heading = cursor.heading()?;
    if cursor.page.facts.title == Some(heading) {
        return Some(Subject::Page(cursor.index));
    }
    Some(Subject::Heading(
        cursor.index,
        cursor.page.facts.headings[heading].slug(),
    ))
}
