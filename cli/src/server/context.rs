//! What the cursor is on in markup that is being typed: a tag name, an
//! attribute name, an attribute's value, or text.
//!
//! Completion runs on text that is usually incomplete (`<Bu`, `<Box dis`),
//! where the parser's recovered tree says little about the cursor, so this
//! is a small state machine read forward from the start of the markup (the
//! document, or the JS template around the cursor) up to the cursor, with a
//! stack of open elements for closing-tag completion. One pass, linear in
//! the text before the cursor.

/// What is at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    /// A tag name: `word` is the whole name under the cursor (`start..end`
    /// in the scanned text), `open` the innermost element still open there.
    TagName {
        /// In a closing tag `</…`.
        close: bool,
        /// The name under the cursor (may be empty).
        word: String,
        /// Where the name starts.
        start: usize,
        /// Where the name ends.
        end: usize,
        /// The innermost element open before the tag.
        open: Option<String>,
    },
    /// Between attributes, or on an attribute name (`word`, possibly empty).
    AttrName {
        /// The element's name.
        component: String,
        /// The attribute name under the cursor (may be empty).
        word: String,
        /// Where that name starts.
        start: usize,
        /// Where it ends.
        end: usize,
        /// The attributes already written in the tag.
        present: Vec<String>,
    },
    /// Inside a quoted attribute value.
    AttrValue {
        /// The element's name.
        component: String,
        /// The attribute's name.
        attr: String,
        /// Where the value starts (after the quote).
        start: usize,
    },
    /// Text, an expression, a comment or anything else.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Text,
    /// Just after `<` (or `</` with `close`).
    Lt {
        close: bool,
    },
    Name {
        close: bool,
        start: usize,
    },
    /// Inside a tag, between attributes.
    Tag,
    Attr {
        start: usize,
    },
    /// After `=`.
    Eq,
    Value {
        quote: u8,
        start: usize,
    },
    /// Inside `{…}` or `${…}` (`depth` braces deep), returning to `Text` or
    /// `Tag`; `quote` is an open JS string inside.
    Brace {
        depth: usize,
        quote: Option<u8>,
        in_tag: bool,
    },
    /// `<!-- … -->`.
    HtmlComment,
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':' | b'$')
}

/// The tag being read, and the elements open around it.
#[derive(Default)]
struct Tags<'t> {
    stack: Vec<&'t str>,
    name: &'t str,
    close: bool,
    self_closing: bool,
    present: Vec<&'t str>,
    attr: &'t str,
    /// Where the last `<` was.
    tag_start: usize,
}

impl<'t> Tags<'t> {
    fn start(&mut self, name: &'t str, close: bool) {
        self.name = name;
        self.close = close;
        self.self_closing = false;
        self.present.clear();
    }

    /// One byte inside a tag, between attributes.
    fn byte(&mut self, b: u8, i: usize) -> State {
        match b {
            b'>' => {
                if self.close {
                    if let Some(pos) = self.stack.iter().rposition(|open| *open == self.name) {
                        self.stack.truncate(pos);
                    }
                } else if !self.self_closing {
                    self.stack.push(self.name);
                }
                State::Text
            }
            b'/' => {
                self.self_closing = true;
                State::Tag
            }
            b'{' => State::Brace {
                depth: 1,
                quote: None,
                in_tag: true,
            },
            b if is_name_byte(b) => {
                self.self_closing = false;
                State::Attr { start: i }
            }
            _ => State::Tag,
        }
    }
}

/// One byte inside `{…}`.
fn brace_byte(b: u8, depth: usize, quote: Option<u8>, in_tag: bool) -> State {
    if let Some(q) = quote {
        let quote = (b != q).then_some(q);
        return State::Brace {
            depth,
            quote,
            in_tag,
        };
    }
    match b {
        b'"' | b'\'' | b'`' => State::Brace {
            depth,
            quote: Some(b),
            in_tag,
        },
        b'{' => State::Brace {
            depth: depth + 1,
            quote: None,
            in_tag,
        },
        b'}' if depth == 1 && in_tag => State::Tag,
        b'}' if depth == 1 => State::Text,
        b'}' => State::Brace {
            depth: depth - 1,
            quote: None,
            in_tag,
        },
        _ => State::Brace {
            depth,
            quote: None,
            in_tag,
        },
    }
}

