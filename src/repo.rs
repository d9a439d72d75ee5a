//! The git repository around a handbook, read from its files (git itself is never run):
//! where the work tree is, which repository its `origin` remote names, and which absolute
//! URLs point back into that repository.

use std::fs;
use std::path::{Path, PathBuf};

/// A hosted repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    /// Lower-case host name without port or `www.`, such as `github.com`.
    pub host: String,
    /// The namespace path as written, without `.git` or slashes at either end:
    /// `owner/repo`, or `group/subgroup/repo` on GitLab. Never empty; at least two segments.
    pub path: String,
}

/// The nearest folder at or above `start` (an absolute path) holding `.git`: a folder, or
/// a file as in linked worktrees and submodules.
pub fn work_tree_of(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|folder| folder.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The repository that the `url` of `[remote "origin"]` names, from the git config of
/// `work_tree`. `None` when there is no such remote or anything on the way is unreadable or
/// odd. `url.<base>.insteadOf` rewrites and `[include]` files are not followed.
pub fn origin_of(work_tree: &Path) -> Option<Remote> {
    let dot_git = work_tree.join(".git");
    let git_dir = if dot_git.is_dir() {
        dot_git
    } else {
        // A linked worktree or submodule: `.git` is a file `gitdir: <path>`, relative to
        // the work tree when not absolute.
        let text = read_text(&dot_git)?;
        let target = text.lines().next()?.strip_prefix("gitdir:")?.trim();
        work_tree.join(target)
    };
    // A linked worktree's own git dir keeps the shared config in its `commondir`.
    let common = match read_text(&git_dir.join("commondir")) {
        Some(text) => git_dir.join(text.lines().next()?.trim()),
        None => git_dir,
    };
    parse_remote_url(&origin_url(&read_text(&common.join("config"))?)?)
}

fn read_text(path: &Path) -> Option<String> {
    fs::read(path)
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// The first `url` of `[remote "origin"]` (or the legacy `[remote.origin]`) in git-config
/// text. Section and key names are case-insensitive, the subsection name is not.
fn origin_url(config: &str) -> Option<String> {
    let mut in_origin = false;
    for line in config.lines() {
        let mut line = line.trim();
        if line.starts_with('[') {
            let (is_origin, rest) = section_header(line)?;
            in_origin = is_origin;
            // git allows a key on the header's line: `[remote "origin"] url = ...`.
            line = rest.trim();
        }
        if !in_origin || line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some((key, value)) = line.split_once('=') {
            if key.trim().eq_ignore_ascii_case("url") {
                return config_value(value).filter(|url| !url.is_empty());
            }
        }
    }
    None
}

/// Whether a header line (starting with `[`) opens the origin remote, and the text after `]`.
fn section_header(line: &str) -> Option<(bool, &str)> {
    let inner = &line[1..];
    let Some(quote) = inner.find('"') else {
        let end = inner.find(']')?;
        return Some((
            inner[..end].trim().eq_ignore_ascii_case("remote.origin"),
            &inner[end + 1..],
        ));
    };
    let mut subsection = String::new();
    let mut chars = inner[quote + 1..].char_indices();
    let close = loop {
        match chars.next()? {
            (i, '"') => break quote + 1 + i + 1,
            (_, '\\') => subsection.push(chars.next()?.1),
            (_, c) => subsection.push(c),
        }
    };
    let rest = inner[close..].trim_start().strip_prefix(']')?;
    let name = inner[..quote].trim();
    Some((
        name.eq_ignore_ascii_case("remote") && subsection == "origin",
        rest,
    ))
}

/// A git-config value: quotes removed, escapes read, comment and trailing blanks dropped.
/// `None` for an unclosed quote, an unknown escape or a line continuation.
fn config_value(raw: &str) -> Option<String> {
    let mut out = String::new();
    let mut quoted = false;
    // Blanks outside quotes at the end are not part of the value.
    let mut kept = 0;
    let mut chars = raw.trim_start().chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => out.push(match chars.next()? {
                'n' => '\n',
                't' => '\t',
                'b' => '\u{8}',
                c @ ('\\' | '"') => c,
                _ => return None,
            }),
            '#' | ';' if !quoted => break,
            c => out.push(c),
        }
        if quoted || !c.is_whitespace() {
            kept = out.len();
        }
    }
    out.truncate(kept);
    (!quoted).then_some(out)
}

