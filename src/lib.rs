//! Write, check and serve ZEIT/Vercel UIHook component markup from Rust.
//!
//! This crate is the facade users depend on. It re-exports the compiler
//! (`uihook-compiler`: parser, schema, validator, escaper, renderer) and the
//! `uihook!` macro (`uihook-macros`), which validates markup at compile time
//! with that same compiler, and holds the macro's run-time half: [`Markup`]
//! and the traits of [`markup`]. See the README for the architecture.
//!
//! ```
//! use uihook::uihook;
//!
//! let count = 3;
//! let items = ["https://example.com/a", "https://example.com/b?x=1&y=2"];
//! let markup = uihook! {
//!     <Page>
//!         <P>Counter: {count}</P>
//!         <Button action="submit">Count me</Button>
//!         <UL>
//!             {items.iter().map(|url| uihook! { <LI><Link href={url} target="_blank">{url}</Link></LI> })}
//!         </UL>
//!     </Page>
//! };
//! assert!(markup.into_string().starts_with("<Page><P>Counter: 3</P>"));
//! ```

#[doc(inline)]
pub use uihook_compiler::*;

pub mod markup;

pub use markup::{AttrValue, EnumValue, FlagValue, Markup, Render, SchemaEnum};

#[doc(inline)]
pub use uihook_compiler::schema::{ButtonType, LinkTarget, NoticeType};

/// Writes UIHook markup checked at compile time, and evaluates to a
/// [`Markup`]: see the README section "Writing markup with `uihook!`".
pub use uihook_macros::uihook;

/// Serving hooks (feature `runtime`): payload, error page, webhooks and OAuth
/// types; the API client (feature `client`) and the axum router (feature `axum`).
#[cfg(feature = "runtime")]
pub use uihook_runtime as runtime;

#[cfg(feature = "runtime")]
#[doc(inline)]
pub use uihook_runtime::{
    sign, verify_signature, ClientState, ClientStateError, DeleteHookBody, OAuthRedirect,
    OAuthToken, Payload, PayloadStr, ReferenceCode, SignatureError, Webhook, WebhookEvent,
};

/// The error page as [`Markup`] (the runtime's is a `String`).
#[cfg(feature = "runtime")]
pub use markup::error_page;

#[cfg(feature = "client")]
#[doc(inline)]
pub use uihook_runtime::{client, ApiClient, ApiConfig, ApiError};

#[cfg(feature = "axum")]
pub use uihook_runtime::axum;

/// Testing hooks in `cargo test` without a server (feature `testing`):
/// payload fixtures, `call`, answer assertions and the fake platform API
/// that `uihook dev` serves too.
#[cfg(feature = "testing")]
pub use uihook_runtime::testing;

/// Running a hook on AWS Lambda (feature `lambda`): `uihook::lambda::run(router)`.
#[cfg(feature = "lambda")]
pub use uihook_runtime::lambda;

/// What the expansion of `uihook!` names; not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::markup::private::*;
    pub use core::iter::IntoIterator;
    pub use std::string::String;
    pub use uihook_compiler::schema;
}
