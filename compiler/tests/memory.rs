//! `check` (which runs `diagnose`) keeps no tree: its peak heap stays a
//! small fraction of the source whatever the document's width or depth.
//! Measured with an allocator that records the peak (`peakmem-alloc`), so
//! nothing here is timed. The one test in this file runs alone in its
//! binary, so the peak is its own.

use std::alloc::System;

use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};
use uihook_compiler::{analyze, check, Options, Settings};

#[global_allocator]
static GLOBAL: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The most heap `run` had live at once, beyond what was live before it.
fn peak_of(run: impl FnOnce()) -> usize {
    GLOBAL.reset_peak_memory();
    run();
    GLOBAL.get_peak_memory()
}

#[test]
fn check_keeps_no_tree() {
    let n = 100_000;
    let shapes = [
        ("wide", format!("<Page>{}</Page>", "<P>x</P>\n".repeat(n))),
        (
            "deep and wide",
            format!(
                "<Page>{}{}{}</Page>",
                "<Box>".repeat(200),
                "<P>x <B>y</B></P>\n".repeat(n / 2),
                "</Box>".repeat(200)
            ),
        ),
        (
            "attributes",
            format!(
                "<Page>{}</Page>",
                "<Box display=\"flex\" marginTop=\"8px\"><Input name=\"a\" value=\"b\" /></Box>\n"
                    .repeat(n / 4)
            ),
        ),
    ];
    for (name, src) in &shapes {
        let checked = peak_of(|| {
            std::hint::black_box(check(src, &Options::default()));
        });
        let analyzed = peak_of(|| {
            std::hint::black_box(analyze(src, &Settings::default()));
        });
        println!(
            "{name}: {} bytes of source; peak heap: check {checked} bytes, analyze {analyzed} bytes",
            src.len()
        );
        assert!(
            checked < src.len() / 4,
            "{name}: check peaked at {checked} bytes for {} bytes of source",
            src.len()
        );
        assert!(
            analyzed > 4 * src.len(),
            "{name}: the tree is measured too ({analyzed} bytes), so the check above can fail"
        );
    }
}
