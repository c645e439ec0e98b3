//! Pass tests of `uihook!` through the facade: every syntax form, the exact
//! output, and for every template that the output parses and validates with
//! zero diagnostics through the compiler.

use uihook::{uihook, ButtonType, LinkTarget, Markup, NoticeType, Options};

/// Asserts the output is clean markup for the compiler and equals `expected`.
#[track_caller]
fn assert_markup(markup: Markup, fragment: bool, expected: &str) {
    let s = markup.into_string();
    let diagnostics = uihook::check(
        &s,
        &Options {
            fragment,
            ..Options::default()
        },
    );
    assert!(diagnostics.is_empty(), "{s}\n{diagnostics:#?}");
    assert_eq!(s, expected);
}

#[test]
fn seed_counter() {
    let count = 3;
    let markup = uihook! {
        <Page>
            <P>Counter: {count}</P>
            <Button>Count Me</Button>
            <Button action="reset">Reset</Button>
        </Page>
    };
    assert_markup(
        markup,
        false,
        "<Page><P>Counter: 3</P><Button>Count Me</Button><Button action=\"reset\">Reset</Button></Page>",
    );
}

#[test]
fn issue_example_with_map() {
    let count = 3;
    let items = ["https://example.com/a?b=1&c=2", "https://example.com/\"q\""];
    let markup = uihook! {
        <Page>
            <P>Counter: {count}</P>
            <Button action="submit">Count me</Button>
            <UL>
                {items.iter().map(|url| uihook! { <LI><Link href={url} target="_blank">{url}</Link></LI> })}
            </UL>
        </Page>
    };
    assert_markup(
        markup,
        false,
        "<Page><P>Counter: 3</P><Button action=\"submit\">Count me</Button><UL>\
         <LI><Link href=\"https://example.com/a?b=1&amp;c=2\" target=\"_blank\">https://example.com/a?b=1&amp;c=2</Link></LI>\
         <LI><Link href=\"https://example.com/&quot;q&quot;\" target=\"_blank\">https://example.com/\"q\"</Link></LI>\
         </UL></Page>",
    );
}

#[test]
fn text_spacing_follows_jsx() {
    let name = "Ada";
    let markup = uihook! {
        <P>
            Hello,   {name}!
            Welcome   back.
        </P>
    };
    assert_markup(markup, true, "<P>Hello,   Ada! Welcome   back.</P>");
    let markup = uihook! { <P> spaced <B>bold</B> text </P> };
    assert_markup(markup, true, "<P> spaced <B>bold</B> text </P>");
}

#[test]
fn punctuation_and_groups_in_text() {
    let markup = uihook! { <P>Costs: 5 (or [more]) - fine; ok? yes! 50% off > none.</P> };
    assert_markup(
        markup,
        true,
        "<P>Costs: 5 (or [more]) - fine; ok? yes! 50% off &gt; none.</P>",
    );
}

#[test]
fn string_literals_are_exact_text() {
    let markup = uihook! { <P>"Don't <panic> & {relax}  "</P> };
    assert_markup(
        markup,
        true,
        "<P>Don't &lt;panic&gt; &amp; &#123;relax&#125;  </P>",
    );
    let markup = uihook! { <P>{"braced"} and {42} and {1.5}</P> };
    assert_markup(markup, true, "<P>braced and 42 and 1.5</P>");
}

#[test]
fn dynamic_children_of_every_kind() {
    let text = String::from("a < b & {c}");
    let borrowed: &str = "\"quoted\"";
    let n: i64 = -42;
    let f = 2.5f32;
    let some = Some("yes");
    let none: Option<&str> = None;
    let list = vec!["x", "<y>"];
    let inner = uihook! { <B>bold</B> };
    let markup = uihook! {
        <P>{text}|{borrowed}|{n}|{f}|{some}|{none}|{list}|{inner}|{'<'}</P>
    };
    assert_markup(
        markup,
        true,
        "<P>a &lt; b &amp; &#123;c&#125;|\"quoted\"|-42|2.5|yes||x&lt;y&gt;|<B>bold</B>|&lt;</P>",
    );
}

