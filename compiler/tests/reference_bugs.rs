//! One regression test per bug of the reference renderer (catalog §D.6):
//! none of them may happen in uihook's escaper, renderer or parser.

use std::borrow::Cow;

use uihook_compiler::ast::*;
use uihook_compiler::escape::{js_string_into, markup_attr, markup_text};
use uihook_compiler::render::RenderError;
use uihook_compiler::{check, parse, render, Options, RuleId};

fn attr_value(src: &str) -> String {
    let parsed = parse(src);
    assert!(
        parsed.diagnostics.is_empty(),
        "{src}: {:?}",
        parsed.diagnostics
    );
    match &parsed.document.nodes[0] {
        Node::Element(e) => e.attrs[0].value.as_str().expect("a string").to_owned(),
        other => panic!("{other:?}"),
    }
}

fn text_of(src: &str) -> Vec<TreeNode> {
    let parsed = parse(src);
    assert!(
        parsed.diagnostics.is_empty(),
        "{src}: {:?}",
        parsed.diagnostics
    );
    parsed.document.tree()
}

fn codes(src: &str) -> Vec<RuleId> {
    check(
        src,
        &Options {
            fragment: true,
            ..Options::default()
        },
    )
    .iter()
    .map(|d| d.code)
    .collect()
}

fn el(
    name: &str,
    attrs: Vec<Attribute<'static, Span>>,
    children: Vec<Node<'static, Span>>,
) -> Element<'static, Span> {
    Element {
        name: Name {
            text: Cow::Owned(name.to_owned()),
            span: 0..0,
        },
        attrs,
        children,
        close: Close::SelfClosing,
        span: 0..0,
    }
}

/// #1: `"` became `&quot` without `;`, shown literally.
#[test]
fn bug01_quote_entity_has_its_semicolon() {
    let value = "say \"hi\";";
    let escaped = markup_attr(value);
    assert_eq!(escaped, "say &quot;hi&quot;;");
    assert_eq!(attr_value(&format!("<Input value=\"{escaped}\" />")), value);
    // Markup that already carries the bug is reported.
    assert_eq!(
        codes("<Input value=\"say &quothi&quot\" />"),
        vec![RuleId::SuspiciousEntity, RuleId::SuspiciousEntity]
    );
}

/// #2: `'` was "escaped" to itself.
#[test]
fn bug02_single_quotes_survive_in_double_quoted_values() {
    let value = "it's 'quoted'";
    assert_eq!(
        attr_value(&format!("<Input value=\"{}\" />", markup_attr(value))),
        value
    );
}

/// #3: every prop was stringified (`null` → "null", elements → "[object Object]").
#[test]
fn bug03_literals_and_elements_stay_typed_in_attributes() {
    let input = el(
        "Input",
        vec![
            Attribute {
                span: 0..0,
                name: Name {
                    text: "disabled".into(),
                    span: 0..0,
                },
                value: AttrValue::Literal {
                    value: Literal::Bool(false),
                    span: 0..0,
                },
            },
            Attribute {
                span: 0..0,
                name: Name {
                    text: "value".into(),
                    span: 0..0,
                },
                value: AttrValue::Literal {
                    value: Literal::Null,
                    span: 0..0,
                },
            },
            Attribute {
                span: 0..0,
                name: Name {
                    text: "label".into(),
                    span: 0..0,
                },
                value: AttrValue::Element(Box::new(el("B", vec![], vec![]))),
            },
        ],
        vec![],
    );
    let out = render(&Document {
        doctype: None,
        nodes: vec![Node::Element(Box::new(input))],
    })
    .expect("renders");
    assert_eq!(out, "<Input disabled={false} value={null} label={<B />} />");
    assert!(
        !out.contains("[object Object]") && !out.contains("\"null\"") && !out.contains("\"false\"")
    );
}

/// #4: `null`/`undefined`/`false` children were printed as words.
#[test]
fn bug04_null_and_false_children_print_nothing_visible() {
    let nodes = vec![
        Node::Expr(Expr {
            value: ExprValue::Literal(Literal::Null),
            span: 0..0,
        }),
        Node::Expr(Expr {
            value: ExprValue::Literal(Literal::Bool(false)),
            span: 0..0,
        }),
    ];
    let out = render(&Document {
        doctype: None,
        nodes: vec![Node::Element(Box::new(el("P", vec![], nodes)))],
    })
    .expect("renders");
    assert_eq!(out, "<P>{null}{false}</P>");
    // The host evaluated these containers to nothing: no text node results.
    assert!(text_of(&out).iter().all(|n| !matches!(n, TreeNode::Element(_, _, c) if c.iter().any(|c| matches!(c, TreeNode::Text(_))))));
}

