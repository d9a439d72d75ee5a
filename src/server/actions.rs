//! Code actions and hover: the rules' fixes as quick fixes, fix-all, "suppress on this
//! line", and each finding's rule documentation.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Hover, HoverContents,
    HoverParams, MarkupContent, MarkupKind, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::convert;
use super::state::State;
use crate::diagnostic::{Diagnostic, Fix};
use crate::source::Source;

/// The kind of `source.fixAll.roles-lint`: every fix of the page, and nothing else.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.roles-lint")
}

pub fn code_actions(state: &State, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let Some(path) = state.relative(uri) else {
        return Vec::new();
    };
    let Some(source) = state.source(&path) else {
        return Vec::new();
    };
    let wants = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|asked| {
                kind.as_str() == asked.as_str()
                    || kind.as_str().starts_with(&format!("{}.", asked.as_str()))
            })
        })
    };
    let start = convert::offset(source, params.range.start, state.encoding);
    let end = convert::offset(source, params.range.end, state.encoding);
    let mut actions = Vec::new();
    for finding in state.findings(&path) {
        // A cursor touching the finding counts, as editors ask with an empty range.
        if finding.range.start > end || finding.range.end < start {
            continue;
        }
        let diagnostic = convert::diagnostic(finding, Some(source), state.encoding);
        if let (Some(fix), true) = (&finding.fix, wants(&CodeActionKind::QUICKFIX)) {
            actions.push(action(
                &fix.description,
                CodeActionKind::QUICKFIX,
                edit(uri, fix_edits(source, fix, state)),
                Some(diagnostic.clone()),
            ));
        }
        if finding.rule == "role-typo" && wants(&CodeActionKind::QUICKFIX) {
            let word = source.text().get(finding.range.clone()).unwrap_or_default();
            if let Some(edit) = super::ignore_word::edit(state, word).filter(|_| !word.is_empty()) {
                let title = format!("Add `{word}` to [roles] ignore-words");
                actions.push(action(
                    &title,
                    CodeActionKind::QUICKFIX,
                    edit,
                    Some(diagnostic.clone()),
                ));
            }
        }
        if wants(&CodeActionKind::QUICKFIX) {
            let title = format!("Suppress `{}` on this line", finding.rule);
            let insert = suppression(source, finding, state);
            actions.push(action(
                &title,
                CodeActionKind::QUICKFIX,
                edit(uri, vec![insert]),
                Some(diagnostic),
            ));
        }
    }
    if wants(&fix_all_kind()) {
        if let Some(all) = fix_all(source, state.findings(&path), state) {
            actions.push(action(
                "Fix all roles-lint problems",
                fix_all_kind(),
                edit(uri, vec![all]),
                None,
            ));
        }
    }
    actions
}

/// Every fix of the page that does not overlap another, as one edit of the whole text.
/// One pass: fixes that overlapped wait for the next fix-all, as on the command line
/// each `--fix` pass does.
fn fix_all(source: &Source, findings: &[Diagnostic], state: &State) -> Option<TextEdit> {
    let fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
    if fixes.is_empty() {
        return None;
    }
    let (fixed, applied) = crate::fix::apply(source.text(), &fixes);
    if applied == 0 || fixed == source.text() {
        return None;
    }
    // The BOM is not part of the editor's text (line 0 starts after it).
    let body_start = source.body_start();
    let fixed_body = fixed.get(body_start..).unwrap_or(&fixed).to_string();
    Some(TextEdit {
        range: convert::range(source, &(body_start..source.text().len()), state.encoding),
        new_text: fixed_body,
    })
}

fn fix_edits(source: &Source, fix: &Fix, state: &State) -> Vec<TextEdit> {
    fix.edits
        .iter()
        .map(|e| convert::text_edit(source, e, state.encoding))
        .collect()
}

/// `<!-- roles-lint-disable-next-line RULE -->` on a line of its own above the finding's
/// first line, indented as that line is so that it stays inside the same list item.
fn suppression(source: &Source, finding: &Diagnostic, state: &State) -> TextEdit {
    let line = source.line_of(finding.range.start.max(source.body_start()));
    let range = source.line_range(line);
    let text = &source.text()[range.clone()];
    let indent: String = text
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let eol = if source.text().contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let at = convert::position(source, range.start, state.encoding);
    TextEdit {
        range: Range::new(at, at),
        new_text: format!(
            "{indent}<!-- roles-lint-disable-next-line {} -->{eol}",
            finding.rule
        ),
    }
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn action(
    title: &str,
    kind: CodeActionKind,
    edit: WorkspaceEdit,
    diagnostic: Option<lsp_types::Diagnostic>,
) -> CodeActionOrCommand {
    let is_fix = diagnostic.is_some() && kind == CodeActionKind::QUICKFIX;
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.to_string(),
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(edit),
        is_preferred: Some(is_fix && !title.starts_with("Suppress") && !title.starts_with("Add")),
        ..CodeAction::default()
    })
}

/// The documentation of the rules whose findings are under the cursor.
pub fn hover(state: &State, params: &HoverParams) -> Option<Hover> {
    let at = &params.text_document_position_params;
    let path = state.relative(&at.text_document.uri)?;
    let source = state.source(&path)?;
    let offset = convert::offset(source, at.position, state.encoding);
    let mut sections = Vec::new();
    let mut range = None;
    for finding in state.findings(&path) {
        if finding.range.start <= offset && offset <= finding.range.end {
            let meta = crate::rules::known(finding.rule)?;
            sections.push(format!(
                "**{}**: {}\n\n{}",
                finding.rule, finding.message, meta.doc
            ));
            range.get_or_insert(convert::range(source, &finding.range, state.encoding));
        }
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range,
    })
}
