//! Differential testing against the host parser (`@zeit/react-jsx-parser`
//! 2.0.0, catalog §B.3). Driven by `fuzz/differential/run.sh`:
//!
//! ```text
//! cargo run --release -p uihook-compiler --example differential -- corpus DIR [COUNT]
//! node fuzz/differential/host.js DIR > host.jsonl
//! cargo run --release -p uihook-compiler --example differential -- compare DIR host.jsonl
//! ```
//!
//! `corpus` writes the bundled examples, `COUNT` generated valid documents in
//! canonical style and as many in the reference renderer's `{"json"}` style,
//! and mutated (mostly invalid) variants. `compare` parses each document with
//! our parser, turns our tree into what the host would have produced (unknown
//! components dropped, `on*` attributes removed, `"true"`/`"false"` made
//! booleans, …) and compares outcome and tree with the host's JSON line.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use arbitrary::Unstructured;
use serde_json::{json, Value};
use uihook_compiler::ast::{
    AttrValue, Attribute, Document, Element, ExprValue, Literal, Name, Node, Span, StrForm, Text,
    TreeNode, TreeValue,
};
use uihook_compiler::escape::{js_string_into, markup_attr_into};
use uihook_compiler::generate::{self, Limits};
use uihook_compiler::{check, parse, render, Options, Severity};

/// Stands for the mutation while the document is rendered.
const MARKER: &str = "\u{E000}";