/// The repository a remote URL names: `git@host:owner/repo.git`, `ssh://git@host:2222/…`,
/// `git://host/…`, `http(s)://[user[:token]@]host/…`. `None` for local paths, `file://`,
/// other schemes, and paths of fewer than two segments (exactly two on github.com).
pub fn parse_remote_url(url: &str) -> Option<Remote> {
    const SCHEMES: [&str; 6] = ["https", "http", "ssh", "git", "git+ssh", "ssh+git"];
    let url = url.trim();
    let (authority, path) = match url.split_once("://") {
        Some((scheme, rest)) => {
            SCHEMES.iter().find(|s| s.eq_ignore_ascii_case(scheme))?;
            rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()))
        }
        None => {
            // scp-like `[user@]host:path`: git reads a URL so only when no slash comes
            // before the first colon; anything else is a local path.
            let (host, path) = url.split_once(':')?;
            if host.contains('/') {
                return None;
            }
            (host, path)
        }
    };
    let host = strip_www(host_of(authority)).to_ascii_lowercase();
    // A one-letter host is a Windows drive (`C:\repo`), not a server.
    let host_chars = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    if host.len() < 2 || !host.chars().all(host_chars) {
        return None;
    }
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_matches('/');
    let path = path
        .strip_suffix(".git")
        .unwrap_or(path)
        .trim_end_matches('/');
    let segments = path.split('/').count();
    // `-` starts GitLab's pages of a project (`/-/tree/main`), never a namespace.
    let odd = |s: &str| matches!(s, "" | "." | ".." | "-") || s.contains(char::is_whitespace);
    if segments < 2 || (host == "github.com" && segments != 2) || path.split('/').any(odd) {
        return None;
    }
    Some(Remote {
        host,
        path: path.to_string(),
    })
}

/// The config key `repository`: `owner/repo` (on github.com), `host/namespace/repo`, or any
/// remote URL form that `parse_remote_url` reads.
pub fn parse_repository_setting(text: &str) -> Option<Remote> {
    let text = text.trim();
    if text.contains(':') {
        return parse_remote_url(text);
    }
    let text = text.trim_start_matches('/');
    // GitHub owner names have no dots, so a dot in the first segment makes it a host.
    match text.split('/').next()?.contains('.') {
        true => parse_remote_url(&format!("https://{text}")),
        false => parse_remote_url(&format!("https://github.com/{text}")),
    }
}

/// The host of a URL authority: user info and port removed.
fn host_of(authority: &str) -> &str {
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    host.split_once(':').map_or(host, |(host, _)| host)
}

fn strip_www(host: &str) -> &str {
    match host.get(..4) {
        Some(www) if www.eq_ignore_ascii_case("www.") => &host[4..],
        _ => host,
    }
}

/// The next `/`-separated segment of `path`, which moves past it.
fn next_segment<'a>(path: &mut &'a str) -> Option<&'a str> {
    if path.is_empty() {
        return None;
    }
    let (segment, rest) = path.split_once('/').unwrap_or((path, ""));
    *path = rest;
    Some(segment)
}

