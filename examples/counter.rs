//! The seed's counter hook, written with `uihook!`: prints the markup that
//! the hook sends back for a given count.
//!
//! Run with `cargo run --example counter -- 3`.

use uihook::uihook;

/// The page for the current count.
fn counter(count: u64) -> uihook::Markup {
    uihook! {
        <Page>
            <P>Counter: {count}</P>
            <Button>Count Me</Button>
            <Button action="reset">Reset</Button>
        </Page>
    }
}

fn main() {
    let count = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(0);
    println!("{}", counter(count));
}
