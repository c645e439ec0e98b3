//! Compile-fail tests: every error kind of `uihook!`, with the compiler's
//! message as `.stderr`. Compiler output changes between releases, so they
//! run only on the pinned toolchain (rustc 1.95).

#[rustversion::attr(not(stable(1.95)), ignore = "stderr is pinned to rustc 1.95")]
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*-fail.rs");
}
