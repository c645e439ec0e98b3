//! Escapes a 1 MiB text with 5 % special characters many times (for profilers).
fn main() {
    let clean: String = "The quick brown fox jumps over the lazy dog, 0123456789 é ü ✓. "
        .repeat(16_384)
        .chars()
        .take(1 << 20)
        .collect();
    let specials = ['<', '&', '{', '}', '>'];
    let dirty: String = clean
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 20 == 19 {
                specials[i / 20 % specials.len()]
            } else {
                c
            }
        })
        .collect();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let mut total = 0;
    for _ in 0..n {
        total += uihook_compiler::escape::escape_text(std::hint::black_box(&dirty)).len();
    }
    println!("{total}");
}
