//! Renders the same ~3.7 KB page (a header and 20 list items with escaped
//! dynamic text and attributes) with `uihook!`, maud and sailfish, in one
//! run. Run with `cargo bench --bench render`.
//!
//! Three groups: `page` measures wall time, as usual; `page-cpu` measures the
//! CPU time of the benchmarking thread, which leaves out the time the thread
//! waits while other processes hold the core, so on a shared, busy machine
//! its ratios stay close to what an idle machine shows; `page-clean` is the
//! same page without characters to escape, in wall time (also what
//! `benches/instructions.sh page-clean` counts).

// `criterion_group!` defines an undocumented function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use cpu_time::ThreadTime;
use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod page;

use page::{checked_data, with_maud, with_sailfish, with_uihook};

fn bench_group<M: Measurement>(c: &mut Criterion<M>, name: &str, clean: bool) {
    let (d, size) = checked_data(clean);
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(size));
    group.bench_function("uihook", |b| b.iter(|| with_uihook(black_box(&d))));
    group.bench_function("sailfish", |b| b.iter(|| with_sailfish(black_box(&d))));
    group.bench_function("maud", |b| b.iter(|| with_maud(black_box(&d))));
    group.finish();
}

fn bench(c: &mut Criterion) {
    bench_group(c, "page", false);
    bench_group(c, "page-clean", true);
}

fn bench_cpu(c: &mut Criterion<ThreadCpu>) {
    bench_group(c, "page-cpu", false);
}

/// Criterion measurement: CPU time used by the benchmarking thread.
struct ThreadCpu;

impl Measurement for ThreadCpu {
    type Intermediate = ThreadTime;
    type Value = Duration;

    fn start(&self) -> ThreadTime {
        ThreadTime::now()
    }

    fn end(&self, started: ThreadTime) -> Duration {
        started.elapsed()
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuNanos
    }
}

/// Shows CPU nanoseconds as CPU ns/µs, and throughput in MiB per CPU-second.
struct CpuNanos;

impl ValueFormatter for CpuNanos {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        if typical < 1_000.0 {
            "ns (CPU)"
        } else {
            values.iter_mut().for_each(|v| *v /= 1_000.0);
            "µs (CPU)"
        }
    }

    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        // Nanoseconds per iteration → bytes (or elements) per CPU-second.
        let (per_iteration, unit, scale) = match throughput {
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) => (*n, "MiB/CPU-s", 1_048_576.0),
            Throughput::Elements(n) => (*n, "elem/CPU-s", 1.0),
        };
        values
            .iter_mut()
            .for_each(|v| *v = per_iteration as f64 * 1e9 / *v / scale);
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = bench_cpu
}
criterion_main!(benches, cpu);
