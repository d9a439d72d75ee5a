//! `roles-lint server` end to end: a real LSP client (tests/lsp_client) runs the binary
//! over stdio on a copy of the example handbook, edits pages without saving, and checks
//! what the server publishes and offers.

mod common;
mod lsp_client;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use lsp_client::{apply, uri, Client};
use serde_json::{json, Value};

fn capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
    })
}

fn open(client: &mut Client, path: &Path, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(path), "languageId": "markdown", "version": 1, "text": text}}),
    );
}

fn change(client: &mut Client, path: &Path, version: i32, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": [{"text": text}]}),
    );
}

fn code_actions(client: &mut Client, path: &Path, range: &Value, only: &str) -> Vec<Value> {
    let result = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(path)}, "range": range,
                   "context": {"diagnostics": [], "only": [only]}}),
        )
        .expect("code actions are answered");
    result.as_array().cloned().unwrap_or_default()
}

/// The edits an action makes to `path`.
fn edits_of(action: &Value, path: &Path) -> Vec<Value> {
    action["edit"]["changes"][uri(path)]
        .as_array()
        .cloned()
        .expect("the action edits the page")
}

/// Every published diagnostic as (path, line, column, rule, message), in the CLI's units.
fn published(client: &Client, root: &Path) -> BTreeSet<(String, u64, u64, String, String)> {
    let prefix = format!("{}/", uri(root));
    let mut all = BTreeSet::new();
    for (uri, list) in &client.diagnostics {
        let path = uri.strip_prefix(&prefix).expect("a page of the handbook");
        for d in list {
            let start = &d["range"]["start"];
            all.insert((
                path.to_string(),
                start["line"].as_u64().unwrap() + 1,
                start["character"].as_u64().unwrap() + 1,
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            ));
        }
    }
    all
}

/// What `roles-lint --format json` reports for a handbook, in the same shape.
fn cli_json(root: &Path) -> BTreeSet<(String, u64, u64, String, String)> {
    let output = Command::cargo_bin("roles-lint")
        .unwrap()
        .args(["--format", "json"])
        .arg(root)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let mut message = d["message"].as_str().unwrap().to_string();
            if let Some(help) = d["help"].as_str() {
                message.push_str(&format!("\nhelp: {help}"));
            }
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
                message,
            )
        })
        .collect()
}