/// Raw snippets put where a child goes: `(kind, snippet)`.
const CHILD_MUTATIONS: &[(&str, &str)] = &[
    ("raw-lt", "a < b"),
    ("raw-lt-tight", "1<2"),
    ("raw-lt-space-catalog", "a < P>x</P>"),
    ("raw-brace", "a { b"),
    ("gt-and-close-brace", "a > b } c"),
    ("html-comment", "<!-- note -->"),
    ("mismatched-tag", "<P>x</B>"),
    ("unclosed-element", "<P>x"),
    ("stray-close-tag", "x</P>"),
    ("unknown-component", "<Foo>x</Foo>"),
    ("lower-case-html", "<div>x</div>"),
    ("lower-case-catalog", "<page>x</page>"),
    ("script", "<script>x</script>"),
    ("style", "<style>x</style>"),
    ("html-body-wrapper", "<body><P>x</P></body>"),
    ("fragment", "<>x</>"),
    ("member-name", "<P.x>y</P.x>"),
    ("namespaced-name", "<a:b>x</a:b>"),
    ("prototype-name", "<toString>x</toString>"),
    ("dash-name", "<my-el>x</my-el>"),
    ("space-in-tags", "< P >x</ P >"),
    ("self-closing-space", "<BR / >"),
    ("template-literal", "{`x`}"),
    ("identifier", "{x}"),
    ("leftover-interpolation", "${name}"),
    ("binary-expression", "{\"a\" + \"b\"}"),
    ("conditional-expression", "{true ? \"a\" : \"b\"}"),
    ("line-separator", "{\"a\u{2028}b\"}"),
    ("paragraph-separator", "{\"a\u{2029}b\"}"),
    ("escaped-line-separator", "{\"a\\u2028b\"}"),
    ("empty-container", "{}"),
    ("comment-container", "{/* c */}"),
    ("line-comment-container", "{// c\n}"),
    ("unterminated-comment", "{/* c }"),
    ("single-quoted-string", "{'a\"b'}"),
    ("js-escapes", "{\"t\\tn\\nq\\\"u\\u00e9x\\x41\"}"),
    ("invalid-escape", "{\"\\u12\"}"),
    ("lone-surrogate", "{\"\\uD800\"}"),
    ("surrogate-pair-escape", "{\"\\uD83D\\uDE00\"}"),
    ("number-literal", "{42}"),
    ("hex-literal", "{0x10}"),
    ("exponent-literal", "{1e3}"),
    ("negative-literal", "{-1}"),
    ("float-literal", "{1.50}"),
    ("true-literal", "{true}"),
    ("null-literal", "{null}"),
    ("regex-literal", "{/a/}"),
    ("object-literal", "{{a: 1}}"),
    ("array-literal", "{[\"a\", \"b\"]}"),
    ("element-container", "{<BR />}"),
    ("entity-named", "a &amp; b &lt; c &nbsp; d &eacute;"),
    ("entity-no-semicolon", "&quot x &amp"),
    ("entity-unknown", "&bigcup; &foo;"),
    ("entity-decimal", "&#65;&#x42;"),
    ("entity-upper-hex", "&#X41;"),
    ("entity-astral", "&#128512;"),
    ("entity-zero", "&#0;"),
    ("crlf-text", "a\r\nb"),
    ("cr-text", "a\rb"),
    ("nbsp-text", "\u{a0}a\u{a0}"),
    ("doctype-inside", "<!DOCTYPE html>"),
    ("cdata", "<![CDATA[x]]>"),
    ("spread-attribute", "<Box {...x} />"),
    ("duplicate-attribute", "<Box margin=\"1px\" margin=\"2px\" />"),
    ("event-handler", "<Button onClick=\"x\">x</Button>"),
    ("class-attribute", "<Box class=\"a\" />"),
    ("style-attribute", "<Box style=\"color: red; font-size: 2px\" />"),
    ("dash-attribute", "<Box data-x=\"1\" font-size=\"2px\" />"),
    ("namespaced-attribute", "<Box a:b=\"1\" />"),
    ("unknown-attribute", "<Box foo=\"1\" />"),
    ("closing-tag-attr", "<P>x</P a=\"1\">"),
    ("deep-nesting", "<Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box><Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box></Box>"),
    ("bom", "\u{feff}x"),
    ("dollar-underscore-name", "<$x>y</$x><_P>z</_P>"),
    ("digit-attr-name", "<Box _a1$=\"1\" />"),
    ("comment-in-tag", "<P /* c */ >x</P>"),
    ("line-comment-in-tag", "<P // c\n>x</P>"),
    ("nbsp-in-tag", "<P\u{a0}>x</P>"),
    ("line-separator-in-tag", "<P\u{2028}>x</P>"),
    ("form-feed-in-tag", "<P\u{c}\u{b}>x</P>"),
    ("ideographic-space-in-tag", "<P\u{3000}>x</P>"),
    ("ogham-space-in-tag", "<P\u{1680}>x</P>"),
    ("mongolian-separator-in-tag", "<P\u{180e}>x</P>"),
    ("en-quad-in-tag", "<P\u{2000}>x</P>"),
    ("hair-space-in-tag", "<P\u{200a}>x</P>"),
    ("narrow-nbsp-in-tag", "<P\u{202f}>x</P>"),
    ("math-space-in-tag", "<P\u{205f}>x</P>"),
    ("bom-in-tag", "<P\u{feff}>x</P>"),
    ("next-line-in-tag", "<P\u{85}>x</P>"),
    ("line-separator-text", "a\u{2028}b"),
    ("leading-dot-number", "{.5}"),
    ("trailing-dot-number", "{5.}"),
    ("binary-number", "{0b101}"),
    ("octal-number", "{0o17}"),
    ("legacy-octal-number", "{017}"),
    ("leading-zero-decimal", "{08}"),
    ("numeric-separator", "{1_000}"),
    ("bigint", "{1n}"),
    ("big-number", "{1e21}"),
    ("small-number", "{0.0000001}"),
    ("octal-escape", "{\"a\\1b\"}"),
    ("nul-escape", "{\"a\\0b\"}"),
    ("identity-escape", "{\"\\a\\q\\$\"}"),
    ("hex-escape-short", "{\"\\x4\"}"),
    ("code-point-escape", "{\"\\u{1F600}\"}"),
    ("line-continuation", "{\"a\\\nb\"}"),
    ("crlf-continuation", "{\"a\\\r\nb\"}"),
    ("comment-then-string", "{/* c */ \"x\"}"),
    ("string-then-comment", "{\"x\" /* c */}"),
    ("spaces-around-string", "{ \"x\" }"),
    ("parenthesized-string", "{(\"x\")}"),
    ("two-comments", "{/* a */ /* b */}"),
    ("not-expression", "{!0}"),
    ("plus-expression", "{+5}"),
    ("entity-upper-name", "&AMP; &Amp;"),
    ("entity-hex-astral", "&#x1F600;"),
    ("entity-surrogate", "&#xD800;"),
    ("entity-empty-numeric", "&#; &#x;"),
    ("entity-long", "&abcdefghijkl; &thetasym;"),
    ("entity-at-end", "x &amp"),
    ("entity-in-string-container", "{\"&amp;\"}"),
    ("close-brace-only", "}"),
    ("gt-only", ">"),
    ("empty-attr-string", "<Box x=\"\" />"),
    ("newline-in-tags", "<P\n>x</P\n>"),
    ("very-deep-nesting", "DEEP"),
    ("unicode-text", "é 😀 → \u{200b}"),
    ("backslash-text", "a\\nb"),
];

