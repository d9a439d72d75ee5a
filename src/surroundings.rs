//! Where a handbook lives: the repository around it and the site generator that
//! publishes it, found by reading files (git is never run).

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::repo::{self, Remote};
use crate::site::{self, Site};

/// Where a handbook lives: what GitHub resolves its links against, and who builds its
/// navigation.
#[derive(Debug, Clone, Default)]
pub struct Surroundings {
    /// Where `/` in a link leads: configuration `root-dir`, else the git work tree that
    /// holds the handbook, else the handbook root. Absolute.
    pub repository_root: PathBuf,
    /// The handbook's own repository, whose absolute URLs are local links.
    pub remote: Option<Remote>,
    /// The site generator that publishes the handbook, if one is configured around it.
    pub site: Option<Site>,
}

impl Surroundings {
    /// Looks around the handbook at `root` (absolute): `.git` above it (read, never run)
    /// and a site generator's configuration between it and the repository root.
    pub fn find(root: &Path, config: &Config) -> Self {
        let work_tree = repo::work_tree_of(root);
        let repository_root = config
            .root_dir
            .clone()
            .map(|dir| dir.canonicalize().unwrap_or(dir))
            .or_else(|| work_tree.clone())
            .unwrap_or_else(|| root.to_path_buf());
        let remote = match &config.repository {
            Some(setting) => repo::parse_repository_setting(setting),
            None => work_tree.as_deref().and_then(repo::origin_of),
        };
        let site = site::detect(root, work_tree.as_deref().unwrap_or(root));
        Surroundings {
            repository_root,
            remote,
            site,
        }
    }
}