#[test]
fn iterators_vectors_and_options_of_markup() {
    let names = ["a", "b"];
    let items: Vec<Markup> = names.iter().map(|n| uihook! { <LI>{n}</LI> }).collect();
    let maybe = names.first().map(|n| uihook! { <P>{n}</P> });
    let filtered = names
        .iter()
        .filter(|n| **n != "a")
        .map(|n| n.to_uppercase());
    // A run-time value inside `<UL>` is taken for text by the validator
    // (`unexpected-child` warning); the `.map(|x| uihook! { <LI>… })` form
    // below is checked element by element instead.
    #[allow(deprecated)]
    let markup = uihook! {
        <Box>
            <UL>{items}</UL>
            {maybe}
            {filtered}
            {names.iter().enumerate().map(|(i, n)| uihook! { <P>{i}: {n}</P> })}
        </Box>
    };
    assert_markup(
        markup,
        true,
        "<Box><UL><LI>a</LI><LI>b</LI></UL><P>a</P>B<P>0: a</P><P>1: b</P></Box>",
    );
}

#[test]
fn map_over_option_and_with_typed_pattern() {
    let user: Option<&str> = Some("Ada");
    let pairs = [("k", 1), ("l", 2)];
    let markup = uihook! {
        <Box>
            {user.map(|u| uihook! { <P>Hi {u}</P> })}
            {pairs.iter().map(|&(k, v): &(&str, i32)| uihook! { <B>{k}={v}</B> })}
        </Box>
    };
    assert_markup(markup, true, "<Box><P>Hi Ada</P><B>k=1</B><B>l=2</B></Box>");
}

#[test]
fn map_with_a_captured_string_needs_no_move() {
    let prefix = String::from("#");
    let ids = [1, 2];
    let markup = uihook! {
        <UL>{ids.iter().map(|id| uihook! { <LI>{prefix}{id}</LI> })}</UL>
    };
    assert_eq!(prefix, "#");
    assert_markup(markup, true, "<UL><LI>#1</LI><LI>#2</LI></UL>");
}

#[test]
fn nested_uihook_is_spliced() {
    let markup = uihook! { <Box>{uihook! { <P>inner</P> }}</Box> };
    assert_markup(markup, true, "<Box><P>inner</P></Box>");
}

#[test]
fn components_are_functions_returning_markup() {
    fn card(title: &str, body: &str) -> Markup {
        uihook! { <Box padding="8px"><H2>{title}</H2><P>{body}</P></Box> }
    }
    let markup = uihook! { <Page>{card("One & two", "<x>")}{card("Three", "y")}</Page> };
    assert_markup(
        markup,
        false,
        "<Page><Box padding=\"8px\"><H2>One &amp; two</H2><P>&lt;x&gt;</P></Box><Box padding=\"8px\"><H2>Three</H2><P>y</P></Box></Page>",
    );
}

#[test]
fn static_attributes() {
    let markup = uihook! {
        <Box>
            <Input name="user" label="User" value={"js \"string\""} />
            <Button small type="secondary" action="go">Go</Button>
            <AutoRefresh timeout={5000} />
            <Checkbox name="c" checked={true} />
            <Box marginTop="10px" display="flex" />
            <ClientState accountId="42" />
        </Box>
    };
    assert_markup(
        markup,
        true,
        "<Box><Input name=\"user\" label=\"User\" value=\"js &quot;string&quot;\" />\
         <Button small type=\"secondary\" action=\"go\">Go</Button><AutoRefresh timeout={5000} />\
         <Checkbox name=\"c\" checked={true} /><Box marginTop=\"10px\" display=\"flex\" />\
         <ClientState accountId=\"42\" /></Box>",
    );
}

#[test]
fn dynamic_attributes() {
    let href = String::from("https://x.test/?a=1&b=\"2\"");
    let title: Option<&str> = None;
    let width = 64;
    let on = true;
    let off = false;
    let maybe_flag: Option<bool> = Some(true);
    let markup = uihook! {
        <Box>
            <Link href={href} target={LinkTarget::Blank}>link</Link>
            <Img src={"/a.png"} title={title} width={width} draggable={on} />
            <Button disabled={off} small={maybe_flag} type={ButtonType::Ghost} action={"go"}>b</Button>
            <Notice type={NoticeType::Warn}>n</Notice>
            <Notice type={None::<NoticeType>}>m</Notice>
            <Box color={"red"} />
        </Box>
    };
    assert_markup(
        markup,
        true,
        "<Box><Link href=\"https://x.test/?a=1&amp;b=&quot;2&quot;\" target=\"_blank\">link</Link>\
         <Img src=\"/a.png\" width=\"64\" draggable />\
         <Button small type=\"ghost\" action=\"go\">b</Button>\
         <Notice type=\"warn\">n</Notice><Notice>m</Notice><Box color=\"red\" /></Box>",
    );
}