impl Remote {
    /// `url` as a root-relative destination (`/path/in/repo.md?query#fragment`: path, query
    /// and fragment as written, nothing decoded) when it is an `http(s)` URL that shows a
    /// file or folder of this repository's working tree:
    /// - on the remote's host, GitHub's `/OWNER/REPO/{blob,tree,raw}/REF/path` and GitLab's
    ///   `/NS/REPO/-/{blob,tree,raw}/REF/path` (either shape, as the host may be a GitHub
    ///   Enterprise or a self-hosted GitLab); `tree/REF` alone is the root, `/`;
    /// - `raw.githubusercontent.com/OWNER/REPO/REF/path` for github.com, and
    ///   `raw.HOST/OWNER/REPO/REF/path` for a GitHub Enterprise HOST.
    ///
    /// Host and namespace compare case-insensitively, `www.` and a `.git` on the repository
    /// name are ignored. REF is one segment, or `refs/heads/X` / `refs/tags/X`: a branch
    /// named with a `/` (`release/2.0`) is read as its first segment, a known limit since
    /// the URL alone cannot tell branch from path. `None` for anything else: other
    /// repositories, the repository's own page, issues, pulls, wikis, `.`/`..` segments.
    pub fn local_destination(&self, url: &str) -> Option<String> {
        // Called for every external link of a handbook: reject before allocating.
        let scheme = url.get(..4).filter(|s| s.eq_ignore_ascii_case("http"))?;
        let rest = &url[scheme.len()..];
        let rest = rest
            .strip_prefix(['s', 'S'])
            .unwrap_or(rest)
            .strip_prefix("://")?;
        let (authority, rest) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
        let host = strip_www(host_of(authority));
        let (path, suffix) = rest.split_at(rest.find(['?', '#']).unwrap_or(rest.len()));
        let mut path = path.strip_prefix('/')?;
        let own_host = strip_www(&self.host);
        let kind = if host.eq_ignore_ascii_case(own_host) {
            self.skip_namespace(&mut path)?;
            match next_segment(&mut path)? {
                "-" => next_segment(&mut path)?,
                kind => kind,
            }
        } else {
            let is_raw = if own_host.eq_ignore_ascii_case("github.com") {
                host.eq_ignore_ascii_case("raw.githubusercontent.com")
            } else {
                let raw = host.get(..4).filter(|p| p.eq_ignore_ascii_case("raw."));
                raw.is_some_and(|_| host[4..].eq_ignore_ascii_case(own_host))
            };
            if !is_raw {
                return None;
            }
            self.skip_namespace(&mut path)?;
            "raw"
        };
        if !matches!(kind, "blob" | "tree" | "raw") {
            return None;
        }
        if next_segment(&mut path)? == "refs" {
            matches!(next_segment(&mut path)?, "heads" | "tags").then_some(())?;
            next_segment(&mut path)?;
        }
        // An empty segment would turn `/{path}` into a protocol-relative `//host` URL.
        let odd = |s: &str| s == "." || s == ".." || s.is_empty();
        let trimmed = path.strip_suffix('/').unwrap_or(path);
        if (path.is_empty() && kind != "tree") || (!path.is_empty() && trimmed.split('/').any(odd))
        {
            return None;
        }
        Some(format!("/{path}{suffix}"))
    }

    /// Moves `path` past this repository's namespace and name, or `None` when it names another.
    fn skip_namespace(&self, path: &mut &str) -> Option<()> {
        let (namespace, name) = self.path.rsplit_once('/')?;
        for want in namespace.split('/') {
            next_segment(path)?
                .eq_ignore_ascii_case(want)
                .then_some(())?;
        }
        let got = next_segment(path)?;
        let got = got.strip_suffix(".git").unwrap_or(got);
        got.eq_ignore_ascii_case(name).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remote(host: &str, path: &str) -> Option<Remote> {
        Some(Remote {
            host: host.to_string(),
            path: path.to_string(),
        })
    }

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn work_tree_is_the_nearest_folder_with_git() {
        let dir = tempfile::tempdir().unwrap();
        let (top, deep) = (dir.path().join("top"), dir.path().join("top/a/b"));
        fs::create_dir_all(&deep).unwrap();
        // No `.git` in the temporary folder (whatever lies above it).
        assert!(work_tree_of(&deep).is_none_or(|w| !w.starts_with(dir.path())));
        fs::create_dir(top.join(".git")).unwrap();
        assert_eq!(work_tree_of(&deep), Some(top.clone()));
        assert_eq!(work_tree_of(&top), Some(top.clone()));
        // A worktree or submodule has a `.git` file, and it is the nearer one.
        write(&top.join("a/.git"), "gitdir: elsewhere\n");
        assert_eq!(work_tree_of(&deep), Some(top.join("a")));
    }

    #[test]
    fn origin_is_read_from_the_git_folder_a_gitdir_file_or_its_commondir() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("main");
        assert_eq!(origin_of(&main), None);
        write(&main.join(".git/config"), "[core]\n\tbare = false\n");
        assert_eq!(origin_of(&main), None);
        let config = "[remote \"origin\"]\n\turl = git@github.com:Owner/Repo.git\n";
        write(&main.join(".git/config"), config);
        assert_eq!(origin_of(&main), remote("github.com", "Owner/Repo"));
        // A linked worktree: relative gitdir, whose commondir holds the config.
        let linked = dir.path().join("linked");
        write(
            &linked.join(".git"),
            "gitdir: ../main/.git/worktrees/linked\n",
        );
        write(&main.join(".git/worktrees/linked/commondir"), "../..\n");
        assert_eq!(origin_of(&linked), remote("github.com", "Owner/Repo"));
        // A submodule: absolute gitdir with its own config.
        let (sub, modules) = (dir.path().join("sub"), dir.path().join("modules/sub"));
        write(
            &sub.join(".git"),
            &format!("gitdir: {}\n", modules.display()),
        );
        write(
            &modules.join("config"),
            "[remote \"origin\"]\nurl = https://gitlab.com/g/s/r\n",
        );
        assert_eq!(origin_of(&sub), remote("gitlab.com", "g/s/r"));
        for odd in ["", "gitdir:", "not a gitdir line", "gitdir: ../nowhere"] {
            write(&sub.join(".git"), odd);
            assert_eq!(origin_of(&sub), None, "{odd:?}");
        }
    }

