//! `roles-lint server`: a language server (LSP 3.17 over stdio) that keeps the handbooks
//! of the workspace resident (one per root, `workspace`) and publishes diagnostics for
//! every page, open or closed.
//!
//! Built on lsp-server and lsp-types, the synchronous scaffold rust-analyzer uses: one
//! loop on one thread owns the state, so there are no locks, and linting already runs in
//! parallel inside `lint`.

mod actions;
mod completion;
mod convert;
mod file_rename;
mod ignore_word;
mod lookup;
mod navigation;
mod notify;
mod references;
mod rename;
mod role_rename;
mod state;
mod workspace;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Request, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, FileOperationFilter,
    FileOperationPattern, FileOperationPatternKind, FileOperationRegistrationOptions,
    HoverProviderCapability, InitializeParams, OneOf, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, WorkspaceFileOperationsServerCapabilities,
    WorkspaceServerCapabilities,
};

pub use convert::Encoding;
use workspace::Workspace;

/// How long edits must pause (by default) before the handbook is linted again: typing does not lint
/// on every key, and the diagnostics follow within a fraction of a second.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// The longest an edit waits for its diagnostics while the typing goes on.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// Serves on stdin and stdout until the client says `exit` (or closes the pipe).
pub fn serve() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("initialize: {e}"))?;
    // A malformed `initialize` still gets a server with the protocol's defaults.
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": ServerInfo {
            name: "roles-lint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("initialize: {e}"))?;

    let mut client = notify::Client::new(&connection, &params.capabilities);
    client.watch_files();
    let mut early = Vec::new();
    client.progress_begin("Indexing the handbook", &mut early);
    let mut workspace = Workspace::new(encoding);
    for folder in folders_of(&params) {
        workspace.add_folder(&client, &folder);
    }
    client.progress_end();
    client.publish(workspace.publications());
    // `initializationOptions.debounceMs`: the pause after edits before a re-lint; the
    // benchmark sets 0 to time the re-lint itself.
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|options| options.get("debounceMs")?.as_u64())
        .map_or(DEBOUNCE, Duration::from_millis);
    main_loop(&connection, &client, &mut workspace, debounce, early);
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        completion_provider: Some(lsp_types::CompletionOptions {
            trigger_characters: Some(completion::TRIGGERS.map(str::to_string).to_vec()),
            ..lsp_types::CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(lsp_types::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(lsp_types::WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: Some(WorkspaceFileOperationsServerCapabilities {
                will_rename: Some(file_rename_filters()),
                did_rename: Some(file_rename_filters()),
                ..WorkspaceFileOperationsServerCapabilities::default()
            }),
        }),
        ..ServerCapabilities::default()
    }
}

/// The renames the server hears of: pages, and folders (which may hold pages).
fn file_rename_filters() -> FileOperationRegistrationOptions {
    let filter = |glob: &str, matches| FileOperationFilter {
        scheme: Some("file".to_string()),
        pattern: FileOperationPattern {
            glob: glob.to_string(),
            matches: Some(matches),
            options: None,
        },
    };
    FileOperationRegistrationOptions {
        filters: vec![
            filter("**/*.md", FileOperationPatternKind::File),
            filter("**/*.markdown", FileOperationPatternKind::File),
            filter("**/*", FileOperationPatternKind::Folder),
        ],
    }
}

/// The workspace folders, else the root URI, else the current folder.
fn folders_of(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|folder| convert::path_of(&folder.uri))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    #[expect(deprecated, reason = "older clients send only rootUri")]
    let root = params.root_uri.as_ref().and_then(convert::path_of);
    vec![root.unwrap_or_else(|| PathBuf::from("."))]
}

