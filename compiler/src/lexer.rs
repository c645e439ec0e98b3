//! The modal lexer: markup text → tokens for the LR grammar.
//!
//! JSX cannot be tokenised without knowing where you are: `a > b` is text
//! between tags but `>` ends a tag, and `"` starts a string only inside one.
//! So the lexer keeps a stack of modes, one frame per open construct — the
//! children of an element (text mode), a tag (attribute mode) or a `{…}`
//! container (JS literal mode) — and runs the `logos` automaton of the mode on
//! top. Each automaton is small and fast; the wrapper here decides what a
//! token means for the structure.
//!
//! Because it knows which element each `</X>` closes, the lexer also does the
//! structural recovery that an LR parser is bad at: it inserts an `Unclosed`
//! token for elements that an outer close tag or the end of input leaves
//! open, turns unterminated strings and containers into `Invalid` tokens, and
//! bounds the nesting depth, so the grammar always sees a well-bracketed
//! stream and every problem is reported in one pass. Lexical problems are
//! pushed to [`Lexer::diagnostics`].
//!
//! Tokens carry offsets, not text. Entities are decoded by the parser's
//! actions when they build a value (most values have none, and a token stays
//! three words); JS string escapes are decoded here, by the scan that has to
//! read them anyway to find the closing quote.

use std::borrow::Cow;
use std::cell::RefCell;
use std::convert::Infallible;
use std::rc::Rc;

use logos::Logos;

use crate::ast::{Span, StrForm};
use crate::diagnostic::Diagnostic;
use crate::entity::decode_text;
use crate::js_string;
use crate::rules::RuleId;
use crate::schema;
use crate::work;

/// How many tags and `{` containers may be open at once. Deeper input gets
/// one `nesting-too-deep` diagnostic and the rest of it is not parsed, which
/// keeps every later recursive pass (validation, rendering) well inside the
/// stack of a test thread.
pub const MAX_DEPTH: usize = 256;

/// How many tokens the lexer reads ahead of the parser (see `Lexer::queue`).
const READ_AHEAD: usize = 64;

/// A token of the markup grammar.
///
/// Tokens carry offsets, not text: the grammar's actions slice the source
/// with the token's span and decode entities only when a value is built, so
/// a token is three words and the parser's symbols stay small. Offsets are
/// absolute byte positions in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// A `<!DOCTYPE …>` at the start of the document.
    Doctype,
    /// `<Name`: an open tag; its name starts at the offset given and ends
    /// where the token ends.
    Open(u32),
    /// `</Name>` closing the innermost element; the name's start and end.
    Close(u32, u32),
    /// `</Name>` when no element is open; the name's start and end.
    StrayClose(u32, u32),
    /// `</` of a close tag that is not simply `</Name>` (the innermost element).
    CloseOpen,
    /// `</` of such a close tag when no element is open.
    StrayCloseOpen,
    /// `name="value"` or `name='value'` in one token, the common case: the
    /// end of the name, the offset of the opening quote, and the quoting.
    Attr(u32, u32, StrForm),
    /// `>`.
    TagEnd,
    /// `/>`.
    SelfClose,
    /// `=`.
    Eq,
    /// A tag or attribute name.
    Name,
    /// A quoted (or, in error, unquoted) attribute string, quotes included.
    AttrStr(StrForm),
    /// A run of text, as written.
    Text,
    /// `{`.
    BraceOpen,
    /// `}` (zero-width when inserted for an unclosed container).
    BraceClose,
    /// A JS string literal inside a container; whether an escape makes
    /// its value differ from the text between the quotes (only then is it
    /// decoded again when the value is built).
    JsStr(bool),
    /// A JS number literal.
    Number,
    /// `true`.
    True,
    /// `false`.
    False,
    /// `null`.
    Null,
    /// A `/* … */` or `// …` comment inside a container, delimiters included.
    Comment,
    /// An expression that is not a literal (already diagnosed).
    Unsupported,
    /// Zero-width: the innermost element ends without a close tag (diagnosed).
    Unclosed,
    /// Input that could not be tokenised (already diagnosed).
    Invalid,
}

impl Token {
    /// How the token is named in "expected …" messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Token::Doctype => "a `<!DOCTYPE>`",
            Token::Open(..) => "an open tag",
            Token::Close(..) | Token::StrayClose(..) => "a close tag",
            Token::CloseOpen | Token::StrayCloseOpen => "`</`",
            Token::Attr(..) => "an attribute",
            Token::TagEnd => "`>`",
            Token::SelfClose => "`/>`",
            Token::Eq => "`=`",
            Token::Name => "a name",
            Token::AttrStr(..) => "a quoted string",
            Token::Text => "text",
            Token::BraceOpen => "`{`",
            Token::BraceClose => "`}`",
            Token::JsStr(_) => "a string literal",
            Token::Number => "a number",
            Token::True | Token::False => "a boolean",
            Token::Null => "`null`",
            Token::Comment => "a comment",
            Token::Unsupported => "an expression",
            Token::Unclosed => "the end of the element",
            Token::Invalid => "invalid input",
        }
    }
}

/// A token with its byte range, as lalrpop wants it.
pub type Spanned = (usize, Token, usize);

#[derive(Logos, Debug, Clone, Copy, PartialEq)]
enum TextTok {
    #[regex(r"[^<{]+")]
    Text,
    #[token("<")]
    Lt,
    #[token("{")]
    LBrace,
    #[token("<!--")]
    HtmlComment,
    #[token("<!")]
    Bang,
}

