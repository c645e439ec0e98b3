//! Entry points of the parser, and the helpers the grammar's actions call.
//!
//! [`parse`] is tolerant: it always returns a tree plus every syntax problem
//! found (the CLI and the fuzzers use it). [`parse_strict`] returns the tree
//! only when there are no syntax errors.
//!
//! The grammar's actions build values from the source through [`Builder`]:
//! slicing names and raw text by the tokens' offsets, and decoding entities
//! in text and attribute strings (whose problems it reports).

use std::borrow::Cow;
use std::convert::Infallible;

use lalrpop_util::{lalrpop_mod, ErrorRecovery, ParseError};

use crate::ast::*;
use crate::diagnostic::{Diagnostic, Severity};
use crate::entity::{decode_attr, decode_text};
use crate::lexer::{Lexer, Token};
use crate::rules::RuleId;

lalrpop_mod!(
    #[allow(
        clippy::all,
        clippy::pedantic,
        clippy::unwrap_used,
        unused,
        missing_docs,
        unused_qualifications
    )]
    grammar
);

/// A parsed document with the syntax diagnostics found on the way.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The tree; parts that could not be parsed are [`Node::Error`] nodes.
    pub document: Document<'a, Span>,
    /// Syntax diagnostics, sorted by position.
    pub diagnostics: Vec<Diagnostic<Span>>,
}

impl Parsed<'_> {
    /// True when some diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses a whole document, recovering from every error.
pub fn parse(src: &str) -> Parsed<'_> {
    let mut lexer = Lexer::new(src);
    let mut builder = Builder {
        src,
        diags: Vec::new(),
        nodes: Vec::new(),
        attrs: Vec::new(),
    };
    let result = grammar::DocumentParser::new().parse(&mut builder, &mut lexer);
    let mut diagnostics = lexer.take_diagnostics();
    diagnostics.append(&mut builder.diags);
    let document = match result {
        Ok(document) => document,
        Err(error) => {
            // Recovery failed outright: keep the source as one error node.
            diagnostics.push(syntax_error(error, src.len()));
            Document {
                doctype: None,
                nodes: vec![Node::Error(Raw {
                    text: Cow::Borrowed(src),
                    span: 0..src.len(),
                })],
            }
        }
    };
    diagnostics.sort_by_key(|d| (d.span().start, d.span().end));
    Parsed {
        document,
        diagnostics,
    }
}

/// Parses a document and fails if it has any syntax error.
pub fn parse_strict(src: &str) -> Result<Document<'_, Span>, Vec<Diagnostic<Span>>> {
    let parsed = parse(src);
    if parsed.has_errors() {
        Err(parsed.diagnostics)
    } else {
        Ok(parsed.document)
    }
}

/// One item inside a `{…}` container.
#[doc(hidden)]
pub enum Item<'a> {
    Literal(Literal<'a>),
    Element(Box<Element<'a, Span>>),
    Comment(&'a str),
    Unsupported,
}

/// State shared by the grammar's actions.
#[doc(hidden)]
pub struct Builder<'a> {
    src: &'a str,
    diags: Vec<Diagnostic<Span>>,
    /// Nodes reduced and not yet taken by their element: each element takes
    /// the ones above the height its open tag recorded, so it gets one
    /// vector of exactly its children's length, allocated once.
    nodes: Vec<Node<'a, Span>>,
    /// The same for attributes.
    attrs: Vec<Attribute<'a, Span>>,
}

/// An open tag's name, with the heights of the builder's stacks when it was
/// read: what lies above them when the element ends is its own.
#[doc(hidden)]
pub struct Open<'a> {
    name: Name<'a, Span>,
    nodes: usize,
    attrs: usize,
}

