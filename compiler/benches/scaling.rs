//! Time against input size for every hostile input shape: checks (and
//! renders the report of) each document at n and k·n and prints both times
//! and their ratio, which stays near k when every pass is linear. The
//! scaling test (`tests/scaling.rs`) asserts the same on counted work.
//!
//! Run with `cargo bench -p uihook-compiler --bench scaling`; arguments
//! (after `--`): `--scale S` multiplies the test's n (default 10), `--k K`
//! the factor between the two sizes (default 4), and any other word keeps
//! only the shapes whose name contains it.

use std::hint::black_box;
use std::time::{Duration, Instant};

use uihook_compiler::diagnostic::LineIndex;
use uihook_compiler::report::render_report;
use uihook_compiler::{check, Options};

#[path = "support/hostile.rs"]
mod hostile;

/// The fastest of a few runs: checking, locating every diagnostic and
/// rendering the report.
fn time(src: &str) -> Duration {
    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    while total < Duration::from_millis(300) || best == Duration::MAX {
        let start = Instant::now();
        let diagnostics = check(black_box(src), &Options::default());
        let index = LineIndex::new(src);
        for d in &diagnostics {
            black_box(index.line_col(src, d.span().start));
        }
        black_box(render_report(
            &diagnostics,
            "hostile.uihook",
            src,
            false,
            100,
        ));
        let took = start.elapsed();
        best = best.min(took);
        total += took;
    }
    best
}

fn main() {
    let mut scale = 10usize;
    let mut k = 4usize;
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scale" => scale = args.next().and_then(|v| v.parse().ok()).unwrap_or(scale),
            "--k" => k = args.next().and_then(|v| v.parse().ok()).unwrap_or(k),
            // cargo bench passes `--bench`.
            a if a.starts_with("--") => {}
            a => filters.push(a.to_owned()),
        }
    }
    println!(
        "{:<30} {:>8} {:>11} {:>8} {:>11} {:>7}",
        "shape", "n", "time(n)", "k*n", "time(k*n)", "ratio"
    );
    for shape in hostile::SHAPES {
        if !filters.is_empty() && !filters.iter().any(|f| shape.name.contains(f.as_str())) {
            continue;
        }
        // Nesting is capped by the depth limit: scaling it up only measures
        // the limit, so those shapes keep the test's sizes.
        let n = if shape.name.contains("nesting") {
            shape.n
        } else {
            shape.n * scale
        };
        let small = time(&(shape.build)(n));
        let big = time(&(shape.build)(k * n));
        println!(
            "{:<30} {:>8} {:>9.2}ms {:>8} {:>9.2}ms {:>6.2}x",
            shape.name,
            n,
            small.as_secs_f64() * 1e3,
            k * n,
            big.as_secs_f64() * 1e3,
            big.as_secs_f64() / small.as_secs_f64()
        );
    }
}
