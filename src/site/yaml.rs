//! Just enough YAML for site configurations: the first document as a tree of scalars,
//! sequences and mappings.
//!
//! Built on yaml-rust2's event parser rather than its loader, for three reasons:
//! - custom tags, which fill real `mkdocs.yml` files, are tolerated: a tagged sequence or
//!   mapping (`!ENV [SITE_URL, default]`) reads as an untagged one, a scalar of a custom tag
//!   (`!!python/name:material.extensions.emoji.twemoji`, `!ENV SITE_URL`) as `Unknown`, since
//!   its text is not its value;
//! - an alias stays `Unknown` instead of a copy of its anchor, so a "billion laughs" file
//!   costs no more than its length;
//! - nesting is capped (`MAX_DEPTH`), where the loader recurses once per level and a file of
//!   `[[[[…` would overflow the stack.

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;

/// Deeper nesting than any site configuration has; a file that passes it is not read.
const MAX_DEPTH: usize = 64;

/// A YAML value. Core-schema tags (`!!str`) and the tags of collections are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Yaml {
    /// `plain`: written without quotes or block indicators, so an empty text, `~` or `null`
    /// is null.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Yaml>),
    /// Entries in file order; keys may repeat (the first one counts, see `get`).
    Map(Vec<(Yaml, Yaml)>),
    /// An alias (`*anchor`), or a scalar of a custom tag: what it stands for is not known here.
    Unknown,
}

impl Yaml {
    /// The value of the first entry whose key is the scalar `key`, when `self` is a mapping.
    pub(super) fn get(&self, key: &str) -> Option<&Yaml> {
        self.get_by(|k| k == key)
    }

    /// As `get`, with the key compared ignoring ASCII case (Hugo's keys are case-insensitive).
    pub(super) fn get_ignore_case(&self, key: &str) -> Option<&Yaml> {
        self.get_by(|k| k.eq_ignore_ascii_case(key))
    }

    fn get_by(&self, matches: impl Fn(&str) -> bool) -> Option<&Yaml> {
        let Yaml::Map(entries) = self else {
            return None;
        };
        entries
            .iter()
            .find(|(k, _)| k.as_str().is_some_and(&matches))
            .map(|(_, v)| v)
    }

    /// The text of a scalar that is not null.
    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Scalar { text, .. } if !self.is_null() => Some(text),
            _ => None,
        }
    }

    /// `key:` with nothing after it, `~` or `null`.
    pub(super) fn is_null(&self) -> bool {
        matches!(self, Yaml::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }
}

/// The first document of `text`, or `None` when there is none or it is not valid YAML
/// (or nests deeper than `MAX_DEPTH`). Never panics.
pub(super) fn parse(text: &str) -> Option<Yaml> {
    let mut parser = Parser::new_from_str(text);
    // Open collections, innermost last; a mapping keeps its key until the value comes.
    let mut open: Vec<(Yaml, Option<Yaml>)> = Vec::new();
    loop {
        let (event, _) = parser.next_token().ok()?;
        let node = match event {
            Event::Scalar(_, _, _, Some(tag)) if !is_core(&tag) => Yaml::Unknown,
            Event::Scalar(text, style, _, _) => Yaml::Scalar {
                text,
                plain: style == TScalarStyle::Plain,
            },
            Event::Alias(_) => Yaml::Unknown,
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if open.len() >= MAX_DEPTH {
                    return None;
                }
                let empty = match event {
                    Event::SequenceStart(..) => Yaml::Seq(Vec::new()),
                    _ => Yaml::Map(Vec::new()),
                };
                open.push((empty, None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => open.pop()?.0,
            // The parser must not be asked for more after the end of the stream.
            Event::StreamEnd | Event::DocumentEnd => return None,
            Event::Nothing | Event::StreamStart | Event::DocumentStart => continue,
        };
        let Some((parent, key)) = open.last_mut() else {
            return Some(node);
        };
        match parent {
            Yaml::Seq(items) => items.push(node),
            Yaml::Map(entries) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
            Yaml::Scalar { .. } | Yaml::Unknown => return None,
        }
    }
}

/// `!!str`, `!!int` and the other tags of the YAML core schema, which leave a scalar's text
/// as its value (yaml-rust2 expands the `!!` handle).
fn is_core(tag: &Tag) -> bool {
    tag.handle == "tag:yaml.org,2002:" && tag.suffix.chars().all(|c| c.is_ascii_alphabetic())
}
