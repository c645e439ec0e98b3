use uihook::uihook;

fn main() {
    let done = true;
    let _ = uihook! { <P>{done && "finished"}</P> };
}
