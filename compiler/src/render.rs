//! The renderer: AST → canonical markup the host parser accepts.
//!
//! Canonical form: hand-written style, attributes in source order with
//! double-quoted values re-escaped, string containers (`{"…"}`, the
//! reference renderer's style) turned into escaped text, self-closing tags
//! for elements without children, and nothing added: no newlines between
//! children, no indentation, since the host kept every whitespace character.
//! Parsing the output gives the same [`crate::ast::TreeNode`] tree.

use std::fmt;

use crate::ast::{AttrValue, Document, Element, ExprValue, Literal, Node};
use crate::escape::{markup_attr_into, markup_text_into};

/// Why a tree cannot be rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderError {
    /// A component or attribute name that is not a JSX name. Written out, it
    /// would inject markup (the reference renderer's bugs §D.6 #6 and #7).
    InvalidName(String),
    /// A run-time value: only the `uihook!` macro can render those.
    Dynamic,
    /// An attribute value that did not parse; fix the syntax errors first.
    Unparsed,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::InvalidName(name) => {
                write!(f, "`{name}` is not a valid component or attribute name")
            }
            RenderError::Dynamic => {
                f.write_str("a run-time value cannot be rendered without its value")
            }
            RenderError::Unparsed => {
                f.write_str("the document has attribute values that did not parse")
            }
        }
    }
}

impl std::error::Error for RenderError {}

/// True for a JSX name the host parser accepts: an ASCII identifier that may
/// contain `-`, with optional `:` namespace and `.` members.
pub fn is_valid_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == b'_' || first == b'$')
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'-' | b':' | b'.'))
        && !name.ends_with(['.', ':', '-'])
        && !name.contains("..")
}

/// Renders a document in canonical form.
pub fn render<S>(document: &Document<'_, S>) -> Result<String, RenderError> {
    let mut out = String::with_capacity(256);
    if let Some(doctype) = &document.doctype {
        out.push_str(&doctype.text);
    }
    nodes(&document.nodes, &mut out)?;
    Ok(out)
}

