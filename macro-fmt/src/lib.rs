//! `uihook fmt` for Rust files: rewrites the bodies of `uihook!`
//! invocations with consistent indentation and attribute layout, and leaves
//! every other byte of the file as it was.
//!
//! The file is lexed with `proc-macro2` (with `span-locations`, so every
//! token has its byte range); invocations are found wherever they are,
//! inside other macros and inside each other. Only the whitespace between
//! tokens of a body is rewritten, and only where the macro does not read it:
//!
//! - **between children**, a gap holding a line break is re-indented (four
//!   spaces a level, from the indentation of the line with `uihook!`);
//!   comments are kept and at most one blank line is. `uihook!` collapses
//!   such a gap the way JSX does whatever its width, so the expansion cannot
//!   change. A gap without a line break is text (`Count: {n}`) and is kept
//!   byte for byte, and no line break is ever added or removed there;
//! - **inside a tag**, where spacing means nothing: `<Name a="1" b={x}>` and
//!   `<BR />` on one line when that fits in `max_width`, otherwise one
//!   attribute per line and the `>` or `/>` on a line of its own. A tag
//!   with two or more attributes where a value spans lines is always one
//!   attribute per line. A body written on one line stays on one line, and
//!   a tag with a comment inside keeps its layout;
//! - `{…}` expressions are Rust and kept as written; their continuation
//!   lines move with the line they start on, and nested `uihook!`s inside
//!   them are formatted in turn.
//!
//! A body the formatter cannot read as markup (unclosed or mismatched tags,
//! `<>`, tokens of `macro_rules!` such as `$x`, doc comments) is left as it
//! is and reported in [`Formatted::skipped`].
//!
//! Where a tag goes on one line depends on the width of its values, and a
//! value may hold markup that formatting makes shorter or longer, so the
//! whole file is formatted again until it stops changing (at most three
//! passes; the second almost always agrees), which makes the result
//! idempotent. Every pass is linear in the file's length: one lexing pass,
//! one pass over the tokens of each body, and line look-ups by binary
//! search.

use std::fmt;

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

/// How bodies are laid out.
#[derive(Clone, Debug)]
pub struct Options {
    /// The widest line a tag may end on before its attributes go one per
    /// line, in characters.
    pub max_width: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { max_width: 100 }
    }
}

/// One indentation level, in spaces.
const INDENT: usize = 4;

/// Groups nested deeper than this are copied as they are, and markup nested
/// deeper is not formatted: the walk is recursive, and a hostile file must
/// not exhaust the stack (the compiler bounds markup nesting at 256 too).
const MAX_DEPTH: usize = 256;

/// A formatted file.
#[derive(Debug)]
pub struct Formatted {
    /// The new text.
    pub text: String,
    /// Invocations left as they were, and why.
    pub skipped: Vec<Skipped>,
}

/// An invocation the formatter left alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based line of the `uihook!`.
    pub line: usize,
    /// Why it was not formatted.
    pub reason: String,
}

/// A file that could not be formatted: it is not Rust tokens.
#[derive(Debug)]
pub struct Error {
    /// 1-based line and column of the problem, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{line}:{column}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

/// Formats every `uihook!` body in the Rust source `source`.
///
/// The work runs on a thread of its own: `proc-macro2` keeps the text of
/// every string it lexes in a thread-local source map for as long as the
/// thread lives, and formatting a whole repository must not keep every file
/// (three times) in memory.
pub fn format_source(source: &str, options: &Options) -> Result<Formatted, Error> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| format_passes(source, options))
            .join()
            .unwrap_or_else(|_| {
                Err(Error {
                    position: None,
                    message: "the formatter failed (a bug: please report it with the file)"
                        .to_owned(),
                })
            })
    })
}

/// Formats until the text stops changing.
fn format_passes(source: &str, options: &Options) -> Result<Formatted, Error> {
    let first = format_once(source, options)?;
    let mut text = first.text;
    for _ in 0..2 {
        let again = format_once(&text, options)?.text;
        if again == text {
            break;
        }
        text = again;
    }
    Ok(Formatted {
        text,
        skipped: first.skipped,
    })
}