/// What replaces ` x="MARKER"` on an element: `(kind, snippet)`.
const ATTR_MUTATIONS: &[(&str, &str)] = &[
    ("unquoted-value", " x=100"),
    ("empty-attr-container", " x={}"),
    ("identifier-value", " x={y}"),
    ("template-literal-value", " x={`t`}"),
    ("line-separator-value", " x={\"a\u{2028}b\"}"),
    ("line-separator-in-quotes", " x=\"a\u{2028}b\""),
    ("backslash-quote-value", " x=\"a\\\"b\""),
    ("backslash-value", " x=\"a\\nb\""),
    ("single-quoted-value", " x='a\"b'"),
    ("entity-value", " x=\"a&quot;b&amp;c&#39;d\""),
    ("entity-no-semicolon-value", " x=\"say &quothi&quot\""),
    ("raw-lt-brace-value", " x=\"a<b{c}>d\""),
    ("newline-value", " x=\"a\nb\""),
    ("crlf-value", " x=\"a\r\nb\""),
    ("element-value", " x={<P>y</P>}"),
    ("bare-element-value", " x=<P>y</P>"),
    ("flag", " x"),
    ("number-value", " x={5000}"),
    ("negative-value", " x={-5}"),
    ("true-string", " x=\"true\""),
    ("false-js-string", " x={\"false\"}"),
    ("true-literal-value", " x={true}"),
    ("null-value", " x={null}"),
    ("js-single-quoted-value", " x={'a\\'b'}"),
    ("js-escape-value", " x={\"\\u00e9\\n\\\"\"}"),
    ("binary-value", " x={1+2}"),
    ("comment-value", " x={/* c */}"),
    ("event-handler-name", " onClick=\"y\""),
    ("upper-event-handler-name", " ONCLICK=\"y\""),
    ("dash-name-value", " data-x=\"1\""),
    ("duplicate-flag", " x x=\"2\""),
    ("class-name", " class=\"a\""),
    ("for-name", " for=\"a\""),
    ("spread", " {...y}"),
    ("no-space-between-attrs", " x=\"1\"y=\"2\""),
    ("spaces-around-equals", " x = \"1\""),
    ("newline-before-value", " x=\n\"1\""),
    ("entity-astral-value", " x=\"&#128512;\""),
    ("entity-upper-value", " x=\"&AMP;\""),
    ("octal-escape-value", " x={\"\\1\"}"),
    ("code-point-escape-value", " x={\"\\u{E9}\"}"),
    ("line-continuation-value", " x={\"a\\\nb\"}"),
    ("nul-value", " x=\"a\u{0}b\""),
    ("parenthesized-value", " x={(\"y\")}"),
    ("comment-then-value", " x={/* c */ \"y\"}"),
    ("empty-single-quoted", " x=''"),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("corpus") if args.len() >= 2 => {
            let count = args.get(2).and_then(|c| c.parse().ok()).unwrap_or(2000);
            write_corpus(Path::new(&args[1]), count)
        }
        Some("compare") if args.len() >= 3 => compare(Path::new(&args[1]), Path::new(&args[2])),
        _ => Err(
            "usage: differential corpus DIR [COUNT] | differential compare DIR HOST.jsonl"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------- corpus

fn write_corpus(dir: &Path, count: u64) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let write = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))
    };
    // The host's component map is the schema's allow-list, written next to
    // the corpus for host.js, so no second copy of the list exists.
    let names: Vec<String> = uihook_compiler::schema::COMPONENTS
        .iter()
        .map(|c| format!("{:?}", c.name))
        .collect();
    let catalog = dir.parent().unwrap_or(dir).join("catalog.json");
    std::fs::write(&catalog, format!("[{}]\n", names.join(", ")))
        .map_err(|e| format!("catalog.json: {e}"))?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut examples = Vec::new();
    collect(&root, &mut examples).map_err(|e| e.to_string())?;
    for path in &examples {
        let rel = path.strip_prefix(&root).unwrap_or(path);
        let name = rel.to_string_lossy().replace('/', "-");
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        write(&format!("ex-{name}"), &text)?;
    }
    let limits = Limits::default();
    let mut written = examples.len();
    for seed in 0..count {
        let doc = generated(seed, &limits)?;
        write(&format!("canon-{seed:05}.uihook"), &canonical(&doc)?)?;
        write(&format!("json-{seed:05}.uihook"), &json_style(&doc))?;
        written += 2;
    }
    // Each mutation on several generated documents, in both styles.
    let per_kind = 12u64;
    for (k, (kind, snippet)) in CHILD_MUTATIONS.iter().enumerate() {
        for j in 0..per_kind {
            let seed = 1_000_000 + (k as u64) * 1000 + j;
            let mut doc = generated(seed, &limits)?;
            insert_child(&mut doc, seed);
            let text = if j % 2 == 0 {
                canonical(&doc)?
            } else {
                json_style(&doc)
            };
            let snippet = if *snippet == "DEEP" {
                format!("{}x{}", "<Box>".repeat(300), "</Box>".repeat(300))
            } else {
                (*snippet).to_owned()
            };
            write(
                &format!("mut-{kind}-{j:02}.uihook"),
                &text.replacen(MARKER, &snippet, 1),
            )?;
            written += 1;
        }
    }
    for (k, (kind, snippet)) in ATTR_MUTATIONS.iter().enumerate() {
        for j in 0..per_kind {
            let seed = 2_000_000 + (k as u64) * 1000 + j;
            let mut doc = generated(seed, &limits)?;
            insert_attr(&mut doc, seed);
            let (text, placeholder) = if j % 2 == 0 {
                (canonical(&doc)?, format!(" x=\"{MARKER}\""))
            } else {
                (json_style(&doc), format!(" x={{\"{MARKER}\"}}"))
            };
            write(
                &format!("mut-{kind}-{j:02}.uihook"),
                &text.replacen(&placeholder, snippet, 1),
            )?;
            written += 1;
        }
    }
    // Whole-document mutations.
    for j in 0..per_kind {
        let doc = generated(3_000_000 + j, &limits)?;
        let text = canonical(&doc)?;
        write(
            &format!("mut-mismatched-root-{j:02}.uihook"),
            &text.replacen("</Page>", "</Pag>", 1),
        )?;
        write(
            &format!("mut-truncated-{j:02}.uihook"),
            &text[..text.floor_char_boundary_compat(text.len() * 2 / 3)],
        )?;
        write(
            &format!("mut-doctype-{j:02}.uihook"),
            &format!("<!DOCTYPE html>\n{text}"),
        )?;
        write(
            &format!("mut-lower-doctype-{j:02}.uihook"),
            &format!("<!doctype html>{text}"),
        )?;
        write(
            &format!("mut-surrounding-whitespace-{j:02}.uihook"),
            &format!("\n\t {text} \n"),
        )?;
        write(
            &format!("mut-two-roots-{j:02}.uihook"),
            &format!("{text}\n{text}"),
        )?;
        write(
            &format!("mut-top-level-text-{j:02}.uihook"),
            &format!("hello {text} bye"),
        )?;
        written += 7;
    }
    for (name, text) in [
        ("empty", ""),
        ("whitespace-only", " \n\t "),
        ("text-only", "hello"),
        ("nbsp-around", "\u{a0}<Page>x</Page>\u{a0}"),
        ("bom-start", "\u{feff}<Page>x</Page>"),
        ("doctype-only", "<!DOCTYPE html>"),
        ("doctype-space-after", "<!DOCTYPE html> <Page>x</Page>"),
        ("comment-only", "{/* c */}"),
        ("crlf-document", "<Page>\r\n<P>a\r\nb</P>\r\n</Page>"),
    ] {
        write(&format!("doc-{name}.uihook"), text)?;
        written += 1;
    }
    eprintln!("wrote {written} documents to {}", dir.display());
    Ok(())
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, out)?;
        } else if entry.extension().is_some_and(|e| e == "uihook") {
            out.push(entry);
        }
    }
    Ok(())
}

