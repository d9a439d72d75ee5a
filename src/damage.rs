//! What a change to the pages given on the command line breaks elsewhere in the handbook.
//!
//! CI on the changed files and pre-commit name only the pages that changed, but in a
//! handbook a change does its damage in other pages: a renamed heading breaks the
//! `#fragment`s that point at it, a moved or deleted page breaks every link to its old
//! name, a page added to a folder makes the folder's navs incomplete, a link removed
//! can leave a page that nothing links any more. `Damage` tells which findings on other
//! pages such a change causes or changes, from the link graph and the navs; it is worked
//! out once per run.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::discover::Selection;
use crate::handbook::Handbook;
use crate::page::{folder_of, name_of};

/// The pages and findings a selection reaches beyond itself.
#[derive(Debug, Default)]
pub struct Damage {
    /// Root-relative paths that links may name to reach the selection: the selected
    /// files (which may no longer exist) and the names a selected page had before a
    /// move that left links behind: the name `renamed_from` finds, and missing targets
    /// linked with a selected page's title as label (a link to the old name still
    /// carries it) or with a selected page's file name in another folder.
    targets: HashSet<String>,
    /// Folders holding a selected file: their navs and orphans may change with it.
    folders: HashSet<String>,
    /// Positions of the pages outside the selection whose findings may be damage.
    pages: HashSet<usize>,
}

impl Damage {
    /// The damage the selected pages may do in `handbook`.
    pub fn of(handbook: &Handbook, selection: &Selection) -> Self {
        let indexes = handbook.indexes();
        let mut targets: HashSet<String> = selection.files.iter().cloned().collect();
        for file in &selection.files {
            if let Some((old, _)) = indexes.suggestions.renamed_from(file) {
                targets.insert(old.to_string());
            }
        }
        let folders: HashSet<String> = selection
            .files
            .iter()
            .map(|file| folder_of(file).to_string())
            .collect();
        let titles: HashSet<String> = selection
            .files
            .iter()
            .filter_map(|file| handbook.page(file)?.facts.title_text())
            .map(|title| title.trim().to_lowercase())
            .filter(|title| !title.is_empty())
            .collect();
        let names: HashSet<String> = selection
            .files
            .iter()
            .filter(|file| handbook.page(file).is_some())
            .map(|file| name_of(file).to_string())
            .collect();
        // Missing targets that name a selected page under its old name: every link to
        // them is damage, whatever its label.
        for (position, page) in handbook.pages().iter().enumerate() {
            let text = page.source.text();
            for (index, link) in indexes.links.links_of(position) {
                if let Some(missing) = link.missing_path() {
                    if is_moved(
                        &titles,
                        &names,
                        missing,
                        page.facts.links[index].label(text),
                    ) {
                        targets.insert(missing.to_string());
                    }
                }
            }
        }
        let is_targeted = |path: &str| {
            targets.contains(path) || selection.folders.iter().any(|f| is_below(path, f))
        };
        let pages_of_folders = |path: &str| {
            folders.contains(folder_of(path)) || selection.folders.iter().any(|f| is_below(path, f))
        };
        let mut pages = HashSet::new();
        for (position, page) in handbook.pages().iter().enumerate() {
            if selection.contains(&page.path) {
                continue;
            }
            let links_into_selection = indexes.links.links_of(position).any(|(_, link)| {
                link.path(handbook.pages_set(), page)
                    .is_some_and(is_targeted)
            });
            if links_into_selection || pages_of_folders(&page.path) {
                pages.insert(position);
            }
        }
        Damage {
            targets,
            folders,
            pages,
        }
    }

    /// True when the page at `position` may carry damage: its rules must run.
    pub fn may_reach(&self, position: usize) -> bool {
        self.pages.contains(&position)
    }

    /// True when `diagnostic`, on a page outside the selection, is caused or changed by
    /// the selection: it sits on a link into the selection (or at a selected page's old
    /// name), or it is a nav or orphan finding in a selected page's folder.
    pub fn caused(&self, handbook: &Handbook, diagnostic: &Diagnostic) -> bool {
        let Some(position) = handbook.page_index(&diagnostic.path) else {
            return false;
        };
        if !self.pages.contains(&position) {
            return false;
        }
        let page = handbook.page_at(position);
        let in_selected_folder = self.folders.contains(folder_of(&page.path));
        if diagnostic.rule == "orphan-page" {
            return in_selected_folder;
        }
        let on_nav = page.facts.navs.iter().any(|nav| {
            let nav_range = nav.heading_range.start..nav.list_range.end;
            nav_range.start <= diagnostic.range.start && diagnostic.range.end <= nav_range.end
        });
        if on_nav && in_selected_folder {
            return true;
        }
        let links = &page.facts.links;
        // Links are in document order: the last one starting at or before the finding.
        let after = links.partition_point(|link| link.range().start <= diagnostic.range.start);
        links[..after]
            .iter()
            .enumerate()
            .rev()
            .take(4)
            .any(|(index, link)| {
                let range = link.range();
                range.end >= diagnostic.range.end
                    && handbook
                        .indexes()
                        .links
                        .get(position, index)
                        .and_then(|resolved| resolved.path(handbook.pages_set(), page))
                        .is_some_and(|path| self.targets.contains(path))
            })
    }
}

/// True when a link to the missing root-relative path `missing`, labelled `label`, most
/// likely meant a selected page that moved: the label is its title, or the missing file
/// has its name in another folder.
fn is_moved(titles: &HashSet<String>, names: &HashSet<String>, missing: &str, label: &str) -> bool {
    names.contains(name_of(missing)) || titles.contains(&label.trim().to_lowercase())
}

/// True when the root-relative `path` lies in `folder` ("" is the root).
fn is_below(path: &str, folder: &str) -> bool {
    folder.is_empty()
        || path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
}
