//! The static-site generator that publishes a handbook, found from its configuration file.
//!
//! `orphan-page` needs it: where Hugo, Docusaurus, a Jekyll collection or MkDocs without
//! `nav:` builds the sidebar or section list, readers reach every page without a Markdown
//! link to it; where MkDocs has `nav:`, the pages it lists are linked from the site's nav.
//!
//! Only configuration files are read, each at most `MAX_CONFIG_BYTES`. A file that cannot be
//! read or parsed never fails the run: each generator below says what it falls back to.

mod yaml;

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use self::yaml::Yaml;

/// Configuration files larger than this are not read: real ones are a few KiB.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A site generator that publishes the handbook, found from its configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// "Hugo", "MkDocs", "Docusaurus", "Jekyll": for messages and docs.
    pub generator: &'static str,
    /// The configuration file that gave it away (absolute).
    pub config_file: PathBuf,
    /// Pages an explicit navigation lists (MkDocs `nav:`), as absolute, lexically normalised
    /// paths (no `.` or `..`), in nav order, each once; empty when none. Entries that are
    /// URLs or absolute paths are not pages and are left out; a `#fragment` or `?query` is cut.
    pub listed: Vec<PathBuf>,
    /// True when the generator builds the navigation itself (no explicit list), so pages need
    /// no inbound Markdown link. Also true, with `listed` filled, when an MkDocs `nav:` holds
    /// a glob or a `...` placeholder (mkdocs-awesome-pages): the plugin adds the pages it
    /// does not list.
    pub builds_navigation: bool,
}

/// The site generator of the handbook at `handbook_root`, looked for in `handbook_root` and
/// each folder above it up to and including `repository_root`; the nearest folder whose
/// configuration applies wins. Both paths are absolute; when `repository_root` is not
/// `handbook_root` or above it, only `handbook_root` is examined.
///
/// Within one folder the generators are tried in the order Hugo, MkDocs, Docusaurus,
/// Jekyll. A configuration found next to the handbook that does not publish it (a Hugo
/// `content/` or MkDocs `docs_dir` elsewhere, a Jekyll site without collections) does not
/// stop the search.
pub fn detect(handbook_root: &Path, repository_root: &Path) -> Option<Site> {
    let handbook_root = normalize(handbook_root);
    let repository_root = normalize(repository_root);
    let folders: Vec<&Path> = if handbook_root.starts_with(&repository_root) {
        handbook_root
            .ancestors()
            .take_while(|folder| folder.starts_with(&repository_root))
            .collect()
    } else {
        vec![&handbook_root]
    };
    folders.into_iter().find_map(|folder| {
        hugo(folder, &handbook_root)
            .or_else(|| mkdocs(folder, &handbook_root))
            .or_else(|| docusaurus(folder))
            .or_else(|| jekyll(folder, &handbook_root))
    })
}

/// Hugo: `hugo.toml|yaml|yml|json`, or the older `config.toml|yaml|yml`, and the handbook
/// inside its content folder (`contentDir`, default `content`) or containing it; the folder
/// must exist, which also keeps another tool's `config.toml` from passing for Hugo's. Hugo
/// lists a section's pages itself.
fn hugo(folder: &Path, handbook_root: &Path) -> Option<Site> {
    const NAMES: [&str; 7] = [
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.yml",
    ];
    let config_file = first_file(folder, &NAMES)?;
    let content_dir = hugo_content_dir(&config_file).unwrap_or_else(|| "content".to_string());
    let content = normalize(&folder.join(content_dir));
    publishes(&content, handbook_root).then(|| Site {
        generator: "Hugo",
        config_file,
        listed: Vec::new(),
        builds_navigation: true,
    })
}

/// `contentDir` of a Hugo configuration (keys are case-insensitive in Hugo); `None` when the
/// file does not set it or cannot be read.
fn hugo_content_dir(config_file: &Path) -> Option<String> {
    let text = read_small(config_file)?;
    let extension = config_file.extension()?.to_str()?;
    let found = match extension {
        "toml" => {
            let table: toml::Table = text.parse().ok()?;
            table
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case("contentDir"))
                .and_then(|(_, value)| value.as_str().map(str::to_string))
        }
        "json" => {
            let value: serde_json::Value = serde_json::from_str(&text).ok()?;
            value
                .as_object()?
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case("contentDir"))
                .and_then(|(_, value)| value.as_str().map(str::to_string))
        }
        _ => yaml::parse(&text)?
            .get_ignore_case("contentDir")
            .and_then(Yaml::as_str)
            .map(str::to_string),
    };
    found.filter(|dir| !dir.trim().is_empty())
}

/// MkDocs: `mkdocs.yml|yaml`, and the handbook inside its `docs_dir` (default `docs`) or
/// containing it. With `nav:`, the pages it lists; without, MkDocs builds the nav from the
/// folders. A file that cannot be read or parsed, or whose `docs_dir` is a custom tag's
/// value (`!ENV DOCS_DIR`), is an MkDocs site whose docs folder and nav are unknown: it
/// counts as building the navigation.
fn mkdocs(folder: &Path, handbook_root: &Path) -> Option<Site> {
    let config_file = first_file(folder, &["mkdocs.yml", "mkdocs.yaml"])?;
    let mut site = Site {
        generator: "MkDocs",
        config_file,
        listed: Vec::new(),
        builds_navigation: true,
    };
    let Some(config) = read_small(&site.config_file).and_then(|text| yaml::parse(&text)) else {
        return Some(site);
    };
    let docs_dir = match config.get("docs_dir") {
        None => "docs",
        Some(value) if value.is_null() => "docs",
        Some(value) => match value.as_str() {
            Some(dir) => dir,
            // `!ENV DOCS_DIR`: the folder is unknown, as when the file cannot be parsed.
            None => return Some(site),
        },
    };
    let docs = normalize(&folder.join(docs_dir));
    if !publishes(&docs, handbook_root) {
        return None;
    }
    // Only a list is a nav: `nav:` with nothing after it is none, as in MkDocs, and a
    // custom tag's value (`nav: !ENV NAV`) is one we cannot read.
    if let Some(nav @ Yaml::Seq(_)) = config.get("nav") {
        site.builds_navigation = nav_pages(nav, &docs, &mut site.listed);
    }
    Some(site)
}