/// What a container holds once comments are set aside.
#[doc(hidden)]
pub enum Content<'a> {
    Empty,
    Comments,
    Literal(Literal<'a>),
    Element(Box<Element<'a, Span>>),
    Unsupported,
}

impl<'a> Content<'a> {
    /// The content after one more item.
    pub(crate) fn with(self, item: Item<'a>) -> Content<'a> {
        match (item, self) {
            (Item::Comment(_), Content::Empty) => Content::Comments,
            (Item::Comment(_), c) => c,
            (_, Content::Unsupported) | (Item::Unsupported, _) => Content::Unsupported,
            (Item::Literal(l), _) => Content::Literal(l),
            (Item::Element(e), _) => Content::Element(e),
        }
    }
}

impl<'a> Builder<'a> {
    fn empty_expression(&mut self, span: Span) {
        self.diags.push(
            Diagnostic::new(
                RuleId::EmptyExpression,
                "empty expression container `{}`",
                span,
                "nothing inside",
            )
            .with_help("remove it, or put a literal inside: `{\"text\"}`"),
        );
    }

    pub(crate) fn child_container(&mut self, content: Content<'a>, span: Span) -> Node<'a, Span> {
        match content {
            // Between children acorn-jsx reads `{}` as an empty expression,
            // like `{/* */}`; only in attribute position is it an error.
            Content::Empty | Content::Comments => {
                let inner = span.start + 1..span.end.saturating_sub(1).max(span.start + 1);
                Node::Comment(self.raw(inner))
            }
            Content::Literal(value) => Node::Expr(Expr {
                value: ExprValue::Literal(value),
                span,
            }),
            Content::Element(e) => Node::Expr(Expr {
                value: ExprValue::Element(e),
                span,
            }),
            Content::Unsupported => Node::Error(self.raw(span)),
        }
    }

    pub(crate) fn attr_container(
        &mut self,
        content: Content<'a>,
        span: Span,
    ) -> AttrValue<'a, Span> {
        match content {
            Content::Empty | Content::Comments => {
                self.empty_expression(span.clone());
                AttrValue::Invalid(span)
            }
            Content::Literal(Literal::Str(value)) => AttrValue::Str {
                value,
                form: StrForm::Js,
                span,
            },
            Content::Literal(value) => AttrValue::Literal { value, span },
            Content::Element(e) => AttrValue::Element(e),
            Content::Unsupported => AttrValue::Invalid(span),
        }
    }

    pub(crate) fn stray_close(&mut self, name: Name<'a, Span>, span: Span) -> Node<'a, Span> {
        self.diags.push(
            Diagnostic::new(
                RuleId::UnexpectedCloseTag,
                format!("`</{}>` closes nothing", name.text),
                span.clone(),
                "no element is open here",
            )
            .with_help("remove it, or add the matching open tag before it"),
        );
        Node::Error(self.raw(span))
    }

    pub(crate) fn open(&self, span: Span) -> Open<'a> {
        Open {
            name: self.name(span),
            nodes: self.nodes.len(),
            attrs: self.attrs.len(),
        }
    }

    pub(crate) fn push_node(&mut self, node: Node<'a, Span>) {
        self.nodes.push(node);
    }

    pub(crate) fn push_attr(&mut self, attr: Attribute<'a, Span>) {
        self.attrs.push(attr);
    }

    /// The nodes reduced since the stack stood at `height`.
    pub(crate) fn children(&mut self, height: usize) -> Vec<Node<'a, Span>> {
        // `drain` knows its length, so the vector is allocated at that size.
        self.nodes.drain(height.min(self.nodes.len())..).collect()
    }

    fn attributes(&mut self, height: usize) -> Vec<Attribute<'a, Span>> {
        self.attrs.drain(height.min(self.attrs.len())..).collect()
    }

    pub(crate) fn self_closing(&mut self, open: Open<'a>, span: Span) -> Box<Element<'a, Span>> {
        Box::new(Element {
            attrs: self.attributes(open.attrs),
            name: open.name,
            children: Vec::new(),
            close: Close::SelfClosing,
            span,
        })
    }

    pub(crate) fn element(
        &mut self,
        open: Open<'a>,
        close: Option<Name<'a, Span>>,
        span: Span,
    ) -> Box<Element<'a, Span>> {
        let name = open.name;
        let close = match close {
            Some(close) => {
                if close.text != name.text {
                    self.diags.push(
                        Diagnostic::new(
                            RuleId::MismatchedCloseTag,
                            format!("`</{}>` does not close `<{}>`", close.text, name.text),
                            close.span.clone(),
                            format!("expected `</{}>`", name.text),
                        )
                        .with_label(name.span.clone(), "opened here")
                        .with_help(format!("change it to `</{}>`", name.text)),
                    );
                }
                Close::Tag(close)
            }
            None => Close::Missing,
        };
        Box::new(Element {
            children: self.children(open.nodes),
            attrs: self.attributes(open.attrs),
            name,
            close,
            span,
        })
    }

    /// Drops what was built from the symbols error recovery popped: they
    /// are the newest entries, those that start where the popped input
    /// starts (`from`) or later, as the vectors they were in were dropped
    /// before the builder kept them.
    fn forget_popped(&mut self, from: usize) {
        // An empty span at `from` is an earlier recovery's error node,
        // which ends where the popped input starts.
        let popped = |span: &Span| span.start > from || (span.start == from && span.end > from);
        while self.nodes.last().map(node_span).is_some_and(popped) {
            self.nodes.pop();
        }
        while self.attrs.last().is_some_and(|a| popped(&a.span)) {
            self.attrs.pop();
        }
    }

    pub(crate) fn recover(
        &mut self,
        error: ErrorRecovery<usize, Token, Infallible>,
        span: Span,
    ) -> Node<'a, Span> {
        // Values in the tokens recovery dropped are never built, but their
        // entity problems are still the author's to know about.
        for (l, token, r) in &error.dropped_tokens {
            match token {
                Token::Text => drop(self.text(*l..*r)),
                Token::AttrStr(form) => drop(self.attr_string(*l..*r, *form)),
                Token::Attr(_, open, form) => drop(self.attr_string(*open..*r, *form)),
                _ => {}
            }
        }
        self.forget_popped(span.start);
        self.diags.push(syntax_error(error.error, self.src.len()));
        Node::Error(self.raw(span))
    }

    /// The source text of a span the lexer produced (always on character
    /// boundaries; empty rather than a panic if that were ever wrong).
    pub(crate) fn slice(&self, span: Span) -> &'a str {
        self.src.get(span).unwrap_or("")
    }

    pub(crate) fn raw(&self, span: Span) -> Raw<'a, Span> {
        Raw {
            text: Cow::Borrowed(self.slice(span.clone())),
            span,
        }
    }

    pub(crate) fn name(&self, span: Span) -> Name<'a, Span> {
        Name {
            text: Cow::Borrowed(self.slice(span.clone())),
            span,
        }
    }

    /// A text run, entities decoded (and CRLF → LF).
    pub(crate) fn text(&mut self, span: Span) -> Node<'a, Span> {
        let value = decode_text(self.slice(span.clone()), span.start, &mut self.diags);
        Node::Text(Text { value, span })
    }

    /// An attribute string written `"…"`, `'…'` or (in error) unquoted;
    /// `span` is the value as written, quotes included.
    pub(crate) fn attr_string(&mut self, span: Span, form: StrForm) -> AttrValue<'a, Span> {
        let value = if form == StrForm::Unquoted || span.len() < 2 {
            Cow::Borrowed(self.slice(span.clone()))
        } else {
            let inner = span.start + 1..span.end - 1;
            decode_attr(self.slice(inner.clone()), inner.start, &mut self.diags)
        };
        AttrValue::Str { value, form, span }
    }

    /// A JS string literal: the lexer's decoded value when escapes changed
    /// it, else the text between the quotes.
    pub(crate) fn js_string(&self, decoded: Option<Box<str>>, span: Span) -> Cow<'a, str> {
        match decoded {
            Some(value) => Cow::Owned(value.into()),
            None if span.len() >= 2 => Cow::Borrowed(self.slice(span.start + 1..span.end - 1)),
            None => Cow::Borrowed(""),
        }
    }
}

