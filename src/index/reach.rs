//! How readers reach pages: by Markdown links, or through a navigation a site generator
//! builds. `orphan-page` reads it to know whether an unlinked page is lost.

use std::path::Path;

use super::links::LinkGraph;
use crate::config::{Config, RuleSetting};
use crate::discover::relative_path;
use crate::page::Pages;
use crate::site::Site;

/// Whether pages must be reached by links, and the pages a site's own nav lists.
#[derive(Debug, Default)]
pub struct Reach {
    /// True when pages are reached by links, so that an unlinked page is an orphan.
    pub by_links: bool,
    /// Why pages are not reached by links, when they are not (for messages and docs).
    pub otherwise: Option<String>,
    /// By page: listed by a site's explicit navigation (MkDocs `nav:`).
    listed: Vec<bool>,
}

impl Reach {
    pub fn build(
        root: &Path,
        pages: &Pages,
        links: &LinkGraph,
        config: &Config,
        site: Option<&Site>,
    ) -> Self {
        let mut listed = vec![false; pages.all().len()];
        for path in site.into_iter().flat_map(|site| &site.listed) {
            if let Some(page) = relative_path(root, path).and_then(|p| pages.index_of(&p)) {
                listed[page] = true;
            }
        }
        // `[rules] orphan-page = "error"` (or "warning") asks for the rule whatever the
        // handbook looks like.
        let asked = matches!(
            config.rules.get("orphan-page"),
            Some(RuleSetting::Error | RuleSetting::Warning)
        );
        let otherwise = match site {
            _ if asked => None,
            Some(site) if site.builds_navigation => Some(format!(
                "{} builds the navigation ({})",
                site.generator,
                site.config_file.display()
            )),
            _ if !links.pages_link_each_other() && !listed.contains(&true) => {
                Some("no page links another page".to_string())
            }
            _ => None,
        };
        Reach {
            by_links: otherwise.is_none(),
            otherwise,
            listed,
        }
    }

    /// True when a site's explicit navigation lists the page.
    pub fn is_listed(&self, page: usize) -> bool {
        self.listed.get(page).copied().unwrap_or(false)
    }
}