#[derive(Logos, Debug, Clone, Copy, PartialEq)]
#[logos(skip r"[ \t\r\n\f\v\u{a0}\u{feff}\u{2028}\u{2029}\u{1680}\u{180e}\u{2000}-\u{200a}\u{202f}\u{205f}\u{3000}]+")]
enum TagTok {
    #[regex(
        r"[A-Za-z_$][A-Za-z0-9_$\-]*(:[A-Za-z_$][A-Za-z0-9_$\-]*)?(\.[A-Za-z_$][A-Za-z0-9_$\-]*)*"
    )]
    Name,
    #[token("=")]
    Eq,
    #[regex(r#""[^"]*""#)]
    Double,
    #[regex(r"'[^']*'")]
    Single,
    #[token("{")]
    LBrace,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    // acorn-jsx reads `/` and `>` as two tokens, so `/ >` closes a tag too.
    #[regex(r"/[ \t\r\n]*>")]
    SelfClose,
    // Inside a tag acorn skipped JS comments like whitespace.
    #[token("/*", block_comment)]
    BlockComment,
    #[regex(r"//[^\n\r\u{2028}\u{2029}]*")]
    LineComment,
}

#[derive(Logos, Debug, Clone, Copy, PartialEq)]
#[logos(skip r"[ \t\r\n\f\v\u{a0}\u{feff}\u{2028}\u{2029}\u{1680}\u{180e}\u{2000}-\u{200a}\u{202f}\u{205f}\u{3000}]+")]
enum ExprTok {
    #[token("/*", block_comment)]
    BlockComment,
    #[regex(r"//[^\n\r\u{2028}\u{2029}]*")]
    LineComment,
    #[token("\"")]
    #[token("'")]
    Quote,
    #[regex(r"-?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?)")]
    Number,
    #[token("true")]
    True,
    #[token("false")]
    False,
    #[token("null")]
    Null,
    #[token("}")]
    RBrace,
    #[token("<")]
    Lt,
}

/// Finds the end of a `/* … */` comment; logos errors (and the caller
/// reports an unterminated comment) when there is none.
fn block_comment<'s, T: Logos<'s, Source = str>>(lx: &mut logos::Lexer<'s, T>) -> bool {
    match memchr::memmem::find(lx.remainder().as_bytes(), b"*/") {
        Some(i) => {
            lx.bump(i + 2);
            true
        }
        None => false,
    }
}

/// One open construct.
#[derive(Clone, Debug)]
enum Frame<'a> {
    /// Inside an element's children: text mode.
    Children { name: &'a str, name_span: Span },
    /// Inside `<Name …`.
    OpenTag {
        start: usize,
        name: Option<(&'a str, Span)>,
        after_eq: bool,
    },
    /// Inside `</Name …`.
    CloseTag { start: usize, stray: bool },
    /// Inside `{…}`.
    Expr { start: usize, seen_value: bool },
}

/// The lexer. Iterate it (lalrpop takes `&mut Lexer`), then read
/// [`Lexer::diagnostics`].
pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    stack: Vec<Frame<'a>>,
    /// Tokens lexed ahead of the parser, each with how many diagnostics had
    /// been found once it was lexed. Lexing a batch ahead keeps the writes
    /// of a token far from its reads: handed over one at a time, each token
    /// was read back while its stores were still in flight, and the CPU
    /// stalled on every one. A batch is lexed only once the last one is
    /// handed out, so a vector and an index serve (cheaper than a ring).
    queue: Vec<(Spanned, usize)>,
    /// The next token of `queue` to hand out.
    next: usize,
    /// How many diagnostics had been found when the last token handed out
    /// was lexed: what the lexer reports, so that lexing ahead shows no
    /// problem the parser never reached.
    handed: usize,
    diags: Vec<Diagnostic<Span>>,
    seen_content: bool,
    finished: bool,
    truncated: bool,
    /// Whether text of ASCII white space alone is left out of the stream
    /// (see [`Lexer::without_blank_text`]).
    skip_blank: bool,
    /// Where `name="value"` attributes of open tags go instead of the
    /// stream, when they do (see [`Lexer::with_attributes_aside`]).
    aside: Option<Rc<RefCell<Vec<AttrAside>>>>,
}

/// A `name="value"` attribute the lexer set aside: the byte offsets of its
/// open tag's `<`, of its name, of its opening quote, and its end.
#[derive(Clone, Debug)]
pub(crate) struct AttrAside {
    pub tag: usize,
    pub name: Span,
    pub open: usize,
    pub form: StrForm,
    pub end: usize,
}

/// The diagnostic for a document of `len` bytes too large for the
/// grammar's `u32` locations, if it is.
pub(crate) fn over_size_limit(len: usize) -> Option<Diagnostic<Span>> {
    u32::try_from(len).err().map(|_| {
        Diagnostic::new(
            RuleId::SyntaxError,
            "the document is larger than 4 GiB",
            0..0,
            "not read",
        )
        .with_help(format!(
            "split it: it has {len} bytes, and the parser reads up to 4 GiB"
        ))
    })
}

