//! `check` on the benchmark documents, N times each, for CPU-time
//! measurements on a busy machine: `/usr/bin/time -f %U target/release/examples/throughput 1 20`
//! (first argument: size in MiB, second: repetitions).

#[path = "../benches/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().unwrap_or(1));
    let mib = args.next().unwrap_or(1);
    let n = args.next().unwrap_or(10);
    let doc = corpus::document(mib << 20);
    let options = uihook_compiler::Options::default();
    let mut diagnostics = 0;
    for _ in 0..n {
        diagnostics += uihook_compiler::check(std::hint::black_box(&doc), &options).len();
    }
    println!("{} bytes x {n}, {diagnostics} diagnostics", doc.len());
}
