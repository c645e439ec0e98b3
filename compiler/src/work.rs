//! A counter of the steps taken by the loops whose length depends on the
//! input, so that the scaling tests (`compiler/tests/scaling.rs` and the
//! CLI's and extraction's) can assert that work grows linearly without
//! timing anything.
//!
//! With the `work-count` feature each [`add`] adds to a per-thread total
//! (tests run in parallel threads, and every pass runs on its caller's
//! thread); without it [`add`] is an empty inline function and [`take`]
//! always returns 0, so release builds carry none of it. Only the tests turn
//! the feature on, through dev-dependencies (so it is also on in this
//! crate's own bench builds, where the few increments in per-element loops
//! cost far less than the loops' bodies; the lexer's per-token path has
//! none).

#[cfg(feature = "work-count")]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `steps` units of work on this thread.
#[inline(always)]
pub fn add(steps: usize) {
    #[cfg(feature = "work-count")]
    STEPS.with(|s| s.set(s.get().saturating_add(steps as u64)));
    #[cfg(not(feature = "work-count"))]
    let _ = steps;
}

/// The work counted on this thread since the last call, and starts again
/// from zero. Always 0 without the `work-count` feature.
pub fn take() -> u64 {
    #[cfg(feature = "work-count")]
    return STEPS.with(|s| s.replace(0));
    #[cfg(not(feature = "work-count"))]
    0
}

/// Whether this build counts work (the `work-count` feature is on).
pub fn enabled() -> bool {
    cfg!(feature = "work-count")
}
