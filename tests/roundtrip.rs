//! Property: any dynamic string interpolated by `uihook!`, as a child or as
//! an attribute value, comes back exactly when the output is parsed by the
//! compiler (which decodes as the host did).

use proptest::prelude::*;
use uihook::ast::{TreeNode, TreeValue};
use uihook::uihook;

/// Any string, biased towards the characters that matter to the escapers.
fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => any::<char>(),
            4 => prop::sample::select(vec![
                '&', '<', '>', '{', '}', '"', '\'', '\\', '\n', '\r', '\t', ';', '#', '/', '*',
                '\u{2028}', '\u{a0}', '\u{feff}', 'a', ' ', '$', '=', 'l', 't', 'm', 'p',
            ]),
        ],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn decode(markup: &str) -> Vec<TreeNode> {
    let parsed = uihook::parse(markup);
    assert!(
        parsed.diagnostics.is_empty(),
        "{markup:?}: {:?}",
        parsed.diagnostics
    );
    parsed.document.tree()
}

proptest! {
    #[test]
    fn child_and_attribute_strings_decode_back(s in tricky_string(), t in tricky_string()) {
        let markup = uihook! { <P>{s}</P> }.into_string();
        let expected_children = if s.is_empty() { vec![] } else { vec![TreeNode::Text(s.clone())] };
        prop_assert_eq!(
            decode(&markup),
            vec![TreeNode::Element("P".into(), vec![], expected_children)]
        );

        let markup = uihook! { <Input name="n" value={s} placeholder={&t} /> }.into_string();
        prop_assert_eq!(
            decode(&markup),
            vec![TreeNode::Element(
                "Input".into(),
                vec![
                    ("name".into(), TreeValue::Str("n".into())),
                    ("value".into(), TreeValue::Str(s.clone())),
                    ("placeholder".into(), TreeValue::Str(t.clone())),
                ],
                vec![],
            )]
        );
    }

    #[test]
    fn strings_in_loops_decode_back(items in prop::collection::vec(tricky_string(), 0..4)) {
        // Loop bodies escape text through the inlined scan
        // (`markup_text_into_hot`); a `Vec` child renders its items that way
        // too.
        let markup = uihook! {
            <UL>{items.iter().map(|s| uihook! { <LI>{s}<B>{Some(s)}</B></LI> })}</UL>
        }
        .into_string();
        let text = |s: &String| if s.is_empty() { vec![] } else { vec![TreeNode::Text(s.clone())] };
        let expected: Vec<TreeNode> = items
            .iter()
            .map(|s| {
                let mut children = text(s);
                children.push(TreeNode::Element("B".into(), vec![], text(s)));
                TreeNode::Element("LI".into(), vec![], children)
            })
            .collect();
        prop_assert_eq!(decode(&markup), vec![TreeNode::Element("UL".into(), vec![], expected)]);

        let markup = uihook! { <P>{&items}</P> }.into_string();
        let joined: String = items.concat();
        prop_assert_eq!(decode(&markup), vec![TreeNode::Element("P".into(), vec![], text(&joined))]);
    }

    #[test]
    fn mixed_static_and_dynamic_text_decodes_back(s in tricky_string()) {
        let markup = uihook! { <P>before {s} after</P> }.into_string();
        prop_assert_eq!(
            decode(&markup),
            vec![TreeNode::Element("P".into(), vec![], vec![TreeNode::Text(format!("before {s} after"))])]
        );
    }
}
