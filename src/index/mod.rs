//! Handbook-wide indexes, built once after every page is parsed and shared by the rules.
//!
//! Each index lives in its own module and is built from the pages' facts and from the
//! indexes before it, never from the Markdown again. The link graph is built first:
//! every other index reads links from it. Only indexing reads the disk (folder listings
//! for existence and suggestions); rules read the answers.

pub mod comparisons;
pub mod files;
pub mod inflection;
pub mod kinds;
pub mod links;
pub mod navs;
pub mod reach;
pub mod suggestions;
pub mod titles;
pub mod update;
pub mod vocabulary;

use std::path::Path;

use crate::config::Config;
use crate::page::Pages;
use crate::resolve::Resolver;
use crate::surroundings::Surroundings;
pub use kinds::{PageKind, PageKinds};
pub use links::LinkGraph;
pub use titles::RoleTitles;

/// Every cross-page index of a handbook.
#[derive(Debug, Default)]
pub struct Indexes {
    /// What each page is (index, role, comparison, other).
    pub kinds: PageKinds,
    /// Every checked link resolved once, and who links whom.
    pub links: LinkGraph,
    /// Where each missing link target may have gone.
    pub suggestions: suggestions::Suggestions,
    /// Whether pages must be reached by links, and which pages a site's nav lists.
    pub reach: reach::Reach,
    /// The canonical nav of each folder.
    pub navs: navs::NavIndex,
    /// The titles of the role pages.
    pub titles: RoleTitles,
    /// What each table of each page compares.
    pub comparisons: comparisons::Comparisons,
    /// The words the handbook names its roles with, for `role-typo`.
    pub vocabulary: vocabulary::Vocabulary,
    /// How links were resolved, to resolve an edited page's links alike (`update`).
    resolving: update::Resolving,
}

impl Indexes {
    /// Builds the indexes of the pages of the handbook at `root` (absolute).
    pub fn build(root: &Path, pages: &Pages, config: &Config, around: &Surroundings) -> Self {
        let files = files::FileTree::new(root.to_path_buf());
        let resolver = Resolver::new(root, &around.repository_root, around.remote.clone());
        let (kinds, titles) = rayon::join(|| PageKinds::build(pages), || RoleTitles::build(pages));
        let links = LinkGraph::build(pages, &resolver, &files);
        let ((suggestions, navs), comparisons) = rayon::join(
            || {
                rayon::join(
                    || suggestions::Suggestions::build(pages, &links, &files),
                    || navs::NavIndex::build(pages, &links),
                )
            },
            || comparisons::Comparisons::build(pages, &links, &titles),
        );
        let reach = reach::Reach::build(root, pages, &links, config, around.site.as_ref());
        let vocabulary = vocabulary::Vocabulary::build(
            pages.all(),
            &links,
            &comparisons,
            &config.roles_extra,
            &config.ignore_words,
        );
        Indexes {
            kinds,
            links,
            suggestions,
            reach,
            navs,
            titles,
            comparisons,
            vocabulary,
            resolving: update::Resolving::new(resolver, files),
        }
    }
}
