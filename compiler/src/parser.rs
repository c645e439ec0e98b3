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
use std::cell::{Cell, RefCell};
use std::convert::Infallible;
use std::rc::Rc;

use lalrpop_util::{ErrorRecovery, ParseError};

use crate::ast::*;
use crate::diagnostic::{Diagnostic, Severity};
use crate::entity::{decode_attr, decode_text};
use crate::js_string;
use crate::lexer::{AttrAside, Lexer, Token};
use crate::rules::RuleId;
use crate::schema::{self, Component};
use crate::validate::{Options, Validator};
use crate::work;

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
    let Run {
        document,
        diagnostics,
        ..
    } = run(src, None, TokenSet::Every);
    let document = document.unwrap_or_else(|| Document {
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
/// tree: each node is judged as a child when it is reduced and each element
/// checked when it is placed, and none is kept, so memory follows the open
/// elements rather than the document, and each element is checked while it
/// is still in the cache.
pub(crate) fn diagnose(
    src: &str,
    options: &Options,
) -> (Vec<Diagnostic<Span>>, Vec<Diagnostic<Span>>) {
    let stream = || Stream {
        validator: Validator::new(options),
        open: Vec::new(),
        root: RootCheck::default(),
        closed: None,
        found: Vec::new(),
        fields: Vec::new(),
        discarded: Vec::new(),
    };
    // The tokens a lean parse leaves out matter only to recovery (see
    // `Lexer::without_blank_text` and `Lexer::with_attributes_aside`), so a
    // document that needed it is parsed again with every token: only such
    // a document pays for a second parse, and the first one stops at the
    // recovery.
    let mut parsed = run(src, Some(stream()), TokenSet::Lean);
    if parsed.recovered {
        parsed = run(src, Some(stream()), TokenSet::Every);
    }
    let (Some(_), Some(mut stream)) = (parsed.document, parsed.stream) else {
        // Recovery failed outright: the tree is one error node, where the
        // validator finds nothing.
        return (parsed.diagnostics, Vec::new());
    };
    let syntax = parsed.diagnostics;
    // What was found inside discarded elements is not in the tree.
    let discarded = merged(stream.discarded);
    let kept = |start: usize| {
        let i = discarded.partition_point(|r| r.start <= start);
        i == 0 || discarded[i - 1].end <= start
    };
    stream.validator.fields = stream.fields.iter().filter(|&&s| kept(s)).count();
    stream
        .validator
        .retain_unnamed_fields(|span| kept(span.start));
    // `validate` checks the root, then visits each element before the
    // elements inside it; the sort is stable, so each step keeps its order.
    stream.found.sort_by_key(|f| f.order);
    let mut found: Vec<Diagnostic<Span>> = stream
        .found
        .into_iter()
        .filter(|f| kept(f.from))
        .map(|f| f.diagnostic)
        .collect();
    found.extend(stream.validator.finish());
    (syntax, found)
}

/// A location of the grammar's as a byte offset. Locations are `u32`
/// (documents over 4 GiB are refused before parsing) because lalrpop moves
/// every symbol with two of them, and with `usize` its driver runs about
/// 15 % slower (the reference bench's automaton row).
pub(crate) fn at(location: u32) -> usize {
    location as usize
}

/// The lexer's tokens with the grammar's `u32` locations; only for a
/// source of at most `u32::MAX` bytes, which the callers check.
pub(crate) fn located<'l, 's>(
    lexer: &'l mut Lexer<'s>,
) -> impl Iterator<Item = Result<(u32, Token, u32), Infallible>> + use<'l, 's> {
    lexer.map(|token| token.map(|(l, t, r)| (l as u32, t, r as u32)))
}

/// The span between two of the grammar's locations.
pub(crate) fn span(l: u32, r: u32) -> Span {
    at(l)..at(r)
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

/// What one run of the parser gives.
struct Run<'a> {
    /// The tree, `None` when recovery failed outright.
    document: Option<Document<'a, Span>>,
    /// The syntax diagnostics, sorted by position.
    diagnostics: Vec<Diagnostic<Span>>,
    /// The validation of [`diagnose`], when it ran.
    stream: Option<Stream<'a>>,
    /// Whether error recovery ran (or failed).
    recovered: bool,
}

/// Runs the parser over the lexer's `tokens`, with the validation `stream`
/// when one is given.
fn run<'a>(src: &'a str, stream: Option<Stream<'a>>, tokens: TokenSet) -> Run<'a> {
    if let Some(too_large) = crate::lexer::over_size_limit(src.len()) {
        return Run {
            document: None,
            diagnostics: vec![too_large],
            stream,
            recovered: true,
        };
    }
    let aside = match tokens {
        TokenSet::Lean => Some(Rc::new(RefCell::new(Vec::new()))),
        TokenSet::Every => None,
    };
    let mut lexer = match &aside {
        Some(aside) => Lexer::lean(src, Rc::clone(aside)),
        None => Lexer::new(src),
    };
    let recovered = Rc::new(Cell::new(false));
    let mut builder = Builder {
        src,
        diags: Vec::new(),
        nodes: Vec::new(),
        tags: Vec::new(),
        stream,
        recovered: Rc::clone(&recovered),
        spare: Spare::default(),
        aside,
    };
    // A lean parse is run again once it recovers, so its input ends there:
    // it costs only the text before the first error.
    let cut = matches!(tokens, TokenSet::Lean);
    let stop = Rc::clone(&recovered);
    let stream = located(&mut lexer).take_while(move |_| !(cut && stop.get()));
    let result = grammar::DocumentParser::new().parse(&mut builder, stream);
    let mut diagnostics = lexer.take_diagnostics();
    diagnostics.append(&mut builder.diags);
    let mut recovered = recovered.get();
    let document = match result {
        Ok(document) => Some(document),
        Err(error) => {
            diagnostics.push(syntax_error(error, src.len()));
            recovered = true;
            None
        }
    };
    diagnostics.sort_by_key(|d| (d.span().start, d.span().end));
    Run {
        document,
        diagnostics,
        stream: builder.stream,
        recovered,
    }
}

/// Which tokens the lexer hands to the parser.
#[derive(Clone, Copy)]
enum TokenSet {
    /// Every token.
    Every,
    /// Without blank text and with `name="value"` attributes set aside
    /// (see [`Lexer::without_blank_text`] and
    /// [`Lexer::with_attributes_aside`]).
    Lean,
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
    /// The open tags whose elements are not complete, innermost last, each
    /// with the attributes reduced so far: an attribute always belongs to
    /// the innermost (an element inside an attribute value completes before
    /// the next attribute), so it goes straight into the vector its element
    /// will own.
    tags: Vec<Tag<'a>>,
    /// The validation of [`diagnose`], which empties each element once it
    /// is checked; `None` when the tree is kept.
    stream: Option<Stream<'a>>,
    /// Whether error recovery ran (shared with the token stream, which a
    /// lean parse ends there).
    recovered: Rc<Cell<bool>>,
    /// Allocations of elements already checked, for the next ones.
    spare: Spare<'a>,
    /// The attributes the lexer set aside, when it does: each element takes
    /// its own when it is built.
    aside: Option<Rc<RefCell<Vec<AttrAside>>>>,
}

/// An open tag and its attributes so far.
struct Tag<'a> {
    /// Where its `<` is.
    start: usize,
    attrs: Vec<Attribute<'a, Span>>,
}

/// Allocations kept for reuse, so that an element costs no allocation in
/// the common case: the open tags' attribute vectors, and, when
/// [`diagnose`] has checked an element, its box.
#[derive(Default)]
struct Spare<'a> {
    element: Option<Box<Element<'a, Span>>>,
    /// Empty vectors for the next open tags: as many as tags were open at
    /// once.
    attrs: Vec<Vec<Attribute<'a, Span>>>,
}