    #[test]
    fn origin_url_reads_git_config_syntax() {
        let cases = [
            ("[remote \"origin\"]\n  url = x/y\n", Some("x/y")),
            ("[Remote \"origin\"]\n  URL=x/y # note\n", Some("x/y")),
            (
                "; c\n# c\n[remote.origin]\nfetch = +r\nurl = \"x/y\" ; c\n",
                Some("x/y"),
            ),
            ("[remote \"origin\"] url = x/y\n", Some("x/y")),
            (
                "[remote \"up\"]\nurl = a\n[remote \"origin\"]\nurl = x\nurl = c\n",
                Some("x"),
            ),
            (
                "[remote \"x\\\"y\"]\n[remote \"origin\"]\nurl = \"a \\\"b\\\\\"",
                Some("a \"b\\"),
            ),
            ("[remote \"Origin\"]\nurl = a/b\n", None),
            ("[remote \"upstream\"]\nurl = a/b\n", None),
            ("[remote \"origin\"]\npushurl = a/b\n", None),
            ("[remote \"origin\"]\nurl = \"a/b\n", None),
            ("[remote \"origin\"]\nurl = a\\\n/b\n", None),
            ("[remote \"origin\"]\nurl =\n", None),
            ("[remote \"origin\"\nurl = a/b\n", None),
            ("url = a/b\n", None),
        ];
        for (config, want) in cases {
            assert_eq!(origin_url(config).as_deref(), want, "{config:?}");
        }
    }

    /// Checks `parse` on cases written `input -> host/path`, or `input` alone for `None`.
    fn check_parse(parse: fn(&str) -> Option<Remote>, cases: &[&str]) {
        for case in cases {
            let (input, want) = case
                .split_once(" -> ")
                .map_or((*case, None), |(i, w)| (i, Some(w)));
            let want = want
                .and_then(|w| w.split_once('/'))
                .and_then(|(h, p)| remote(h, p));
            assert_eq!(parse(input), want, "{input:?}");
        }
    }

    #[test]
    fn remote_urls() {
        check_parse(
            parse_remote_url,
            &[
                "git@github.com:owner/repo.git -> github.com/owner/repo",
                "git@GitHub.com:/owner/repo -> github.com/owner/repo",
                "https://github.com/owner/repo -> github.com/owner/repo",
                "https://github.com/owner/repo.git/ -> github.com/owner/repo",
                "https://www.github.com/owner/repo/ -> github.com/owner/repo",
                "https://user:token@github.com/owner/repo -> github.com/owner/repo",
                "http://github.com/owner/repo -> github.com/owner/repo",
                "ssh://git@gitlab.com:2222/g/s/repo.git -> gitlab.com/g/s/repo",
                "git://gitlab.com/g/s/repo -> gitlab.com/g/s/repo",
                "git+ssh://gitlab.com/g/s/repo -> gitlab.com/g/s/repo",
                "https://ghe.example.com:8443/owner/repo -> ghe.example.com/owner/repo",
                "https://github.com/owner/repo/tree/main",
                "https://gitlab.com/group/repo/-/tree/main",
                "https://github.com/owner",
                "https://github.com",
                "https://github.com/owner//repo",
                "https://git hub.com/owner/repo",
                "file:///srv/owner/repo.git",
                "ftp://host/owner/repo",
                "/srv/owner/repo.git",
                "../owner/repo",
                "C:\\src\\owner\\repo",
                "C:/src/owner/repo",
                "mailto:someone@example.com",
                "",
            ],
        );
    }

