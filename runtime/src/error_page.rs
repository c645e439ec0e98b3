//! The page a UIHook answers with when its handler fails, the reference code
//! that ties that page to the server log, and the `GET` info page.
//!
//! The dashboard shows whatever markup comes back, so a failed hook must
//! still answer with markup: the reference runtime sent a fixed page of red
//! `Box`es saying "Internal Integration Error" with a 20-character code, and
//! logged the error under that code. We send the same page (the code goes
//! through the compiler's text escaper, as every dynamic text does).

use std::fmt;

use uihook_compiler::escape::markup_text_into;

/// Characters of a [`ReferenceCode`], as the reference runtime's `uid(20)`.
pub const REFERENCE_CODE_LEN: usize = 20;

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A random 20-character alphanumeric code shown on the error page and
/// logged next to the error, so a user's screenshot finds the log line.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ReferenceCode([u8; REFERENCE_CODE_LEN]);

impl ReferenceCode {
    /// A fresh random code (from the OS generator; should that fail, from
    /// the time and a counter: a reference code is not a secret).
    pub fn new() -> ReferenceCode {
        let mut code = [0u8; REFERENCE_CODE_LEN];
        let mut filled = 0;
        let mut random = [0u8; 32];
        while filled < REFERENCE_CODE_LEN {
            if getrandom::fill(&mut random).is_err() {
                fallback_bytes(&mut random);
            }
            for &b in &random {
                // 248 = 4 × 62: rejecting the rest keeps every letter
                // equally likely.
                if b < 248 && filled < REFERENCE_CODE_LEN {
                    code[filled] = ALPHABET[usize::from(b % 62)];
                    filled += 1;
                }
            }
        }
        ReferenceCode(code)
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters and digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("????????????????????")
    }
}

fn fallback_bytes(out: &mut [u8; 32]) {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    for chunk in out.chunks_mut(8) {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(t.as_nanos());
        }
        chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
    }
}

impl Default for ReferenceCode {
    fn default() -> Self {
        ReferenceCode::new()
    }
}

impl fmt::Display for ReferenceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for ReferenceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReferenceCode({})", self.as_str())
    }
}

/// The "Internal Integration Error" page showing `code`: the reference
/// runtime's page, as one line of valid UIHook markup (a `String`: this
/// crate does not name `Markup`, see [`crate::answer`]; `uihook::error_page`
/// gives it as a `Markup`).
pub fn error_page(code: &ReferenceCode) -> String {
    error_page_for(code.as_str())
}

/// [`error_page`] for a code you made yourself (escaped here).
pub fn error_page_for(code: &str) -> String {
    let mut out = String::with_capacity(320);
    out.push_str(
        "<Page><Box/><Box color=\"red\">\
         <Box fontSize=\"18px\" fontWeight=\"600\">Internal Integration Error</Box>\
         <Box fontWeight=\"500\">Reference Code: ",
    );
    markup_text_into(code, &mut out);
    out.push_str(
        "</Box><Box fontSize=\"12px\" lineHeight=\"15px\">\
         Contact the Integration developer for more information.</Box></Box></Page>",
    );
    out
}

/// The HTML page a browser sees on `GET`: says this is a UIHook that wants
/// POST requests, and links to the documentation.
pub const INFO_PAGE: &str = "<!doctype html>\n<html><head><meta charset=\"utf-8\">\
<title>UIHook</title><style>body{font-family:-apple-system,BlinkMacSystemFont,\"Segoe UI\",\
Roboto,\"Helvetica Neue\",sans-serif;line-height:25px;text-align:center}\
a{color:#067df7;text-decoration:none;border-bottom:1px solid}</style></head>\
<body><h1>This is a ZEIT Integration UIHook!</h1>\
<p>Next, this UIHook needs to accept HTTP POST requests.<br>\
To learn more about that, <a href=\"https://zeit.co/docs/integrations#creating-an-integration\">\
click here</a>.</p><p>Served by uihook.</p></body></html>\n";

/// [`INFO_PAGE`] as a function, for symmetry with [`error_page`].
pub fn info_page() -> &'static str {
    INFO_PAGE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_20_alphanumerics_and_differ() {
        let a = ReferenceCode::new();
        let b = ReferenceCode::new();
        assert_eq!(a.as_str().len(), REFERENCE_CODE_LEN);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }

    #[test]
    fn page_is_valid_markup_with_the_code() {
        let code = ReferenceCode::new();
        let page = error_page(&code);
        assert!(page.contains(&format!("Reference Code: {code}")));
        let diagnostics = uihook_compiler::check(&page, &uihook_compiler::Options::default());
        assert!(
            diagnostics
                .iter()
                .all(|d| d.severity != uihook_compiler::Severity::Error),
            "{diagnostics:?}"
        );
    }

    #[test]
    fn custom_codes_are_escaped() {
        let page = error_page_for("<B>{x}&");
        assert!(page.contains("Reference Code: &lt;B&gt;&#123;x&#125;&amp;</Box>"));
    }
}
