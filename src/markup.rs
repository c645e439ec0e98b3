//! The run-time half of the `uihook!` macro: [`Markup`] and the traits that
//! say how a Rust value is written into markup.
//!
//! The macro turns static markup into string literals at expansion time; this
//! module owns what happens to the values interpolated with `{expr}`:
//!
//! | position | trait | what is written |
//! |---|---|---|
//! | child `{expr}` | [`Render`] | text escaped by [`markup_text_into`]; numbers as they are; [`Markup`] as it is; `None` and empty iterators as nothing |
//! | `name={expr}` | [`AttrValue`] | ` name="…` escaped by [`markup_attr_into`]; nothing for `None` |
//! | flag `name={expr}` | [`FlagValue`] | ` name` for `true`, nothing for `false` |
//! | enum `name={expr}` | [`EnumValue`] | the typed enum's value ([`NoticeType`], …), never a free string |
//!
//! `bool` implements only [`FlagValue`]: as a child it would print `true` or
//! `false`, which is what `{cond && …}` does by mistake in JSX. The escapers
//! are the ones in [`uihook_compiler::escape`], so static text (escaped when
//! the macro expands) and dynamic text go through the same code.
//!
//! Attribute writers leave the closing `"` to the caller and say whether
//! they wrote anything: the macro merges that quote into the static markup
//! that follows (`">` or `" target="_blank">`), so a dynamic attribute costs
//! one `push_str` of its prefix and the escaped value, like a hand-written
//! template's, while `None` can still leave the whole attribute out.
//!
//! This module lives in the facade, as maud keeps its runtime in `maud`,
//! so that the compiler owns the language only. The runtime
//! (`uihook-runtime`, which the facade depends on) therefore never names
//! [`Markup`]: its router takes any `uihook_runtime::Answer`, which
//! `Markup` implements below (feature `runtime`), and its error page is a
//! `String` that `uihook::error_page` wraps.

use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use uihook_compiler::escape::{markup_attr_into, markup_text_into, markup_text_into_hot};
use uihook_compiler::schema::{ButtonType, LinkTarget, NoticeType};

/// Markup that is already escaped: the value of a `uihook!` invocation.
///
/// It is written as it is wherever it is interpolated, and never accepted in
/// attribute position (where it would need a different escaping).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Markup(String);

impl Markup {
    /// Wraps a string the caller vouches is valid, escaped markup. Nothing is
    /// checked: prefer `uihook!`, which escapes and validates.
    pub fn pre_escaped(markup: impl Into<String>) -> Markup {
        Markup(markup.into())
    }

    /// The markup as a `String`, ready to send to the host.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The markup as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Appends the markup to `out`.
    pub fn render_into(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl fmt::Display for Markup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Markup> for String {
    fn from(markup: Markup) -> String {
        markup.0
    }
}

impl AsRef<str> for Markup {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A value that can be written as a child inside `uihook!`: `{expr}`.
///
/// Implemented for text (`&str`, `String`, `Cow<str>`, `char`: escaped),
/// numbers (written as they are), [`Markup`] (already escaped), `Option<T>`
/// (`None` writes nothing) and sequences (`Vec<T>`, slices, arrays: each item
/// in turn). Iterators are accepted by the macro directly. Implement it for
/// your own types to make them interpolable.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be rendered inside `uihook!`",
    label = "not renderable",
    note = "children can be text (`&str`, `String`), numbers, `Markup`, `Option<T>`, and iterators or `Vec`s of those",
    note = "`bool` is not renderable on purpose, so that `{{cond && …}}` cannot print `false`: write `{{cond.then(|| uihook! {{ … }})}}`, or `{{if cond {{ … }} else {{ … }}}}`"
)]
pub trait Render {
    /// Appends the value, escaped for the text context, to `out`.
    fn render_into(&self, out: &mut String);

