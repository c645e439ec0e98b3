//! `uihook fmt` never changes what `uihook!` expands to: random bodies from
//! the compiler's document generator, written in macro syntax with random
//! spacing, line breaks and comments, expand to the same tokens before and
//! after formatting, and formatting them again changes nothing.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use proptest::prelude::*;
use uihook_compiler::ast::{AttrValue, Element, ExprValue, Literal, Node, Span};

use super::expand;
use crate::project::Project;

/// Layout choices from a seed (xorshift: the choices only need variety).
struct Layout(u64);

impl Layout {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    /// Whitespace (and now and then a comment) where markup allows it.
    fn gap(&mut self, out: &mut String, allow_none: bool) {
        match self.next(8) {
            0 if allow_none => {}
            0 | 1 => out.push(' '),
            2 => out.push_str("  "),
            3 => {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', self.next(14) as usize));
            }
            4 => out.push_str("\n\n\n  "),
            5 => out.push_str(" /* note */ "),
            6 => {
                out.push_str(" // note\n");
                out.extend(std::iter::repeat_n(' ', self.next(9) as usize));
            }
            _ => out.push_str("\n\t "),
        }
    }
}

/// Text as the macro takes it: words unquoted, anything else a literal.
fn text(value: &str, out: &mut String) {
    let plain = !value.is_empty()
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
        && !value.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        out.push_str(value);
    } else {
        out.push_str(&format!("{value:?}"));
    }
}

fn element(e: &Element<'_, Span>, l: &mut Layout, out: &mut String) {
    out.push('<');
    out.push_str(&e.name.text);
    for a in &e.attrs {
        l.gap(out, false);
        out.push_str(&a.name.text);
        match &a.value {
            AttrValue::Flag => {}
            AttrValue::Str { value, .. } => out.push_str(&format!("={value:?}")),
            AttrValue::Literal { value, .. } => match value {
                Literal::Number(n) if n.chars().all(|c| c.is_ascii_digit()) => {
                    out.push_str(&format!("={{{n}}}"))
                }
                Literal::Bool(b) => out.push_str(&format!("={{{b}}}")),
                _ => out.push_str("={value}"),
            },
            AttrValue::Element(inner) => {
                if l.next(2) == 0 {
                    out.push('=');
                    element(inner, l, out);
                } else {
                    out.push_str("={uihook! {");
                    l.gap(out, true);
                    element(inner, l, out);
                    l.gap(out, true);
                    out.push_str("}}");
                }
            }
            _ => out.push_str("={dynamic}"),
        }
    }
    if e.children.is_empty() && l.next(2) == 0 {
        l.gap(out, true);
        out.push_str("/>");
        return;
    }
    if l.next(3) == 0 {
        l.gap(out, true);
    }
    out.push('>');
    children(&e.children, l, out);
    out.push_str("</");
    out.push_str(&e.name.text);
    out.push('>');
}

