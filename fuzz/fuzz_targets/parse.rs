//! Fuzz target `parse`: see `uihook_compiler::fuzzing::parse_target`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    uihook_compiler::fuzzing::parse_target(data);
});