/// Where a node the parser built lies in the source.
fn node_span<'n>(node: &'n Node<'_, Span>) -> &'n Span {
    match node {
        Node::Element(e) => &e.span,
        Node::Text(t) => &t.span,
        Node::Expr(x) => &x.span,
        Node::Comment(raw) | Node::Error(raw) => &raw.span,
        Node::Dynamic(span) => span,
    }
}

fn syntax_error(error: ParseError<usize, Token, Infallible>, len: usize) -> Diagnostic<Span> {
    let (span, found, expected) = match error {
        ParseError::UnrecognizedToken {
            token: (l, t, r),
            expected,
        } => (l..r, t.describe(), expected),
        ParseError::UnrecognizedEof { location, expected } => {
            (location..location, "the end of the document", expected)
        }
        ParseError::ExtraToken { token: (l, t, r) } => (l..r, t.describe(), Vec::new()),
        ParseError::InvalidToken { location } => {
            (location..location.min(len), "invalid input", Vec::new())
        }
        ParseError::User { error } => match error {},
    };
    let expected: Vec<&str> = expected.iter().map(|e| describe_terminal(e)).collect();
    let mut d = Diagnostic::new(
        RuleId::SyntaxError,
        format!("unexpected {found}"),
        span,
        "not valid here",
    );
    if !expected.is_empty() {
        let mut list = expected;
        list.dedup();
        d = d.with_help(format!("expected {}", list.join(", ")));
    }
    d
}

