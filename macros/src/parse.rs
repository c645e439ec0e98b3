//! Rust tokens → the macro's tree ([`crate::ast`]), collecting every problem.
//!
//! Tokens are flattened first: `( … )` and `[ … ]` groups become their
//! delimiters plus contents, since in markup they are just text, while
//! `{ … }` groups stay whole: they hold Rust expressions, parsed with `syn`.
//! Unquoted text is rebuilt from the tokens and the spacing between them
//! (from their line and column), then whitespace is trimmed the way JSX
//! does: runs that contain a line break disappear at the edges of a line,
//! and lines are joined by one space.
//!
//! Syntax problems use the compiler's codes where one exists; parsing always
//! goes on, so one expansion reports every problem.

use proc_macro2::{
    Delimiter, Group, Ident, LineColumn, Literal, Punct, Span, TokenStream, TokenTree,
};
use syn::{Expr, Lit};
use uihook_compiler::ast::{Literal as CLiteral, StrForm};
use uihook_compiler::{Diagnostic, RuleId};

use crate::ast::{Attr, Close, Element, Name, Node, Value};

/// A flattened token.
enum Tok {
    Punct(Punct),
    Ident(Ident),
    Lit(Literal),
    Brace(Group),
    Open(char, Span),
    Close(char, Span),
}

impl Tok {
    fn span(&self) -> Span {
        match self {
            Tok::Punct(p) => p.span(),
            Tok::Ident(i) => i.span(),
            Tok::Lit(l) => l.span(),
            Tok::Brace(g) => g.span(),
            Tok::Open(_, s) | Tok::Close(_, s) => *s,
        }
    }

    fn is_punct(&self, c: char) -> bool {
        matches!(self, Tok::Punct(p) if p.as_char() == c)
    }
}

fn flatten(stream: TokenStream, out: &mut Vec<Tok>) {
    for tt in stream {
        match tt {
            TokenTree::Punct(p) => out.push(Tok::Punct(p)),
            TokenTree::Ident(i) => out.push(Tok::Ident(i)),
            TokenTree::Literal(l) => out.push(Tok::Lit(l)),
            TokenTree::Group(g) => match g.delimiter() {
                Delimiter::Brace => out.push(Tok::Brace(g)),
                Delimiter::None => flatten(g.stream(), out),
                Delimiter::Parenthesis => {
                    out.push(Tok::Open('(', g.span_open()));
                    flatten(g.stream(), out);
                    out.push(Tok::Close(')', g.span_close()));
                }
                Delimiter::Bracket => {
                    out.push(Tok::Open('[', g.span_open()));
                    flatten(g.stream(), out);
                    out.push(Tok::Close(']', g.span_close()));
                }
            },
        }
    }
}

/// What parsing found besides the tree.
#[derive(Default)]
pub struct Problems {
    /// Problems with a compiler code.
    pub diagnostics: Vec<Diagnostic<Span>>,
    /// Problems only Rust has (expressions that do not parse, `bool`
    /// children).
    pub errors: Vec<syn::Error>,
    /// The `#![allow(…)]`s of the invocation and its nested bodies.
    pub allows: Vec<crate::allow::Allow>,
}

/// Parses the input of one invocation.
pub fn parse(input: TokenStream, problems: &mut Problems) -> Vec<Node> {
    let input = crate::allow::strip(input, None, &mut problems.allows, &mut problems.errors);
    let mut toks = Vec::new();
    flatten(input, &mut toks);
    let mut p = Parser {
        toks: Vec::new(),
        pos: 0,
        problems,
        open: Vec::new(),
    };
    p.body(toks)
}

struct Parser<'p> {
    toks: Vec<Tok>,
    pos: usize,
    problems: &'p mut Problems,
    /// Names of the elements being parsed, outermost first.
    open: Vec<String>,
}

/// Where a token starts and ends, when the compiler tells us.
fn start(span: Span) -> LineColumn {
    span.start()
}

fn end(span: Span) -> LineColumn {
    span.end()
}