/// A byte offset as a token carries it. Offsets are `u32` because every
/// token the parser holds moves with them; [`Lexer::new`] refuses a source
/// of more than `u32::MAX` bytes, so none is ever cut.
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl<'a> Lexer<'a> {
    /// A lexer over a whole document.
    pub fn new(src: &'a str) -> Self {
        let mut lexer = Lexer {
            src,
            pos: 0,
            stack: Vec::new(),
            queue: Vec::with_capacity(READ_AHEAD),
            next: 0,
            handed: 0,
            diags: Vec::new(),
            seen_content: false,
            finished: false,
            truncated: false,
            skip_blank: false,
            aside: None,
        };
        if let Some(too_large) = over_size_limit(src.len()) {
            // Nothing is read: offsets could not say where.
            lexer.diags.push(too_large);
            lexer.pos = src.len();
            lexer.finished = true;
        }
        lexer
    }

    /// Leaves out text that is only ASCII white space, for a parse that
    /// builds no tree. Such text is blank to every check (JSX drops it, the
    /// host trimmed it) and holds no entity to diagnose, and text is lexed
    /// only in a child list, where, until the parser's first error, the
    /// grammar accepts it at every point. After an error the lexer's view
    /// of where it is and the parser's can differ, and error recovery drops
    /// or keeps tokens by what follows, so a parse that recovered must run
    /// again with every token. A page of indented markup has one such run
    /// per line; skipping them spares the parser about a sixth of its
    /// tokens.
    pub(crate) fn without_blank_text(mut self) -> Self {
        self.skip_blank = true;
        self
    }

    /// Puts each `name="value"` attribute of an open tag, the common form,
    /// into `aside`, in source order, instead of the token stream, for a
    /// parse that builds no tree. Its element takes them when it is built
    /// (`Builder::attributes`). As with blank text, the parse must stay
    /// the one every token gives as long as it needs no recovery (one that
    /// recovers runs again with every token): the grammar takes a tag with
    /// fewer attributes at every point, except that the tokens on either
    /// side must not join into something valid, which only a name and an
    /// `=` can (`quoted_attr` keeps such an attribute). Most tokens of a
    /// page are attributes; each one set aside spares the parser a shift,
    /// two reductions and their symbols.
    pub(crate) fn with_attributes_aside(mut self, aside: Rc<RefCell<Vec<AttrAside>>>) -> Self {
        self.aside = Some(aside);
        self
    }

    /// The lean token stream of a parse that builds no tree: without blank
    /// text and with `name="value"` attributes set aside into `aside`. One
    /// constructor, so that `diagnose`'s first parse and the automaton
    /// that measures its floor read the same tokens.
    pub(crate) fn lean(src: &'a str, aside: Rc<RefCell<Vec<AttrAside>>>) -> Self {
        Lexer::new(src)
            .without_blank_text()
            .with_attributes_aside(aside)
    }

    /// The lexical problems found up to the last token handed out.
    pub fn diagnostics(&self) -> &[Diagnostic<Span>] {
        &self.diags[..self.handed.min(self.diags.len())]
    }

    /// Takes the lexical problems found up to the last token handed out.
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic<Span>> {
        self.diags.truncate(self.handed);
        std::mem::take(&mut self.diags)
    }

    /// Lexes up to [`READ_AHEAD`] tokens ahead.
    fn fill(&mut self) {
        self.queue.clear();
        self.next = 0;
        while self.queue.len() < READ_AHEAD && !self.finished {
            let before = self.queue.len();
            let found = self.diags.len();
            if self.pos >= self.src.len() {
                self.finish();
            } else {
                match self.stack.last() {
                    None | Some(Frame::Children { .. }) => self.lex_text(),
                    Some(Frame::OpenTag { .. } | Frame::CloseTag { .. }) => self.lex_tag(),
                    Some(Frame::Expr { .. }) => self.lex_expr(),
                }
            }
            // Tokens are stamped when pushed; a problem found later in the
            // same step belongs to them too.
            if self.diags.len() != found {
                let found = self.diags.len();
                for entry in &mut self.queue[before..] {
                    entry.1 = found;
                }
            }
        }
    }

    #[inline]
    fn push(&mut self, start: usize, token: Token, end: usize) {
        if !self.seen_content {
            self.seen_content = !(token == Token::Text && self.blank_text(start..end));
        }
        self.queue.push(((start, token, end), self.diags.len()));
    }

    /// Whether a text run is only white space once decoded (a `<!DOCTYPE>`
    /// may follow only such text). Asked only until the first content.
    fn blank_text(&self, span: Span) -> bool {
        let raw = &self.src[span.clone()];
        if !raw.contains('&') {
            return crate::ast::is_blank(raw);
        }
        // `&#32;` is white space too; the diagnostics of this look-ahead are
        // the parser's to report, once, when it builds the node.
        crate::ast::is_blank(&decode_text(raw, span.start, &mut Vec::new()))
    }

    /// Pushes a frame unless the depth limit is reached; then the rest of the
    /// input becomes one `Invalid` token.
    fn enter(&mut self, frame: Frame<'a>, at: usize) -> bool {
        if self.stack.len() < MAX_DEPTH {
            self.stack.push(frame);
            return true;
        }
        self.diags.push(
            Diagnostic::new(
                RuleId::NestingTooDeep,
                format!("markup is nested more than {MAX_DEPTH} tags and braces deep"),
                at..at + 1,
                "the limit is reached here; the rest of the document is not checked",
            )
            .with_help("flatten the markup; no dashboard layout needs this depth"),
        );
        self.swallow_rest(at);
        false
    }

    /// Turns the rest of the input into one `Invalid` token after a problem
    /// that makes it meaningless (an unterminated string, the depth limit);
    /// what is still open at the end is then closed without more diagnostics,
    /// since they would only repeat the first one.
    fn swallow_rest(&mut self, at: usize) {
        self.truncated = true;
        self.push(at, Token::Invalid, self.src.len());
        self.pos = self.src.len();
    }

    /// The last character of the input, where "the document ends here"
    /// labels point (miette does not show empty spans at the very end).
    fn eof(&self) -> Span {
        let start = self.src.char_indices().next_back().map_or(0, |(i, _)| i);
        start..self.src.len()
    }

    fn lex_text(&mut self) {
        let start = self.pos;
        let rest = &self.src[start..];
        if self.skip_blank {
            // A text run ends at `<`, `{` or the end of the input.
            let blank = rest.bytes().take_while(u8::is_ascii_whitespace).count();
            if blank > 0 && matches!(rest.as_bytes().get(blank), None | Some(b'<' | b'{')) {
                self.pos = start + blank;
                return;
            }
        }
        let mut lx = TextTok::lexer(rest);
        let Some(tok) = lx.next() else {
            self.pos = self.src.len();
            return;
        };
        let end = start + lx.span().end;
        match tok {
            Ok(TextTok::Text) => {
                self.push(start, Token::Text, end);
                self.pos = end;
            }
            Ok(TextTok::Lt) => self.lex_lt(start),
            Ok(TextTok::LBrace) => {
                self.pos = end;
                if self.enter(
                    Frame::Expr {
                        start,
                        seen_value: false,
                    },
                    start,
                ) {
                    self.push(start, Token::BraceOpen, end);
                }
            }
            Ok(TextTok::HtmlComment) => self.html_comment(start),
            Ok(TextTok::Bang) => self.declaration(start),
            // `[^<{]+` or one of the punctuators always matches.
            Err(()) => self.pos = end.max(start + 1),
        }
    }

    fn html_comment(&mut self, start: usize) {
        let body = start + 4;
        let end = memchr::memmem::find(&self.src.as_bytes()[body..], b"-->")
            .map_or(self.src.len(), |i| body + i + 3);
        self.diags.push(
            Diagnostic::new(
                RuleId::HtmlComment,
                "HTML comments are not allowed in UIHook markup",
                start..end,
                "the host's JSX parser failed on this and showed a blank page",
            )
            .with_help("use a JSX comment instead: `{/* … */}`"),
        );
        self.push(start, Token::Invalid, end);
        self.pos = end;
    }

    fn declaration(&mut self, start: usize) {
        let end = memchr::memchr(b'>', &self.src.as_bytes()[start..])
            .map_or(self.src.len(), |i| start + i + 1);
        let raw = &self.src[start..end];
        if raw.starts_with("<!DOCTYPE") && !self.seen_content {
            self.seen_content = true;
            // The host trimmed the response, then removed the doctype, so
            // white space before it was never text of the page: it leaves
            // the stream (the one text token lexed before, not yet handed
            // over; the grammar takes a doctype only first). Text blank
            // only once its entities are decoded stays, as the host saw
            // it, and the doctype after it is out of place.
            let before = &self.queue[self.next..];
            if before.iter().all(|&((s, ref t, e), _)| {
                *t == Token::Text && crate::ast::is_blank(&self.src[s..e])
            }) {
                self.queue.truncate(self.next);
            }
            self.push(start, Token::Doctype, end);
        } else {
            let help = if raw
                .get(..9)
                .is_some_and(|p| p.eq_ignore_ascii_case("<!DOCTYPE"))
            {
                "the host removed only `<!DOCTYPE …>` (upper case) at the start of a document; remove this one"
            } else {
                "remove it; UIHook markup is JSX, not HTML"
            };
            self.diags.push(
                Diagnostic::new(
                    RuleId::HtmlDeclaration,
                    "`<!…>` declarations are not markup the host accepted",
                    start..end,
                    "not allowed here",
                )
                .with_help(help),
            );
            self.push(start, Token::Invalid, end);
        }
        self.pos = end;
    }

    /// At a `<` in text or expression position.
    fn lex_lt(&mut self, lt: usize) {
        let bytes = self.src.as_bytes();
        let j = skip_ws(bytes, lt + 1);
        match bytes.get(j) {
            Some(b'/') => {
                let k = skip_ws(bytes, j + 1);
                let name_end = scan_name(bytes, k);
                if name_end > k {
                    self.close_tag(lt, j + 1, &self.src[k..name_end], k..name_end);
                } else if bytes.get(k) == Some(&b'>') {
                    self.fragment(lt, k + 1);
                } else {
                    self.raw_lt(lt);
                }
            }
            // `< P>` is a tag to the host, but `a < b` in prose almost surely
            // is not: after a space, only catalog names start a tag.
            Some(&c)
                if is_name_start(c)
                    && (j == lt + 1
                        || schema::component_named(&self.src[j..scan_name(bytes, j)])
                            .is_some()) =>
            {
                self.open_tag(lt)
            }
            Some(b'>') => self.fragment(lt, j + 1),
            _ => self.raw_lt(lt),
        }
    }

    /// At `<` followed (after spaces) by a name.
    fn open_tag(&mut self, lt: usize) {
        let bytes = self.src.as_bytes();
        let name_start = skip_ws(bytes, lt + 1);
        let name_end = scan_name(bytes, name_start);
        let name = &self.src[name_start..name_end];
        self.pos = name_end;
        if self.enter(
            Frame::OpenTag {
                start: lt,
                name: Some((name, name_start..name_end)),
                after_eq: false,
            },
            lt,
        ) {
            self.push(lt, Token::Open(offset(name_start)), name_end);
        }
    }

    fn fragment(&mut self, lt: usize, end: usize) {
        self.diags.push(
            Diagnostic::new(
                RuleId::Fragment,
                "fragments `<>…</>` are not UIHook markup",
                lt..end,
                "the host dropped this and everything inside it",
            )
            .with_help("remove the fragment tags, or use `<Box>` to group components"),
        );
        self.push(lt, Token::Invalid, end);
        self.pos = end;
    }

    fn raw_lt(&mut self, lt: usize) {
        self.diags.push(
            Diagnostic::new(
                RuleId::RawLtInText,
                "a `<` in text must be escaped",
                lt..lt + 1,
                "this starts no tag",
            )
            .with_help("write `&lt;`, or put the text in a string: `{\"a < b\"}`"),
        );
        self.push(lt, Token::Text, lt + 1);
        self.pos = lt + 1;
    }

    /// `</name`: decides which element it closes; `after_slash` is where tag
    /// mode resumes.
    fn close_tag(&mut self, lt: usize, after_slash: usize, name: &'a str, name_span: Span) {
        let in_children = matches!(self.stack.last(), Some(Frame::Children { .. }));
        let bytes = self.src.as_bytes();
        let gt = skip_ws(bytes, name_span.end);
        let simple = bytes.get(gt) == Some(&b'>');
        if !in_children && simple {
            self.pos = gt + 1;
            self.push(
                lt,
                Token::StrayClose(offset(name_span.start), offset(name_span.end)),
                gt + 1,
            );
            return;
        }
        if !in_children {
            self.pos = after_slash;
            self.stack.push(Frame::CloseTag {
                start: lt,
                stray: true,
            });
            self.push(lt, Token::StrayCloseOpen, after_slash);
            return;
        }
        // An outer element closed first: the ones in between are unclosed.
        // The search usually stops at the top frame, and at worst looks at
        // `MAX_DEPTH` of them.
        let target = self
            .stack
            .iter()
            .rposition(|f| matches!(f, Frame::Children { name: n, .. } if *n == name));
        work::add(self.stack.len() - target.unwrap_or(0));
        if let Some(target) = target {
            let only_children = self.stack[target..]
                .iter()
                .all(|f| matches!(f, Frame::Children { .. }));
            if only_children {
                while self.stack.len() > target + 1 {
                    if let Some(Frame::Children {
                        name: open,
                        name_span: open_span,
                    }) = self.stack.pop()
                    {
                        self.diags.push(
                            Diagnostic::new(
                                RuleId::UnclosedElement,
                                format!("`<{open}>` is never closed"),
                                open_span,
                                "opened here",
                            )
                            .with_label(name_span.clone(), format!("`</{name}>` closes an outer element first"))
                            .with_help(format!(
                                "add `</{open}>` before `</{name}>`, or write `<{open} />` if it has no children"
                            )),
                        );
                        self.push(lt, Token::Unclosed, lt);
                    }
                }
            }
        }
        if simple {
            self.stack.pop();
            self.pos = gt + 1;
            self.push(
                lt,
                Token::Close(offset(name_span.start), offset(name_span.end)),
                gt + 1,
            );
            return;
        }
        self.pos = after_slash;
        self.stack.push(Frame::CloseTag {
            start: lt,
            stray: false,
        });
        self.push(lt, Token::CloseOpen, after_slash);
    }

    fn lex_tag(&mut self) {
        let bytes = self.src.as_bytes();
        if let Some(Frame::OpenTag { after_eq: true, .. }) = self.stack.last() {
            let j = skip_ws(bytes, self.pos);
            let starts_value =
                matches!(bytes.get(j), Some(b'"' | b'\'' | b'{' | b'<' | b'>') | None)
                    || bytes[j..].starts_with(b"/>");
            if !starts_value {
                self.unquoted_value(j);
                return;
            }
        }
        let start = self.pos;
        let mut lx = TagTok::lexer(&self.src[start..]);
        let Some(tok) = lx.next() else {
            self.pos = self.src.len();
            return;
        };
        let span = start + lx.span().start..start + lx.span().end;
        if let Ok(TagTok::BlockComment | TagTok::LineComment) = tok {
            self.pos = span.end;
            return;
        }
        if let Some(Frame::OpenTag { after_eq, .. }) = self.stack.last_mut() {
            *after_eq = tok == Ok(TagTok::Eq);
        }
        self.pos = span.end;
        match tok {
            Ok(TagTok::Name) => {
                if !self.quoted_attr(span.clone()) {
                    self.push(span.start, Token::Name, span.end);
                }
            }
            Ok(TagTok::Eq) => self.push(span.start, Token::Eq, span.end),
            Ok(form @ (TagTok::Double | TagTok::Single)) => {
                let form = if form == TagTok::Double {
                    StrForm::Double
                } else {
                    StrForm::Single
                };
                self.push(span.start, Token::AttrStr(form), span.end);
            }
            Ok(TagTok::LBrace) => {
                if self.enter(
                    Frame::Expr {
                        start: span.start,
                        seen_value: false,
                    },
                    span.start,
                ) {
                    self.push(span.start, Token::BraceOpen, span.end);
                }
            }
            Ok(TagTok::Lt) => {
                let next = skip_ws(bytes, span.end);
                if bytes.get(next).is_some_and(|&c| is_name_start(c)) {
                    self.open_tag(span.start);
                } else {
                    self.unexpected(span);
                }
            }
            Ok(TagTok::Gt) => self.end_tag(span, Token::TagEnd),
            Ok(TagTok::SelfClose) => self.end_tag(span, Token::SelfClose),
            Ok(TagTok::BlockComment | TagTok::LineComment) => {}
            Err(()) => {
                let c = bytes[span.start];
                if c == b'"' || c == b'\'' {
                    self.diags.push(
                        Diagnostic::new(
                            RuleId::UnterminatedString,
                            "this attribute string never ends",
                            span.start..span.start + 1,
                            "opened here",
                        )
                        .with_label(self.eof(), "the document ends here")
                        .with_help(format!("close it with `{}`", c as char)),
                    );
                    self.swallow_rest(span.start);
                } else {
                    let len = self.src[span.start..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                    self.unexpected(span.start..span.start + len);
                }
            }
        }
    }

    /// `name = "value"` right after an attribute name: one `Attr` token.
    /// Returns false (consuming nothing) for any other shape.
    fn quoted_attr(&mut self, name_span: Span) -> bool {
        let bytes = self.src.as_bytes();
        let eq = skip_ws(bytes, name_span.end);
        if bytes.get(eq) != Some(&b'=') {
            return false;
        }
        let open = skip_ws(bytes, eq + 1);
        let (form, quote) = match bytes.get(open) {
            Some(b'"') => (StrForm::Double, b'"'),
            Some(b'\'') => (StrForm::Single, b'\''),
            _ => return false,
        };
        let Some(len) = memchr::memchr(quote, &bytes[open + 1..]) else {
            return false;
        };
        let close = open + 1 + len;
        if let Some(Frame::OpenTag { after_eq, .. }) = self.stack.last_mut() {
            *after_eq = false;
        }
        self.pos = close + 1;
        // Set aside, the attribute must not stand between a name and an
        // `=` (`b a="x" = …`): without it they would read as `b = …`. A
        // comment after it could hide such an `=`, so it stays then too.
        // Looked at only when attributes are set aside at all.
        let joins = || {
            let next = skip_ws(bytes, close + 1);
            match bytes.get(next) {
                Some(b'=') => true,
                Some(b'/') => matches!(bytes.get(next + 1), Some(b'*' | b'/')),
                _ => false,
            }
        };
        let aside = match (&self.aside, self.stack.last()) {
            (Some(aside), Some(&Frame::OpenTag { start, .. })) if !joins() => Some((aside, start)),
            _ => None,
        };
        if let Some((aside, start)) = aside {
            aside.borrow_mut().push(AttrAside {
                tag: start,
                name: name_span,
                open,
                form,
                end: close + 1,
            });
            // Never the first content, so `seen_content` is already set.
            return true;
        }
        self.push(
            name_span.start,
            Token::Attr(offset(name_span.end), offset(open), form),
            close + 1,
        );
        true
    }

    fn unexpected(&mut self, span: Span) {
        let text = &self.src[span.clone()];
        self.diags.push(
            Diagnostic::new(
                RuleId::SyntaxError,
                format!("unexpected `{text}` inside a tag"),
                span.clone(),
                "not valid here",
            )
            .with_help("a tag holds a name and attributes `name=\"value\"`, then `>` or `/>`"),
        );
        self.pos = span.end;
        self.push(span.start, Token::Invalid, span.end);
    }

    fn end_tag(&mut self, span: Span, token: Token) {
        match self.stack.pop() {
            Some(Frame::OpenTag { name, .. }) if token == Token::TagEnd => {
                let (name, name_span) = name.unwrap_or(("", span.clone()));
                self.stack.push(Frame::Children { name, name_span });
            }
            Some(Frame::CloseTag { stray: false, .. }) => {
                self.stack.pop();
            }
            _ => {}
        }
        self.push(span.start, token, span.end);
    }

    fn unquoted_value(&mut self, start: usize) {
        let bytes = self.src.as_bytes();
        let mut end = start;
        while end < bytes.len()
            && !bytes[end].is_ascii_whitespace()
            && bytes[end] != b'>'
            && !bytes[end..].starts_with(b"/>")
        {
            end += 1;
        }
        // Stop on a character boundary even if the value holds non-ASCII text.
        while !self.src.is_char_boundary(end) {
            end += 1;
        }
        work::add(end - start);
        let raw = &self.src[start..end];
        self.diags.push(
            Diagnostic::new(
                RuleId::UnquotedAttributeValue,
                "attribute values must be quoted",
                start..end,
                "unquoted value",
            )
            .with_help(format!("write `\"{raw}\"`")),
        );
        if let Some(Frame::OpenTag { after_eq, .. }) = self.stack.last_mut() {
            *after_eq = false;
        }
        self.push(start, Token::AttrStr(StrForm::Unquoted), end);
        self.pos = end;
    }

    fn lex_expr(&mut self) {
        let start = self.pos;
        let mut lx = ExprTok::lexer(&self.src[start..]);
        let Some(tok) = lx.next() else {
            self.pos = self.src.len();
            return;
        };
        let span = start + lx.span().start..start + lx.span().end;
        let seen_value = matches!(
            self.stack.last(),
            Some(Frame::Expr {
                seen_value: true,
                ..
            })
        );
        let is_value = matches!(
            tok,
            Ok(ExprTok::Quote
                | ExprTok::Number
                | ExprTok::True
                | ExprTok::False
                | ExprTok::Null
                | ExprTok::Lt)
        );
        if is_value {
            if seen_value {
                self.unsupported(span.start);
                return;
            }
            if let Some(Frame::Expr { seen_value, .. }) = self.stack.last_mut() {
                *seen_value = true;
            }
        }
        self.pos = span.end;
        let simple = match tok {
            Ok(ExprTok::BlockComment | ExprTok::LineComment) => Some(Token::Comment),
            Ok(ExprTok::Number) => Some(Token::Number),
            Ok(ExprTok::True) => Some(Token::True),
            Ok(ExprTok::False) => Some(Token::False),
            Ok(ExprTok::Null) => Some(Token::Null),
            Ok(ExprTok::RBrace) => {
                self.stack.pop();
                Some(Token::BraceClose)
            }
            _ => None,
        };
        if let Some(token) = simple {
            self.push(span.start, token, span.end);
            return;
        }
        match tok {
            Ok(ExprTok::Quote) => {
                let s = js_string::scan(self.src, span.start, &mut self.diags);
                if s.terminated {
                    self.pos = s.end;
                    let escaped = matches!(s.value, Cow::Owned(_));
                    self.push(span.start, Token::JsStr(escaped), s.end);
                } else {
                    self.swallow_rest(span.start);
                }
            }
            // `{</P>`: the `{` was stray text; `unsupported` reports it.
            Ok(ExprTok::Lt)
                if self
                    .src
                    .as_bytes()
                    .get(skip_ws(self.src.as_bytes(), span.end))
                    == Some(&b'/') =>
            {
                self.unsupported(span.start)
            }
            Ok(ExprTok::Lt) => self.lex_lt(span.start),
            _ if self.src[span.start..].starts_with("/*") => {
                self.diags.push(
                    Diagnostic::new(
                        RuleId::UnterminatedString,
                        "this comment never ends",
                        span.start..span.start + 2,
                        "opened here",
                    )
                    .with_label(self.eof(), "the document ends here")
                    .with_help("close it with `*/}`"),
                );
                self.swallow_rest(span.start);
            }
            _ => self.unsupported(span.start),
        }
    }

    /// Something other than one literal inside `{…}`: skip to the matching
    /// `}` and report it once.
    fn unsupported(&mut self, from: usize) {
        let Some(Frame::Expr { start, .. }) = self.stack.last().cloned() else {
            return;
        };
        let in_tag = matches!(self.stack.iter().rev().nth(1), Some(Frame::OpenTag { .. }));
        match matching_brace(self.src.as_bytes(), from) {
            Ok(close) => {
                let expr = self.src[from..close].trim_end();
                let diag = if expr.starts_with("...") && in_tag {
                    Diagnostic::new(
                        RuleId::SpreadAttribute,
                        "spread attributes are not supported",
                        start..close + 1,
                        "the host had no variables, so this added nothing",
                    )
                    .with_help("write each attribute out: `name=\"value\"`")
                } else {
                    let help = if start > 0 && self.src.as_bytes()[start - 1] == b'$' {
                        "this looks like a `${…}` template interpolation that was never filled in; build the string before sending it"
                    } else if expr.starts_with('`') {
                        "template literals were not evaluated; use a plain string literal `{\"…\"}`"
                    } else {
                        "the host had no variables: identifiers, calls and template literals rendered nothing; compute the value before rendering and write it as one literal"
                    };
                    Diagnostic::new(
                        RuleId::UnsupportedExpression,
                        format!("`{}` is not a literal", truncate(expr, 40)),
                        start..close + 1,
                        "not a single literal",
                    )
                    .with_help(help)
                };
                self.diags.push(diag);
                self.push(from, Token::Unsupported, close);
                self.pos = close;
            }
            Err(stop) => {
                self.diags.push(
                    Diagnostic::new(
                        RuleId::RawBraceInText,
                        "a `{` in text must be escaped",
                        start..start + 1,
                        "this `{` opens an expression that never closes",
                    )
                    .with_help("write `&#123;`, or put the text in a string: `{\"{\"}`"),
                );
                self.push(from, Token::Unsupported, stop);
                self.stack.pop();
                self.push(stop, Token::BraceClose, stop);
                self.pos = stop;
            }
        }
    }

    /// End of input: close everything still open, diagnosing each.
    fn finish(&mut self) {
        let end = self.src.len();
        while let Some(frame) = self.stack.pop() {
            match frame {
                Frame::Expr { start, .. } => {
                    if !self.truncated {
                        self.diags.push(
                            Diagnostic::new(
                                RuleId::RawBraceInText,
                                "a `{` in text must be escaped",
                                start..start + 1,
                                "this `{` is never closed",
                            )
                            .with_help("write `&#123;`, or close the expression with `}`"),
                        );
                    }
                    self.push(end, Token::BraceClose, end);
                }
                Frame::OpenTag { start, .. } | Frame::CloseTag { start, .. } => {
                    if !self.truncated {
                        self.diags.push(
                            Diagnostic::new(
                                RuleId::UnterminatedTag,
                                "the document ends inside this tag",
                                start..start + 1,
                                "tag starts here",
                            )
                            .with_label(self.eof(), "the document ends here, before `>` or `/>`")
                            .with_help("finish the tag with `>` or `/>`"),
                        );
                    }
                    if let Frame::CloseTag { stray: false, .. } = frame {
                        self.stack.pop();
                        self.push(end, Token::TagEnd, end);
                    } else if let Frame::CloseTag { .. } = frame {
                        self.push(end, Token::TagEnd, end);
                    } else {
                        self.push(end, Token::SelfClose, end);
                    }
                }
                Frame::Children { name, name_span } => {
                    if !self.truncated {
                        self.diags.push(
                            Diagnostic::new(
                                RuleId::UnclosedElement,
                                format!("`<{name}>` is never closed"),
                                name_span,
                                "opened here",
                            )
                            .with_label(
                                self.eof(),
                                format!("the document ends here, before `</{name}>`"),
                            )
                            .with_help(format!(
                                "add `</{name}>`, or write `<{name} />` if it has no children"
                            )),
                        );
                    }
                    self.push(end, Token::Unclosed, end);
                }
            }
        }
        self.finished = true;
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Result<Spanned, Infallible>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next == self.queue.len() {
            self.fill();
        }
        match self.queue.get(self.next) {
            Some(&(token, found)) => {
                self.next += 1;
                self.handed = found;
                Some(Ok(token))
            }
            None => {
                self.handed = self.diags.len();
                None
            }
        }
    }
}

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'$'
}

