//! Write, check and serve ZEIT/Vercel UIHook component markup from Rust.
//!
//! This crate is the facade users depend on. It re-exports the compiler
//! (`uihook-compiler`: parser, schema, validator, escaper, renderer) and the
//! `uihook!` macro (`uihook-macros`), which validates markup at compile time
//! with that same compiler. See the README for the architecture.

#[doc(inline)]
pub use uihook_compiler::*;

#[doc(inline)]
pub use uihook_compiler::schema::{ButtonType, LinkTarget, NoticeType};