/// Reads `text` up to `at` (a byte offset into `text`). With `escapes`
/// (markup inside a JS string or template), a backslash takes the next
/// byte literally, except that `\"` and `\'` still act as quotes, as they
/// do in the markup the string holds.
pub fn at(text: &str, at: usize, escapes: bool) -> Context {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let (state, tags) = scan(text, at, escapes);
    let word_end = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|&&b| is_name_byte(b))
            .count()
    };
    let open = tags.stack.last().map(|s| (*s).to_owned());
    let present = || tags.present.iter().map(|s| (*s).to_owned()).collect();
    match state {
        State::Lt { close } => Context::TagName {
            close,
            word: text[at..word_end(at)].to_owned(),
            start: at,
            end: word_end(at),
            open,
        },
        State::Name { close, start } => Context::TagName {
            close,
            word: text[start..word_end(at)].to_owned(),
            start,
            end: word_end(at),
            open,
        },
        State::Tag | State::Attr { .. } if tags.close => Context::Other,
        State::Tag => Context::AttrName {
            component: tags.name.to_owned(),
            word: text[at..word_end(at)].to_owned(),
            start: at,
            end: word_end(at),
            present: present(),
        },
        State::Attr { start } => Context::AttrName {
            component: tags.name.to_owned(),
            word: text[start..word_end(at)].to_owned(),
            start,
            end: word_end(at),
            present: present(),
        },
        State::Value { start, .. } if !tags.close => Context::AttrValue {
            component: tags.name.to_owned(),
            attr: tags.attr.to_owned(),
            start,
        },
        _ => Context::Other,
    }
}

/// The state machine, resumable: [`Scanner::advance`] reads on from where
/// it stopped, so several offsets in order cost one pass.
struct Scanner<'t> {
    text: &'t str,
    escapes: bool,
    state: State,
    tags: Tags<'t>,
    i: usize,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str, escapes: bool) -> Scanner<'t> {
        Scanner {
            text,
            escapes,
            state: State::Text,
            tags: Tags::default(),
            i: 0,
        }
    }

    /// Reads on up to `at` (no further than the text).
    fn advance(&mut self, at: usize) {
        let (text, escapes) = (self.text, self.escapes);
        let bytes = text.as_bytes();
        let at = at.min(bytes.len());
        let (mut state, mut i) = (self.state, self.i);
        let tags = &mut self.tags;
        while i < at {
            let mut b = bytes[i];
            if escapes && b == b'\\' && i + 1 < at {
                i += 1;
                b = bytes[i];
                if !matches!(b, b'"' | b'\'') {
                    i += 1;
                    continue;
                }
            }
            state = match state {
                State::Text => match b {
                    b'<' if bytes[i..].starts_with(b"<!--") => {
                        i += 3;
                        State::HtmlComment
                    }
                    b'<' => {
                        tags.tag_start = i;
                        State::Lt { close: false }
                    }
                    b'{' => State::Brace {
                        depth: 1,
                        quote: None,
                        in_tag: false,
                    },
                    _ => State::Text,
                },
                State::HtmlComment if bytes[i..].starts_with(b"-->") => {
                    i += 2;
                    State::Text
                }
                State::HtmlComment => State::HtmlComment,
                State::Lt { close: false } if b == b'/' => State::Lt { close: true },
                State::Lt { close } if is_name_byte(b) => State::Name { close, start: i },
                State::Lt { .. } => State::Text,
                State::Name { .. } if is_name_byte(b) => state,
                State::Name { close, start } => {
                    tags.start(&text[start..i], close);
                    if b.is_ascii_whitespace() {
                        State::Tag
                    } else {
                        tags.byte(b, i)
                    }
                }
                State::Tag => tags.byte(b, i),
                State::Attr { .. } if is_name_byte(b) => state,
                State::Attr { start } => {
                    tags.attr = &text[start..i];
                    tags.present.push(tags.attr);
                    if b == b'=' {
                        State::Eq
                    } else {
                        tags.byte(b, i)
                    }
                }
                State::Eq => match b {
                    b'"' | b'\'' => State::Value {
                        quote: b,
                        start: i + 1,
                    },
                    b if b.is_ascii_whitespace() => State::Eq,
                    _ => tags.byte(b, i),
                },
                State::Value { quote, .. } if b == quote => State::Tag,
                State::Value { .. } => state,
                State::Brace {
                    depth,
                    quote,
                    in_tag,
                } => brace_byte(b, depth, quote, in_tag),
            };
            i += 1;
        }
        self.state = state;
        self.i = i;
    }
}