fn main_loop(
    connection: &Connection,
    client: &notify::Client,
    workspace: &mut Workspace,
    debounce: Duration,
    early: Vec<Message>,
) {
    // Messages that arrived while the first index waited for its progress token.
    let mut early = early.into_iter();
    let mut deadline: Option<Instant> = None;
    // When the oldest edit not yet linted arrived: steady typing postpones the re-lint
    // by `debounce` per keystroke, but never past `MAX_WAIT` after that edit.
    let mut first_edit: Option<Instant> = None;
    loop {
        let received = match (early.next(), deadline) {
            (Some(message), _) => Ok(message),
            (None, Some(at)) => connection
                .receiver
                .recv_timeout(at.saturating_duration_since(Instant::now())),
            (None, None) => connection
                .receiver
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
        };
        let message = match received {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => {
                deadline = None;
                first_edit = None;
                guarded(client, workspace, |workspace| {
                    workspace.flush();
                    client.publish(workspace.publications());
                });
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        match message {
            Message::Request(request) => {
                match connection.handle_shutdown(&request) {
                    Ok(true) | Err(_) => return,
                    Ok(false) => {}
                }
                let id = request.id.clone();
                let response = guarded(client, workspace, |workspace| {
                    respond(client, workspace, request)
                })
                .unwrap_or_else(|| {
                    Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        "roles-lint failed on this request".to_string(),
                    )
                });
                client.send(Message::Response(response));
            }
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return;
                }
                let edited = guarded(client, workspace, |workspace| {
                    notify::handle(client, workspace, notification)
                });
                if edited == Some(true) {
                    let now = Instant::now();
                    let first = *first_edit.get_or_insert(now);
                    deadline = Some((now + debounce).min(first + MAX_WAIT.max(debounce)));
                }
            }
            // Answers to our own requests (progress tokens, watcher registration).
            Message::Response(_) => {}
        }
    }
}

/// Runs `work`; a panic (a bug, never bad input on purpose) is logged and the server goes
/// on, with the handbook read again if the panic lost it.
fn guarded<T>(
    client: &notify::Client,
    workspace: &mut Workspace,
    work: impl FnOnce(&mut Workspace) -> T,
) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(|| work(workspace))) {
        Ok(value) => Some(value),
        Err(_) => {
            client.log("roles-lint: internal error; reading the handbooks again");
            let _ = catch_unwind(AssertUnwindSafe(|| workspace.reload()));
            None
        }
    }
}

/// Answers a request, after linting what was edited, so that actions, hovers and
/// completions match the text the editor shows. The handbook of the request's file answers it; a file of
/// no handbook gets `null`.
fn respond(client: &notify::Client, workspace: &mut Workspace, request: Request) -> Response {
    if workspace.has_pending() {
        workspace.flush();
        client.publish(workspace.publications());
    }
    let id = request.id.clone();
    let Some(uri) = uri_of_request(&request) else {
        return match request.method.as_str() {
            "workspace/willRenameFiles" => Response::new_ok(id, serde_json::Value::Null),
            _ => answer(None, request),
        };
    };
    let state = workspace.state_for(client, &uri);
    let response = answer(state.map(|state| &*state), request);
    // A handbook read for this request publishes its diagnostics at once.
    if workspace.has_news() {
        client.publish(workspace.publications());
    }
    response
}

/// The file a request is about: its document, or the first file renamed.
fn uri_of_request(request: &Request) -> Option<lsp_types::Uri> {
    let params = &request.params;
    let text = params
        .pointer("/textDocument/uri")
        .or_else(|| params.pointer("/files/0/oldUri"))?
        .as_str()?;
    text.parse().ok()
}

/// The answer of the handbook `state` (`None`: the file is in no handbook).
fn answer(state: Option<&state::State>, request: Request) -> Response {
    use serde_json::{json, Value};
    let (id, params) = (request.id, request.params);
    match request.method.as_str() {
        "textDocument/codeAction" => reply(id, params, state, actions::code_actions, json!([])),
        "textDocument/hover" => reply(id, params, state, actions::hover, Value::Null),
        "textDocument/definition" => reply(id, params, state, navigation::definition, Value::Null),
        "textDocument/references" => reply(id, params, state, references::references, Value::Null),
        "textDocument/completion" => reply(id, params, state, completion::completion, Value::Null),
        "textDocument/documentSymbol" => reply(id, params, state, navigation::symbols, Value::Null),
        "textDocument/prepareRename" => reply(id, params, state, rename::prepare, Value::Null),
        "textDocument/rename" => reply(id, params, state, rename::rename, Value::Null),
        "workspace/willRenameFiles" => {
            reply(id, params, state, file_rename::will_rename, Value::Null)
        }
        method => Response::new_err(
            id,
            ErrorCode::MethodNotFound as i32,
            format!("roles-lint does not handle {method}"),
        ),
    }
}

/// The response of `handler` to `params`; malformed parameters get an error, a file of
/// no handbook `empty`.
fn reply<P: serde::de::DeserializeOwned, R: serde::Serialize>(
    id: lsp_server::RequestId,
    params: serde_json::Value,
    state: Option<&state::State>,
    handler: fn(&state::State, &P) -> R,
    empty: serde_json::Value,
) -> Response {
    match serde_json::from_value::<P>(params) {
        Ok(params) => match state {
            Some(state) => Response::new_ok(id, handler(state, &params)),
            None => Response::new_ok(id, empty),
        },
        Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string()),
    }
}
