//! Escapes a 1 MiB text with 5 % special characters many times (for profilers).

#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

fn main() {
    let (_, dirty) = corpus::escape_inputs();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let mut total = 0;
    for _ in 0..n {
        total += uihook_compiler::escape::markup_text(std::hint::black_box(&dirty)).len();
    }
    println!("{total}");
}
