//! `uihook!` against sailfish and maud in interleaved rounds, printing the
//! ratios. Run with `cargo bench --bench ratio` (`-- ROUNDS` to change the
//! number of rounds, 300 by default). Two pages: the page, with
//! characters to escape in every value, and the same page without any.
//!
//! Criterion measures one engine after the other, seconds apart, so on a
//! shared machine a change of load between two windows shows up as a
//! difference between engines. Here every round renders the page a few
//! thousand times with each engine in turn (in a rotating order), timing
//! each batch by the thread's CPU time and by wall time, and the ratio of
//! each round is taken between batches a few milliseconds apart. The median
//! of those ratios, and its spread, are what docs/performance.md reports.

// `harness = false` benches have no use for docs on `main`.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use cpu_time::ThreadTime;

mod page;

use page::{checked_data, with_maud, with_sailfish, with_uihook, Data};

/// Renders per batch: about 2–4 ms of work, well above the clock's
/// resolution and short enough for load changes to hit both engines alike.
const BATCH: u32 = 2_000;

type Engine = (&'static str, fn(&Data) -> String);

const ENGINES: [Engine; 3] = [
    ("uihook", with_uihook),
    ("sailfish", with_sailfish),
    ("maud", with_maud),
];

/// Nanoseconds per render of one batch: the thread's CPU time, and wall
/// time.
fn batch(render: fn(&Data) -> String, d: &Data) -> (f64, f64) {
    let (cpu, wall) = (ThreadTime::now(), Instant::now());
    for _ in 0..BATCH {
        black_box(render(black_box(d)));
    }
    let per_render = |t: Duration| t.as_secs_f64() * 1e9 / f64::from(BATCH);
    (per_render(cpu.elapsed()), per_render(wall.elapsed()))
}

/// The value at fraction `q` of sorted `v` (nearest rank).
fn quantile(v: &[f64], q: f64) -> f64 {
    let i = ((v.len() - 1) as f64 * q).round() as usize;
    v[i]
}

fn summary(name: &str, mut v: Vec<f64>, unit: &str) {
    v.sort_by(f64::total_cmp);
    println!(
        "{name:<18} median {:>8.3}{unit}   middle half {:.3}–{:.3}{unit}",
        quantile(&v, 0.5),
        quantile(&v, 0.25),
        quantile(&v, 0.75)
    );
}

fn main() {
    // Any argument that is a number is the round count. `cargo bench`
    // passes `--bench`; `cargo test --benches` does not, and gets a quick
    // two-round run that only checks the page and that the loop works.
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(300);
    let testing = std::env::args().all(|a| a != "--bench");
    let rounds = if testing { 2 } else { rounds };
    for clean in [false, true] {
        let (d, size) = checked_data(clean);
        let times = measure(&d, rounds);
        if testing {
            println!("ratio: page checked, {rounds} rounds ran (figures only from `cargo bench`)");
            continue;
        }
        let page = if clean {
            "no character to escape"
        } else {
            "escaped text and attributes"
        };
        println!("{rounds} rounds of {BATCH} renders per engine, {size}-byte page, {page}");
        for (clock, name) in ["thread CPU time", "wall time"].iter().enumerate() {
            let t = &times[clock];
            let ratio = |a: usize, b: usize| -> Vec<f64> {
                t[a].iter().zip(&t[b]).map(|(x, y)| x / y).collect()
            };
            println!("{name}:");
            for (e, (engine, _)) in ENGINES.iter().enumerate() {
                summary(engine, t[e].clone(), " ns");
            }
            summary("uihook / sailfish", ratio(0, 1), "");
            summary("maud / uihook", ratio(2, 0), "");
        }
        println!();
    }
}

/// Per-render times, `[clock][engine][round]` (clock 0: CPU, 1: wall).
fn measure(d: &Data, rounds: usize) -> Vec<Vec<Vec<f64>>> {
    // Warm-up: caches, the size hints of uihook and sailfish, the allocator.
    for (_, render) in ENGINES {
        batch(render, d);
    }
    let mut times = vec![vec![Vec::with_capacity(rounds); ENGINES.len()]; 2];
    for round in 0..rounds {
        for k in 0..ENGINES.len() {
            let e = (round + k) % ENGINES.len();
            let (cpu, wall) = batch(ENGINES[e].1, d);
            times[0][e].push(cpu);
            times[1][e].push(wall);
        }
    }
    times
}