/// Runs the state machine over `text[..at]`.
fn scan(text: &str, at: usize, escapes: bool) -> (State, Tags<'_>) {
    let mut scanner = Scanner::new(text, escapes);
    scanner.advance(at);
    (scanner.state, scanner.tags)
}

/// Where a comment container may go at each of `offsets` in markup:
/// `Some(Ok(()))` between elements (in text), `Some(Err(start))` inside
/// the tag that starts at `start`, `None` anywhere else (inside `{…}` or a
/// comment). One pass over the text for all offsets.
pub fn placements(text: &str, offsets: &[usize]) -> Vec<Option<Result<(), usize>>> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![None; offsets.len()];
    let mut scanner = Scanner::new(text, false);
    for i in order {
        scanner.advance(offsets[i]);
        out[i] = match scanner.state {
            State::Text => Some(Ok(())),
            State::Brace { .. } | State::HtmlComment => None,
            _ => Some(Err(scanner.tags.tag_start)),
        };
    }
    out
}

/// The markup around `offset` in a document: the whole text of a markup
/// document (`templates` is `None`), or the inside of the JS template that
/// holds `offset`. Gives where that markup starts and its text.
pub fn region<'t>(
    text: &'t str,
    templates: Option<&[std::ops::Range<usize>]>,
    offset: usize,
) -> Option<(usize, &'t str)> {
    let Some(templates) = templates else {
        return Some((0, text));
    };
    let i = templates.partition_point(|t| t.start <= offset);
    let span = templates.get(i.checked_sub(1)?)?;
    let whole = text.get(span.clone())?;
    let open = whole.find(['`', '"', '\''])?;
    let start = span.start + open + 1;
    let end = span.end.saturating_sub(1).max(start);
    (start <= offset && offset <= end).then(|| Some((start, text.get(start..end)?)))?
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The context at the `|` in `marked`.
    fn ctx(marked: &str) -> Context {
        let at = marked.find('|').unwrap_or(marked.len());
        let text = marked.replacen('|', "", 1);
        super::at(&text, at, false)
    }

    #[test]
    fn tag_names_open_and_close() {
        assert!(
            matches!(ctx("<Page><Bu|"), Context::TagName { close: false, word, open: Some(o), .. } if word == "Bu" && o == "Page")
        );
        assert!(
            matches!(ctx("<Page><B|utton"), Context::TagName { word, start: 7, .. } if word == "Button")
        );
        assert!(matches!(ctx("<Page><|"), Context::TagName { word, .. } if word.is_empty()));
        assert!(matches!(
            ctx("<Page><Box><Input/><P>x</P></|"),
            Context::TagName { close: true, open: Some(o), .. } if o == "Box"
        ));
    }

    #[test]
    fn attributes_and_values() {
        match ctx("<Page><Box display=\"flex\" |") {
            Context::AttrName {
                component,
                word,
                present,
                ..
            } => {
                assert_eq!((component.as_str(), word.as_str()), ("Box", ""));
                assert_eq!(present, ["display"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(ctx("<Notice ty|pe=\"error\">"), Context::AttrName { word, .. } if word == "type")
        );
        assert!(matches!(
            ctx("<Notice type=\"er|"),
            Context::AttrValue { component, attr, start: 14 } if component == "Notice" && attr == "type"
        ));
        assert!(matches!(
            ctx("<Button\n  action='go'\n  type='|"),
            Context::AttrValue { attr, .. } if attr == "type"
        ));
    }

    #[test]
    fn text_braces_and_comments_are_other() {
        assert_eq!(ctx("<Page>hello |"), Context::Other);
        assert_eq!(ctx("<Page>{\"<Box\" |"), Context::Other);
        assert_eq!(ctx("<Page><!-- <Box |"), Context::Other);
        assert!(matches!(
            ctx("<Page>{/* <Box */}<|"),
            Context::TagName { close: false, start: 19, open: Some(o), .. } if o == "Page"
        ));
        assert_eq!(ctx("<Page></Page |"), Context::Other);
        // An attribute value in braces, with a `}` inside a JS string.
        assert!(matches!(
            ctx("<Box style={{a: \"}\"}} |"),
            Context::AttrName { .. }
        ));
    }

    #[test]
    fn escaped_quotes_in_js_strings_still_delimit_values() {
        let text = "<Notice type=\\\"err";
        assert!(
            matches!(at(text, text.len(), true), Context::AttrValue { attr, .. } if attr == "type")
        );
        let text = "<Notice type=\\\"error\\\" ";
        assert!(matches!(
            at(text, text.len(), true),
            Context::AttrName { .. }
        ));
    }
}