#[test]
fn adjacent_optional_attributes_close_their_own_quotes() {
    // The closing quote of a dynamic attribute is merged into what follows:
    // another dynamic attribute, a flag, or the end of the tag.
    for (title, width) in [
        (Some("t"), Some(8)),
        (Some("t"), None),
        (None, Some(8)),
        (None, None),
    ] {
        let on = true;
        let markup = uihook! { <Img src="/a.png" title={title} width={width} draggable={on} /> };
        let title_attr = title.map(|t| format!(" title=\"{t}\"")).unwrap_or_default();
        let width_attr = width.map(|w| format!(" width=\"{w}\"")).unwrap_or_default();
        assert_eq!(
            markup.into_string(),
            format!("<Img src=\"/a.png\"{title_attr}{width_attr} draggable />")
        );
        let href = title.map(|t| format!("/{t}"));
        let target = width.map(|_| LinkTarget::Blank);
        let markup = uihook! { <Link href={href} target={target}>x</Link> };
        let href_attr = title.map(|t| format!(" href=\"/{t}\"")).unwrap_or_default();
        let target_attr = if width.is_some() {
            " target=\"_blank\""
        } else {
            ""
        };
        assert_eq!(
            markup.into_string(),
            format!("<Link{href_attr}{target_attr}>x</Link>")
        );
    }
}

#[test]
fn element_valued_props() {
    let markup = uihook! {
        <Box>
            <Input name="a" label={uihook! { <B>Bold label</B> }} />
            <Input name="b" label=<B>Also</B> />
        </Box>
    };
    assert_markup(
        markup,
        true,
        "<Box><Input name=\"a\" label={<B>Bold label</B>} /><Input name=\"b\" label={<B>Also</B>} /></Box>",
    );
}

#[test]
fn keywords_and_kebab_names() {
    let markup = uihook! { <ClientState r#type="x" data-id="1" /> };
    assert_markup(markup, true, "<ClientState type=\"x\" data-id=\"1\" />");
}

#[test]
fn markup_api() {
    let markup = uihook! { <P>x</P> };
    assert_eq!(markup.to_string(), "<P>x</P>");
    assert_eq!(markup.as_str(), "<P>x</P>");
    let mut out = String::from("a");
    markup.render_into(&mut out);
    assert_eq!(out, "a<P>x</P>");
    let s: String = markup.into();
    assert_eq!(s, "<P>x</P>");
}

#[test]
fn warnings_do_not_stop_the_build() {
    #[allow(deprecated)]
    let markup = uihook! { <Button secondary>Old</Button> };
    assert_eq!(markup.into_string(), "<Button secondary>Old</Button>");
}

#[test]
fn every_example_page_validates() {
    let items = ["a"];
    let markups = [
        uihook! { <Page /> },
        uihook! { <Page><Fieldset><FsContent><FsTitle>T</FsTitle></FsContent><FsFooter>F</FsFooter></Fieldset></Page> },
        uihook! { <Page><Select name="s" value="a">{items.iter().map(|i| uihook! { <Option value={i} caption={i} /> })}</Select></Page> },
    ];
    for m in markups {
        let s = m.into_string();
        assert!(uihook::check(&s, &Options::default()).is_empty(), "{s}");
    }
}

#[test]
fn dynamic_urls_and_styles_that_could_break_out_are_left_out() {
    for (href, color, expected) in [
        ("https://example.com/?a=1&b=\"2\"", "var(--geist-error)", "<Box color=\"var(--geist-error)\"><Link href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\">x</Link></Box>"),
        ("javascript:alert(1)", "red; position: fixed", "<Box><Link>x</Link></Box>"),
        (" JaVa\tScRiPt:alert(1)", "url(javascript:alert(1))", "<Box><Link>x</Link></Box>"),
        ("/relative?q=1", "#0070f3", "<Box color=\"#0070f3\"><Link href=\"/relative?q=1\">x</Link></Box>"),
    ] {
        let markup = uihook! { <Box color={color}><Link href={href}>x</Link></Box> };
        assert_eq!(markup.into_string(), expected);
    }
}