/// Turns lalrpop's quoted terminal names into words.
fn describe_terminal(t: &str) -> &'static str {
    match t.trim_matches('"') {
        "open" => "an open tag",
        "close" | "stray-close" => "a close tag",
        "attr" => "an attribute",
        "</" | "stray</" => "`</`",
        ">" => "`>`",
        "/>" => "`/>`",
        "=" => "`=`",
        "name" => "a name",
        "attr-string" => "a quoted string",
        "{" => "`{`",
        "}" => "`}`",
        "text" => "text",
        "js-string" | "number" | "true" | "false" | "null" => "a literal",
        _ => "markup",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(src: &str) -> Vec<RuleId> {
        parse(src).diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn parses_both_authoring_styles() {
        let plain =
            parse(r#"<Page><P>Count: 1</P><Button action="submit" small>Go</Button></Page>"#);
        let htm = parse(
            "<Page >\n<P >{\"Count: \"}\n{\"1\"}</P>\n<Button action={\"submit\"} small={\"true\"} >{\"Go\"}</Button></Page>",
        );
        assert!(plain.diagnostics.is_empty(), "{:?}", plain.diagnostics);
        assert!(htm.diagnostics.is_empty(), "{:?}", htm.diagnostics);
        let Node::Element(page) = &plain.document.nodes[0] else {
            panic!("expected an element")
        };
        assert_eq!(page.name.text, "Page");
        assert_eq!(page.name.span, 1..5);
        assert_eq!(page.children.len(), 2);
    }

    #[test]
    fn attribute_forms() {
        let p = parse(
            r#"<Input a="x &amp; y" b='z' c={"\u0041"} d={5} e={true} f={null} g label={<B>hi</B>} h=<BR/> />"#,
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let Node::Element(e) = &p.document.nodes[0] else {
            panic!()
        };
        let values: Vec<_> = e
            .attrs
            .iter()
            .map(|a| (a.name.text.as_ref(), &a.value))
            .collect();
        assert_eq!(values[0].1.as_str(), Some("x & y"));
        assert_eq!(values[1].1.as_str(), Some("z"));
        assert_eq!(values[2].1.as_str(), Some("A"));
        assert!(
            matches!(values[3].1, AttrValue::Literal { value: Literal::Number(n), .. } if n == "5")
        );
        assert!(matches!(
            values[4].1,
            AttrValue::Literal {
                value: Literal::Bool(true),
                ..
            }
        ));
        assert!(matches!(
            values[5].1,
            AttrValue::Literal {
                value: Literal::Null,
                ..
            }
        ));
        assert!(matches!(values[6].1, AttrValue::Flag));
        assert!(matches!(values[7].1, AttrValue::Element(_)));
        assert!(matches!(values[8].1, AttrValue::Element(_)));
    }

    #[test]
    fn host_quirks_accepted() {
        for src in [
            "<BR/>",
            "<BR ></BR>",
            "< P>x</ P>",
            "<P>a</P><P>b</P>text",
            "<!DOCTYPE html>\n<Page/>",
            "<P>{/* note */}</P>",
            "<P>{}</P>",
            "<Input / >",
            "<P>a > b } c</P>",
            "<P a=\"line\nbreak\"/>",
        ] {
            assert_eq!(codes(src), Vec::<RuleId>::new(), "{src}");
        }
    }

    #[test]
    fn reports_every_problem_in_one_pass() {
        assert_eq!(
            codes("<Page><P>a < b</P><!-- c --><B x=1 y={}>{}</B>{y}</Page>"),
            vec![
                RuleId::RawLtInText,
                RuleId::HtmlComment,
                RuleId::UnquotedAttributeValue,
                RuleId::EmptyExpression,
                RuleId::UnsupportedExpression
            ]
        );
    }

    #[test]
    fn tag_structure_errors() {
        assert_eq!(codes("<P>x</B>"), vec![RuleId::MismatchedCloseTag]);
        let p = parse("<P>x</B>");
        assert_eq!(p.diagnostics[0].labels.len(), 2);
        assert_eq!(codes("<Page><P>x</Page>"), vec![RuleId::UnclosedElement]);
        assert_eq!(codes("x</P>"), vec![RuleId::UnexpectedCloseTag]);
        assert_eq!(
            codes("<P = >"),
            vec![RuleId::UnclosedElement, RuleId::SyntaxError]
        );
    }

    #[test]
    fn never_panics_on_garbage() {
        for src in [
            "<",
            "</",
            "<P",
            "<P a",
            "<P a=",
            "{",
            "}",
            "<P a={",
            "<P a={<",
            "<<<>>>",
            "{{{}}}",
            "</>",
            "<P/ >",
            "<a:b.c-d/>",
        ] {
            let _ = parse(src);
        }
    }
}
