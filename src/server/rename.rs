//! Rename a heading and every `#fragment` in the handbook that points at it.
//!
//! The new slugs come from parsing the page with the new heading text, so they are
//! exactly what the rules will check (GitHub's slugs, with the `-1`, `-2` suffixes of
//! repeated headings, which a rename can shift for later headings too).

use std::collections::HashMap;

use lsp_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::convert;
use super::state::State;
use crate::handbook::Page;

/// The heading text under the cursor, which a rename replaces.
pub fn prepare(
    state: &State,
    params: &TextDocumentPositionParams,
) -> Option<PrepareRenameResponse> {
    let (page, bytes) = heading_at(state, params)?;
    Some(PrepareRenameResponse::Range(convert::range(
        &page.source,
        &bytes,
        state.encoding,
    )))
}

pub fn rename(state: &State, params: &RenameParams) -> Option<WorkspaceEdit> {
    let at = &params.text_document_position;
    let (page, bytes) = heading_at(state, at)?;
    let new_name = params.new_name.trim();
    if new_name.is_empty() || new_name.contains(['\n', '\r']) {
        return None;
    }
    let handbook = state.handbook()?;
    let index = handbook.page_index(&page.path)?;

    // The page as it will read, parsed as any page is, for its new slugs.
    let mut text = page.source.text().to_string();
    text.replace_range(bytes.clone(), new_name);
    let renamed = crate::load::parse_page(page.path.clone(), text, state.extract()?);
    if renamed.facts.headings.len() != page.facts.headings.len() {
        // The new text is no longer one heading (it opened a code span, say): refuse
        // rather than guess which links follow.
        return None;
    }
    let slugs: HashMap<&str, &str> = page
        .facts
        .headings
        .iter()
        .zip(&renamed.facts.headings)
        .filter(|(old, new)| old.slug != new.slug)
        .map(|(old, new)| (&*old.slug, &*new.slug))
        .collect();

    #[expect(
        clippy::mutable_key_type,
        reason = "WorkspaceEdit::changes is keyed by Uri, whose cell is never mutated"
    )]
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    let own_uri = state.uri(&page.path)?;
    changes.entry(own_uri).or_default().push(TextEdit {
        range: convert::range(&page.source, &bytes, state.encoding),
        new_text: new_name.to_string(),
    });
    for (from, linking) in handbook.pages().iter().enumerate() {
        for (link_index, resolved) in handbook.indexes().links.links_of(from) {
            let Some((target, fragment)) = resolved.page_fragment() else {
                continue;
            };
            let Some(new_slug) = slugs.get(fragment).filter(|_| target == index) else {
                continue;
            };
            let Some(edit) = fragment_edit(linking, link_index, new_slug, state) else {
                continue;
            };
            if let Some(uri) = state.uri(&linking.path) {
                changes.entry(uri).or_default().push(edit);
            }
        }
    }
    Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    })
}

/// The edit that writes `slug` after the `#` of the link's written destination.
fn fragment_edit(page: &Page, link: usize, slug: &str, state: &State) -> Option<TextEdit> {
    let destination = page.facts.links.get(link)?.destination_range()?;
    let written = page.source.text().get(destination.clone())?;
    let hash = written.rfind('#')?;
    let start = destination.start + hash + 1;
    Some(TextEdit {
        range: convert::range(&page.source, &(start..destination.end), state.encoding),
        new_text: slug.to_string(),
    })
}

/// The page and the byte range of the text of the ATX heading under the cursor (after
/// the `#` markers, before any closing `#`s).
fn heading_at<'a>(
    state: &'a State,
    at: &TextDocumentPositionParams,
) -> Option<(&'a Page, std::ops::Range<usize>)> {
    let path = state.relative(&at.text_document.uri)?;
    let page = state.handbook()?.page(&path)?;
    let offset = convert::offset(&page.source, at.position, state.encoding);
    let heading = page
        .facts
        .headings
        .iter()
        .find(|h| h.range.start <= offset && offset <= h.range.end)?;
    let line = page
        .source
        .line_range(page.source.line_of(heading.range.start));
    let text = page.source.text().get(line.clone())?;
    let after_markers = text.trim_start_matches([' ', '\t']).strip_prefix('#')?;
    let content = after_markers.trim_start_matches('#');
    let start = line.end - content.len();
    let content = content.trim_start_matches([' ', '\t']);
    let start = start + (line.end - start - content.len());
    let trimmed = without_closing_sequence(content.trim_end());
    (!trimmed.is_empty()).then(|| (page, start..start + trimmed.len()))
}

/// An ATX heading's text without its optional closing `#`s, which only count after a
/// space (`## C#` keeps its `#`).
fn without_closing_sequence(text: &str) -> &str {
    let hashes = text.trim_end_matches('#');
    if hashes.len() == text.len() {
        return text;
    }
    if hashes.is_empty() || hashes.ends_with([' ', '\t']) {
        return hashes.trim_end();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::without_closing_sequence;

    #[test]
    fn closing_hashes_go_only_after_a_space() {
        assert_eq!(without_closing_sequence("Title ##"), "Title");
        assert_eq!(without_closing_sequence("C#"), "C#");
        assert_eq!(without_closing_sequence("Plain"), "Plain");
    }
}
