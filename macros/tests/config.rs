//! The macro under a project's `uihook.toml`: one trybuild run per
//! configuration in `tests/config/<case>/`, each pointed at its file with
//! `UIHOOK_CONFIG`.
//!
//! trybuild compiles the cases as binaries of its own crate under
//! `target/tests/trybuild/`, so discovery from `CARGO_MANIFEST_DIR` would
//! find no file there; `UIHOOK_CONFIG` is the macro's `--config`. Each case
//! file always builds under the same configuration, so cargo's cached
//! builds never mix them up. Compiler output changes between releases, so
//! this runs only on the pinned toolchain, as `tests/ui.rs` does.

use std::path::Path;

#[rustversion::attr(not(stable(1.95)), ignore = "stderr is pinned to rustc 1.95")]
#[test]
fn config() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/config");
    // The broken file is not named `uihook.toml`, so that `uihook lint` and
    // `uihook fmt` over the repository do not trip on it.
    for (case, file) in [
        ("chart", "uihook.toml"),
        ("off", "uihook.toml"),
        ("broken", "uihook-broken.toml"),
    ] {
        // Only this test runs in this binary, so nothing reads the
        // environment while it changes.
        std::env::set_var("UIHOOK_CONFIG", root.join(case).join(file));
        let t = trybuild::TestCases::new();
        t.pass(format!("tests/config/{case}/*-pass.rs"));
        t.compile_fail(format!("tests/config/{case}/*-fail.rs"));
        // The cases run when `t` is dropped, under this case's variable.
        drop(t);
    }
    std::env::remove_var("UIHOOK_CONFIG");
}
