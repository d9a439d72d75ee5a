//! Who links whom: for each page, how many other pages link to it.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::handbook::{Entry, Handbook};
use crate::resolve::{resolve, Target};

#[derive(Debug, Default)]
pub struct InboundIndex {
    /// Root-relative page path → number of links from other pages.
    counts: HashMap<String, usize>,
}

impl InboundIndex {
    pub fn build(handbook: &Handbook) -> Self {
        let counts = handbook
            .pages()
            .par_iter()
            .fold(HashMap::new, |mut counts: HashMap<String, usize>, page| {
                let text = page.source.text();
                for link in page
                    .facts
                    .links
                    .iter()
                    .filter(|l| l.has_checked_destination())
                {
                    let Target::Local { path, .. } = resolve(&page.path, link.destination(text))
                    else {
                        continue;
                    };
                    let target = linked_page(handbook, path);
                    if target != page.path {
                        *counts.entry(target).or_default() += 1;
                    }
                }
                counts
            })
            .reduce(HashMap::new, |mut a, b| {
                for (path, count) in b {
                    *a.entry(path).or_default() += count;
                }
                a
            });
        InboundIndex { counts }
    }

    /// How many links from other pages reach `path`.
    pub fn count(&self, path: &str) -> usize {
        self.counts.get(path).copied().unwrap_or(0)
    }
}

/// The page a link reaches: a link to a folder reaches the folder's README.md or index.md.
fn linked_page(handbook: &Handbook, path: String) -> String {
    if handbook.page(&path).is_some() || handbook.entry(&path) != Entry::Folder {
        return path;
    }
    for index in ["README.md", "index.md"] {
        let candidate = if path.is_empty() {
            index.to_string()
        } else {
            format!("{path}/{index}")
        };
        if handbook.page(&candidate).is_some() {
            return candidate;
        }
    }
    path
}
