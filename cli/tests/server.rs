//! `uihook server` driven over standard input and output with real JSON-RPC
//! frames, as an editor drives it: initialize, open, change, hover,
//! completion, code actions, formatting, configuration, shutdown, and the
//! bad inputs (malformed frames, unknown methods, broken headers, a client
//! that goes away). Answers are snapshots, so they are part of the API.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

use serde_json::{json, Value};

/// Only a guard against a server that never answers: a hung test fails
/// with a message instead of hanging CI. Nothing is timed against it.
const HANG: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications and server requests received while waiting for
    /// something else, in order.
    queue: Vec<Value>,
    next_id: i64,
    root: PathBuf,
}

fn read_frame(out: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn frame(value: &Value) -> Vec<u8> {
    let body = value.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Client {
    /// Starts the server in a new temporary directory (its `uihook.toml`
    /// discovery starts there).
    fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_uihook"))
            .arg("server")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start uihook server");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = mpsc::channel();
        thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut out) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            queue: Vec::new(),
            next_id: 0,
            root: root.to_owned(),
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.write(&frame(&message));
    }

    fn next(&mut self) -> Value {
        self.incoming
            .recv_timeout(HANG)
            .unwrap_or_else(|_| panic!("no message from the server within {HANG:?}"))
    }

    /// Sends a request and returns the whole response (result or error).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.write(&frame(&message));
        loop {
            let v = self.next();
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                return v;
            }
            self.queue.push(v);
        }
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        match response.get("result") {
            Some(r) => r.clone(),
            None => panic!("{method} failed: {response}"),
        }
    }

    /// Waits for the next notification `method` (queued or new).
    fn notification(&mut self, method: &str) -> Value {
        if let Some(i) = self.queue.iter().position(|v| v["method"] == method) {
            return self.queue.remove(i)["params"].clone();
        }
        loop {
            let v = self.next();
            if v["method"] == method {
                return v["params"].clone();
            }
            self.queue.push(v);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let p = self.notification("textDocument/publishDiagnostics");
            if p["uri"] == uri {
                return p;
            }
        }
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let root = format!("file://{}", self.root.display());
        let result = self.result(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn uri(&self, name: &str) -> String {
        format!("file://{}/{name}", self.root.display())
    }

    fn open(&mut self, name: &str, language: &str, text: &str) -> Value {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        self.diagnostics(&uri)
    }

    /// The code actions for diagnostic `d` of document `name`.
    fn actions(&mut self, name: &str, d: &Value) -> Value {
        let uri = self.uri(name);
        self.result(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
    }

    fn at(&self, name: &str, line: u32, character: u32) -> Value {
        json!({"textDocument": {"uri": self.uri(name)}, "position": {"line": line, "character": character}})
    }

    /// Shuts down and exits; returns the exit code.
    fn shutdown(mut self) -> Option<i32> {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    fn wait(mut self) -> Option<i32> {
        drop(self.stdin.take());
        for _ in 0..600 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("the server did not exit");
    }

    /// Replaces the temporary directory in `value` so snapshots are stable.
    fn stable(&self, value: &Value) -> Value {
        let text = value
            .to_string()
            .replace(&self.root.display().to_string(), "/ROOT");
        serde_json::from_str(&text).expect("json")
    }
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

/// A server in a new temporary directory, initialized with no client
/// capabilities (the directory lives as long as the first value).
fn started() -> (tempfile::TempDir, Client) {
    let dir = temp();
    let mut client = Client::start(dir.path());
    client.initialize(json!({}));
    (dir, client)
}

/// The published diagnostic with `code`.
fn diagnostic(published: &Value, code: &str) -> Value {
    items(&published["diagnostics"])
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} diagnostic in {published}"))
        .clone()
}

/// The codes of published diagnostics.
fn codes(published: &Value) -> Vec<String> {
    items(&published["diagnostics"])
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("none").to_owned())
        .collect()
}

fn items(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

/// The titles of code actions.
fn titles(actions: &Value) -> Vec<&str> {
    items(actions)
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect()
}

/// The code action whose title starts with `prefix`.
fn action<'a>(actions: &'a Value, prefix: &str) -> &'a Value {
    items(actions)
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
        .unwrap_or_else(|| panic!("no action `{prefix}…` in {actions}"))
}

/// The labels of a completion answer.
fn labels(result: &Value) -> Vec<String> {
    result
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["label"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Applies LSP text edits (UTF-16 positions; the test texts are ASCII) to `text`.
fn apply(text: &str, edits: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().expect("line") as usize;
        let character = p["character"].as_u64().expect("character") as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + character
    };
    let mut edits: Vec<&Value> = edits.as_array().expect("edits").iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut out = text.to_owned();
    for e in edits {
        let (s, t) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        out.replace_range(s..t, e["newText"].as_str().expect("newText"));
    }
    out
}

const PAGE: &str = "<Page>\n  <Button secondary action=\"go\">Go</Button>\n  <Notice type=\"eror\">x</Notice>\n</Page>\n";

#[test]
fn initialize_announces_capabilities() {
    let dir = temp();
    let mut client = Client::start(dir.path());
    let mut result = client.initialize(json!({}));
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    result["serverInfo"]["version"] = json!("[version]");
    insta::assert_json_snapshot!("server_initialize", result);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn diagnostics_on_open_and_change() {
    let (_dir, mut client) = started();
    let published = client.open("page.uihook", "uihook", PAGE);
    insta::assert_json_snapshot!("server_open_diagnostics", client.stable(&published));

    // An incremental edit: `eror` → `error` (line 2, characters 16..20).
    let uri = client.uri("page.uihook");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 2, "character": 16}, "end": {"line": 2, "character": 20}}, "text": "error"}
        ]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert_eq!(codes(&published), ["legacy-attribute"]);

    // Closing clears them.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn hover_shows_schema_and_rules() {
    let (_dir, mut client) = started();
    client.open("page.uihook", "uihook", PAGE);
    let on_component = client.result("textDocument/hover", client.at("page.uihook", 2, 4));
    let on_attribute = client.result("textDocument/hover", client.at("page.uihook", 2, 11));
    let on_legacy = client.result("textDocument/hover", client.at("page.uihook", 1, 12));
    let in_text = client.result("textDocument/hover", client.at("page.uihook", 1, 32));
    insta::assert_json_snapshot!("server_hover_component", on_component);
    insta::assert_json_snapshot!("server_hover_attribute", on_attribute);
    let legacy = on_legacy["contents"]["value"].as_str().expect("markdown");
    assert!(
        legacy.starts_with("`secondary` on `Button`: boolean flag"),
        "{legacy}"
    );
    assert!(
        legacy.contains("**warning** `legacy-attribute`"),
        "{legacy}"
    );
    assert!(legacy.contains("## What it does"), "{legacy}");
    assert_eq!(in_text, Value::Null);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn completion_offers_what_the_schema_allows() {
    let (_dir, mut client) = started();
    // Each case in a document of its own: an unfinished tag changes how
    // everything after it reads.
    let cases = [
        ("tag.uihook", "<Page>\n  <\n</Page>\n", (1, 3)),
        (
            "attr.uihook",
            "<Page>\n  <Notice type=\"error\" \n</Page>\n",
            (1, 23),
        ),
        ("value.uihook", "<Page>\n  <Notice type=\"\n", (1, 16)),
        ("close.uihook", "<Page>\n  <Box><P>x</P></\n", (1, 17)),
        ("text.uihook", "<Page>\n  hello \n</Page>\n", (1, 8)),
    ];
    let mut answers = Vec::new();
    for (name, text, (line, character)) in cases {
        client.open(name, "uihook", text);
        answers.push(client.result("textDocument/completion", client.at(name, line, character)));
    }
    let [components, attributes, values, closing, nothing] = &answers[..] else {
        unreachable!("five cases")
    };
    let names = labels(components);
    assert_eq!(names.len(), uihook_compiler::schema::COMPONENTS.len());
    assert!(names.iter().any(|n| n == "Button") && names.iter().any(|n| n == "Page"));
    let attributes = labels(attributes);
    assert!(
        !attributes.iter().any(|a| a == "type"),
        "written already: {attributes:?}"
    );
    insta::assert_json_snapshot!("server_complete_attributes", attributes);
    insta::assert_json_snapshot!("server_complete_values", client.stable(values));
    insta::assert_json_snapshot!("server_complete_closing", client.stable(closing));
    assert_eq!(nothing, &json!([]));
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn code_actions_apply_fixes() {
    let (_dir, mut client) = started();
    let published = client.open("page.uihook", "uihook", PAGE);
    let uri = client.uri("page.uihook");
    let legacy = diagnostic(&published, "legacy-attribute");
    let actions = client.actions("page.uihook", &legacy);
    insta::assert_json_snapshot!("server_code_actions", client.stable(&actions));
    let preferred = items(&actions)
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred fix");
    let fixed = apply(PAGE, &preferred["edit"]["changes"][&uri]);
    assert!(
        fixed.contains("<Button type=\"secondary\" action=\"go\">"),
        "{fixed}"
    );
    // The disable comment silences exactly that diagnostic.
    let disable = action(&actions, "Disable");
    let silenced = apply(PAGE, &disable["edit"]["changes"][&uri]);
    let analysed = |text: &str| -> Vec<String> {
        uihook_compiler::analyze(text, &Default::default())
            .diagnostics
            .iter()
            .map(|d| d.code.as_str().to_owned())
            .collect()
    };
    assert_eq!(analysed(PAGE), ["legacy-attribute", "invalid-enum-value"]);
    assert_eq!(analysed(&silenced), ["invalid-enum-value"], "{silenced}");

    // "Fix all" applies the safe fixes only.
    let all = client.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let all = items(&all);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.uihook");
    let fixed = apply(PAGE, &all[0]["edit"]["changes"][&uri]);
    assert_eq!(analysed(&fixed), ["invalid-enum-value"], "{fixed}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_line_inside_a_tag_is_disabled_around_the_tag() {
    let (_dir, mut client) = started();
    let text = "<Page>\n  <Button\n    secondary\n    action=\"go\">Go</Button>\n</Page>\n";
    let published = client.open("tag.uihook", "uihook", text);
    let uri = client.uri("tag.uihook");
    assert_eq!(codes(&published), ["legacy-attribute"]);
    let actions = client.actions("tag.uihook", &published["diagnostics"][0]);
    let disable = action(&actions, "Disable `legacy-attribute` for this tag");
    let silenced = apply(text, &disable["edit"]["changes"][&uri]);
    insta::assert_snapshot!("server_disable_around_tag", silenced);
    let left = uihook_compiler::analyze(&silenced, &Default::default()).diagnostics;
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn formatting_rewrites_markup_and_refuses_broken_documents() {
    let (_dir, mut client) = started();
    let messy = "<Page><Box   display='flex'><P>x</P></Box></Page>";
    client.open("messy.uihook", "uihook", messy);
    client.open("broken.uihook", "uihook", "<Page><Box></Page>");
    let options = json!({"tabSize": 2, "insertSpaces": true});
    let edits = client.result(
        "textDocument/formatting",
        json!({"textDocument": {"uri": client.uri("messy.uihook")}, "options": options}),
    );
    insta::assert_json_snapshot!("server_formatting", edits);
    let mut refused = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": client.uri("broken.uihook")}, "options": options}),
    );
    refused["id"] = json!("[id]");
    insta::assert_json_snapshot!("server_formatting_refused", refused);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn markup_in_javascript_is_checked_in_place() {
    let (_dir, mut client) = started();
    let source = "const { htm } = require('@zeit/integration-utils');\n\nmodule.exports = () => htm`<Page>\n  <Button secondary>Go</Button>\n  <Buton>x</Buton>\n</Page>`;\n";
    let published = client.open("hook.js", "javascript", source);
    insta::assert_json_snapshot!("server_js_diagnostics", client.stable(&published));
    let uri = client.uri("hook.js");
    // Completion inside the template.
    let items = client.result("textDocument/completion", client.at("hook.js", 3, 10));
    assert!(labels(&items).iter().any(|l| l == "action"), "{items}");
    let actions = client.actions("hook.js", &diagnostic(&published, "legacy-attribute"));
    assert_eq!(
        titles(&actions),
        [
            "Replace with `type=\"secondary\"`",
            "Disable `legacy-attribute` for this template"
        ]
    );
    let silenced = apply(source, &actions[1]["edit"]["changes"][&uri]);
    assert!(
        silenced.contains("= () => /* uihook-disable legacy-attribute */ htm`<Page>"),
        "{silenced}"
    );
    let report = uihook_extract::lint(&silenced, Path::new("hook.js"), &Default::default());
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["unknown-component"]);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn configuration_applies_and_reloads() {
    let dir = temp();
    std::fs::write(
        dir.path().join("uihook.toml"),
        "extra-components = [\"Chart\"]\n",
    )
    .expect("write");
    let mut client = Client::start(dir.path());
    client
        .initialize(json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}));
    // The server asks to watch uihook.toml files.
    let registration = client.notification("client/registerCapability");
    assert_eq!(
        registration["registrations"][0]["method"], "workspace/didChangeWatchedFiles",
        "{registration}"
    );
    assert_eq!(
        registration["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/uihook.toml"
    );
    let text = "<Page><Chart/><Button secondary>x</Button></Page>";
    let published = client.open("c.uihook", "uihook", text);
    assert_eq!(codes(&published), ["legacy-attribute"]);

    std::fs::write(
        dir.path().join("uihook.toml"),
        "extra-components = [\"Chart\"]\n[rules]\nlegacy-attribute = \"off\"\n",
    )
    .expect("write");
    let uri = client.uri("c.uihook");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": client.uri("uihook.toml"), "type": 2}]}),
    );
    assert_eq!(codes(&client.diagnostics(&uri)), Vec::<String>::new());

    std::fs::write(
        dir.path().join("uihook.toml"),
        "[rules]\nlegacy-atribute = \"off\"\n",
    )
    .expect("write");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": client.uri("uihook.toml"), "type": 2}]}),
    );
    let broken = client.diagnostics(&uri);
    insta::assert_json_snapshot!("server_broken_config", client.stable(&broken));
    let message = client.notification("window/showMessage");
    assert_eq!(message["type"], 1);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn bad_input_gets_errors_not_crashes() {
    let dir = temp();
    let mut client = Client::start(dir.path());
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize(json!({}));
    // A frame that is no JSON: reported, and the server goes on.
    client.write(b"Content-Length: 9\r\n\r\n{not json");
    let shown = client.notification("window/showMessage");
    assert!(
        shown["message"].as_str().is_some_and(
            |m| m.starts_with("uihook server: a message that is no JSON-RPC was skipped")
        ),
        "{shown}"
    );
    let unknown = client.request("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad_params = client.request("textDocument/hover", json!({"nope": 1}));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");
    let not_open = client.result("textDocument/hover", client.at("nowhere.uihook", 0, 0));
    assert_eq!(not_open, Value::Null);
    let outside = client.open("a.uihook", "uihook", "<Page/>");
    assert_eq!(outside["diagnostics"], json!([]));
    assert_eq!(
        client.result("textDocument/hover", client.at("a.uihook", 99, 0)),
        Value::Null
    );
    // A change outside the document: the server says so and clears.
    let uri = client.uri("a.uihook");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 1}}, "text": "x"}
        ]}),
    );
    let shown = client.notification("window/showMessage");
    assert!(
        shown["message"]
            .as_str()
            .is_some_and(|m| m.contains("lies outside the document")),
        "{shown}"
    );
    let again = client.request("initialize", json!({"capabilities": {}}));
    assert_eq!(again["error"]["code"], -32600, "{again}");
    let r = client.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(0));
}