#[test]
fn an_unsaved_edit_breaks_a_closed_page_and_fixes_and_configuration_follow() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("handbook");
    common::copy_dir(&common::fixture("handbook"), &root);
    let (mut client, init) = Client::start(&root, capabilities());
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    client.wait_until("the first index", |c| {
        c.received.iter().filter(|m| *m == "$/progress").count() == 2
    });
    // The token is created (and answered by the client) before it is used.
    let created = client
        .received
        .iter()
        .position(|m| m == "window/workDoneProgress/create");
    let used = client.received.iter().position(|m| m == "$/progress");
    assert!(created.is_some() && created < used, "{:?}", client.received);
    assert!(client
        .received
        .contains(&"client/registerCapability".to_string()));

    // Rename a heading that another page links to, without saving.
    let director = root.join("Software-Director.md");
    let engineering = uri(&root.join("Engineering-Director.md"));
    let original = fs::read_to_string(&director).unwrap();
    let renamed = original.replace(
        "## SD2 - Software Director 2",
        "## SD2 - Software Director Second",
    );
    open(&mut client, &director, &original);
    change(&mut client, &director, 2, &renamed);
    client.wait_until("broken-anchor on the closed page", |c| {
        !c.of_rule(&engineering, "broken-anchor").is_empty()
    });
    let anchor = client.of_rule(&engineering, "broken-anchor")[0].clone();
    assert!(anchor["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("rules/broken-anchor.md"));

    // The same findings as the command line on the same texts.
    let twin = dir.path().join("twin");
    common::copy_dir(&root, &twin);
    fs::write(twin.join("Software-Director.md"), &renamed).unwrap();
    client.wait_until("README's broken anchor too", |c| {
        !c.of_rule(&uri(&root.join("README.md")), "broken-anchor")
            .is_empty()
    });
    assert_eq!(published(&client, &root), cli_json(&twin));

    // Hover on the finding shows the rule's documentation.
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": engineering}, "position": anchor["range"]["start"]}),
        )
        .unwrap();
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("broken-anchor") && shown.contains("## What it flags"),
        "{shown}"
    );

    // Suppress on this line, in the closed page: the comment goes above the finding.
    let actions = code_actions(
        &mut client,
        &root.join("Engineering-Director.md"),
        &anchor["range"],
        "quickfix",
    );
    let suppress = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Suppress"))
        .expect("a suppression is offered");
    let page = fs::read_to_string(root.join("Engineering-Director.md")).unwrap();
    let suppressed = apply(
        &page,
        &edits_of(suppress, &root.join("Engineering-Director.md")),
    );
    assert!(
        suppressed.contains("<!-- roles-lint-disable-next-line broken-anchor -->\n* Works with")
    );
    open(
        &mut client,
        &root.join("Engineering-Director.md"),
        &suppressed,
    );
    client.wait_until("the suppressed finding to go", |c| {
        c.of_rule(&engineering, "broken-anchor").is_empty()
    });

    // Two invisible characters: one quick fix, then fix-all.
    let with_zwsp = renamed
        .replacen("Software Director\n", "Soft\u{200b}ware Director\n", 1)
        .replacen("### Expectations", "### Expec\u{200b}tations", 1);
    assert_ne!(with_zwsp, renamed);
    change(&mut client, &director, 3, &with_zwsp);
    let director_uri = uri(&director);
    client.wait_until("two invisible-char findings", |c| {
        c.of_rule(&director_uri, "invisible-char").len() == 2
    });
    let first = client.of_rule(&director_uri, "invisible-char")[0].clone();
    let actions = code_actions(&mut client, &director, &first["range"], "quickfix");
    let quick_fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("the rule's fix is offered");
    let once = apply(&with_zwsp, &edits_of(quick_fix, &director));
    assert_eq!(once.matches('\u{200b}').count(), 1);
    change(&mut client, &director, 4, &once);
    client.wait_until("one invisible-char finding", |c| {
        c.of_rule(&director_uri, "invisible-char").len() == 1
    });
    let all = code_actions(
        &mut client,
        &director,
        &first["range"],
        "source.fixAll.roles-lint",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["kind"], "source.fixAll.roles-lint");
    let fixed = apply(&once, &edits_of(&all[0], &director));
    // Only the rules' fixes: the renamed heading (no fix offered) stays.
    assert_eq!(fixed, renamed);

    // Undo the rename: the pages it broke become clean and are told so.
    change(&mut client, &director, 5, &original);
    let readme = uri(&root.join("README.md"));
    client.wait_until("README clean again", |c| {
        c.diagnostics.get(&readme).is_some_and(|d| d.is_empty())
    });

    // A configuration mistake shows in the configuration file, then goes.
    let config = root.join("roles-lint.toml");
    fs::write(&config, "[rules]\nno-such-rule = \"off\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 1}]}),
    );
    client.wait_until("the configuration error", |c| {
        c.diagnostics
            .get(&uri(&config))
            .is_some_and(|d| !d.is_empty())
    });
    let error = &client.diagnostics[&uri(&config)][0];
    assert!(error["message"].as_str().unwrap().contains("no-such-rule"));
    assert_eq!(error["range"]["start"]["line"], 1);
    fs::write(&config, "[rules]\nrole-typo = \"warning\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    client.wait_until("the configuration error to go", |c| {
        c.diagnostics
            .get(&uri(&config))
            .is_some_and(|d| d.is_empty())
    });
    client.shutdown();
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let root = common::fixture("handbook");
    let (mut client, init) = Client::start(&root, json!({}));
    // No encoding offered: UTF-16, as the protocol requires.
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let bad = client.request("textDocument/hover", json!({"bogus": 1}));
    assert_eq!(
        bad.unwrap_err().code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    let unknown = client.request("roles-lint/nothing", json!(null));
    assert_eq!(
        unknown.unwrap_err().code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );
    client.notify("textDocument/didChange", json!({"nonsense": true}));
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": "http://x/y.md", "languageId": "markdown", "version": 1, "text": ""}}));
    let far = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(&root.join("README.md"))},
                   "range": {"start": {"line": 99999, "character": 99999}, "end": {"line": 99999, "character": 4294967295u32}},
                   "context": {"diagnostics": []}}),
        )
        .expect("a position past the end is clamped");
    assert_eq!(far, json!([]));
    client.shutdown();
}

