//! Notifications: what the client tells us (buffers opened, changed, saved, closed; files
//! changed on disk) and what we send it (diagnostics, progress, log messages).

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::notification::Notification as _;
use lsp_types::{
    notification, ClientCapabilities, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWorkspaceFoldersParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, FileEvent, FileSystemWatcher, GlobPattern, LogMessageParams,
    MessageType, ProgressParams, ProgressParamsValue, PublishDiagnosticsParams, WorkDoneProgress,
    WorkDoneProgressBegin, WorkDoneProgressEnd,
};

use super::state::{Doc, State};
use super::workspace::Workspace;
use crate::config::CONFIG_FILE;

const PROGRESS_TOKEN: &str = "roles-lint/index";

pub struct Client<'a> {
    connection: &'a Connection,
    progress: bool,
    watch: bool,
}

impl<'a> Client<'a> {
    pub fn new(connection: &'a Connection, capabilities: &ClientCapabilities) -> Self {
        let window = capabilities.window.as_ref();
        let watch = capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        Client {
            connection,
            progress: window.and_then(|w| w.work_done_progress).unwrap_or(false),
            watch,
        }
    }

    pub fn send(&self, message: Message) {
        // The client has gone when this fails; the loop ends on the closed channel.
        let _ = self.connection.sender.send(message);
    }

    fn notify<N: notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )));
    }

    pub fn publish(&self, publications: Vec<PublishDiagnosticsParams>) {
        for params in publications {
            self.notify::<notification::PublishDiagnostics>(params);
        }
    }

    pub fn log(&self, message: &str) {
        self.notify::<notification::LogMessage>(LogMessageParams {
            typ: MessageType::WARNING,
            message: message.to_string(),
        });
    }

    /// Asks to hear of pages and configuration files changed outside the editor (a `git
    /// checkout`, a page created by another tool).
    pub fn watch_files(&self) {
        if !self.watch {
            return;
        }
        let watchers = ["**/*.md", "**/*.markdown", &format!("**/{CONFIG_FILE}")]
            .iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.to_string()),
                kind: None,
            })
            .collect();
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp_types::Registration {
            id: "roles-lint/watch".to_string(),
            method: notification::DidChangeWatchedFiles::METHOD.to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.send(Message::Request(Request::new(
            RequestId::from("roles-lint/register".to_string()),
            "client/registerCapability".to_string(),
            lsp_types::RegistrationParams {
                registrations: vec![registration],
            },
        )));
    }

    /// Begins work-done progress. The token is used only once the client has accepted
    /// it, as the protocol asks: messages that arrive meanwhile go to `early`, for the
    /// main loop to handle first. A client that does not answer within a few seconds
    /// gets no progress.
    pub fn progress_begin(&mut self, title: &str, early: &mut Vec<Message>) {
        if !self.progress {
            return;
        }
        let token = lsp_types::NumberOrString::String(PROGRESS_TOKEN.to_string());
        let id = RequestId::from("roles-lint/progress".to_string());
        self.send(Message::Request(Request::new(
            id.clone(),
            "window/workDoneProgress/create".to_string(),
            lsp_types::WorkDoneProgressCreateParams {
                token: token.clone(),
            },
        )));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        self.progress = loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.connection.receiver.recv_timeout(left) {
                Ok(Message::Response(response)) if response.id == id => {
                    break response.response_result.is_ok();
                }
                Ok(message) => early.push(message),
                Err(_) => break false,
            }
        };
        if !self.progress {
            return;
        }
        self.notify::<notification::Progress>(ProgressParams {
            token,
            value: ProgressParamsValue::WorkDone(WorkDoneProgress::Begin(WorkDoneProgressBegin {
                title: title.to_string(),
                ..WorkDoneProgressBegin::default()
            })),
        });
    }

    pub fn progress_end(&self) {
        if !self.progress {
            return;
        }
        self.notify::<notification::Progress>(ProgressParams {
            token: lsp_types::NumberOrString::String(PROGRESS_TOKEN.to_string()),
            value: ProgressParamsValue::WorkDone(WorkDoneProgress::End(WorkDoneProgressEnd {
                message: None,
            })),
        });
    }
}

/// The handbook of the file at `uri` and the file's root-relative path in it.
fn page_of<'w>(
    client: &Client,
    workspace: &'w mut Workspace,
    uri: &lsp_types::Uri,
) -> Option<(&'w mut State, String)> {
    let state = workspace.state_for(client, uri)?;
    let path = state.relative(uri)?;
    Some((state, path))
}

/// An open buffer's new text: kept as the editor's version and queued for the re-lint.
fn buffer_changed(state: &mut State, path: String, version: i32, text: String) -> bool {
    state.docs.insert(
        path.clone(),
        Doc {
            version,
            text: text.clone(),
        },
    );
    state.edit(path, text);
    state.has_pending()
}

