//! A small LSP client for the tests: it runs `roles-lint server` as a child process and
//! speaks the protocol over its stdin and stdout with lsp-server's message framing, as an
//! editor would.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

/// Long enough for a debug build on a loaded 2-core machine; a hang fails the test.
const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Message>,
    next_id: i32,
    /// The last diagnostics published for each URI.
    pub diagnostics: HashMap<String, Vec<Value>>,
    /// Every notification and request the server sent, by method.
    pub received: Vec<String>,
}

impl Client {
    /// Starts the server and initializes it on `root` with `capabilities`.
    pub fn start(root: &Path, capabilities: Value) -> (Client, Value) {
        Client::start_folders(&[root], capabilities)
    }

    /// Starts the server and initializes it on workspace `folders` with `capabilities`.
    pub fn start_folders(folders: &[&Path], capabilities: Value) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_roles-lint"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(message)) = Message::read(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 0,
            diagnostics: HashMap::new(),
            received: Vec::new(),
        };
        let result = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "capabilities": capabilities,
                    "workspaceFolders": folders
                        .iter()
                        .map(|folder| json!({"uri": uri(folder), "name": "handbook"}))
                        .collect::<Vec<Value>>(),
                }),
            )
            .expect("initialize succeeds");
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn send(&mut self, message: Message) {
        message.write(&mut self.stdin).expect("the server reads");
        self.stdin.flush().expect("the server reads");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    /// Sends a request and waits for its answer: the result, or the error.
    pub fn request(
        &mut self,
        method: &str,
        params: Value,
    ) -> Result<Value, lsp_server::ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.to_string(),
            params,
        )));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(Message::Response(response)) = self.pump(deadline) {
                if response.id == id {
                    return response.response_result;
                }
            }
        }
    }

    /// Receives one message and records it; answers the server's own requests.
    fn pump(&mut self, deadline: Instant) -> Option<Message> {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = match self.messages.recv_timeout(left) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Timeout) => return None,
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the server exited"),
        };
        match &message {
            Message::Notification(n) => {
                self.received.push(n.method.clone());
                if n.method == "textDocument/publishDiagnostics" {
                    let uri = n.params["uri"].as_str().unwrap_or_default().to_string();
                    let list = n.params["diagnostics"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    self.diagnostics.insert(uri, list);
                }
            }
            Message::Request(r) => {
                self.received.push(r.method.clone());
                let answer = Response::new_ok(r.id.clone(), Value::Null);
                self.send(Message::Response(answer));
            }
            Message::Response(_) => {}
        }
        Some(message)
    }

    /// Receives messages until `done` holds; fails the test after the timeout, showing
    /// what was published.
    pub fn wait_until(&mut self, what: &str, done: impl Fn(&Client) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !done(self) {
            if Instant::now() >= deadline {
                panic!(
                    "timed out waiting for {what}; published: {:#?}",
                    self.diagnostics
                );
            }
            self.pump(deadline);
        }
    }

    /// The diagnostics last published for a file, with the given rule id.
    pub fn of_rule(&self, uri: &str, rule: &str) -> Vec<Value> {
        self.diagnostics
            .get(uri)
            .map(|list| list.iter().filter(|d| d["code"] == rule).cloned().collect())
            .unwrap_or_default()
    }

    /// Shuts the server down as an editor does; the server must exit with success.
    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null)
            .expect("shutdown succeeds");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("the server can be waited for") {
                assert!(status.success(), "the server exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The file URI of a path (ASCII paths, as the tests' temporary folders are; spaces
/// escaped).
pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// A text with LSP text edits applied; positions count UTF-16 units.
pub fn apply(text: &str, edits: &[Value]) -> String {
    let mut located: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            let start = offset(text, &edit["range"]["start"]);
            let end = offset(text, &edit["range"]["end"]);
            (start, end, edit["newText"].as_str().unwrap().to_string())
        })
        .collect();
    located.sort();
    let mut result = text.to_string();
    for (start, end, new_text) in located.into_iter().rev() {
        result.replace_range(start..end, &new_text);
    }
    result
}

fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let mut at = 0;
    for _ in 0..line {
        at += text[at..].find('\n').map_or(text.len() - at, |i| i + 1);
    }
    let mut units = 0;
    for (index, c) in text[at..].char_indices() {
        if units >= character || c == '\n' {
            return at + index;
        }
        units += c.len_utf16();
    }
    text.len()
}
