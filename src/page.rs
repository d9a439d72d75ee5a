//! A page of the handbook and the set of every page, before anything is indexed.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::facts::PageFacts;
use crate::source::Source;

/// A page that was read and parsed.
#[derive(Debug)]
pub struct Page {
    /// Relative to the handbook root, `/`-separated.
    pub path: String,
    pub source: Source,
    /// Shared by the pages of one text: their facts are the same (`load::SameTexts`).
    pub facts: Arc<PageFacts>,
}

/// Every page of a handbook, sorted by path, looked up by path or by position.
#[derive(Debug, Default)]
pub struct Pages {
    pages: Vec<Page>,
    by_path: HashMap<String, usize>,
}

impl Pages {
    /// `pages` must be sorted by path.
    pub fn new(pages: Vec<Page>) -> Self {
        let by_path = pages
            .iter()
            .enumerate()
            .map(|(index, page)| (page.path.clone(), index))
            .collect();
        Pages { pages, by_path }
    }

    pub fn all(&self) -> &[Page] {
        &self.pages
    }

    pub fn into_vec(self) -> Vec<Page> {
        self.pages
    }

    /// For each page, by position in `all()`, the first page that shares its text and
    /// facts (itself when none does before it). The load shares them between pages of
    /// the same text (`load::SameTexts`), so a rule that scans each page's text against
    /// something of the whole handbook scans such pages once. Pages of equal texts that
    /// were parsed apart (an edited page) are not told the same: nothing is compared but
    /// addresses.
    pub fn first_with_same_text(&self) -> Vec<usize> {
        let mut first: FxHashMap<(*const u8, *const PageFacts), usize> = FxHashMap::default();
        self.pages
            .iter()
            .enumerate()
            .map(|(position, page)| {
                let text = Arc::as_ptr(page.source.shared_text()).cast::<u8>();
                *first
                    .entry((text, Arc::as_ptr(&page.facts)))
                    .or_insert(position)
            })
            .collect()
    }

    /// The position in `all()` of the page at a root-relative path.
    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// Puts `page` at `position` (a page of the same path: the lookup by path stays
    /// valid) and returns the page it replaces.
    pub fn replace(&mut self, position: usize, page: Page) -> Page {
        std::mem::replace(&mut self.pages[position], page)
    }

    /// Takes the text of the page at a root-relative path, leaving it empty.
    pub fn take_source(&mut self, path: &str) -> Option<Source> {
        let index = self.index_of(path)?;
        Some(std::mem::replace(
            &mut self.pages[index].source,
            Source::new(String::new()),
        ))
    }

    /// The page at a root-relative path.
    pub fn get(&self, path: &str) -> Option<&Page> {
        self.index_of(path).map(|index| &self.pages[index])
    }
}

/// The folder part of a root-relative path (`""` for the root).
pub fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// The file name of a root-relative path.
pub fn name_of(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A root-relative path (with an optional `#fragment`) written as a link from the page at
/// `page_path`: relative, `../` where needed, spaces encoded.
pub fn relative_link(page_path: &str, key: &str) -> String {
    let (path, fragment) = match key.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (key, None),
    };
    let from: Vec<&str> = folder_of(page_path)
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let to: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    let mut destination = parts.join("/").replace(' ', "%20");
    if let Some(fragment) = fragment {
        destination.push('#');
        destination.push_str(fragment);
    }
    destination
}
