//! A document's text in memory: read from a file once, checked as UTF-8
//! once, and shared by the lint, the fixes and every output format without
//! a copy.
//!
//! A file of [`HUGE_PAGES_FROM`] bytes or more is read into an anonymous
//! memory map advised to use transparent huge pages. Read into an ordinary
//! allocation, the kernel faults in a fresh 4 KiB page every 4 KiB: for the
//! 10 MB page of `cli/bench/run.sh` that was 6.4–6.9 ms of a 68 ms lint,
//! against 2.8 ms in 2 MiB pages (docs/performance.md). The map is private
//! and anonymous, so no other process can change the bytes under the parser
//! (which a map of the file itself would allow); where the kernel has no
//! huge pages, the advice is refused and the map works as plain memory.
//!
//! Bytes that are not UTF-8 are an error that says where: the line, column
//! and byte offset of the first bad byte, which std's "stream did not
//! contain valid UTF-8" leaves the user to hunt for in a large file.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use bytestring::ByteString;
use uihook_compiler::diagnostic::NotUtf8;

/// A document's text: a cheaply cloned, immutable UTF-8 string.
pub type Text = ByteString;

/// Files at least this large are read into huge pages: below one 2 MiB
/// page the kernel would fall back to small ones anyway.
pub const HUGE_PAGES_FROM: u64 = 2 << 20;

/// Reads the file at `path` as UTF-8 text. Bytes that are not UTF-8 give
/// an [`io::ErrorKind::InvalidData`] error that names the first one's line,
/// column and byte offset.
pub fn read(path: &Path) -> io::Result<Text> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    if len >= HUGE_PAGES_FROM {
        if let Some(text) = read_mapped(&mut file, len)? {
            return Ok(text);
        }
        // The file grew while it was read: start again the ordinary way,
        // so that nothing past the size first seen is lost.
        file = File::open(path)?;
    }
    read_all(file)
}

/// Reads all of `reader` (standard input, say) as UTF-8 text, with the
/// same error as [`read`] for bytes that are not UTF-8.
pub fn read_all(mut reader: impl Read) -> io::Result<Text> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text.into()),
        Err(e) => Err(not_utf8(e.as_bytes(), e.utf8_error())),
    }
}

/// The error for `bytes`, which `error` found not to be UTF-8.
fn not_utf8(bytes: &[u8], error: std::str::Utf8Error) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "{}; UIHook markup and payloads are UTF-8 text: save the file as UTF-8",
            NotUtf8::new(bytes, error)
        ),
    )
}

/// Reads `file`, of `len` bytes when it was opened, into an anonymous map;
/// `None` when it turns out longer than that.
fn read_mapped(file: &mut File, len: u64) -> io::Result<Option<Text>> {
    let size = usize::try_from(len).map_err(|_| io::Error::other("file too large"))?;
    let mut map = memmap2::MmapOptions::new().len(size).map_anon()?;
    #[cfg(target_os = "linux")]
    {
        // Only advice: a kernel built without transparent huge pages says
        // no, and the map stays usable.
        let _ = map.advise(memmap2::Advice::HugePage);
    }
    let mut filled = 0;
    while filled < size {
        match file.read(&mut map[filled..]) {
            Ok(0) => break, // the file shrank: what is there is the text
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if filled == size && file.read(&mut [0u8])? != 0 {
        return Ok(None);
    }
    let bytes = bytes::Bytes::from_owner(map.make_read_only()?).slice(..filled);
    // A clone of `Bytes` shares the map: kept for the error's location.
    ByteString::try_from(bytes.clone())
        .map(Some)
        .map_err(|e| not_utf8(&bytes, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `len` bytes: `unit` repeated, then padded with `x`.
    fn file_of(dir: &Path, len: usize, unit: &str) -> std::path::PathBuf {
        let mut text = unit.repeat(len / unit.len());
        text.push_str(&"x".repeat(len - text.len()));
        let path = dir.join(format!("f{len}"));
        std::fs::write(&path, &text).expect("write");
        path
    }

    #[test]
    fn large_and_small_files_read_as_the_standard_library_reads_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let limit = HUGE_PAGES_FROM as usize;
        for len in [0, 1, 4095, limit - 1, limit, limit + 4097] {
            let path = file_of(dir.path(), len, "<P>é &amp; ü</P>\n");
            let text = read(&path).expect("read");
            assert_eq!(*text, std::fs::read_to_string(&path).expect("std"), "{len}");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_located_at_every_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        for len in [10, HUGE_PAGES_FROM as usize + 3] {
            let path = dir.path().join(format!("bad{len}"));
            // Line 2 holds a two-byte character, then the bad byte.
            let mut bytes = b"<P>\n\xC3\xA9".to_vec();
            bytes.push(0xff);
            bytes.resize(len, b'a');
            std::fs::write(&path, &bytes).expect("write");
            let ours = read(&path).expect_err("not UTF-8");
            let std = std::fs::read_to_string(&path).expect_err("not UTF-8");
            assert_eq!(ours.kind(), std.kind(), "{len}");
            assert_eq!(
                ours.to_string(),
                "0xFF is not UTF-8 at line 2, column 2 (byte offset 6); \
                 UIHook markup and payloads are UTF-8 text: save the file as UTF-8",
                "{len}"
            );
        }
    }

    #[test]
    fn text_cut_inside_a_character_is_located() {
        let error = read_all(&b"<P>\xE2\x82"[..]).expect_err("cut short");
        assert_eq!(
            error.to_string(),
            "the text ends inside a UTF-8 character (0xE2 0x82) at line 1, column 4 \
             (byte offset 3); UIHook markup and payloads are UTF-8 text: save the file as UTF-8"
        );
        assert_eq!(*read_all(&b"<P>\xE2\x82\xAC"[..]).expect("UTF-8"), *"<P>€");
    }

    #[test]
    fn a_file_that_grows_during_the_read_is_read_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = file_of(dir.path(), HUGE_PAGES_FROM as usize, "<P>x</P>");
        let mut file = File::open(&path).expect("open");
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| io::Write::write_all(&mut f, b"<B>more</B>"))
            .expect("append");
        // The size seen when the file was opened is now one byte short.
        let seen = HUGE_PAGES_FROM;
        assert!(read_mapped(&mut file, seen).expect("read").is_none());
        let text = read(&path).expect("read");
        assert!(
            text.ends_with("<B>more</B>"),
            "{}",
            &text[text.len() - 20..]
        );
    }

    #[test]
    fn a_file_that_shrank_before_the_read_gives_what_is_left() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = file_of(dir.path(), HUGE_PAGES_FROM as usize, "<P>y</P>");
        let mut file = File::open(&path).expect("open");
        let text = read_mapped(&mut file, HUGE_PAGES_FROM + 100)
            .expect("read")
            .expect("not longer than seen");
        assert_eq!(*text, std::fs::read_to_string(&path).expect("std"));
    }
}
