//! Go to definition (a link to its page, a `#fragment` to its heading or anchor) and
//! document symbols (the page's headings as an outline), read from the facts and the
//! link graph: nothing is parsed again.

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Location, Range, SymbolKind,
};

use super::convert;
use super::lookup;
use super::state::State;

pub fn definition(state: &State, params: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let cursor = lookup::cursor(state, &params.text_document_position_params)?;
    let (handbook, page) = (cursor.handbook, cursor.page);
    let resolved = cursor.resolved(cursor.link()?)?;
    let Some(target) = resolved.page() else {
        // A file that is no page (an image): the file itself.
        let file = resolved.path(handbook.pages_set(), page)?;
        let uri = convert::uri_of(&handbook.root().join(file))?;
        return Some(GotoDefinitionResponse::Scalar(Location::new(
            uri,
            Range::default(),
        )));
    };
    let target_page = handbook.page_at(target);
    let uri = state.uri(&target_page.path)?;
    let facts = &target_page.facts;
    // The heading whose slug the fragment names, else an explicit anchor, else the top.
    let range = resolved
        .fragment()
        .and_then(|fragment| {
            let heading = facts.headings.iter().find(|h| h.slug() == fragment);
            heading.map(|h| h.range()).or_else(|| {
                let anchor = facts.anchors.iter().find(|a| &*a.name == fragment);
                anchor.map(|a| a.range.clone())
            })
        })
        .map_or_else(Range::default, |bytes| {
            convert::range(&target_page.source, &bytes, state.encoding)
        });
    Some(GotoDefinitionResponse::Scalar(Location::new(uri, range)))
}

/// The headings as a tree: each heading holds the deeper ones that follow it.
pub fn symbols(state: &State, params: &DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let path = state.relative(&params.text_document.uri)?;
    let page = state.handbook()?.page(&path)?;
    // Stack of (level, symbol) still open; a heading closes those at its level or deeper.
    let mut stack: Vec<(u8, DocumentSymbol)> = Vec::new();
    let mut roots = Vec::new();
    for heading in &page.facts.headings {
        while stack
            .last()
            .is_some_and(|(level, _)| *level >= heading.level)
        {
            close(&mut stack, &mut roots);
        }
        let range = convert::range(&page.source, &heading.range(), state.encoding);
        #[expect(deprecated, reason = "the protocol's struct still has the field")]
        let symbol = DocumentSymbol {
            name: heading.text().to_string(),
            detail: Some(format!("#{}", heading.slug())),
            kind: SymbolKind::STRING,
            tags: None,
            deprecated: None,
            range,
            selection_range: range,
            children: None,
        };
        stack.push((heading.level, symbol));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    Some(DocumentSymbolResponse::Nested(roots))
}

fn close(stack: &mut Vec<(u8, DocumentSymbol)>, roots: &mut Vec<DocumentSymbol>) {
    let Some((_, symbol)) = stack.pop() else {
        return;
    };
    match stack.last_mut() {
        Some((_, parent)) => {
            // The parent's range spans its children, as the protocol requires.
            parent.range.end = parent.range.end.max(symbol.range.end);
            parent.children.get_or_insert_with(Vec::new).push(symbol);
        }
        None => roots.push(symbol),
    }
}
