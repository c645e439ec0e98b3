//! The neutral template of `fuzz-renderer`'s line protocol, and the check
//! that rendered markup has the template's tree with every slot decoded to
//! exactly its value.
//!
//! A template is what a developer writes in source (components, attributes,
//! literal text); its slots are where user data goes. Literals never hold a
//! character that is special in any template syntax, so every renderer can
//! write them verbatim; everything hostile arrives through slots
//! (`docs/fuzz-renderer.md`).

use std::borrow::Cow;

use arbitrary::Unstructured;
use serde::{Deserialize, Serialize};
use uihook_compiler::ast::{AttrValue, Document, Literal, Node as AstNode, TreeNode, TreeValue};
use uihook_compiler::hostile;
use uihook_compiler::schema::{self, Extra, Kind};

/// A text run or attribute value: written literally, or a slot holding one
/// of the request's values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Piece {
    /// Text the developer wrote.
    Literal(String),
    /// The value at this index of the request's `values`.
    Slot(usize),
}

/// An attribute of a template element.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attr {
    /// The attribute name.
    pub name: String,
    /// Its value (always a string: see the module comment).
    pub value: Piece,
}

/// A node of a template: an element or a text run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Node {
    /// A component with attributes and children.
    Element {
        /// The component name.
        element: String,
        /// Attributes in order.
        #[serde(default)]
        attrs: Vec<Attr>,
        /// Children in order.
        #[serde(default)]
        children: Vec<Node>,
    },
    /// A text run.
    Text {
        /// Its content.
        text: Piece,
    },
}

/// One case: a template and the values of its slots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// The root element.
    pub template: Node,
    /// The slot values, by index.
    pub values: Vec<String>,
}

/// Characters a literal never holds: special in markup text, in `"…"`
/// attributes, in JS strings and template literals, or line breaks.
fn plain(c: char) -> bool {
    !matches!(
        c,
        '"' | '\'' | '<' | '>' | '&' | '{' | '}' | '\\' | '$' | '`' | '\u{2028}' | '\u{2029}'
    ) && !c.is_control()
}

fn literal(s: &str) -> Piece {
    Piece::Literal(s.chars().filter(|&c| plain(c)).collect())
}

/// Builds a case from a generated document: free-text attributes and text
/// runs become slots (each with probability one half) filled with hostile
/// values; everything else stays literal, stripped of special characters.
pub fn case_from(doc: &Document<'_, uihook_compiler::Span>, u: &mut Unstructured<'_>) -> Case {
    let mut values = Vec::new();
    let mut nodes = Vec::new();
    for node in &doc.nodes {
        if let AstNode::Element(e) = node {
            nodes.push(element(e, u, &mut values));
        }
    }
    let template = nodes.into_iter().next().unwrap_or(Node::Element {
        element: "Page".to_owned(),
        attrs: Vec::new(),
        children: Vec::new(),
    });
    Case { template, values }
}

fn slot(u: &mut Unstructured<'_>, values: &mut Vec<String>) -> Option<Piece> {
    // An exhausted input gives no more slots; the rest stays literal.
    let wanted = u.ratio(1, 2).ok()?;
    if !wanted {
        return None;
    }
    let value = hostile::value(u).ok()?;
    values.push(value);
    Some(Piece::Slot(values.len() - 1))
}

