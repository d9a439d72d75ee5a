//! What each page is: an index page, a role page, a comparison page or another page.
//! The one definition every rule and index reads.

use crate::page::{name_of, Page, Pages};

use super::titles::comparison_roles;

/// The kind of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `README.md`, `index.md` or `_index.md` (any letter case, `.md` or `.markdown`):
    /// what a reader sees on opening its folder.
    Index,
    /// A titled page whose title compares roles: "A vs B".
    Comparison,
    /// Any other titled page: its title names a role.
    Role,
    /// A page without a title.
    Other,
}

/// The kind of every page, by position in `Pages::all()`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageKinds {
    kinds: Vec<PageKind>,
}

impl PageKinds {
    pub fn build(pages: &Pages) -> Self {
        PageKinds {
            kinds: pages.all().iter().map(kind_of).collect(),
        }
    }

    /// The kind of the page at a position of `Pages::all()`.
    pub fn of(&self, page: usize) -> PageKind {
        self.kinds.get(page).copied().unwrap_or(PageKind::Other)
    }
}

/// The kind of one page.
pub fn kind_of(page: &Page) -> PageKind {
    if is_index_page(&page.path) {
        return PageKind::Index;
    }
    match page.facts.title_text() {
        Some(title) if comparison_roles(title).is_some() => PageKind::Comparison,
        Some(_) => PageKind::Role,
        None => PageKind::Other,
    }
}

/// The title of a role page: the role it describes.
pub fn role_title_of(page: &Page) -> Option<&str> {
    (kind_of(page) == PageKind::Role)
        .then(|| page.facts.title_text())
        .flatten()
}

/// File names (without extension, any case) that GitHub and other forges show in their
/// own places (the repository's About box, the pull-request form, the license badge) or
/// that tools read (`SUMMARY.md` is the table of contents of GitBook and mdBook): pages of
/// the repository, not of the handbook, reached without links.
const REPOSITORY_FILES: [&str; 18] = [
    "agents",
    "authors",
    "changelog",
    "changes",
    "claude",
    "code_of_conduct",
    "codeowners",
    "contributing",
    "copying",
    "governance",
    "history",
    "issue_template",
    "license",
    "notice",
    "pull_request_template",
    "security",
    "summary",
    "support",
];

/// True for a repository's own files (`LICENSE.md`, `CONTRIBUTING.md`,
/// `PULL_REQUEST_TEMPLATE.md`, a book's `SUMMARY.md`, ...) and for any page in an `ISSUE_TEMPLATE` or
/// `PULL_REQUEST_TEMPLATE` folder.
pub fn is_repository_file(path: &str) -> bool {
    let name = name_of(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let is_named = |names: &[&str], text: &str| names.iter().any(|n| n.eq_ignore_ascii_case(text));
    is_named(&REPOSITORY_FILES, stem)
        || path
            .split('/')
            .rev()
            .skip(1)
            .any(|folder| is_named(&["issue_template", "pull_request_template"], folder))
}

/// Names of index pages, in the order a folder link prefers them (GitHub shows the
/// README; Hugo and MkDocs use `_index.md` and `index.md`).
const INDEX_STEMS: [&str; 3] = ["readme", "index", "_index"];

/// True for `README.md`, `index.md` and `_index.md`, in any letter case, with the
/// extension `.md` or `.markdown`.
pub fn is_index_page(path: &str) -> bool {
    index_rank(name_of(path)).is_some()
}

/// The preference of an index page's file name (0 is the README), `None` for other names.
pub fn index_rank(name: &str) -> Option<usize> {
    let (stem, extension) = name.rsplit_once('.')?;
    if !(extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown")) {
        return None;
    }
    INDEX_STEMS
        .iter()
        .position(|index| stem.eq_ignore_ascii_case(index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_pages_in_every_case() {
        for path in [
            "README.md",
            "readme.md",
            "Readme.md",
            "team/index.md",
            "team/INDEX.MD",
            "roles/_index.md",
            "README.markdown",
        ] {
            assert!(is_index_page(path), "{path}");
        }
        for path in [
            "team/Lead.md",
            "readme.txt",
            "README",
            "indexes.md",
            "_index.html",
        ] {
            assert!(!is_index_page(path), "{path}");
        }
        assert!(index_rank("README.md") < index_rank("index.md"));
        assert!(is_repository_file("LICENSE.md"));
        assert!(is_repository_file("docs/Pull_Request_Template.md"));
        assert!(is_repository_file("ISSUE_TEMPLATE/bug.md"));
        assert!(!is_repository_file("Licensing-Lead.md"));
        assert!(!is_repository_file("security/Lead.md"));
        assert!(index_rank("index.md") < index_rank("_index.md"));
    }
}
