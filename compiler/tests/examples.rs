//! The bundled examples: each `examples/invalid/<code>.uihook` shows its rule
//! and the rendered report is snapshotted, so messages are part of the API;
//! every `examples/valid/*.uihook` is clean, and together they use every
//! component of the schema.

use std::collections::BTreeSet;
use std::path::Path;

use uihook_compiler::ast::{AttrValue, Element, Expr, ExprValue};
use uihook_compiler::report::render_report;
use uihook_compiler::rules::Origin;
use uihook_compiler::{check, parse, Node, Options, RuleId, Span};

fn examples() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples"))
}

#[test]
fn every_code_has_an_invalid_example() {
    for code in RuleId::ALL.iter().filter(|c| c.origin() == Origin::Markup) {
        let path = examples()
            .join("invalid")
            .join(format!("{}.uihook", code.as_str()));
        assert!(path.exists(), "missing {}", path.display());
    }
}

#[test]
fn invalid_examples_report_their_code() {
    insta::glob!("../../examples/invalid", "*.uihook", |path| {
        let src = std::fs::read_to_string(path).expect("readable example");
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name");
        let code = RuleId::from_name(stem).unwrap_or_else(|| panic!("{stem} is not a code"));
        let diagnostics = check(&src, &Options::default());
        assert!(
            diagnostics.iter().any(|d| d.code == code),
            "{stem}: got {:?}",
            diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
        );
        let name = format!("examples/invalid/{stem}.uihook");
        insta::assert_snapshot!(render_report(&diagnostics, &name, &src, false, 100));
    });
}

#[test]
fn valid_examples_are_clean() {
    let dir = examples().join("valid");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("examples/valid") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "uihook") {
            let src = std::fs::read_to_string(&path).expect("readable");
            let diagnostics = check(&src, &Options::default());
            assert!(
                diagnostics.is_empty(),
                "{}: {diagnostics:#?}",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "no valid examples found");
}

/// Adds the name of every element in `nodes` to `names`: children, `{<X/>}`
/// containers and element-valued attributes (`label={<Box/>}`) alike, since
/// a component used only as a prop value is still exercised by the example.
fn collect_names(nodes: &[Node<'_, Span>], names: &mut BTreeSet<String>) {
    for node in nodes {
        match node {
            Node::Element(element)
            | Node::Expr(Expr {
                value: ExprValue::Element(element),
                ..
            }) => collect_element(element, names),
            Node::Text(_)
            | Node::Expr(_)
            | Node::Comment(_)
            | Node::Dynamic(_)
            | Node::Error(_) => {}
        }
    }
}

fn collect_element(element: &Element<'_, Span>, names: &mut BTreeSet<String>) {
    names.insert(element.name.text.to_string());
    for attr in &element.attrs {
        if let AttrValue::Element(value) = &attr.value {
            collect_element(value, names);
        }
    }
    collect_names(&element.children, names);
}

/// The element names used by the valid examples, read by the compiler's
/// parser (a text search would take `<Page` for `<P`, `<Box` for `<B`).
fn names_in_valid_examples() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(examples().join("valid")).expect("examples/valid") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "uihook") {
            continue;
        }
        let src = std::fs::read_to_string(&path).expect("readable example");
        let parsed = parse(&src);
        assert!(
            !parsed.has_errors(),
            "{}: {:#?}",
            path.display(),
            parsed.diagnostics
        );
        collect_names(&parsed.document.nodes, &mut names);
        files += 1;
    }
    assert!(files > 0, "no valid examples found");
    names
}

#[test]
fn valid_examples_use_every_component() {
    let used = names_in_valid_examples();
    let schema: BTreeSet<String> = uihook_compiler::schema::COMPONENTS
        .iter()
        .map(|c| c.name.to_owned())
        .collect();
    let missing: Vec<&String> = schema.difference(&used).collect();
    let unknown: Vec<&String> = used.difference(&schema).collect();
    assert!(missing.is_empty(), "no valid example uses {missing:?}");
    assert!(unknown.is_empty(), "not in the schema: {unknown:?}");
}

#[test]
fn names_are_collected_exactly() {
    // The check above is only as good as the walk: `<Page>` must not count
    // as `P`, and an element inside an attribute value must count.
    let parsed = parse(
        r#"<Page><Button action="a">x</Button><Input name="n" label={<Box/>}/>{<BR/>}</Page>"#,
    );
    assert!(!parsed.has_errors(), "{:#?}", parsed.diagnostics);
    let mut names = BTreeSet::new();
    collect_names(&parsed.document.nodes, &mut names);
    let expected: BTreeSet<String> = ["Page", "Button", "Input", "Box", "BR"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(names, expected);
}
