//! Fuzz target `escape`: see `uihook_compiler::fuzzing::escape_target`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    uihook_compiler::fuzzing::escape_target(data);
});