/// Adds the pages `nav` lists to `listed`, resolved from `docs`; true when it holds a glob or
/// a `...` placeholder. Entries are `- page.md`, `- Title: page.md` and `- Section: [...]`.
fn nav_pages(nav: &Yaml, docs: &Path, listed: &mut Vec<PathBuf>) -> bool {
    match nav {
        Yaml::Seq(items) => items
            .iter()
            .fold(false, |open, item| nav_pages(item, docs, listed) | open),
        // Keys are titles; only values name pages.
        Yaml::Map(entries) => entries.iter().fold(false, |open, (_, value)| {
            nav_pages(value, docs, listed) | open
        }),
        Yaml::Scalar { .. } => {
            let Some(entry) = nav.as_str().map(str::trim) else {
                return false;
            };
            if entry.contains("...") || entry.contains('*') {
                return true;
            }
            let is_link = entry.contains("://") || entry.starts_with("mailto:");
            // MkDocs takes a path from `/` for a link to the site, not for a page.
            if is_link || entry.starts_with('/') {
                return false;
            }
            let path = entry.split(['#', '?']).next().unwrap_or_default();
            if !path.is_empty() {
                let page = normalize(&docs.join(path));
                if !listed.contains(&page) {
                    listed.push(page);
                }
            }
            false
        }
        Yaml::Unknown => false,
    }
}

/// Docusaurus: `docusaurus.config.js|ts|mjs|cjs`. It always builds the navigation.
///
/// The sidebar is `sidebars.js|ts|mjs|cjs|json` beside the configuration. Without one, or
/// with `type: 'autogenerated'` items, Docusaurus generates it from the docs folder. A
/// hand-written sidebar is JavaScript we cannot evaluate, and it is the generator's nav all
/// the same: readers reach the pages it lists through it. So every Docusaurus site counts as
/// building the navigation and the sidebar file is not read; the cost is that a page a
/// hand-written sidebar leaves out is not reported. The docs folder (`path` in the preset's
/// options, JavaScript too) is not checked against the handbook either.
fn docusaurus(folder: &Path) -> Option<Site> {
    const NAMES: [&str; 4] = [
        "docusaurus.config.js",
        "docusaurus.config.ts",
        "docusaurus.config.mjs",
        "docusaurus.config.cjs",
    ];
    let config_file = first_file(folder, &NAMES)?;
    Some(Site {
        generator: "Docusaurus",
        config_file,
        listed: Vec::new(),
        builds_navigation: true,
    })
}

/// Jekyll: `_config.yml|yaml` with `collections:` (a mapping of names, or a list of them),
/// and the handbook inside a `_<name>` folder (under `collections_dir`, default the site
/// folder) or containing one. A site without collections lists no pages by itself; a file
/// that cannot be read or parsed shows no collection either.
fn jekyll(folder: &Path, handbook_root: &Path) -> Option<Site> {
    let config_file = first_file(folder, &["_config.yml", "_config.yaml"])?;
    let config = yaml::parse(&read_small(&config_file)?)?;
    let names: Vec<&str> = match config.get("collections")? {
        Yaml::Map(entries) => entries.iter().filter_map(|(k, _)| k.as_str()).collect(),
        Yaml::Seq(items) => items.iter().filter_map(Yaml::as_str).collect(),
        Yaml::Scalar { .. } | Yaml::Unknown => Vec::new(),
    };
    let collections_dir = config
        .get("collections_dir")
        .and_then(Yaml::as_str)
        .unwrap_or("");
    let base = folder.join(collections_dir);
    let publishes_handbook = names
        .into_iter()
        .filter(|name| !name.is_empty() && !name.contains(['/', '\\']) && *name != "..")
        .any(|name| publishes(&normalize(&base.join(format!("_{name}"))), handbook_root));
    publishes_handbook.then(|| Site {
        generator: "Jekyll",
        config_file,
        listed: Vec::new(),
        builds_navigation: true,
    })
}

/// True when `published` is a folder and the handbook is in it, is it, or contains it.
fn publishes(published: &Path, handbook_root: &Path) -> bool {
    (handbook_root.starts_with(published) || published.starts_with(handbook_root))
        && published.is_dir()
}

/// The first of `names` that is a regular file in `folder` (a folder or a named pipe of that
/// name is not a configuration).
fn first_file(folder: &Path, names: &[&str]) -> Option<PathBuf> {
    names
        .iter()
        .map(|name| folder.join(name))
        .find(|path| fs::metadata(path).is_ok_and(|m| m.is_file()))
}

/// The UTF-8 text of a regular file of at most `MAX_CONFIG_BYTES`, byte-order mark dropped.
fn read_small(path: &Path) -> Option<String> {
    // Look before opening: opening a named pipe would wait for a writer forever.
    let metadata = fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_CONFIG_BYTES {
        return None;
    }
    let mut text = String::new();
    fs::File::open(path)
        .ok()?
        .take(MAX_CONFIG_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    Some(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// `path` without `.` and with each `..` taking off the folder before it, without asking the
/// file system (a symlinked folder is not followed).
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

#[cfg(test)]
mod tests;
