//! The server's side of the LSP base protocol over standard input and output:
//! `Content-Length` framed JSON-RPC messages.
//!
//! `lsp-server` gives the message types and writes frames; reading is ours
//! because its reader ends the connection on the first malformed payload
//! and allocates whatever a `Content-Length` header claims. Here a frame
//! whose JSON is malformed is reported and skipped (the stream is still in
//! step, since the whole body was read), a body larger than [`MAX_BODY`] is
//! read through in chunks and reported, and only a broken header (after
//! which the stream cannot be trusted) or the end of input closes the
//! connection.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::Message;

/// The largest message body read into memory: far above any real document
/// (the whole analysis of a document this size takes seconds), far below
/// what would exhaust the machine.
pub const MAX_BODY: usize = 256 << 20;

/// What the reader passes on.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed message.
    Message(Message),
    /// A frame that was read whole but is no JSON-RPC message: reported to
    /// the client, and the connection goes on.
    Malformed(String),
    /// The input cannot be read any further: a broken header or an I/O
    /// error. The connection ends.
    Broken(String),
}

/// One frame's body, or why there is none.
enum Frame {
    Body(Vec<u8>),
    TooLarge(usize),
    End,
}

/// Reads one frame. Header names are case-insensitive; headers other than
/// `Content-Length` (such as `Content-Type`) are ignored.
fn read_frame(input: &mut impl BufRead) -> Result<Frame, String> {
    let mut length = None;
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        // A header line is short; a "line" of megabytes is no header.
        let read = input
            .by_ref()
            .take(8192)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if read == 0 {
            return if first {
                Ok(Frame::End)
            } else {
                Err("standard input ended inside a message header".to_owned())
            };
        }
        first = false;
        let Some(text) = line.strip_suffix(b"\r\n") else {
            return Err(format!(
                "malformed message header {:?}: a header line must end with \\r\\n",
                String::from_utf8_lossy(&line)
            ));
        };
        if text.is_empty() {
            break;
        }
        let text = std::str::from_utf8(text).map_err(|_| "a message header is not UTF-8")?;
        let Some((name, value)) = text.split_once(':') else {
            return Err(format!(
                "malformed message header {text:?}: expected `Name: value`"
            ));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("Content-Length `{value}` is not a number"))?,
            );
        }
    }
    let Some(length) = length else {
        return Err("a message header has no Content-Length".to_owned());
    };
    if length > MAX_BODY {
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if skipped < length as u64 {
            return Err("standard input ended inside a message".to_owned());
        }
        return Ok(Frame::TooLarge(length));
    }
    let mut body = vec![0; length];
    input
        .read_exact(&mut body)
        .map_err(|_| "standard input ended inside a message".to_owned())?;
    Ok(Frame::Body(body))
}

/// Reads messages from `input` and sends them to `to` until the input ends,
/// breaks, or an `exit` notification arrives.
pub fn read_loop(mut input: impl BufRead, to: &Sender<Incoming>) {
    loop {
        let incoming = match read_frame(&mut input) {
            Ok(Frame::End) => return,
            Ok(Frame::TooLarge(length)) => Incoming::Malformed(format!(
                "a message of {length} bytes was skipped: the limit is {MAX_BODY} bytes"
            )),
            Ok(Frame::Body(body)) => match serde_json::from_slice::<Message>(&body) {
                Ok(message) => Incoming::Message(message),
                Err(e) => {
                    Incoming::Malformed(format!("a message that is no JSON-RPC was skipped: {e}"))
                }
            },
            Err(why) => {
                let _ = to.send(Incoming::Broken(why));
                return;
            }
        };
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if to.send(incoming).is_err() || exit {
            return;
        }
    }
}

/// Writes every message received on `from` to `out`, until the channel
/// closes or the output does.
pub fn write_loop(mut out: impl Write, from: &Receiver<Message>) -> io::Result<()> {
    for message in from {
        message.write(&mut out)?;
    }
    out.flush()
}

/// The two threads of a connection over standard input and output, and the
/// channels to them.
pub struct Stdio {
    /// Incoming messages.
    pub incoming: Receiver<Incoming>,
    /// Outgoing messages.
    pub outgoing: Sender<Message>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl Stdio {
    /// Starts the reader and writer threads. The reader is never joined: it
    /// may be blocked on standard input when the server exits, and the
    /// process ending stops it.
    pub fn start() -> io::Result<Stdio> {
        let (in_tx, incoming) = crossbeam_channel::bounded(16);
        let (outgoing, out_rx) = crossbeam_channel::bounded::<Message>(16);
        thread::Builder::new()
            .name("uihook-server-reader".to_owned())
            .spawn(move || read_loop(io::stdin().lock(), &in_tx))?;
        let writer = thread::Builder::new()
            .name("uihook-server-writer".to_owned())
            .spawn(move || write_loop(io::stdout().lock(), &out_rx))?;
        Ok(Stdio {
            incoming,
            outgoing,
            writer,
        })
    }

    /// Closes the outgoing channel and waits until everything sent was
    /// written.
    pub fn finish(self) -> io::Result<()> {
        drop(self.outgoing);
        self.writer
            .join()
            .map_err(|_| io::Error::other("the writer thread failed"))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<String> {
        let (tx, rx) = crossbeam_channel::unbounded();
        read_loop(input, &tx);
        drop(tx);
        rx.iter()
            .map(|i| match i {
                Incoming::Message(m) => {
                    format!("message {}", serde_json::to_string(&m).unwrap_or_default())
                }
                Incoming::Malformed(why) => format!("malformed: {why}"),
                Incoming::Broken(why) => format!("broken: {why}"),
            })
            .collect()
    }

    #[test]
    fn reads_frames_and_survives_malformed_bodies() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\nnope!content-length: {}\r\nContent-Type: x\r\n\r\n{good}",
            good.len()
        );
        let got = frames(input.as_bytes());
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("malformed: a message that is no JSON-RPC was skipped"));
        assert!(got[1].starts_with("message ") && got[1].contains("initialized"));
    }

    #[test]
    fn a_broken_header_ends_the_connection_with_a_reason() {
        assert_eq!(
            frames(b"Content-Length: 2\n\n{}"),
            ["broken: malformed message header \"Content-Length: 2\\n\": a header line must end with \\r\\n"]
        );
        assert_eq!(
            frames(b"Content-Length: lots\r\n\r\n"),
            ["broken: Content-Length `lots` is not a number"]
        );
        assert_eq!(
            frames(b"Content-Length: 10\r\n\r\n{}"),
            ["broken: standard input ended inside a message"]
        );
        assert_eq!(
            frames(b"X: 1\r\n\r\n"),
            ["broken: a message header has no Content-Length"]
        );
        assert!(frames(b"").is_empty());
    }

    #[test]
    fn a_huge_length_is_never_allocated() {
        let got = frames(format!("Content-Length: {}\r\n\r\n", usize::MAX).as_bytes());
        assert_eq!(got, ["broken: standard input ended inside a message"]);
    }
}
