//! Where a link destination points: outside (a URL), this page, or a path in or
//! beside the handbook. The link graph (`index::links`) is the only caller: every rule
//! reads its answers.

use std::borrow::Cow;
use std::path::{Component, Path};

use crate::repo::Remote;

/// How links of one handbook resolve: where `/` leads, as GitHub renders it (the root of
/// the repository, not of the handbook), and which absolute URLs are the handbook's own
/// repository and so local pages.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    /// Names of the handbook root's absolute path, in order.
    handbook_root: Vec<String>,
    /// Names of the repository root's absolute path, in order.
    repository_root: Vec<String>,
    /// The handbook's own repository, when known.
    remote: Option<Remote>,
}

/// How a local destination was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// From the linking page's folder: `Lead.md`, `../team/Lead.md`.
    Relative,
    /// From the repository root: `/docs/team/Lead.md`.
    FromRepositoryRoot,
    /// An absolute URL of the handbook's own repository:
    /// `https://github.com/OWNER/REPO/blob/main/docs/team/Lead.md`.
    OwnUrl,
}

impl Resolver {
    /// A resolver for the handbook at `handbook_root` inside the repository whose work
    /// tree is `repository_root` (both absolute; they may be the same folder).
    pub fn new(handbook_root: &Path, repository_root: &Path, remote: Option<Remote>) -> Self {
        Resolver {
            handbook_root: names_of(handbook_root),
            repository_root: names_of(repository_root),
            remote,
        }
    }

    /// Resolves `destination`, written on the page at root-relative `page_path`.
    pub fn resolve(&self, page_path: &str, destination: &str) -> (Target, Written) {
        let trimmed = destination.trim();
        if let Some(local) = self.own_destination(trimmed) {
            return (
                self.resolve_from_repository_root(page_path, &local),
                Written::OwnUrl,
            );
        }
        if trimmed.starts_with('/') && !trimmed.starts_with("//") {
            return (
                self.resolve_from_repository_root(page_path, trimmed),
                Written::FromRepositoryRoot,
            );
        }
        (resolve(page_path, trimmed), Written::Relative)
    }

    fn own_destination(&self, destination: &str) -> Option<String> {
        // Most destinations are relative paths: look at the scheme before anything else.
        if !destination.starts_with("http") {
            return None;
        }
        self.remote.as_ref()?.local_destination(destination)
    }

    /// A destination written from the repository root (`/x/y.md#f`), as a target whose
    /// path is relative to the handbook root.
    fn resolve_from_repository_root(&self, page_path: &str, destination: &str) -> Target {
        match resolve(page_path, destination) {
            Target::Local {
                path,
                fragment,
                query,
            } => Target::Local {
                path: self.handbook_path(&path),
                fragment,
                query,
            },
            other => other,
        }
    }

    /// A repository-relative path (normalised, as `resolve` returns `/x` as `x`) made
    /// relative to the handbook root.
    fn handbook_path(&self, in_repository: &str) -> String {
        if self.handbook_root == self.repository_root {
            return in_repository.to_string();
        }
        let mut target: Vec<&str> = self.repository_root.iter().map(String::as_str).collect();
        for name in in_repository.split('/').filter(|n| !n.is_empty()) {
            if name == ".." {
                // GitHub stops at the repository root.
                if target.len() > self.repository_root.len() {
                    target.pop();
                }
            } else {
                target.push(name);
            }
        }
        let common = self
            .handbook_root
            .iter()
            .zip(&target)
            .take_while(|(a, b)| a.as_str() == **b)
            .count();
        let mut names: Vec<&str> = vec![".."; self.handbook_root.len() - common];
        names.extend(&target[common..]);
        names.join("/")
    }
}

fn names_of(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// The target of a link destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A URL with a scheme (`https:`, `mailto:`, ...) or a protocol-relative `//host`:
    /// never checked.
    External,
    /// A destination that is only a fragment or query: this page.
    SamePage { fragment: Option<String> },
    /// A path. `path` is relative to the handbook root, `/`-separated and normalised
    /// (no `.` or empty segments); it starts with `../` when it leaves the root.
    Local {
        path: String,
        fragment: Option<String>,
        /// The query string, without `?` (GitHub's `?plain=1` changes what `#L10` means).
        query: Option<String>,
    },
}

impl Target {
    pub fn leaves_root(path: &str) -> bool {
        path == ".." || path.starts_with("../")
    }
}

/// Resolves `destination`, written on the page at root-relative `page_path`.
pub fn resolve(page_path: &str, destination: &str) -> Target {
    let destination = destination.trim();
    if has_scheme(destination) || destination.starts_with("//") {
        return Target::External;
    }
    let (rest, fragment) = match destination.split_once('#') {
        Some((rest, fragment)) => (rest, Some(percent_decoded(fragment).into_owned())),
        None => (destination, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query.to_string())),
        None => (rest, None),
    };
    if path.is_empty() {
        return Target::SamePage { fragment };
    }
    let path = percent_decoded(path);
    let joined = if let Some(from_root) = path.strip_prefix('/') {
        from_root.to_string()
    } else {
        match page_path.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{path}"),
            None => path.into_owned(),
        }
    };
    Target::Local {
        path: normalise(&joined),
        fragment,
        query,
    }
}

