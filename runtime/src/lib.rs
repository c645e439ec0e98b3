//! Serve UIHooks from Rust: the counterpart of `@zeit/integration-utils`.
//!
//! A UIHook is an HTTP endpoint the dashboard POSTs a JSON [`Payload`] to; it
//! answers with component markup. This crate owns everything around the
//! markup:
//!
//! | module | feature | what it owns |
//! |---|---|---|
//! | [`answer`] | always | [`Answer`], what a handler returns: a `String` of markup, or `uihook::Markup` |
//! | [`payload`] | always | the POST body, typed `clientState` reads |
//! | [`error_page`] | always | the "Internal Integration Error" page and its reference code, the `GET` info page |
//! | [`webhook`] | always | `x-vercel-signature` HMAC-SHA1, typed webhook events, the delete-hook body |
//! | [`oauth`] | always | the redirect query and the token reply of the OAuth code exchange |
//! | `client` | `client` | the async platform API client (metadata, secrets, env, `fetch`) |
//! | `axum` | `axum` | `router(handler)` with the reference request contract, the webhook extractor, delete-hook and OAuth routes |
//! | `platform` | `platform` | the fake platform API (metadata, secrets, env) that `uihook dev` and `testing` serve |
//! | `lambda` | `lambda` | `run(router)`: the same router on AWS Lambda through `lambda_http` |
//! | `testing` | `testing` | payload fixtures, calling a router without a server, answer assertions, the fake API on a loopback port |
//!
//! The core has no HTTP framework in it, so it can back any server; the
//! `axum` feature is the ready-made one.
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod answer;
pub mod error_page;
pub mod oauth;
pub mod payload;
pub mod webhook;

#[cfg(feature = "client")]
pub mod client;

#[cfg(feature = "axum")]
pub mod axum;

#[cfg(feature = "platform")]
pub mod platform;

#[cfg(feature = "testing")]
pub mod testing;

#[cfg(feature = "lambda")]
pub mod lambda;

mod hex;
mod payload_str;

pub use answer::Answer;
pub use error_page::{error_page, info_page, ReferenceCode};
pub use oauth::{OAuthRedirect, OAuthToken};
pub use payload::{ClientState, ClientStateError, Payload, PayloadStr, QueryValue, Team, User};
pub use webhook::{
    sign, verify_signature, DeleteHookBody, SignatureError, Webhook, WebhookEvent, SIGNATURE_HEADER,
};

#[cfg(feature = "client")]
pub use client::{ApiClient, ApiConfig, ApiError};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