impl<'a> Spare<'a> {
    fn keep_attrs(&mut self, mut attrs: Vec<Attribute<'a, Span>>) {
        attrs.clear();
        self.attrs.push(attrs);
    }
}

/// The validator as [`diagnose`] runs it: each node is judged as a child
/// of the innermost open element (or of the document) when it is reduced,
/// and each element's own checks run when it is placed, so no node needs
/// to be kept once it is placed.
struct Stream<'a> {
    validator: Validator<'a, Span>,
    /// The elements whose open tag was read and that are not closed yet.
    open: Vec<OpenElement<'a>>,
    /// The root convention's state over the top-level nodes so far.
    root: RootCheck,
    /// The start and component of the element closed last: it is usually
    /// the next one placed, which then needs no second look-up.
    closed: Option<(usize, Option<&'static Component>)>,
    /// The validator's diagnostics so far, in the order they were found.
    found: Vec<Found>,
    /// The starts of the form fields counted so far.
    fields: Vec<usize>,
    /// The spans of elements built in containers and then dropped from the
    /// tree (a later value in the same container, or a spread).
    discarded: Vec<Span>,
}

/// An element still open, as its children's checks need it.
struct OpenElement<'a> {
    name: Name<'a, Span>,
    /// Where its `<` is.
    start: usize,
    /// Its component, when it is one (the child conventions are its).
    spec: Option<&'static Component>,
    /// The start of the child after which its children are no longer
    /// judged (see [`Validator::child`]).
    stopped_by: Option<usize>,
}

