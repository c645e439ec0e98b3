use uihook::uihook;

fn main() {
    let kind = String::from("warn");
    let _ = uihook! { <Notice type={kind}>Careful</Notice> };
}
