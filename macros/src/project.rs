//! The project's `uihook.toml`, as the expansion of one invocation sees it.
//!
//! Discovery and parsing are `uihook-config`'s, the same the `uihook`
//! command uses, so the macro and `uihook lint` never disagree: the nearest
//! `uihook.toml` from `CARGO_MANIFEST_DIR` upward, or the file named by
//! `UIHOOK_CONFIG` (relative to `CARGO_MANIFEST_DIR`), the macro's
//! `--config`. The file is read at every expansion rather than cached, since
//! one rustc or rust-analyzer process expands many crates over time and a
//! cache could serve an old file.
//!
//! Stable Rust has no tracked paths, so the expansion names the file in a
//! hidden `include_bytes!`: rustc then lists it in the crate's dep-info, and
//! cargo rebuilds when it changes.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use uihook_compiler::Settings;
use uihook_config::Config;

/// The environment variable that names the configuration file, overriding
/// discovery.
pub const CONFIG_VAR: &str = "UIHOOK_CONFIG";

/// What one expansion takes from the project.
pub struct Project {
    /// The analysis settings (`extra-components`, `extra-attributes`,
    /// `[rules]`); the defaults when there is no file or it is broken.
    pub settings: Settings,
    /// The file the settings came from, tracked by the expansion.
    pub file: Option<PathBuf>,
    /// Why the file could not be used: `path:line:column: message`.
    pub error: Option<String>,
}

impl Project {
    /// No configuration file: the default rules.
    pub fn none() -> Project {
        Project {
            settings: Settings::default(),
            file: None,
            error: None,
        }
    }

    /// The project of the crate being compiled, from the environment cargo
    /// gives rustc.
    pub fn from_env() -> Project {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let forced = std::env::var_os(CONFIG_VAR)
            .filter(|v| !v.is_empty())
            .map(|v| manifest_dir.join(v));
        Project::find(&manifest_dir, forced.as_deref())
    }

    /// The configuration for a crate whose manifest is in `manifest_dir`, or
    /// the file `forced`.
    pub fn find(manifest_dir: &Path, forced: Option<&Path>) -> Project {
        let Some(file) = forced
            .map(Path::to_owned)
            .or_else(|| uihook_config::discover(manifest_dir))
        else {
            return Project::none();
        };
        match Config::load(&file) {
            Ok(config) => Project {
                settings: config.settings,
                file: Some(file),
                error: None,
            },
            Err(e) => Project {
                settings: Settings::default(),
                // A broken file is tracked too, so that fixing it rebuilds
                // (a missing one cannot be).
                file: file.is_file().then_some(file),
                error: Some(e.to_string()),
            },
        }
    }

    /// Tokens that make cargo rebuild when the file changes, and report a
    /// broken file at the invocation.
    pub fn tokens(&self) -> TokenStream {
        let mut out = TokenStream::new();
        if let Some(file) = self.file.as_ref().and_then(|f| f.to_str()) {
            out.extend(quote! {
                const _: &[u8] = ::core::include_bytes!(#file);
            });
        }
        if let Some(error) = &self.error {
            let message = format!(
                "cannot use the project's uihook.toml: {error}\n  = help: fix the file (`uihook lint` reads it too); until then `uihook!` checks with the default rules"
            );
            out.extend(quote::quote_spanned! {Span::call_site()=>
                ::core::compile_error! { #message };
            });
        }
        out
    }
}
