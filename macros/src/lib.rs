//! The `uihook!` procedural macro (being built: issue #4).
