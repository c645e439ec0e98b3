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

use lalrpop_util::{ErrorRecovery, ParseError};

use crate::ast::*;
use crate::diagnostic::{Diagnostic, Severity};
use crate::entity::{decode_attr, decode_text};
use crate::lexer::{Lexer, Token};
use crate::rules::RuleId;
use crate::validate::{Options, Validator};

/// A module of lalrpop's generated code, with the lints that code does not
/// meet turned off (it is generated, not ours to style).
macro_rules! generated_parser {
    ($name:ident $(, $path:literal)?) => {
        lalrpop_util::lalrpop_mod!(
            #[allow(
                clippy::all,
                clippy::pedantic,
                clippy::unwrap_used,
                unused,
                missing_docs,
                unused_qualifications
            )]
            $name $(, $path)?
        );
    };
}
#[cfg(feature = "automaton-floor")]
pub(crate) use generated_parser;

generated_parser!(grammar);

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
    let (result, diagnostics, _) = run(src, None);
    let document = result.unwrap_or_else(|| Document {
        // Recovery failed outright: keep the source as one error node.
        doctype: None,
        nodes: vec![Node::Error(Raw {
            text: Cow::Borrowed(src),
            span: 0..src.len(),
        })],
    });
    Parsed {
        document,
        diagnostics,
    }
}

/// The syntax diagnostics of `src` and the validator's, in the order
/// [`crate::validate`] finds them on [`parse`]'s tree, without keeping the
/// tree: each element is validated as the parser places it in its parent,
/// then emptied, so memory follows the open elements and their children
/// rather than the document, and each element is checked while it is still
/// in the cache.
pub(crate) fn diagnose(
    src: &str,
    options: &Options,
) -> (Vec<Diagnostic<Span>>, Vec<Diagnostic<Span>>) {
    let stream = Stream {
        validator: Validator::new(options),
        open: Vec::new(),
        found: Vec::new(),
        fields: Vec::new(),
        discarded: Vec::new(),
    };
    let (result, syntax, stream) = run(src, Some(stream));
    let (Some(document), Some(mut stream)) = (result, stream) else {
        // Recovery failed outright: the tree is one error node, where the
        // validator finds nothing.
        return (syntax, Vec::new());
    };
    // What was visited inside discarded elements is not in the tree.
    let discarded = merged(stream.discarded);
    let kept = |start: usize| {
        let i = discarded.partition_point(|r| r.start <= start);
        i == 0 || discarded[i - 1].end <= start
    };
    stream.validator.fields = stream.fields.iter().filter(|&&s| kept(s)).count();
    stream
        .validator
        .retain_unnamed_fields(|span| kept(span.start));
    stream.validator.check_root(&document.nodes);
    // `validate` visits each element before the elements inside it, that
    // is in the order of their starts; the sort is stable, so each visit
    // keeps its own order.
    stream.found.sort_by_key(|(start, _)| *start);
    let mut found = stream.validator.take_diagnostics();
    found.extend(
        stream
            .found
            .into_iter()
            .filter(|(start, _)| kept(*start))
            .map(|(_, d)| d),
    );
    found.extend(stream.validator.finish());
    (syntax, found)
}

/// Spans sorted and merged where they overlap, so that whether one holds
/// a position is a binary search.
fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Runs the parser: the tree (`None` when recovery failed outright), the
/// syntax diagnostics sorted by position, and the validation `stream`.
fn run<'a>(
    src: &'a str,
    stream: Option<Stream<'a>>,
) -> (
    Option<Document<'a, Span>>,
    Vec<Diagnostic<Span>>,
    Option<Stream<'a>>,
) {
    let mut lexer = Lexer::new(src);
    let mut builder = Builder {
        src,
        diags: Vec::new(),
        nodes: Vec::new(),
        attrs: Vec::new(),
        stream,
    };
    let result = grammar::DocumentParser::new().parse(&mut builder, &mut lexer);
    let mut diagnostics = lexer.take_diagnostics();
    diagnostics.append(&mut builder.diags);
    let document = match result {
        Ok(document) => Some(document),
        Err(error) => {
            diagnostics.push(syntax_error(error, src.len()));
            None
        }
    };
    diagnostics.sort_by_key(|d| (d.span().start, d.span().end));
    (document, diagnostics, builder.stream)
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
    /// The validation of [`diagnose`], which empties each element once it
    /// is checked; `None` when the tree is kept.
    stream: Option<Stream<'a>>,
}

