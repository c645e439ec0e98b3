//! `diagnose` validates each element as the parser places it and keeps no
//! tree; `analyze` validates the finished tree. They must agree exactly, in
//! content and order, on clean documents and on every kind of broken one.

use std::path::Path;

use uihook_compiler::fuzzing::{mutate, Rng};
use uihook_compiler::{analyze, diagnose, Options, RuleId, Settings};

fn markup_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in [
        "examples/valid",
        "examples/invalid",
        "fuzz/corpus/parse",
        "fuzz/corpus/roundtrip",
    ] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .flatten()
            .map(|e| e.path())
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(bytes) = std::fs::read(&path) {
                out.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    out
}

fn assert_same(src: &str, settings: &Settings) {
    let walked = analyze(src, settings).diagnostics;
    let streamed = diagnose(src, settings);
    assert_eq!(streamed, walked, "on {src:?}");
}

#[test]
fn agrees_with_analyze_on_real_and_mutated_markup() {
    let files = markup_files();
    assert!(files.len() > 100, "examples and corpora are read");
    let settings = [
        Settings::default(),
        Settings::with_options(Options {
            fragment: true,
            extra_components: vec!["Chart".into()],
            extra_attributes: vec![("Box".into(), "dataId".into())],
        }),
    ];
    let mut rng = Rng(0x00d1_a6e0);
    let mut with_errors = 0;
    for src in &files {
        for settings in &settings {
            assert_same(src, settings);
        }
        for _ in 0..30 {
            let mutated = mutate(src, &mut rng);
            assert_same(&mutated, &settings[0]);
            with_errors += usize::from(
                diagnose(&mutated, &settings[0])
                    .iter()
                    .any(|d| d.code == RuleId::SyntaxError),
            );
        }
    }
    assert!(
        with_errors > 1000,
        "the mutations reach error recovery ({with_errors})"
    );
}

/// The cases the streaming validation has to undo: elements that a later
/// value in the same container replaces, spreads, unsupported content,
/// recovery that drops an element already placed, and form fields counted
/// inside any of them.
#[test]
fn elements_dropped_from_the_tree_are_not_validated() {
    for src in [
        r#"<Page>{<Input value="true"/> "text"}</Page>"#,
        r#"<Page>{<Input/> <Input/>}<Input/></Page>"#,
        r#"<Page><Box {...{<Input value="true"/>}} /></Page>"#,
        r#"<Page>{<Input value="true"/> x}</Page>"#,
        r#"<Page><P label={<B>{<Input/> <Select/>}</B> "s"}>x</P></Page>"#,
        r#"<Page><Fieldset>{ <FsContent><Input value="true" /></FsContent><Button action*/"x">S</Button></Fieldset></Page>"#,
        r#"<Page><Box a={<Input value="true"/>} = ></Box><Input/><Input/></Page>"#,
        "<Page><Input/><Textarea/>{<Select/>}</Page>",
        r#"<Page><Container><Button action="reset" bad="1">Reset</Butto/*n><P>x</P></Container></Page>"#,
        // Recovery pops the child after which `<Input>`'s children stopped
        // being judged; the ones after it are judged again.
        "<Page><Fieldset><FsContent><Input name=\"a\" v>alue=\"x\" />\n<Input name=\"b\" l<abel=\"V\" value=\"y\" />\n</FsContent><FsFooter><Button action=\"s\">Save</Button></FsFooter></Fieldset></Page>",
    ] {
        assert_same(src, &Settings::default());
    }
}

/// `diagnose` leaves blank text out of the parse, which recovery can
/// depend on: here the tag left open at the start puts the lexer and the
/// parser out of step, and without the line break before the end the
/// recovery reports no "unexpected the end of the element". A document
/// whose parse recovered is parsed again with every token.
#[test]
fn blank_text_counts_once_recovery_runs() {
    for src in [
        "<Page <H1>Audit</H1>\n  <AutoRefresh timeout=\"500\" />\n</Page>\n",
        "<Page>\n  <P a=>\n  x</P>\n  <P>\n</Page>\n",
        "<Page>\n  <Box {\"a\"\n}>\n  </Box>\n</Page>",
        // Found by the `parse` fuzz target: the grammar takes a doctype only
        // first, so the blank text before it has to leave the stream in
        // both parses.
        "\u{c}\u{c}\u{c}<!DOCTYPE h",
        "\n<!DOCTYPE html>\n<Page><P>x</P></Page>",
        "&#32;<!DOCTYPE html><Page/>",
    ] {
        assert_same(src, &Settings::default());
    }
}

/// `diagnose` also sets `name="value"` attributes aside from the parse;
/// each element takes its own back, in source order, among those the
/// grammar reduced (flags, containers, unquoted values) and around the
/// elements inside its attribute values.
#[test]
fn attributes_set_aside_come_back_in_order() {
    for src in [
        r#"<Page><Input name="b" name={"a"} label="L"/></Page>"#,
        r#"<Page><Box display="flex" {...s} marginTop="8px" small padding="1px"/></Page>"#,
        r#"<Page><P label={<B x="1" y="2"/>} z="3" w="4">t</P></Page>"#,
        r#"<Page><Box a="1"><Box b="2" c=3><P d="4"/></Box></Box></Page>"#,
        r#"<Page><Notice type="bad" type="warn">x</Notice></Page>"#,
    ] {
        assert_same(src, &Settings::default());
    }
}

/// Set aside, an attribute between a name and an `=` would join them:
/// found by the digest in a mutated example.
#[test]
fn an_attribute_between_a_name_and_an_equals_sign_stays() {
    for src in [
        "<Page>\n  <Bu/*ton action=\"disconnect\"= type=\"secondary\">Disconnect</Button>\n</Page>",
        r#"<Page><P b a="x" = "y">t</P></Page>"#,
        r#"<Page><P b a="x" /* c */ = "y">t</P></Page>"#,
        r#"<Page><P b a="x" // c
            = "y">t</P></Page>"#,
    ] {
        assert_same(src, &Settings::default());
    }
}