fn element(
    e: &uihook_compiler::ast::Element<'_, uihook_compiler::Span>,
    u: &mut Unstructured<'_>,
    values: &mut Vec<String>,
) -> Node {
    let component = schema::component_named(&e.name.text);
    let mut attrs = Vec::new();
    for a in &e.attrs {
        let kind = component.and_then(|c| {
            c.attrs
                .iter()
                .find(|s| s.name == a.name.text)
                .map(|s| s.kind)
                .or(match c.extra {
                    Extra::AnyName => Some(Kind::Text),
                    Extra::CssProperties => Some(Kind::Css),
                    Extra::None => None,
                })
        });
        let free_text = matches!(kind, Some(Kind::Text | Kind::Label));
        let value = match &a.value {
            AttrValue::Str { value, .. } => match free_text.then(|| slot(u, values)).flatten() {
                Some(s) => s,
                None => literal(value),
            },
            AttrValue::Flag => Piece::Literal("true".to_owned()),
            AttrValue::Literal { value, .. } => match value {
                Literal::Bool(b) => Piece::Literal(b.to_string()),
                Literal::Number(n) | Literal::Str(n) => literal(n),
                Literal::Null => continue,
            },
            // A neutral template has string values only (catalog §D.6.3: the
            // reference renderer cannot pass elements as props).
            AttrValue::Element(_) => match slot(u, values) {
                Some(s) => s,
                None => Piece::Literal("label".to_owned()),
            },
            AttrValue::Dynamic(_) | AttrValue::Invalid(_) => continue,
        };
        attrs.push(Attr {
            name: a.name.text.to_string(),
            value,
        });
    }
    let mut children = Vec::new();
    for child in &e.children {
        match child {
            AstNode::Element(c) => children.push(element(c, u, values)),
            AstNode::Text(t) => children.push(Node::Text {
                text: match slot(u, values) {
                    Some(s) => s,
                    None => literal(&t.value),
                },
            }),
            _ => {}
        }
    }
    Node::Element {
        element: e.name.text.to_string(),
        attrs,
        children,
    }
}

/// The case as a syntax tree, slots filled: what a correct renderer writes.
pub fn document(case: &Case) -> Document<'static, uihook_compiler::Span> {
    use uihook_compiler::ast::{Attribute, Close, Element, Name, StrForm, Text};
    fn name(text: &str) -> Name<'static, uihook_compiler::Span> {
        Name {
            text: Cow::Owned(text.to_owned()),
            span: 0..0,
        }
    }
    fn node(n: &Node, values: &[String]) -> AstNode<'static, uihook_compiler::Span> {
        match n {
            Node::Text { text } => AstNode::Text(Text {
                value: Cow::Owned(resolve(text, values).into_owned()),
                span: 0..0,
            }),
            Node::Element {
                element,
                attrs,
                children,
            } => AstNode::Element(Box::new(Element {
                name: name(element),
                attrs: attrs
                    .iter()
                    .map(|a| Attribute {
                        name: name(&a.name),
                        value: AttrValue::Str {
                            value: Cow::Owned(resolve(&a.value, values).into_owned()),
                            form: StrForm::Double,
                            span: 0..0,
                        },
                        span: 0..0,
                    })
                    .collect(),
                children: children.iter().map(|c| node(c, values)).collect(),
                close: Close::SelfClosing,
                span: 0..0,
            })),
        }
    }
    Document {
        doctype: None,
        nodes: vec![node(&case.template, &case.values)],
    }
}

/// Whether the case is one a renderer must render: its correct rendering
/// lints with no error. The generator's documents are valid, but taking
/// attributes away while shrinking (a required one) or stripping a literal
/// can make a template invalid; those are not the renderer's fault.
pub fn is_valid(case: &Case, settings: &uihook_compiler::Settings) -> bool {
    let Ok(markup) = uihook_compiler::render(&document(case)) else {
        return false;
    };
    !uihook_compiler::analyze(&markup, settings).has_errors()
}

/// What the check found wrong with a rendering whose markup had no lint error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// A slot's value came back altered.
    Value {
        /// The slot.
        slot: usize,
        /// Whether it was an attribute value (else text).
        attribute: bool,
        /// Where: `Page > Box > Input@label`.
        path: String,
        /// What the dashboard would show there.
        got: String,
    },
    /// The tree differs elsewhere (every slot value intact).
    Tree {
        /// Where.
        path: String,
        /// What was expected and what came.
        detail: String,
    },
}

/// A text run of the expected tree: its text and the slots in it.
struct Run {
    text: String,
    slots: Vec<usize>,
}

enum Expected {
    Element(String, Vec<(String, Piece)>, Vec<Expected>),
    Text(Run),
}

