//! `uihook server`: a language server over standard input and output.
//!
//! It reads `.uihook` documents and the markup inside JS/TS documents with
//! the same analysis as `uihook lint` (and the same `uihook.toml`), and
//! answers with diagnostics, hover, completion, code actions (the
//! analysis's fixes) and formatting. One thread handles messages in order;
//! analysis after an edit waits [`DEBOUNCE`] for the next keystroke, and
//! any request about a document first brings its analysis up to date, so
//! answers always describe the text the client has.
//!
//! Modules: [`transport`] (framing), [`document`] (text and positions),
//! [`diagnostics`] (analysis and its LSP form), [`context`] (what the cursor
//! is on), [`language`] (hover, completion), [`actions`] (code actions,
//! formatting).

mod actions;
mod context;
mod diagnostics;
mod document;
mod language;
mod transport;

use std::collections::{HashMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern,
    HoverProviderCapability, InitializeParams, InitializeResult, MessageType, OneOf,
    PublishDiagnosticsParams, Registration, RegistrationParams, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use self::diagnostics::Analysed;
use self::document::{Document, Kind};
use crate::error::CliError;
use crate::Status;

/// How long analysis waits after an edit for the next one.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// `uihook server` options.
#[derive(clap::Args)]
pub struct ServerArgs {
    /// Talk over standard input and output (the only transport; accepted
    /// because many editors pass it).
    #[arg(long)]
    stdio: bool,
}

/// Runs the server until the client sends `exit` or goes away. Exit status
/// 0 after `shutdown` then `exit`, 1 when the client left without
/// `shutdown` (as the protocol asks), 2 when the input broke.
pub fn run(args: ServerArgs) -> Result<Status, CliError> {
    let _ = args.stdio;
    let stdio = transport::Stdio::start()?;
    let mut server = Server::new(stdio.outgoing.clone());
    let status = server.serve(&stdio.incoming);
    drop(server);
    stdio.finish()?;
    Ok(status)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShutDown,
}

/// An open document, its latest analysis, and when it is due again.
struct Open {
    doc: Document,
    analysed: Option<Analysed>,
    due: Option<Instant>,
}

struct Server {
    out: Sender<Message>,
    phase: Phase,
    docs: HashMap<Uri, Open>,
    /// Configuration errors already shown as messages, so each is shown once.
    shown: HashSet<String>,
    watch_config: bool,
    next_id: i32,
}

/// A request that could not be answered normally.
struct Failure(ErrorCode, String);

impl Server {
    fn new(out: Sender<Message>) -> Server {
        Server {
            out,
            phase: Phase::Uninitialized,
            docs: HashMap::new(),
            shown: HashSet::new(),
            watch_config: false,
            next_id: 0,
        }
    }

    fn send(&self, message: impl Into<Message>) {
        // The writer is gone only when the output closed; the read loop
        // then ends too, so there is nothing else to do.
        let _ = self.out.send(message.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_owned(), params));
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify::<note::ShowMessage>(ShowMessageParams { typ, message });
    }

    fn serve(&mut self, incoming: &Receiver<transport::Incoming>) -> Status {
        loop {
            let due = self.docs.values().filter_map(|o| o.due).min();
            let next = match due {
                Some(due) => incoming.recv_deadline(due),
                None => incoming.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match next {
                Err(RecvTimeoutError::Timeout) => self.publish_due(Instant::now()),
                Err(RecvTimeoutError::Disconnected) => {
                    return if self.phase == Phase::ShutDown {
                        Status::Clean
                    } else {
                        eprintln!(
                            "uihook server: the client closed the connection without `shutdown`"
                        );
                        Status::Findings
                    };
                }
                Ok(transport::Incoming::Malformed(why)) => {
                    eprintln!("uihook server: {why}");
                    self.show(MessageType::ERROR, format!("uihook server: {why}"));
                }
                Ok(transport::Incoming::Broken(why)) => {
                    eprintln!("uihook server: {why}; stopping");
                    return Status::Trouble;
                }
                Ok(transport::Incoming::Message(message)) => {
                    if let Some(status) = self.handle(message) {
                        return status;
                    }
                }
            }
        }
    }

    /// Handles one message; `Some` when the server should stop.
    fn handle(&mut self, message: Message) -> Option<Status> {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let response = match panic::catch_unwind(AssertUnwindSafe(|| self.request(request)))
                {
                    Ok(Ok(result)) => Response::new_ok(id, result),
                    Ok(Err(Failure(code, message))) => Response::new_err(id, code as i32, message),
                    Err(_) => Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        "uihook server hit a bug answering this request; please report it"
                            .to_owned(),
                    ),
                };
                self.send(response);
                None
            }
            Message::Notification(n) if n.method == note::Exit::METHOD => {
                Some(if self.phase == Phase::ShutDown {
                    Status::Clean
                } else {
                    Status::Findings
                })
            }
            Message::Notification(n) => {
                let method = n.method.clone();
                if panic::catch_unwind(AssertUnwindSafe(|| self.notification(n))).is_err() {
                    self.show(
                        MessageType::ERROR,
                        format!("uihook server hit a bug handling `{method}`; please report it"),
                    );
                }
                None
            }
            // Answers to our own requests (the watcher registration).
            Message::Response(_) => None,
        }
    }

    fn request(&mut self, request: Request) -> Result<Value, Failure> {
        match (self.phase, request.method.as_str()) {
            (Phase::Uninitialized, req::Initialize::METHOD) => {
                let params: InitializeParams = params(request.params)?;
                self.watch_config = params
                    .capabilities
                    .workspace
                    .and_then(|w| w.did_change_watched_files)
                    .and_then(|w| w.dynamic_registration)
                    .unwrap_or(false);
                self.phase = Phase::Running;
                json(initialize_result())
            }
            (Phase::Uninitialized, _) => Err(Failure(
                ErrorCode::ServerNotInitialized,
                format!("`{}` before `initialize`", request.method),
            )),
            (Phase::ShutDown, _) => Err(Failure(
                ErrorCode::InvalidRequest,
                format!("`{}` after `shutdown`", request.method),
            )),
            (Phase::Running, req::Initialize::METHOD) => Err(Failure(
                ErrorCode::InvalidRequest,
                "`initialize` was already received".to_owned(),
            )),
            (Phase::Running, req::Shutdown::METHOD) => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, req::HoverRequest::METHOD) => {
                let p: lsp_types::HoverParams = params(request.params)?;
                let at = p.text_document_position_params;
                let hover = self.with_offset(&at.text_document.uri, at.position, language::hover);
                json(hover.flatten())
            }
            (Phase::Running, req::Completion::METHOD) => {
                let p: lsp_types::CompletionParams = params(request.params)?;
                let at = p.text_document_position;
                let items =
                    self.with_offset(&at.text_document.uri, at.position, language::complete);
                json(items.map(lsp_types::CompletionResponse::Array))
            }
            (Phase::Running, req::CodeActionRequest::METHOD) => {
                let p: lsp_types::CodeActionParams = params(request.params)?;
                let uri = p.text_document.uri;
                let Some(open) = self.current(&uri) else {
                    return Ok(Value::Null);
                };
                let Some(span) = open.doc.span(p.range) else {
                    return Ok(Value::Null);
                };
                let Some(analysed) = &open.analysed else {
                    return Ok(Value::Null);
                };
                json(actions::code_actions(
                    &open.doc,
                    analysed,
                    &span,
                    p.context.only.as_deref(),
                ))
            }
            (Phase::Running, req::Formatting::METHOD) => {
                let p: lsp_types::DocumentFormattingParams = params(request.params)?;
                let Some(open) = self.docs.get(&p.text_document.uri) else {
                    return Err(Failure(
                        ErrorCode::InvalidParams,
                        "the document is not open".to_owned(),
                    ));
                };
                match actions::format(&open.doc) {
                    Ok(edits) => json(edits),
                    Err(why) => {
                        self.show(MessageType::WARNING, format!("uihook: {why}"));
                        Err(Failure(ErrorCode::RequestFailed, why))
                    }
                }
            }
            (Phase::Running, method) => Err(Failure(
                ErrorCode::MethodNotFound,
                format!("uihook server does not handle `{method}`"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) {
        if self.phase == Phase::Uninitialized {
            return;
        }
        match n.method.as_str() {
            note::Initialized::METHOD => self.register_watcher(),
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidOpenTextDocumentParams>(n.params) else {
                    return self.bad_notification(&n.method);
                };
                let item = p.text_document;
                let path = document::file_path(&item.uri);
                let Some(kind) = Kind::of(path.as_deref(), &item.language_id) else {
                    return;
                };
                let doc = Document::new(item.uri.clone(), kind, item.version, item.text);
                self.docs.insert(
                    item.uri.clone(),
                    Open {
                        doc,
                        analysed: None,
                        due: None,
                    },
                );
                self.analyse(&item.uri);
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidChangeTextDocumentParams>(n.params) else {
                    return self.bad_notification(&n.method);
                };
                let Some(open) = self.docs.get_mut(&p.text_document.uri) else {
                    return;
                };
                if let Err(why) = open.doc.apply(p.text_document.version, p.content_changes) {
                    // The texts disagree from here on: say so, and stop
                    // describing a text the client does not have.
                    open.analysed = None;
                    open.due = None;
                    let uri = open.doc.uri.clone();
                    self.show(
                        MessageType::ERROR,
                        format!("uihook server: {why}; reopen the document"),
                    );
                    self.publish(&uri, Vec::new(), None);
                    return;
                }
                open.due = Some(Instant::now() + DEBOUNCE);
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidCloseTextDocumentParams>(n.params) else {
                    return self.bad_notification(&n.method);
                };
                if self.docs.remove(&p.text_document.uri).is_some() {
                    self.publish(&p.text_document.uri, Vec::new(), None);
                }
            }
            note::DidChangeWatchedFiles::METHOD | note::DidChangeConfiguration::METHOD => {
                let now = Instant::now();
                for open in self.docs.values_mut() {
                    open.due = Some(now);
                }
            }
            _ => {}
        }
    }

    fn bad_notification(&self, method: &str) {
        self.show(
            MessageType::ERROR,
            format!("uihook server: ignored a `{method}` notification with malformed parameters"),
        );
    }

    /// Asks the client to report changes to any `uihook.toml`, when it can.
    fn register_watcher(&mut self) {
        if !self.watch_config {
            return;
        }
        self.next_id += 1;
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "uihook-config".to_owned(),
                method: note::DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Request::new(
            RequestId::from(self.next_id),
            req::RegisterCapability::METHOD.to_owned(),
            params,
        ));
    }

    /// Analyses every document that is due by `now` and publishes.
    fn publish_due(&mut self, now: Instant) {
        let due: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, o)| o.due.is_some_and(|d| d <= now))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.analyse(&uri);
        }
    }

    /// Analyses a document now and publishes its diagnostics.
    fn analyse(&mut self, uri: &Uri) {
        let Some(open) = self.docs.get_mut(uri) else {
            return;
        };
        let analysed = match panic::catch_unwind(AssertUnwindSafe(|| {
            diagnostics::analyse(&open.doc)
        })) {
            Ok(a) => a,
            Err(_) => {
                open.due = None;
                self.show(
                    MessageType::ERROR,
                    "uihook server hit a bug analysing this document; please report it".to_owned(),
                );
                return;
            }
        };
        let shown = diagnostics::to_lsp(&open.doc, &analysed);
        let version = Some(open.doc.version);
        let config_error = analysed.config.as_ref().err().map(|e| e.to_string());
        open.analysed = Some(analysed);
        open.due = None;
        if let Some(e) = config_error {
            if self.shown.insert(e.clone()) {
                self.show(MessageType::ERROR, format!("uihook: {e}"));
            }
        }
        self.publish(uri, shown, version);
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        });
    }

    /// The open document at `uri` with its analysis brought up to date.
    fn current(&mut self, uri: &Uri) -> Option<&Open> {
        if self.docs.get(uri)?.due.is_some() {
            self.analyse(uri);
        }
        self.docs.get(uri)
    }

    /// Runs `f` on the current document and analysis at `position`
    /// (`None` when the document is not open or the position is outside it).
    fn with_offset<T>(
        &mut self,
        uri: &Uri,
        position: lsp_types::Position,
        f: impl FnOnce(&Document, &Analysed, usize) -> T,
    ) -> Option<T> {
        let open = self.current(uri)?;
        let offset = open.doc.offset(position)?;
        Some(f(&open.doc, open.analysed.as_ref()?, offset))
    }
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, Failure> {
    serde_json::from_value(value).map_err(|e| {
        Failure(
            ErrorCode::InvalidParams,
            format!("malformed parameters: {e}"),
        )
    })
}

fn json(value: impl serde::Serialize) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|e| Failure(ErrorCode::InternalError, e.to_string()))
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(["<", "/", " ", "\"", "'"].map(str::to_owned).to_vec()),
                ..Default::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::from(actions::FIX_ALL),
                ]),
                ..Default::default()
            })),
            document_formatting_provider: Some(OneOf::Left(true)),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "uihook".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}
