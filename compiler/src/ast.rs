//! The syntax tree of a UIHook document.
//!
//! The tree is generic over its span type `S`: the string parser fills it with
//! byte ranges into the source, the `uihook!` macro with `proc_macro2::Span`s.
//! Both then go through the same validator. Values are already decoded
//! (entities, JS string escapes), borrowing from the source where decoding
//! changed nothing, so the tree says what the host dashboard would have seen.

use std::borrow::Cow;
use std::ops::Range;

/// A byte range into the parsed source text.
pub type Span = Range<usize>;

/// A parsed document: the top-level nodes in source order.
#[derive(Clone, Debug, PartialEq)]
pub struct Document<'a, S> {
    /// A leading `<!DOCTYPE …>`, which the host parser skipped; kept so that
    /// formatting never drops what the author wrote.
    pub doctype: Option<Raw<'a, S>>,
    /// The top-level nodes.
    pub nodes: Vec<Node<'a, S>>,
}

/// A piece of source kept verbatim, with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Raw<'a, S> {
    /// The text exactly as written.
    pub text: Cow<'a, str>,
    /// Where it was written.
    pub span: S,
}

/// One child of an element or of the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Node<'a, S> {
    /// A component such as `<Box display="flex">…</Box>` (boxed: it is by
    /// far the largest variant, and the parser moves nodes a lot).
    Element(Box<Element<'a, S>>),
    /// A run of JSX text, entities decoded.
    Text(Text<'a, S>),
    /// A `{literal}` expression container in child position, e.g. `{"a\n"}`.
    Expr(Expr<'a, S>),
    /// A `{/* … */}` comment container; `raw` is what lies between the braces.
    Comment(Raw<'a, S>),
    /// A value interpolated at run time (only the `uihook!` macro makes these).
    Dynamic(S),
    /// Source that could not be parsed; it has already been diagnosed.
    Error(Raw<'a, S>),
}

/// A run of text between tags.
#[derive(Clone, Debug, PartialEq)]
pub struct Text<'a, S> {
    /// The text after entity decoding (and the host's CRLF → LF).
    pub value: Cow<'a, str>,
    /// The raw text in the source.
    pub span: S,
}

/// A literal inside `{…}`.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal<'a> {
    /// A JS string literal, escapes decoded.
    Str(Cow<'a, str>),
    /// A JS number literal, as written (`5000`, `-1`, `0x10`, `1e3`).
    Number(Cow<'a, str>),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

/// An expression container in child position.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr<'a, S> {
    /// What the container holds.
    pub value: ExprValue<'a, S>,
    /// The whole container, braces included.
    pub span: S,
}

/// The value of an expression container.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprValue<'a, S> {
    /// A literal (`{"text"}`, `{0}`, `{null}`).
    Literal(Literal<'a>),
    /// An element (`{<BR/>}`).
    Element(Box<Element<'a, S>>),
}

/// A component name as written in a tag.
#[derive(Clone, Debug, PartialEq)]
pub struct Name<'a, S> {
    /// The name, case kept.
    pub text: Cow<'a, str>,
    /// Where it was written.
    pub span: S,
}

/// An element with its attributes and children.
#[derive(Clone, Debug, PartialEq)]
pub struct Element<'a, S> {
    /// The name in the open tag.
    pub name: Name<'a, S>,
    /// Attributes in source order (duplicates kept; the host took the last).
    pub attrs: Vec<Attribute<'a, S>>,
    /// Children in source order.
    pub children: Vec<Node<'a, S>>,
    /// How the element ended.
    pub close: Close<'a, S>,
    /// From `<` of the open tag to the end of the close tag.
    pub span: S,
}

/// How an element was closed.
#[derive(Clone, Debug, PartialEq)]
pub enum Close<'a, S> {
    /// `<X/>`.
    SelfClosing,
    /// `<X>…</X>`; the name in the close tag (it may differ: diagnosed).
    Tag(Name<'a, S>),
    /// The document ended (or an outer element closed) first: diagnosed.
    Missing,
}

/// One attribute of an element.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute<'a, S> {
    /// The attribute name.
    pub name: Name<'a, S>,
    /// Its value.
    pub value: AttrValue<'a, S>,
    /// The whole attribute, from its name to the end of its value (what a
    /// fix that removes it deletes).
    pub span: S,
}

/// How an attribute string was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrForm {
    /// `name="…"` (entities decoded).
    Double,
    /// `name='…'` (entities decoded).
    Single,
    /// `name={"…"}` or `name={'…'}` (JS escapes decoded).
    Js,
    /// `name=…` without quotes: an error the parser recovered from.
    Unquoted,
}

/// The value of an attribute.
#[derive(Clone, Debug, PartialEq)]
pub enum AttrValue<'a, S> {
    /// A bare name, meaning `true`.
    Flag,
    /// A string value.
    Str {
        /// The decoded value.
        value: Cow<'a, str>,
        /// How it was written.
        form: StrForm,
        /// The value as written, quotes or braces included.
        span: S,
    },
    /// `{123}`, `{true}`, `{null}`.
    Literal {
        /// The literal (never [`Literal::Str`]; strings are [`AttrValue::Str`]).
        value: Literal<'a>,
        /// The container as written.
        span: S,
    },
    /// An element-valued prop: `label={<Box/>}` or `label=<Box/>`.
    Element(Box<Element<'a, S>>),
    /// A value interpolated at run time (only the `uihook!` macro makes these).
    Dynamic(S),
    /// A value that could not be parsed; already diagnosed.
    Invalid(S),
}

impl<'a, S> Node<'a, S> {
    /// The element the node holds, directly or in an expression container
    /// (`{<BR/>}`).
    pub fn element(&self) -> Option<&Element<'a, S>> {
        match self {
            Node::Element(e)
            | Node::Expr(Expr {
                value: ExprValue::Element(e),
                ..
            }) => Some(e),
            _ => None,
        }
    }

    /// [`Node::element`], to change it.
    pub fn element_mut(&mut self) -> Option<&mut Element<'a, S>> {
        match self {
            Node::Element(e)
            | Node::Expr(Expr {
                value: ExprValue::Element(e),
                ..
            }) => Some(e),
            _ => None,
        }
    }

    /// Where the node was written (for a comment, the inside of its braces).
    pub fn span(&self) -> &S {
        match self {
            Node::Element(e) => &e.span,
            Node::Text(t) => &t.span,
            Node::Expr(x) => &x.span,
            Node::Comment(raw) | Node::Error(raw) => &raw.span,
            Node::Dynamic(span) => span,
        }
    }
}

