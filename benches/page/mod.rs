//! The benchmark page, shared by `render.rs` (criterion) and `ratio.rs`
//! (interleaved rounds): a header and 20 list items with escaped dynamic
//! text and attributes, ~3.7 KB, written with `uihook!`, maud and sailfish.

use sailfish::TemplateSimple;
use uihook::ast::{TreeNode, TreeValue};
use uihook::{uihook, Markup};

/// One row of the page.
pub struct Item {
    name: String,
    url: String,
    state: &'static str,
    builds: u32,
}

/// The page's data.
pub struct Data {
    title: String,
    subtitle: String,
    items: Vec<Item>,
}

/// The page's data: with characters to escape in every text and URL (the
/// page the targets are set on), or, for `clean`, the same page without
/// any (what most real values look like).
pub fn data(clean: bool) -> Data {
    let page = Data {
        title: "Deployments of <my-app> & friends".into(),
        subtitle: "The last twenty deployments, newest first; \"ready\" ones link to their URL."
            .into(),
        items: (0..20)
            .map(|i| Item {
                name: format!("my-app-{i} <preview> & \"branch-{i}\""),
                url: format!("https://my-app-{i}.vercel.app/?ref=dash&team=\"a\""),
                state: if i % 3 == 0 { "BUILDING" } else { "READY" },
                builds: i * 7,
            })
            .collect(),
    };
    if !clean {
        return page;
    }
    let strip = |s: &str| s.replace(['<', '>', '&', '"'], "");
    Data {
        title: strip(&page.title),
        subtitle: strip(&page.subtitle),
        items: page
            .items
            .into_iter()
            .map(|item| Item {
                name: strip(&item.name),
                url: strip(&item.url),
                ..item
            })
            .collect(),
    }
}

#[inline(never)]
pub fn with_uihook(d: &Data) -> String {
    let markup: Markup = uihook! {
        <Page>
            <Container>
                <H1>{d.title}</H1>
                <P>{d.subtitle}</P>
                <UL>
                    {d.items.iter().map(|item| uihook! {
                        <LI><Link href={item.url} target="_blank">{item.name}</Link> <B>{item.state}</B> {item.builds} builds</LI>
                    })}
                </UL>
                <Button action="refresh">Refresh</Button>
            </Container>
        </Page>
    };
    markup.into_string()
}

#[inline(never)]
pub fn with_maud(d: &Data) -> String {
    maud::html! {
        Page {
            Container {
                H1 { (d.title) }
                P { (d.subtitle) }
                UL {
                    @for item in &d.items {
                        LI { Link href=(item.url) target="_blank" { (item.name) } " " B { (item.state) } " " (item.builds) " builds" }
                    }
                }
                Button action="refresh" { "Refresh" }
            }
        }
    }
    .into_string()
}

#[derive(TemplateSimple)]
#[template(
    source = "<Page><Container><H1><%= data.title %></H1><P><%= data.subtitle %></P><UL><% for item in &data.items { %><LI><Link href=\"<%= item.url %>\" target=\"_blank\"><%= item.name %></Link> <B><%= item.state %></B> <%= item.builds %> builds</LI><% } %></UL><Button action=\"refresh\">Refresh</Button></Container></Page>"
)]
struct SailfishPage<'a> {
    data: &'a Data,
}

#[inline(never)]
pub fn with_sailfish(d: &Data) -> String {
    SailfishPage { data: d }.render_once().unwrap_or_default()
}

/// The tree every engine's page must decode to: the data itself, unescaped,
/// in the page's structure. Built from `d` rather than from one engine's
/// output, so that engines which agree on a wrong page still fail.
fn expected_tree(d: &Data) -> Vec<TreeNode> {
    let element = |name: &str, attrs: &[(&str, &str)], children: Vec<TreeNode>| {
        let attrs = attrs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), TreeValue::Str((*v).to_owned())))
            .collect();
        TreeNode::Element(name.to_owned(), attrs, children)
    };
    let text = |s: &str| TreeNode::Text(s.to_owned());
    let items = d
        .items
        .iter()
        .map(|item| {
            element(
                "LI",
                &[],
                vec![
                    element(
                        "Link",
                        &[("href", &item.url), ("target", "_blank")],
                        vec![text(&item.name)],
                    ),
                    text(" "),
                    element("B", &[], vec![text(item.state)]),
                    text(&format!(" {} builds", item.builds)),
                ],
            )
        })
        .collect();
    vec![element(
        "Page",
        &[],
        vec![element(
            "Container",
            &[],
            vec![
                element("H1", &[], vec![text(&d.title)]),
                element("P", &[], vec![text(&d.subtitle)]),
                element("UL", &[], items),
                element("Button", &[("action", "refresh")], vec![text("Refresh")]),
            ],
        )],
    )]
}

/// Panics unless every engine's page, parsed by the uihook compiler (which
/// decodes entities), is the tree of `d`.
///
/// The bytes legitimately differ: in text, maud and sailfish write `"` as
/// `&quot;`, while `uihook!` leaves it as is (JSX text needs no escaped
/// quote). Attribute values are escaped alike by all three. Decoding removes
/// that difference; everything else (names, attribute order, every text run
/// and the spaces between elements) must match exactly.
pub fn assert_same_page(d: &Data, pages: &[(&str, String)]) {
    let expected = expected_tree(d);
    for (engine, page) in pages {
        let parsed = uihook::parse(page);
        assert!(
            !parsed.has_errors(),
            "{engine}: {:#?}\n{page}",
            parsed.diagnostics
        );
        assert_eq!(
            parsed.document.tree(),
            expected,
            "{engine} renders another page:\n{page}"
        );
    }
}

/// The page's data ([`data`]), with the page `uihook!` renders from it
/// checked: the advertised size and valid markup (`cargo test --benches`
/// runs this too), and the same decoded text and attributes from every
/// engine ([`assert_same_page`]). Returns the data and the page's size in
/// bytes.
pub fn checked_data(clean: bool) -> (Data, u64) {
    let d = data(clean);
    let page = with_uihook(&d);
    let size = page.len();
    let expected = if clean { 3_000..3_400 } else { 3_400..4_000 };
    assert!(expected.contains(&size), "{size} bytes");
    assert!(uihook::check(&page, &uihook::Options::default()).is_empty());
    assert_same_page(
        &d,
        &[
            ("uihook", page),
            ("maud", with_maud(&d)),
            ("sailfish", with_sailfish(&d)),
        ],
    );
    (d, size as u64)
}