#[test]
fn utf_32_is_used_when_the_client_offers_it() {
    let root = common::fixture("handbook");
    let (client, init) = Client::start(
        &root,
        json!({"general": {"positionEncodings": ["utf-32", "utf-16"]}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-32");
    client.shutdown();
}

#[test]
fn a_fragment_leads_to_its_heading_and_headings_form_the_outline() {
    let root = common::fixture("handbook");
    let (mut client, _) = Client::start(&root, json!({}));
    // Engineering-Director.md line 23 links `Software-Director.md#sd2---software-director-2`.
    let page = fs::read_to_string(root.join("Engineering-Director.md")).unwrap();
    let line = page.lines().nth(22).unwrap();
    let column = line.find("](Software-Director.md#sd2").unwrap();
    let target = client
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri(&root.join("Engineering-Director.md"))},
                   "position": {"line": 22, "character": column + 3}}),
        )
        .unwrap();
    assert_eq!(target["uri"], uri(&root.join("Software-Director.md")));
    // `## SD2 - Software Director 2` is line 15.
    assert_eq!(
        target["range"]["start"],
        json!({"line": 14, "character": 0})
    );

    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri(&root.join("Software-Director.md"))}}),
        )
        .unwrap();
    let names = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&symbols), ["Software Director", "Other Pages"]);
    assert_eq!(
        names(&symbols[0]["children"]),
        [
            "SD1 - Software Director 1",
            "SD2 - Software Director 2",
            "SD3 - Software Director 3",
            "Working With Other Roles"
        ]
    );
    assert_eq!(
        symbols[0]["children"][1]["detail"],
        "#sd2---software-director-2"
    );
    assert_eq!(
        names(&symbols[0]["children"][1]["children"]),
        ["Expectations"]
    );
    client.shutdown();
}

#[test]
fn renaming_a_heading_updates_every_fragment_that_points_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("handbook");
    common::copy_dir(&common::fixture("handbook"), &root);
    let (mut client, _) = Client::start(&root, json!({}));
    let director = root.join("Software-Director.md");
    // `## SD2 - Software Director 2` is line 15; the cursor on its text.
    let position = json!({"line": 14, "character": 8});
    let prepared = client
        .request(
            "textDocument/prepareRename",
            json!({"textDocument": {"uri": uri(&director)}, "position": position}),
        )
        .unwrap();
    assert_eq!(prepared["start"], json!({"line": 14, "character": 3}));
    assert_eq!(prepared["end"], json!({"line": 14, "character": 28}));
    let edit = client
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri(&director)}, "position": position,
                   "newName": "SD2 - Senior Software Director"}),
        )
        .unwrap();
    let changes = edit["changes"].as_object().unwrap();
    let mut touched: Vec<&str> = changes
        .keys()
        .map(|k| k.rsplit('/').next().unwrap())
        .collect();
    touched.sort();
    assert_eq!(
        touched,
        [
            "Engineering-Director.md",
            "README.md",
            "Software-Director.md"
        ]
    );
    for (page_uri, edits) in changes {
        let path = root.join(page_uri.rsplit('/').next().unwrap());
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, apply(&text, edits.as_array().unwrap())).unwrap();
    }
    let director_text = fs::read_to_string(&director).unwrap();
    assert!(director_text.contains("\n## SD2 - Senior Software Director\n"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("(Software-Director.md#sd2---senior-software-director)"));
    // The handbook is as clean as before the rename.
    Command::cargo_bin("roles-lint")
        .unwrap()
        .arg(&root)
        .assert()
        .success();
    client.shutdown();
}

