//! A list built with `.map`, the htm/JSX `array.map` pattern: each item is
//! written straight into the page's buffer, with no `String` per item.
//!
//! Run with `cargo run --example list`.

use uihook::{uihook, LinkTarget, Markup};

/// One deployment to list.
struct Deployment {
    url: &'static str,
    state: &'static str,
    ready: bool,
}

/// A shared component: a plain function returning `Markup`.
fn badge(ready: bool) -> Markup {
    if ready {
        uihook! { <B>ready</B> }
    } else {
        uihook! { <B>"building…"</B> }
    }
}

fn main() {
    let deployments = [
        Deployment {
            url: "my-app-1.vercel.app",
            state: "READY",
            ready: true,
        },
        Deployment {
            url: "my-app-2.vercel.app",
            state: "BUILDING",
            ready: false,
        },
        Deployment {
            url: "my-app-<3>.vercel.app",
            state: "ERROR & retried",
            ready: false,
        },
    ];
    let markup = uihook! {
        <Page>
            <H2>Deployments ({deployments.len()})</H2>
            <UL>
                {deployments.iter().map(|d| uihook! {
                    <LI>
                        <Link href={format!("https://{}", d.url)} target={LinkTarget::Blank}>{d.url}</Link>
                        {" "}{badge(d.ready)} {d.state}
                    </LI>
                })}
            </UL>
        </Page>
    };
    println!("{markup}");
}
