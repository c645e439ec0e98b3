//! Turns a template into markup the compiler can lint: static text copied
//! (with htm's syntax rewritten to the host's), each `${…}` replaced by a
//! placeholder that fits where it stands.
//!
//! | where the `${…}` is | placeholder | afterwards |
//! |---|---|---|
//! | child (`<P>${x}</P>`) | `{""}` | the node becomes a run-time value, judged only by components that take no children |
//! | attribute value (`a=${x}`, `a="…${x}…"`) | `"0"`, or `0` inside quotes | the value becomes a run-time value, never checked against its kind |
//! | tag name (`<${Card}>`) | the tags are left out; the children stay where they are | info note |
//! | whole attribute or spread (`${c ? 'disabled' : ''}`, `...${props}`) | nothing | info note |
//!
//! htm accepts what the host's JSX parser did not, and shows text the host
//! would have decoded; the rewrites here make the compiler see what the
//! reference renderer sent instead: `<//>` becomes the matching close tag,
//! unquoted values get quotes, `{` and `}` in text are plain characters (the
//! renderer JSON-quotes text), and `&` is a plain character (htm never
//! decodes entities; the `htm-entity` rule reports them).

use std::ops::Range;

use crate::decode::StaticText;
use crate::js::{ExprKind, Part, Style, Template};
use crate::span_map::SpanMap;

/// Where an interpolation stands in the markup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// A child of an element (or of the template).
    Child,
    /// An attribute value, whole or in part.
    AttrValue,
    /// A whole attribute, e.g. `${busy ? 'disabled' : ''}`.
    WholeAttr,
    /// An htm spread, `...${props}`.
    Spread,
    /// A tag name, `<${Card}>`.
    TagName,
}

/// One interpolation and where it went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// Where it stands.
    pub position: Position,
    /// What it holds.
    pub kind: ExprKind,
    /// Its `${…}` in the source.
    pub source: Range<usize>,
    /// Its placeholder in the generated markup (empty when skipped).
    pub generated: Range<usize>,
    /// How many elements are open around it (0: the template's top level).
    pub depth: usize,
}

/// A template rewritten for the compiler.
#[derive(Debug, Default)]
pub struct Built {
    /// The markup and its map back to the source.
    pub map: SpanMap,
    /// Every interpolation, in order.
    pub slots: Vec<Slot>,
    /// Entities written in htm text or attribute values: source range and text.
    pub entities: Vec<(Range<usize>, String)>,
    /// True unless the template starts with `<Page`: a piece of a page.
    pub fragment: bool,
    /// htm close tags whose name differs from the element they close:
    /// source range, name written, name of the element.
    pub mismatches: Vec<(Range<usize>, String, String)>,
}

/// Where the scanner is in the markup: just enough of a tokenizer to know
/// what an interpolation stands for and where htm's syntax needs rewriting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Between tags.
    Text,
    /// After `<`, reading the component name.
    TagName,
    /// Inside an open tag, between attributes.
    InTag,
    /// Reading an attribute name.
    AttrName,
    /// After an attribute name and whitespace: `=` or the next attribute.
    AfterName,
    /// After `=`, before the value.
    AfterEq,
    /// Inside a value quoted with this character.
    Quoted(char),
    /// Inside an unquoted value (htm).
    Unquoted,
    /// A `{…}` container of a plain string, with its brace depth, the quote
    /// of a JS string inside it, and whether it is an attribute value (it
    /// ends back in the tag) or a child (it ends back in text).
    Container {
        depth: u32,
        quote: Option<char>,
        in_tag: bool,
    },
    /// Inside `<!-- … -->`.
    Comment,
    /// Inside a close tag, up to its `>`.
    CloseTag,
}

/// An element open at the scanner's position.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Open {
    /// `<Name …>`: `<//>` becomes `</Name>`.
    Named(String),
    /// `<${Comp} …>`: its tags are left out.
    Dynamic,
}