fn generated(seed: u64, limits: &Limits) -> Result<Document<'static, Span>, String> {
    let bytes = generate::seeded_bytes(seed, 4096);
    generate::document(&mut Unstructured::new(&bytes), limits)
        .map_err(|e| format!("seed {seed}: {e}"))
}

fn canonical(doc: &Document<'_, Span>) -> Result<String, String> {
    render(doc).map_err(|e| e.to_string())
}

/// A small deterministic choice from `seed`.
fn pick(seed: u64, salt: u64, n: usize) -> usize {
    let bytes = generate::seeded_bytes(seed ^ salt.wrapping_mul(0x9E37_79B9), 8);
    let mut v = [0u8; 8];
    v.copy_from_slice(&bytes);
    (u64::from_le_bytes(v) % n.max(1) as u64) as usize
}

/// Index paths of the elements that have children (so take some).
fn parent_paths(nodes: &[Node<'_, Span>], path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    for (i, node) in nodes.iter().enumerate() {
        if let Node::Element(e) = node {
            path.push(i);
            if !e.children.is_empty() {
                out.push(path.clone());
            }
            parent_paths(&e.children, path, out);
            path.pop();
        }
    }
}

fn all_paths(nodes: &[Node<'_, Span>], path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    for (i, node) in nodes.iter().enumerate() {
        if let Node::Element(e) = node {
            path.push(i);
            out.push(path.clone());
            all_paths(&e.children, path, out);
            path.pop();
        }
    }
}

fn element_at<'d, 'a>(
    nodes: &'d mut [Node<'a, Span>],
    path: &[usize],
) -> Option<&'d mut Element<'a, Span>> {
    let (first, rest) = path.split_first()?;
    let Node::Element(e) = nodes.get_mut(*first)? else {
        return None;
    };
    if rest.is_empty() {
        Some(e)
    } else {
        element_at(&mut e.children, rest)
    }
}

fn insert_child(doc: &mut Document<'static, Span>, seed: u64) {
    let mut paths = Vec::new();
    parent_paths(&doc.nodes, &mut Vec::new(), &mut paths);
    let path = paths
        .get(pick(seed, 1, paths.len()))
        .cloned()
        .unwrap_or_else(|| vec![0]);
    if let Some(e) = element_at(&mut doc.nodes, &path) {
        let at = pick(seed, 2, e.children.len() + 1);
        e.children.insert(
            at,
            Node::Text(Text {
                value: MARKER.into(),
                span: 0..0,
            }),
        );
    }
}