#[test]
fn a_role_typo_can_be_added_to_ignore_words() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("seed");
    common::copy_dir(&common::fixture("seed"), &root);
    let (mut client, _) = Client::start(&root, json!({}));
    let name = "Comparison-Software-Director-Engineering-Director.md";
    let page = uri(&root.join(name));
    let config = root.join("roles-lint.toml");
    let typo = |client: &Client, word: &str| {
        client.of_rule(&page, "role-typo").into_iter().find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains(&format!("`{word}`"))
        })
    };
    for (word, expected) in [
        ("Softeare", "[roles]\nignore-words = [\"Softeare\"]\n"),
        (
            "Directror",
            "[roles]\nignore-words = [\"Directror\", \"Softeare\"]\n",
        ),
    ] {
        client.wait_until(word, |c| typo(c, word).is_some());
        let finding = typo(&client, word).unwrap();
        let actions = code_actions(&mut client, &root.join(name), &finding["range"], "quickfix");
        let title = format!("Add `{word}` to [roles] ignore-words");
        let add = actions
            .iter()
            .find(|a| a["title"] == title.as_str())
            .unwrap_or_else(|| panic!("no {title}: {actions:#?}"));
        // The client creates the file when there is none, then inserts.
        let text = fs::read_to_string(&config).unwrap_or_default();
        let edits: Vec<Value> = add["edit"]["documentChanges"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|change| change["edits"].as_array().cloned())
            .flatten()
            .collect();
        let written = apply(&text, &edits);
        assert_eq!(written, expected);
        fs::write(&config, written).unwrap();
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(&config), "type": 2}]}),
        );
        client.wait_until("the ignored word to go", |c| typo(c, word).is_none());
    }
    client.shutdown();
}

/// The position (UTF-16, as the client negotiated) of byte `at` of `text`.
fn position_at(text: &str, at: usize) -> Value {
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..at].encode_utf16().count()})
}

/// Every location as (file name, start position), sorted.
fn locations(result: &Value) -> Vec<(String, Value)> {
    let mut all: Vec<(String, Value)> = result
        .as_array()
        .expect("a list of locations")
        .iter()
        .map(|l| {
            let name = l["uri"].as_str().unwrap().rsplit('/').next().unwrap();
            (name.to_string(), l["range"]["start"].clone())
        })
        .collect();
    all.sort_by_key(|(name, start)| (name.clone(), start.to_string()));
    all
}

#[test]
fn references_of_a_page_and_of_a_heading_come_from_the_link_graph() {
    let root = common::fixture("handbook");
    let (mut client, _) = Client::start(&root, json!({}));
    let director = root.join("Software-Director.md");
    // Every destination that starts `Software-Director.md` in the handbook, found in the
    // texts here: the page's references, nav entries included.
    let mut expected = Vec::new();
    let mut sd2 = Vec::new();
    for entry in fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = fs::read_to_string(&path).unwrap();
        for (at, _) in text.match_indices("](Software-Director.md") {
            expected.push((name.clone(), position_at(&text, at + 2)));
            if text[at..].starts_with("](Software-Director.md#sd2---software-director-2)") {
                sd2.push((name.clone(), position_at(&text, at + 2)));
            }
        }
    }
    expected.sort_by_key(|(name, start)| (name.clone(), start.to_string()));
    sd2.sort_by_key(|(name, start)| (name.clone(), start.to_string()));
    assert_eq!(expected.len(), 21);
    assert_eq!(sd2.len(), 2);

    // On the title: the page.
    let title = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri(&director)}, "position": {"line": 0, "character": 4},
                   "context": {"includeDeclaration": false}}),
        )
        .unwrap();
    assert_eq!(locations(&title), expected);

    // On the path of a link to it, in another page: the same.
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let link = readme.find("(Software-Director.md)").unwrap() + 3;
    let from_link = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri(&root.join("README.md"))},
                   "position": position_at(&readme, link), "context": {"includeDeclaration": false}}),
        )
        .unwrap();
    assert_eq!(locations(&from_link), expected);

    // On a heading, with its declaration: the heading, then the two links to it.
    let heading = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri(&director)}, "position": {"line": 14, "character": 8},
                   "context": {"includeDeclaration": true}}),
        )
        .unwrap();
    let mut with_heading = sd2.clone();
    with_heading.push((
        "Software-Director.md".to_string(),
        json!({"line": 14, "character": 0}),
    ));
    with_heading.sort_by_key(|(name, start)| (name.clone(), start.to_string()));
    assert_eq!(locations(&heading), with_heading);

    // On the fragment of a link: the heading it names.
    let fragment = readme.find("#sd2---software-director-2").unwrap() + 3;
    let from_fragment = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri(&root.join("README.md"))},
                   "position": position_at(&readme, fragment), "context": {"includeDeclaration": false}}),
        )
        .unwrap();
    assert_eq!(locations(&from_fragment), sd2);

    // Outside the handbook, or past the end of the page: nothing, and no failure.
    let outside = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": "file:///nowhere/x.md"}, "position": {"line": 0, "character": 0},
                   "context": {"includeDeclaration": true}}),
        )
        .unwrap();
    assert_eq!(outside, Value::Null);
    let far = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri(&director)}, "position": {"line": 9999, "character": 9999},
                   "context": {"includeDeclaration": true}}),
        )
        .unwrap();
    assert_eq!(far, Value::Null);
    client.shutdown();
}