    /// [`Render::render_into`] inside a loop of the `uihook!` expansion,
    /// where text is escaped with the scan inlined
    /// ([`uihook_compiler::escape::markup_text_into_hot`]). Not for implementing.
    #[doc(hidden)]
    #[inline]
    fn __render_hot(&self, out: &mut String) {
        self.render_into(out);
    }
}

/// Text: escaped by [`markup_text_into`], or by its inlined form in loops.
macro_rules! render_text {
    ($($t:ty),*) => {$(
        impl Render for $t {
            #[inline]
            fn render_into(&self, out: &mut String) {
                markup_text_into(self, out);
            }

            #[inline]
            fn __render_hot(&self, out: &mut String) {
                markup_text_into_hot(self, out);
            }
        }
    )*};
}

render_text!(str, String, Cow<'_, str>);

impl Render for char {
    fn render_into(&self, out: &mut String) {
        markup_text_into(self.encode_utf8(&mut [0; 4]), out);
    }
}

impl Render for Markup {
    #[inline]
    fn render_into(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl Render for fmt::Arguments<'_> {
    fn render_into(&self, out: &mut String) {
        match self.as_str() {
            Some(s) => markup_text_into(s, out),
            None => markup_text_into(&self.to_string(), out),
        }
    }
}

impl<T: Render + ?Sized> Render for &T {
    #[inline]
    fn render_into(&self, out: &mut String) {
        (**self).render_into(out);
    }

    #[inline]
    fn __render_hot(&self, out: &mut String) {
        (**self).__render_hot(out);
    }
}

impl<T: Render + ?Sized> Render for &mut T {
    #[inline]
    fn render_into(&self, out: &mut String) {
        (**self).render_into(out);
    }

    #[inline]
    fn __render_hot(&self, out: &mut String) {
        (**self).__render_hot(out);
    }
}

impl<T: Render + ?Sized> Render for Box<T> {
    fn render_into(&self, out: &mut String) {
        (**self).render_into(out);
    }
}

impl<T: Render + ?Sized> Render for Rc<T> {
    fn render_into(&self, out: &mut String) {
        (**self).render_into(out);
    }
}

impl<T: Render + ?Sized> Render for Arc<T> {
    fn render_into(&self, out: &mut String) {
        (**self).render_into(out);
    }
}

impl<T: Render> Render for Option<T> {
    #[inline]
    fn render_into(&self, out: &mut String) {
        if let Some(value) = self {
            value.render_into(out);
        }
    }

    #[inline]
    fn __render_hot(&self, out: &mut String) {
        if let Some(value) = self {
            value.__render_hot(out);
        }
    }
}

impl<T: Render> Render for [T] {
    fn render_into(&self, out: &mut String) {
        for item in self {
            item.__render_hot(out);
        }
    }
}

impl<T: Render, const N: usize> Render for [T; N] {
    fn render_into(&self, out: &mut String) {
        self.as_slice().render_into(out);
    }
}

impl<T: Render> Render for Vec<T> {
    fn render_into(&self, out: &mut String) {
        self.as_slice().render_into(out);
    }
}

/// Integers need no escaping.
macro_rules! render_integer {
    ($($t:ty),*) => {$(
        impl Render for $t {
            #[inline]
            fn render_into(&self, out: &mut String) {
                // `itoa` writes digits without going through `core::fmt`,
                // which costs more than escaping a whole line of text.
                out.push_str(itoa::Buffer::new().format(*self));
            }
        }

        impl AttrValue for $t {
            #[inline]
            fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
                out.push_str(prefix);
                self.render_into(out);
                true
            }
        }
    )*};
}

render_integer!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

/// Floats need no escaping either: `Display` writes digits, `.`, `-`,
/// `inf` or `NaN`.
macro_rules! render_display {
    ($($t:ty),*) => {$(
        impl Render for $t {
            #[inline]
            fn render_into(&self, out: &mut String) {
                use std::fmt::Write;
                let _ = write!(out, "{self}");
            }
        }

        impl AttrValue for $t {
            #[inline]
            fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
                use std::fmt::Write;
                let _ = write!(out, "{prefix}{self}");
                true
            }
        }
    )*};
}

render_display!(f32, f64);

/// A value for a text attribute: `name={expr}` where the schema's kind is not
/// a flag or an enum.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an attribute value in `uihook!`",
    label = "not an attribute value",
    note = "attribute values can be text (`&str`, `String`), numbers, or `Option`s of those (`None` leaves the attribute out)",
    note = "`Markup` is escaped for text, not for attributes; `bool` goes only on flag attributes such as `disabled`"
)]
pub trait AttrValue {
    /// Appends `prefix` (` name="`, leading space included) and the escaped
    /// value, without the closing quote, and returns `true`; or writes
    /// nothing and returns `false` when there is no value.
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool;
}