    #[test]
    fn repository_settings() {
        check_parse(
            parse_repository_setting,
            &[
                "owner/repo -> github.com/owner/repo",
                " owner/repo.git  -> github.com/owner/repo",
                "github.com/owner/repo -> github.com/owner/repo",
                "git@github.com:owner/repo.git -> github.com/owner/repo",
                "https://gitlab.com/group/sub/repo -> gitlab.com/group/sub/repo",
                "gitlab.example.com/group/repo -> gitlab.example.com/group/repo",
                "owner",
                "owner/sub/repo",
                "github.com/owner",
                "",
            ],
        );
    }

    /// Checks cases written `url -> destination`, or `url` alone for `None`.
    fn check_local(host: &str, path: &str, cases: &[&str]) {
        let remote = remote(host, path).unwrap();
        for case in cases {
            let (url, want) = case
                .split_once(" -> ")
                .map_or((*case, None), |(u, w)| (u, Some(w)));
            assert_eq!(remote.local_destination(url).as_deref(), want, "{url:?}");
        }
    }

    #[test]
    fn local_destinations_on_github() {
        check_local(
            "github.com",
            "owner/repo",
            &[
                "https://github.com/owner/repo/blob/main/docs/a.md -> /docs/a.md",
                "HTTPS://WWW.GitHub.com/Owner/Repo.git/blob/v1/a.md?plain=1#L2 -> /a.md?plain=1#L2",
                "http://github.com/owner/repo/tree/main/docs/ -> /docs/",
                "https://github.com/owner/repo/tree/main -> /",
                "https://github.com/owner/repo/tree/main#readme -> /#readme",
                "https://github.com/owner/repo/raw/main/My%20Page.md -> /My%20Page.md",
                "https://github.com/owner/repo/blob/refs/heads/main/a.md -> /a.md",
                "https://raw.githubusercontent.com/owner/repo/main/a/b.md -> /a/b.md",
                "https://raw.githubusercontent.com/owner/repo/refs/tags/v1/a.md -> /a.md",
                // A branch named with a slash is read as its first segment (a known limit).
                "https://github.com/owner/repo/blob/release/2.0/a.md -> /2.0/a.md",
                "https://github.com/owner/repo",
                "https://github.com/owner/repo/",
                "https://github.com/owner/repo/issues/1",
                "https://github.com/owner/repo/pulls",
                "https://github.com/owner/repo/wiki/Home",
                "https://github.com/owner/repo/edit/main/a.md",
                "https://github.com/owner/repo/blob/main",
                "https://github.com/owner/repo/blob/main/",
                "https://github.com/owner/repo/blob/main/../x.md",
                "https://github.com/owner/repo/blob/main//x.md",
                "https://github.com/owner/repo/tree/main//",
                "https://github.com/owner/repo/blob/refs/pull/1/a.md",
                "https://github.com/other/repo/blob/main/a.md",
                "https://github.com/owner/repo2/blob/main/a.md",
                "https://gitlab.com/owner/repo/-/blob/main/a.md",
                "https://raw.github.com/owner/repo/main/a.md",
                "https://raw.githubusercontent.com/other/repo/main/a.md",
                "ftp://github.com/owner/repo/blob/main/a.md",
                "mailto:owner@github.com",
                "docs/a.md",
                "/owner/repo/blob/main/a.md",
                "http",
                "héllo",
            ],
        );
    }

    #[test]
    fn local_destinations_on_self_hosted_gitlab_and_github_enterprise() {
        check_local(
            "gitlab.example.com",
            "group/sub/repo",
            &[
                "https://gitlab.example.com/group/sub/repo/-/blob/main/a.md#x -> /a.md#x",
                "https://gitlab.example.com/group/sub/repo/-/tree/main/docs -> /docs",
                "https://gitlab.example.com/group/sub/repo/-/raw/main/a.md -> /a.md",
                "https://gitlab.example.com/group/repo/-/blob/main/a.md",
                "https://gitlab.example.com/group/sub/repo/-/issues/3",
                "https://raw.githubusercontent.com/group/sub/repo/main/a.md",
            ],
        );
        check_local(
            "ghe.example.com",
            "owner/repo",
            &[
                "https://ghe.example.com/owner/repo/blob/main/a.md -> /a.md",
                "https://raw.ghe.example.com/owner/repo/main/a.md -> /a.md",
                "https://github.com/owner/repo/blob/main/a.md",
            ],
        );
    }
}