/// The labels and the edits of completion items, in order.
fn completions(client: &mut Client, path: &Path, position: Value) -> Vec<(String, Value)> {
    let result = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri(path)}, "position": position}),
        )
        .unwrap();
    result
        .as_array()
        .unwrap_or_else(|| panic!("a list of items: {result}"))
        .iter()
        .map(|item| {
            (
                item["label"].as_str().unwrap().to_string(),
                item["textEdit"].clone(),
            )
        })
        .collect()
}

#[test]
fn completion_offers_relative_page_paths_and_the_target_pages_anchors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("handbook");
    common::copy_dir(&common::fixture("handbook"), &root);
    fs::create_dir(root.join("team")).unwrap();
    let lead = root.join("team/Team Lead.md");
    fs::write(
        &lead,
        "# Team Lead\n\n## Goals\n\nText.\n\n## Goals\n\nMore.\n",
    )
    .unwrap();
    let (mut client, init) = Client::start(&root, json!({}));
    assert_eq!(
        init["capabilities"]["completionProvider"]["triggerCharacters"],
        json!(["(", "/", "#"])
    );

    // From a page in a folder: `../` to the pages above, written as the handbook's links
    // are (no `./`).
    let text = "# Team Lead\n\nSee [the director](\n\n## Goals\n\n## Goals\n";
    open(&mut client, &lead, text);
    let at = json!({"line": 2, "character": 19});
    let items = completions(&mut client, &lead, at.clone());
    let labels: Vec<&str> = items.iter().map(|(label, _)| label.as_str()).collect();
    assert!(labels.contains(&"../Software-Director.md"), "{labels:?}");
    assert!(labels.contains(&"../README.md"), "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains("Team")), "{labels:?}");
    let (_, edit) = items
        .iter()
        .find(|(label, _)| label == "../Software-Director.md")
        .unwrap();
    assert_eq!(
        edit,
        &json!({"range": {"start": at, "end": at}, "newText": "../Software-Director.md"})
    );

    // From the root, a path with a space: `%20`; what was typed is replaced.
    let readme = root.join("README.md");
    let original = fs::read_to_string(&readme).unwrap();
    open(
        &mut client,
        &readme,
        &format!("{original}\nSee [lead](team/T\n"),
    );
    let line = original.lines().count() + 1;
    let items = completions(&mut client, &readme, json!({"line": line, "character": 17}));
    let (_, edit) = items
        .iter()
        .find(|(label, _)| label == "team/Team%20Lead.md")
        .unwrap_or_else(|| panic!("{items:?}"));
    assert_eq!(
        edit,
        &json!({"range": {"start": {"line": line, "character": 11}, "end": {"line": line, "character": 17}},
                "newText": "team/Team%20Lead.md"})
    );

    // After `#`: the target page's slugs, with the suffix of the repeated heading.
    let typed = format!("{original}\nSee [goals](team/Team%20Lead.md#\n");
    change(&mut client, &readme, 2, &typed);
    let items = completions(&mut client, &readme, json!({"line": line, "character": 32}));
    let labels: Vec<&str> = items.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(labels, ["team-lead", "goals", "goals-1"]);
    assert_eq!(
        items[2].1,
        json!({"range": {"start": {"line": line, "character": 32}, "end": {"line": line, "character": 32}},
               "newText": "goals-1"})
    );

    // A same-page fragment: this page's own slugs.
    change(&mut client, &lead, 2, "# Team Lead\n\n## Goals\n\n[up](#\n");
    let items = completions(&mut client, &lead, json!({"line": 4, "character": 6}));
    let labels: Vec<&str> = items.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(labels, ["team-lead", "goals"]);

    // In prose: nothing.
    let prose = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri(&lead)}, "position": {"line": 0, "character": 3}}),
        )
        .unwrap();
    assert_eq!(prose, Value::Null);
    client.shutdown();
}