/// The root convention's state (see [`Validator::root_node`]).
#[derive(Default)]
struct RootCheck {
    pages: usize,
    /// Where the page counted in `pages` starts.
    page_at: Option<usize>,
    stopped_by: Option<usize>,
}

/// One of the validator's diagnostics, found while parsing.
struct Found {
    /// Where `validate` would have found it: the start of the element whose
    /// visit it belongs to, and the step of that visit.
    order: (usize, Step),
    /// The start of the node whose placement found it: what error recovery
    /// and discarded containers compare to undo it.
    from: usize,
    diagnostic: Diagnostic<Span>,
}

/// The steps of `validate` at one position, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Root,
    Attributes,
    Children,
    Placement,
}

impl<'a> Stream<'a> {
    /// Moves the validator's new diagnostics into `found`.
    fn found(&mut self, order: (usize, Step), from: usize) {
        if !self.validator.has_diagnostics() {
            return;
        }
        self.found
            .extend(self.validator.drain_diagnostics().map(|diagnostic| Found {
                order,
                from,
                diagnostic,
            }));
    }

    /// An element has its place in the tree (its children were judged while
    /// it was open): its own checks, under the innermost open element.
    /// Checks a complete element and empties it, handing back its
    /// attributes' vector for the next element.
    fn place(&mut self, e: &mut Element<'a, Span>) -> Vec<Attribute<'a, Span>> {
        let start = e.span.start;
        let fields = self.validator.fields;
        let spec = match self.closed.take() {
            Some((closed, spec)) if closed == start => spec,
            _ => schema::component_named(&e.name.text),
        };
        let spec = self.validator.visit_attributes_as(e, spec);
        self.found((start, Step::Attributes), start);
        let parent = self.open.last().map(|o| &o.name);
        self.validator.visit_placement(e, spec, parent);
        self.found((start, Step::Placement), start);
        if self.validator.fields > fields {
            self.fields.push(start);
        }
        e.children = Vec::new();
        std::mem::take(&mut e.attrs)
    }

    /// A node that starts at `start` is a child of the innermost open
    /// element, or of the document: the conventions on children.
    fn judge_child(&mut self, node: &Node<'a, Span>, start: usize) {
        match self.open.last_mut() {
            Some(parent) => {
                let Some(spec) = parent.spec else {
                    return;
                };
                if parent.stopped_by.is_some() {
                    return;
                }
                if self.validator.child(&parent.name, spec, node).is_break() {
                    parent.stopped_by = Some(start);
                }
                let order = (parent.start, Step::Children);
                self.found(order, start);
            }
            None => {
                if self.root.stopped_by.is_some() {
                    return;
                }
                let pages = self.root.pages;
                if self
                    .validator
                    .root_node(&mut self.root.pages, node)
                    .is_break()
                {
                    self.root.stopped_by = Some(start);
                }
                if self.root.pages > pages {
                    self.root.page_at = Some(start);
                }
                self.found((0, Step::Root), start);
            }
        }
    }

    /// Undoes what was found for nodes that start at `from` or later, which
    /// error recovery popped: they were placed last, so what they found is
    /// at the end of each list. Elements never have empty spans, so their
    /// starts can be compared with `from` alone.
    fn forget(&mut self, from: usize) {
        while self.open.last().is_some_and(|o| o.start >= from) {
            self.open.pop();
        }
        // Only the innermost element still open can have lost children.
        if let Some(parent) = self.open.last_mut() {
            if parent.stopped_by.is_some_and(|s| s >= from) {
                parent.stopped_by = None;
            }
        }
        // Every top-level state shifts `!`, so recovery has not been seen to
        // pop a top-level node; the root's state is undone all the same, so
        // that it stays right if the grammar changes.
        if self.root.stopped_by.is_some_and(|s| s >= from) {
            self.root.stopped_by = None;
        }
        if self.root.page_at.is_some_and(|s| s >= from) {
            self.root.page_at = None;
            self.root.pages = 0;
        }
        while self.found.last().is_some_and(|f| f.from >= from) {
            // Each entry is popped at most once: linear over the document,
            // which the scaling tests count.
            work::add(1);
            self.found.pop();
        }
        while self.fields.last().is_some_and(|&start| start >= from) {
            self.fields.pop();
            self.validator.fields -= 1;
        }
        self.validator
            .forget_unnamed_fields(|span| span.start >= from);
    }
}

/// An open tag's name, with the height of the builder's node stack when it
/// was read: what lies above it when the element ends is its own.
#[doc(hidden)]
pub struct Open<'a> {
    name: Name<'a, Span>,
    nodes: usize,
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