/// One formatting pass.
fn format_once(source: &str, options: &Options) -> Result<Formatted, Error> {
    // The lexer drops a byte-order mark, which would shift every offset.
    let (bom, text) = match source.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", source),
    };
    let stream: TokenStream = text.parse().map_err(|e: proc_macro2::LexError| {
        let at = e.span().start();
        Error {
            position: Some((at.line, at.column + 1)),
            message: format!("not Rust tokens: {e}"),
        }
    })?;
    let mut f = Formatter {
        src: text,
        pos: 0,
        out: Out::new(text.len() + text.len() / 8),
        options,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        skipped: Vec::new(),
        newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
    };
    f.out.push(bom);
    f.walk(stream, 0, 0);
    f.copy_to(text.len());
    Ok(Formatted {
        text: f.out.text,
        skipped: f.skipped,
    })
}

/// Byte range of a token.
fn range(span: proc_macro2::Span) -> std::ops::Range<usize> {
    span.byte_range()
}

/// `uihook ! (…)` at `tokens[i..]`: the group.
fn invocation_at(tokens: &[TokenTree], i: usize) -> Option<&Group> {
    match (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)) {
        (Some(TokenTree::Ident(id)), Some(TokenTree::Punct(bang)), Some(TokenTree::Group(g)))
            if id == "uihook" && bang.as_char() == '!' && g.delimiter() != Delimiter::None =>
        {
            Some(g)
        }
        _ => None,
    }
}

/// The output, with the column of its end kept up to date.
struct Out {
    text: String,
    line_start: usize,
    column: usize,
}

impl Out {
    fn new(capacity: usize) -> Out {
        Out {
            text: String::with_capacity(capacity),
            line_start: 0,
            column: 0,
        }
    }

    fn push(&mut self, s: &str) {
        match s.rfind('\n') {
            Some(i) => {
                self.line_start = self.text.len() + i + 1;
                self.column = s[i + 1..].chars().count();
            }
            None => self.column += s.chars().count(),
        }
        self.text.push_str(s);
    }

    /// The indentation of the line being written.
    fn indent(&self) -> usize {
        leading_spaces(&self.text[self.line_start..])
    }
}

fn leading_spaces(line: &str) -> usize {
    line.bytes().take_while(|&b| b == b' ').count()
}

/// What to write in the gap before a token of a body. `tag` is the token
/// index of the `<` whose layout decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    /// Between children: kept without a line break, re-indented to this
    /// depth with one.
    Line(usize),
    /// Inside a tag, where nothing goes (around `=`, after `<` and `</`,
    /// before `/>`'s `>`): nothing, unless the gap holds a comment.
    Tight(usize),
    /// Before an attribute or `/>`: a space on one line, a line at this
    /// depth when the tag is broken.
    Sep { tag: usize, depth: usize },
    /// Before `>`: nothing on one line, a line at this depth when the tag
    /// is broken.
    End { tag: usize, depth: usize },
}

/// How a tag is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// On one line.
    Flat,
    /// One attribute per line.
    Broken,
    /// As written (it has a comment inside).
    Keep,
}

/// A token of a body, flattened as the macro flattens it: `(…)` and `[…]`
/// are their delimiters and contents, `{…}` stays whole.
#[derive(Clone)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

#[derive(Clone)]
enum Kind {
    Punct(char),
    Ident(String),
    Lit,
    Brace(Group),
    Delim,
}

impl Tok {
    fn is(&self, c: char) -> bool {
        matches!(self.kind, Kind::Punct(p) if p == c)
    }
}