/// Applies a workspace edit's changes to the files on disk.
fn apply_to_disk(edit: &Value) {
    for (page_uri, edits) in edit["changes"].as_object().expect("changes") {
        let path = Path::new(page_uri.strip_prefix("file://").unwrap()).to_path_buf();
        let path = std::path::PathBuf::from(path.to_str().unwrap().replace("%20", " "));
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, apply(&text, edits.as_array().unwrap())).unwrap();
    }
}

#[test]
fn renaming_a_page_file_rewrites_the_links_to_it_and_its_own_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("handbook");
    common::copy_dir(&common::fixture("handbook"), &root);
    let (mut client, init) = Client::start(&root, json!({}));
    let filters = &init["capabilities"]["workspace"]["fileOperations"]["willRename"]["filters"];
    assert_eq!(filters[0]["pattern"]["glob"], "**/*.md");

    // Move a page into a folder: every link to it follows, fragments kept, and its own
    // links climb out of the folder.
    let old = root.join("Software-Director.md");
    let new = root.join("roles/Software-Director.md");
    let edit = client
        .request(
            "workspace/willRenameFiles",
            json!({"files": [{"oldUri": uri(&old), "newUri": uri(&new)}]}),
        )
        .unwrap();
    let readme = &edit["changes"][uri(&root.join("README.md"))];
    // README line 17: `| 1 | [SE1](...) | [SD1](Software-Director.md#sd1---software-director-1) |`
    let line = fs::read_to_string(root.join("README.md"))
        .unwrap()
        .lines()
        .nth(16)
        .unwrap()
        .to_string();
    let start = line.find("(Software-Director.md#sd1").unwrap() + 1;
    assert!(
        readme.as_array().unwrap().contains(&json!({
            "range": {"start": {"line": 16, "character": start},
                      "end": {"line": 16, "character": start + "Software-Director.md".len()}},
            "newText": "roles/Software-Director.md"})),
        "{readme:#}"
    );
    let own = &edit["changes"][uri(&old)];
    let own_texts: BTreeSet<&str> = own
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert!(own_texts.contains("../Engineering-Director.md"), "{own:#}");
    assert!(!own_texts.contains("Software-Director.md"), "{own:#}");
    apply_to_disk(&edit);
    fs::create_dir(root.join("roles")).unwrap();
    fs::rename(&old, &new).unwrap();
    let moved = fs::read_to_string(&new).unwrap();
    assert!(moved.contains("[Engineering Director](../Engineering-Director.md)"));
    assert!(moved.contains("* [**Software Director**](Software-Director.md)\n"));
    let engineering = fs::read_to_string(root.join("Engineering-Director.md")).unwrap();
    assert!(engineering.contains("(roles/Software-Director.md#sd2---software-director-2)"));
    // Every link still works: the handbook is as clean as before.
    Command::cargo_bin("roles-lint")
        .unwrap()
        .arg(&root)
        .assert()
        .success();

    // A folder of images: the links into it follow.
    let edit = client
        .request(
            "workspace/willRenameFiles",
            json!({"files": [{"oldUri": uri(&root.join("images")), "newUri": uri(&root.join("pictures"))}]}),
        )
        .unwrap();
    let readme = edit["changes"][uri(&root.join("README.md"))]
        .as_array()
        .cloned()
        .unwrap();
    assert_eq!(readme.len(), 1, "{readme:#?}");
    assert_eq!(readme[0]["newText"], "pictures/ladder.png");

    // Outside the handbook: nothing.
    let outside = client
        .request(
            "workspace/willRenameFiles",
            json!({"files": [{"oldUri": "file:///elsewhere/a.md", "newUri": "file:///elsewhere/b.md"}]}),
        )
        .unwrap();
    assert_eq!(outside, Value::Null);
    client.shutdown();
}