/// The source text between two tokens, rebuilt from their positions. Line
/// 0 means the position is unknown (tokens made by another macro).
fn gap(from: Option<LineColumn>, to: LineColumn, between_words: bool) -> String {
    let Some(from) = from else {
        return String::new();
    };
    if from.line == 0 || to.line == 0 {
        return if between_words {
            " ".into()
        } else {
            String::new()
        };
    }
    match to.line.cmp(&from.line) {
        std::cmp::Ordering::Equal => " ".repeat(to.column.saturating_sub(from.column)),
        std::cmp::Ordering::Greater => {
            let mut s = "\n".repeat(to.line - from.line);
            s.push_str(&" ".repeat(to.column));
            s
        }
        std::cmp::Ordering::Less => " ".into(),
    }
}

/// JSX's whitespace rule for a run of literal text (Babel's
/// `cleanJSXElementLiteralChild`): lines are trimmed except at the run's
/// outer edges, blank lines dropped, and the rest joined with one space.
pub fn jsx_trim(raw: &str) -> String {
    let lines: Vec<&str> = raw.split('\n').collect();
    let last_non_empty = lines
        .iter()
        .rposition(|l| l.chars().any(|c| c != ' ' && c != '\t'))
        .unwrap_or(0);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let mut t: &str = line;
        if i != 0 {
            t = t.trim_start_matches([' ', '\t']);
        }
        if i != lines.len() - 1 {
            t = t.trim_end_matches([' ', '\t']);
        }
        if !t.is_empty() {
            out.push_str(&t.replace('\t', " "));
            if i != last_non_empty {
                out.push(' ');
            }
        }
    }
    out
}

/// A run of unquoted text being collected.
struct TextRun {
    raw: String,
    span: Option<Span>,
}

impl TextRun {
    fn new() -> Self {
        TextRun {
            raw: String::new(),
            span: None,
        }
    }

    /// Ends the run: pushes its trimmed text, if any, onto `nodes`.
    fn flush(&mut self, nodes: &mut Vec<Node>, next: Span) {
        let value = jsx_trim(&std::mem::take(&mut self.raw));
        let span = self.span.take().unwrap_or(next);
        if !value.is_empty() {
            nodes.push(Node::Text { value, span });
        }
    }
}

fn is_uihook_macro(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "uihook")
}

/// The `uihook!` call an expression consists of, looking through
/// parentheses and a block holding only that call.
fn as_uihook(expr: &Expr) -> Option<&syn::Macro> {
    match expr {
        Expr::Macro(m) if is_uihook_macro(&m.mac) => Some(&m.mac),
        Expr::Paren(p) => as_uihook(&p.expr),
        Expr::Block(b) if b.label.is_none() && b.block.stmts.len() == 1 => {
            match &b.block.stmts[0] {
                syn::Stmt::Expr(e, None) => as_uihook(e),
                syn::Stmt::Macro(m) if is_uihook_macro(&m.mac) => Some(&m.mac),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A place expression (a variable, a field…) is borrowed; anything else is
/// a temporary and may be consumed.
fn is_place(expr: &Expr) -> bool {
    match expr {
        Expr::Path(_) | Expr::Field(_) | Expr::Index(_) => true,
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)),
        _ => false,
    }
}

/// The expression inside `{…}`. Parsed as a block so that an error at the
/// end of the expression points at the closing brace, not at the whole
/// invocation; a block holding one expression is that expression.
fn braced_expr(g: &Group) -> syn::Result<Expr> {
    let block: syn::Block = syn::parse2(TokenStream::from(TokenTree::Group(g.clone())))?;
    if block.stmts.len() == 1 {
        match &block.stmts[0] {
            syn::Stmt::Expr(e, None) => return Ok(e.clone()),
            syn::Stmt::Macro(m) if m.semi_token.is_none() => {
                return Ok(Expr::Macro(syn::ExprMacro {
                    attrs: m.attrs.clone(),
                    mac: m.mac.clone(),
                }))
            }
            _ => {}
        }
    }
    Ok(Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block,
    }))
}

/// Expressions that are `bool` by their syntax alone.
fn is_bool_syntax(expr: &Expr) -> bool {
    use syn::BinOp::*;
    match expr {
        Expr::Lit(l) => matches!(l.lit, Lit::Bool(_)),
        Expr::Binary(b) => matches!(
            b.op,
            And(_) | Or(_) | Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_)
        ),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Not(_)),
        Expr::Paren(p) => is_bool_syntax(&p.expr),
        _ => false,
    }
}

