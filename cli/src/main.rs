//! The `uihook` command (being built: issue #5).

fn main() {
    eprintln!("uihook: the command line is not built yet; use `cargo run -p uihook-compiler --example lint -- PATH`");
    std::process::exit(2);
}