/// A one-line edit as JSON.
fn line_edit(line: usize, start: usize, end: usize, text: &str) -> Value {
    json!({"range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}},
           "newText": text})
}

/// The edits of a workspace edit to one page, sorted by position.
fn sorted_edits(edit: &Value, path: &Path) -> Vec<Value> {
    let mut edits = edit["changes"][uri(path)]
        .as_array()
        .cloned()
        .unwrap_or_default();
    edits.sort_by_key(|e| {
        let start = &e["range"]["start"];
        (start["line"].as_u64(), start["character"].as_u64())
    });
    edits
}

#[test]
fn renaming_a_role_title_renames_the_role_in_titles_navs_and_comparison_headers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("handbook");
    common::copy_dir(&common::fixture("handbook"), &root);
    let readme = root.join("README.md");
    let text = fs::read_to_string(&readme).unwrap().replace(
        "## Contributing\n",
        "## Contributing\n\nSee the [role](Software-Director.md#software-director).\n",
    );
    fs::write(&readme, text).unwrap();
    let (mut client, _) = Client::start(&root, json!({}));
    let director = root.join("Software-Director.md");
    let position = json!({"line": 0, "character": 5});
    let prepared = client
        .request(
            "textDocument/prepareRename",
            json!({"textDocument": {"uri": uri(&director)}, "position": position}),
        )
        .unwrap();
    assert_eq!(
        prepared,
        json!({"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 19}})
    );
    let edit = client
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri(&director)}, "position": position,
                   "newName": "Systems Director"}),
        )
        .unwrap();
    // The title, the nav entry of the page, and the nav entry of the comparison page,
    // whose title changes with it.
    assert_eq!(
        sorted_edits(&edit, &director),
        [
            line_edit(0, 2, 19, "Systems Director"),
            line_edit(41, 5, 22, "Systems Director"),
            line_edit(47, 5, 46, "Systems Director vs Engineering Director"),
        ]
    );
    let comparison = root.join("Comparison-Software-Director-Engineering-Director.md");
    let header = "| [Software Director](Software-Director.md) (System)";
    assert_eq!(
        sorted_edits(&edit, &comparison)[..2],
        [
            line_edit(0, 2, 43, "Systems Director vs Engineering Director"),
            line_edit(8, 3, 20, "Systems Director"),
        ]
    );
    assert!(fs::read_to_string(&comparison)
        .unwrap()
        .lines()
        .nth(8)
        .unwrap()
        .starts_with(header));
    apply_to_disk(&edit);
    // A row's mention of the role, which the comparison reads as the role, follows.
    assert!(fs::read_to_string(&comparison).unwrap().contains(
        "| Ability to Act as Engineering Director when Required | Ability to Act as Systems Director when Required |"
    ));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    // The fragment of the title follows its slug; a label that is not the title stays.
    assert!(readme.contains("See the [role](Software-Director.md#systems-director)."));
    assert!(readme.contains("| Level | [Software Engineer](Software-Engineer.md) | [Systems Director](Software-Director.md) |"));
    assert!(readme.contains("* [**Systems Director vs Engineering Director**](Comparison"));
    // No nav label, title or comparison header is left behind.
    let output = Command::cargo_bin("roles-lint")
        .unwrap()
        .args(["--format", "concise"])
        .arg(&root)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    for rule in [
        "nav-label-mismatch",
        "comparison-row-mismatch",
        "broken-anchor",
    ] {
        assert!(!report.contains(rule), "{report}");
    }
    client.shutdown();
}

