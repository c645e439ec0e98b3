//! Pieces the integration tests share: reading one HTTP request in the small
//! hooks they serve on 127.0.0.1, the CORS headers the dashboard needs,
//! where cargo put the examples, and asking `uihook dev` for the view. Each test crate uses some of them.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::Duration;

/// The CORS headers a hook answers with.
pub const CORS: &str = "Access-Control-Allow-Origin: *\r\n\
Access-Control-Allow-Methods: GET, POST, DELETE, OPTIONS\r\n\
Access-Control-Allow-Headers: Authorization, Accept, Content-Type\r\n";

/// Reads one HTTP/1.1 request from `stream` (waiting at most `timeout` for
/// each read): its request line and its body.
pub fn read_request(stream: &TcpStream, timeout: Duration) -> std::io::Result<(String, Vec<u8>)> {
    stream.set_read_timeout(Some(timeout))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        if header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((line, body))
}

/// `target/debug`, found from the running test binary
/// (`target/debug/deps/NAME-HASH`).
pub fn debug_dir() -> PathBuf {
    std::env::current_exe()
        .expect("test binary")
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/debug")
        .to_path_buf()
}

/// POSTs a view action to `uihook dev`'s `/_uihook/action` at `address`
/// (waiting at most `timeout` for the answer); the whole answer, headers
/// included, or an empty string when nothing listens there yet.
pub fn view_action(address: &str, timeout: Duration) -> String {
    let body = r#"{"action":"view","clientState":{}}"#;
    let Ok(mut stream) = TcpStream::connect(address) else {
        return String::new();
    };
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = write!(
        stream,
        "POST /_uihook/action HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}
