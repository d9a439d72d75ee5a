//! "Add `Word` to `[roles] ignore-words`": the code action for a role-typo finding that
//! is a real name, written into `roles-lint.toml` (created when there is none).
//!
//! The file is edited as text, not re-serialised, so its comments and layout stay.

use std::sync::LazyLock;

use lsp_types::{
    CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges,
    OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit,
    TextEdit, WorkspaceEdit,
};
use regex::Regex;

use super::convert;
use super::state::State;
use crate::config::CONFIG_FILE;
use crate::source::Source;

/// `ignore-words = [` (or `roles.ignore-words = [`) at the start of a line.
static LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^[ \t]*(?:roles\.)?(?:ignore-words|"ignore-words")[ \t]*=[ \t]*\["#)
        .expect("a valid pattern")
});
static ROLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*\[[ \t]*roles[ \t]*\][ \t]*\r?$").expect("a valid pattern")
});

/// The edit that adds `word` to the ignore-words of the handbook's configuration.
pub fn edit(state: &State, word: &str) -> Option<WorkspaceEdit> {
    let path = state.root.join(CONFIG_FILE);
    let uri = convert::uri_of(&path)?;
    let quoted = serde_json::to_string(word).ok()?;
    let Ok(text) = std::fs::read_to_string(&path) else {
        let create = DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
            uri: uri.clone(),
            options: Some(CreateFileOptions {
                overwrite: Some(false),
                ignore_if_exists: Some(true),
            }),
            annotation_id: None,
        }));
        let insert = text_edit(
            &uri,
            Position::new(0, 0),
            format!("[roles]\nignore-words = [{quoted}]\n"),
        );
        return Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(vec![create, insert])),
            ..WorkspaceEdit::default()
        });
    };
    let source = Source::new(text);
    let (at, new_text) = insertion(source.text(), &quoted);
    let position = convert::position(&source, at, state.encoding);
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: vec![lsp_types::OneOf::Left(TextEdit {
                range: Range::new(position, position),
                new_text,
            })],
        }])),
        ..WorkspaceEdit::default()
    })
}

fn text_edit(uri: &lsp_types::Uri, at: Position, new_text: String) -> DocumentChangeOperation {
    DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: uri.clone(),
            version: None,
        },
        edits: vec![lsp_types::OneOf::Left(TextEdit {
            range: Range::new(at, at),
            new_text,
        })],
    })
}

/// Where to insert the quoted word in a configuration's text, and what: into the
/// `ignore-words` list, else as a new list under `[roles]`, else in a new `[roles]` table
/// at the end.
fn insertion(text: &str, quoted: &str) -> (usize, String) {
    if let Some(list) = LIST.find(text) {
        let empty = text[list.end()..].trim_start().starts_with(']');
        let separator = if empty { "" } else { ", " };
        (list.end(), format!("{quoted}{separator}"))
    } else if let Some(roles) = ROLES.find(text) {
        let after = text[roles.end()..]
            .find('\n')
            .map_or(text.len(), |i| roles.end() + i + 1);
        let eol = if after == text.len() && !text.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        (after, format!("{eol}ignore-words = [{quoted}]\n"))
    } else {
        let eol = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        (
            text.len(),
            format!("{eol}\n[roles]\nignore-words = [{quoted}]\n"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::insertion;

    fn added(text: &str) -> String {
        let (at, new_text) = insertion(text, "\"Acme\"");
        format!("{}{new_text}{}", &text[..at], &text[at..])
    }

    #[test]
    fn the_word_joins_the_list_or_the_roles_table_or_a_new_one() {
        assert_eq!(
            added("[roles]\nignore-words = [\"X\"]\n"),
            "[roles]\nignore-words = [\"Acme\", \"X\"]\n"
        );
        assert_eq!(
            added("[roles]\nignore-words = []\n"),
            "[roles]\nignore-words = [\"Acme\"]\n"
        );
        assert_eq!(
            added("# c\n[roles]\nextra = [\"Y\"]\n"),
            "# c\n[roles]\nignore-words = [\"Acme\"]\nextra = [\"Y\"]\n"
        );
        assert_eq!(
            added("[rules]\norphan-page = \"off\""),
            "[rules]\norphan-page = \"off\"\n\n[roles]\nignore-words = [\"Acme\"]\n"
        );
        for text in [
            "[roles]\nignore-words = [\"X\"]\n",
            "# c\n[roles]\nextra = [\"Y\"]\n",
            "[rules]\norphan-page = \"off\"",
            "",
        ] {
            let config = crate::config::Config::parse(
                &added(text),
                std::path::Path::new("/h/roles-lint.toml"),
                std::path::Path::new("/h"),
            )
            .expect("the edited configuration parses");
            assert!(config.ignore_words.iter().any(|w| w == "Acme"));
        }
    }
}
