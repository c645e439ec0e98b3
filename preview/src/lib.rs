//! Rendering a parsed UIHook document as safe HTML for a browser preview.
//!
//! The dashboard that drew UIHook markup is gone; this crate draws it
//! instead, for `uihook preview` (one standalone file, [`render_page`]) and
//! for `uihook dev` (a fragment in its page, [`render_fragment`]), with
//! [`STYLESHEET`] giving the dashboard's look and its Geist colour tokens.
//!
//! # Safe by construction
//!
//! Nothing from the markup reaches the output unescaped: text goes through
//! [`html_text_into`], the project's markup text escaper (whose
//! `& < > { } \r` entities are also right for HTML), attribute values
//! through [`html_attr_into`], which also escapes `<` so that every `<` in
//! the output starts one of our own tags. Only the attributes this crate
//! knows are written; the rest, `on*` included, are never copied. `href`
//! and `src` must pass
//! [`unsafe_url_scheme_strict`] (`http`, `https`, `mailto`, relative), else
//! they are left out and the element carries `data-uh-blocked` naming them.
//! `Box` attributes become inline CSS only for known property names with
//! values that cannot leave their declaration ([`css_value_is_safe`]).
//! Unknown components and blocked elements (`script`, `style`, …) become a
//! visible placeholder with the validator's message.
//!
//! # The HTML contract (what `uihook dev`'s JavaScript relies on)
//!
//! Everything sits in `<div class="uh-view">…</div>`; classes start `uh-`.
//!
//! | markup | HTML |
//! |---|---|
//! | `Input` | `<label class="uh-field uh-field-input"><span class="uh-label">label</span><input class="uh-input" type=… data-uh-state=NAME name=NAME value=…></label>` (`type="hidden"`: the bare `<input>`) |
//! | `Textarea` | `<label class="uh-field uh-field-textarea">…<textarea class="uh-textarea" data-uh-state=NAME name=NAME>value</textarea></label>` |
//! | `Select` | `<label class="uh-field uh-field-select">…<select class="uh-select" data-uh-state=NAME name=NAME [data-uh-action=ACTION]><option value=V [selected]>caption</option>…</select></label>` |
//! | `Checkbox` | `<label class="uh-checkbox"><input type="checkbox" data-uh-state=NAME name=NAME [checked]><span>label</span></label>` |
//! | `ClientState` | one `<input type="hidden" data-uh-state=KEY value=VALUE>` per attribute |
//! | `Button` | `<button type="button" class="uh-button …" data-uh-action=ACTION>` (`view` without `action`; without `action` inside a link: `<span class="uh-button …">`, so the link navigates) |
//! | `Link action` | `<button type="button" class="uh-link" data-uh-action=ACTION>` |
//! | `Link href` | `<a class="uh-link" href=SAFE [target=…] rel="noopener noreferrer">` |
//! | `ButtonLink` | `<a class="uh-button uh-button-link" href=SAFE rel="noopener noreferrer">` |
//! | `AutoRefresh` | `<div class="uh-autorefresh" data-uh-action=ACTION data-uh-timeout=MS hidden></div>` (`view` without `action`; no `data-uh-timeout` when it is not a whole number) |
//! | `ResetButton` | `<button type="button" class="uh-button uh-reset-button" data-uh-reset="TARGETS">` (`targets` as written; empty: every field) |
//! | `ProjectSwitcher` | `<div class="uh-project-switcher" data-uh-project-switcher data-uh-message=MESSAGE></div>` (the dev page fills it) |
//! | unknown / blocked | `<div class="uh-unknown" data-uh-code=CODE><span class="uh-unknown-name">&lt;Name&gt;</span><span class="uh-unknown-message">MESSAGE</span>…children…</div>` |
//!
//! A control without `name` has no `data-uh-state` (it has no clientState
//! key); `disabled` flags become HTML `disabled`; a dropped URL or `Box`
//! property is named in `data-uh-blocked` (space-separated).

use std::borrow::Cow;

use uihook_compiler::ast::{
    AttrValue, Attribute, Document, Element, Expr, ExprValue, Literal, Node,
};
use uihook_compiler::css;
use uihook_compiler::diagnostic::{Diagnostic, LineIndex};
use uihook_compiler::schema::{self, BUTTON_TYPE, LINK_TARGET, NOTICE_TYPE};
use uihook_compiler::validate::{outside_catalog, unsafe_url_scheme_strict, Options};
use uihook_compiler::RuleId;
use uihook_compiler::{Analysis, Severity, Span};

pub mod escape;

use std::marker::PhantomData;

use escape::{html_attr_into, html_text_into};

/// The preview's stylesheet: the Geist tokens (`--geist-*`, `--accents-*`,
/// light theme) on `:root` and a `uh-` class for every component, styled as
/// the dashboard drew it.
pub const STYLESHEET: &str = include_str!("html.css");

/// The placeholder message of a component the validation options accept
/// but the catalog does not have.
const EXTRA_COMPONENT_MESSAGE: &str =
    "declared in this project's extra_components; the preview cannot draw it";

/// The action a `Button` or `AutoRefresh` without `action` sends: the
/// documented default of `AutoRefresh`, and our choice for `Button`
/// (runtime.md §C.3); defined in the schema.
pub use uihook_compiler::schema::DEFAULT_ACTION;

