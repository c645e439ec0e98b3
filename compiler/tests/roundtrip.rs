//! Properties of the parser, escaper and renderer over generated input.

use std::borrow::Cow;

use proptest::prelude::*;
use uihook_compiler::ast::*;
use uihook_compiler::escape::{js_string_into, markup_attr, markup_text};
use uihook_compiler::{parse, render};

/// Any string, biased towards the characters that matter to the escapers.
fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => any::<char>(),
            4 => prop::sample::select(vec![
                '&', '<', '>', '{', '}', '"', '\'', '\\', '\n', '\r', '\t', ';', '#', '/', '*', '!', '-',
                '\u{2028}', '\u{2029}', '\u{a0}', '\u{feff}', 'a', ' ', '$', '`', '=',
            ]),
            1 => prop::sample::select(vec!['q', 'u', 'o', 't', 'a', 'm', 'p', 'x', '1', '2', '3']),
        ],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(
            uihook_compiler::schema::COMPONENTS.iter().map(|c| c.name.to_owned()).collect::<Vec<_>>()
        ),
        1 => "[A-Za-z_$][A-Za-z0-9_$-]{0,8}[A-Za-z0-9]",
    ]
}

fn literal() -> impl Strategy<Value = Literal<'static>> {
    prop_oneof![
        "-?[0-9]{1,6}(\\.[0-9]{1,3})?".prop_map(|n| Literal::Number(Cow::Owned(n))),
        any::<bool>().prop_map(Literal::Bool),
        Just(Literal::Null),
    ]
}

fn attr_value() -> impl Strategy<Value = AttrValue<'static, Span>> {
    prop_oneof![
        Just(AttrValue::Flag),
        (
            tricky_string(),
            prop::sample::select(vec![StrForm::Double, StrForm::Single, StrForm::Js])
        )
            .prop_map(|(s, form)| AttrValue::Str {
                value: Cow::Owned(s),
                form,
                span: 0..0
            }),
        literal().prop_map(|value| AttrValue::Literal { value, span: 0..0 }),
    ]
}

fn element_with(
    children: impl Strategy<Value = Vec<Node<'static, Span>>>,
) -> impl Strategy<Value = Element<'static, Span>> {
    (
        name(),
        prop::collection::vec((name(), attr_value()), 0..4),
        children,
    )
        .prop_map(|(name, attrs, children)| Element {
            name: Name {
                text: Cow::Owned(name),
                span: 0..0,
            },
            attrs: attrs
                .into_iter()
                .map(|(n, value)| Attribute {
                    span: 0..0,
                    name: Name {
                        text: Cow::Owned(n),
                        span: 0..0,
                    },
                    value,
                })
                .collect(),
            children,
            close: Close::SelfClosing,
            span: 0..0,
        })
}

fn leaf() -> impl Strategy<Value = Node<'static, Span>> {
    prop_oneof![
        tricky_string().prop_map(|s| Node::Text(Text {
            value: Cow::Owned(s),
            span: 0..0
        })),
        tricky_string().prop_map(|s| Node::Expr(Expr {
            value: ExprValue::Literal(Literal::Str(Cow::Owned(s))),
            span: 0..0
        })),
        literal().prop_map(|l| Node::Expr(Expr {
            value: ExprValue::Literal(l),
            span: 0..0
        })),
        "[a-z /.-]{0,20}".prop_map(|c| Node::Comment(Raw {
            text: Cow::Owned(format!("/*{c}*/")),
            span: 0..0
        })),
    ]
}

fn nodes() -> impl Strategy<Value = Vec<Node<'static, Span>>> {
    let node = leaf().prop_recursive(4, 48, 5, |inner| {
        prop_oneof![
            2 => element_with(prop::collection::vec(inner.clone(), 0..5)).prop_map(|e| Node::Element(Box::new(e))),
            1 => (element_with(prop::collection::vec(inner, 0..3)), name(), element_with(Just(Vec::new()))).prop_map(
                |(mut e, label, value)| {
                    e.attrs.push(Attribute {
                        span: 0..0,
                        name: Name { text: Cow::Owned(label), span: 0..0 },
                        value: AttrValue::Element(Box::new(value)),
                    });
                    Node::Element(Box::new(e))
                }
            ),
        ]
    });
    prop::collection::vec(node, 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_and_spans_are_in_bounds(src in "(<|>|/|=|\\{|\\}|\"|'|&|;|#|!|-|\\*|[A-Za-z]{1,6}| |\n|\u{2028}|é)*") {
        let parsed = parse(&src);
        for d in &parsed.diagnostics {
            for l in &d.labels {
                prop_assert!(l.span.start <= l.span.end && l.span.end <= src.len());
                prop_assert!(src.is_char_boundary(l.span.start) && src.is_char_boundary(l.span.end));
            }
        }
    }

    #[test]
    fn render_then_parse_gives_the_same_tree(nodes in nodes()) {
        let doc = Document { doctype: None, nodes };
        let text = render(&doc).expect("generated names are valid");
        let parsed = parse(&text);
        prop_assert!(parsed.diagnostics.iter().all(|d| d.severity != uihook_compiler::Severity::Error),
            "{text:?}: {:?}", parsed.diagnostics);
        prop_assert_eq!(parsed.document.tree(), doc.tree(), "{:?}", text);
        let again = render(&parsed.document).expect("renderable");
        prop_assert_eq!(again, text);
    }

    #[test]
    fn text_escaping_round_trips(s in tricky_string()) {
        let src = format!("<P>{}</P>", markup_text(&s));
        let parsed = parse(&src);
        prop_assert!(parsed.diagnostics.is_empty(), "{src:?}: {:?}", parsed.diagnostics);
        let expected = if s.is_empty() { vec![] } else { vec![TreeNode::Text(s.clone())] };
        prop_assert_eq!(parsed.document.tree(), vec![TreeNode::Element("P".into(), vec![], expected)]);
    }

    #[test]
    fn attribute_escaping_round_trips(s in tricky_string()) {
        let src = format!("<P a=\"{}\" />", markup_attr(&s));
        let parsed = parse(&src);
        prop_assert!(parsed.diagnostics.is_empty(), "{src:?}: {:?}", parsed.diagnostics);
        let Node::Element(e) = &parsed.document.nodes[0] else { panic!("element") };
        prop_assert_eq!(e.attrs[0].value.as_str(), Some(s.as_str()));
    }

    #[test]
    fn js_string_escaping_round_trips(s in tricky_string()) {
        let mut inner = String::new();
        js_string_into(&s, &mut inner);
        let src = format!("<P a={{\"{inner}\"}}>{{\"{inner}\"}}</P>");
        let parsed = parse(&src);
        prop_assert!(parsed.diagnostics.is_empty(), "{src:?}: {:?}", parsed.diagnostics);
        let Node::Element(e) = &parsed.document.nodes[0] else { panic!("element") };
        prop_assert_eq!(e.attrs[0].value.as_str(), Some(s.as_str()));
        let expected = if s.is_empty() { vec![] } else { vec![TreeNode::Text(s.clone())] };
        prop_assert_eq!(&parsed.document.tree()[0], &TreeNode::Element("P".into(), vec![("a".into(), TreeValue::Str(s.clone()))], expected));
    }
}
