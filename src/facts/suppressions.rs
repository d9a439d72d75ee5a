//! Suppression comments: `<!-- roles-lint-disable-next-line RULE, RULE -->` and kin.
//!
//! Only real HTML comments count (HTML nodes of the tree), so a directive shown in a code
//! block or a code span is an example, not a directive. The facts keep what was written;
//! whether a rule id exists is decided when the directives are applied (`suppress`).

use std::ops::Range;

/// The prefix of every directive.
pub const PREFIX: &str = "roles-lint-";

/// One `<!-- roles-lint-... -->` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The rule ids it names, each with its range, in the order written; empty means
    /// every rule.
    pub rules: Vec<(Box<str>, Range<usize>)>,
    /// The whole comment, `<!--` to `-->`.
    pub range: Range<usize>,
    /// The directive's name after `roles-lint-` (such as `disable`).
    pub name_range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `roles-lint-disable-next-line`: findings that start on the line after the comment.
    DisableNextLine,
    /// `roles-lint-disable`: findings that start after the comment, up to a matching
    /// `roles-lint-enable`.
    Disable,
    /// `roles-lint-enable`: ends a `roles-lint-disable`.
    Enable,
    /// `roles-lint-disable-file`: findings anywhere in the page.
    DisableFile,
    /// `roles-lint-` followed by anything else: reported, never applied.
    Unknown,
}

impl DirectiveKind {
    fn from_name(name: &str) -> Self {
        match name {
            "disable-next-line" => DirectiveKind::DisableNextLine,
            "disable" => DirectiveKind::Disable,
            "enable" => DirectiveKind::Enable,
            "disable-file" => DirectiveKind::DisableFile,
            _ => DirectiveKind::Unknown,
        }
    }
}

/// Adds the directives among the comments of an HTML fragment; `base` is the fragment's
/// offset in the page.
pub(super) fn add_directives(html: &str, base: usize, out: &mut Vec<Directive>) {
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--").map(|i| from + i) {
        let body_start = open + "<!--".len();
        let Some(close) = html[body_start..].find("-->").map(|i| body_start + i) else {
            return;
        };
        if let Some(directive) = directive_of(html, body_start..close, base) {
            out.push(Directive {
                range: base + open..base + close + "-->".len(),
                ..directive
            });
        }
        from = close + "-->".len();
    }
}

/// The directive in a comment body, if the body is one.
fn directive_of(html: &str, body: Range<usize>, base: usize) -> Option<Directive> {
    let text = &html[body.clone()];
    let leading = text.len() - text.trim_start().len();
    let start = body.start + leading;
    let rest = html[start..body.end].strip_prefix(PREFIX)?;
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    let name_start = start + PREFIX.len();
    let name = &html[name_start..name_start + name_len];
    // `-- reason` ends the list of ids, as in ESLint.
    let list_start = name_start + name_len;
    let list = &html[list_start..body.end];
    let list = list.split(" --").next().unwrap_or(list);
    let mut rules = Vec::new();
    let mut offset = list_start;
    for token in list.split(|c: char| c == ',' || c.is_whitespace()) {
        if !token.is_empty() {
            rules.push((token.into(), base + offset..base + offset + token.len()));
        }
        offset += token.len() + 1;
    }
    Some(Directive {
        kind: DirectiveKind::from_name(name),
        rules,
        range: 0..0,
        name_range: base + name_start..base + name_start + name_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directives(html: &str) -> Vec<Directive> {
        let mut out = Vec::new();
        add_directives(html, 10, &mut out);
        out
    }

    fn ids(d: &Directive) -> Vec<&str> {
        d.rules.iter().map(|(id, _)| &**id).collect()
    }

    #[test]
    fn kinds_and_rule_lists() {
        let html = "<!-- roles-lint-disable-next-line broken-link, orphan-page -->";
        let found = directives(html);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, DirectiveKind::DisableNextLine);
        assert_eq!(ids(&found[0]), ["broken-link", "orphan-page"]);
        assert_eq!(found[0].range, 10..10 + html.len());
        let (_, range) = &found[0].rules[1];
        assert_eq!(&html[range.start - 10..range.end - 10], "orphan-page");

        let found = directives("<!--roles-lint-disable-->");
        assert_eq!(found[0].kind, DirectiveKind::Disable);
        assert!(found[0].rules.is_empty(), "no id means every rule");
        let found = directives("<!-- roles-lint-enable broken-link -->");
        assert_eq!(found[0].kind, DirectiveKind::Enable);
        let found = directives("<!-- roles-lint-disable-file orphan-page -->");
        assert_eq!(found[0].kind, DirectiveKind::DisableFile);
    }

    #[test]
    fn unknown_directives_reasons_and_other_comments() {
        let html = "<!-- roles-lint-disable-nextline a -->";
        let found = directives(html);
        assert_eq!(found[0].kind, DirectiveKind::Unknown);
        let name = found[0].name_range.clone();
        assert_eq!(&html[name.start - 10..name.end - 10], "disable-nextline");

        let found = directives("<!-- roles-lint-disable broken-link -- the page comes later -->");
        assert_eq!(ids(&found[0]), ["broken-link"]);
        assert!(directives("<!-- a note --> <!-- lint-disable x -->").is_empty());
        let found = directives("<!-- x --><br><!-- roles-lint-enable -->");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range, 10 + 14..10 + 40);
    }

    #[test]
    fn multi_line_comments_and_unclosed_ones() {
        let found = directives("<!--\n  roles-lint-disable\n  broken-link\n  orphan-page\n-->");
        assert_eq!(ids(&found[0]), ["broken-link", "orphan-page"]);
        assert!(directives("<!-- roles-lint-disable").is_empty());
    }
}