struct Scanner {
    style: Style,
    map: SpanMap,
    slots: Vec<Slot>,
    entities: Vec<(Range<usize>, String)>,
    state: State,
    stack: Vec<Open>,
    /// The name of the tag being opened (empty for a dynamic one).
    name: String,
    /// Inside a tag whose name is chosen at run time: nothing is emitted.
    skipping: bool,
    /// A `<` or `</` was seen right before an interpolation.
    dynamic_open: Option<bool>,
    /// `...` was seen right before an interpolation.
    spread: bool,
    /// Inside `</${Card}>`, whose open tag was already taken off the stack.
    skip_close: bool,
    /// Where the htm close tag being read starts in the source.
    close_start: usize,
    mismatches: Vec<(Range<usize>, String, String)>,
    /// Where the `<` of the tag being opened was emitted.
    tag_start: usize,
}

/// Rewrites `template` into markup with placeholders.
pub fn build(template: &Template) -> Built {
    let mut s = Scanner {
        style: template.style,
        map: SpanMap::new(),
        slots: Vec::new(),
        entities: Vec::new(),
        state: State::Text,
        stack: Vec::new(),
        name: String::new(),
        skipping: false,
        dynamic_open: None,
        spread: false,
        skip_close: false,
        close_start: 0,
        mismatches: Vec::new(),
        tag_start: 0,
    };
    let parts = &template.parts;
    for (index, part) in parts.iter().enumerate() {
        match part {
            Part::Static(text) => {
                let before_interp = matches!(parts.get(index + 1), Some(Part::Interp(_)));
                s.scan(text, before_interp);
            }
            Part::Interp(interp) => s.interp(interp.kind, interp.span.clone()),
        }
    }
    let fragment = !starts_with_page(parts);
    Built {
        map: s.map,
        slots: s.slots,
        entities: s.entities,
        fragment,
        mismatches: s.mismatches,
    }
}

fn starts_with_page(parts: &[Part]) -> bool {
    for part in parts {
        match part {
            Part::Static(s) if s.text.trim().is_empty() => {}
            Part::Static(s) => return crate::js::starts_with_component(&s.text, &["Page"]),
            Part::Interp(_) => return false,
        }
    }
    false
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '$')
}

/// The length of an entity reference starting at `&` in `text`, if it is
/// one the host would have decoded.
fn entity_len(text: &str) -> Option<usize> {
    let body = text.get(1..)?;
    let end = body.find(';')?;
    if end == 0 || end > 10 {
        return None;
    }
    let name = &body[..end];
    let known = if let Some(num) = name.strip_prefix('#') {
        match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            None => !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()),
        }
    } else {
        uihook_compiler::entity::named_entity(name).is_some()
    };
    known.then_some(end + 2)
}

impl Scanner {
    /// Copies `text[range]`, unless inside a dynamic tag.
    fn copy(&mut self, text: &StaticText, range: Range<usize>) {
        if !self.skipping {
            text.emit(&mut self.map, range);
        }
    }

    /// Emits `with` in place of `text[range]`.
    fn replace(&mut self, text: &StaticText, range: Range<usize>, with: &str) {
        if !self.skipping {
            self.map.push_replaced(with, text.source(range));
        }
    }

