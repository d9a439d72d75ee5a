//! `roles-lint server`: a language server (LSP 3.17 over stdio) that keeps the handbook
//! resident and publishes diagnostics for every page, open or closed.
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
use state::State;

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

    let mut state = State::new(root_of(&params), encoding);
    let mut client = notify::Client::new(&connection, &params.capabilities);
    client.watch_files();
    let mut early = Vec::new();
    client.progress_begin("Indexing the handbook", &mut early);
    if let Err(error) = state.reload() {
        client.log(&format!(
            "roles-lint cannot lint {}: {error}",
            state.root.display()
        ));
    }
    client.progress_end();
    client.publish(state.publications());
    // `initializationOptions.debounceMs`: the pause after edits before a re-lint; the
    // benchmark sets 0 to time the re-lint itself.
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|options| options.get("debounceMs")?.as_u64())
        .map_or(DEBOUNCE, Duration::from_millis);
    main_loop(&connection, &client, &mut state, debounce, early);
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
            workspace_folders: None,
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

/// The first workspace folder, else the root URI, else the current folder.
fn root_of(params: &InitializeParams) -> PathBuf {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| &folder.uri);
    #[expect(deprecated, reason = "older clients send only rootUri")]
    let uri = folder.or(params.root_uri.as_ref());
    uri.and_then(convert::path_of)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn main_loop(
    connection: &Connection,
    client: &notify::Client,
    state: &mut State,
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
                guarded(client, state, |state| {
                    state.flush();
                    client.publish(state.publications());
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
                let response = guarded(client, state, |state| respond(client, state, request))
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
                let edited = guarded(client, state, |state| {
                    notify::handle(client, state, notification)
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
    state: &mut State,
    work: impl FnOnce(&mut State) -> T,
) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(|| work(state))) {
        Ok(value) => Some(value),
        Err(_) => {
            client.log("roles-lint: internal error; reading the handbook again");
            let _ = catch_unwind(AssertUnwindSafe(|| state.reload()));
            None
        }
    }
}

/// Answers a request, after linting what was edited, so that actions and hovers match
/// the text the editor shows.
fn respond(client: &notify::Client, state: &mut State, request: Request) -> Response {
    if state.has_pending() {
        state.flush();
        client.publish(state.publications());
    }
    let id = request.id.clone();
    let invalid = |e: serde_json::Error| {
        Response::new_err(id.clone(), ErrorCode::InvalidParams as i32, e.to_string())
    };
    match request.method.as_str() {
        "textDocument/codeAction" => match serde_json::from_value(request.params) {
            Ok(params) => Response::new_ok(id, actions::code_actions(state, &params)),
            Err(e) => invalid(e),
        },
        "textDocument/hover" => match serde_json::from_value(request.params) {
            Ok(params) => Response::new_ok(id, actions::hover(state, &params)),
            Err(e) => invalid(e),
        },
        "textDocument/definition" => match serde_json::from_value(request.params) {
            Ok(params) => Response::new_ok(id, navigation::definition(state, &params)),
            Err(e) => invalid(e),
        },
        "textDocument/references" => match serde_json::from_value(request.params) {
            Ok(params) => Response::new_ok(id, references::references(state, &params)),
            Err(e) => invalid(e),
        },
        "textDocument/completion" => match serde_json::from_value(request.params) {
            Ok(params) => Response::new_ok(id, completion::completion(state, &params)),
            Err(e) => invalid(e),
        },
        "workspace/willRenameFiles" => match serde_json::from_value(request.params) {
            Ok(params) => Response::new_ok(id, file_rename::will_rename(state, &params)),
            Err(e) => invalid(e),
        },
        "textDocument/documentSymbol" => match serde_json::from_value(request.params) {
            Ok(params) => Response::new_ok(id, navigation::symbols(state, &params)),
            Err(e) => invalid(e),
        },
        "textDocument/prepareRename" => match serde_json::from_value(request.params) {
            Ok(params) => Response::new_ok(id, rename::prepare(state, &params)),
            Err(e) => invalid(e),
        },
        "textDocument/rename" => match serde_json::from_value(request.params) {
            Ok(params) => Response::new_ok(id, rename::rename(state, &params)),
            Err(e) => invalid(e),
        },
        method => Response::new_err(
            id,
            ErrorCode::MethodNotFound as i32,
            format!("roles-lint does not handle {method}"),
        ),
    }
}
