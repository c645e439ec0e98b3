//! Hostile inputs at two sizes, n and 4n: every pass of `check`, the line
//! and column look-ups and the graphical report must do at most about four
//! times the work for four times the input. Work is what the `work-count`
//! feature counts in the loops whose length depends on the input (see
//! `uihook_compiler::work`), plus the number of diagnostics and the bytes
//! of the rendered report; nothing here is timed, so the test means the
//! same on a loaded machine. `compiler/benches/scaling.rs` prints the time.

use uihook_compiler::diagnostic::LineIndex;
use uihook_compiler::report::render_report;
use uihook_compiler::{check, work, Options};

#[path = "../benches/support/hostile.rs"]
mod hostile;

/// What one run cost: counted work, diagnostics, bytes rendered.
#[derive(Debug, Clone, Copy)]
struct Cost {
    work: u64,
    diagnostics: usize,
    rendered: usize,
}

fn cost(src: &str) -> Cost {
    work::take();
    let diagnostics = check(src, &Options::default());
    let index = LineIndex::new(src);
    for d in &diagnostics {
        for label in &d.labels {
            std::hint::black_box(index.line_col(src, label.span.start));
            std::hint::black_box(index.line_col(src, label.span.end));
        }
    }
    let rendered = render_report(&diagnostics, "hostile.uihook", src, false, 100).len();
    Cost {
        work: work::take(),
        diagnostics: diagnostics.len(),
        rendered,
    }
}

/// The largest growth allowed for four times the input.
const MAX_RATIO: f64 = 4.5;

fn ratio(big: usize, small: usize) -> f64 {
    big as f64 / small.max(1) as f64
}

#[test]
fn every_shape_scales_linearly() {
    assert!(
        work::enabled(),
        "the scaling test needs the `work-count` feature (a dev-dependency turns it on)"
    );
    let mut failures = Vec::new();
    for shape in hostile::SHAPES {
        let n = shape.n;
        let small = (shape.build)(n);
        let big = (shape.build)(4 * n);
        let a = cost(&small);
        let b = cost(&big);
        assert!(a.work > 0, "{}: nothing was counted", shape.name);
        if b.diagnostics < shape.min_diagnostics {
            failures.push(format!(
                "{}: expected at least {} diagnostics at 4n = {}, got {}",
                shape.name,
                shape.min_diagnostics,
                4 * n,
                b.diagnostics
            ));
        }
        let work = b.work as f64 / a.work as f64;
        let diagnostics = ratio(b.diagnostics, a.diagnostics);
        let rendered = ratio(b.rendered, a.rendered);
        println!(
            "{:<28} n={n:<6} work {:>10} -> {:>10} ({work:.2}x)  diagnostics {} -> {}  rendered {} -> {}",
            shape.name, a.work, b.work, a.diagnostics, b.diagnostics, a.rendered, b.rendered
        );
        for (what, r) in [
            ("work", work),
            ("diagnostics", diagnostics),
            ("rendered bytes", rendered),
        ] {
            if r > MAX_RATIO {
                failures.push(format!(
                    "{}: {what} grew {r:.2}x for 4x the input",
                    shape.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
