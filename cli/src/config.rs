//! `uihook.toml` for the command: the `uihook-config` crate, which the
//! `uihook!` macro reads too (one discovery, one parser). Re-exported here so
//! the command's modules keep naming `crate::config::…`.

pub use uihook_config::*;
