//! The renderer process of `fuzz-renderer`: started from the command line,
//! fed one JSON request per line, read one JSON answer per line.
//!
//! Writing and reading happen on their own threads, so that a renderer that
//! stops reading its input or never answers costs exactly `--timeout` and
//! never blocks uihook: the main thread only ever waits on a channel with a
//! deadline. A renderer that fails a case (exits, hangs, writes garbage) is
//! killed and started again for the next one, since its stream can no
//! longer be trusted to be in step.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::json;

use super::template::Case;

/// The longest answer line accepted (a rendering of the longest case is a
/// few megabytes); a longer line is garbage, not a reason to run out of memory.
const MAX_LINE: u64 = 32 * 1024 * 1024;

/// How much of the renderer's standard error is kept for a crash report.
const STDERR_TAIL: usize = 2000;

/// How a case went wrong at the process level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The renderer exited (or closed its output) before answering.
    Exited(String),
    /// No answer within the time-out.
    Timeout,
    /// A line that is not an answer to this request.
    Garbage(String),
    /// `{"error": …}`.
    Refused(String),
}

impl Failure {
    /// A short name of the kind of failure, for grouping findings.
    pub fn kind(&self) -> &'static str {
        match self {
            Failure::Exited(_) => "exited",
            Failure::Timeout => "timed out",
            Failure::Garbage(_) => "garbage",
            Failure::Refused(_) => "refused",
        }
    }
}

enum Line {
    Text(Vec<u8>),
    TooLong,
    End,
}

struct Running {
    child: Child,
    requests: Option<Sender<Vec<u8>>>,
    answers: Receiver<Line>,
    stderr: Arc<Mutex<VecDeque<u8>>>,
}

/// A renderer command, started on demand.
pub struct Renderer {
    command: Vec<String>,
    timeout: Duration,
    running: Option<Running>,
    next_id: u64,
}

#[derive(Deserialize)]
struct Answer {
    id: Option<u64>,
    markup: Option<String>,
    error: Option<String>,
}

impl Renderer {
    /// A renderer for `command` (program and arguments); nothing starts yet.
    pub fn new(command: Vec<String>, timeout: Duration) -> Renderer {
        Renderer {
            command,
            timeout,
            running: None,
            next_id: 0,
        }
    }

    fn start(&self) -> io::Result<Running> {
        let (program, args) = self
            .command
            .split_first()
            .ok_or_else(|| io::Error::other("no renderer command given"))?;
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| io::Error::new(e.kind(), format!("cannot start `{program}`: {e}")))?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| io::Error::other("no stdin"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        let stderr_pipe = child
            .stderr
            .take()
            .ok_or_else(|| io::Error::other("no stderr"))?;
        let (requests, inbox) = mpsc::channel::<Vec<u8>>();
        thread::spawn(move || write_requests(stdin, inbox));
        let (outbox, answers) = mpsc::channel();
        thread::spawn(move || read_answers(stdout, outbox));
        let stderr = Arc::new(Mutex::new(VecDeque::new()));
        let tail = Arc::clone(&stderr);
        thread::spawn(move || keep_tail(stderr_pipe, &tail));
        Ok(Running {
            child,
            requests: Some(requests),
            answers,
            stderr,
        })
    }