fn name_text(ident: &Ident) -> String {
    let s = ident.to_string();
    match s.strip_prefix("r#") {
        Some(raw) => raw.to_owned(),
        None => s,
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn peek_at(&self, n: usize) -> Option<&Tok> {
        self.toks.get(self.pos + n)
    }

    /// Where the last consumed token ends (for a `{…}` group, its closing
    /// brace: the end of the group's own span is off by one in rustc).
    fn last_end(&self) -> LineColumn {
        match self.toks.get(self.pos.saturating_sub(1)) {
            Some(Tok::Brace(g)) => end(g.span_close()),
            _ => end(self.last_span()),
        }
    }

    fn last_span(&self) -> Span {
        self.toks
            .get(self.pos.saturating_sub(1))
            .or(self.toks.last())
            .map_or_else(Span::call_site, Tok::span)
    }

    fn diag(&mut self, d: Diagnostic<Span>) {
        self.problems.diagnostics.push(d);
    }

    fn error(&mut self, span: Span, message: impl std::fmt::Display) {
        self.problems.errors.push(syn::Error::new(span, message));
    }

    /// Children up to a close tag (not consumed) or the end of the input.
    /// Also returns where the last child ended, for the spacing before the
    /// close tag.
    fn nodes_until_close(&mut self, after: Option<LineColumn>) -> (Vec<Node>, Option<LineColumn>) {
        let mut nodes = Vec::new();
        let mut run = TextRun::new();
        let mut prev_end = after;
        let mut prev_word = false;
        loop {
            let Some(tok) = self.peek() else {
                let span = self.last_span();
                run.flush(&mut nodes, span);
                return (nodes, prev_end);
            };
            let span = tok.span();
            let tok_start = start(span);
            let is_close = tok.is_punct('<') && self.peek_at(1).is_some_and(|t| t.is_punct('/'));
            let structural = tok.is_punct('<') || matches!(tok, Tok::Brace(_));
            if structural {
                run.raw.push_str(&gap(prev_end, tok_start, false));
                run.flush(&mut nodes, span);
                prev_word = false;
                if is_close {
                    return (nodes, prev_end);
                }
                if tok.is_punct('<') {
                    match self.peek_at(1) {
                        Some(Tok::Ident(_)) => {
                            let e = self.element();
                            nodes.push(Node::Element(e));
                        }
                        Some(t) if t.is_punct('>') => {
                            let end_span = t.span();
                            self.pos += 2;
                            self.diag(
                                Diagnostic::new(
                                    RuleId::Fragment,
                                    "fragments `<>…</>` are not UIHook markup",
                                    span,
                                    "the host dropped this and everything inside it",
                                )
                                .with_help(
                                    "remove the fragment tags, or use `<Box>` to group components",
                                ),
                            );
                            nodes.push(Node::Error(end_span));
                        }
                        _ => {
                            self.pos += 1;
                            self.diag(
                                Diagnostic::new(
                                    RuleId::RawLtInText,
                                    "a `<` in text must be escaped",
                                    span,
                                    "this starts no tag",
                                )
                                .with_help("put the text in a string: `\"a < b\"`"),
                            );
                            nodes.push(Node::Error(span));
                        }
                    }
                } else {
                    let Some(Tok::Brace(g)) = self.toks.get(self.pos) else {
                        unreachable!("checked above")
                    };
                    let g = g.clone();
                    self.pos += 1;
                    self.brace_child(g, &mut nodes);
                }
                prev_end = Some(self.last_end());
                continue;
            }
            // Text.
            let word = !matches!(tok, Tok::Punct(_) | Tok::Open(..) | Tok::Close(..));
            run.raw
                .push_str(&gap(prev_end, tok_start, word && prev_word));
            prev_word = word;
            if run.span.is_none() {
                run.span = Some(span);
            }
            let text = self.text_token();
            match text {
                TextPiece::Raw(s) => run.raw.push_str(&s),
                TextPiece::Exact(s) => {
                    run.flush(&mut nodes, span);
                    if !s.is_empty() {
                        nodes.push(Node::Text { value: s, span });
                    }
                    prev_word = false;
                }
            }
            prev_end = Some(self.last_end());
        }
    }

    /// Consumes one token of unquoted text.
    fn text_token(&mut self) -> TextPiece {
        let tok = &self.toks[self.pos];
        self.pos += 1;
        match tok {
            Tok::Ident(i) => TextPiece::Raw(i.to_string()),
            Tok::Open(c, _) | Tok::Close(c, _) => TextPiece::Raw(c.to_string()),
            Tok::Punct(p) if p.as_char() == '\'' => {
                let span = p.span();
                self.quote_it(span, "an apostrophe");
                // A lifetime: the name follows.
                if let Some(Tok::Ident(i)) = self.peek() {
                    let s = format!("'{i}");
                    self.pos += 1;
                    return TextPiece::Raw(s);
                }
                TextPiece::Raw("'".into())
            }
            Tok::Punct(p) => TextPiece::Raw(p.as_char().to_string()),
            Tok::Lit(l) => {
                let l = l.clone();
                match Lit::new(l.clone()) {
                    Lit::Str(s) => TextPiece::Exact(s.value()),
                    Lit::Int(_) | Lit::Float(_) => TextPiece::Raw(l.to_string()),
                    Lit::Char(_) => {
                        self.quote_it(l.span(), "an apostrophe");
                        TextPiece::Raw(l.to_string())
                    }
                    _ => {
                        self.error(
                            l.span(),
                            "only string literals are text in `uihook!`; byte strings and C strings are not",
                        );
                        TextPiece::Raw(String::new())
                    }
                }
            }
            Tok::Brace(_) => TextPiece::Raw(String::new()),
        }
    }

    fn quote_it(&mut self, span: Span, what: &str) {
        self.diag(
            Diagnostic::new(
                RuleId::SyntaxError,
                format!("{what} in unquoted text is read as Rust syntax"),
                span,
                "Rust reads this as a lifetime or a character",
            )
            .with_help("write this text as a string literal: `<P>\"Don't panic\"</P>`"),
        );
    }

    /// `{…}` in child position.
    fn brace_child(&mut self, g: Group, nodes: &mut Vec<Node>) {
        let span = g.span();
        if g.stream().is_empty() {
            self.diag(
                Diagnostic::new(
                    RuleId::EmptyExpression,
                    "empty expression container `{}`",
                    span,
                    "nothing inside",
                )
                .with_help(
                    "remove it; Rust comments (`// …`) can be written anywhere between tags",
                ),
            );
            nodes.push(Node::Error(span));
            return;
        }
        let expr: Expr = match braced_expr(&g) {
            Ok(expr) => expr,
            Err(e) => {
                self.problems.errors.push(e);
                nodes.push(Node::Error(span));
                return;
            }
        };
        if let Some(mac) = as_uihook(&expr) {
            let inner = self.nested(mac);
            nodes.push(Node::Splice(inner));
            return;
        }
        if let Expr::MethodCall(call) = &expr {
            if call.method == "map" && call.turbofish.is_none() && call.args.len() == 1 {
                if let Some(Expr::Closure(closure)) = call.args.first() {
                    if closure.inputs.len() == 1 && closure.asyncness.is_none() {
                        if let Some(mac) = as_uihook(&closure.body) {
                            let body = self.nested(mac);
                            nodes.push(Node::Loop {
                                pat: Box::new(closure.inputs[0].clone()),
                                iter: (*call.receiver).clone(),
                                body,
                            });
                            return;
                        }
                    }
                }
            }
        }
        let literal_text = match &expr {
            Expr::Lit(syn::ExprLit { lit, .. }) => match lit {
                Lit::Str(s) => Some(s.value()),
                Lit::Int(i) => Some(i.base10_digits().to_owned()),
                Lit::Float(f) => Some(f.base10_digits().to_owned()),
                _ => None,
            },
            _ => None,
        };
        if let Some(value) = literal_text {
            nodes.push(Node::Text { value, span });
            return;
        }
        if is_bool_syntax(&expr) {
            self.error(
                span,
                "a `bool` is not rendered in `uihook!`, so that `{cond && …}` cannot print `false`\n  \
                 = help: write `{cond.then(|| uihook! { … })}` to show markup only when `cond` holds",
            );
        }
        nodes.push(Node::Dynamic {
            by_value: !is_place(&expr),
            expr,
            span,
        });
    }

    /// The body of a nested `uihook!`, parsed in place so that its elements
    /// are checked in their parent.
    fn nested(&mut self, mac: &syn::Macro) -> Vec<Node> {
        let span = match &mac.delimiter {
            syn::MacroDelimiter::Paren(d) => d.span,
            syn::MacroDelimiter::Brace(d) => d.span,
            syn::MacroDelimiter::Bracket(d) => d.span,
        };
        let scope = crate::allow::scope_of(span.open(), span.close());
        let tokens = crate::allow::strip(
            mac.tokens.clone(),
            scope,
            &mut self.problems.allows,
            &mut self.problems.errors,
        );
        let mut toks = Vec::new();
        flatten(tokens, &mut toks);
        self.body(toks)
    }

    /// A whole invocation's tokens.
    fn body(&mut self, toks: Vec<Tok>) -> Vec<Node> {
        let saved_toks = std::mem::replace(&mut self.toks, toks);
        let saved_pos = std::mem::replace(&mut self.pos, 0);
        let saved_open = std::mem::take(&mut self.open);
        let nodes = self.nodes_until_close(None).0;
        // A stray close tag at the top of the nested body.
        let mut nodes = nodes;
        while self.pos < self.toks.len() {
            self.stray_close();
            nodes.extend(self.nodes_until_close(None).0);
        }
        self.toks = saved_toks;
        self.pos = saved_pos;
        self.open = saved_open;
        nodes
    }

    /// `</Name>` where nothing is open.
    fn stray_close(&mut self) {
        let lt = self.toks[self.pos].span();
        self.pos += 2;
        let name = self.name().unwrap_or(Name {
            text: String::new(),
            span: lt,
        });
        if self.peek().is_some_and(|t| t.is_punct('>')) {
            self.pos += 1;
        }
        self.diag(
            Diagnostic::new(
                RuleId::UnexpectedCloseTag,
                format!("`</{}>` closes nothing", name.text),
                name.span,
                "no element is open here",
            )
            .with_help("remove it, or add the matching open tag before it"),
        );
    }

    /// A name: identifiers joined by `-`, `:` or `.` (`font-size`).
    fn name(&mut self) -> Option<Name> {
        let Some(Tok::Ident(first)) = self.peek() else {
            return None;
        };
        let span = first.span();
        let mut text = name_text(first);
        self.pos += 1;
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(Tok::Punct(p)), Some(Tok::Ident(next)))
                    if matches!(p.as_char(), '-' | ':' | '.') =>
                {
                    text.push(p.as_char());
                    text.push_str(&name_text(next));
                    self.pos += 2;
                }
                _ => return Some(Name { text, span }),
            }
        }
    }

    /// An element, at `<` followed by a name.
    fn element(&mut self) -> Element {
        self.pos += 1;
        let name = self.name().unwrap_or(Name {
            text: String::new(),
            span: self.last_span(),
        });
        let mut attrs = Vec::new();
        loop {
            let Some(tok) = self.peek() else {
                self.unclosed(
                    &name,
                    self.last_span(),
                    "the macro input ends here, inside the tag",
                );
                return Element {
                    name,
                    attrs,
                    children: Vec::new(),
                    close: Close::Missing,
                };
            };
            let span = tok.span();
            if tok.is_punct('/') && self.peek_at(1).is_some_and(|t| t.is_punct('>')) {
                self.pos += 2;
                return Element {
                    name,
                    attrs,
                    children: Vec::new(),
                    close: Close::SelfClosing,
                };
            }
            if tok.is_punct('>') {
                self.pos += 1;
                break;
            }
            match tok {
                Tok::Ident(_) => {
                    if let Some(attr) = self.attribute() {
                        attrs.push(attr);
                    }
                }
                Tok::Brace(g) => {
                    let spread = g
                        .stream()
                        .into_iter()
                        .take(3)
                        .filter(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '.'))
                        .count()
                        == 3;
                    self.pos += 1;
                    if spread {
                        self.diag(
                            Diagnostic::new(
                                RuleId::SpreadAttribute,
                                "spread attributes are not supported",
                                span,
                                "not an attribute",
                            )
                            .with_help("write each attribute out: `name={value}`"),
                        );
                    } else {
                        self.unexpected_in_tag(span, "`{…}`");
                    }
                }
                Tok::Punct(p) if p.as_char() == '<' => {
                    // The tag was never finished: a new element starts.
                    self.unclosed(&name, span, "a new tag starts before this one ends");
                    return Element {
                        name,
                        attrs,
                        children: Vec::new(),
                        close: Close::Missing,
                    };
                }
                _ => {
                    let text = match tok {
                        Tok::Punct(p) => p.as_char().to_string(),
                        Tok::Lit(l) => l.to_string(),
                        Tok::Open(c, _) | Tok::Close(c, _) => c.to_string(),
                        _ => String::new(),
                    };
                    self.pos += 1;
                    self.unexpected_in_tag(span, &format!("`{text}`"));
                }
            }
        }
        let after = Some(self.last_end());
        self.open.push(name.text.clone());
        let (children, _) = self.nodes_until_close(after);
        self.open.pop();
        // At a close tag or the end.
        let close = match self.peek() {
            None => {
                self.unclosed(
                    &name,
                    self.last_span(),
                    &format!("the macro input ends here, before `</{}>`", name.text),
                );
                Close::Missing
            }
            Some(_) => {
                let saved = self.pos;
                self.pos += 2;
                let close = self.name();
                match close {
                    Some(close) if close.text == name.text => {
                        self.expect_gt();
                        Close::Tag(close)
                    }
                    Some(close) if self.open.contains(&close.text) => {
                        self.pos = saved;
                        self.diag(
                            Diagnostic::new(RuleId::UnclosedElement, format!("`<{}>` is never closed", name.text), name.span, "opened here")
                                .with_label(close.span, format!("`</{}>` closes an outer element first", close.text))
                                .with_help(format!("add `</{0}>` before `</{1}>`, or write `<{0} />` if it has no children", name.text, close.text)),
                        );
                        Close::Missing
                    }
                    Some(close) => {
                        self.expect_gt();
                        self.diag(
                            Diagnostic::new(
                                RuleId::MismatchedCloseTag,
                                format!("`</{}>` does not close `<{}>`", close.text, name.text),
                                close.span,
                                format!("expected `</{}>`", name.text),
                            )
                            .with_label(name.span, "opened here")
                            .with_help(format!("change it to `</{}>`", name.text)),
                        );
                        Close::Tag(close)
                    }
                    None => {
                        let span = self.peek().map_or_else(|| self.last_span(), Tok::span);
                        self.unexpected_in_tag(span, "this in a close tag");
                        self.expect_gt();
                        Close::Missing
                    }
                }
            }
        };
        Element {
            name,
            attrs,
            children,
            close,
        }
    }

    fn expect_gt(&mut self) {
        if self.peek().is_some_and(|t| t.is_punct('>')) {
            self.pos += 1;
        } else {
            let span = self.peek().map_or_else(|| self.last_span(), Tok::span);
            self.diag(
                Diagnostic::new(
                    RuleId::SyntaxError,
                    "a close tag must end with `>`",
                    span,
                    "expected `>`",
                )
                .with_help("write the close tag as `</Name>`"),
            );
        }
    }

    fn unclosed(&mut self, name: &Name, at: Span, why: &str) {
        self.diag(
            Diagnostic::new(
                RuleId::UnclosedElement,
                format!("`<{}>` is never closed", name.text),
                name.span,
                "opened here",
            )
            .with_label(at, why.to_owned())
            .with_help(format!(
                "add `</{0}>`, or write `<{0} />` if it has no children",
                name.text
            )),
        );
    }

    fn unexpected_in_tag(&mut self, span: Span, what: &str) {
        self.diag(
            Diagnostic::new(
                RuleId::SyntaxError,
                format!("unexpected {what} inside a tag"),
                span,
                "not valid here",
            )
            .with_help("a tag holds a name and attributes `name=\"value\"`, then `>` or `/>`"),
        );
    }

    /// An attribute, at its name.
    fn attribute(&mut self) -> Option<Attr> {
        let name = self.name()?;
        if !self.peek().is_some_and(|t| t.is_punct('=')) {
            return Some(Attr {
                name,
                value: Value::Flag,
            });
        }
        self.pos += 1;
        let Some(tok) = self.peek() else {
            let span = self.last_span();
            self.unexpected_in_tag(span, "end of input after `=`");
            return Some(Attr {
                name,
                value: Value::Invalid(span),
            });
        };
        let span = tok.span();
        let value = match tok {
            Tok::Lit(l) => {
                let l = l.clone();
                self.pos += 1;
                match Lit::new(l.clone()) {
                    Lit::Str(s) => Value::Str {
                        value: s.value(),
                        form: StrForm::Double,
                        span,
                    },
                    Lit::Int(_) | Lit::Float(_) => {
                        self.unquoted(span, &l.to_string());
                        Value::Str {
                            value: l.to_string(),
                            form: StrForm::Unquoted,
                            span,
                        }
                    }
                    _ => {
                        self.error(
                            span,
                            "attribute values are string literals or `{expressions}`",
                        );
                        Value::Invalid(span)
                    }
                }
            }
            Tok::Ident(i) => {
                let text = i.to_string();
                self.pos += 1;
                self.unquoted(span, &text);
                Value::Str {
                    value: text,
                    form: StrForm::Unquoted,
                    span,
                }
            }
            Tok::Brace(g) => {
                let g = g.clone();
                self.pos += 1;
                self.brace_value(g)
            }
            Tok::Punct(p)
                if p.as_char() == '<' && matches!(self.peek_at(1), Some(Tok::Ident(_))) =>
            {
                let saved = std::mem::take(&mut self.open);
                let e = self.element();
                self.open = saved;
                Value::Element(Box::new(e))
            }
            _ => {
                self.unexpected_in_tag(span, "token after `=`");
                Value::Invalid(span)
            }
        };
        Some(Attr { name, value })
    }

    fn unquoted(&mut self, span: Span, raw: &str) {
        self.diag(
            Diagnostic::new(
                RuleId::UnquotedAttributeValue,
                "attribute values must be quoted",
                span,
                "unquoted value",
            )
            .with_help(format!("write `\"{raw}\"`")),
        );
    }

    /// `name={…}`.
    fn brace_value(&mut self, g: Group) -> Value {
        let span = g.span();
        if g.stream().is_empty() {
            self.diag(
                Diagnostic::new(
                    RuleId::EmptyExpression,
                    "empty expression container `{}`",
                    span,
                    "nothing inside",
                )
                .with_help("give the attribute a value, or leave it out"),
            );
            return Value::Invalid(span);
        }
        let expr: Expr = match braced_expr(&g) {
            Ok(expr) => expr,
            Err(e) => {
                self.problems.errors.push(e);
                return Value::Invalid(span);
            }
        };
        if let Some(mac) = as_uihook(&expr) {
            let mut inner = self.nested(mac);
            inner.retain(|n| !matches!(n, Node::Text { value, .. } if value.trim().is_empty()));
            if inner.len() == 1 {
                if let Some(Node::Element(e)) = inner.pop() {
                    return Value::Element(Box::new(e));
                }
            }
            self.error(span, "an element-valued attribute takes exactly one element: `label={uihook! { <B>…</B> }}`");
            return Value::Invalid(span);
        }
        match expr {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) => Value::Str {
                value: s.value(),
                form: StrForm::Js,
                span,
            },
            Expr::Lit(syn::ExprLit {
                lit: Lit::Int(i), ..
            }) => Value::Literal {
                value: CLiteral::Number(i.base10_digits().to_owned().into()),
                span,
            },
            Expr::Lit(syn::ExprLit {
                lit: Lit::Float(f), ..
            }) => Value::Literal {
                value: CLiteral::Number(f.base10_digits().to_owned().into()),
                span,
            },
            Expr::Lit(syn::ExprLit {
                lit: Lit::Bool(b), ..
            }) => Value::Literal {
                value: CLiteral::Bool(b.value),
                span,
            },
            expr => Value::Dynamic {
                expr: Box::new(expr),
                span,
            },
        }
    }
}

enum TextPiece {
    /// Unquoted text, subject to JSX whitespace trimming.
    Raw(String),
    /// A string literal: exactly its value.
    Exact(String),
}

#[cfg(test)]
mod tests {
    use super::jsx_trim;

    #[test]
    fn trims_like_jsx() {
        assert_eq!(jsx_trim("Counter: "), "Counter: ");
        assert_eq!(jsx_trim("\n    "), "");
        assert_eq!(jsx_trim("\n  Some text\n  more\n"), "Some text more");
        assert_eq!(jsx_trim(" a  b "), " a  b ");
        assert_eq!(jsx_trim("a\n\n  b"), "a b");
        assert_eq!(jsx_trim(" "), " ");
    }
}