/// Handles one notification; true when a page's text changed (a re-lint is due after the
/// debounce). Each goes to the handbook of its file. Malformed parameters are ignored: a
/// notification has no answer to carry an error.
pub fn handle(client: &Client, workspace: &mut Workspace, notification: Notification) -> bool {
    use notification::{
        DidChangeTextDocument, DidChangeWatchedFiles, DidChangeWorkspaceFolders,
        DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    };
    let method = notification.method.as_str();
    let params = notification.params;
    match method {
        DidOpenTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params) else {
                return false;
            };
            let Some((state, path)) = page_of(client, workspace, &p.text_document.uri) else {
                return false;
            };
            buffer_changed(state, path, p.text_document.version, p.text_document.text)
        }
        DidChangeTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params) else {
                return false;
            };
            let Some((state, path)) = page_of(client, workspace, &p.text_document.uri) else {
                return false;
            };
            // Full synchronisation: the last change holds the whole text.
            let Some(change) = p.content_changes.into_iter().last() else {
                return false;
            };
            buffer_changed(state, path, p.text_document.version, change.text)
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params) else {
                return false;
            };
            let Some((state, path)) = page_of(client, workspace, &p.text_document.uri) else {
                return false;
            };
            state.docs.remove(&path);
            // The page is what is on disk again; an unsaved new page is gone.
            match std::fs::read_to_string(state.root.join(&path)) {
                Ok(text) => state.edit(path, text),
                Err(_) => reload(client, state),
            }
            state.has_pending()
        }
        DidSaveTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(params) else {
                return false;
            };
            if is_config(&p.text_document.uri) {
                if let Some(state) = workspace.state_for(client, &p.text_document.uri) {
                    reload(client, state);
                }
            }
            false
        }
        DidChangeWatchedFiles::METHOD => {
            let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(params) else {
                return false;
            };
            // A configuration change, or a page created or deleted: the handbooks
            // around it are read again, each once.
            let mut roots = std::collections::BTreeSet::new();
            for change in &p.changes {
                if is_config(&change.uri) {
                    workspace.config_changed(client, &change.uri);
                }
                if is_config(&change.uri) || change.typ != lsp_types::FileChangeType::CHANGED {
                    roots.extend(workspace.roots_around(&change.uri));
                }
            }
            for root in &roots {
                if let Some(state) = workspace.get_mut(root) {
                    reload(client, state);
                }
            }
            for change in &p.changes {
                changed_on_disk(client, workspace, change);
            }
            workspace.has_pending()
        }
        DidChangeWorkspaceFolders::METHOD => {
            let Ok(p) = serde_json::from_value::<DidChangeWorkspaceFoldersParams>(params) else {
                return false;
            };
            for folder in p.event.removed {
                if let Some(path) = super::convert::path_of(&folder.uri) {
                    workspace.remove_folder(&path);
                }
            }
            for folder in p.event.added {
                if let Some(path) = super::convert::path_of(&folder.uri) {
                    workspace.add_folder(client, &path);
                }
            }
            client.publish(workspace.publications());
            false
        }
        "workspace/didRenameFiles" => {
            let Ok(p) = serde_json::from_value::<lsp_types::RenameFilesParams>(params) else {
                return false;
            };
            for file in p.files {
                let (Ok(old), Ok(new)) = (
                    file.old_uri.parse::<lsp_types::Uri>(),
                    file.new_uri.parse::<lsp_types::Uri>(),
                ) else {
                    continue;
                };
                if let Some(state) = workspace.state_for(client, &old) {
                    renamed(client, state, &old, &new);
                }
            }
            false
        }
        _ => false,
    }
}

/// A page changed outside the editor: parsed again, unless its buffer is open (the
/// buffer wins until it is closed).
fn changed_on_disk(client: &Client, workspace: &mut Workspace, change: &FileEvent) {
    if change.typ != lsp_types::FileChangeType::CHANGED || is_config(&change.uri) {
        return;
    }
    let Some(state) = workspace.state_for(client, &change.uri) else {
        return;
    };
    let Some(path) = state.relative(&change.uri) else {
        return;
    };
    if state.docs.contains_key(&path) {
        return;
    }
    if let Ok(text) = std::fs::read_to_string(state.root.join(&path)) {
        state.edit(path, text);
    }
}

/// Open buffers follow their files (a folder's files with it); then the handbook is
/// read again, as pages moved.
fn renamed(client: &Client, state: &mut State, old: &lsp_types::Uri, new: &lsp_types::Uri) {
    if let (Some(old), Some(new)) = (state.relative(old), state.relative(new)) {
        let moved: Vec<String> = state
            .docs
            .keys()
            .filter(|path| {
                **path == old || path.strip_prefix(&old).is_some_and(|r| r.starts_with('/'))
            })
            .cloned()
            .collect();
        for path in moved {
            if let Some(doc) = state.docs.remove(&path) {
                state
                    .docs
                    .insert(format!("{new}{}", &path[old.len()..]), doc);
            }
        }
    }
    reload(client, state);
}

fn is_config(uri: &lsp_types::Uri) -> bool {
    uri.as_str().ends_with(&format!("/{CONFIG_FILE}"))
}

fn reload(client: &Client, state: &mut State) {
    if let Err(error) = state.reload() {
        client.log(&format!(
            "roles-lint cannot lint {}: {error}",
            state.root.display()
        ));
    }
    client.publish(state.publications());
}
