//! Notifications: what the client tells us (buffers opened, changed, saved, closed; files
//! changed on disk) and what we send it (diagnostics, progress, log messages).

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::notification::Notification as _;
use lsp_types::{
    notification, ClientCapabilities, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, LogMessageParams, MessageType, ProgressParams,
    ProgressParamsValue, PublishDiagnosticsParams, WorkDoneProgress, WorkDoneProgressBegin,
    WorkDoneProgressEnd,
};

use super::state::{Doc, State};
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

/// Handles one notification; true when a page's text changed (a re-lint is due after the
/// debounce). Malformed parameters are ignored: a notification has no answer to carry an
/// error.
pub fn handle(client: &Client, state: &mut State, notification: Notification) -> bool {
    use notification::{
        DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
        DidSaveTextDocument,
    };
    let method = notification.method.as_str();
    let params = notification.params;
    match method {
        DidOpenTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params) else {
                return false;
            };
            let Some(path) = state.relative(&p.text_document.uri) else {
                return false;
            };
            let text = p.text_document.text;
            state.docs.insert(
                path.clone(),
                Doc {
                    version: p.text_document.version,
                    text: text.clone(),
                },
            );
            state.edit(path, text);
            state.has_pending()
        }
        DidChangeTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params) else {
                return false;
            };
            let Some(path) = state.relative(&p.text_document.uri) else {
                return false;
            };
            // Full synchronisation: the last change holds the whole text.
            let Some(change) = p.content_changes.into_iter().last() else {
                return false;
            };
            state.docs.insert(
                path.clone(),
                Doc {
                    version: p.text_document.version,
                    text: change.text.clone(),
                },
            );
            state.edit(path, change.text);
            state.has_pending()
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params) else {
                return false;
            };
            let Some(path) = state.relative(&p.text_document.uri) else {
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
                reload(client, state);
            }
            false
        }
        DidChangeWatchedFiles::METHOD => {
            let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(params) else {
                return false;
            };
            let structural = p.changes.iter().any(|change| {
                is_config(&change.uri) || change.typ != lsp_types::FileChangeType::CHANGED
            });
            if structural {
                // A configuration change, or pages created or deleted: read everything.
                reload(client, state);
                return false;
            }
            for change in p.changes {
                let Some(path) = state.relative(&change.uri) else {
                    continue;
                };
                // An open buffer wins over the disk until it is closed.
                if state.docs.contains_key(&path) {
                    continue;
                }
                if let Ok(text) = std::fs::read_to_string(state.root.join(&path)) {
                    state.edit(path, text);
                }
            }
            state.has_pending()
        }
        "workspace/didRenameFiles" => {
            let Ok(p) = serde_json::from_value::<lsp_types::RenameFilesParams>(params) else {
                return false;
            };
            // Open buffers follow their files; then the handbook is read again, as
            // pages moved.
            for file in p.files {
                let (Ok(old), Ok(new)) = (
                    file.old_uri.parse::<lsp_types::Uri>(),
                    file.new_uri.parse::<lsp_types::Uri>(),
                ) else {
                    continue;
                };
                let (Some(old), Some(new)) = (state.relative(&old), state.relative(&new)) else {
                    continue;
                };
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
            false
        }
        _ => false,
    }
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
