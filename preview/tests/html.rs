//! The HTML preview renderer: snapshots of every component and of hostile
//! input, and properties that hold for any input.

use proptest::prelude::*;
use uihook_compiler::escape::{markup_attr, markup_text};
use uihook_compiler::{analyze, parse, schema, Options, Settings};
use uihook_preview::render_fragment;

fn fragment(src: &str) -> String {
    let parsed = parse(src);
    let mut out = String::new();
    render_fragment(&parsed.document, &Options::default(), &mut out);
    out
}

/// The standalone page of `src`, from its analysis as `uihook preview`
/// makes it.
fn render_page(src: &str, title: &str) -> String {
    let analysis = analyze(src, &Settings::default());
    uihook_preview::render_page(&analysis, src, title, &Options::default())
}

/// One element per line, so snapshots read (and diff) well.
fn readable(html: &str) -> String {
    html.replace("><", ">\n<")
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// Every catalog component with its attributes, as hooks wrote them.
const ALL_COMPONENTS: &str = r#"<Page>
<Container>
<H1>Title</H1>
<H2>Subtitle</H2>
<P>Text with <B>bold</B>, a <Link href="https://vercel.com" target="_blank">link</Link>, <Code>inline</Code> and a break<BR/>here.</P>
<HR/>
<UL><LI>one</LI><LI>two</LI></UL>
<Img src="https://example.com/a.png" width="64" height="14px" title="Logo" draggable="false"/>
<Code value="const%20a%20%3D%20%3Cb%3E%3B"/>
<Notice type="error">Bad</Notice><Notice type="warn">Careful</Notice><Notice type="message">Note</Notice><Notice type="success">Done</Notice><Notice error>Old error</Notice><Notice type="info">Info</Notice>
</Container>
<Box display="flex" justifyContent="space-between" marginTop="10px" color="var(--geist-error)" zIndex={2}>box</Box>
<Fieldset>
<FsContent><FsTitle>Card</FsTitle><FsSubtitle>About the card</FsSubtitle>
<Input name="user" label="User" value="jo" placeholder="name" width="300px" maxWidth="100%"/>
<Input name="pass" type="password" label="Password" errored disabled/>
<Input name="count" type="number" value="3" maxLength="5"/>
<Input name="token" type="hidden" value="t"/>
<Input name="fancy" label={<Box>Key <Link href="https://x.test">docs</Link></Box>}/>
<Textarea name="notes" label="Notes" width="100%" height="40vh">line 1
line 2</Textarea>
<Textarea name="other" value="from value" placeholder="p"/>
<Select name="region" value="fra" action="pick" label="Region" small width="200">
<Option value="sfo" caption="San Francisco"/><Option value="fra" caption="Frankfurt"/><Option value="x" caption="Off" disabled/>
</Select>
<Select name="plain"><Option value="a" caption="A"/><Option value="b" caption="B" selected/></Select>
<Checkbox name="agree" label="I agree" checked="true"/>
<Checkbox name="spam" label="Spam me" checked="false"/>
<ClientState accountId="42" flag step={3}/>
</FsContent>
<FsFooter><P>Footer</P><Button action="submit">Save</Button></FsFooter>
</Fieldset>
<Button>Count Me</Button>
<Button action="reset" small type="secondary">Reset</Button>
<Button action="a" type="success">S</Button><Button action="b" type="error">E</Button><Button action="c" type="warning">W</Button><Button action="d" type="ghost">G</Button>
<Button action="e" shadow width="128">Shadow</Button><Button action="f" disabled>Off</Button>
<Button action="g" secondary>Legacy</Button><Button action="h" abort>Abort</Button><Button action="i" highlight>Hi</Button><Button action="j" warning>Warn</Button>
<ButtonLink href="https://vercel.com/new">Deploy</ButtonLink>
<Link action="more">More</Link>
<ResetButton targets="user, pass">Clear</ResetButton><ResetButton>Clear all</ResetButton>
<ProjectSwitcher/><ProjectSwitcher message="Pick one"/>
<AutoRefresh timeout="5000"/><AutoRefresh timeout={60000} action="reload"/>
{"a string"}{0}{true}{null}{/* a comment */}
</Page>"#;

#[test]
fn every_component() {
    snapshot!("html_every_component", readable(&fragment(ALL_COMPONENTS)));
}

#[test]
fn the_snapshot_document_uses_every_component() {
    let parsed = parse(ALL_COMPONENTS);
    let tree = format!("{:?}", parsed.document.tree());
    for c in schema::COMPONENTS {
        assert!(
            tree.contains(&format!("Element(\"{}\"", c.name)),
            "{} is missing from ALL_COMPONENTS",
            c.name
        );
    }
}

#[test]
fn hostile_text() {
    let src = r#"<Page><P>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;/div&gt; and "quotes" 'single' &amp;amp; {"<img src=x onerror=alert(1)>"}</P><Code>&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;</Code><Textarea name="t">&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</Textarea><Input name="i" value="&quot; autofocus onfocus=&quot;alert(1)" label="&lt;b&gt;"/><Option value="&quot;&gt;&lt;script&gt;" caption="&lt;/option&gt;"/></Page>"#;
    snapshot!("html_hostile_text", readable(&fragment(src)));
}

#[test]
fn hostile_urls() {
    let src = "<Page>\
<Link href=\"javascript:alert(1)\">js</Link>\
<Link href=\"JaVaScRiPt:alert(1)\">mixed case</Link>\
<Link href=\" \tjavascript:alert(1)\">leading space</Link>\
<Link href=\"java\tscript:alert(1)\">tab inside</Link>\
<Link href=\"java&#x0A;script:alert(1)\">entity newline</Link>\
<Link href=\"&#106;avascript:alert(1)\">entity j</Link>\
<Link href=\"jav&#x61;script&colon;alert(1)\">entity a</Link>\
<Link href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">data</Link>\
<Link href=\"vbscript:msgbox(1)\">vbscript</Link>\
<Img src=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\"/>\
<Img src=\"javascript:alert(1)\"/>\
<ButtonLink href=\"tel:+1\">tel</ButtonLink>\
<Link href={\"javascript:alert(1)\"}>container</Link>\
<Link href=\"https://ok.test/?q=&quot;&gt;&lt;x\">ok</Link>\
<Link href=\"/relative:path\">relative</Link>\
<Link href=\"mailto:a@b.test\">mail</Link>\
</Page>";
    let out = fragment(src);
    assert!(!out.to_ascii_lowercase().contains("script:"), "{out}");
    assert!(!out.contains("data:"), "{out}");
    snapshot!("html_hostile_urls", readable(&out));
}

#[test]
fn hostile_css() {
    let src = r#"<Page>
<Box backgroundImage="url(javascript:alert(1))">url js</Box>
<Box background="url(https://tracker.test/p.png)">url</Box>
<Box width="expression(alert(1))">expression</Box>
<Box color="red;position:fixed;top:0">semicolon</Box>
<Box color="red}body{display:none">brace</Box>
<Box color="red&lt;/style&gt;">lt</Box>
<Box color="\65 xpression(1)">escape</Box>
<Box fontFamily="&quot;x">quote</Box>
<Box color="red /* comment">comment</Box>
<Box onClick="alert(1)" onmouseover="alert(1)">handlers</Box>
<Box style="color:red">style</Box>
<Box font-size="20px" isplay="flex" data-x="1">names</Box>
<Box color="var(--geist-success)" padding={10} margin="0 auto" color="blue">kept</Box>
</Page>"#;
    let out = fragment(src);
    for bad in [
        "url(",
        "expression",
        "position:fixed",
        "display:none",
        "alert",
    ] {
        let style_parts: Vec<&str> = out.split("style=\"").skip(1).collect();
        for part in style_parts {
            let value = part.split('"').next().unwrap_or("");
            assert!(!value.contains(bad), "{bad} in style {value}");
        }
    }
    snapshot!("html_hostile_css", readable(&out));
}

#[test]
fn unknown_and_forbidden_elements() {
    let src = r#"<Page><div class="x">html div</div><script>alert(1)</script><style>body{display:none}</style><Foo onClick="x"><P>kept child</P></Foo><page>lower</page><Button onClick="alert(1)" onmouseover="x" action="a">b</Button><Input name="n" onFocus="x" autofocus/></Page>"#;
    let out = fragment(src);
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("<style"), "{out}");
    assert!(!out.to_ascii_lowercase().contains(" on"), "{out}");
    snapshot!("html_unknown_and_forbidden", readable(&out));
}