fn nodes<S>(nodes: &[Node<'_, S>], out: &mut String) -> Result<(), RenderError> {
    for node in nodes {
        match node {
            Node::Element(e) => element(e, out)?,
            Node::Text(t) => markup_text_into(&t.value, out),
            Node::Expr(expr) => match &expr.value {
                ExprValue::Literal(Literal::Str(s)) => markup_text_into(s, out),
                ExprValue::Literal(l) => {
                    out.push('{');
                    literal(l, out);
                    out.push('}');
                }
                ExprValue::Element(e) => element(e, out)?,
            },
            Node::Comment(c) => {
                out.push('{');
                out.push_str(&c.text);
                out.push('}');
            }
            Node::Dynamic(_) => return Err(RenderError::Dynamic),
            Node::Error(raw) => out.push_str(&raw.text),
        }
    }
    Ok(())
}

/// Renders a document the way the reference renderer (`@zeit/integration-utils`
/// 0.6.2 and later, `htm`) serialised it: every text run as `{"…"}`
/// containers split after each newline, every attribute as `name={"…"}`
/// (flags as `{"true"}`, other literals stringified), `<Name …>` with the
/// reference renderer's spaces, an explicit close tag always, and children
/// joined by a newline. `uihook gen --style htm` and the differential test
/// use it to produce the markup real htm-based hooks sent; element-valued
/// props, which the reference renderer could not produce, are written as
/// `name={<…>}`.
pub fn render_reference<S>(document: &Document<'_, S>) -> Result<String, RenderError> {
    let mut out = String::with_capacity(256);
    reference_nodes(&document.nodes, &mut out)?;
    Ok(out)
}

fn reference_string(s: &str, out: &mut String) {
    out.push_str("{\"");
    crate::escape::js_string_into(s, out);
    out.push_str("\"}");
}

fn reference_text(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find('\n') {
        reference_string(&rest[..=i], out);
        rest = &rest[i + 1..];
    }
    reference_string(rest, out);
}

fn reference_nodes<S>(nodes: &[Node<'_, S>], out: &mut String) -> Result<(), RenderError> {
    for (i, node) in nodes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match node {
            Node::Element(e) => reference_element(e, out)?,
            Node::Text(t) => reference_text(&t.value, out),
            Node::Expr(expr) => match &expr.value {
                ExprValue::Literal(Literal::Str(s)) => reference_text(s, out),
                ExprValue::Literal(l) => {
                    let mut text = String::new();
                    literal(l, &mut text);
                    reference_text(&text, out);
                }
                ExprValue::Element(e) => reference_element(e, out)?,
            },
            Node::Comment(c) => {
                out.push('{');
                out.push_str(&c.text);
                out.push('}');
            }
            Node::Dynamic(_) => return Err(RenderError::Dynamic),
            Node::Error(raw) => out.push_str(&raw.text),
        }
    }
    Ok(())
}

fn reference_element<S>(e: &Element<'_, S>, out: &mut String) -> Result<(), RenderError> {
    if !is_valid_name(&e.name.text) {
        return Err(RenderError::InvalidName(e.name.text.to_string()));
    }
    out.push('<');
    out.push_str(&e.name.text);
    out.push(' ');
    for a in &e.attrs {
        if !is_valid_name(&a.name.text) {
            return Err(RenderError::InvalidName(a.name.text.to_string()));
        }
        out.push_str(&a.name.text);
        out.push('=');
        match &a.value {
            AttrValue::Flag => reference_string("true", out),
            AttrValue::Str { value, .. } => reference_string(value, out),
            AttrValue::Literal {
                value: Literal::Str(s),
                ..
            } => reference_string(s, out),
            AttrValue::Literal { value, .. } => {
                let mut text = String::new();
                literal(value, &mut text);
                reference_string(&text, out);
            }
            AttrValue::Element(inner) => {
                out.push('{');
                reference_element(inner, out)?;
                out.push('}');
            }
            AttrValue::Dynamic(_) => return Err(RenderError::Dynamic),
            AttrValue::Invalid(_) => return Err(RenderError::Unparsed),
        }
        out.push(' ');
    }
    out.push('>');
    reference_nodes(&e.children, out)?;
    out.push_str("</");
    out.push_str(&e.name.text);
    out.push('>');
    Ok(())
}

fn literal(l: &Literal<'_>, out: &mut String) {
    match l {
        Literal::Str(s) => {
            out.push('"');
            crate::escape::js_string_into(s, out);
            out.push('"');
        }
        Literal::Number(n) => out.push_str(n),
        Literal::Bool(true) => out.push_str("true"),
        Literal::Bool(false) => out.push_str("false"),
        Literal::Null => out.push_str("null"),
    }
}

fn element<S>(e: &Element<'_, S>, out: &mut String) -> Result<(), RenderError> {
    if !is_valid_name(&e.name.text) {
        return Err(RenderError::InvalidName(e.name.text.to_string()));
    }
    out.push('<');
    out.push_str(&e.name.text);
    for a in &e.attrs {
        if !is_valid_name(&a.name.text) {
            return Err(RenderError::InvalidName(a.name.text.to_string()));
        }
        out.push(' ');
        out.push_str(&a.name.text);
        match &a.value {
            AttrValue::Flag => {}
            AttrValue::Str { value, .. } => {
                out.push_str("=\"");
                markup_attr_into(value, out);
                out.push('"');
            }
            AttrValue::Literal { value, .. } => {
                out.push_str("={");
                literal(value, out);
                out.push('}');
            }
            AttrValue::Element(inner) => {
                out.push_str("={");
                element(inner, out)?;
                out.push('}');
            }
            AttrValue::Dynamic(_) => return Err(RenderError::Dynamic),
            AttrValue::Invalid(_) => return Err(RenderError::Unparsed),
        }
    }
    let open_end = out.len();
    out.push('>');
    nodes(&e.children, out)?;
    if out.len() == open_end + 1 {
        // Nothing visible inside (no children, or only empty strings).
        out.truncate(open_end);
        out.push_str(" />");
    } else {
        out.push_str("</");
        out.push_str(&e.name.text);
        out.push('>');
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn canonical(src: &str) -> String {
        let parsed = parse(src);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        render(&parsed.document).expect("renderable")
    }

    #[test]
    fn canonical_form() {
        assert_eq!(
            canonical("<Page >\n<P >{\"Count: \"}{\"1 < 2\"}</P>\n<BR ></BR><Input name='a' small={\"true\"} n={5}/></Page>"),
            "<Page>\n<P>Count: 1 &lt; 2</P>\n<BR /><Input name=\"a\" small=\"true\" n={5} /></Page>"
        );
        assert_eq!(
            canonical("<Input label={<B>x</B>} />"),
            "<Input label={<B>x</B>} />"
        );
        assert_eq!(canonical("a{/* keep */}b"), "a{/* keep */}b");
        assert_eq!(
            canonical("<!DOCTYPE html><Page/>"),
            "<!DOCTYPE html><Page />"
        );
    }

    #[test]
    fn idempotent() {
        let once = canonical("<P a='x &amp; \"y\"'>&lt;tag&gt; &#123;{\"\\u2028\"}</P>");
        assert_eq!(canonical(&once), once);
    }

    #[test]
    fn reference_style() {
        let doc = parse("<Page><P a=\"x&amp;\" small n={5}>one\ntwo</P><BR/></Page>").document;
        assert_eq!(
            render_reference(&doc).expect("renders"),
            "<Page ><P a={\"x&\"} small={\"true\"} n={\"5\"} >{\"one\\n\"}{\"two\"}</P>\n<BR ></BR></Page>"
        );
    }

    #[test]
    fn names_are_checked() {
        assert!(is_valid_name("Box"));
        assert!(is_valid_name("data-x"));
        assert!(!is_valid_name("P data-x=\"1\""));
        assert!(!is_valid_name("x onClick={1} y"));
        assert!(!is_valid_name(""));
    }
}
