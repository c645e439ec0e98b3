//! Throughput of the compiler core on realistic documents.
//!
//! Targets (issue #3): lex+parse+validate ≥ 100 MB/s single-threaded, a 10×
//! larger input in ≤ 11× the time, the text escaper ≥ 10 GiB/s on clean input
//! and ≥ 1 GiB/s with 5 % special characters.
//!
//! Run with `cargo bench -p uihook-compiler`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use uihook_compiler::escape::{markup_attr, markup_text, markup_text_into};
use uihook_compiler::{check, Options};

#[path = "support/corpus.rs"]
mod corpus;
use corpus::document;

fn stages(c: &mut Criterion) {
    let doc = document(1 << 20);
    let mut group = c.benchmark_group("stage-1MB");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(doc.len() as u64));
    group.bench_function("lex", |b| {
        b.iter(|| uihook_compiler::lexer::Lexer::new(black_box(&doc)).count())
    });
    group.bench_function("lex+parse", |b| {
        b.iter(|| uihook_compiler::parse(black_box(&doc)))
    });
    let parsed = uihook_compiler::parse(&doc);
    group.bench_function("validate", |b| {
        b.iter(|| uihook_compiler::validate(black_box(&parsed.document), &Options::default()))
    });
    group.finish();
}

fn lint(c: &mut Criterion) {
    let mut group = c.benchmark_group("lex+parse+validate");
    group.sample_size(20);
    for (label, size) in [("1MB", 1 << 20), ("10MB", 10 << 20)] {
        let doc = document(size);
        assert!(
            check(&doc, &Options::default()).is_empty(),
            "the benchmark document must be clean"
        );
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &doc, |b, doc| {
            b.iter(|| check(black_box(doc), &Options::default()))
        });
    }
    group.finish();
}

fn escaping(c: &mut Criterion) {
    let (clean, dirty) = corpus::escape_inputs();
    let mut group = c.benchmark_group("escape");
    for (label, input) in [("text-clean", &clean), ("text-5pct", &dirty)] {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), input, |b, s| {
            b.iter(|| markup_text(black_box(s)))
        });
    }
    group.throughput(Throughput::Bytes(dirty.len() as u64));
    group.bench_with_input(
        BenchmarkId::from_parameter("text-5pct-into-reused-buffer"),
        &dirty,
        |b, s| {
            let mut out = String::with_capacity(s.len() * 2);
            b.iter(|| {
                out.clear();
                markup_text_into(black_box(s), &mut out);
            })
        },
    );
    group.throughput(Throughput::Bytes(dirty.len() as u64));
    group.bench_with_input(BenchmarkId::from_parameter("attr-5pct"), &dirty, |b, s| {
        b.iter(|| markup_attr(black_box(s)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = stages, lint, escaping
}
criterion_main!(benches);
