//! Where a link destination points: outside (a URL), this page, or a path in or
//! beside the handbook.

use std::borrow::Cow;

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