#[inline]
fn attr_str(prefix: &str, value: &str, out: &mut String) -> bool {
    // No `reserve` here: the call site's size hint has made room already,
    // and the escaper reserves for what escaping adds.
    out.push_str(prefix);
    markup_attr_into(value, out);
    true
}

impl AttrValue for str {
    #[inline]
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
        attr_str(prefix, self, out)
    }
}

impl AttrValue for String {
    #[inline]
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
        attr_str(prefix, self, out)
    }
}

impl AttrValue for Cow<'_, str> {
    #[inline]
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
        attr_str(prefix, self, out)
    }
}

impl AttrValue for char {
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
        attr_str(prefix, self.encode_utf8(&mut [0; 4]), out)
    }
}

impl<T: AttrValue + ?Sized> AttrValue for &T {
    #[inline]
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
        (**self).render_attr(prefix, out)
    }
}

impl<T: AttrValue + ?Sized> AttrValue for Box<T> {
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
        (**self).render_attr(prefix, out)
    }
}

impl<T: AttrValue + ?Sized> AttrValue for Rc<T> {
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
        (**self).render_attr(prefix, out)
    }
}

impl<T: AttrValue + ?Sized> AttrValue for Arc<T> {
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
        (**self).render_attr(prefix, out)
    }
}

impl<T: AttrValue> AttrValue for Option<T> {
    #[inline]
    fn render_attr(&self, prefix: &str, out: &mut String) -> bool {
        match self {
            Some(value) => value.render_attr(prefix, out),
            None => false,
        }
    }
}

/// A value for a flag attribute (`disabled`, `small`, …): `true` writes the
/// bare name, `false` and `None` write nothing.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the value of a flag attribute",
    label = "expected `bool`",
    note = "flag attributes take a `bool` (or `Option<bool>`): `true` writes the flag, `false` leaves it out"
)]
pub trait FlagValue {
    /// Appends ` name` when the flag is set.
    fn render_flag(&self, name: &str, out: &mut String);
}

impl FlagValue for bool {
    #[inline]
    fn render_flag(&self, name: &str, out: &mut String) {
        if *self {
            out.push_str(name);
        }
    }
}

impl<T: FlagValue + ?Sized> FlagValue for &T {
    #[inline]
    fn render_flag(&self, name: &str, out: &mut String) {
        (**self).render_flag(name, out);
    }
}

impl<T: FlagValue> FlagValue for Option<T> {
    #[inline]
    fn render_flag(&self, name: &str, out: &mut String) {
        if let Some(value) = self {
            value.render_flag(name, out);
        }
    }
}

/// One of the typed enums generated from the schema ([`NoticeType`],
/// [`ButtonType`], [`LinkTarget`]).
pub trait SchemaEnum: Copy {
    /// The value as written in markup.
    fn as_markup_str(self) -> &'static str;
}

/// A value for the enum attribute whose type is `E`: the enum itself, a
/// reference to it, or an `Option` (`None` leaves the attribute out).
#[diagnostic::on_unimplemented(
    message = "this attribute takes a `{E}`, not `{Self}`",
    label = "expected `{E}`",
    note = "enum attributes take a string literal checked at compile time (`type=\"warn\"`) or the typed enum (`uihook::{E}::…`), never a run-time string"
)]
pub trait EnumValue<E: SchemaEnum> {
    /// Appends `prefix` (` name="`) and the value, without the closing
    /// quote, and returns `true`; or writes nothing and returns `false` for
    /// `None`.
    fn render_enum(&self, prefix: &str, out: &mut String) -> bool;
}

impl<E: SchemaEnum, T: EnumValue<E> + ?Sized> EnumValue<E> for &T {
    #[inline]
    fn render_enum(&self, prefix: &str, out: &mut String) -> bool {
        (**self).render_enum(prefix, out)
    }
}

impl<E: SchemaEnum, T: EnumValue<E>> EnumValue<E> for Option<T> {
    #[inline]
    fn render_enum(&self, prefix: &str, out: &mut String) -> bool {
        match self {
            Some(value) => value.render_enum(prefix, out),
            None => false,
        }
    }
}

