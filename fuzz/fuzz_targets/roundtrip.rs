//! Fuzz target `roundtrip`: see `uihook_compiler::fuzzing::roundtrip_target`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    uihook_compiler::fuzzing::roundtrip_target(data);
});