impl<S> AttrValue<'_, S> {
    /// The span of the value, if it has one of its own (a flag has none).
    pub fn span(&self) -> Option<&S> {
        match self {
            AttrValue::Flag => None,
            AttrValue::Str { span, .. }
            | AttrValue::Literal { span, .. }
            | AttrValue::Dynamic(span)
            | AttrValue::Invalid(span) => Some(span),
            AttrValue::Element(element) => Some(&element.span),
        }
    }

    /// The string value, when the value is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AttrValue::Str { value, .. } => Some(value),
            _ => None,
        }
    }
}

impl<'a, S> Element<'a, S> {
    /// The last attribute with this name (the host kept the last of duplicates).
    pub fn attr(&self, name: &str) -> Option<&Attribute<'a, S>> {
        self.attrs
            .iter()
            .rev()
            .find(|a| crate::schema::same_name(&a.name.text, name))
    }
}

/// True when `s` is only whitespace as JavaScript's `trim()` sees it (which
/// the host applied to the whole response), byte-order mark included.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// A span-free, order-preserving view of a document used to compare trees:
/// adjacent text and string containers are merged, because the host showed
/// them as one run of text, and the way a value was quoted is forgotten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeNode {
    /// An element: name, attributes `(name, value)`, children.
    Element(String, Vec<(String, TreeValue)>, Vec<TreeNode>),
    /// Visible text.
    Text(String),
    /// A non-string literal child (`{0}`, `{true}`, `{null}`).
    Literal(String),
    /// A comment container's raw content.
    Comment(String),
    /// A run-time value.
    Dynamic,
    /// Unparsable source.
    Error(String),
}

/// An attribute value in a [`TreeNode`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeValue {
    /// A bare flag.
    Flag,
    /// A string.
    Str(String),
    /// A number, boolean or null literal, as written.
    Literal(String),
    /// An element-valued prop.
    Element(Box<TreeNode>),
    /// A run-time value.
    Dynamic,
    /// Unparsable.
    Invalid,
}

impl<S> Document<'_, S> {
    /// The document as a span-free tree for comparisons.
    pub fn tree(&self) -> Vec<TreeNode> {
        tree_of(&self.nodes)
    }
}

fn literal_text(literal: &Literal<'_>) -> String {
    match literal {
        Literal::Str(s) => s.to_string(),
        Literal::Number(n) => n.to_string(),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".to_owned(),
    }
}

fn tree_of<S>(nodes: &[Node<'_, S>]) -> Vec<TreeNode> {
    let mut out: Vec<TreeNode> = Vec::with_capacity(nodes.len());
    for node in nodes {
        let item = match node {
            Node::Element(e) => element_tree(e),
            Node::Text(t) => TreeNode::Text(t.value.to_string()),
            Node::Expr(Expr {
                value: ExprValue::Literal(Literal::Str(s)),
                ..
            }) => TreeNode::Text(s.to_string()),
            Node::Expr(Expr {
                value: ExprValue::Literal(l),
                ..
            }) => TreeNode::Literal(literal_text(l)),
            Node::Expr(Expr {
                value: ExprValue::Element(e),
                ..
            }) => element_tree(e),
            Node::Comment(c) => TreeNode::Comment(c.text.to_string()),
            Node::Dynamic(_) => TreeNode::Dynamic,
            Node::Error(e) => TreeNode::Error(e.text.to_string()),
        };
        match (out.last_mut(), item) {
            (_, TreeNode::Text(t)) if t.is_empty() => {}
            (Some(TreeNode::Text(prev)), TreeNode::Text(t)) => prev.push_str(&t),
            (_, item) => out.push(item),
        }
    }
    out
}

fn element_tree<S>(e: &Element<'_, S>) -> TreeNode {
    let attrs = e
        .attrs
        .iter()
        .map(|a| {
            let value = match &a.value {
                AttrValue::Flag => TreeValue::Flag,
                AttrValue::Str { value, .. } => TreeValue::Str(value.to_string()),
                AttrValue::Literal { value, .. } => TreeValue::Literal(literal_text(value)),
                AttrValue::Element(e) => TreeValue::Element(Box::new(element_tree(e))),
                AttrValue::Dynamic(_) => TreeValue::Dynamic,
                AttrValue::Invalid(_) => TreeValue::Invalid,
            };
            (a.name.text.to_string(), value)
        })
        .collect();
    TreeNode::Element(e.name.text.to_string(), attrs, tree_of(&e.children))
}