macro_rules! schema_enums {
    ($($t:ident),*) => {
        $(impl SchemaEnum for $t {
            fn as_markup_str(self) -> &'static str {
                self.as_str()
            }
        }

        impl EnumValue<$t> for $t {
            #[inline]
            fn render_enum(&self, prefix: &str, out: &mut String) -> bool {
                // Enum values are plain identifiers: nothing to escape.
                out.push_str(prefix);
                out.push_str(self.as_str());
                true
            }
        })*

        /// The Rust names of the enums that implement [`SchemaEnum`]; a test
        /// checks that the schema uses no other.
        pub const SCHEMA_ENUMS: &[&str] = &[$(stringify!($t)),*];
    };
}

schema_enums!(NoticeType, ButtonType, LinkTarget);

/// `Markup` is what a hook answers with, for the runtime's axum router.
///
/// The runtime cannot name `Markup` (this crate depends on the runtime, not
/// the other way round), so its router takes any
/// [`uihook_runtime::Answer`]: this impl, and the runtime's own for a
/// `String` of markup (what its examples and tests build with `format!`).
#[cfg(feature = "runtime")]
impl uihook_runtime::Answer for Markup {
    fn into_markup(self) -> String {
        self.0
    }
}

/// The "Internal Integration Error" page showing `code`
/// ([`uihook_runtime::error_page`], the reference runtime's page) as
/// [`Markup`], so that a handler can answer with it.
#[cfg(feature = "runtime")]
pub fn error_page(code: &uihook_runtime::ReferenceCode) -> Markup {
    Markup(uihook_runtime::error_page(code))
}

/// Helpers the `uihook!` expansion calls; not a stable API.
#[doc(hidden)]
pub mod private {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::{AttrValue, EnumValue, FlagValue, Markup, Render, SchemaEnum};

    /// Holds an interpolated child value while the macro picks how to render
    /// it: an iterator (by value) is rendered item by item, anything else
    /// through [`Render`]. The pick is made by method resolution, which
    /// tries the by-value [`RenderIter`] impl before the by-reference
    /// inherent method.
    pub struct Child<T>(pub T);

    /// The `_hot` methods are what the macro calls inside its loops: the
    /// same rendering, with text escaped by the inlined scan
    /// ([`Render::__render_hot`]). Iterators always render their items that
    /// way, since they are loops themselves.
    impl<T> Child<T> {
        /// Renders a [`Render`] value.
        #[inline]
        pub fn __uihook_render(&self, out: &mut String)
        where
            T: Render,
        {
            self.0.render_into(out);
        }

        /// Renders a [`Render`] value inside a loop.
        #[inline]
        pub fn __uihook_render_hot(&self, out: &mut String)
        where
            T: Render,
        {
            self.0.__render_hot(out);
        }
    }

    /// Renders an iterator of renderable items (see [`Child`]).
    pub trait RenderIter {
        /// Renders each item in turn.
        fn __uihook_render(self, out: &mut String);

        /// The same, inside a loop.
        fn __uihook_render_hot(self, out: &mut String);
    }

    impl<I> RenderIter for Child<I>
    where
        I: Iterator,
        I::Item: Render,
    {
        #[inline]
        fn __uihook_render(self, out: &mut String) {
            for item in self.0 {
                item.__render_hot(out);
            }
        }

        #[inline]
        fn __uihook_render_hot(self, out: &mut String) {
            RenderIter::__uihook_render(self, out);
        }
    }

    /// Renders an iterator held in a variable (see [`Child`]).
    pub trait RenderIterRef {
        /// Renders each item of a clone of the iterator.
        fn __uihook_render(self, out: &mut String);

        /// The same, inside a loop.
        fn __uihook_render_hot(self, out: &mut String);
    }

    /// An iterator held in a variable is rendered from a clone, so the
    /// variable stays usable.
    impl<I> RenderIterRef for Child<&I>
    where
        I: Iterator + Clone,
        I::Item: Render,
    {
        #[inline]
        fn __uihook_render(self, out: &mut String) {
            for item in self.0.clone() {
                item.__render_hot(out);
            }
        }

        #[inline]
        fn __uihook_render_hot(self, out: &mut String) {
            RenderIterRef::__uihook_render(self, out);
        }
    }

    /// Writes a text attribute's prefix and value (see [`AttrValue`]).
    #[inline]
    pub fn attr<T: AttrValue + ?Sized>(value: &T, prefix: &str, out: &mut String) -> bool {
        value.render_attr(prefix, out)
    }