fn resolve<'v>(piece: &'v Piece, values: &'v [String]) -> Cow<'v, str> {
    match piece {
        Piece::Literal(s) => Cow::Borrowed(s),
        Piece::Slot(i) => values
            .get(*i)
            .map_or(Cow::Borrowed(""), |v| Cow::Borrowed(v)),
    }
}

/// The expected children: adjacent text merged and empty text dropped, as
/// [`Document::tree`] does.
fn expected(nodes: &[Node], values: &[String]) -> Vec<Expected> {
    let mut out: Vec<Expected> = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Node::Element {
                element,
                attrs,
                children,
            } => out.push(Expected::Element(
                element.clone(),
                attrs
                    .iter()
                    .map(|a| (a.name.clone(), a.value.clone()))
                    .collect(),
                expected(children, values),
            )),
            Node::Text { text } => {
                let s = resolve(text, values);
                if s.is_empty() {
                    continue;
                }
                let slot = match text {
                    Piece::Slot(i) => Some(*i),
                    Piece::Literal(_) => None,
                };
                if let Some(Expected::Text(run)) = out.last_mut() {
                    run.text.push_str(&s);
                    run.slots.extend(slot);
                } else {
                    out.push(Expected::Text(Run {
                        text: s.into_owned(),
                        slots: slot.into_iter().collect(),
                    }));
                }
            }
        }
    }
    out
}

fn describe(node: &TreeNode) -> String {
    match node {
        TreeNode::Element(name, ..) => format!("<{name}>"),
        TreeNode::Text(t) => format!("text {t:?}"),
        TreeNode::Literal(l) => format!("literal {{{l}}}"),
        TreeNode::Comment(c) => format!("comment {{{c}}}"),
        TreeNode::Dynamic => "a dynamic value".to_owned(),
        TreeNode::Error(e) => format!("unparsable {e:?}"),
    }
}

fn describe_expected(node: &Expected) -> String {
    match node {
        Expected::Element(name, ..) => format!("<{name}>"),
        Expected::Text(run) => format!("text {:?}", run.text),
    }
}

fn value_text(v: &TreeValue) -> Option<String> {
    match v {
        TreeValue::Flag => Some("true".to_owned()),
        TreeValue::Str(s) | TreeValue::Literal(s) => Some(s.clone()),
        _ => None,
    }
}

/// Compares the parsed markup with the case: the first difference found,
/// slot values first (a changed value usually changes the tree around it).
pub fn compare(case: &Case, actual: &[TreeNode]) -> Option<Mismatch> {
    let want = expected(std::slice::from_ref(&case.template), &case.values);
    let mut tree = None;
    let value = children(&want, actual, &case.values, "", &mut tree);
    value.or(tree)
}

/// Records the first difference that is not a changed value.
fn note(tree: &mut Option<Mismatch>, path: &str, detail: String) {
    if tree.is_none() {
        *tree = Some(Mismatch::Tree {
            path: if path.is_empty() {
                "the document".to_owned()
            } else {
                path.to_owned()
            },
            detail,
        });
    }
}