/// #5: raw U+2028/U+2029 inside `{"…"}` broke the page.
#[test]
fn bug05_line_separators_are_escaped_in_js_strings_and_reported_raw() {
    let mut inner = String::new();
    js_string_into("a\u{2028}b\u{2029}c", &mut inner);
    assert_eq!(inner, "a\\u2028b\\u2029c");
    assert_eq!(
        text_of(&format!("<P>{{\"{inner}\"}}</P>")),
        text_of("<P>a\u{2028}b\u{2029}c</P>")
    );
    assert_eq!(
        codes("<P>{\"a\u{2028}b\"}</P>"),
        vec![RuleId::LineSeparatorInString]
    );
    // In JSX text the characters were harmless and need no escaping.
    assert_eq!(markup_text("a\u{2028}b"), "a\u{2028}b");
}

/// #6: prop names from a spread could inject attributes.
#[test]
fn bug06_attribute_names_cannot_inject() {
    let bad = el(
        "P",
        vec![Attribute {
            span: 0..0,
            name: Name {
                text: "x onClick={1} y".into(),
                span: 0..0,
            },
            value: AttrValue::Flag,
        }],
        vec![],
    );
    assert_eq!(
        render(&Document {
            doctype: None,
            nodes: vec![Node::Element(Box::new(bad))]
        }),
        Err(RenderError::InvalidName("x onClick={1} y".to_owned()))
    );
    assert_eq!(codes("<P {...props} />"), vec![RuleId::SpreadAttribute]);
}

/// #7: a dynamic tag name was emitted verbatim, attributes and all.
#[test]
fn bug07_tag_names_cannot_inject() {
    let bad = el("P data-x=\"1\"", vec![], vec![]);
    assert!(matches!(
        render(&Document {
            doctype: None,
            nodes: vec![Node::Element(Box::new(bad))]
        }),
        Err(RenderError::InvalidName(_))
    ));
}

/// #8: `<!-- -->` became an element named `!--` and blanked the page.
#[test]
fn bug08_html_comments_are_diagnosed_with_the_jsx_alternative() {
    let d = check("<Page><!-- note --><P>x</P></Page>", &Options::default());
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        vec![RuleId::HtmlComment]
    );
    assert!(d[0]
        .help
        .as_deref()
        .is_some_and(|h| h.contains("{/* … */}")));
}

/// #9: entities in htm text were shown literally.
#[test]
fn bug09_entities_decode_and_literal_ampersands_survive() {
    assert_eq!(text_of("<P>AT&amp;T</P>"), text_of("<P>{\"AT&T\"}</P>"));
    let literal = "shown as &amp; exactly";
    assert_eq!(
        text_of(&format!("<P>{}</P>", markup_text(literal))),
        vec![TreeNode::Element(
            "P".into(),
            vec![],
            vec![TreeNode::Text(literal.into())]
        )]
    );
}

/// #10: children were joined with "\n", adding visible spaces.
#[test]
fn bug10_renderer_adds_no_whitespace() {
    let src = "<P>Hello <B>you</B>!</P>";
    assert_eq!(render(&parse(src).document).expect("renders"), src);
}

/// #11: more than one top-level node was sent as "[object Object],…".
#[test]
fn bug11_every_top_level_node_is_rendered() {
    let src = "<P>a</P>text<P>b</P>";
    assert_eq!(render(&parse(src).document).expect("renders"), src);
    // The validator says why one `Page` root is better, without losing anything.
    assert_eq!(
        check(src, &Options::default())
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>(),
        vec![RuleId::PageNotRoot]
    );
}

/// #12: lower-case tags were not mapped to components.
#[test]
fn bug12_lower_case_tags_get_the_component_name() {
    let d = check("<page><p>x</p></page>", &Options::default());
    let helps: Vec<_> = d.iter().filter_map(|d| d.help.as_deref()).collect();
    assert!(helps.iter().any(|h| h.contains("`Page`")), "{helps:?}");
    assert!(helps.iter().any(|h| h.contains("`P`")), "{helps:?}");
}

/// #13: `\r` was not a split point; a CRLF must survive exactly.
#[test]
fn bug13_carriage_returns_survive() {
    let s = "line one\r\nline two\rthree";
    assert_eq!(
        text_of(&format!("<P>{}</P>", markup_text(s))),
        vec![TreeNode::Element(
            "P".into(),
            vec![],
            vec![TreeNode::Text(s.into())]
        )]
    );
    assert_eq!(
        attr_value(&format!("<Input value=\"{}\" />", markup_attr(s))),
        s
    );
}

/// #14: lone surrogates (`\udXXX`) must not crash anything.
#[test]
fn bug14_lone_surrogates_are_reported_not_fatal() {
    let parsed = parse("<P>{\"a\\uD800b\"}</P>");
    assert_eq!(
        parsed
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>(),
        vec![RuleId::LoneSurrogate]
    );
    assert_eq!(
        parsed.document.tree(),
        vec![TreeNode::Element(
            "P".into(),
            vec![],
            vec![TreeNode::Text("a\u{FFFD}b".into())]
        )]
    );
}