#[test]
fn page_lists_diagnostics() {
    let src =
        "<Page>\n  <Foo/>\n  <Link href=\"javascript:x\">a</Link>\n  <P>a &lt; b</P>\n</Page>\n";
    let page = render_page(src, "a <title> & more");
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("<title>a &lt;title&gt; &amp; more</title>"));
    assert!(page.contains(uihook_preview::STYLESHEET));
    let body = &page[page.find("<body").unwrap_or(0)..];
    snapshot!("html_page_body", body);
}

#[test]
fn syntax_errors_still_render() {
    let page = render_page("<Page><P>a { b</P><Box", "broken");
    assert!(
        page.contains("data-uh-code=\"raw-brace-in-text\""),
        "{page}"
    );
    assert!(page.contains("class=\"uh-view\""));
}

/// The tags the renderer itself writes; any other `<` would come from input.
const OWN_TAGS: &[&str] = &[
    "div", "section", "footer", "h1", "h2", "h3", "p", "b", "ul", "li", "br", "hr", "img", "pre",
    "button", "a", "label", "span", "input", "textarea", "select", "option",
];

/// Every `<` in `html` opens or closes one of [`OWN_TAGS`].
fn only_own_tags(html: &str) -> Result<(), String> {
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let after = rest[name.len()..].chars().next();
        if !OWN_TAGS.contains(&name.as_str()) || !matches!(after, Some(' ' | '>')) {
            return Err(format!(
                "stray `<` at {i}: {:?}",
                &html[i..html.len().min(i + 40)]
            ));
        }
    }
    Ok(())
}

