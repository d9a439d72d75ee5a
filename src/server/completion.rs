//! Completion inside a link destination: after `](` the handbook's pages as paths from
//! the current page, written as the handbook writes its links; after `#` the anchors of
//! the page the path names (roles-lint's own slugs, `-1` suffixes included, then the
//! explicit anchors).
//!
//! The destination being typed is usually not a link yet (`[x](Soft` has no `)`), so
//! the cursor's context is read from the line's text before it; which page a typed path
//! names is read from the link graph when the link is complete, else by matching the
//! paths this module offers.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    TextEdit,
};

use super::convert;
use super::lookup::{self, Cursor};
use super::state::State;
use crate::handbook::Handbook;
use crate::page::relative_link;
use crate::resolve::Written;

/// The characters after which a client asks for completion.
pub const TRIGGERS: [&str; 3] = ["(", "/", "#"];

/// How many links are read to learn how the handbook writes destinations: enough for a
/// majority, few enough for every keystroke.
const STYLE_SAMPLE: usize = 2000;

pub fn completion(state: &State, params: &CompletionParams) -> Option<CompletionResponse> {
    let cursor = lookup::cursor(state, &params.text_document_position)?;
    let text = cursor.page.source.text();
    let line_start = cursor
        .page
        .source
        .line_start(cursor.page.source.line_of(cursor.offset));
    let before = text.get(line_start..cursor.offset)?;
    let open = before.rfind("](")? + 2;
    let typed = &before[open..];
    // A space or a parenthesis ends the destination: the cursor is past it, in prose.
    if typed.contains(char::is_whitespace) || typed.contains(['(', ')', '<', '>']) {
        return None;
    }
    let start = line_start + open;
    let items = match typed.find('#') {
        Some(hash) => {
            let target = target_of(&cursor, &typed[..hash])?;
            let range = start + hash + 1..cursor.offset;
            anchors(state, &cursor, target, &range)
        }
        None => pages(state, &cursor, &(start..cursor.offset)),
    };
    Some(CompletionResponse::Array(items))
}

/// Every other page, as a destination from the current page.
fn pages(state: &State, cursor: &Cursor, range: &std::ops::Range<usize>) -> Vec<CompletionItem> {
    let dot_slash = writes_dot_slash(cursor.handbook);
    let edit_range = convert::range(&cursor.page.source, range, state.encoding);
    cursor
        .handbook
        .pages()
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != cursor.index)
        .map(|(_, page)| {
            let destination = destination(&cursor.page.path, &page.path, dot_slash);
            CompletionItem {
                label: destination.clone(),
                kind: Some(CompletionItemKind::FILE),
                detail: page.facts.title_text().map(str::to_string),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: edit_range,
                    new_text: destination,
                })),
                ..CompletionItem::default()
            }
        })
        .collect()
}

/// The anchors of the page at `target`: heading slugs, then explicit anchors.
fn anchors(
    state: &State,
    cursor: &Cursor,
    target: usize,
    range: &std::ops::Range<usize>,
) -> Vec<CompletionItem> {
    let edit_range = convert::range(&cursor.page.source, range, state.encoding);
    let facts = &cursor.handbook.page_at(target).facts;
    let item = |name: &str, detail: Option<String>| CompletionItem {
        label: name.to_string(),
        kind: Some(CompletionItemKind::REFERENCE),
        detail,
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: edit_range,
            new_text: name.to_string(),
        })),
        ..CompletionItem::default()
    };
    let headings = facts
        .headings
        .iter()
        .map(|h| item(h.slug(), Some(h.text().to_string())));
    let explicit = facts.anchors.iter().map(|a| item(&a.name, None));
    headings.chain(explicit).collect()
}

/// The page a typed path (before `#`) names: the current page for none, the page the
/// link under the cursor reaches when it is a complete link, else the page whose
/// offered destination it is.
fn target_of(cursor: &Cursor, path: &str) -> Option<usize> {
    if path.is_empty() {
        return Some(cursor.index);
    }
    if let Some(page) = cursor
        .link()
        .and_then(|link| cursor.resolved(link))
        .and_then(|resolved| resolved.page())
    {
        return Some(page);
    }
    let wanted = comparable(path);
    cursor
        .handbook
        .pages()
        .iter()
        .position(|page| comparable(&relative_link(&cursor.page.path, &page.path)) == wanted)
}

/// A destination without a leading `./` and with `%20` as a space, for comparing.
fn comparable(destination: &str) -> String {
    destination
        .strip_prefix("./")
        .unwrap_or(destination)
        .replace("%20", " ")
}

/// The destination of the page at `to` from the page at `from`: relative, `../` where
/// needed, spaces as `%20`, and `./` before a path that goes down when the handbook
/// writes it so.
fn destination(from: &str, to: &str, dot_slash: bool) -> String {
    let destination = relative_link(from, to);
    if dot_slash && !destination.starts_with("../") {
        format!("./{destination}")
    } else {
        destination
    }
}

/// True when most relative links to pages that could start `./` do (`./Lead.md`).
fn writes_dot_slash(handbook: &Handbook) -> bool {
    let (mut with, mut without) = (0usize, 0usize);
    let graph = &handbook.indexes().links;
    'pages: for (from, page) in handbook.pages().iter().enumerate() {
        for (link, resolved) in graph.links_of(from) {
            if with + without >= STYLE_SAMPLE {
                break 'pages;
            }
            if resolved.written != Written::Relative || resolved.page().is_none() {
                continue;
            }
            let Some((path, _)) = page.facts.links[link].written_parts(page.source.text()) else {
                continue;
            };
            let written = page.source.text().get(path).unwrap_or_default();
            if written.is_empty() || written.starts_with("../") {
                continue;
            }
            if written.starts_with("./") {
                with += 1;
            } else {
                without += 1;
            }
        }
    }
    with > without
}