/// True for `scheme:` as RFC 3986 defines it. A Windows drive (`C:`) is not a URL, but it
/// is no handbook path either, so it is left unchecked too.
fn has_scheme(destination: &str) -> bool {
    let Some((scheme, _)) = destination.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn percent_decoded(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .unwrap_or(Cow::Borrowed(text))
}

/// Drops `.` and empty segments and folds `a/..`; leading `..` segments stay.
fn normalise(path: &str) -> String {
    let is_plain = !path.contains('\\')
        && path
            .split('/')
            .all(|segment| !matches!(segment, "" | "." | ".."));
    if is_plain {
        return path.to_string();
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." if segments.last().is_some_and(|last| *last != "..") => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_from_the_repository_root_resolve_from_it() {
        let resolver = Resolver::new(Path::new("/r/docs/people"), Path::new("/r"), None);
        let cases = [
            ("/docs/people/Lead.md", "Lead.md"),
            ("/docs/people/team/A.md#x", "team/A.md"),
            ("/docs/Other.md", "../Other.md"),
            ("/README.md", "../../README.md"),
            ("/docs/people", ""),
            ("/../../etc/x.md", "../../etc/x.md"),
        ];
        for (destination, expected) in cases {
            let (Target::Local { path, .. }, Written::FromRepositoryRoot) =
                resolver.resolve("team/B.md", destination)
            else {
                panic!("{destination} is a local path from the repository root");
            };
            assert_eq!(path, expected, "{destination}");
        }
        assert_eq!(
            resolver.resolve("team/B.md", "../Lead.md"),
            (local("Lead.md", None), Written::Relative)
        );
        let same = Resolver::new(Path::new("/r"), Path::new("/r"), None);
        assert_eq!(
            same.resolve("a/B.md", "/C.md#x"),
            (local("C.md", Some("x")), Written::FromRepositoryRoot)
        );
    }

    #[test]
    fn own_repository_urls_are_local_pages() {
        let remote = crate::repo::parse_repository_setting("acme/handbook");
        let resolver = Resolver::new(Path::new("/r/docs"), Path::new("/r"), remote);
        assert_eq!(
            resolver.resolve(
                "README.md",
                "https://github.com/acme/handbook/blob/main/docs/Lead.md#scope"
            ),
            (local("Lead.md", Some("scope")), Written::OwnUrl)
        );
        assert_eq!(
            resolver
                .resolve(
                    "README.md",
                    "https://github.com/other/handbook/blob/main/docs/Lead.md"
                )
                .0,
            Target::External
        );
    }

    fn local(path: &str, fragment: Option<&str>) -> Target {
        Target::Local {
            path: path.to_string(),
            fragment: fragment.map(str::to_string),
            query: None,
        }
    }

    #[test]
    fn destinations_resolve_like_github() {
        let cases = [
            (
                "README.md",
                "Software-Engineer.md",
                local("Software-Engineer.md", None),
            ),
            (
                "README.md",
                "./Software-Engineer.md#se1",
                local("Software-Engineer.md", Some("se1")),
            ),
            ("team/README.md", "../Quality.md", local("Quality.md", None)),
            ("team/a/README.md", "../../x/./y.md", local("x/y.md", None)),
            ("team/README.md", "/Root.md", local("Root.md", None)),
            ("README.md", "sub/../A.md", local("A.md", None)),
            ("README.md", "My%20Page.md", local("My Page.md", None)),
            ("README.md", "images/", local("images", None)),
            ("README.md", "../outside.md", local("../outside.md", None)),
            ("a/README.md", "../../../x.md", local("../../x.md", None)),
            (
                "README.md",
                "Caf%C3%A9.md#r%C3%B4le",
                local("Café.md", Some("rôle")),
            ),
            (
                "README.md",
                "#intro",
                Target::SamePage {
                    fragment: Some("intro".into()),
                },
            ),
            ("README.md", "", Target::SamePage { fragment: None }),
            ("README.md", "https://example.com/x.md", Target::External),
            ("README.md", "mailto:someone@example.com", Target::External),
            ("README.md", "//cdn.example.com/a.png", Target::External),
            ("README.md", "tel:+123", Target::External),
        ];
        for (page, destination, expected) in cases {
            assert_eq!(
                resolve(page, destination),
                expected,
                "{destination} from {page}"
            );
        }
    }

    #[test]
    fn queries_are_kept_apart() {
        assert_eq!(
            resolve("README.md", "A.md?plain=1#L3"),
            Target::Local {
                path: "A.md".into(),
                fragment: Some("L3".into()),
                query: Some("plain=1".into())
            }
        );
        assert_eq!(
            resolve("README.md", "?x=1"),
            Target::SamePage { fragment: None }
        );
    }

    #[test]
    fn leaving_the_root_is_detected() {
        assert!(Target::leaves_root("../x.md"));
        assert!(!Target::leaves_root("..x.md"));
    }
}