/// Schema-generated documents (every component and attribute, hostile text)
/// and the same documents with each known mutation: only the renderer's own
/// tags, no placeholder in a valid document, and a placeholder carrying the
/// code for an unknown or blocked element.
#[test]
fn generated_documents() {
    use arbitrary::Unstructured;
    use uihook_compiler::generate::{self, Limits, MUTATIONS};
    use uihook_compiler::RuleId;

    let mut rendered = 0;
    for seed in 0..300u64 {
        let bytes = generate::seeded_bytes(seed, 16_384);
        let Ok(doc) = generate::document(&mut Unstructured::new(&bytes), &Limits::default()) else {
            continue;
        };
        let Ok(valid) = uihook_compiler::render(&doc) else {
            continue;
        };
        let html = fragment(&valid);
        if let Err(e) = only_own_tags(&html) {
            panic!("seed {seed}: {e}\n{valid}\n{html}");
        }
        assert!(!html.contains("uh-unknown"), "seed {seed}: {html}");
        let mutation = &MUTATIONS[usize::try_from(seed).unwrap_or(0) % MUTATIONS.len()];
        let html = fragment(&generate::mutate(&valid, mutation));
        if let Err(e) = only_own_tags(&html) {
            panic!("seed {seed}, {}: {e}\n{html}", mutation.name);
        }
        for code in [RuleId::UnknownComponent, RuleId::ForbiddenElement] {
            if mutation.codes.contains(&code) {
                let marker = format!(
                    "<div class=\"uh-unknown\" data-uh-code=\"{}\">",
                    code.as_str()
                );
                assert!(
                    html.contains(&marker),
                    "seed {seed}, {}: {html}",
                    mutation.name
                );
            }
        }
        rendered += 1;
    }
    assert!(rendered > 250, "only {rendered} documents were generated");
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => any::<char>(),
            4 => prop::sample::select(vec![
                '&', '<', '>', '{', '}', '"', '\'', '\\', '\n', '\r', '\t', ';', '/', '*', ':', '(',
                ')', '=', '!', '-', ' ', 'a', 's', 'c', 'r', 'i', 'p', 't',
            ]),
        ],
        0..60,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn component_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(
            schema::COMPONENTS.iter().map(|c| c.name.to_owned()).collect::<Vec<_>>()
        ),
        1 => prop::sample::select(vec!["script".to_owned(), "style".to_owned(), "div".to_owned(), "Foo".to_owned()]),
    ]
}

proptest! {
    /// User text in every text and attribute position never yields a raw `<`.
    #[test]
    fn user_text_never_yields_a_raw_lt(
        name in component_name(),
        attr_name in prop::sample::select(vec![
            "name", "value", "label", "href", "src", "action", "caption", "targets", "color",
            "backgroundImage", "message", "timeout", "type", "title", "accountId",
        ]),
        value in tricky_string(),
        text in tricky_string(),
    ) {
        let src = format!(
            "<Page><{name} {attr_name}=\"{}\">{}</{name}><Select name=\"s\"><Option value=\"{}\" caption=\"{}\"/></Select></Page>",
            markup_attr(&value),
            markup_text(&text),
            markup_attr(&value),
            markup_attr(&text),
        );
        let out = fragment(&src);
        prop_assert!(only_own_tags(&out).is_ok(), "{:?}\n{}", only_own_tags(&out), out);
    }

    /// Any input at all: no panic, and only the renderer's own tags.
    #[test]
    fn any_input_renders_only_own_tags(src in tricky_string()) {
        let page = render_page(&src, &src);
        let body = &page[page.find("<body").unwrap_or(0)..];
        // The diagnostics list uses `ol` and `code` besides the view's tags.
        let body = body.replace("<ol ", "<div ").replace("</ol>", "</div>")
            .replace("<code ", "<span ").replace("</code>", "</span>")
            .replace("<body ", "<div ").replace("</body>", "</div>")
            .replace("</html>", "");
        prop_assert!(only_own_tags(&body).is_ok(), "{:?}\n{}", only_own_tags(&body), body);
    }
}