/// Skips what acorn treats as white space, from a char boundary `i`.
fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_whitespace() || b == 0x0B {
            i += 1;
            continue;
        }
        if b < 0x80 {
            break;
        }
        let len = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let c = bytes
            .get(i..i + len)
            .and_then(|s| std::str::from_utf8(s).ok())
            .and_then(|s| s.chars().next());
        match c {
            Some(c) if is_js_space(c) => i += len,
            _ => break,
        }
    }
    i
}

/// Non-ASCII white space and line terminators for acorn 5.7.
fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{1680}' | '\u{180e}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// The end of a JSX name starting at `i` (`i` itself if there is none).
fn scan_name(bytes: &[u8], i: usize) -> usize {
    if !bytes.get(i).is_some_and(|&c| is_name_start(c)) {
        return i;
    }
    let mut j = i + 1;
    while j < bytes.len()
        && (bytes[j].is_ascii_alphanumeric()
            || matches!(bytes[j], b'_' | b'$' | b'-' | b':' | b'.'))
    {
        j += 1;
    }
    j
}

/// Finds the `}` closing an expression that continues at `from`, skipping
/// nested braces, strings, template literals and comments. `Err(stop)` when
/// there is none: the end of input, or a `</` at depth 0, which means the `{`
/// was stray text inside an element.
fn matching_brace(bytes: &[u8], from: usize) -> Result<usize, usize> {
    let found = matching_brace_from(bytes, from);
    work::add(found.unwrap_or_else(|stop| stop) - from);
    found
}

