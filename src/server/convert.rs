//! Between roles-lint's units and the protocol's: file paths and URIs, byte offsets and
//! LSP positions in the negotiated encoding, findings and LSP diagnostics.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{
    CodeDescription, DiagnosticSeverity, NumberOrString, Position, PositionEncodingKind, Range,
    TextEdit, Uri,
};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::source::Source;

/// How the client counts columns. roles-lint counts code points; LSP defaults to UTF-16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The first encoding the client offers that we support, else UTF-16, which every
    /// client must support (LSP 3.17).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        for kind in offered.unwrap_or_default() {
            match kind.as_str() {
                "utf-8" => return Encoding::Utf8,
                "utf-16" => return Encoding::Utf16,
                "utf-32" => return Encoding::Utf32,
                _ => {}
            }
        }
        Encoding::Utf16
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Characters escaped in a file URI path: what RFC 3986 does not allow in a segment.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The `file://` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    Uri::from_str(&format!("file://{}", utf8_percent_encode(&text, PATH))).ok()
}

/// The file path of a `file:` URI; `None` for any other scheme.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path` names another machine; only the local host is ours.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

/// The LSP position of byte `offset` of `source` (clamped, after any BOM).
pub fn position(source: &Source, offset: usize, encoding: Encoding) -> Position {
    let offset = source.floor_char_boundary(offset).max(source.body_start());
    let line = source.line_of(offset);
    let start = source.line_start(line);
    let character: usize = source.text()[start..offset]
        .chars()
        .map(|c| encoding.units(c))
        .sum();
    Position::new(to_u32(line - 1), to_u32(character))
}

/// The byte offset of an LSP position, clamped to its line (a position past the end of a
/// line means its end, as the protocol says) and to the text.
pub fn offset(source: &Source, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize + 1;
    if line > source.line_count() {
        return source.text().len();
    }
    let range = source.line_range(line);
    let mut units = 0;
    for (index, c) in source.text()[range.clone()].char_indices() {
        if units >= position.character as usize {
            return range.start + index;
        }
        units += encoding.units(c);
    }
    range.end
}

pub fn range(source: &Source, bytes: &std::ops::Range<usize>, encoding: Encoding) -> Range {
    Range::new(
        position(source, bytes.start, encoding),
        position(source, bytes.end.max(bytes.start), encoding),
    )
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The LSP diagnostic of a finding. `source` is `None` for a page that could not be read:
/// the finding then sits at the start.
pub fn diagnostic(
    finding: &Diagnostic,
    source: Option<&Source>,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let range = source.map_or_else(Range::default, |s| range(s, &finding.range, encoding));
    let href = crate::rules::known(finding.rule)
        .and_then(|meta| Uri::from_str(&crate::output::catalogue::help_uri(meta)).ok());
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        // Editors show only the message; the cure belongs beside it.
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("roles-lint".to_string()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

pub fn text_edit(source: &Source, edit: &Edit, encoding: Encoding) -> TextEdit {
    TextEdit {
        range: range(source, &edit.range, encoding),
        new_text: edit.replacement.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_negotiated_encoding() {
        // "é" is 2 UTF-8 bytes, 1 UTF-16 unit; "𝄞" is 4 bytes, 2 UTF-16 units.
        let source = Source::new("\u{feff}a\né𝄞x\n".to_string());
        let x = source.text().find('x').unwrap();
        assert_eq!(position(&source, x, Encoding::Utf8), Position::new(1, 6));
        assert_eq!(position(&source, x, Encoding::Utf16), Position::new(1, 3));
        assert_eq!(position(&source, x, Encoding::Utf32), Position::new(1, 2));
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(offset(&source, position(&source, x, encoding), encoding), x);
        }
        // Line 0 starts after the BOM.
        assert_eq!(position(&source, 0, Encoding::Utf16), Position::new(0, 0));
        assert_eq!(offset(&source, Position::new(0, 0), Encoding::Utf16), 3);
        // Past the end of a line, or of the text: clamped.
        assert_eq!(offset(&source, Position::new(0, 99), Encoding::Utf16), 4);
        assert_eq!(
            offset(&source, Position::new(9, 0), Encoding::Utf16),
            source.text().len()
        );
    }

    #[test]
    fn negotiation_prefers_the_clients_first_supported_choice() {
        let offered = [
            PositionEncodingKind::new("utf-7"),
            PositionEncodingKind::UTF8,
        ];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }

    #[test]
    fn file_uris_round_trip_with_escapes() {
        let path = Path::new("/tmp/a b/Ré#1.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/R%C3%A9%231.md");
        assert_eq!(path_of(&uri).unwrap(), path);
    }
}