/// Fails (with `false`) past [`MAX_DEPTH`] nested groups.
fn flatten(stream: TokenStream, out: &mut Vec<Tok>, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    for tt in stream {
        let r = range(tt.span());
        match tt {
            TokenTree::Punct(p) => out.push(Tok {
                kind: Kind::Punct(p.as_char()),
                start: r.start,
                end: r.end,
            }),
            TokenTree::Ident(i) => out.push(Tok {
                kind: Kind::Ident(i.to_string()),
                start: r.start,
                end: r.end,
            }),
            TokenTree::Literal(_) => out.push(Tok {
                kind: Kind::Lit,
                start: r.start,
                end: r.end,
            }),
            TokenTree::Group(g) => match g.delimiter() {
                Delimiter::Brace => out.push(Tok {
                    kind: Kind::Brace(g),
                    start: r.start,
                    end: r.end,
                }),
                Delimiter::None => {
                    if !flatten(g.stream(), out, depth + 1) {
                        return false;
                    }
                }
                _ => {
                    let (open, close) = (range(g.span_open()), range(g.span_close()));
                    out.push(Tok {
                        kind: Kind::Delim,
                        start: open.start,
                        end: open.end,
                    });
                    if !flatten(g.stream(), out, depth + 1) {
                        return false;
                    }
                    out.push(Tok {
                        kind: Kind::Delim,
                        start: close.start,
                        end: close.end,
                    });
                }
            },
        }
    }
    true
}

/// How one open tag may be laid out, decided when it is written.
#[derive(Clone, Debug)]
struct Tag {
    /// Token index of the `>` or `/` that ends it.
    end: usize,
    /// Token index of each attribute's first token.
    attrs: Vec<usize>,
    /// Its length on one line; `None`: it has a value that spans lines.
    flat: Option<usize>,
    /// It has a comment between its tokens: keep its layout.
    commented: bool,
}

/// The layout of one body, read from its tokens.
struct Layout {
    gaps: Vec<Gap>,
    /// The tag that starts at each `<` token index.
    tags: Vec<Option<Tag>>,
}

/// Reads a body's structure; `Err` says why it is not formatted.
struct Reader<'a> {
    src: &'a str,
    toks: &'a [Tok],
    i: usize,
    layout: Layout,
}