    /// Writes a `Box` style property, or leaves it out when the value could
    /// break out of its CSS declaration (the compiler's
    /// [`uihook_compiler::css::unsafe_value`], the rule static values are held to).
    pub fn css<T: AttrValue + ?Sized>(value: &T, prefix: &str, out: &mut String) -> bool {
        attr_if(value, prefix, out, |written| {
            if written.contains('&') {
                uihook_compiler::css::unsafe_value(
                    &written.replace("&quot;", "\"").replace("&amp;", "&"),
                )
                .is_none()
            } else {
                uihook_compiler::css::unsafe_value(written).is_none()
            }
        })
    }

    /// Writes a URL attribute (`href`, `src`), or leaves it out when its
    /// scheme is unsafe ([`uihook_compiler::validate::url_scheme_is_safe`], the rule
    /// static values are held to).
    #[inline]
    pub fn url<T: AttrValue + ?Sized>(value: &T, prefix: &str, out: &mut String) -> bool {
        // No need to decode first: the escaper writes only `&amp;` and
        // `&quot;`, which hold none of the characters that end a scheme, and
        // a scheme with `&` or `"` in it is unsafe either way.
        attr_if(
            value,
            prefix,
            out,
            uihook_compiler::validate::url_scheme_is_safe,
        )
    }

    /// Writes an attribute's prefix and escaped value, then takes it back
    /// out unless `safe` accepts the value as written.
    #[inline(always)]
    fn attr_if<T: AttrValue + ?Sized>(
        value: &T,
        prefix: &str,
        out: &mut String,
        safe: impl FnOnce(&str) -> bool,
    ) -> bool {
        let start = out.len();
        if !value.render_attr(prefix, out) {
            return false;
        }
        let kept = out.get(start + prefix.len()..).is_some_and(safe);
        if !kept {
            out.truncate(start);
        }
        kept
    }

    /// Writes a flag attribute.
    #[inline]
    pub fn flag<T: FlagValue + ?Sized>(value: &T, name: &str, out: &mut String) {
        value.render_flag(name, out);
    }

    /// Writes an enum attribute of type `E`'s prefix and value (see
    /// [`EnumValue`]).
    #[inline]
    pub fn enum_attr<E: SchemaEnum, T: EnumValue<E> + ?Sized>(
        value: &T,
        prefix: &str,
        out: &mut String,
    ) -> bool {
        value.render_enum(prefix, out)
    }

    /// The buffer size one `uihook!` call site needed last time, so that
    /// later calls allocate once (a `static` per call site).
    pub struct SizeHint(AtomicUsize);

    impl SizeHint {
        /// A hint starting at the macro's static estimate.
        pub const fn new(estimate: usize) -> Self {
            SizeHint(AtomicUsize::new(estimate))
        }

        /// The capacity to allocate.
        #[inline]
        pub fn get(&self) -> usize {
            self.0.load(Ordering::Relaxed)
        }

        /// Records the size of a finished buffer.
        #[inline]
        pub fn update(&self, len: usize) {
            let wanted = len + len / 8;
            if wanted > self.get() {
                self.0.store(wanted, Ordering::Relaxed);
            }
        }
    }

    /// Wraps the finished buffer.
    #[inline]
    pub fn finish(out: String) -> Markup {
        Markup(out)
    }

    /// How many bytes `iter` will probably need, from its lower size bound
    /// and the static size of one item.
    #[inline]
    pub fn reserve_for<I: Iterator>(iter: &I, per_item: usize, out: &mut String) {
        out.reserve(iter.size_hint().0.saturating_mul(per_item));
    }
}

#[cfg(test)]
mod tests {
    use super::private::*;
    use super::*;
    use uihook_compiler::schema::{Kind, COMPONENTS};

    fn render(value: impl Render) -> String {
        let mut out = String::new();
        value.render_into(&mut out);
        out
    }

    #[test]
    fn children() {
        assert_eq!(render("a < b & {c}"), "a &lt; b &amp; &#123;c&#125;");
        assert_eq!(render(String::from("x\"y")), "x\"y");
        assert_eq!(render(-12i32), "-12");
        assert_eq!(render(0u8), "0");
        assert_eq!(render(i64::MIN), i64::MIN.to_string());
        assert_eq!(render(u128::MAX), u128::MAX.to_string());
        assert_eq!(render(i128::MIN + 1), (i128::MIN + 1).to_string());
        assert_eq!(render(1.5f64), "1.5");
        assert_eq!(render(Markup::pre_escaped("<B>x</B>")), "<B>x</B>");
        assert_eq!(render(None::<&str>), "");
        assert_eq!(render(Some('<')), "&lt;");
        assert_eq!(render(vec!["a", "<"]), "a&lt;");
    }

