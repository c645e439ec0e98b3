//! Fuzz target `structured`: see `uihook_compiler::fuzzing::structured_target`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    uihook_compiler::fuzzing::structured_target(data);
});
