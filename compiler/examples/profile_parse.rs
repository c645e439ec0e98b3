//! Lexes and parses a large document many times (for profilers).
use std::time::Instant;

fn main() {
    let unit = std::fs::read_to_string("examples/valid/deploy-settings.uihook").expect("example");
    let doc = format!("<Page>{}</Page>", unit.repeat(1000));
    let t = Instant::now();
    let mut tokens = 0;
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    for _ in 0..n {
        tokens = uihook_compiler::lexer::Lexer::new(&doc).count();
    }
    let lex = t.elapsed() / n.max(1) as u32;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(uihook_compiler::parse(&doc));
    }
    let parse = t.elapsed() / n.max(1) as u32;
    println!(
        "{} bytes, {tokens} tokens, lex {lex:?}, lex+parse {parse:?}",
        doc.len()
    );
}