#[test]
fn each_workspace_folder_and_nested_handbook_is_a_handbook_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    common::copy_dir(&common::fixture("handbook"), &first);
    // A handbook nested in the first folder, with a configuration file of its own.
    let nested = first.join("team");
    fs::create_dir(&nested).unwrap();
    fs::write(nested.join("roles-lint.toml"), "").unwrap();
    fs::write(nested.join("Lead.md"), "# Lead\n\n[gone](Gone.md)\n").unwrap();
    fs::write(nested.join("Coach.md"), "# Coach\n\n[lead](Lead.md)\n").unwrap();
    let second = dir.path().join("second");
    fs::create_dir(&second).unwrap();
    fs::write(
        second.join("README.md"),
        "# Second\n\n[other](Other.md)\n[missing](Missing.md)\n",
    )
    .unwrap();
    fs::write(second.join("Other.md"), "# Other\n\n[back](README.md)\n").unwrap();

    let (mut client, init) = Client::start_folders(&[&first, &second], json!({}));
    assert_eq!(
        init["capabilities"]["workspace"]["workspaceFolders"],
        json!({"supported": true, "changeNotifications": true})
    );
    let second_readme = uri(&second.join("README.md"));
    let lead = uri(&nested.join("Lead.md"));
    client.wait_until(
        "broken links in both folders and the nested handbook",
        |c| {
            !c.of_rule(&second_readme, "broken-link").is_empty()
                && !c.of_rule(&lead, "broken-link").is_empty()
        },
    );

    // A request goes to the handbook of its file.
    let target = client
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": second_readme}, "position": {"line": 2, "character": 10}}),
        )
        .unwrap();
    assert_eq!(target["uri"], uri(&second.join("Other.md")));
    let references = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri(&nested.join("Lead.md"))}, "position": {"line": 0, "character": 3},
                   "context": {"includeDeclaration": false}}),
        )
        .unwrap();
    assert_eq!(
        locations(&references),
        [("Coach.md".to_string(), json!({"line": 2, "character": 7}))]
    );
    // The nested handbook's pages are offered from inside it; the outer ones are not.
    open(&mut client, &nested.join("Coach.md"), "# Coach\n\n[x](\n");
    let items = completions(
        &mut client,
        &nested.join("Coach.md"),
        json!({"line": 2, "character": 4}),
    );
    let labels: Vec<&str> = items.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(labels, ["Lead.md"]);

    // A folder removed: its diagnostics are cleared.
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": [{"uri": uri(&second), "name": "second"}]}}),
    );
    client.wait_until("the removed folder cleared", |c| {
        c.diagnostics
            .get(&second_readme)
            .is_some_and(|d| d.is_empty())
    });
    // And added again: linted again.
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": uri(&second), "name": "second"}], "removed": []}}),
    );
    client.wait_until("the added folder linted", |c| {
        !c.of_rule(&second_readme, "broken-link").is_empty()
    });

    // A page outside every folder: the handbook of its `roles-lint.toml`, read when the
    // page is opened.
    let third = dir.path().join("third");
    fs::create_dir(&third).unwrap();
    fs::write(third.join("roles-lint.toml"), "").unwrap();
    let text = "# Third\n\n[gone](Gone.md)\n";
    fs::write(third.join("Third.md"), text).unwrap();
    open(&mut client, &third.join("Third.md"), text);
    let third_page = uri(&third.join("Third.md"));
    client.wait_until("the outside page linted", |c| {
        !c.of_rule(&third_page, "broken-link").is_empty()
    });
    client.shutdown();
}