    fn scan(&mut self, text: &StaticText, before_interp: bool) {
        let s = text.text.as_str();
        let htm = self.style == Style::Htm;
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let Some(c) = rest.chars().next() else { break };
            let len = c.len_utf8();
            let at_end = i + len == s.len() && before_interp;
            match self.state {
                State::Text => {
                    if rest.starts_with("<!--") {
                        self.copy(text, i..i + 4);
                        self.state = State::Comment;
                        i += 4;
                        continue;
                    }
                    if htm && rest.starts_with("<//>") {
                        match self.stack.pop() {
                            Some(Open::Named(name)) => {
                                self.replace(text, i..i + 4, &format!("</{name}>"))
                            }
                            Some(Open::Dynamic) | None => {}
                        }
                        i += 4;
                        continue;
                    }
                    if c == '<' && at_end {
                        self.dynamic_open = Some(false);
                    } else if rest.starts_with("</") && i + 2 == s.len() && before_interp {
                        self.dynamic_open = Some(true);
                        i += 2;
                        continue;
                    } else if rest.starts_with("</") {
                        if htm {
                            // htm closes the current element whatever the
                            // name says; the tag is rewritten at its `>`.
                            self.close_start = text.source(i..i).start;
                            self.name.clear();
                        } else {
                            self.copy(text, i..i + 2);
                        }
                        self.state = State::CloseTag;
                        i += 2;
                        continue;
                    } else if c == '<' {
                        self.tag_start = self.map.text().len();
                        self.copy(text, i..i + 1);
                        self.name.clear();
                        self.state = State::TagName;
                    } else if htm && (c == '{' || c == '}') {
                        // The renderer JSON-quotes text, so braces are text.
                        self.replace(text, i..i + 1, if c == '{' { "(" } else { ")" });
                    } else if htm && c == '&' {
                        if let Some(n) = entity_len(rest) {
                            self.entities
                                .push((text.source(i..i + n), rest[..n].to_owned()));
                        }
                        self.replace(text, i..i + 1, "+");
                    } else if !htm && c == '{' {
                        self.copy(text, i..i + 1);
                        self.state = State::Container {
                            depth: 1,
                            quote: None,
                            in_tag: false,
                        };
                    } else {
                        self.copy(text, i..i + len);
                    }
                }
                State::TagName => {
                    if is_name_char(c) || (c.is_whitespace() && self.name.is_empty()) {
                        if !c.is_whitespace() {
                            self.name.push(c);
                        }
                        self.copy(text, i..i + len);
                    } else {
                        self.state = State::InTag;
                        continue;
                    }
                }
                State::InTag => {
                    if c == '>' {
                        self.copy(text, i..i + 1);
                        self.open_tag();
                    } else if rest.starts_with("/>") {
                        self.copy(text, i..i + 2);
                        self.end_tag();
                        i += 2;
                        continue;
                    } else if htm && rest == "..." && before_interp {
                        self.spread = true;
                        i += 3;
                        continue;
                    } else if !htm && c == '{' {
                        self.copy(text, i..i + 1);
                        self.state = State::Container {
                            depth: 1,
                            quote: None,
                            in_tag: true,
                        };
                    } else if is_name_char(c) {
                        self.copy(text, i..i + len);
                        self.state = State::AttrName;
                    } else {
                        self.copy(text, i..i + len);
                    }
                }
                State::AttrName => {
                    if is_name_char(c) {
                        self.copy(text, i..i + len);
                    } else if c == '=' {
                        self.copy(text, i..i + 1);
                        self.state = State::AfterEq;
                    } else if c.is_whitespace() {
                        self.copy(text, i..i + len);
                        self.state = State::AfterName;
                    } else {
                        self.state = State::InTag;
                        continue;
                    }
                }
                State::AfterName => {
                    if c == '=' {
                        self.copy(text, i..i + 1);
                        self.state = State::AfterEq;
                    } else if c.is_whitespace() {
                        self.copy(text, i..i + len);
                    } else {
                        self.state = State::InTag;
                        continue;
                    }
                }
                State::AfterEq => {
                    if c.is_whitespace() {
                        self.copy(text, i..i + len);
                    } else if c == '"' || c == '\'' {
                        self.copy(text, i..i + 1);
                        self.state = State::Quoted(c);
                    } else if c == '{' && !htm {
                        self.copy(text, i..i + 1);
                        self.state = State::Container {
                            depth: 1,
                            quote: None,
                            in_tag: true,
                        };
                    } else {
                        if htm {
                            // htm takes unquoted values; the renderer quoted them.
                            self.replace(text, i..i, "\"");
                        }
                        self.state = State::Unquoted;
                        continue;
                    }
                }
                State::Quoted(q) => {
                    if c == q {
                        self.copy(text, i..i + 1);
                        self.state = State::InTag;
                    } else if htm && c == '&' {
                        if let Some(n) = entity_len(rest) {
                            self.entities
                                .push((text.source(i..i + n), rest[..n].to_owned()));
                        }
                        self.replace(text, i..i + 1, "+");
                    } else {
                        self.copy(text, i..i + len);
                    }
                }
                State::Unquoted => {
                    if c.is_whitespace() || c == '>' || rest.starts_with("/>") {
                        self.close_unquoted(text, i);
                        continue;
                    }
                    self.copy(text, i..i + len);
                }
                State::Container {
                    depth,
                    quote,
                    in_tag,
                } => {
                    self.copy(text, i..i + len);
                    let next = match (quote, c) {
                        (Some(q), '\\') => {
                            // Keep the escaped character inside the string.
                            if let Some(e) = s[i + 1..].chars().next() {
                                self.copy(text, i + 1..i + 1 + e.len_utf8());
                                i += e.len_utf8();
                            }
                            Some(q)
                        }
                        (Some(q), c) if c == q => None,
                        (Some(q), _) => Some(q),
                        (None, '"' | '\'' | '`') => Some(c),
                        (None, _) => None,
                    };
                    let depth = match (quote, c) {
                        (None, '{') => depth + 1,
                        (None, '}') => depth - 1,
                        _ => depth,
                    };
                    self.state = if depth == 0 {
                        if in_tag {
                            State::InTag
                        } else {
                            State::Text
                        }
                    } else {
                        State::Container {
                            depth,
                            quote: next,
                            in_tag,
                        }
                    };
                }
                State::Comment => {
                    if rest.starts_with("-->") {
                        self.copy(text, i..i + 3);
                        self.state = State::Text;
                        i += 3;
                        continue;
                    }
                    self.copy(text, i..i + len);
                }
                State::CloseTag if htm && !self.skip_close => {
                    if c == '>' {
                        let source = self.close_start..text.source(i..i + 1).end;
                        self.close_htm(source);
                        self.state = State::Text;
                    } else if !c.is_whitespace() {
                        self.name.push(c);
                    }
                }
                State::CloseTag => {
                    self.copy(text, i..i + len);
                    if c == '>' {
                        if std::mem::take(&mut self.skip_close) {
                            self.skipping = false;
                        } else {
                            self.stack.pop();
                        }
                        self.state = State::Text;
                    }
                }
            }
            i += len;
        }
    }

    /// `</name>` in htm: closes the current element, named or not.
    fn close_htm(&mut self, source: Range<usize>) {
        let written = std::mem::take(&mut self.name);
        match self.stack.pop() {
            Some(Open::Named(open)) => {
                let same = written == open;
                if !written.is_empty() && written != open {
                    self.mismatches
                        .push((source.clone(), written, open.clone()));
                }
                let close = format!("</{open}>");
                if same && source.len() == close.len() {
                    // Written as the compiler reads it: copied, so a fix
                    // that renames the element can edit it in the source.
                    self.map.push_exact(&close, source.start);
                } else {
                    self.map.push_replaced(&close, source);
                }
            }
            Some(Open::Dynamic) => {}
            // Nothing to close: left for the compiler to report.
            None => {
                self.map.push_replaced(&format!("</{written}>"), source);
            }
        }
    }

    fn close_unquoted(&mut self, text: &StaticText, at: usize) {
        if self.style == Style::Htm {
            self.replace(text, at..at, "\"");
        }
        self.state = State::InTag;
    }

    /// The open tag ended with `>`.
    fn open_tag(&mut self) {
        self.stack.push(if self.skipping {
            Open::Dynamic
        } else {
            Open::Named(std::mem::take(&mut self.name))
        });
        self.skipping = false;
        self.state = State::Text;
    }

    /// The open tag ended with `/>`.
    fn end_tag(&mut self) {
        self.skipping = false;
        self.name.clear();
        self.state = State::Text;
    }

    fn slot(&mut self, position: Position, kind: ExprKind, source: Range<usize>, with: &str) {
        let generated = if self.skipping {
            let at = self.map.text().len();
            at..at
        } else {
            self.map.push_replaced(with, source.clone())
        };
        self.slots.push(Slot {
            position,
            kind,
            source,
            generated,
            depth: self.stack.len(),
        });
    }

    fn interp(&mut self, kind: ExprKind, source: Range<usize>) {
        if let Some(close) = self.dynamic_open.take() {
            if close {
                // `</${Card}>`: the open tag was left out, so is this one.
                self.stack.pop();
                self.skipping = true;
                self.state = State::CloseTag;
                // The close tag's `>` ends the skipping below.
                self.skip_close = true;
                return;
            }
            self.slot(Position::TagName, kind, source, "");
            self.skipping = true;
            self.state = State::InTag;
            return;
        }
        if self.state == State::TagName && !self.skipping {
            // `<${Card}` after some name characters (`<$${Card}`): htm takes
            // the interpolated value as the tag and drops the characters.
            self.map.truncate(self.tag_start);
            self.name.clear();
            self.slot(Position::TagName, kind, source, "");
            self.skipping = true;
            self.state = State::InTag;
            return;
        }
        match self.state {
            State::Text => self.slot(Position::Child, kind, source, "{\"\"}"),
            State::InTag | State::AttrName | State::AfterName | State::TagName => {
                let position = if std::mem::take(&mut self.spread) {
                    Position::Spread
                } else {
                    Position::WholeAttr
                };
                let was = self.skipping;
                self.skipping = true;
                self.slot(position, kind, source, "");
                self.skipping = was;
                if self.state != State::TagName {
                    self.state = State::InTag;
                }
            }
            State::AfterEq if self.style == Style::Htm => {
                // htm joins `w=${n}px` into one value: the quote is closed
                // where the unquoted value ends.
                self.slot(Position::AttrValue, kind, source, "\"0");
                self.state = State::Unquoted;
            }
            State::AfterEq => {
                self.slot(Position::AttrValue, kind, source, "\"0\"");
                self.state = State::InTag;
            }
            State::Quoted(_) | State::Unquoted => {
                self.slot(Position::AttrValue, kind, source, "0");
            }
            State::Container { in_tag, .. } => {
                let position = if in_tag {
                    Position::AttrValue
                } else {
                    Position::Child
                };
                self.slot(position, kind, source, "\"\"");
            }
            State::Comment | State::CloseTag => {
                let was = self.skipping;
                self.skipping = true;
                self.slot(Position::Child, kind, source, "");
                self.skipping = was;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::js::extract;

    /// The first template of `source`, rewritten: its markup and the
    /// position of each slot.
    fn built(source: &str) -> (String, Vec<Position>) {
        let tags = ["htm".to_owned()];
        let components: Vec<&str> = uihook_compiler::schema::COMPONENTS
            .iter()
            .map(|c| c.name)
            .collect();
        let extracted = extract(source, oxc_span::SourceType::mjs(), &tags, &components);
        let template = extracted.templates.first().expect("a template");
        let b = build(template);
        (
            b.map.text().to_owned(),
            b.slots.iter().map(|s| s.position).collect(),
        )
    }

    #[test]
    fn each_position_gets_its_placeholder() {
        let (text, positions) = built("htm`<P a=${x} ${y} ...${z}>${w}</P>`");
        assert_eq!(text, "<P a=\"0\"  >{\"\"}</P>");
        assert_eq!(
            positions,
            [
                Position::AttrValue,
                Position::WholeAttr,
                Position::Spread,
                Position::Child
            ]
        );
        let (text, positions) = built("htm`<Box title=\"a ${b} c\" w=${n}px/>`");
        assert_eq!(text, "<Box title=\"a 0 c\" w=\"0px\"/>");
        assert_eq!(positions, [Position::AttrValue, Position::AttrValue]);
    }

    #[test]
    fn htm_syntax_becomes_host_syntax() {
        let (text, _) = built("htm`<Box><P>{x} &amp;</P><//></Box>`");
        assert_eq!(text, "<Box><P>(x) +amp;</P></Box></Box>");
        let (text, positions) = built("htm`<Box><${Card} a=${1}><P/><//><$${Card}/></Box>`");
        assert_eq!(text, "<Box><P/></Box>");
        assert_eq!(
            positions,
            [Position::TagName, Position::AttrValue, Position::TagName]
        );
        let (text, _) = built("htm`<Box><P>x</Box></P>`");
        assert_eq!(text, "<Box><P>x</P></Box>");
    }

    #[test]
    fn plain_strings_keep_host_syntax() {
        let (text, positions) = built("`<Box a={\"}\"} b=${x}>{\"<\"}${y}<P>&amp;</P></Box>`");
        assert_eq!(
            text,
            "<Box a={\"}\"} b=\"0\">{\"<\"}{\"\"}<P>&amp;</P></Box>"
        );
        assert_eq!(positions, [Position::AttrValue, Position::Child]);
    }
}
