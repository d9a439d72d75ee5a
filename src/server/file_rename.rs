//! `workspace/willRenameFiles`: before a page (or a folder of pages) is renamed or moved,
//! the edits that keep the handbook's links working. Every relative link that reaches a
//! moved page or file gets the new path, written from its own page; a moved page's own
//! relative links are written again from its new folder. Each edit replaces only the
//! path part of the destination (a `?query` or `#fragment` stays) and keeps the link's
//! way of writing it: a leading `./`, a trailing `/`, spaces as `%20` or as written.
//!
//! Links are read from the resolved link graph with their written destination ranges,
//! so nothing is parsed or resolved again. Root-relative links (`/docs/x.md`) and URLs
//! of the handbook's own repository are left as they are.

use std::collections::HashMap;
use std::str::FromStr;

use lsp_types::{RenameFilesParams, TextEdit, Uri, WorkspaceEdit};

use super::convert;
use super::state::State;
use crate::handbook::{Handbook, Page};
use crate::index::links::Resolved;
use crate::page::{folder_of, relative_link};
use crate::resolve::Written;

/// Where things move: root-relative paths of files, and of folders (everything below).
#[derive(Default)]
struct Moves {
    files: HashMap<String, String>,
    folders: Vec<(String, String)>,
}

impl Moves {
    /// Where the root-relative `path` will be after the renames.
    fn new_path(&self, path: &str) -> String {
        if let Some(moved) = self.files.get(path) {
            return moved.clone();
        }
        for (old, new) in &self.folders {
            if let Some(rest) = path.strip_prefix(old.as_str()) {
                if rest.starts_with('/') {
                    return format!("{new}{rest}");
                }
                if rest.is_empty() {
                    return new.clone();
                }
            }
        }
        path.to_string()
    }
}

pub fn will_rename(state: &State, params: &RenameFilesParams) -> Option<WorkspaceEdit> {
    let handbook = state.handbook()?;
    let moves = moves_of(state, handbook, params);
    if moves.files.is_empty() && moves.folders.is_empty() {
        return None;
    }
    #[expect(
        clippy::mutable_key_type,
        reason = "WorkspaceEdit::changes is keyed by Uri, whose cell is never mutated"
    )]
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    let graph = &handbook.indexes().links;
    for (from, page) in handbook.pages().iter().enumerate() {
        let new_from = moves.new_path(&page.path);
        let page_moves_folder = folder_of(&new_from) != folder_of(&page.path);
        for (link, resolved) in graph.links_of(from) {
            let Some(edit) = link_edit(state, handbook, page, link, resolved, &moves, &new_from)
                .filter(|_| page_moves_folder || reaches_moved(handbook, page, resolved, &moves))
            else {
                continue;
            };
            // The edit applies before the rename: it names the page by its old URI.
            if let Some(uri) = state.uri(&page.path) {
                changes.entry(uri).or_default().push(edit);
            }
        }
    }
    Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    })
}

/// The renames that concern the handbook: a page, or a folder below the root (its pages
/// and files move with it). A move out of the handbook changes nothing here.
fn moves_of(state: &State, handbook: &Handbook, params: &RenameFilesParams) -> Moves {
    let mut moves = Moves::default();
    for file in &params.files {
        let (Ok(old), Ok(new)) = (Uri::from_str(&file.old_uri), Uri::from_str(&file.new_uri))
        else {
            continue;
        };
        let (Some(old), Some(new)) = (state.relative(&old), state.relative(&new)) else {
            continue;
        };
        if old.is_empty() || new.is_empty() || old == new {
            continue;
        }
        if handbook.page(&old).is_some() {
            moves.files.insert(old, new);
        } else if state.root.join(&old).is_dir() {
            // Still on disk: the rename has not happened yet.
            moves.folders.push((old, new));
        }
    }
    moves
}

/// True when the link's target moves.
fn reaches_moved(handbook: &Handbook, page: &Page, resolved: Resolved<'_>, moves: &Moves) -> bool {
    resolved
        .path(handbook.pages_set(), page)
        .is_some_and(|target| moves.new_path(target) != target)
}

/// The edit that writes the path of the link at `link` of `page` from `new_from` to its
/// target's new place; `None` when the link is not relative, names no existing target,
/// or would read the same.
fn link_edit(
    state: &State,
    handbook: &Handbook,
    page: &Page,
    link: usize,
    resolved: Resolved<'_>,
    moves: &Moves,
    new_from: &str,
) -> Option<TextEdit> {
    if resolved.written != Written::Relative || resolved.missing_path().is_some() {
        return None;
    }
    let target = resolved.path(handbook.pages_set(), page)?;
    let text = page.source.text();
    let (path_range, _) = page.facts.links.get(link)?.written_parts(text)?;
    let written = text.get(path_range.clone())?;
    if written.is_empty() {
        // `#x`: the page itself, wherever it goes.
        return None;
    }
    let mut new = relative_link(new_from, &moves.new_path(target));
    if written.contains(' ') {
        new = new.replace("%20", " ");
    }
    if written.starts_with("./") && !new.starts_with("../") {
        new.insert_str(0, "./");
    }
    if written.ends_with('/') && !new.ends_with('/') {
        new.push('/');
    }
    if new.is_empty() {
        // A link to the page's own folder from inside it.
        new.push_str("./");
    }
    (new != written).then(|| TextEdit {
        range: convert::range(&page.source, &path_range, state.encoding),
        new_text: new,
    })
}

#[cfg(test)]
mod tests {
    use super::Moves;

    #[test]
    fn a_folder_move_takes_what_is_below_it_and_nothing_beside_it() {
        let moves = Moves {
            files: [("Lead.md".to_string(), "roles/Lead.md".to_string())].into(),
            folders: vec![("team".to_string(), "people".to_string())],
        };
        assert_eq!(moves.new_path("Lead.md"), "roles/Lead.md");
        assert_eq!(moves.new_path("team/Coach.md"), "people/Coach.md");
        assert_eq!(moves.new_path("team"), "people");
        // `teams` only begins like `team`.
        assert_eq!(moves.new_path("teams/Coach.md"), "teams/Coach.md");
        assert_eq!(moves.new_path("README.md"), "README.md");
    }
}