impl Reader<'_> {
    fn peek(&self, n: usize) -> Option<&Tok> {
        self.toks.get(self.i + n)
    }

    /// Sets the gap before the token at the cursor (if there is one: a
    /// body may end anywhere).
    fn set(&mut self, gap: Gap) {
        if let Some(g) = self.layout.gaps.get_mut(self.i) {
            *g = gap;
        }
    }

    /// The source between token `i - 1` and token `i`.
    fn gap_before(&self, i: usize) -> &str {
        match i.checked_sub(1) {
            Some(prev) => self
                .src
                .get(self.toks[prev].end..self.toks[i].start)
                .unwrap_or(""),
            None => "",
        }
    }

    /// Children up to a close tag or the end.
    fn children(&mut self, depth: usize) -> Result<(), String> {
        while let Some(tok) = self.peek(0) {
            if tok.is('<') {
                match self.peek(1) {
                    Some(next) if next.is('/') => return Ok(()),
                    Some(Tok {
                        kind: Kind::Ident(_),
                        ..
                    }) => {
                        self.set(Gap::Line(depth));
                        self.element(depth)?;
                        continue;
                    }
                    Some(next) if next.is('>') => return Err("it has a fragment `<>`".into()),
                    _ => {}
                }
            }
            self.set(Gap::Line(depth));
            self.i += 1;
        }
        Ok(())
    }

    /// A name at the cursor: identifiers joined by `-`, `:` or `.`.
    fn name(&mut self) -> Option<String> {
        let Some(Tok {
            kind: Kind::Ident(first),
            ..
        }) = self.peek(0)
        else {
            return None;
        };
        let mut text = first.clone();
        let depth = match self.layout.gaps[self.i] {
            Gap::Line(d)
            | Gap::Tight(d)
            | Gap::Sep { depth: d, .. }
            | Gap::End { depth: d, .. } => d,
        };
        self.i += 1;
        while let (
            Some(Tok {
                kind: Kind::Punct(p),
                ..
            }),
            Some(Tok {
                kind: Kind::Ident(next),
                ..
            }),
        ) = (self.peek(0), self.peek(1))
        {
            if !matches!(p, '-' | ':' | '.') {
                break;
            }
            text.push(*p);
            text.push_str(next);
            self.set(Gap::Tight(depth));
            self.i += 1;
            self.set(Gap::Tight(depth));
            self.i += 1;
        }
        Some(text)
    }

    fn chars(&self, from: usize, to: usize) -> usize {
        self.src
            .get(self.toks[from].start..self.toks[to].end)
            .map_or(0, |s| s.chars().count())
    }

    fn spans_lines(&self, from: usize, to: usize) -> bool {
        self.src
            .get(self.toks[from].start..self.toks[to].end)
            .is_some_and(|s| s.contains('\n'))
    }

    /// An element at `<`; its first gap is already set.
    fn element(&mut self, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err(format!("its markup is nested more than {MAX_DEPTH} deep"));
        }
        let open = self.i;
        self.i += 1;
        self.set(Gap::Tight(depth));
        let name = self.name().ok_or("a tag has no name")?;
        let mut tag = Tag {
            end: 0,
            attrs: Vec::new(),
            flat: Some(1 + name.chars().count()),
            commented: false,
        };
        let mut complex = false;
        let self_closing = loop {
            let Some(tok) = self.peek(0) else {
                return Err(format!("`<{name}>` is not finished"));
            };
            if tok.is('/') && self.peek(1).is_some_and(|t| t.is('>')) {
                tag.end = self.i + 1;
                self.set(Gap::Sep { tag: open, depth });
                self.i += 1;
                self.set(Gap::Tight(depth));
                self.i += 1;
                tag.flat = tag.flat.map(|n| n + 3);
                break true;
            }
            if tok.is('>') {
                tag.end = self.i;
                self.set(Gap::End { tag: open, depth });
                self.i += 1;
                tag.flat = tag.flat.map(|n| n + 1);
                break false;
            }
            let first = self.i;
            if !matches!(tok.kind, Kind::Ident(_)) {
                return Err(format!("`<{name}>` holds something that is no attribute"));
            }
            tag.attrs.push(first);
            self.set(Gap::Sep {
                tag: open,
                depth: depth + 1,
            });
            self.name();
            if self.peek(0).is_some_and(|t| t.is('=')) {
                self.set(Gap::Tight(depth + 1));
                self.i += 1;
                let Some(value) = self.peek(0).cloned() else {
                    return Err(format!("`<{name}>` ends after `=`"));
                };
                self.set(Gap::Tight(depth + 1));
                match &value.kind {
                    Kind::Lit | Kind::Ident(_) | Kind::Brace(_) => self.i += 1,
                    Kind::Punct('<')
                        if matches!(
                            self.peek(1),
                            Some(Tok {
                                kind: Kind::Ident(_),
                                ..
                            })
                        ) =>
                    {
                        self.element(depth + 1)?;
                    }
                    _ => {
                        return Err(format!(
                            "`<{name}>` has a value that is not a string, `{{…}}` or an element"
                        ))
                    }
                }
            }
            let last = self.i - 1;
            complex |= self.spans_lines(first, last);
            tag.flat = tag.flat.map(|n| n + 1 + self.chars(first, last));
        };
        self.finish_tag(open, tag, complex);
        if self_closing {
            return Ok(());
        }
        self.children(depth + 1)?;
        // `</Name>`.
        if self.peek(0).is_none() {
            return Err(format!("`<{name}>` is never closed"));
        }
        self.set(Gap::Line(depth));
        self.i += 1;
        self.set(Gap::Tight(depth));
        self.i += 1;
        self.set(Gap::Tight(depth));
        match self.name() {
            Some(close) if close == name => {}
            _ => return Err(format!("`<{name}>` is closed by another tag")),
        }
        if !self.peek(0).is_some_and(|t| t.is('>')) {
            return Err(format!("`</{name}>` does not end with `>`"));
        }
        self.set(Gap::Tight(depth));
        self.i += 1;
        Ok(())
    }

    fn finish_tag(&mut self, open: usize, mut tag: Tag, complex: bool) {
        tag.commented = (open + 1..=tag.end).any(|i| has_comment(self.gap_before(i)));
        if complex {
            tag.flat = None;
        }
        self.layout.tags[open] = Some(tag);
    }
}

fn has_comment(gap: &str) -> bool {
    gap.contains("//") || gap.contains("/*")
}