#[test]
fn a_broken_header_or_a_vanished_client_ends_the_server() {
    let (_dir, mut client) = started();
    client.write(b"Content-Length: twelve\r\n\r\n");
    assert_eq!(client.wait(), Some(2));

    let (_dir, client) = started();
    assert_eq!(client.wait(), Some(1), "no shutdown before the input ended");

    let (_dir, mut client) = started();
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(1), "exit without shutdown");
}

#[test]
fn any_content_and_size_is_answered() {
    let (_dir, mut client) = started();
    // Binary noise, unbalanced everything, and a megabyte on one line.
    let noise: String = (0u32..20_000)
        .map(|i| char::from_u32((i * 7919) % 0x2FFF).unwrap_or('\u{FFFD}'))
        .collect();
    let published = client.open("noise.uihook", "uihook", &noise);
    assert!(published["diagnostics"]
        .as_array()
        .is_some_and(|d| !d.is_empty()));
    let big = format!("<Page>{}</Page>", "<Box a-b=\"1\">{</Box>".repeat(20_000));
    let published = client.open("big.uihook", "uihook", &big);
    let count = published["diagnostics"].as_array().map_or(0, Vec::len);
    assert!(count >= 40_000, "{count}");
    let hover = client.result("textDocument/hover", client.at("big.uihook", 0, 200_000));
    assert!(hover.is_object(), "{hover}");
    // Every action of a one-line document's thousands of diagnostics, in
    // one request: each kebab-case property has its fix and its disable
    // comment (a line before the document's only line).
    let line = format!(
        "<Page>{}</Page>",
        "<Box margin-top=\"1px\">x</Box>".repeat(5_000)
    );
    let published = client.open("line.uihook", "uihook", &line);
    assert_eq!(
        published["diagnostics"].as_array().map_or(0, Vec::len),
        5_000
    );
    let actions = client.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": client.uri("line.uihook")},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": line.len()}},
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let titles = titles(&actions);
    assert_eq!(titles.len(), 10_000);
    assert_eq!(
        titles[..2],
        [
            "Rename to `marginTop`",
            "Disable `kebab-case-css-property` for this line"
        ]
    );
    assert_eq!(client.shutdown(), Some(0));
}