fn children(nodes: &[Node<'_, Span>], l: &mut Layout, out: &mut String) {
    for node in nodes {
        l.gap(out, true);
        match node {
            Node::Element(e) => element(e, l, out),
            Node::Text(t) => text(&t.value, out),
            Node::Expr(x) => match &x.value {
                ExprValue::Literal(Literal::Str(s)) => out.push_str(&format!("{{{s:?}}}")),
                ExprValue::Element(e) => {
                    out.push_str("{uihook! { ");
                    element(e, l, out);
                    out.push_str(" }}");
                }
                _ => out.push_str("{value}"),
            },
            Node::Comment(_) => out.push_str("/* a comment */"),
            Node::Dynamic(_) | Node::Error(_) => out.push_str("{value}"),
        }
    }
    if l.next(2) == 0 {
        // A list, so nested bodies in expressions get formatted too.
        out.push_str("{items.iter().map(|x| uihook! {");
        l.gap(out, true);
        out.push_str("<B>{x}</B>");
        l.gap(out, true);
        out.push_str("})}");
    }
    l.gap(out, true);
}

/// The body of the first `uihook!` in `file`.
fn body(file: &str) -> TokenStream {
    let tokens: Vec<TokenTree> = match file.parse::<TokenStream>() {
        Ok(t) => t.into_iter().collect(),
        Err(e) => panic!("{e}: {file}"),
    };
    fn find(tokens: &[TokenTree]) -> Option<TokenStream> {
        for (i, t) in tokens.iter().enumerate() {
            if let (TokenTree::Ident(id), Some(TokenTree::Punct(_)), Some(TokenTree::Group(g))) =
                (t, tokens.get(i + 1), tokens.get(i + 2))
            {
                if id == "uihook" {
                    return Some(g.stream());
                }
            }
            if let TokenTree::Group(g) = t {
                if g.delimiter() != Delimiter::None {
                    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                    if let Some(found) = find(&inner) {
                        return Some(found);
                    }
                }
            }
        }
        None
    }
    find(&tokens).unwrap_or_default()
}

fn expansion(file: &str) -> String {
    expand(body(file), &Project::none()).to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn formatting_keeps_the_expansion(
        bytes in proptest::collection::vec(any::<u8>(), 64..1024),
        seed in 1u64..,
        width in 30usize..120,
    ) {
        let mut u = arbitrary::Unstructured::new(&bytes);
        let limits = uihook_compiler::generate::Limits { max_depth: 3, max_children: 4 };
        let Ok(doc) = uihook_compiler::generate::document(&mut u, &limits) else {
            return Ok(());
        };
        let mut l = Layout(seed);
        let mut src = String::from("fn page(items: &[u8], value: u8) -> Markup {\n    let dynamic = value;\n    uihook! {");
        children(&doc.nodes, &mut l, &mut src);
        src.push_str("}\n}\n");

        let options = uihook_macro_fmt::Options { max_width: width };
        let formatted = match uihook_macro_fmt::format_source(&src, &options) {
            Ok(f) => f,
            Err(e) => panic!("{e}\n{src}"),
        };
        prop_assert!(formatted.skipped.is_empty(), "{:?}\n{}", formatted.skipped, src);
        prop_assert_eq!(expansion(&src), expansion(&formatted.text), "before:\n{}\nafter:\n{}", src, formatted.text);
        let again = uihook_macro_fmt::format_source(&formatted.text, &options).map(|f| f.text).ok();
        prop_assert_eq!(again.as_deref(), Some(formatted.text.as_str()), "not idempotent:\n{}", formatted.text);
    }
}

/// Every `uihook!` body in `file`, nested ones included (rustc expands
/// those that are not inlined on their own).
fn bodies(file: &str) -> Vec<TokenStream> {
    fn walk(stream: TokenStream, out: &mut Vec<TokenStream>) {
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        for (i, t) in tokens.iter().enumerate() {
            if let (TokenTree::Ident(id), Some(TokenTree::Punct(p)), Some(TokenTree::Group(g))) =
                (t, tokens.get(i + 1), tokens.get(i + 2))
            {
                if id == "uihook" && p.as_char() == '!' {
                    out.push(g.stream());
                }
            }
            if let TokenTree::Group(g) = t {
                walk(g.stream(), out);
            }
        }
    }
    let mut out = Vec::new();
    match file.parse::<TokenStream>() {
        Ok(t) => walk(t, &mut out),
        Err(e) => panic!("{e}"),
    }
    out
}

/// The repository's own examples, tests and benches, laid out narrow (every
/// tag with attributes broken) and wide again: each invocation expands as
/// before.
#[test]
fn formatting_the_repository_keeps_every_expansion() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned();
    let mut files = Vec::new();
    for dir in [
        "examples",
        "tests",
        "benches",
        "benches/page",
        "macros/tests/ui",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut checked = 0;
    for path in &files {
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        if !src.contains("uihook!") {
            continue;
        }
        let before: Vec<String> = bodies(&src)
            .into_iter()
            .map(|b| expand(b, &Project::none()).to_string())
            .collect();
        for width in [40, 200] {
            let options = uihook_macro_fmt::Options { max_width: width };
            let formatted = match uihook_macro_fmt::format_source(&src, &options) {
                Ok(f) => f.text,
                Err(e) => panic!("{}: {e}", path.display()),
            };
            let after: Vec<String> = bodies(&formatted)
                .into_iter()
                .map(|b| expand(b, &Project::none()).to_string())
                .collect();
            assert_eq!(before, after, "{} at width {width}", path.display());
            checked += before.len();
        }
    }
    assert!(checked > 100, "only {checked} invocations found");
}

/// Pieces of bodies, good and bad: tags, names, values, text, Rust
/// comments, line breaks, nested invocations, attributes.
const SOUP: &[&str] = &[
    "<",
    ">",
    "/",
    "</",
    "/>",
    "<P>",
    "</P>",
    "<Box",
    "</Box>",
    "<BR/>",
    "<B>",
    "</B>",
    "P",
    "Box",
    "Button",
    " ",
    "  ",
    "\n",
    "\n    ",
    "\n\n\n",
    "\t",
    "=",
    "\"s\"",
    "\"a  b\"",
    "{x}",
    "{1}",
    "{true}",
    "{ uihook! { <B>y</B> } }",
    "{xs.iter().map(|x| uihook! {\n<LI>{x}</LI>\n})}",
    "text",
    "two words",
    "font-size",
    "secondary",
    "action=\"a\"",
    "label=<B>l</B>",
    "// c\n",
    "/* c */",
    "#![allow(legacy_attribute)]",
    "(a)",
    "[b]",
    ".",
    ",",
    ":",
    "-",
    "{}",
    "(",
    "'",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Whatever the body, formatting never panics, never changes the
    /// expansion, and is idempotent.
    #[test]
    fn formatting_any_body_keeps_the_expansion(
        pieces in proptest::collection::vec(0..SOUP.len(), 0..60),
        width in 20usize..120,
    ) {
        let body: String = pieces.iter().map(|&i| SOUP[i]).collect();
        let src = format!("fn f() {{\n    let _ = uihook! {{{body}}};\n}}\n");
        if src.parse::<TokenStream>().is_err() {
            // Not Rust tokens: the formatter must say so, not panic.
            let options = uihook_macro_fmt::Options { max_width: width };
            prop_assert!(uihook_macro_fmt::format_source(&src, &options).is_err());
            return Ok(());
        }
        let options = uihook_macro_fmt::Options { max_width: width };
        let formatted = match uihook_macro_fmt::format_source(&src, &options) {
            Ok(f) => f.text,
            Err(e) => panic!("{e}\n{src}"),
        };
        prop_assert_eq!(expansion(&src), expansion(&formatted), "before:\n{}\nafter:\n{}", src, formatted);
        let again = uihook_macro_fmt::format_source(&formatted, &options).map(|f| f.text).ok();
        prop_assert_eq!(again.as_deref(), Some(formatted.as_str()), "not idempotent:\n{}", formatted);
    }
}