/// A gap that holds a line break, re-indented: each comment kept (one that
/// followed a token on its line stays there), at most one blank line, and
/// the next token at `indent` columns.
fn normalize(gap: &str, indent: usize, newline: &str) -> String {
    let mut out = String::new();
    let mut newlines = 0;
    let mut rest = gap;
    let mut first = true;
    let line = |out: &mut String, newlines: usize| {
        for _ in 0..newlines.clamp(1, 2) {
            out.push_str(newline);
        }
        out.extend(std::iter::repeat_n(' ', indent));
    };
    loop {
        let trimmed = rest.trim_start_matches(|c: char| {
            if c == '\n' {
                newlines += 1;
            }
            c.is_whitespace()
        });
        rest = trimmed;
        let len = if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            // The line ending is written anew.
            rest[..end].strip_suffix('\r').map_or(end, str::len)
        } else if rest.starts_with("/*") {
            block_comment_len(rest)
        } else {
            break;
        };
        if first && newlines == 0 {
            out.push(' ');
        } else {
            line(&mut out, newlines);
        }
        out.push_str(&rest[..len]);
        rest = &rest[len..];
        newlines = 0;
        first = false;
    }
    if first || newlines > 0 {
        line(&mut out, newlines);
    } else {
        // A block comment before the token on its line stays there.
        out.push(' ');
    }
    out
}

/// The length of the (possibly nested) block comment `s` starts with.
fn block_comment_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    s.len()
}

struct Formatter<'a> {
    src: &'a str,
    /// Everything before this offset of `src` is written.
    pos: usize,
    out: Out,
    options: &'a Options,
    line_starts: Vec<usize>,
    skipped: Vec<Skipped>,
    /// The file's line ending, for the lines the formatter writes.
    newline: &'static str,
}