fn insert_attr(doc: &mut Document<'static, Span>, seed: u64) {
    let mut paths = Vec::new();
    all_paths(&doc.nodes, &mut Vec::new(), &mut paths);
    let path = paths
        .get(pick(seed, 3, paths.len()))
        .cloned()
        .unwrap_or_else(|| vec![0]);
    if let Some(e) = element_at(&mut doc.nodes, &path) {
        let at = pick(seed, 4, e.attrs.len() + 1);
        e.attrs.insert(
            at,
            Attribute {
                span: 0..0,
                name: Name {
                    text: "x".into(),
                    span: 0..0,
                },
                value: AttrValue::Str {
                    value: MARKER.into(),
                    form: StrForm::Double,
                    span: 0..0,
                },
            },
        );
    }
}

/// The reference renderer's style (`@zeit/integration-utils` ≥ 0.6.2):
/// `<Name a={"json"} >` + children joined by newlines + `</Name>`, text as
/// one `{"…"}` per line, flags as `{"true"}` — but with U+2028/U+2029
/// escaped (the renderer's bug §D.6.5 is tested separately).
fn json_style(doc: &Document<'_, Span>) -> String {
    let mut out = String::new();
    json_nodes(&doc.nodes, &mut out);
    out
}

fn js_string(s: &str, out: &mut String) {
    out.push_str("{\"");
    js_string_into(s, out);
    out.push_str("\"}");
}

fn json_text(s: &str, out: &mut String) {
    if s == MARKER {
        out.push_str(MARKER);
        return;
    }
    let lines: Vec<&str> = s.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        if i + 1 < lines.len() {
            js_string(&format!("{line}\n"), out);
        } else {
            js_string(line, out);
        }
    }
}

fn json_nodes(nodes: &[Node<'_, Span>], out: &mut String) {
    for (i, node) in nodes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match node {
            Node::Element(e) => json_element(e, out),
            Node::Text(t) => json_text(&t.value, out),
            Node::Expr(x) => match &x.value {
                ExprValue::Literal(Literal::Str(s)) => json_text(s, out),
                ExprValue::Literal(l) => json_text(&literal_string(l), out),
                ExprValue::Element(e) => json_element(e, out),
            },
            Node::Comment(c) => {
                out.push('{');
                out.push_str(&c.text);
                out.push('}');
            }
            Node::Dynamic(_) | Node::Error(_) => {}
        }
    }
}

fn literal_string(l: &Literal<'_>) -> String {
    match l {
        Literal::Str(s) => s.to_string(),
        Literal::Number(n) => js_number(n),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".to_owned(),
    }
}

fn json_element(e: &Element<'_, Span>, out: &mut String) {
    let _ = write!(out, "<{} ", e.name.text);
    for a in &e.attrs {
        let _ = write!(out, "{}=", a.name.text);
        match &a.value {
            AttrValue::Flag => js_string("true", out),
            AttrValue::Str { value, .. } => js_string(value, out),
            AttrValue::Literal { value, .. } => js_string(&literal_string(value), out),
            AttrValue::Element(inner) => {
                out.push('{');
                json_element(inner, out);
                out.push('}');
            }
            AttrValue::Dynamic(_) | AttrValue::Invalid(_) => {
                out.push('"');
                markup_attr_into("", out);
                out.push('"');
            }
        }
        out.push(' ');
    }
    out.push('>');
    json_nodes(&e.children, out);
    let _ = write!(out, "</{}>", e.name.text);
}

// ---------------------------------------------------------------- compare

/// A JS number literal as `String(Number(literal))` shows it.
fn js_number(lit: &str) -> String {
    let (neg, body) = match lit.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, lit.strip_prefix('+').unwrap_or(lit)),
    };
    let lower = body.to_ascii_lowercase();
    let radix = |p: &str, r: u32| {
        u64::from_str_radix(&lower[p.len()..], r)
            .ok()
            .map(|v| v as f64)
    };
    let value = if lower.starts_with("0x") {
        radix("0x", 16)
    } else if lower.starts_with("0o") {
        radix("0o", 8)
    } else if lower.starts_with("0b") {
        radix("0b", 2)
    } else if lower.len() > 1 && lower.starts_with('0') && lower.bytes().all(|b| b.is_ascii_digit())
    {
        // Legacy octal in sloppy-mode scripts (acorn's default).
        if lower.bytes().any(|b| b == b'8' || b == b'9') {
            lower.parse().ok()
        } else {
            radix("0", 8)
        }
    } else {
        lower.parse::<f64>().ok()
    };
    let Some(mut v) = value else {
        return format!("?{lit}");
    };
    if neg {
        v = -v;
    }
    if v == 0.0 {
        return "0".to_owned();
    }
    if v.abs() >= 1e21 || v.abs() < 1e-6 {
        // JS switches to exponent form here: 1e+21, 1.5e-7.
        let e = format!("{v:e}");
        match e.split_once('e') {
            Some((m, x)) if !x.starts_with('-') => format!("{m}e+{x}"),
            _ => e,
        }
    } else if v.fract() == 0.0 {
        format!("{}", v as i128)
    } else {
        format!("{v}")
    }
}