fn matching_brace_from(bytes: &[u8], from: usize) -> Result<usize, usize> {
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' if depth == 0 => return Ok(i),
            b'}' => depth -= 1,
            q @ (b'"' | b'\'' | b'`') => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != q && !(q != b'`' && bytes[j] == b'\n') {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                i = j.min(bytes.len());
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&bytes[i + 2..], b"*/")
                    .map_or(bytes.len(), |k| i + 2 + k + 1);
            }
            b'<' if depth == 0 && bytes.get(i + 1) == Some(&b'/') => return Err(i),
            _ => {}
        }
        i += 1;
    }
    Err(bytes.len())
}

fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<Token> {
        Lexer::new(src)
            .map(|t| t.map(|(_, t, _)| t))
            .collect::<Result<_, _>>()
            .unwrap_or_default()
    }

    fn codes(src: &str) -> Vec<RuleId> {
        let mut lx = Lexer::new(src);
        for _ in lx.by_ref() {}
        lx.diagnostics().iter().map(|d| d.code).collect()
    }

    #[test]
    fn tags_text_and_containers() {
        use Token::*;
        assert_eq!(
            tokens(r#"<P a="x" b={"y"} c>hi {"there"}</P>"#),
            vec![
                Open(1),
                Attr(4, 5, StrForm::Double),
                Name,
                Eq,
                BraceOpen,
                JsStr(false),
                BraceClose,
                Name,
                TagEnd,
                Text,
                BraceOpen,
                JsStr(false),
                BraceClose,
                Close(33, 34),
            ]
        );
        assert_eq!(
            tokens("< P a = 'x' ></ P ><B/ >"),
            vec![
                Open(2),
                Attr(5, 8, StrForm::Single),
                TagEnd,
                Close(16, 17),
                Open(20),
                SelfClose,
            ]
        );
    }

    #[test]
    fn js_strings_carry_their_value_only_when_escapes_changed_it() {
        assert_eq!(
            tokens(r#"{"a\u0041"}{'b'}"#),
            vec![
                Token::BraceOpen,
                Token::JsStr(true),
                Token::BraceClose,
                Token::BraceOpen,
                Token::JsStr(false),
                Token::BraceClose,
            ]
        );
    }

    #[test]
    fn greater_than_and_close_brace_are_text() {
        assert_eq!(tokens("a > b }"), vec![Token::Text]);
    }

    #[test]
    fn recovery_inserts_unclosed_tokens() {
        use Token::*;
        assert_eq!(
            tokens("<A><B></A>"),
            vec![Open(1), TagEnd, Open(4), TagEnd, Unclosed, Close(8, 9)]
        );
        assert_eq!(codes("<A><B></A>"), vec![RuleId::UnclosedElement]);
        assert_eq!(codes("<A>"), vec![RuleId::UnclosedElement]);
        assert_eq!(codes("</A>"), Vec::<RuleId>::new());
        assert_eq!(tokens("</A>")[0], StrayClose(2, 3));
        assert_eq!(tokens("</A/>")[0], StrayCloseOpen);
    }

    #[test]
    fn lexical_problems() {
        assert_eq!(codes("a < b"), vec![RuleId::RawLtInText]);
        assert_eq!(codes("a { b"), vec![RuleId::RawBraceInText]);
        assert_eq!(codes("<P>a { b</P>"), vec![RuleId::RawBraceInText]);
        assert_eq!(codes("<Code>if (x) {</Code>"), vec![RuleId::RawBraceInText]);
        assert!(codes("<P /* c */ a=\"1\" // d\n>x</P>").is_empty());
        assert!(codes("<P\u{200a}a=\"1\"\u{3000}>x</\u{205f}P>").is_empty());
        assert_eq!(codes("<!-- x -->"), vec![RuleId::HtmlComment]);
        assert_eq!(codes("<P a=1/>"), vec![RuleId::UnquotedAttributeValue]);
        assert_eq!(codes("{foo}"), vec![RuleId::UnsupportedExpression]);
        assert_eq!(codes("<P {...x}/>"), vec![RuleId::SpreadAttribute]);
        assert_eq!(codes("{`t`}"), vec![RuleId::UnsupportedExpression]);
        assert_eq!(
            codes("{\"a\" + \"b\"}"),
            vec![RuleId::UnsupportedExpression]
        );
        assert_eq!(codes("<>x</>"), vec![RuleId::Fragment, RuleId::Fragment]);
        assert_eq!(codes("<P a=\"x/>"), vec![RuleId::UnterminatedString]);
        assert_eq!(codes("<P"), vec![RuleId::UnterminatedTag]);
        assert_eq!(codes("{/* open"), vec![RuleId::UnterminatedString]);
        assert_eq!(codes("x <!ELEMENT>"), vec![RuleId::HtmlDeclaration]);
        assert!(codes("<!DOCTYPE html><Page/>").is_empty());
        assert_eq!(
            codes("<!doctype html><Page/>"),
            vec![RuleId::HtmlDeclaration]
        );
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "<Box>".repeat(MAX_DEPTH + 10);
        assert_eq!(codes(&deep), vec![RuleId::NestingTooDeep]);
        let braces = "{".repeat(100_000);
        assert_eq!(codes(&braces), vec![RuleId::RawBraceInText]);
    }
}
