//! Rename a heading and every `#fragment` in the handbook that points at it (a role
//! page's title renames the role: `role_rename`).
//!
//! The new slugs come from parsing the page with the new heading text, so they are
//! exactly what the rules will check (GitHub's slugs, with the `-1`, `-2` suffixes of
//! repeated headings, which a rename can shift for later headings too).
#![expect(
    clippy::mutable_key_type,
    reason = "WorkspaceEdit::changes is keyed by Uri, whose cell is never mutated"
)]

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::convert;
use super::lookup;
use super::state::State;
use crate::facts::Heading;
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

/// The edits of a workspace rename, by page URI.
pub type Changes = HashMap<Uri, Vec<TextEdit>>;

pub fn rename(state: &State, params: &RenameParams) -> Option<WorkspaceEdit> {
    let at = &params.text_document_position;
    let (page, bytes) = heading_at(state, at)?;
    let new_name = params.new_name.trim();
    if new_name.is_empty() || new_name.contains(['\n', '\r']) {
        return None;
    }
    let changes = if super::role_rename::is_role_title(page, &bytes) {
        super::role_rename::rename(state, page, bytes, new_name)?
    } else {
        let mut changes = Changes::new();
        heading_edits(state, page, bytes, new_name, &mut changes)?;
        changes
    };
    Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    })
}

/// Adds to `changes` the edits that write `new_text` over the heading text at `bytes` of
/// `page`, and the `#fragment`s in the handbook that follow the slugs it shifts; `None`
/// when the new text would not read as one heading.
pub fn heading_edits(
    state: &State,
    page: &Page,
    bytes: Range<usize>,
    new_text: &str,
    changes: &mut Changes,
) -> Option<()> {
    let handbook = state.handbook()?;
    let index = handbook.page_index(&page.path)?;

    // The page as it will read, parsed as any page is, for its new slugs.
    let mut text = page.source.text().to_string();
    text.replace_range(bytes.clone(), new_text);
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
        .filter(|(old, new)| old.slug() != new.slug())
        .map(|(old, new)| (old.slug(), new.slug()))
        .collect();

    let own_uri = state.uri(&page.path)?;
    changes.entry(own_uri).or_default().push(TextEdit {
        range: convert::range(&page.source, &bytes, state.encoding),
        new_text: new_text.to_string(),
    });
    for (from, link_index, resolved) in lookup::links_to(handbook, index) {
        let Some((_, fragment)) = resolved.page_fragment() else {
            continue;
        };
        let Some(new_slug) = slugs.get(fragment) else {
            continue;
        };
        let linking = handbook.page_at(from);
        let Some(edit) = fragment_edit(linking, link_index, new_slug, state) else {
            continue;
        };
        if let Some(uri) = state.uri(&linking.path) {
            changes.entry(uri).or_default().push(edit);
        }
    }
    Some(())
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
) -> Option<(&'a Page, Range<usize>)> {
    let cursor = lookup::cursor(state, at)?;
    let heading = &cursor.page.facts.headings[cursor.heading()?];
    Some((cursor.page, heading_text_range(cursor.page, heading)?))
}

/// The byte range of the text of an ATX heading (after the `#` markers, before any
/// closing `#`s); `None` for a setext heading or an empty one.
pub fn heading_text_range(page: &Page, heading: &Heading) -> Option<Range<usize>> {
    let line = page
        .source
        .line_range(page.source.line_of(heading.range().start));
    let text = page.source.text().get(line.clone())?;
    let after_markers = text.trim_start_matches([' ', '\t']).strip_prefix('#')?;
    let content = after_markers.trim_start_matches('#');
    let start = line.end - content.len();
    let content = content.trim_start_matches([' ', '\t']);
    let start = start + (line.end - start - content.len());
    let trimmed = without_closing_sequence(content.trim_end());
    (!trimmed.is_empty()).then(|| start..start + trimmed.len())
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