fn is_js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Our tree, as the host would have built it (catalog §B.3).
fn host_view(nodes: &[TreeNode]) -> Vec<Value> {
    let mut out = Vec::new();
    for node in nodes {
        host_node(node, &mut out);
    }
    out
}

fn push_text(out: &mut Vec<Value>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Value::Object(last)) = out.last_mut() {
        if let Some(Value::String(prev)) = last.get_mut("t") {
            prev.push_str(text);
            return;
        }
    }
    out.push(json!({ "t": text }));
}

fn host_node(node: &TreeNode, out: &mut Vec<Value>) {
    match node {
        TreeNode::Text(t) => push_text(out, t),
        TreeNode::Literal(l) => match l.as_str() {
            "true" | "false" | "null" => {}
            n => push_text(out, &js_number(n)),
        },
        TreeNode::Comment(_) | TreeNode::Dynamic | TreeNode::Error(_) => {}
        TreeNode::Element(name, attrs, children) => {
            let lower = name.to_ascii_lowercase();
            if matches!(lower.as_str(), "html" | "head" | "body") {
                for child in children {
                    if let TreeNode::Element(..) = child {
                        host_node(child, out);
                    }
                }
                return;
            }
            if lower == "script"
                || lower == "style"
                || uihook_compiler::schema::component_named(name).is_none()
            {
                return;
            }
            let mut props: BTreeMap<String, Value> = BTreeMap::new();
            for (attr, value) in attrs {
                let key = match attr.as_str() {
                    "class" => "className",
                    "for" => "htmlFor",
                    "maxlength" => "maxLength",
                    "colspan" => "colSpan",
                    "rowspan" => "rowSpan",
                    other => other,
                };
                let lower = key.to_ascii_lowercase();
                if lower.len() > 2 && lower.starts_with("on") {
                    continue;
                }
                props.insert(key.to_owned(), host_value(value));
            }
            let attrs: Vec<Value> = props.into_iter().map(|(k, v)| json!([k, v])).collect();
            out.push(json!({ "e": name, "a": attrs, "c": host_view(children) }));
        }
    }
}

fn host_value(value: &TreeValue) -> Value {
    match value {
        TreeValue::Flag => json!("b:true"),
        TreeValue::Str(s) if s == "true" || s == "false" => json!(format!("b:{s}")),
        TreeValue::Str(s) => json!(format!("s:{s}")),
        TreeValue::Literal(l) => match l.as_str() {
            "true" | "false" => json!(format!("b:{l}")),
            "null" => json!("null"),
            n => json!(format!("n:{}", js_number(n))),
        },
        TreeValue::Element(e) => {
            let mut out = Vec::new();
            host_node(e, &mut out);
            match out.pop() {
                Some(v) => json!({ "el": v }),
                None => json!("undef"),
            }
        }
        TreeValue::Dynamic | TreeValue::Invalid => json!("invalid"),
    }
}

/// Trims the document as the host's `String.prototype.trim` did.
fn trim_ends(tree: &mut Vec<Value>, start: bool) {
    if let Some(Value::Object(first)) = tree.first_mut().filter(|_| start) {
        if let Some(Value::String(t)) = first.get_mut("t") {
            *t = t.trim_start_matches(is_js_space).to_owned();
        }
    }
    if let Some(Value::Object(last)) = tree.last_mut() {
        if let Some(Value::String(t)) = last.get_mut("t") {
            *t = t.trim_end_matches(is_js_space).to_owned();
        }
    }
    tree.retain(|v| v.get("t").and_then(Value::as_str) != Some(""));
}

/// A tree as a flat pre-order list (`{"d": depth, "e", "a"}` or
/// `{"d": depth, "t"}`), as host.js writes it: flat JSON has no nesting
/// limit, and deep documents are part of the corpus.
fn flatten(nodes: Vec<Value>, depth: usize, out: &mut Vec<Value>) {
    for mut node in nodes {
        if let Some(t) = node.get("t") {
            out.push(json!({ "d": depth, "t": t }));
            continue;
        }
        let children = match node.get_mut("c").map(Value::take) {
            Some(Value::Array(c)) => c,
            _ => Vec::new(),
        };
        let attrs: Vec<Value> = match node.get_mut("a").map(Value::take) {
            Some(Value::Array(a)) => a.into_iter().map(flatten_attr).collect(),
            _ => Vec::new(),
        };
        out.push(json!({ "d": depth, "e": node["e"].take(), "a": attrs }));
        flatten(children, depth + 1, out);
    }
}

