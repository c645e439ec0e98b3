//! What a hook answers with, without naming a markup type.
//!
//! The `Markup` that `uihook!` evaluates to lives in the `uihook` facade,
//! which depends on this crate (its features `runtime`, `client` and
//! `axum`), so this crate cannot name it without a dependency cycle. Its
//! router takes any [`Answer`] instead: the facade implements it for
//! `uihook::Markup`, and this crate for `String`, markup its caller has
//! already escaped (what this crate's examples and tests build with
//! `format!`). The error page, likewise, is a `String` here and a `Markup`
//! as `uihook::error_page`.

/// A handler's answer: UIHook markup, already escaped, sent as it is.
pub trait Answer {
    /// The markup to send.
    fn into_markup(self) -> String;
}

/// Markup built by hand; nothing is escaped or checked here.
impl Answer for String {
    #[inline]
    fn into_markup(self) -> String {
        self
    }
}