/// Walks both lists; returns the first slot value that changed, and
/// records the first other difference in `tree`.
///
/// Elements are matched in order among elements and text values are looked
/// for among the text nodes, so that a renderer which adds whitespace
/// between children (catalog §D.6.10) still has every value checked; the
/// added text itself is then a tree mismatch.
fn children(
    want: &[Expected],
    got: &[TreeNode],
    values: &[String],
    path: &str,
    tree: &mut Option<Mismatch>,
) -> Option<Mismatch> {
    let want_elements = want.iter().filter_map(|w| match w {
        Expected::Element(name, attrs, kids) => Some((name, attrs, kids)),
        Expected::Text(_) => None,
    });
    let got_elements: Vec<&TreeNode> = got
        .iter()
        .filter(|g| matches!(g, TreeNode::Element(..)))
        .collect();
    for (i, (name, attrs, kids)) in want_elements.enumerate() {
        let Some(TreeNode::Element(gname, gattrs, gkids)) = got_elements.get(i) else {
            break;
        };
        if name != gname {
            note(tree, path, format!("expected <{name}>, got <{gname}>"));
            break;
        }
        let here = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} > {name}")
        };
        if let Some(m) = attributes(attrs, gattrs, values, &here, tree) {
            return Some(m);
        }
        if let Some(m) = children(kids, gkids, values, &here, tree) {
            return Some(m);
        }
    }
    let texts: Vec<&str> = got
        .iter()
        .filter_map(|n| match n {
            TreeNode::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let runs = want.iter().filter_map(|w| match w {
        Expected::Text(run) => Some(run),
        Expected::Element(..) => None,
    });
    let exact: std::collections::HashSet<&str> = texts.iter().copied().collect();
    for (i, run) in runs.enumerate() {
        if exact.contains(run.text.as_str()) {
            continue;
        }
        for &slot in &run.slots {
            let sent = values.get(slot).map_or("", String::as_str);
            // The text node in the same place first: with a renderer that
            // keeps the structure, this is the only one looked at.
            let aligned = texts.get(i).is_some_and(|t| t.contains(sent));
            if !aligned && !texts.iter().any(|t| t.contains(sent)) {
                return Some(Mismatch::Value {
                    slot,
                    attribute: false,
                    path: format!("{path} > text"),
                    got: texts
                        .get(i)
                        .map_or_else(|| texts.concat(), |t| (*t).to_owned()),
                });
            }
        }
    }
    // Every value is intact: now the exact shape, text included.
    for i in 0..want.len().max(got.len()) {
        let (w, g) = (want.get(i), got.get(i));
        let same = match (w, g) {
            (Some(Expected::Text(run)), Some(TreeNode::Text(t))) => run.text == *t,
            (Some(Expected::Element(name, ..)), Some(TreeNode::Element(gname, ..))) => {
                name == gname
            }
            _ => false,
        };
        if !same {
            note(
                tree,
                path,
                format!(
                    "expected {}, got {}",
                    w.map_or_else(|| "nothing".to_owned(), describe_expected),
                    g.map_or_else(|| "nothing".to_owned(), describe)
                ),
            );
            break;
        }
    }
    None
}

/// Checks one element's attributes: slot values exactly, literals and
/// names and order as a tree mismatch.
fn attributes(
    attrs: &[(String, Piece)],
    gattrs: &[(String, TreeValue)],
    values: &[String],
    here: &str,
    tree: &mut Option<Mismatch>,
) -> Option<Mismatch> {
    for (aname, piece) in attrs {
        // The host kept the last of duplicate attributes.
        let found = gattrs.iter().rev().find(|(n, _)| n == aname);
        let at = format!("{here}@{aname}");
        match (piece, found) {
            (Piece::Slot(slot), found) => {
                let sent = values.get(*slot).map_or("", String::as_str);
                match found.map(|(_, v)| v) {
                    Some(TreeValue::Str(s)) if s == sent => {}
                    other => {
                        return Some(Mismatch::Value {
                            slot: *slot,
                            attribute: true,
                            path: at,
                            got: match other {
                                None => "no such attribute".to_owned(),
                                Some(TreeValue::Str(s)) => s.clone(),
                                Some(v) => format!("{v:?}"),
                            },
                        });
                    }
                }
            }
            (Piece::Literal(lit), Some((_, v))) => {
                if value_text(v).as_deref() != Some(lit.as_str()) {
                    note(tree, &at, format!("expected {lit:?}, got {v:?}"));
                }
            }
            (Piece::Literal(_), None) => note(tree, &at, "the attribute is missing".into()),
        }
    }
    let names: Vec<&str> = gattrs.iter().map(|(n, _)| n.as_str()).collect();
    let wanted: Vec<&str> = attrs.iter().map(|(n, _)| n.as_str()).collect();
    if names != wanted {
        note(
            tree,
            here,
            format!("expected attributes {wanted:?}, got {names:?}"),
        );
    }
    None
}

/// The slots a case uses, in order of first use.
pub fn used_slots(node: &Node, out: &mut Vec<usize>) {
    let mut push = |p: &Piece| {
        if let Piece::Slot(i) = p {
            if !out.contains(i) {
                out.push(*i);
            }
        }
    };
    match node {
        Node::Element {
            attrs, children, ..
        } => {
            for a in attrs {
                push(&a.value);
            }
            for c in children {
                used_slots(c, out);
            }
        }
        Node::Text { text } => push(text),
    }
}

/// The case with unused values dropped and slots renumbered in order of use.
pub fn compact(case: &Case) -> Case {
    let mut used = Vec::new();
    used_slots(&case.template, &mut used);
    fn renumber(node: &Node, used: &[usize]) -> Node {
        let piece = |p: &Piece| match p {
            Piece::Slot(i) => Piece::Slot(used.iter().position(|u| u == i).unwrap_or(0)),
            other => other.clone(),
        };
        match node {
            Node::Element {
                element,
                attrs,
                children,
            } => Node::Element {
                element: element.clone(),
                attrs: attrs
                    .iter()
                    .map(|a| Attr {
                        name: a.name.clone(),
                        value: piece(&a.value),
                    })
                    .collect(),
                children: children.iter().map(|c| renumber(c, used)).collect(),
            },
            Node::Text { text } => Node::Text { text: piece(text) },
        }
    }
    Case {
        template: renumber(&case.template, &used),
        values: used
            .iter()
            .map(|&i| case.values.get(i).cloned().unwrap_or_default())
            .collect(),
    }
}

/// How many things [`remove`] can take away: every element below the root,
/// every attribute and every text run.
pub fn removable(node: &Node) -> usize {
    match node {
        Node::Element {
            attrs, children, ..
        } => attrs.len() + children.iter().map(|c| 1 + removable(c)).sum::<usize>(),
        Node::Text { .. } => 0,
    }
}

/// The template with the `n`-th removable thing (in the order
/// [`removable`] counts them) taken away.
pub fn remove(node: &Node, mut n: usize) -> Option<Node> {
    fn go(node: &mut Node, n: &mut usize) -> bool {
        let Node::Element {
            attrs, children, ..
        } = node
        else {
            return false;
        };
        if *n < attrs.len() {
            attrs.remove(*n);
            return true;
        }
        *n -= attrs.len();
        let mut i = 0;
        while i < children.len() {
            if *n == 0 {
                children.remove(i);
                return true;
            }
            *n -= 1;
            if go(&mut children[i], n) {
                return true;
            }
            i += 1;
        }
        false
    }
    let mut out = node.clone();
    go(&mut out, &mut n).then_some(out)
}

/// How many elements there are below the root (what [`hoist`] counts).
pub fn elements(node: &Node) -> usize {
    match node {
        Node::Element { children, .. } => children
            .iter()
            .map(|c| usize::from(matches!(c, Node::Element { .. })) + elements(c))
            .sum(),
        Node::Text { .. } => 0,
    }
}

/// The template with the `n`-th element below the root (in document order)
/// replaced by its children: it shrinks a deep case that a removal cannot,
/// because the failure is inside.
pub fn hoist(node: &Node, mut n: usize) -> Option<Node> {
    fn go(node: &mut Node, n: &mut usize) -> bool {
        let Node::Element { children, .. } = node else {
            return false;
        };
        for i in 0..children.len() {
            if !matches!(children[i], Node::Element { .. }) {
                continue;
            }
            if *n == 0 {
                let Node::Element {
                    children: inner, ..
                } = children.remove(i)
                else {
                    return false;
                };
                children.splice(i..i, inner);
                return true;
            }
            *n -= 1;
            if go(&mut children[i], n) {
                return true;
            }
        }
        false
    }
    let mut out = node.clone();
    go(&mut out, &mut n).then_some(out)
}

/// The template as markup-like text for reports: slots as `{slot N}`.
pub fn sketch(node: &Node) -> String {
    fn go(node: &Node, out: &mut String) {
        match node {
            Node::Element {
                element,
                attrs,
                children,
            } => {
                out.push('<');
                out.push_str(element);
                for a in attrs {
                    out.push(' ');
                    out.push_str(&a.name);
                    match &a.value {
                        Piece::Literal(s) => out.push_str(&format!("=\"{s}\"")),
                        Piece::Slot(i) => out.push_str(&format!("={{slot {i}}}")),
                    }
                }
                if children.is_empty() {
                    out.push_str(" />");
                } else {
                    out.push('>');
                    for c in children {
                        go(c, out);
                    }
                    out.push_str(&format!("</{element}>"));
                }
            }
            Node::Text { text } => match text {
                Piece::Literal(s) => out.push_str(s),
                Piece::Slot(i) => out.push_str(&format!("{{slot {i}}}")),
            },
        }
    }
    let mut out = String::new();
    go(node, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use uihook_compiler::parse;

    fn case(json: &str) -> Case {
        serde_json::from_str(json).expect("a case")
    }

    fn input_case() -> Case {
        case(
            r#"{"template": {"element": "Page", "children": [
                {"element": "Input", "attrs": [{"name": "name", "value": {"literal": "n"}},
                                                {"name": "value", "value": {"slot": 0}}]},
                {"element": "P", "children": [{"text": {"literal": "Hi "}}, {"text": {"slot": 1}}]}
            ]}, "values": ["Tom & \"Jerry\"", "<3 {x}"]}"#,
        )
    }

    #[test]
    fn correct_markup_matches() {
        let markup = "<Page><Input name=\"n\" value=\"Tom &amp; &quot;Jerry&quot;\" /><P>Hi &lt;3 &#123;x&#125;</P></Page>";
        assert_eq!(compare(&input_case(), &parse(markup).document.tree()), None);
    }

    #[test]
    fn a_changed_attribute_value_names_its_slot() {
        // The 0.5.1 reference renderer's `&quot` (catalog §D.6.1).
        let markup = "<Page><Input name=\"n\" value=\"Tom &amp; &quotJerry&quot\" /><P>Hi &lt;3 &#123;x&#125;</P></Page>";
        let m = compare(&input_case(), &parse(markup).document.tree());
        assert_eq!(
            m,
            Some(Mismatch::Value {
                slot: 0,
                attribute: true,
                path: "Page > Input@value".into(),
                got: "Tom & &quotJerry&quot".into()
            })
        );
    }

    #[test]
    fn whitespace_between_children_is_a_tree_mismatch() {
        // The reference renderer joins children with "\n" (catalog §D.6.10).
        let markup = "<Page ><Input name={\"n\"} value={\"Tom & \\\"Jerry\\\"\"} ></Input>\n<P >{\"Hi \"}\n{\"<3 {x}\"}</P></Page>";
        let m = compare(&input_case(), &parse(markup).document.tree());
        assert!(matches!(m, Some(Mismatch::Tree { .. })), "{m:?}");
    }

    #[test]
    fn removing_and_compacting_shrink_the_template() {
        let c = input_case();
        // Input, its name and value, P, "Hi ", {slot 1}: in that order.
        assert_eq!(removable(&c.template), 6);
        let without_value = remove(&c.template, 2).expect("in range");
        assert_eq!(
            sketch(&without_value),
            "<Page><Input name=\"n\" /><P>Hi {slot 1}</P></Page>"
        );
        let without_input = remove(&c.template, 0).expect("in range");
        assert_eq!(sketch(&without_input), "<Page><P>Hi {slot 1}</P></Page>");
        assert_eq!(remove(&c.template, 6), None);
        assert_eq!(elements(&c.template), 2);
        assert_eq!(
            sketch(&hoist(&c.template, 1).expect("in range")),
            "<Page><Input name=\"n\" value={slot 0} />Hi {slot 1}</Page>"
        );
        assert_eq!(hoist(&c.template, 2), None);
        let compacted = compact(&Case {
            template: without_input,
            values: c.values.clone(),
        });
        assert_eq!(
            sketch(&compacted.template),
            "<Page><P>Hi {slot 0}</P></Page>"
        );
        assert_eq!(compacted.values, vec!["<3 {x}".to_owned()]);
    }

    #[test]
    fn literals_hold_no_special_characters() {
        assert_eq!(
            literal("a\"b<c>&{d}'$`\\\u{2028}\n"),
            Piece::Literal("abcd".into())
        );
    }
}
