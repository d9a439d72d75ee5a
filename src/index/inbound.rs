//! Who links whom: for each page, how many other pages link to it.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::handbook::{Entry, Handbook};
use crate::resolve::{resolve, Target};

#[derive(Debug, Default)]
pub struct InboundIndex {
    /// By page index (`Handbook::page_index`): number of links from other pages.
    counts: Vec<usize>,
}

impl InboundIndex {
    pub fn build(handbook: &Handbook) -> Self {
        // One counter per page: no map to merge across threads.
        let counts: Vec<AtomicUsize> = (0..handbook.pages().len())
            .map(|_| AtomicUsize::new(0))
            .collect();
        handbook
            .pages()
            .par_iter()
            .enumerate()
            .for_each(|(from, page)| {
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
                    match linked_page(handbook, &path) {
                        Some(to) if to != from => {
                            counts[to].fetch_add(1, Ordering::Relaxed);
                        }
                        _ => {}
                    }
                }
            });
        InboundIndex {
            counts: counts.into_iter().map(AtomicUsize::into_inner).collect(),
        }
    }

    /// How many links from other pages reach `path`.
    pub fn count(&self, handbook: &Handbook, path: &str) -> usize {
        handbook
            .page_index(path)
            .and_then(|index| self.counts.get(index).copied())
            .unwrap_or(0)
    }
}

/// The page a link reaches: a link to a folder reaches the folder's README.md or index.md.
fn linked_page(handbook: &Handbook, path: &str) -> Option<usize> {
    if let Some(index) = handbook.page_index(path) {
        return Some(index);
    }
    if handbook.entry(path) != Entry::Folder {
        return None;
    }
    ["README.md", "index.md"].into_iter().find_map(|name| {
        let candidate = if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}/{name}")
        };
        handbook.page_index(&candidate)
    })
}