    /// Renders one case. `Err` only when the renderer cannot be started at
    /// all; everything the renderer does wrong is a [`Failure`].
    pub fn render(&mut self, case: &Case) -> io::Result<Result<String, Failure>> {
        if self.running.is_none() {
            self.running = Some(self.start()?);
        }
        let Some(running) = self.running.as_mut() else {
            return Err(io::Error::other("the renderer is not running"));
        };
        self.next_id += 1;
        let id = self.next_id;
        let mut line = serde_json::to_vec(&json!({
            "id": id,
            "template": case.template,
            "values": case.values,
        }))
        .map_err(io::Error::other)?;
        line.push(b'\n');
        // A send fails only once the writer gave up on a closed pipe; the
        // reader then reports the end of the output.
        if let Some(requests) = &running.requests {
            let _ = requests.send(line);
        }
        let outcome = match running.answers.recv_timeout(self.timeout) {
            Ok(Line::Text(bytes)) => match serde_json::from_slice::<Answer>(&bytes) {
                Ok(Answer { id: Some(got), .. }) if got != id => Err(Failure::Garbage(format!(
                    "the answer is for request {got}, not {id}"
                ))),
                Ok(Answer {
                    id: Some(_),
                    markup: Some(markup),
                    error: None,
                }) => Ok(markup),
                Ok(Answer {
                    id: Some(_),
                    error: Some(error),
                    ..
                }) => Err(Failure::Refused(error)),
                _ => Err(Failure::Garbage(format!(
                    "not an answer: {}",
                    excerpt(&String::from_utf8_lossy(&bytes))
                ))),
            },
            Ok(Line::TooLong) => Err(Failure::Garbage(format!(
                "an answer line longer than {MAX_LINE} bytes"
            ))),
            Ok(Line::End) | Err(RecvTimeoutError::Disconnected) => {
                Err(Failure::Exited(self.exit_report()))
            }
            Err(RecvTimeoutError::Timeout) => Err(Failure::Timeout),
        };
        if matches!(
            outcome,
            Err(Failure::Timeout | Failure::Garbage(_) | Failure::Exited(_))
        ) {
            self.stop();
        }
        Ok(outcome)
    }

    /// How the process ended, with the end of its standard error.
    fn exit_report(&mut self) -> String {
        let Some(running) = self.running.as_mut() else {
            return "not running".to_owned();
        };
        let status = wait_for(&mut running.child, Duration::from_secs(2));
        // The stderr thread may still be draining the pipe.
        thread::sleep(Duration::from_millis(20));
        let tail = running
            .stderr
            .lock()
            .map(|mut t| String::from_utf8_lossy(t.make_contiguous()).into_owned())
            .unwrap_or_default();
        let status = match status {
            Some(s) => s.to_string(),
            None => "still running, output closed".to_owned(),
        };
        if tail.trim().is_empty() {
            status
        } else {
            format!("{status}; standard error ends with: {}", tail.trim_end())
        }
    }

    /// Ends the process: its input is closed, and it is killed if it has
    /// not exited shortly after.
    pub fn stop(&mut self) {
        if let Some(mut running) = self.running.take() {
            running.requests = None;
            if wait_for(&mut running.child, Duration::from_millis(200)).is_none() {
                let _ = running.child.kill();
                let _ = running.child.wait();
            }
        }
    }
}

impl Drop for Renderer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn wait_for(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(5)),
            _ => return None,
        }
    }
}

fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(200).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    format!("{out:?}")
}

fn write_requests(mut stdin: ChildStdin, inbox: Receiver<Vec<u8>>) {
    for line in inbox {
        if stdin.write_all(&line).and_then(|()| stdin.flush()).is_err() {
            return;
        }
    }
}

fn read_answers(stdout: impl Read, outbox: Sender<Line>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut line = Vec::new();
        let read = (&mut reader)
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut line);
        let message = match read {
            Ok(0) | Err(_) => Line::End,
            Ok(_) if line.last() == Some(&b'\n') => {
                line.pop();
                Line::Text(line)
            }
            Ok(n) if n as u64 > MAX_LINE => Line::TooLong,
            // The output ended in the middle of a line.
            Ok(_) => Line::Text(line),
        };
        let stop = matches!(message, Line::End | Line::TooLong);
        if outbox.send(message).is_err() || stop {
            return;
        }
    }
}

fn keep_tail(stderr: impl Read, tail: &Mutex<VecDeque<u8>>) {
    let mut reader = BufReader::new(stderr);
    let mut buf = [0u8; 4096];
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            return;
        }
        let Ok(mut t) = tail.lock() else { return };
        t.extend(&buf[..n]);
        let excess = t.len().saturating_sub(STDERR_TAIL);
        t.drain(..excess);
    }
}