impl Formatter<'_> {
    /// Copies the source up to `to` as it is.
    fn copy_to(&mut self, to: usize) {
        if to > self.pos {
            let s = &self.src[self.pos..to];
            self.out.push(s);
            self.pos = to;
        }
    }

    /// Copies the gap up to `to`, moving the lines that start in it by
    /// `shift` columns.
    fn shift_to(&mut self, to: usize, shift: isize) {
        if to <= self.pos {
            return;
        }
        let gap = &self.src[self.pos..to];
        self.pos = to;
        if shift == 0 || !gap.contains('\n') {
            self.out.push(gap);
            return;
        }
        let mut lines = gap.split('\n');
        let mut s = String::with_capacity(gap.len());
        s.push_str(lines.next().unwrap_or(""));
        for line in lines {
            s.push('\n');
            let lead = leading_spaces(line);
            let new = (lead as isize + shift).max(0) as usize;
            s.extend(std::iter::repeat_n(' ', new));
            s.push_str(&line[lead..]);
        }
        self.out.push(&s);
    }

    /// Indentation of the source line holding `offset`.
    fn source_indent(&self, offset: usize) -> usize {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        leading_spaces(&self.src[self.line_starts[line]..])
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// Rust tokens outside a body (or inside a `{…}` of one): kept, with
    /// the lines that start between them moved by `shift`.
    fn walk(&mut self, stream: TokenStream, shift: isize, depth: usize) {
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            if let Some(g) = invocation_at(&tokens, i) {
                let open = range(g.span_open());
                self.shift_to(range(tokens[i].span()).start, shift);
                self.copy_to(open.start);
                self.body(g, shift, depth + 1);
                i += 3;
                continue;
            }
            let r = range(tokens[i].span());
            match &tokens[i] {
                TokenTree::Group(g) if depth >= MAX_DEPTH => {
                    self.shift_to(range(g.span_open()).start, shift);
                    self.copy_to(range(g.span_close()).end);
                }
                TokenTree::Group(g) => {
                    let (open, close) = (range(g.span_open()), range(g.span_close()));
                    self.shift_to(open.start, shift);
                    self.copy_to(open.end);
                    self.walk(g.stream(), shift, depth + 1);
                    self.shift_to(close.start, shift);
                    self.copy_to(close.end);
                }
                _ => {
                    self.shift_to(r.start, shift);
                    self.copy_to(r.end);
                }
            }
            i += 1;
        }
    }

    /// One invocation's delimited body, at its open delimiter.
    fn body(&mut self, g: &Group, shift: isize, depth: usize) {
        let (open, close) = (range(g.span_open()), range(g.span_close()));
        let mut toks = Vec::new();
        let layout = if depth >= MAX_DEPTH {
            Err(format!("it is nested more than {MAX_DEPTH} deep"))
        } else {
            if flatten(g.stream(), &mut toks, 0) {
                self.read(&toks, open.end, close.start)
            } else {
                Err(format!("it is nested more than {MAX_DEPTH} deep"))
            }
        };
        let layout = match layout {
            Ok(layout) => layout,
            Err(reason) => {
                self.skipped.push(Skipped {
                    line: self.line_of(open.start),
                    reason,
                });
                self.shift_to(open.start, shift);
                self.copy_to(open.end);
                self.walk(g.stream(), shift, depth + 1);
                self.shift_to(close.start, shift);
                self.copy_to(close.end);
                return;
            }
        };
        let base = self.out.indent();
        let one_line = !self.src[open.end..close.start].contains('\n');
        self.copy_to(open.end);
        let mut modes = vec![Mode::Flat; toks.len()];
        for (k, tok) in toks.iter().enumerate() {
            self.gap(layout.gaps[k], tok.start, base, &modes);
            if let Some(tag) = &layout.tags[k] {
                modes[k] = self.decide(tag, one_line);
            }
            self.token(tok, depth);
        }
        self.gap(Gap::Line(0), close.start, base, &modes);
        self.copy_to(close.end);
    }

    /// How the tag about to be written at the current column is laid out.
    fn decide(&self, tag: &Tag, one_line: bool) -> Mode {
        if tag.commented {
            return Mode::Keep;
        }
        if tag.attrs.is_empty() || one_line {
            return Mode::Flat;
        }
        match tag.flat {
            Some(n) if self.out.column + n <= self.options.max_width => Mode::Flat,
            Some(_) => Mode::Broken,
            None if tag.attrs.len() >= 2 => Mode::Broken,
            None => Mode::Flat,
        }
    }

    /// Writes the gap up to `to` as `gap` says.
    fn gap(&mut self, gap: Gap, to: usize, base: usize, modes: &[Mode]) {
        let text = self.src.get(self.pos..to).unwrap_or("");
        let newline = self.newline;
        let at = |depth: usize| base + depth * INDENT;
        let line = |depth: usize| {
            if text.contains('\n') {
                normalize(text, at(depth), newline)
            } else {
                text.to_owned()
            }
        };
        let s = match gap {
            Gap::Line(depth) => line(depth),
            Gap::Tight(depth) if has_comment(text) => line(depth),
            Gap::Tight(_) => String::new(),
            Gap::Sep { tag, depth } | Gap::End { tag, depth } => match modes[tag] {
                Mode::Keep => line(depth),
                Mode::Broken => normalize("\n", at(depth), newline),
                Mode::Flat if matches!(gap, Gap::Sep { .. }) => " ".to_owned(),
                Mode::Flat => String::new(),
            },
        };
        self.out.push(&s);
        self.pos = self.pos.max(to);
    }

    /// Writes one token of a body: as it is, or for `{…}`, its Rust with its
    /// lines moved as far as its first line moved.
    fn token(&mut self, tok: &Tok, depth: usize) {
        match &tok.kind {
            Kind::Brace(g) => {
                let shift = self.out.indent() as isize - self.source_indent(tok.start) as isize;
                let (open, close) = (range(g.span_open()), range(g.span_close()));
                self.copy_to(open.end);
                self.walk(g.stream(), shift, depth + 1);
                self.shift_to(close.start, shift);
                self.copy_to(close.end);
            }
            _ => self.copy_to(tok.end),
        }
    }

    fn read(&self, toks: &[Tok], start: usize, end: usize) -> Result<Layout, String> {
        let mut prev = start;
        for t in toks {
            if t.start < prev || t.end > end {
                return Err("it holds a doc comment".into());
            }
            if t.is('$') {
                return Err("it holds `macro_rules!` variables".into());
            }
            prev = t.end;
        }
        let mut r = Reader {
            src: self.src,
            toks,
            i: 0,
            layout: Layout {
                gaps: vec![Gap::Line(1); toks.len()],
                tags: vec![None; toks.len()],
            },
        };
        r.children(1)?;
        if r.i < toks.len() {
            return Err("a close tag closes nothing".into());
        }
        Ok(r.layout)
    }
}

#[cfg(test)]
mod tests;