    #[test]
    fn iterators_and_values_pick_their_impl() {
        let mut out = String::new();
        Child(["a", "b"].iter().map(|s| s.to_uppercase())).__uihook_render(&mut out);
        Child(&"<").__uihook_render(&mut out);
        Child(&Some(3)).__uihook_render(&mut out);
        assert_eq!(out, "AB&lt;3");
    }

    #[test]
    fn attributes() {
        // Each writer returns whether it wrote; the caller then closes the
        // quote, as the macro's expansion does.
        let mut out = String::new();
        let close = |written: bool, out: &mut String| {
            if written {
                out.push('"');
            }
            written
        };
        let w = attr("a\"&b", " title=\"", &mut out);
        assert!(close(w, &mut out));
        let w = attr(&None::<String>, " href=\"", &mut out);
        assert!(!close(w, &mut out));
        let w = attr(&7u8, " width=\"", &mut out);
        assert!(close(w, &mut out));
        let w = attr(&Some(1.5f64), " height=\"", &mut out);
        assert!(close(w, &mut out));
        let w = css(&"red", " color=\"", &mut out);
        assert!(close(w, &mut out));
        let w = css(&"red;position:fixed", " color=\"", &mut out);
        assert!(!close(w, &mut out));
        let w = css(&"url(\"a&b\")", " background=\"", &mut out);
        assert!(close(w, &mut out));
        let w = url(&"https://a.b/?x=1&y=\"2\"", " href=\"", &mut out);
        assert!(close(w, &mut out));
        let w = url(&"mailto:a@b", " href=\"", &mut out);
        assert!(close(w, &mut out));
        let w = url(&" JavaScript:alert(1)", " href=\"", &mut out);
        assert!(!close(w, &mut out));
        let w = url(&Some("\tjava\nscript:x"), " href=\"", &mut out);
        assert!(!close(w, &mut out));
        let w = url(&None::<&str>, " href=\"", &mut out);
        assert!(!close(w, &mut out));
        flag(&true, " small", &mut out);
        flag(&false, " disabled", &mut out);
        let w = enum_attr::<NoticeType, _>(&NoticeType::Warn, " type=\"", &mut out);
        assert!(close(w, &mut out));
        let w = enum_attr::<NoticeType, _>(&None::<NoticeType>, " type=\"", &mut out);
        assert!(!close(w, &mut out));
        assert_eq!(
            out,
            " title=\"a&quot;&amp;b\" width=\"7\" height=\"1.5\" color=\"red\" background=\"url(&quot;a&amp;b&quot;)\" href=\"https://a.b/?x=1&amp;y=&quot;2&quot;\" href=\"mailto:a@b\" small type=\"warn\""
        );
    }

    #[test]
    fn the_inline_url_check_agrees_with_the_rule() {
        for value in [
            "https://a",
            "http://a",
            "https:",
            "httpx:a",
            "http",
            "javascript:a",
            " javascript:a",
            "HTTPS://A",
            "/relative",
            "",
            "data:image/png,x",
            "data:text/html,x",
        ] {
            assert_eq!(
                uihook_compiler::validate::url_scheme_is_safe(value),
                uihook_compiler::validate::unsafe_url_scheme(value).is_none(),
                "{value:?}"
            );
        }
    }

    #[cfg(feature = "runtime")]
    #[test]
    fn the_runtime_takes_markup_and_its_error_page_is_markup() {
        use uihook_runtime::Answer;
        let code = uihook_runtime::ReferenceCode::new();
        let page: Markup = error_page(&code);
        assert_eq!(page.as_str(), uihook_runtime::error_page(&code));
        assert_eq!(page.clone().into_markup(), page.into_string());
    }

    #[test]
    fn every_schema_enum_is_a_schema_enum() {
        for c in COMPONENTS {
            for a in c.attrs {
                if let Kind::Enum(spec) = a.kind {
                    assert!(SCHEMA_ENUMS.contains(&spec.rust_name), "{}", spec.rust_name);
                }
            }
        }
    }
}
