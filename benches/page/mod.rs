//! The benchmark page, shared by `render.rs` (criterion) and `ratio.rs`
//! (interleaved rounds): a header and 20 list items with escaped dynamic
//! text and attributes, ~3.7 KB, written with `uihook!`, maud and sailfish.

use sailfish::TemplateSimple;
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

/// The page's data ([`data`]), with the page `uihook!` renders from it
/// checked: the advertised size and valid markup (`cargo test --benches`
/// runs this too), and the same text from every engine. Returns the data
/// and the page's size in bytes.
pub fn checked_data(clean: bool) -> (Data, u64) {
    let d = data(clean);
    let page = with_uihook(&d);
    let size = page.len();
    let expected = if clean { 3_000..3_400 } else { 3_400..4_000 };
    assert!(expected.contains(&size), "{size} bytes");
    assert!(uihook::check(&page, &uihook::Options::default()).is_empty());
    assert!(!with_maud(&d).is_empty() && !with_sailfish(&d).is_empty());
    (d, size as u64)
}
