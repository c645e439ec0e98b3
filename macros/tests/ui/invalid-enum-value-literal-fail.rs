use uihook::uihook;

fn main() {
    let _ = uihook! { <Notice type="warning">Careful</Notice> };
}