    pub(crate) fn open(&mut self, start: usize, span: Span) -> Open<'a> {
        let name = self.name(span);
        if let Some(stream) = &mut self.stream {
            stream.open.push(OpenElement {
                spec: schema::component_named(&name.text),
                name: name.clone(),
                start,
                stopped_by: None,
            });
        }
        let attrs = self.spare.attrs.pop().unwrap_or_default();
        self.tags.push(Tag { start, attrs });
        Open {
            name,
            nodes: self.nodes.len(),
        }
    }

    /// The element of `open` is complete.
    fn close(&mut self) {
        if let Some(stream) = &mut self.stream {
            stream.closed = stream.open.pop().map(|o| (o.start, o.spec));
        }
    }

    /// A node is reduced as a child of the innermost open element (or of
    /// the document). When validating as the parser goes, it is checked
    /// now and not kept.
    pub(crate) fn push_node(&mut self, mut node: Node<'a, Span>) {
        let Some(stream) = &mut self.stream else {
            self.nodes.push(node);
            return;
        };
        let attrs = node.element_mut().map(|e| stream.place(e));
        stream.judge_child(&node, node.span().start);
        if let Some(attrs) = attrs {
            self.spare.keep_attrs(attrs);
        }
        if let Node::Element(e) = node {
            self.spare.element = Some(e);
        }
    }

    pub(crate) fn push_attr(&mut self, mut attr: Attribute<'a, Span>) {
        if let (AttrValue::Element(e), Some(stream)) = (&mut attr.value, &mut self.stream) {
            let attrs = stream.place(e);
            self.spare.keep_attrs(attrs);
        }
        // The grammar reduces attributes only inside an open tag.
        if let Some(tag) = self.tags.last_mut() {
            tag.attrs.push(attr);
        }
    }

    /// The nodes reduced since the stack stood at `height`.
    pub(crate) fn children(&mut self, height: usize) -> Vec<Node<'a, Span>> {
        if self.stream.is_some() {
            return Vec::new();
        }
        // `drain` knows its length, so the vector is allocated at that size.
        self.nodes.drain(height.min(self.nodes.len())..).collect()
    }

    /// The attributes of the innermost open tag, whose element is complete.
    fn attributes(&mut self) -> Vec<Attribute<'a, Span>> {
        let Some(Tag { start, mut attrs }) = self.tags.pop() else {
            return Vec::new();
        };
        if let Some(aside) = self.aside.clone() {
            self.take_aside(&aside, start, &mut attrs);
        }
        if self.stream.is_some() {
            // Checked at once, and the vector comes back (`keep_attrs`).
            return attrs;
        }
        // A tree keeps its vector: one of the right size, and the tag's
        // goes back for the next tag.
        let mut kept = Vec::with_capacity(attrs.len());
        kept.append(&mut attrs);
        self.spare.keep_attrs(attrs);
        kept
    }

    /// Adds to `attrs` the attributes the lexer set aside for the tag at
    /// `tag`, in source order. They follow those of the open tags around
    /// it, and precede those of later tags the lexer read ahead; the tags
    /// inside its attribute values were built, and took theirs, already.
    fn take_aside(
        &mut self,
        aside: &RefCell<Vec<AttrAside>>,
        tag: usize,
        attrs: &mut Vec<Attribute<'a, Span>>,
    ) {
        let mut aside = aside.borrow_mut();
        let from = aside.partition_point(|a| a.name.start < tag);
        let count = aside[from..].iter().take_while(|a| a.tag == tag).count();
        if count == 0 {
            return;
        }
        let reduced = attrs.len();
        for a in aside.drain(from..from + count) {
            let attr = Attribute {
                name: self.name(a.name.clone()),
                value: self.attr_string(a.open..a.end, a.form),
                span: a.name.start..a.end,
            };
            attrs.push(attr);
        }
        if reduced > 0 {
            // Both lists are in source order; the sort is stable.
            attrs.sort_by_key(|a| a.span.start);
        }
    }

    /// A new element, in the box of the last one checked when validating
    /// as the parser goes.
    fn boxed(&mut self, element: Element<'a, Span>) -> Box<Element<'a, Span>> {
        match self.spare.element.take() {
            Some(mut spare) => {
                *spare = element;
                spare
            }
            None => Box::new(element),
        }
    }

    pub(crate) fn self_closing(&mut self, open: Open<'a>, span: Span) -> Box<Element<'a, Span>> {
        self.close();
        let attrs = self.attributes();
        self.boxed(Element {
            attrs,
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
                if !schema::same_name(&close.text, &name.text) {
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
        let children = self.children(open.nodes);
        let attrs = self.attributes();
        self.boxed(Element {
            children,
            attrs,
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
        while self.nodes.last().map(Node::span).is_some_and(popped) {
            work::add(1);
            self.nodes.pop();
        }
        // A tag whose `<` was popped goes with all its attributes; below
        // it, only the innermost tag can have lost attributes (an outer
        // tag's all precede the inner `<`).
        while self.tags.last().is_some_and(|t| t.start >= from) {
            work::add(1);
            if let Some(tag) = self.tags.pop() {
                self.spare.keep_attrs(tag.attrs);
            }
        }
        if let Some(tag) = self.tags.last_mut() {
            while tag.attrs.last().is_some_and(|a| popped(&a.span)) {
                work::add(1);
                tag.attrs.pop();
            }
        }
        if let Some(stream) = &mut self.stream {
            stream.forget(from);
        }
    }

    pub(crate) fn recover(
        &mut self,
        error: ErrorRecovery<u32, Token, Infallible>,
        span: Span,
    ) -> Node<'a, Span> {
        // Values in the tokens recovery dropped are never built, but their
        // entity problems are still the author's to know about.
        for &(l, ref token, r) in &error.dropped_tokens {
            match token {
                Token::Text => drop(self.text(at(l)..at(r))),
                Token::AttrStr(form) => drop(self.attr_string(at(l)..at(r), *form)),
                Token::Attr(_, open, form) => drop(self.attr_string(at(*open)..at(r), *form)),
                _ => {}
            }
        }
        self.recovered.set(true);
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

    /// A JS string literal: decoded again when the lexer found that an
    /// escape changes it (the lexer reported its problems), else the text
    /// between the quotes.
    pub(crate) fn js_string(&self, escaped: bool, span: Span) -> Cow<'a, str> {
        if escaped {
            js_string::scan(self.src, span.start, &mut Vec::new()).value
        } else if span.len() >= 2 {
            Cow::Borrowed(self.slice(span.start + 1..span.end - 1))
        } else {
            Cow::Borrowed("")
        }
    }
}

fn syntax_error(error: ParseError<u32, Token, Infallible>, len: usize) -> Diagnostic<Span> {
    let (span, found, expected) = match error {
        ParseError::UnrecognizedToken {
            token: (l, t, r),
            expected,
        } => (span(l, r), t.describe(), expected),
        ParseError::UnrecognizedEof { location, expected } => (
            span(location, location),
            "the end of the document",
            expected,
        ),
        ParseError::ExtraToken { token: (l, t, r) } => (span(l, r), t.describe(), Vec::new()),
        ParseError::InvalidToken { location } => (
            at(location)..at(location).min(len),
            "invalid input",
            Vec::new(),
        ),
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
    fn a_doctype_after_text_the_host_did_not_trim_is_out_of_place() {
        // `&#32;` is a space only to JSX; `trim()` saw an `&`.
        assert_eq!(
            codes("&#32;<!DOCTYPE html><Page/>"),
            vec![RuleId::SyntaxError]
        );
        let parsed = parse("\n<!DOCTYPE html>\n<Page/>");
        assert!(parsed.document.doctype.is_some());
        assert!(matches!(parsed.document.nodes[0], Node::Text(_)));
    }

    #[test]
    fn host_quirks_accepted() {
        for src in [
            "<BR/>",
            "<BR ></BR>",
            "< P>x</ P>",
            "<P>a</P><P>b</P>text",
            "<!DOCTYPE html>\n<Page/>",
            // Trimmed before the doctype was removed.
            "\n<!DOCTYPE html>\n<Page/>",
            " \t\u{a0}\u{feff}\u{c}<!DOCTYPE html><Page/>",
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
    fn documents_over_4_gib_are_refused() {
        assert!(crate::lexer::over_size_limit(u32::MAX as usize).is_none());
        let refused =
            crate::lexer::over_size_limit(u32::MAX as usize + 1).map(|d| (d.code, d.message));
        assert_eq!(
            refused,
            Some((
                RuleId::SyntaxError,
                "the document is larger than 4 GiB".to_owned()
            ))
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