fn flatten_attr(mut pair: Value) -> Value {
    if let Some(el) = pair
        .get_mut(1)
        .and_then(|v| v.get_mut("el"))
        .map(Value::take)
    {
        let mut flat = Vec::new();
        flatten(vec![el], 0, &mut flat);
        pair[1] = json!({ "el": flat });
    }
    pair
}

/// The first place where two flat trees differ: (kind, where, ours, host).
fn first_difference(ours: &[Value], host: &[Value]) -> Option<(String, String, String, String)> {
    let show = |v: Option<&Value>| {
        v.map(Value::to_string)
            .unwrap_or_else(|| "(nothing)".to_owned())
    };
    let i = (0..ours.len().max(host.len())).find(|&i| ours.get(i) != host.get(i))?;
    // The chain of enclosing elements, for the report.
    let mut chain: Vec<String> = Vec::new();
    let mut want = ours
        .get(i)
        .or(host.get(i))
        .and_then(|v| v["d"].as_u64())
        .unwrap_or(0);
    for v in ours[..i.min(ours.len())].iter().rev() {
        let d = v["d"].as_u64().unwrap_or(0);
        if d < want {
            chain.push(format!("<{}>", v["e"].as_str().unwrap_or("")));
            want = d;
        }
    }
    chain.reverse();
    let here = format!(
        "node {i} in {}",
        if chain.is_empty() {
            "document".to_owned()
        } else {
            chain.join("")
        }
    );
    let (Some(o), Some(h)) = (ours.get(i), host.get(i)) else {
        return Some((
            "tree: node count".into(),
            here,
            show(ours.get(i)),
            show(host.get(i)),
        ));
    };
    let kind = if o["d"] != h["d"] {
        "tree: structure"
    } else if o.get("t").is_some() && h.get("t").is_some() {
        "tree: text"
    } else if o.get("e").is_some() && h.get("e").is_some() && o["e"] == h["e"] {
        let keys = |a: &Value| -> Vec<Value> {
            a.as_array()
                .map(|v| v.iter().map(|p| p[0].clone()).collect())
                .unwrap_or_default()
        };
        if keys(&o["a"]) != keys(&h["a"]) {
            "tree: attribute names"
        } else {
            "tree: attribute value"
        }
    } else if o.get("e").is_some() && h.get("e").is_some() {
        "tree: element name"
    } else {
        "tree: node kind"
    };
    Some((kind.into(), here, o.to_string(), h.to_string()))
}

/// The generator family of a corpus file name.
fn family(file: &str) -> String {
    if let Some(rest) = file.strip_prefix("mut-") {
        let stem = rest.trim_end_matches(".uihook");
        let kind = stem.rsplit_once('-').map_or(stem, |(k, _)| k);
        return format!("mut-{kind}");
    }
    file.split(['-', '.']).next().unwrap_or(file).to_owned()
}

struct Tally {
    compared: usize,
    agreements: BTreeMap<String, usize>,
    differences: BTreeMap<String, Vec<(String, String)>>,
}

fn compare(dir: &Path, host_path: &Path) -> Result<(), String> {
    let host =
        std::fs::read_to_string(host_path).map_err(|e| format!("{}: {e}", host_path.display()))?;
    let mut tally = Tally {
        compared: 0,
        agreements: BTreeMap::new(),
        differences: BTreeMap::new(),
    };
    let mut details = String::new();
    let mut htm_failures = Vec::new();
    for line in host.lines().filter(|l| !l.trim().is_empty()) {
        let h: Value = serde_json::from_str(line).map_err(|e| format!("host line: {e}"))?;
        let file = h["file"].as_str().unwrap_or_default().to_owned();
        let src = std::fs::read_to_string(dir.join(&file)).map_err(|e| format!("{file}: {e}"))?;
        tally.compared += 1;
        let (kind, detail) = classify(&src, &h);
        if file.starts_with("htm-") {
            // Templates rendered by the reference renderer must parse without
            // errors, except the §D.6 bug cases, which must be diagnosed.
            let errors: Vec<String> = check(&src, &Options::default())
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.code.as_str().to_owned())
                .collect();
            let bug = file.starts_with("htm-bug-");
            if bug == errors.is_empty() {
                htm_failures.push(format!(
                    "{file}: expected {}, got {errors:?}",
                    if bug { "a diagnostic" } else { "no error" }
                ));
            }
        }
        match kind {
            Outcome::Agree(k) => *tally.agreements.entry(k).or_default() += 1,
            Outcome::Differ(k) => {
                let _ = writeln!(
                    details,
                    "{}",
                    json!({ "file": file, "kind": k, "detail": detail, "family": family(&file), "input": src })
                );
                tally.differences.entry(k).or_default().push((file, src));
            }
        }
    }
    let out_dir = host_path.parent().unwrap_or(Path::new("."));
    std::fs::write(out_dir.join("differences.jsonl"), &details).map_err(|e| e.to_string())?;

    let agreements: usize = tally.agreements.values().sum();
    let differences: usize = tally.differences.values().map(Vec::len).sum();
    println!("documents compared: {}", tally.compared);
    println!("agreements: {agreements}");
    for (k, n) in &tally.agreements {
        println!("  {n:6}  {k}");
    }
    println!(
        "differences: {differences} in {} kinds",
        tally.differences.len()
    );
    for (k, list) in &tally.differences {
        let mut families: BTreeMap<String, usize> = BTreeMap::new();
        for (file, _) in list {
            *families.entry(family(file)).or_default() += 1;
        }
        let smallest = list
            .iter()
            .min_by_key(|(_, src)| src.len())
            .map(|(f, _)| f.as_str())
            .unwrap_or("");
        println!("  {:6}  {k}", list.len());
        let fams: Vec<String> = families.iter().map(|(f, n)| format!("{f} ×{n}")).collect();
        println!("          from: {}", fams.join(", "));
        println!("          smallest: {smallest}");
    }
    println!("htm templates checked: {} failures", htm_failures.len());
    for f in &htm_failures {
        println!("  {f}");
    }
    Ok(())
}