/// The validator as [`diagnose`] runs it, element by element.
struct Stream<'a> {
    validator: Validator<'a, Span>,
    /// The names of the elements whose open tag was read and that are not
    /// closed yet: the innermost is the parent of what is placed now.
    open: Vec<Name<'a, Span>>,
    /// The validator's diagnostics, each with the start of the element
    /// whose visit found it.
    found: Vec<(usize, Diagnostic<Span>)>,
    /// The starts of the form fields counted so far.
    fields: Vec<usize>,
    /// The spans of elements built in containers and then dropped from the
    /// tree (a later value in the same container, or a spread).
    discarded: Vec<Span>,
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

impl<'a> Builder<'a> {
    /// The content of a container after one more item (comments set aside;
    /// the last value wins, anything unsupported spoils the whole).
    pub(crate) fn fold(&mut self, content: Content<'a>, item: Item<'a>) -> Content<'a> {
        match (item, content) {
            (Item::Comment(_), Content::Empty) => Content::Comments,
            (Item::Comment(_), c) => c,
            (item, content @ Content::Unsupported) | (item @ Item::Unsupported, content) => {
                if let Item::Element(e) = item {
                    self.discard(Content::Element(e));
                }
                self.discard(content);
                Content::Unsupported
            }
            (Item::Literal(l), old) => {
                self.discard(old);
                Content::Literal(l)
            }
            (Item::Element(e), old) => {
                self.discard(old);
                Content::Element(e)
            }
        }
    }

    /// Content that does not go into the tree: an element in it was never
    /// placed, but the elements inside it were, so when validating as the
    /// parser goes, what their visits found is set aside at the end.
    pub(crate) fn discard(&mut self, content: Content<'a>) {
        if let (Content::Element(e), Some(stream)) = (content, &mut self.stream) {
            stream.discarded.push(e.span.clone());
        }
    }

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

    pub(crate) fn open(&mut self, span: Span) -> Open<'a> {
        let name = self.name(span);
        if let Some(stream) = &mut self.stream {
            stream.open.push(name.clone());
        }
        Open {
            name,
            nodes: self.nodes.len(),
            attrs: self.attrs.len(),
        }
    }

    /// The element of `open` is complete.
    fn close(&mut self) {
        if let Some(stream) = &mut self.stream {
            stream.open.pop();
        }
    }

    pub(crate) fn push_node(&mut self, mut node: Node<'a, Span>) {
        if let Some(e) = node_element_mut(&mut node) {
            self.place(e);
        }
        self.nodes.push(node);
    }

    pub(crate) fn push_attr(&mut self, mut attr: Attribute<'a, Span>) {
        if let AttrValue::Element(e) = &mut attr.value {
            self.place(e);
        }
        self.attrs.push(attr);
    }

    /// An element has its place in the tree: when validating as the parser
    /// goes, check it now (its attributes and children are complete, and
    /// the innermost open element is its parent), then keep only what its
    /// parent's checks read: its name, close and span.
    fn place(&mut self, e: &mut Element<'a, Span>) {
        let Some(stream) = &mut self.stream else {
            return;
        };
        let fields = stream.validator.fields;
        stream.validator.visit(e, stream.open.last());
        if stream.validator.fields > fields {
            stream.fields.push(e.span.start);
        }
        let start = e.span.start;
        stream
            .found
            .extend(stream.validator.drain_diagnostics().map(|d| (start, d)));
        e.attrs = Vec::new();
        e.children = Vec::new();
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
        self.close();
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
        self.close();
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

    /// Drops what was built from the symbols error recovery popped, as the
    /// vectors holding them were dropped with those symbols before the
    /// builder kept them: they are the newest entries, the ones that start
    /// where the popped input starts (`from`) or later.
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
        if let Some(stream) = &mut self.stream {
            // Elements never have empty spans, so their starts can be
            // compared with `from` alone.
            while stream.open.last().is_some_and(|n| n.span.start >= from) {
                stream.open.pop();
            }
            while stream.found.last().is_some_and(|(start, _)| *start >= from) {
                stream.found.pop();
            }
            while stream.fields.last().is_some_and(|&start| start >= from) {
                stream.fields.pop();
                stream.validator.fields -= 1;
            }
            stream
                .validator
                .forget_unnamed_fields(|span| span.start >= from);
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

/// The element a node holds, directly or in an expression container.
fn node_element_mut<'n, 'a>(node: &'n mut Node<'a, Span>) -> Option<&'n mut Element<'a, Span>> {
    match node {
        Node::Element(e)
        | Node::Expr(Expr {
            value: ExprValue::Element(e),
            ..
        }) => Some(e),
        _ => None,
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