/// Appends the HTML of `doc`, wrapped in `<div class="uh-view">…</div>`.
///
/// `options` are the project's validation options (a `uihook.toml`'s extra
/// components), so that what the linter accepts is not drawn as unknown.
/// Nothing is validated here: an element outside the catalog gets the
/// placeholder message the validator uses for it
/// ([`outside_catalog`]); the diagnostics come from the caller's analysis.
pub fn render_fragment<S>(doc: &Document<'_, S>, options: &Options, out: &mut String) {
    let mut r = Renderer {
        options,
        links: 0,
        span: PhantomData,
    };
    out.push_str("<div class=\"uh-view\">");
    r.nodes(&doc.nodes, out);
    out.push_str("</div>");
}

/// One standalone HTML document for an analysed source: the inline
/// [`STYLESHEET`], the rendered view, and below it every diagnostic of the
/// analysis (severity, code, message, help, `line:column`), all escaped. A
/// Content-Security-Policy without any script source is set as well, so the
/// file runs no script even if opened from a hostile place. `src` is the
/// text that was analysed.
pub fn render_page(analysis: &Analysis<'_>, src: &str, title: &str, options: &Options) -> String {
    let mut out = String::with_capacity(STYLESHEET.len() + src.len() * 3 + 1024);
    out.push_str(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         img-src * file:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    html_text_into(title, &mut out);
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLESHEET);
    out.push_str("</style>\n</head>\n<body class=\"uh-body\">\n");
    render_fragment(&analysis.document, options, &mut out);
    out.push('\n');
    diagnostics_list(src, &analysis.diagnostics, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

fn diagnostics_list(src: &str, diagnostics: &[Diagnostic<Span>], out: &mut String) {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let errors = count(Severity::Error);
    let warnings = count(Severity::Warning);
    out.push_str("<section class=\"uh-diagnostics\" aria-label=\"Diagnostics\">\n");
    out.push_str("<h2 class=\"uh-diagnostics-title\">");
    if diagnostics.is_empty() {
        out.push_str("No problems");
    } else {
        out.push_str(&format!(
            "{errors} {}, {warnings} {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        ));
    }
    out.push_str("</h2>\n");
    if !diagnostics.is_empty() {
        let index = LineIndex::new(src);
        out.push_str("<ol class=\"uh-diagnostics-list\">\n");
        for d in diagnostics {
            let at = index.line_col(src, d.span().start);
            let severity = d.severity.as_str();
            out.push_str(&format!(
                "<li class=\"uh-diagnostic uh-diagnostic-{severity}\" data-uh-code=\"{code}\">\
                 <span class=\"uh-diagnostic-position\">{line}:{column}</span> \
                 <span class=\"uh-diagnostic-severity\">{severity}</span> \
                 <code class=\"uh-diagnostic-code\">{code}</code> \
                 <span class=\"uh-diagnostic-message\">",
                code = d.code.as_str(),
                line = at.line,
                column = at.column,
            ));
            html_text_into(&d.message, out);
            out.push_str("</span>");
            if let Some(help) = &d.help {
                out.push_str("<span class=\"uh-diagnostic-help\">help: ");
                html_text_into(help, out);
                out.push_str("</span>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// Whether a CSS value can be written into a `style` declaration: nothing
/// that [`css::unsafe_value`] rejects, no `url(` (external loads), no
/// `expression`, no script scheme, no `\` (CSS escapes could spell any of
/// those), no `/*` or control characters and no unbalanced quote (each
/// could swallow the declarations after it).
pub fn css_value_is_safe(value: &str) -> bool {
    if css::unsafe_value(value).is_some()
        || value.contains([';', '{', '}', '<', '\\'])
        || value.contains("/*")
        || value.chars().any(char::is_control)
        || value.matches('"').count() % 2 == 1
        || value.matches('\'').count() % 2 == 1
    {
        return false;
    }
    let squashed: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    !["url(", "expression", "javascript:", "vbscript:"]
        .iter()
        .any(|bad| squashed.contains(bad))
}

/// A `Length` attribute (`64`, `14px`, `100%`) as CSS: bare numbers are
/// pixels, as the documentation says; anything else must be a safe value.
fn length_css(value: &str) -> Option<Cow<'_, str>> {
    let v = value.trim();
    let numeric = !v.is_empty()
        && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && v.bytes().filter(|&b| b == b'.').count() <= 1
        && v != ".";
    if numeric {
        Some(Cow::Owned(format!("{v}px")))
    } else if !v.is_empty() && css_value_is_safe(v) {
        Some(Cow::Borrowed(v))
    } else {
        None
    }
}

/// Decodes `encodeURIComponent` text (`Code value`); `None` when the host's
/// `decodeURIComponent` would have thrown (bad `%` escape or bad UTF-8).
fn decode_uri_component(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            // `from_str_radix` would also take a sign (`%+1`); JS would not.
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// How a `<P>` can be written: an HTML parser closes a `<p>` at the start of
/// a block such as `<div>`, so a `P` holding a component that renders as a
/// block is written as `<div class="uh-p">` instead.
fn holds_block<S>(nodes: &[Node<'_, S>]) -> bool {
    nodes.iter().any(|node| match node {
        Node::Element(e) => renders_block(e),
        Node::Expr(expr) => match &expr.value {
            ExprValue::Element(e) => renders_block(e),
            ExprValue::Literal(_) => false,
        },
        _ => false,
    })
}

/// Whether `e` renders as (or contains) an element that closes a `<p>`.
fn renders_block<S>(e: &Element<'_, S>) -> bool {
    let phrasing = schema::component_named(&e.name.text).is_some_and(|c| c.phrasing);
    !phrasing
        || holds_block(&e.children)
        || e.attrs
            .iter()
            .any(|a| matches!(&a.value, AttrValue::Element(inner) if renders_block(inner)))
}

/// A string value of an attribute, as the host's components saw it
/// (numbers and booleans as written); `None` when absent or not a value.
fn text_attr<'e, S>(e: &'e Element<'_, S>, name: &str) -> Option<Cow<'e, str>> {
    text_value(&e.attr(name)?.value)
}

/// See [`text_attr`].
fn text_value<'e, S>(value: &'e AttrValue<'_, S>) -> Option<Cow<'e, str>> {
    match value {
        AttrValue::Str { value, .. } => Some(Cow::Borrowed(value.as_ref())),
        AttrValue::Literal {
            value: Literal::Number(n),
            ..
        } => Some(Cow::Borrowed(n.as_ref())),
        AttrValue::Literal {
            value: Literal::Bool(b),
            ..
        } => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        _ => None,
    }
}

/// The attribute's text when it is one of `values` (an enum attribute).
fn one_of<S>(e: &Element<'_, S>, name: &str, values: &[&'static str]) -> Option<&'static str> {
    let text = text_attr(e, name)?;
    values.iter().find(|v| **v == text).copied()
}

/// A flag as JavaScript's truthiness read the host's value: bare → true,
/// `"false"` and `""` → false, other strings → true, `{0}`/`{null}` → false.
fn flag_attr<S>(e: &Element<'_, S>, name: &str) -> bool {
    let Some(a) = e.attr(name) else {
        return false;
    };
    match &a.value {
        AttrValue::Flag => true,
        AttrValue::Str { value, .. } => !(value == "false" || value.is_empty()),
        AttrValue::Literal { value, .. } => match value {
            Literal::Bool(b) => *b,
            Literal::Number(n) => n.parse::<f64>().is_ok_and(|v| v != 0.0 && !v.is_nan()),
            Literal::Str(s) => !s.is_empty(),
            Literal::Null => false,
        },
        AttrValue::Element(_) => true,
        AttrValue::Dynamic(_) | AttrValue::Invalid(_) => false,
    }
}

/// The attributes in source order, keeping only the last of duplicates (the
/// host's rule), in linear time whatever the input.
fn last_of_each<'e, 'a, S>(attrs: &'e [Attribute<'a, S>]) -> Vec<&'e Attribute<'a, S>> {
    let mut seen = std::collections::HashSet::with_capacity(attrs.len());
    let mut kept: Vec<_> = attrs
        .iter()
        .rev()
        .filter(|a| seen.insert(a.name.text.as_ref()))
        .collect();
    kept.reverse();
    kept
}

fn is_event_handler(name: &str) -> bool {
    name.len() > 2 && name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on"))
}

/// Writes ` name="value"` with the value escaped.
fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    html_attr_into(value, out);
    out.push('"');
}

/// Writes ` name` when `on`.
fn bool_attr(out: &mut String, name: &str, on: bool) {
    if on {
        out.push(' ');
        out.push_str(name);
    }
}

/// Inline styles and the names of what was dropped, for one element.
#[derive(Default)]
struct Style {
    css: String,
    blocked: Vec<String>,
}

impl Style {
    fn push(&mut self, property: &str, value: &str) {
        if !self.css.is_empty() {
            self.css.push(' ');
        }
        self.css.push_str(property);
        self.css.push_str(": ");
        self.css.push_str(value);
        self.css.push(';');
    }

    /// A `Length` attribute of the element, if given, as `property`.
    fn length<S>(&mut self, e: &Element<'_, S>, attr_name: &str, property: &str) {
        if e.attr(attr_name).is_none() {
            return;
        }
        match text_attr(e, attr_name).as_deref().and_then(length_css) {
            Some(v) => self.push(property, &v),
            None => self.blocked.push(attr_name.to_owned()),
        }
    }

    /// A URL attribute: written when it passes the strict URL rule,
    /// otherwise remembered as blocked.
    fn url<S>(&mut self, out: &mut String, e: &Element<'_, S>, attr_name: &str) {
        if e.attr(attr_name).is_none() {
            return;
        }
        match text_attr(e, attr_name) {
            Some(url) if unsafe_url_scheme_strict(&url).is_none() => attr(out, attr_name, &url),
            _ => self.blocked.push(attr_name.to_owned()),
        }
    }

    /// Writes ` style="…"` and ` data-uh-blocked="…"` when not empty.
    fn finish(self, out: &mut String) {
        if !self.css.is_empty() {
            attr(out, "style", &self.css);
        }
        if !self.blocked.is_empty() {
            attr(out, "data-uh-blocked", &self.blocked.join(" "));
        }
    }
}

struct Renderer<'o, S> {
    /// The project's validation options (its extra components).
    options: &'o Options,
    /// How many `<a>` elements enclose the current node.
    links: usize,
    /// The span type of the tree being drawn (never read: spans do not
    /// change the HTML).
    span: PhantomData<S>,
}

impl<S> Renderer<'_, S> {
    fn nodes(&mut self, nodes: &[Node<'_, S>], out: &mut String) {
        for node in nodes {
            self.node(node, out);
        }
    }

    fn node(&mut self, node: &Node<'_, S>, out: &mut String) {
        match node {
            Node::Element(e) => self.element(e, out),
            Node::Text(t) => html_text_into(&t.value, out),
            Node::Expr(expr) => match &expr.value {
                ExprValue::Literal(Literal::Str(s)) => html_text_into(s, out),
                // `{0}` showed `0`; `{true}`, `{false}` and `{null}` nothing.
                ExprValue::Literal(Literal::Number(n)) => html_text_into(n, out),
                ExprValue::Literal(Literal::Bool(_) | Literal::Null) => {}
                ExprValue::Element(e) => self.element(e, out),
            },
            // Comments show nothing; run-time values exist only in `uihook!`.
            Node::Comment(_) | Node::Dynamic(_) => {}
            Node::Error(raw) => {
                out.push_str("<span class=\"uh-error\" data-uh-code=\"syntax-error\">");
                html_text_into(&raw.text, out);
                out.push_str("</span>");
            }
        }
    }

    /// Text children as one string (for `textarea`, whose content is text
    /// only); element children are rendered by the caller after it.
    fn text_of(nodes: &[Node<'_, S>]) -> String {
        let mut text = String::new();
        for node in nodes {
            match node {
                Node::Text(t) => text.push_str(&t.value),
                Node::Expr(Expr {
                    value: ExprValue::Literal(Literal::Str(s) | Literal::Number(s)),
                    ..
                }) => text.push_str(s),
                _ => {}
            }
        }
        text
    }

    fn element_children<'n, 'a>(nodes: &'n [Node<'a, S>]) -> impl Iterator<Item = &'n Node<'a, S>> {
        nodes.iter().filter(|n| {
            matches!(n, Node::Element(_) | Node::Error(_))
                || matches!(n, Node::Expr(expr) if matches!(expr.value, ExprValue::Element(_)))
        })
    }

    /// A simple wrapper: `<tag class="…">children</tag>`.
    fn wrap(&mut self, tag: &str, class: &str, e: &Element<'_, S>, out: &mut String) {
        out.push('<');
        out.push_str(tag);
        out.push_str(" class=\"");
        out.push_str(class);
        out.push_str("\">");
        self.nodes(&e.children, out);
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }

    /// A `label` attribute (text or an element) in `<span class="uh-label">`.
    fn label(&mut self, e: &Element<'_, S>, out: &mut String) {
        let Some(a) = e.attr("label") else {
            return;
        };
        out.push_str("<span class=\"uh-label\">");
        match &a.value {
            AttrValue::Element(inner) => self.element(inner, out),
            _ => {
                if let Some(text) = text_attr(e, "label") {
                    html_text_into(&text, out);
                }
            }
        }
        out.push_str("</span>");
    }

    /// `data-uh-state` and `name` from the element's `name`.
    fn state_name(e: &Element<'_, S>, out: &mut String) {
        if let Some(name) = text_attr(e, "name") {
            attr(out, "data-uh-state", &name);
            attr(out, "name", &name);
        }
    }

    fn element(&mut self, e: &Element<'_, S>, out: &mut String) {
        match e.name.text.as_ref() {
            "Page" => self.wrap("div", "uh-page", e, out),
            "Container" => self.wrap("div", "uh-container", e, out),
            "Fieldset" => self.wrap("section", "uh-fieldset", e, out),
            "FsContent" => self.wrap("div", "uh-fs-content", e, out),
            "FsFooter" => self.wrap("footer", "uh-fs-footer", e, out),
            "FsTitle" => self.wrap("h3", "uh-fs-title", e, out),
            "FsSubtitle" => self.wrap("div", "uh-fs-subtitle", e, out),
            "H1" => self.wrap("h1", "uh-h1", e, out),
            "H2" => self.wrap("h2", "uh-h2", e, out),
            "P" if holds_block(&e.children) => self.wrap("div", "uh-p", e, out),
            "P" => self.wrap("p", "uh-p", e, out),
            "B" => self.wrap("b", "uh-b", e, out),
            "UL" => self.wrap("ul", "uh-ul", e, out),
            "LI" => self.wrap("li", "uh-li", e, out),
            // Void components: their content was lost on the host too
            // (`children-not-allowed`).
            "BR" => out.push_str("<br>"),
            "HR" => out.push_str("<hr class=\"uh-hr\">"),
            "Box" => self.r#box(e, out),
            "Img" => Self::img(e, out),
            "Code" => self.code(e, out),
            "Notice" => self.notice(e, out),
            "Button" => self.button(e, out),
            "ButtonLink" => self.button_link(e, out),
            "Link" => self.link(e, out),
            "ResetButton" => self.reset_button(e, out),
            "AutoRefresh" => Self::auto_refresh(e, out),
            "ProjectSwitcher" => Self::project_switcher(e, out),
            "Input" => self.input(e, out),
            "Textarea" => self.textarea(e, out),
            "Select" => self.select(e, out),
            "Option" => Self::option(e, None, out),
            "Checkbox" => self.checkbox(e, out),
            "ClientState" => Self::client_state(e, out),
            _ => self.unknown(e, out),
        }
    }

    fn unknown(&mut self, e: &Element<'_, S>, out: &mut String) {
        let name = e.name.text.as_ref();
        // A catalog name reaching this arm would be a renderer bug; the
        // schema test renders every component to rule it out.
        let outside = outside_catalog(name, self.options);
        let code = outside
            .as_ref()
            .map_or(RuleId::UnknownComponent, |(code, _)| *code);
        out.push_str("<div class=\"uh-unknown\"");
        attr(out, "data-uh-code", code.as_str());
        out.push_str("><span class=\"uh-unknown-name\">&lt;");
        html_text_into(name, out);
        out.push_str("&gt;</span>");
        // Accepted by the options: a component the project declared.
        let message = outside
            .as_ref()
            .map_or(EXTRA_COMPONENT_MESSAGE, |(_, m)| m.as_str());
        out.push_str("<span class=\"uh-unknown-message\">");
        html_text_into(message, out);
        out.push_str("</span>");
        self.nodes(&e.children, out);
        out.push_str("</div>");
    }

    fn r#box(&mut self, e: &Element<'_, S>, out: &mut String) {
        let mut style = Style::default();
        for a in last_of_each(&e.attrs) {
            let name = a.name.text.as_ref();
            let property = if name.bytes().all(|b| b.is_ascii_alphanumeric())
                && css::is_camel_property(name)
            {
                Some(css::camel_to_kebab(name))
            } else if name.contains('-')
                && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && css::is_property(name)
            {
                Some(name.to_owned())
            } else {
                None
            };
            let value = match (&a.value, &property) {
                (AttrValue::Str { value, .. }, _) => Some(Cow::Borrowed(value.trim())),
                // React wrote numbers as pixels except for unitless properties.
                (
                    AttrValue::Literal {
                        value: Literal::Number(n),
                        ..
                    },
                    Some(p),
                ) if !UNITLESS.contains(&p.as_str()) && n.as_ref() != "0" => {
                    Some(Cow::Owned(format!("{n}px")))
                }
                (
                    AttrValue::Literal {
                        value: Literal::Number(n),
                        ..
                    },
                    _,
                ) => Some(Cow::Borrowed(n.as_ref())),
                _ => None,
            };
            match (property, value) {
                (Some(p), Some(v)) if !is_event_handler(name) && css_value_is_safe(&v) => {
                    style.push(&p, &v);
                }
                _ => style.blocked.push(name.to_owned()),
            }
        }
        out.push_str("<div class=\"uh-box\"");
        style.finish(out);
        out.push('>');
        self.nodes(&e.children, out);
        out.push_str("</div>");
    }

    fn img(e: &Element<'_, S>, out: &mut String) {
        let mut style = Style::default();
        out.push_str("<img class=\"uh-img\"");
        style.url(out, e, "src");
        let title = text_attr(e, "title");
        attr(out, "alt", title.as_deref().unwrap_or(""));
        if let Some(title) = &title {
            attr(out, "title", title);
        }
        if e.attr("draggable").is_some() {
            let on = flag_attr(e, "draggable");
            attr(out, "draggable", if on { "true" } else { "false" });
        }
        style.length(e, "width", "width");
        style.length(e, "height", "height");
        style.finish(out);
        out.push('>');
    }

    fn code(&mut self, e: &Element<'_, S>, out: &mut String) {
        let mut style = Style::default();
        style.length(e, "width", "width");
        out.push_str("<pre class=\"uh-code\"");
        style.finish(out);
        // A newline right after `<pre>` is dropped by HTML parsers, so one
        // is written to keep a leading newline of the code.
        out.push_str(">\n");
        match text_attr(e, "value") {
            Some(encoded) => {
                let decoded = decode_uri_component(&encoded);
                html_text_into(decoded.as_deref().unwrap_or(&encoded), out);
            }
            None => self.nodes(&e.children, out),
        }
        out.push_str("</pre>");
    }

    fn notice(&mut self, e: &Element<'_, S>, out: &mut String) {
        let kind = one_of(e, "type", NOTICE_TYPE.values)
            .or_else(|| flag_attr(e, "error").then_some("error"));
        out.push_str("<div class=\"uh-notice uh-notice-");
        out.push_str(kind.unwrap_or("message"));
        out.push_str("\" role=\"status\">");
        self.nodes(&e.children, out);
        out.push_str("</div>");
    }

    fn button(&mut self, e: &Element<'_, S>, out: &mut String) {
        let variant = one_of(e, "type", BUTTON_TYPE.values).or_else(|| {
            // The legacy flags, as the README maps them to `type`.
            [
                ("secondary", "secondary"),
                ("warning", "warning"),
                ("abort", "error"),
                ("highlight", "success"),
            ]
            .iter()
            .find(|(flag, _)| flag_attr(e, flag))
            .map(|(_, variant)| *variant)
        });
        let action = text_attr(e, "action");
        // Before `ButtonLink`, hooks wrapped a `Button` in `Link href` to get
        // a link that looks like a button; without its own `action`, such a
        // button is only a look, so the link's navigation is left alone.
        let tag = if self.links > 0 && action.is_none() {
            "span"
        } else {
            "button"
        };
        out.push('<');
        out.push_str(tag);
        if tag == "button" {
            out.push_str(" type=\"button\"");
        }
        out.push_str(" class=\"uh-button");
        if flag_attr(e, "small") {
            out.push_str(" uh-button-small");
        }
        if let Some(v) = variant {
            out.push_str(" uh-button-");
            out.push_str(v);
        }
        if flag_attr(e, "shadow") {
            out.push_str(" uh-button-shadow");
        }
        out.push('"');
        if tag == "button" {
            let action = action.as_deref().unwrap_or(DEFAULT_ACTION);
            attr(out, "data-uh-action", action);
            bool_attr(out, "disabled", flag_attr(e, "disabled"));
        }
        let mut style = Style::default();
        style.length(e, "width", "width");
        style.finish(out);
        out.push('>');
        self.nodes(&e.children, out);
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }

    fn button_link(&mut self, e: &Element<'_, S>, out: &mut String) {
        self.anchor(e, "uh-button uh-button-link", None, out);
    }

    /// `<a class="…" href="…" target="…" rel="noopener noreferrer">`, then
    /// the children, counted as inside a link (see `button`).
    fn anchor(&mut self, e: &Element<'_, S>, class: &str, target: Option<&str>, out: &mut String) {
        let mut style = Style::default();
        out.push_str("<a class=\"");
        out.push_str(class);
        out.push('"');
        style.url(out, e, "href");
        if let Some(target) = target {
            attr(out, "target", target);
        }
        out.push_str(" rel=\"noopener noreferrer\"");
        style.finish(out);
        out.push('>');
        self.links += 1;
        self.nodes(&e.children, out);
        self.links -= 1;
        out.push_str("</a>");
    }

    fn link(&mut self, e: &Element<'_, S>, out: &mut String) {
        // `action` is documented as "instead of href": it wins when both are given.
        if let Some(action) = text_attr(e, "action") {
            out.push_str("<button type=\"button\" class=\"uh-link\"");
            attr(out, "data-uh-action", &action);
            out.push('>');
            self.nodes(&e.children, out);
            out.push_str("</button>");
            return;
        }
        let target = one_of(e, "target", LINK_TARGET.values);
        self.anchor(e, "uh-link", target, out);
    }

    fn reset_button(&mut self, e: &Element<'_, S>, out: &mut String) {
        out.push_str("<button type=\"button\" class=\"uh-button uh-reset-button\"");
        let targets = text_attr(e, "targets");
        attr(out, "data-uh-reset", targets.as_deref().unwrap_or(""));
        out.push('>');
        self.nodes(&e.children, out);
        out.push_str("</button>");
    }

    fn auto_refresh(e: &Element<'_, S>, out: &mut String) {
        out.push_str("<div class=\"uh-autorefresh\"");
        let action = text_attr(e, "action");
        attr(
            out,
            "data-uh-action",
            action.as_deref().unwrap_or(DEFAULT_ACTION),
        );
        if let Some(ms) = text_attr(e, "timeout").and_then(|t| parse_millis(&t)) {
            attr(out, "data-uh-timeout", &ms.to_string());
        }
        out.push_str(" hidden></div>");
    }

    fn project_switcher(e: &Element<'_, S>, out: &mut String) {
        out.push_str("<div class=\"uh-project-switcher\" data-uh-project-switcher");
        let message = text_attr(e, "message");
        attr(
            out,
            "data-uh-message",
            message.as_deref().unwrap_or("Select a project"),
        );
        out.push_str("></div>");
    }

    /// `<label class="uh-field …">` and the field's label: the field's
    /// width (`width`, `maxWidth`) is the wrapper's, and the control fills it.
    fn field_open(&mut self, e: &Element<'_, S>, kind: &str, out: &mut String) {
        out.push_str("<label class=\"uh-field uh-field-");
        out.push_str(kind);
        if flag_attr(e, "errored") {
            out.push_str(" uh-errored");
        }
        out.push('"');
        bool_attr(out, "hidden", flag_attr(e, "hidden"));
        let mut style = Style::default();
        style.length(e, "width", "width");
        style.length(e, "maxWidth", "max-width");
        style.finish(out);
        out.push('>');
        self.label(e, out);
    }

    /// `<tag class="uh-tag"`, with ` modifier` added to the class when the
    /// `flag` attribute is on.
    fn control_open(e: &Element<'_, S>, tag: &str, flag: &str, modifier: &str, out: &mut String) {
        out.push('<');
        out.push_str(tag);
        out.push_str(" class=\"uh-");
        out.push_str(tag);
        if flag_attr(e, flag) {
            out.push(' ');
            out.push_str(modifier);
        }
        out.push('"');
    }

    /// `aria-invalid="true"` on an `errored` control.
    fn aria_invalid(e: &Element<'_, S>, out: &mut String) {
        if flag_attr(e, "errored") {
            out.push_str(" aria-invalid=\"true\"");
        }
    }

    fn input(&mut self, e: &Element<'_, S>, out: &mut String) {
        let kind = text_attr(e, "type")
            .map(|t| t.trim().to_ascii_lowercase())
            .and_then(|t| INPUT_TYPES.iter().find(|k| **k == t).copied())
            .unwrap_or("text");
        let hidden = kind == "hidden";
        if !hidden {
            self.field_open(e, "input", out);
        }
        Self::control_open(e, "input", "errored", "uh-errored", out);
        attr(out, "type", kind);
        Self::state_name(e, out);
        if let Some(value) = text_attr(e, "value") {
            attr(out, "value", &value);
        }
        if let Some(placeholder) = text_attr(e, "placeholder") {
            attr(out, "placeholder", &placeholder);
        }
        if let Some(max) = text_attr(e, "maxLength")
            .filter(|m| m.bytes().all(|b| b.is_ascii_digit()) && !m.is_empty())
        {
            attr(out, "maxlength", &max);
        }
        bool_attr(out, "disabled", flag_attr(e, "disabled"));
        bool_attr(out, "autofocus", flag_attr(e, "autoFocus"));
        Self::aria_invalid(e, out);
        out.push('>');
        if !hidden {
            out.push_str("</label>");
        }
    }

    fn textarea(&mut self, e: &Element<'_, S>, out: &mut String) {
        self.field_open(e, "textarea", out);
        Self::control_open(e, "textarea", "errored", "uh-errored", out);
        Self::state_name(e, out);
        if let Some(placeholder) = text_attr(e, "placeholder") {
            attr(out, "placeholder", &placeholder);
        }
        bool_attr(out, "disabled", flag_attr(e, "disabled"));
        Self::aria_invalid(e, out);
        let mut style = Style::default();
        style.length(e, "height", "height");
        style.finish(out);
        // As after `<pre>`, a first newline would be dropped by the parser.
        out.push_str(">\n");
        // React's `textarea` preferred `value` over children.
        match text_attr(e, "value") {
            Some(value) => html_text_into(&value, out),
            None => html_text_into(&Self::text_of(&e.children), out),
        }
        out.push_str("</textarea>");
        // Elements inside a `textarea` cannot be shown in it; they follow it.
        for node in Self::element_children(&e.children) {
            self.node(node, out);
        }
        out.push_str("</label>");
    }

    fn select(&mut self, e: &Element<'_, S>, out: &mut String) {
        self.field_open(e, "select", out);
        Self::control_open(e, "select", "small", "uh-select-small", out);
        Self::state_name(e, out);
        if let Some(action) = text_attr(e, "action") {
            attr(out, "data-uh-action", &action);
        }
        bool_attr(out, "disabled", flag_attr(e, "disabled"));
        out.push('>');
        let selected = text_attr(e, "value");
        let mut others = Vec::new();
        for node in &e.children {
            let option = match node {
                Node::Element(o) if o.name.text == "Option" => Some(o),
                Node::Expr(expr) => match &expr.value {
                    ExprValue::Element(o) if o.name.text == "Option" => Some(o),
                    _ => None,
                },
                _ => None,
            };
            match option {
                Some(o) => Self::option(o, Some(selected.as_deref()), out),
                None => others.push(node),
            }
        }
        out.push_str("</select>");
        // An HTML parser drops everything but options inside `<select>`, so
        // other children (`unexpected-child`) are shown after it.
        for node in others {
            if !matches!(node, Node::Text(_)) {
                self.node(node, out);
            }
        }
        out.push_str("</label>");
    }

    /// `selected` is `Some(select's value)` inside a `Select`.
    fn option(o: &Element<'_, S>, selected: Option<Option<&str>>, out: &mut String) {
        let value = text_attr(o, "value");
        out.push_str("<option");
        attr(out, "value", value.as_deref().unwrap_or(""));
        let is_selected = match selected {
            Some(Some(v)) => value.as_deref() == Some(v),
            _ => flag_attr(o, "selected"),
        };
        bool_attr(out, "selected", is_selected);
        bool_attr(out, "disabled", flag_attr(o, "disabled"));
        out.push('>');
        let caption = text_attr(o, "caption").or(value);
        if let Some(caption) = caption {
            html_text_into(&caption, out);
        }
        out.push_str("</option>");
    }

    fn checkbox(&mut self, e: &Element<'_, S>, out: &mut String) {
        out.push_str("<label class=\"uh-checkbox\"><input type=\"checkbox\"");
        Self::state_name(e, out);
        bool_attr(out, "checked", flag_attr(e, "checked"));
        bool_attr(out, "disabled", flag_attr(e, "disabled"));
        out.push_str("><span>");
        if let Some(label) = text_attr(e, "label") {
            html_text_into(&label, out);
        }
        out.push_str("</span></label>");
    }

    fn client_state(e: &Element<'_, S>, out: &mut String) {
        for a in last_of_each(&e.attrs) {
            let key = a.name.text.as_ref();
            if is_event_handler(key) {
                continue;
            }
            let value = match &a.value {
                AttrValue::Flag => Cow::Borrowed("true"),
                value => match text_value(value) {
                    Some(v) => v,
                    None => continue,
                },
            };
            out.push_str("<input type=\"hidden\"");
            attr(out, "data-uh-state", key);
            attr(out, "value", &value);
            out.push('>');
        }
    }
}

/// CSS properties that take plain numbers, so a `{number}` value gets no
/// `px` (the properties React treated as unitless).
const UNITLESS: &[&str] = &[
    "animation-iteration-count",
    "border-image-outset",
    "border-image-slice",
    "border-image-width",
    "column-count",
    "columns",
    "fill-opacity",
    "flex",
    "flex-grow",
    "flex-shrink",
    "flood-opacity",
    "font-weight",
    "grid-area",
    "grid-column",
    "grid-column-end",
    "grid-column-start",
    "grid-row",
    "grid-row-end",
    "grid-row-start",
    "line-clamp",
    "line-height",
    "opacity",
    "order",
    "orphans",
    "stop-opacity",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "tab-size",
    "widows",
    "z-index",
    "zoom",
];

/// The `Input type`s the preview honours; any other becomes `text` (a
/// `file`, `image` or `submit` input would do things the dashboard's never
/// did).
const INPUT_TYPES: &[&str] = &[
    "text", "password", "number", "email", "url", "tel", "search", "hidden", "date", "time",
];

/// `AutoRefresh timeout` in whole milliseconds (`"5000"`, `{5000}`, `{3e3}`).
fn parse_millis(value: &str) -> Option<u64> {
    let v = value.trim();
    v.parse::<u64>().ok().or_else(|| {
        v.parse::<f64>()
            .ok()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e15)
            .map(|f| f as u64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> String {
        let parsed = uihook_compiler::parse(src);
        let mut out = String::new();
        render_fragment(&parsed.document, &Options::default(), &mut out);
        out
    }

    #[test]
    fn extra_components_are_placeholders_without_the_unknown_message() {
        let parsed = uihook_compiler::parse("<Page><Widget size=\"2\"><P>in</P></Widget></Page>");
        let options = Options {
            extra_components: vec!["Widget".to_owned()],
            ..Options::default()
        };
        let mut out = String::new();
        render_fragment(&parsed.document, &options, &mut out);
        assert!(out.contains("&lt;Widget&gt;"), "{out}");
        assert!(out.contains(EXTRA_COMPONENT_MESSAGE), "{out}");
        assert!(out.contains("<p class=\"uh-p\">in</p>"), "{out}");
        assert!(!out.contains("is not a UIHook component"), "{out}");
        // Under the default options the same markup is an unknown component.
        let unknown = html("<Page><Widget size=\"2\"><P>in</P></Widget></Page>");
        assert!(!unknown.contains(EXTRA_COMPONENT_MESSAGE), "{unknown}");
        assert!(
            unknown.contains("`Widget` is not a UIHook component"),
            "{unknown}"
        );
    }

    #[test]
    fn every_schema_component_has_its_own_mapping() {
        for c in schema::COMPONENTS {
            let out = html(&format!("<{}/>", c.name));
            assert!(
                !out.contains("uh-unknown"),
                "{} is rendered as unknown: {out}",
                c.name
            );
            assert!(out.starts_with("<div class=\"uh-view\">"), "{out}");
        }
    }

    #[test]
    fn css_values() {
        for ok in [
            "flex",
            "10px 20px",
            "var(--geist-error)",
            "'Inter', sans-serif",
            "calc(100% - 10px)",
        ] {
            assert!(css_value_is_safe(ok), "{ok}");
        }
        for bad in [
            "red;position:fixed",
            "url(https://x.test/a.png)",
            "URL (x)",
            "expression(alert(1))",
            "e\\xpression(1)",
            "red}body{color:red",
            "red /* x",
            "\"unbalanced",
            "java\nscript:x",
            "</style>",
        ] {
            assert!(!css_value_is_safe(bad), "{bad}");
        }
    }

    #[test]
    fn lengths_are_pixels_or_safe_css() {
        assert_eq!(length_css("64").as_deref(), Some("64px"));
        assert_eq!(length_css("100%").as_deref(), Some("100%"));
        assert_eq!(length_css("1;x").as_deref(), None);
        assert_eq!(length_css("").as_deref(), None);
    }

    #[test]
    fn uri_components_decode_like_javascript() {
        assert_eq!(
            decode_uri_component("a%20%3Cb%3E%C3%A9").as_deref(),
            Some("a <b>é")
        );
        assert_eq!(decode_uri_component("%E0%A4%A"), None);
        assert_eq!(decode_uri_component("%FF"), None);
        assert_eq!(decode_uri_component("%+1"), None);
    }

    #[test]
    fn flags_follow_javascript_truthiness() {
        let out = html(
            r#"<Checkbox name="a" checked="false"/><Checkbox name="b" checked/><Checkbox name="c" checked="true"/><Checkbox name="d" checked={0}/>"#,
        );
        assert_eq!(out.matches(" checked").count(), 2, "{out}");
    }

    #[test]
    fn a_button_inside_a_link_is_only_a_look() {
        let out = html(r#"<Link href="https://x.test"><Button small>Open</Button></Link>"#);
        assert!(
            out.contains(r#"<a class="uh-link" href="https://x.test" rel="noopener noreferrer"><span class="uh-button uh-button-small">Open</span></a>"#),
            "{out}"
        );
        let own = html(
            r#"<ButtonLink href="/x"><Button action="go">Go</Button></ButtonLink><Button>After</Button>"#,
        );
        assert!(
            own.contains(
                r#"<button type="button" class="uh-button" data-uh-action="go">Go</button>"#
            ),
            "{own}"
        );
        assert!(
            own.contains(
                r#"<button type="button" class="uh-button" data-uh-action="view">After</button>"#
            ),
            "{own}"
        );
    }

    #[test]
    fn p_holding_a_block_is_a_div() {
        assert!(html("<P>a <B>b</B></P>").contains("<p class=\"uh-p\">"));
        assert!(html("<P>a <Code>x</Code></P>").contains("<div class=\"uh-p\">"));
        assert!(html("<P><B><Box/></B></P>").contains("<div class=\"uh-p\">"));
    }
}