enum Outcome {
    Agree(String),
    Differ(String),
}

fn classify(src: &str, h: &Value) -> (Outcome, String) {
    let parsed = parse(src);
    let syntax: Vec<&str> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code.as_str())
        .collect();
    let all_errors: Vec<&str> = check(src, &Options::default())
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code.as_str())
        .collect();
    let codes = |v: &[&str]| {
        let mut v: Vec<&str> = v.to_vec();
        v.sort_unstable();
        v.dedup();
        v.join(",")
    };
    let host_syntax = h["syntax_error"].as_str();
    let host_crash = h["crash"].as_str();
    let host_errors: Vec<&str> = h["errors"]
        .as_array()
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();

    if let Some(msg) = host_syntax {
        let detail = format!("host: {msg}; ours: {}", codes(&all_errors));
        return if !syntax.is_empty() {
            (Outcome::Agree("both reject: syntax error".into()), detail)
        } else if !all_errors.is_empty() {
            (
                Outcome::Differ(format!(
                    "host syntax error, ours only schema errors [{}]",
                    codes(&all_errors)
                )),
                detail,
            )
        } else {
            (
                Outcome::Differ("host syntax error, ours accepts".into()),
                detail,
            )
        };
    }
    if let Some(msg) = host_crash {
        let detail = format!("host render crash: {msg}; ours: {}", codes(&all_errors));
        return if all_errors.is_empty() {
            (
                Outcome::Differ("host render crash, ours accepts".into()),
                detail,
            )
        } else {
            (
                Outcome::Agree("both reject: host render crash, ours error".into()),
                detail,
            )
        };
    }
    // Host parsed it. Element-level problems the host also reported
    // (unknown or blocked component) are not syntax errors.
    const ELEMENT_CODES: &[&str] = &["unknown-component", "forbidden-element"];
    let ours_syntax: Vec<&str> = syntax
        .iter()
        .copied()
        .filter(|c| !ELEMENT_CODES.contains(c))
        .collect();
    if !ours_syntax.is_empty() {
        let detail = format!(
            "host errors: {:?}; ours: {}",
            host_errors,
            codes(&ours_syntax)
        );
        return (
            Outcome::Differ(format!(
                "host parses, ours syntax error [{}]",
                codes(&ours_syntax)
            )),
            detail,
        );
    }
    let mut ours = host_view(&parsed.document.tree());
    // The host trimmed the response before removing the doctype, so
    // whitespace after a doctype stays.
    trim_ends(&mut ours, parsed.document.doctype.is_none());
    let mut flat = Vec::new();
    flatten(ours, 0, &mut flat);
    let empty = Vec::new();
    let host_tree = h["tree"].as_array().unwrap_or(&empty);
    if let Some((kind, at, o, hv)) = first_difference(&flat, host_tree) {
        return (
            Outcome::Differ(kind),
            format!("at {at}: ours {o}, host {hv}"),
        );
    }
    let ours_element_errors = all_errors.iter().any(|c| ELEMENT_CODES.contains(c));
    match (host_errors.is_empty(), ours_element_errors) {
        (true, false) if all_errors.is_empty() => (
            Outcome::Agree("both accept, same tree".into()),
            String::new(),
        ),
        (true, false) => (
            Outcome::Agree("same tree (ours adds schema errors)".into()),
            codes(&all_errors),
        ),
        (false, true) => (
            Outcome::Agree("same tree, both drop unknown/blocked elements".into()),
            String::new(),
        ),
        (false, false) => (
            Outcome::Differ("host drops an element, ours does not report it".into()),
            format!("{host_errors:?}"),
        ),
        (true, true) => (
            Outcome::Differ("ours reports an unknown element, host renders it".into()),
            codes(&all_errors),
        ),
    }
}
