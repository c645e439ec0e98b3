//! The macro's own syntax tree: the compiler's tree plus the Rust code that
//! the compiler never sees (interpolated expressions, inlined loops).
//!
//! [`lower`] turns it into the compiler's [`uihook_compiler::Document`] with
//! `proc_macro2::Span`s, which the compiler's validator checks; code is then
//! generated from this tree.

use std::borrow::Cow;

use proc_macro2::Span;
use syn::{Expr, Pat};
use uihook_compiler::ast as c;

/// One child.
pub enum Node {
    /// An element.
    Element(Element),
    /// Static text, not yet escaped.
    Text { value: String, span: Span },
    /// `{expr}`: a value rendered at run time.
    Dynamic {
        expr: Expr,
        /// The expression is a temporary (a call, a block…), so it can be
        /// taken by value (iterators need that); places are borrowed.
        by_value: bool,
        span: Span,
    },
    /// `{iter.map(|pat| uihook! { … })}`, inlined as a loop writing into the
    /// parent's buffer.
    Loop {
        pat: Box<Pat>,
        iter: Expr,
        body: Vec<Node>,
    },
    /// `{uihook! { … }}`, inlined.
    Splice(Vec<Node>),
    /// Something that did not parse; already diagnosed.
    Error(Span),
}

/// A component name as written.
#[derive(Clone)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// How an element ended.
pub enum Close {
    SelfClosing,
    Tag(Name),
    Missing,
}

/// An element.
pub struct Element {
    pub name: Name,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
    pub close: Close,
}

/// An attribute.
pub struct Attr {
    pub name: Name,
    pub value: Value,
}

/// An attribute value.
pub enum Value {
    /// A bare name.
    Flag,
    /// A string, not yet escaped.
    Str {
        value: String,
        form: c::StrForm,
        span: Span,
    },
    /// `{123}` or `{true}`.
    Literal {
        value: c::Literal<'static>,
        span: Span,
    },
    /// `label={uihook! { <B>…</B> }}` or `label=<B>…</B>`.
    Element(Box<Element>),
    /// `{expr}`.
    Dynamic { expr: Box<Expr>, span: Span },
    /// Did not parse; already diagnosed.
    Invalid(Span),
}

/// The compiler's view of the nodes: loops and splices are flattened into
/// their parent, so the validator checks their elements in place.
pub fn lower(nodes: &[Node]) -> c::Document<'static, Span> {
    c::Document {
        doctype: None,
        nodes: lower_nodes(nodes),
    }
}

fn lower_nodes(nodes: &[Node]) -> Vec<c::Node<'static, Span>> {
    let mut out = Vec::with_capacity(nodes.len());
    lower_into(nodes, &mut out);
    out
}

fn lower_into(nodes: &[Node], out: &mut Vec<c::Node<'static, Span>>) {
    for node in nodes {
        match node {
            Node::Element(e) => out.push(c::Node::Element(Box::new(lower_element(e)))),
            Node::Text { value, span } => out.push(c::Node::Text(c::Text {
                value: Cow::Owned(value.clone()),
                span: *span,
            })),
            Node::Dynamic { span, .. } => out.push(c::Node::Dynamic(*span)),
            Node::Loop { body, .. } => lower_into(body, out),
            Node::Splice(nodes) => lower_into(nodes, out),
            Node::Error(span) => out.push(c::Node::Error(c::Raw {
                text: Cow::Borrowed(""),
                span: *span,
            })),
        }
    }
}

fn lower_name(name: &Name) -> c::Name<'static, Span> {
    c::Name {
        text: Cow::Owned(name.text.clone()),
        span: name.span,
    }
}

fn lower_element(e: &Element) -> c::Element<'static, Span> {
    c::Element {
        name: lower_name(&e.name),
        attrs: e
            .attrs
            .iter()
            .map(|a| c::Attribute {
                // Token spans cannot be joined on stable Rust; the name
                // stands for the attribute (the macro applies no fixes).
                span: a.name.span,
                name: lower_name(&a.name),
                value: match &a.value {
                    Value::Flag => c::AttrValue::Flag,
                    Value::Str { value, form, span } => c::AttrValue::Str {
                        value: Cow::Owned(value.clone()),
                        form: *form,
                        span: *span,
                    },
                    Value::Literal { value, span } => c::AttrValue::Literal {
                        value: value.clone(),
                        span: *span,
                    },
                    Value::Element(inner) => c::AttrValue::Element(Box::new(lower_element(inner))),
                    Value::Dynamic { span, .. } => c::AttrValue::Dynamic(*span),
                    Value::Invalid(span) => c::AttrValue::Invalid(*span),
                },
            })
            .collect(),
        children: lower_nodes(&e.children),
        close: match &e.close {
            Close::SelfClosing => c::Close::SelfClosing,
            Close::Tag(name) => c::Close::Tag(lower_name(name)),
            Close::Missing => c::Close::Missing,
        },
        span: e.name.span,
    }
}
