//! The checks behind the fuzz targets in `fuzz/`, kept here so that the
//! normal test suite replays the committed corpus through exactly the same
//! code (`tests/fuzz_corpus.rs`), with no fuzzer installed.
//!
//! Each function panics when a property of the compiler is broken.

use arbitrary::Unstructured;

use crate::ast::Node;
use crate::diagnostic::floor_char_boundary;
use crate::escape::{
    js_string_into, markup_attr, markup_attr_into, markup_text, markup_text_into,
    markup_text_into_hot,
};
use crate::fix::{apply_edits, Edit};
use crate::generate::{self, Limits};
use crate::report::render_report;
use crate::{analyze, check, parse, render, Options, Settings, Severity, Span};

/// Arbitrary bytes → lossy UTF-8 → lex, parse, validate, render the report.
/// Validating while parsing (`check`) finds what walking the tree finds.
/// No panic, every span lies inside the input on character boundaries, and
/// every fix applies to the input and gives text that analyses again.
pub fn parse_target(data: &[u8]) {
    let src = String::from_utf8_lossy(data);
    let diagnostics = check(&src, &Options::default());
    // `check` validates as it parses, without the tree; walking the tree
    // must find the same.
    assert_eq!(
        diagnostics,
        analyze(&src, &Settings::default()).diagnostics,
        "diagnose and analyze differ"
    );
    // The first few fixes only: each costs a second analysis.
    for fix in diagnostics.iter().flat_map(|d| &d.fixes).take(4) {
        let edits: Vec<&Edit<Span>> = fix.edits.iter().collect();
        let fixed = apply_edits(&src, &edits)
            .unwrap_or_else(|| panic!("{fix:?} does not apply to the input"));
        let _ = check(&fixed, &Options::default());
    }
    for d in &diagnostics {
        for label in &d.labels {
            let span = &label.span;
            assert!(
                span.start <= span.end && span.end <= src.len(),
                "{span:?} outside {}",
                src.len()
            );
            assert!(
                src.is_char_boundary(span.start) && src.is_char_boundary(span.end),
                "{span:?} not on a char boundary"
            );
        }
    }
    // Rendering is checked on the first few only: miette's graphical report
    // costs far more than the parse and would slow the fuzzer a hundredfold.
    let _ = render_report(
        &diagnostics[..diagnostics.len().min(4)],
        "fuzz.uihook",
        &src,
        false,
        80,
    );
}

/// Inputs that parse without errors render to markup that parses to the
/// same tree, and rendering is idempotent.
pub fn roundtrip_target(data: &[u8]) {
    let src = String::from_utf8_lossy(data);
    let parsed = parse(&src);
    if parsed.has_errors() {
        return;
    }
    let Ok(first) = render(&parsed.document) else {
        return;
    };
    let reparsed = parse(&first);
    assert!(
        !reparsed.has_errors(),
        "rendered output has errors: {first:?} {:?}",
        reparsed.diagnostics
    );
    assert_eq!(
        reparsed.document.tree(),
        parsed.document.tree(),
        "tree changed: {first:?}"
    );
    let second = render(&reparsed.document).expect("a tree that parsed renders");
    assert_eq!(first, second, "rendering is not idempotent");
}

/// Arbitrary strings escaped for text, attributes and JS strings decode back
/// exactly through the parser, and the appending escapers (with their
/// separate path for values of 64 bytes or less) write exactly what the
/// borrowing ones return.
pub fn escape_target(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let mut appended = String::from("x");
    markup_text_into(&s, &mut appended);
    assert_eq!(appended[1..], *markup_text(&s), "text {s:?}");
    appended.truncate(1);
    markup_text_into_hot(&s, &mut appended);
    assert_eq!(appended[1..], *markup_text(&s), "hot text {s:?}");
    appended.truncate(1);
    markup_attr_into(&s, &mut appended);
    assert_eq!(appended[1..], *markup_attr(&s), "attr {s:?}");
    let mut js = String::new();
    js_string_into(&s, &mut js);
    let src = format!(
        "<P a=\"{}\" b={{\"{js}\"}}>{}</P>{{\"{js}\"}}",
        markup_attr(&s),
        markup_text(&s)
    );
    let parsed = parse(&src);
    assert!(
        parsed.diagnostics.is_empty(),
        "{src:?}: {:?}",
        parsed.diagnostics
    );
    let Some(Node::Element(p)) = parsed.document.nodes.first() else {
        panic!("no element in {src:?}");
    };
    assert_eq!(p.attrs[0].value.as_str(), Some(s.as_ref()));
    assert_eq!(p.attrs[1].value.as_str(), Some(s.as_ref()));
    let text: String = p
        .children
        .iter()
        .map(|n| match n {
            Node::Text(t) => t.value.to_string(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(text, s);
}

/// A document generated from the schema renders to markup with no errors
/// and parses back to the same tree.
pub fn structured_target(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(doc) = generate::document(&mut u, &Limits::default()) else {
        return;
    };
    let text = render(&doc).expect("generated names are valid");
    let errors: Vec<_> = check(&text, &Options::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{text}\n{errors:#?}");
    assert_eq!(parse(&text).document.tree(), doc.tree(), "{text}");
}

/// The characters mutations insert: the ones every construct turns on.
pub const ALPHABET: &[&str] = &[
    "<", ">", "/", "{", "}", "\"", "'", "=", "&", ";", "&amp;", "&#", "\\", "\n", "\r\n", " ", "a",
    "P", "<B>", "</B>", "/*", "*/", "\u{2028}", "é", "!", "-", "`",
];

/// A small deterministic generator (xorshift64*), so runs compare.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// `src` after one to four edits: a piece of [`ALPHABET`] inserted, up to
/// eight bytes deleted, or one character replaced by such a piece, so that
/// error recovery runs in every context of a clean document.
pub fn mutate(src: &str, rng: &mut Rng) -> String {
    let mut s = src.to_owned();
    for _ in 0..1 + rng.below(4) {
        let at = floor_char_boundary(&s, rng.below(s.len() + 1));
        match rng.below(3) {
            0 => s.insert_str(at, ALPHABET[rng.below(ALPHABET.len())]),
            1 => {
                let mut end = (at + 1 + rng.below(8)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            }
            _ => {
                let mut end = (at + 1).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, ALPHABET[rng.below(ALPHABET.len())]);
            }
        }
    }
    s
}
