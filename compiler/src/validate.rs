//! The validator: one pass over a tree, checking it against the schema.
//!
//! It is generic over the span type, so the string parser's byte ranges and
//! the `uihook!` macro's token spans go through exactly the same rules.
//! Syntax problems are the parser's; this module owns everything the schema
//! says: names, attributes, values and the child conventions.

use std::collections::HashMap;
use std::ops::ControlFlow;

use crate::ast::{
    is_blank, AttrValue, Attribute, Close, Document, Element, ExprValue, Literal, Name, Node,
    StrForm,
};
use crate::css;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::rules::RuleId;
use crate::schema::{self, Children, Component, Extra, Kind, Status};
use crate::suggest::closest;
use crate::work;

/// What to check beyond the catalog.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The markup is a piece of a page (a helper's return value, a macro
    /// invocation), so the `Page` root and parent conventions are not checked
    /// at its top level.
    pub fragment: bool,
    /// Components a host adds to the catalog; they take any attribute.
    pub extra_components: Vec<String>,
    /// Extra `(component, attribute)` pairs a host accepts (text values).
    pub extra_attributes: Vec<(String, String)>,
}

/// Validates a document and returns its diagnostics in document order.
pub fn validate<S: Clone>(document: &Document<'_, S>, options: &Options) -> Vec<Diagnostic<S>> {
    let mut v = Validator::new(options);
    v.check_root(&document.nodes);
    v.nodes(&document.nodes, None);
    v.finish()
}

/// The validator's state over one document. [`validate`] walks a whole tree
/// with it, calling [`Validator::visit`] on each element; the parser's
/// diagnostics-only mode (`parser::diagnose`) runs the three steps of a
/// visit itself, as the parser goes: [`Validator::child`] for each node
/// when it is reduced, then [`Validator::visit_attributes_as`] and
/// [`Validator::visit_placement`] when its element is placed.
pub(crate) struct Validator<'o, S> {
    options: &'o Options,
    diags: Vec<Diagnostic<S>>,
    /// Name spans of fields without `name`.
    unnamed_fields: Vec<S>,
    /// How many form fields were seen.
    pub(crate) fields: usize,
}

/// What a child node is, for the convention checks.
enum ChildKind<'n, 'a, S> {
    Blank,
    Text(&'n S),
    Element(&'n Element<'a, S>),
}

fn child_kind<'n, 'a, S>(node: &'n Node<'a, S>) -> ChildKind<'n, 'a, S> {
    match node {
        Node::Element(e) => ChildKind::Element(e),
        Node::Expr(expr) => match &expr.value {
            ExprValue::Element(e) => ChildKind::Element(e),
            ExprValue::Literal(Literal::Str(s)) if is_blank(s) => ChildKind::Blank,
            ExprValue::Literal(Literal::Bool(_) | Literal::Null) => ChildKind::Blank,
            ExprValue::Literal(_) => ChildKind::Text(&expr.span),
        },
        Node::Text(t) if is_blank(&t.value) => ChildKind::Blank,
        Node::Text(t) => ChildKind::Text(&t.span),
        Node::Dynamic(span) => ChildKind::Text(span),
        Node::Comment(_) | Node::Error(_) => ChildKind::Blank,
    }
}

impl<'o, S> Validator<'o, S> {
    pub(crate) fn new(options: &'o Options) -> Self {
        Validator {
            options,
            diags: Vec::new(),
            unnamed_fields: Vec::new(),
            fields: 0,
        }
    }

    /// Whether anything was found since the last drain.
    pub(crate) fn has_diagnostics(&self) -> bool {
        !self.diags.is_empty()
    }

    /// The diagnostics found since the last call (the vector is kept for
    /// the next ones).
    pub(crate) fn drain_diagnostics(&mut self) -> std::vec::Drain<'_, Diagnostic<S>> {
        self.diags.drain(..)
    }

    /// Keeps the fields without `name` for which `keep` is true.
    pub(crate) fn retain_unnamed_fields(&mut self, keep: impl Fn(&S) -> bool) {
        self.unnamed_fields.retain(keep);
    }

    /// Forgets the fields without `name` for which `forget` is true (error
    /// recovery dropped them from the tree).
    pub(crate) fn forget_unnamed_fields(&mut self, forget: impl Fn(&S) -> bool) {
        while self.unnamed_fields.last().is_some_and(&forget) {
            self.unnamed_fields.pop();
        }
    }
}

impl<'a, S: Clone> Validator<'_, S> {
    fn push(&mut self, d: Diagnostic<S>) {
        self.diags.push(d);
    }

    /// The checks that need the whole document: ends the validation.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic<S>> {
        self.check_field_names();
        self.diags
    }

    /// The root convention, over the top-level nodes (none for a fragment).
    pub(crate) fn check_root(&mut self, nodes: &[Node<'a, S>]) {
        let mut pages = 0;
        for node in nodes {
            if self.root_node(&mut pages, node).is_break() {
                return;
            }
        }
    }

    /// The root convention for one more top-level node, `pages` the root
    /// pages before it; `Break` once a problem is reported (only the first
    /// is).
    pub(crate) fn root_node(&mut self, pages: &mut usize, node: &Node<'a, S>) -> ControlFlow<()> {
        if self.options.fragment {
            return ControlFlow::Break(());
        }
        match child_kind(node) {
            ChildKind::Blank => {}
            ChildKind::Element(e) if schema::is_root(&e.name.text) && *pages == 0 => *pages += 1,
            ChildKind::Element(e) => {
                let what = if schema::is_root(&e.name.text) {
                    "a second `Page`".to_owned()
                } else {
                    format!("`<{}>`", e.name.text)
                };
                self.push(
                    Diagnostic::new(
                        RuleId::PageNotRoot,
                        format!("{what} outside the root `Page`"),
                        e.name.span.clone(),
                        "outside `<Page>`",
                    )
                    .with_help("wrap the whole response in one `<Page>…</Page>`"),
                );
                return ControlFlow::Break(());
            }
            ChildKind::Text(span) => {
                self.push(
                    Diagnostic::new(
                        RuleId::PageNotRoot,
                        "text outside the root `Page`",
                        span.clone(),
                        "outside `<Page>`",
                    )
                    .with_help("wrap the whole response in one `<Page>…</Page>`"),
                );
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    }

    fn nodes(&mut self, nodes: &[Node<'a, S>], parent: Option<&Name<'a, S>>) {
        for node in nodes {
            if let Some(e) = node.element() {
                self.element(e, parent);
            }
        }
    }

    /// An element and everything in it, in document order.
    fn element(&mut self, e: &Element<'a, S>, parent: Option<&Name<'a, S>>) {
        self.visit(e, parent);
        for a in &e.attrs {
            if let AttrValue::Element(inner) = &a.value {
                self.element(inner, Some(&e.name));
            }
        }
        self.nodes(&e.children, Some(&e.name));
    }

    /// The checks of one element: its name, its attributes, its direct
    /// children and its place under `parent` (the element it is a child or
    /// an attribute value of), not the elements inside it.
    pub(crate) fn visit(&mut self, e: &Element<'a, S>, parent: Option<&Name<'a, S>>) {
        let spec = self.visit_attributes(e);
        if let Some(spec) = spec {
            for child in &e.children {
                if self.child(&e.name, spec, child).is_break() {
                    break;
                }
            }
        }
        self.visit_placement(e, spec, parent);
    }

    /// The first part of [`Validator::visit`]: the element's name and
    /// attributes. Returns its component, when it is one.
    pub(crate) fn visit_attributes(&mut self, e: &Element<'a, S>) -> Option<&'static Component> {
        self.visit_attributes_as(e, schema::component_named(&e.name.text))
    }

    /// [`Validator::visit_attributes`] with the element's component already
    /// looked up (`schema::component_named` of its name).
    pub(crate) fn visit_attributes_as(
        &mut self,
        e: &Element<'a, S>,
        spec: Option<&'static Component>,
    ) -> Option<&'static Component> {
        work::add(1);
        match spec {
            Some(spec) => self.attributes(e, spec),
            None => {
                self.unknown_component(e);
                for a in &e.attrs {
                    self.event_handler(a);
                }
            }
        }
        spec
    }

    /// The last part of [`Validator::visit`]: the element's place.
    pub(crate) fn visit_placement(
        &mut self,
        e: &Element<'a, S>,
        spec: Option<&'static Component>,
        parent: Option<&Name<'a, S>>,
    ) {
        if let Some(spec) = spec {
            self.placement(e, spec, parent);
        }
    }

    fn unknown_component(&mut self, e: &Element<'a, S>) {
        let name = e.name.text.as_ref();
        let Some((code, message)) = outside_catalog(name, self.options) else {
            return;
        };
        if let Some(why) = schema::forbidden_element(name) {
            self.push(
                Diagnostic::new(code, message, e.name.span.clone(), "blocked element")
                    .with_help(why),
            );
            return;
        }
        let suggestion = closest(name, schema::COMPONENTS.iter().map(|c| c.name))
            .or_else(|| schema::html_equivalent(name));
        let mut d = Diagnostic::new(code, message, e.name.span.clone(), "unknown component");
        d = match suggestion {
            Some(s) => d
                .with_help(format!(
                    "did you mean `{s}`? Component names are case-sensitive"
                ))
                .with_fix(rename_element(e, s)),
            None => d.with_help(
                "the host dropped unknown components; see `uihook rules` for the catalog",
            ),
        };
        self.push(d);
    }

    fn event_handler(&mut self, a: &Attribute<'a, S>) -> bool {
        let name = a.name.text.as_ref();
        let is_handler =
            name.len() > 2 && name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on"));
        if is_handler {
            self.push(
                Diagnostic::new(
                    RuleId::EventHandlerAttribute,
                    format!("`{name}` is an event handler"),
                    a.name.span.clone(),
                    "removed by the host",
                )
                .with_help(
                    "JavaScript never runs in the dashboard; use `action=\"…\"` to call your hook",
                ),
            );
        }
        is_handler
    }

    fn attributes(&mut self, e: &Element<'a, S>, spec: &'static Component) {
        let next = NextSameName::of(&e.attrs);
        for (i, a) in e.attrs.iter().enumerate() {
            work::add(1);
            if let Some(later) = next.after(&e.attrs, i) {
                self.push(
                    Diagnostic::new(
                        RuleId::DuplicateAttribute,
                        format!("`{}` is given twice", a.name.text),
                        a.name.span.clone(),
                        "this value is ignored",
                    )
                    .with_label(later.name.span.clone(), "the host kept this one")
                    .with_help("remove one of them"),
                );
            }
            if self.event_handler(a) {
                continue;
            }
            self.attribute(e, spec, a);
        }
        if !spec.one_of.is_empty() && spec.one_of.iter().all(|name| e.attr(name).is_none()) {
            let names: Vec<String> = spec.one_of.iter().map(|n| format!("`{n}`")).collect();
            let help = spec
                .one_of
                .iter()
                .filter_map(|n| spec.attr(n))
                .map(|a| format!("`{}`: {}", a.name, a.summary))
                .collect::<Vec<_>>()
                .join(" ");
            self.push(
                Diagnostic::new(
                    RuleId::MissingRequiredAttribute,
                    format!("`<{}>` needs {}", spec.name, names.join(" or ")),
                    e.name.span.clone(),
                    "missing",
                )
                .with_help(help),
            );
        }
        for required in spec.attrs.iter().filter(|a| a.required) {
            if e.attr(required.name).is_none() {
                self.push(
                    Diagnostic::new(
                        RuleId::MissingRequiredAttribute,
                        format!("`<{}>` needs `{}`", spec.name, required.name),
                        e.name.span.clone(),
                        format!("`{}` missing", required.name),
                    )
                    .with_help(format!(
                        "{} ({})",
                        required.summary,
                        required.kind.describe()
                    )),
                );
            }
        }
    }

    fn attribute(&mut self, e: &Element<'a, S>, spec: &'static Component, a: &Attribute<'a, S>) {
        let name = a.name.text.as_ref();
        if let Some(attr) = spec.attr(name) {
            match attr.status {
                Status::Legacy { instead, certain } => {
                    let mut d = Diagnostic::new(
                        RuleId::LegacyAttribute,
                        format!("`{name}` was replaced by `{instead}`"),
                        a.name.span.clone(),
                        "legacy flag",
                    )
                    .with_help(format!("write `{instead}`"));
                    if let Some(fix) = legacy_fix(e, a, instead, certain) {
                        d = d.with_fix(fix);
                    }
                    self.push(d);
                }
                Status::Community => self.push(
                    Diagnostic::new(
                        RuleId::CommunityAttribute,
                        format!("`{name}` on `<{}>` is not documented and was never used by ZEIT", spec.name),
                        a.name.span.clone(),
                        "may have had no effect",
                    )
                    .with_help("check that the dashboard showed what you expect, then silence this in uihook.toml")
                    // Nothing shows the host honoured it, but nothing shows it
                    // did not either: removing it is the author's call.
                    .with_fix(Fix::replace(
                        Applicability::Unsafe,
                        format!("Remove `{name}`"),
                        a.span.clone(),
                        "",
                    )),
                ),
                Status::Documented | Status::Staff => {}
            }
            self.value(e, a, attr.kind);
            return;
        }
        // A host's extra attributes apply to every component, `Box` included
        // (where they would otherwise be checked as CSS properties).
        let extra = self
            .options
            .extra_attributes
            .iter()
            .any(|(c, n)| c == spec.name && n == name);
        if extra {
            return;
        }
        match spec.extra {
            Extra::AnyName => self.value(e, a, Kind::Text),
            Extra::CssProperties => self.css_property(e, a),
            Extra::None => {
                let mut d = Diagnostic::new(
                    RuleId::UnknownAttribute,
                    format!("`<{}>` has no attribute `{name}`", spec.name),
                    a.name.span.clone(),
                    "unknown attribute",
                );
                d = match closest(name, spec.attrs.iter().map(|a| a.name)) {
                    Some(s) => d
                        .with_help(format!("did you mean `{s}`?"))
                        .with_fix(rename(a.name.span.clone(), s)),
                    None if spec.attrs.is_empty() => d.with_help(format!(
                        "`<{}>` takes no attributes; wrap it in a `<Box>` to style it",
                        spec.name
                    )),
                    None => {
                        let list: Vec<String> = spec
                            .attrs
                            .iter()
                            .filter(|a| matches!(a.status, Status::Documented | Status::Staff))
                            .map(|a| format!("`{}`", a.name))
                            .collect();
                        d.with_help(format!("`<{}>` takes {}", spec.name, list.join(", ")))
                    }
                };
                self.push(d);
            }
        }
    }

    fn css_property(&mut self, e: &Element<'a, S>, a: &Attribute<'a, S>) {
        let name = a.name.text.as_ref();
        if name.contains('-') && !name.starts_with('-') && css::is_property(name) {
            let camel = css::kebab_to_camel(name);
            let mut d = Diagnostic::new(
                RuleId::KebabCaseCssProperty,
                format!("`{name}` is written in kebab-case"),
                a.name.span.clone(),
                "kebab-case property",
            )
            .with_help(format!(
                "write `{camel}`; `Box` maps camelCase names to CSS"
            ));
            // With the camelCase name already there, renaming would make a
            // duplicate whose value wins depends on order: leave it.
            if e.attr(&camel).is_none() {
                d = d.with_fix(Fix::replace(
                    Applicability::Safe,
                    format!("Rename to `{camel}`"),
                    a.name.span.clone(),
                    camel.clone(),
                ));
            }
            self.push(d);
        } else if !css::is_camel_property(name) {
            let suggestion = css::closest_camel_property(name);
            let mut d = Diagnostic::new(
                RuleId::UnknownCssProperty,
                format!("`{name}` is not a CSS property"),
                a.name.span.clone(),
                "unknown property",
            );
            d = match suggestion {
                Some(s) => d
                    .with_help(format!("did you mean `{s}`?"))
                    .with_fix(rename(a.name.span.clone(), s)),
                None if name == "style" => d.with_help(
                    "give each property as its own attribute: `<Box marginTop=\"10px\">`",
                ),
                None => d.with_help("`Box` takes CSS properties in camelCase, such as `marginTop`"),
            };
            self.push(d);
            return;
        }
        self.value(e, a, Kind::Css);
    }

    fn invalid(&mut self, a: &Attribute<'a, S>, span: S, message: String, help: String) {
        let _ = a;
        self.push(
            Diagnostic::new(
                RuleId::InvalidAttributeValue,
                message,
                span,
                "invalid value",
            )
            .with_help(help),
        );
    }

    fn value(&mut self, e: &Element<'a, S>, a: &Attribute<'a, S>, kind: Kind) {
        let name = a.name.text.as_ref();
        match &a.value {
            AttrValue::Flag => {
                if kind != Kind::Flag {
                    self.invalid(
                        a,
                        a.name.span.clone(),
                        format!("`{name}` needs a value ({})", kind.describe()),
                        format!("a bare `{name}` means `true`; write `{name}=\"…\"`"),
                    );
                }
            }
            AttrValue::Str { value, span, form } => {
                if *form != StrForm::Unquoted
                    && kind != Kind::Flag
                    && (value == "true" || value == "false")
                {
                    // No spelling keeps the string: the host converted every
                    // form. The fix picks a word that survives, a guess that
                    // the code reading the value must follow.
                    let word = if value == "true" { "yes" } else { "no" };
                    self.push(
                        Diagnostic::new(
                            RuleId::BooleanStringCoerced,
                            format!("the host turned `{name}=\"{value}\"` into the boolean {value}"),
                            span.clone(),
                            "becomes a boolean",
                        )
                        .with_help("every attribute whose value is exactly \"true\" or \"false\" became a boolean; choose another value")
                        .with_fix(Fix::replace(
                            Applicability::Unsafe,
                            format!("Replace with `\"{word}\"` (and the code that reads it)"),
                            span.clone(),
                            quote_like(*form, word),
                        )),
                    );
                }
                self.string_value(a, kind, value, *form, span.clone());
            }
            AttrValue::Literal { value, span } => match (kind, value) {
                (Kind::Flag, Literal::Bool(_)) => {}
                (
                    Kind::Millis
                    | Kind::Length
                    | Kind::Text
                    | Kind::Label
                    | Kind::Css
                    | Kind::Action,
                    Literal::Number(_),
                ) => {}
                (Kind::Timeout { min_ms }, Literal::Number(n)) => {
                    self.timeout(n, min_ms, span.clone());
                }
                (_, Literal::Null) => self.invalid(
                    a,
                    span.clone(),
                    format!("`{name}={{null}}` passes no value"),
                    "leave the attribute out instead".to_owned(),
                ),
                _ => self.invalid(
                    a,
                    span.clone(),
                    format!("`{name}` takes {}, not this literal", kind.describe()),
                    "write the value as a quoted string".to_owned(),
                ),
            },
            AttrValue::Element(inner) => {
                if kind != Kind::Label {
                    self.invalid(
                        a,
                        inner.name.span.clone(),
                        format!("`{name}` on `<{}>` cannot take an element", e.name.text),
                        "only `label` of `Input`, `Textarea` and `Select` takes an element; pass a string".to_owned(),
                    );
                }
            }
            AttrValue::Dynamic(_) | AttrValue::Invalid(_) => {}
        }
    }

    fn string_value(
        &mut self,
        a: &Attribute<'a, S>,
        kind: Kind,
        value: &str,
        form: StrForm,
        span: S,
    ) {
        let name = a.name.text.as_ref();
        match kind {
            Kind::Text | Kind::Action | Kind::Label => {}
            Kind::Flag => {
                if value != "true" && value != "false" {
                    self.invalid(
                        a,
                        span,
                        format!("`{name}` is a flag, but `\"{value}\"` is neither \"true\" nor \"false\""),
                        format!("write a bare `{name}`, or `{name}=\"false\"`"),
                    );
                }
            }
            Kind::Enum(spec) => {
                if spec.values.iter().any(|v| schema::same_name(v, value)) {
                    return;
                }
                if spec.community.contains(&value) {
                    self.push(
                        Diagnostic::new(
                            RuleId::CommunityAttribute,
                            format!(
                                "`{name}=\"{value}\"` is not documented and was never used by ZEIT"
                            ),
                            span,
                            "may have had no effect",
                        )
                        .with_help(format!("documented values: {}", quoted_list(spec.values))),
                    );
                    return;
                }
                let mut d = Diagnostic::new(
                    RuleId::InvalidEnumValue,
                    format!("`\"{value}\"` is not a valid `{name}`"),
                    span.clone(),
                    "invalid value",
                );
                d = match closest(value, spec.values.iter().copied()) {
                    Some(s) => d
                        .with_help(format!(
                            "did you mean `\"{s}\"`? Valid values: {}",
                            quoted_list(spec.values)
                        ))
                        .with_fix(Fix::replace(
                            Applicability::Unsafe,
                            format!("Replace with `\"{s}\"`"),
                            span.clone(),
                            quote_like(form, s),
                        )),
                    None => d.with_help(format!("valid values: {}", quoted_list(spec.values))),
                };
                self.push(d);
            }
            Kind::Timeout { min_ms } => self.timeout(value, min_ms, span),
            Kind::Millis => {
                if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                    self.invalid(
                        a,
                        span,
                        format!("`{name}` takes a whole number, not `\"{value}\"`"),
                        format!("write digits only, e.g. `{name}=\"100\"`"),
                    );
                }
            }
            Kind::Length => {
                if !is_length(value) {
                    self.invalid(
                        a,
                        span,
                        format!("`\"{value}\"` is not a length"),
                        "write a number of pixels (`\"64\"`), a CSS length (`\"14px\"`, `\"100%\"`) or `\"auto\"`".to_owned(),
                    );
                }
            }
            Kind::Url => self.url(value, span),
            Kind::UriEncoded => {
                if let Some(bad) = value.chars().find(|&c| !is_uri_component_char(c)) {
                    self.invalid(
                        a,
                        span,
                        format!(
                            "`{name}` must be URI-encoded, but holds `{}`",
                            bad.escape_default()
                        ),
                        "encode it as JavaScript's `encodeURIComponent` does".to_owned(),
                    );
                } else if !percent_escapes_valid(value) {
                    self.invalid(
                        a,
                        span,
                        format!("`{name}` has a `%` not followed by two hex digits"),
                        "the host's `decodeURIComponent` throws on it; encode `%` as `%25`"
                            .to_owned(),
                    );
                }
            }
            Kind::NameList => {
                let ok = value.split(',').enumerate().all(|(i, part)| {
                    let part = if i == 0 {
                        part
                    } else {
                        part.trim_start_matches(' ')
                    };
                    !part.is_empty() && !part.contains(char::is_whitespace)
                });
                if !ok {
                    self.invalid(
                        a,
                        span,
                        format!("`\"{value}\"` is not a comma-separated list of input names"),
                        "write names separated by commas, e.g. `\"username, password\"`".to_owned(),
                    );
                }
            }
            Kind::Css => {
                if let Some(why) = css::unsafe_value(value) {
                    self.push(
                        Diagnostic::new(
                            RuleId::InvalidCssValue,
                            format!("unsafe CSS value for `{name}`"),
                            span,
                            "unsafe value",
                        )
                        .with_help(why),
                    );
                }
            }
        }
    }

    fn timeout(&mut self, value: &str, min_ms: u64, span: S) {
        // A number literal may be written `3e3` or `5000.0`.
        let ms = value.parse::<u64>().ok().or_else(|| {
            value
                .parse::<f64>()
                .ok()
                .filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v < 1e15)
                .map(|v| v as u64)
        });
        match ms.ok_or(()) {
            Ok(ms) if ms < min_ms => self.push(
                Diagnostic::new(
                    RuleId::AutorefreshTooFast,
                    format!("`AutoRefresh` every {ms} ms is faster than the documented minimum"),
                    span,
                    "too short",
                )
                .with_help(format!(
                    "use at least `timeout=\"{min_ms}\"` ({} seconds)",
                    min_ms / 1000
                )),
            ),
            Ok(_) => {}
            Err(_) => self.push(
                Diagnostic::new(
                    RuleId::InvalidAttributeValue,
                    format!("`timeout` takes whole milliseconds, not `{value}`"),
                    span,
                    "invalid value",
                )
                .with_help("write digits only, e.g. `timeout=\"5000\"`"),
            ),
        }
    }

    fn url(&mut self, value: &str, span: S) {
        if let Some(scheme) = unsafe_url_scheme(value) {
            self.push(
                Diagnostic::new(
                    RuleId::UnsafeUrl,
                    format!("`{scheme}:` URLs are not allowed"),
                    span,
                    "unsafe URL",
                )
                .with_help("use an `http`, `https`, `mailto`, `tel` or relative URL (or a `data:image/…` URL)"),
            );
        }
    }

    /// The child conventions of `spec` (the component named `parent`) for
    /// one more child; `Break` when its children are judged as a whole
    /// (nothing may be inside it), after which the rest are not looked at.
    pub(crate) fn child(
        &mut self,
        parent: &Name<'a, S>,
        spec: &'static Component,
        child: &Node<'a, S>,
    ) -> ControlFlow<()> {
        // A run-time value (from `uihook!`) may be text or elements, so
        // only a component that takes nothing at all can be judged.
        if let Node::Dynamic(span) = child {
            if spec.children == Children::None {
                self.children_not_allowed(parent, span.clone());
                return ControlFlow::Break(());
            }
            return ControlFlow::Continue(());
        }
        match (spec.children, child_kind(child)) {
            (_, ChildKind::Blank) | (Children::Any, _) => {}
            (Children::None, ChildKind::Text(span)) => {
                self.children_not_allowed(parent, span.clone());
                return ControlFlow::Break(());
            }
            (Children::None, ChildKind::Element(c)) => {
                self.children_not_allowed(parent, c.name.span.clone());
                return ControlFlow::Break(());
            }
            (Children::Text, ChildKind::Text(_)) => {}
            (Children::Text, ChildKind::Element(c)) => self.unexpected_child(
                parent,
                c.name.span.clone(),
                format!(
                    "`<{}>` shows text only, not `<{}>`",
                    parent.text, c.name.text
                ),
            ),
            (Children::Only(list), ChildKind::Element(c))
                if list.iter().any(|n| schema::same_name(n, &c.name.text)) => {}
            (Children::Only(list), ChildKind::Element(c)) => self.unexpected_child(
                parent,
                c.name.span.clone(),
                format!(
                    "`<{}>` takes only {}, not `<{}>`",
                    parent.text,
                    tag_list(list),
                    c.name.text
                ),
            ),
            (Children::Only(list), ChildKind::Text(span)) => self.unexpected_child(
                parent,
                span.clone(),
                format!(
                    "`<{}>` takes only {}, not text",
                    parent.text,
                    tag_list(list)
                ),
            ),
        }
        ControlFlow::Continue(())
    }

    fn children_not_allowed(&mut self, e: &Name<'a, S>, span: S) {
        self.push(
            Diagnostic::new(
                RuleId::ChildrenNotAllowed,
                format!("`<{}>` takes no children", e.text),
                span,
                "this content is not shown",
            )
            .with_label(e.span.clone(), "self-closing component")
            .with_help(format!("write `<{} />` and move the content out", e.text)),
        );
    }

    fn unexpected_child(&mut self, e: &Name<'a, S>, span: S, message: String) {
        self.push(
            Diagnostic::new(RuleId::UnexpectedChild, message, span, "unexpected here")
                .with_label(e.span.clone(), "inside this")
                .with_help("move it out, or use the component made for it"),
        );
    }

    fn placement(
        &mut self,
        e: &Element<'a, S>,
        spec: &'static Component,
        parent: Option<&Name<'a, S>>,
    ) {
        if spec.root {
            if let Some(p) = parent {
                self.push(
                    Diagnostic::new(
                        RuleId::PageNotRoot,
                        format!("`Page` inside `<{}>`", p.text),
                        e.name.span.clone(),
                        "nested page",
                    )
                    .with_label(p.span.clone(), "inside this")
                    .with_help("use `Page` once, as the outermost component; use `Box` or `Container` inside"),
                );
            }
            return;
        }
        if spec.form_field {
            self.fields += 1;
            if e.attr("name").is_none() {
                self.unnamed_fields.push(e.name.span.clone());
            }
        }
        if spec.parents.is_empty() {
            return;
        }
        let Some(parent) = parent else {
            if !self.options.fragment {
                self.misplaced(e, spec, None);
            }
            return;
        };
        if !spec
            .parents
            .iter()
            .any(|p| schema::same_name(p, &parent.text))
        {
            self.misplaced(e, spec, Some(parent));
        }
    }

    fn misplaced(
        &mut self,
        e: &Element<'a, S>,
        spec: &'static Component,
        parent: Option<&Name<'a, S>>,
    ) {
        let mut d = Diagnostic::new(
            RuleId::MisplacedComponent,
            format!(
                "`<{}>` belongs inside {}",
                spec.name,
                tag_list(spec.parents)
            ),
            e.name.span.clone(),
            "misplaced",
        )
        .with_help(format!("move it into {}", tag_list(spec.parents)));
        if let Some(p) = parent {
            d = d.with_label(p.span.clone(), format!("inside `<{}>` instead", p.text));
        }
        self.push(d);
    }

    fn check_field_names(&mut self) {
        if self.fields < 2 {
            return;
        }
        for span in std::mem::take(&mut self.unnamed_fields) {
            self.push(
                Diagnostic::new(
                    RuleId::MissingInputName,
                    "this field has no `name`, but the page has several fields",
                    span,
                    "no `name`",
                )
                .with_help("give every field its own `name`; it is the field's key in clientState"),
            );
        }
    }
}

/// The scheme of a URL that may not be used in `href` or `src`, if it has
/// one: anything but `http`, `https`, `mailto`, `tel`, `data:image/…` and
/// relative URLs. Browsers ignore leading spaces and control characters and
/// spaces inside the scheme, so this does too. The `uihook!` runtime drops
/// dynamic URLs for which this returns `Some`.
pub fn unsafe_url_scheme(value: &str) -> Option<String> {
    disallowed_scheme(value, &["http", "https", "mailto", "tel"], true)
}

/// Whether [`unsafe_url_scheme`] accepts `value`. Inlined at the call site
/// so that the common `https:`/`http:` URL of a dynamic `href` is accepted
/// with two prefix compares instead of a call.
#[inline]
pub fn url_scheme_is_safe(value: &str) -> bool {
    value.starts_with("https:") || value.starts_with("http:") || unsafe_url_scheme(value).is_none()
}

/// The stricter form of [`unsafe_url_scheme`] used by the HTML preview
/// (`uihook-preview`): only `http`, `https`, `mailto` and relative URLs pass
/// (issue #9), so `tel:` and `data:image/…` URLs, which lint clean, are
/// dropped there. Same scheme reading, so the two can never disagree on what
/// a URL's scheme is.
pub fn unsafe_url_scheme_strict(value: &str) -> Option<String> {
    disallowed_scheme(value, &["http", "https", "mailto"], false)
}

/// The scheme of `value` unless it is relative, one of `allowed`, or (with
/// `image_data`) a `data:image/…` URL.
fn disallowed_scheme(value: &str, allowed: &[&str], image_data: bool) -> Option<String> {
    // The common case first: an allowed scheme as written, such as `https:`,
    // is what the general path below would accept, found without decoding.
    let plain = |scheme: &&str| {
        value.as_bytes().get(scheme.len()) == Some(&b':') && value.starts_with(*scheme)
    };
    if allowed.iter().any(plain) {
        return None;
    }
    let trimmed = value.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    // The four delimiters are ASCII: a byte search finds them without
    // decoding characters.
    let end = trimmed
        .bytes()
        .position(|b| matches!(b, b':' | b'/' | b'?' | b'#'))
        .filter(|&i| trimmed.as_bytes()[i] == b':')?;
    let raw = &trimmed[..end];
    // The common case, a plain allowed scheme, allocates nothing.
    if allowed.iter().any(|s| raw.eq_ignore_ascii_case(s)) {
        return None;
    }
    let scheme: String = trimmed[..end]
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    let data_image =
        image_data && scheme == "data" && trimmed[end + 1..].trim_start().starts_with("image/");
    let ok = allowed.contains(&scheme.as_str()) || data_image;
    (!ok).then_some(scheme)
}

/// What the host made of an element name that is not in the catalog: the
/// rule and its message (`None`: not a problem, since the project declared
/// it in `extra_components`). The preview's placeholders say the same.
pub fn outside_catalog(name: &str, options: &Options) -> Option<(RuleId, String)> {
    if options.extra_components.iter().any(|c| c == name) {
        return None;
    }
    Some(match schema::forbidden_element(name) {
        Some(_) => (
            RuleId::ForbiddenElement,
            format!("`<{name}>` is blocked by the host"),
        ),
        None => (
            RuleId::UnknownComponent,
            format!("`{name}` is not a UIHook component"),
        ),
    })
}

/// A did-you-mean rename: a guess, so unsafe.
fn rename<S>(span: S, to: &str) -> Fix<S> {
    Fix::replace(
        Applicability::Unsafe,
        format!("Replace with `{to}`"),
        span,
        to,
    )
}

/// Renames an element in its open tag and, when it has one, its close tag.
fn rename_element<S: Clone>(e: &Element<'_, S>, to: &str) -> Fix<S> {
    let mut fix = rename(e.name.span.clone(), to);
    if let Close::Tag(close) = &e.close {
        if close.text == e.name.text {
            fix.edits.push(Edit {
                span: close.span.clone(),
                replacement: to.to_owned(),
            });
        }
    }
    fix
}

/// `value` (plain ASCII: an enum value or a word) in the quoting `form`.
fn quote_like(form: StrForm, value: &str) -> String {
    match form {
        StrForm::Single => format!("'{value}'"),
        StrForm::Js => format!("{{\"{value}\"}}"),
        StrForm::Double | StrForm::Unquoted => format!("\"{value}\""),
    }
}

/// `<Button secondary>` → `<Button type="secondary">`, when the flag is on
/// (bare or `"true"`/`{true}`) and there is no `type` to collide with.
/// `instead` is `name="value"`. The two flags whose colour is our reading
/// of Geist (`abort`, `highlight`) get an unsafe fix.
fn legacy_fix<S: Clone>(
    e: &Element<'_, S>,
    a: &Attribute<'_, S>,
    instead: &str,
    certain: bool,
) -> Option<Fix<S>> {
    let (new_name, _) = instead.split_once('=')?;
    let on = match &a.value {
        AttrValue::Flag => true,
        AttrValue::Str { value, .. } => value == "true",
        AttrValue::Literal { value, .. } => *value == Literal::Bool(true),
        _ => false,
    };
    if !on || e.attr(new_name).is_some() {
        return None;
    }
    let applicability = if certain {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Some(Fix::replace(
        applicability,
        format!("Replace with `{instead}`"),
        a.span.clone(),
        instead,
    ))
}

/// For each attribute, the next later one with the same name: the one a
/// duplicate diagnostic points at. Short lists are searched directly; long
/// ones are indexed once by name, since the direct search compares every
/// pair and an element may have any number of attributes.
enum NextSameName {
    Search,
    Indexed(Vec<Option<usize>>),
}

impl NextSameName {
    /// Up to this many attributes the pairwise search is cheaper than a map.
    const SEARCH_UP_TO: usize = 16;

    fn of<S>(attrs: &[Attribute<'_, S>]) -> NextSameName {
        if attrs.len() <= Self::SEARCH_UP_TO {
            return NextSameName::Search;
        }
        let mut next = vec![None; attrs.len()];
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(attrs.len());
        for (i, a) in attrs.iter().enumerate().rev() {
            work::add(1);
            next[i] = seen.insert(a.name.text.as_ref(), i);
        }
        NextSameName::Indexed(next)
    }

    fn after<'e, 'a, S>(
        &self,
        attrs: &'e [Attribute<'a, S>],
        i: usize,
    ) -> Option<&'e Attribute<'a, S>> {
        match self {
            NextSameName::Search => {
                let name = &attrs[i].name.text;
                attrs[i + 1..].iter().find(|b| {
                    work::add(1);
                    schema::same_name(&b.name.text, name)
                })
            }
            NextSameName::Indexed(next) => next[i].map(|j| &attrs[j]),
        }
    }
}

fn quoted_list(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("`\"{v}\"`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn tag_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`<{n}>`"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// `64`, `14px`, `1.5rem`, `100%`, `auto`, `var(--x)`, `calc(…)`.
fn is_length(value: &str) -> bool {
    const UNITS: &[&str] = &[
        "", "px", "%", "em", "rem", "vh", "vw", "vmin", "vmax", "pt", "ch", "ex", "fr",
    ];
    const WORDS: &[&str] = &[
        "auto",
        "inherit",
        "initial",
        "unset",
        "fit-content",
        "max-content",
        "min-content",
    ];
    let v = value.trim();
    if WORDS.contains(&v) || (v.starts_with("var(") || v.starts_with("calc(")) && v.ends_with(')') {
        return true;
    }
    let digits_end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (number, unit) = v.split_at(digits_end);
    !number.is_empty() && number != "." && number.matches('.').count() <= 1 && UNITS.contains(&unit)
}

/// The characters `encodeURIComponent` leaves alone, plus `%` of escapes.
fn is_uri_component_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.!~*'()%".contains(c)
}

fn percent_escapes_valid(value: &str) -> bool {
    let b = value.as_bytes();
    b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || (b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn codes(src: &str) -> Vec<RuleId> {
        let parsed = parse(src);
        assert!(
            parsed.diagnostics.is_empty(),
            "{src}: {:?}",
            parsed.diagnostics
        );
        validate(&parsed.document, &Options::default())
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_valid_page_is_clean() {
        let src = r#"<Page>
  <Fieldset><FsContent><FsTitle>Settings</FsTitle><FsSubtitle>Pick one</FsSubtitle>
    <Input name="a" label="A" width="100%"/><Checkbox name="b" checked="true"/>
    <Select name="c" value="x" action="pick"><Option value="x" caption="X"/></Select>
  </FsContent><FsFooter><Button action="submit" small type="secondary">Save</Button></FsFooter></Fieldset>
  <Box display="flex" justifyContent="space-between" color="var(--geist-error)"><UL><LI><Link href="https://x.test" target="_blank">x</Link></LI></UL></Box>
  <Notice type="warn">Careful</Notice><Img src="/a.png" width="64"/><Code value="a%20b"/>
  <AutoRefresh timeout="5000"/><ClientState accountId="42"/><ResetButton targets="a, b">Reset</ResetButton>
</Page>"#;
        assert_eq!(codes(src), Vec::<RuleId>::new());
    }

    #[test]
    fn extra_attributes_apply_to_box_too() {
        let options = Options {
            extra_attributes: vec![
                ("Box".to_owned(), "data-testid".to_owned()),
                ("P".to_owned(), "data-testid".to_owned()),
            ],
            ..Options::default()
        };
        let src = "<Page><Box data-testid=\"a\"/><P data-testid=\"b\">x</P></Page>";
        let parsed = parse(src);
        assert!(validate(&parsed.document, &options).is_empty());
        assert_eq!(
            codes("<Page><Box data-testid=\"a\"/></Page>"),
            vec![RuleId::UnknownCssProperty]
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            codes("<Page><Buton/></Page>"),
            vec![RuleId::UnknownComponent]
        );
        assert_eq!(codes("<Page><div/></Page>"), vec![RuleId::UnknownComponent]);
        assert_eq!(
            codes("<Page><script/></Page>"),
            vec![RuleId::ForbiddenElement]
        );
        assert_eq!(
            codes("<Page><P onClick=\"x\"/></Page>"),
            vec![RuleId::EventHandlerAttribute]
        );
        assert_eq!(
            codes("<Page><Link href=\"/\" targe=\"_blank\"/></Page>"),
            vec![RuleId::UnknownAttribute]
        );
    }

    #[test]
    fn values() {
        assert_eq!(
            codes("<Page><Notice type=\"warning\"/></Page>"),
            vec![RuleId::InvalidEnumValue]
        );
        assert_eq!(
            codes("<Page><Notice type=\"info\"/></Page>"),
            vec![RuleId::CommunityAttribute]
        );
        assert_eq!(
            codes("<Page><Button secondary/></Page>"),
            vec![RuleId::LegacyAttribute]
        );
        assert_eq!(
            codes("<Page><Box isplay=\"flex\"/></Page>"),
            vec![RuleId::UnknownCssProperty]
        );
        assert_eq!(
            codes("<Page><Box font-size=\"1px\"/></Page>"),
            vec![RuleId::KebabCaseCssProperty]
        );
        assert_eq!(
            codes("<Page><Box color=\"red;x:y\"/></Page>"),
            vec![RuleId::InvalidCssValue]
        );
        assert_eq!(
            codes("<Page><Link href=\"javascript:alert(1)\"/></Page>"),
            vec![RuleId::UnsafeUrl]
        );
        assert_eq!(
            codes("<Page><AutoRefresh timeout=\"1000\"/></Page>"),
            vec![RuleId::AutorefreshTooFast]
        );
        assert_eq!(
            codes("<Page><AutoRefresh timeout={3000}/></Page>"),
            Vec::<RuleId>::new()
        );
        assert_eq!(
            codes("<Page><AutoRefresh/></Page>"),
            vec![RuleId::MissingRequiredAttribute]
        );
        assert_eq!(
            codes("<Page><Button small=\"yes\"/></Page>"),
            vec![RuleId::InvalidAttributeValue]
        );
        assert_eq!(
            codes("<Page><Input value=\"true\"/></Page>"),
            vec![RuleId::BooleanStringCoerced]
        );
        assert_eq!(
            codes("<Page><Code value=\"a b\"/></Page>"),
            vec![RuleId::InvalidAttributeValue]
        );
        assert_eq!(
            codes("<Page><Button width=\"wide\"/></Page>"),
            vec![RuleId::InvalidAttributeValue]
        );
        assert_eq!(
            codes("<Page><Button label={<B/>}/></Page>"),
            vec![RuleId::UnknownAttribute]
        );
        assert_eq!(
            codes("<Page><Input label={<B>x</B>}/></Page>"),
            Vec::<RuleId>::new()
        );
        assert_eq!(
            codes("<Page><Button action={<B/>}/></Page>"),
            vec![RuleId::InvalidAttributeValue]
        );
        assert_eq!(
            codes("<Page><P a=\"1\" a=\"2\"/></Page>").first(),
            Some(&RuleId::DuplicateAttribute)
        );
    }

    #[test]
    fn conventions() {
        assert_eq!(
            codes("<Page><BR>x</BR></Page>"),
            vec![RuleId::ChildrenNotAllowed]
        );
        assert_eq!(
            codes("<Page><Option value=\"a\" caption=\"A\"/></Page>"),
            vec![RuleId::MisplacedComponent]
        );
        assert_eq!(
            codes("<Page><UL><P>x</P></UL></Page>"),
            vec![RuleId::UnexpectedChild]
        );
        assert_eq!(codes("<P>x</P>"), vec![RuleId::PageNotRoot]);
        assert_eq!(codes("<Page/><Page/>"), vec![RuleId::PageNotRoot]);
        assert_eq!(
            codes("<Page><Box><Page/></Box></Page>"),
            vec![RuleId::PageNotRoot]
        );
        assert_eq!(
            codes("<Page><Input/><Input/></Page>"),
            vec![RuleId::MissingInputName, RuleId::MissingInputName]
        );
    }

    #[test]
    fn run_time_children_are_judged_only_where_nothing_fits() {
        use crate::ast::{Close, Element, Name};
        use std::borrow::Cow;
        let el = |name: &str, children| {
            Node::Element(Box::new(Element {
                name: Name {
                    text: Cow::Owned(name.to_owned()),
                    span: 0..0,
                },
                attrs: Vec::new(),
                children,
                close: Close::SelfClosing,
                span: 0..0,
            }))
        };
        let options = Options {
            fragment: true,
            ..Options::default()
        };
        let list = Document {
            doctype: None,
            nodes: vec![el("UL", vec![Node::Dynamic(0..0)])],
        };
        assert!(validate(&list, &options).is_empty());
        let br = Document {
            doctype: None,
            nodes: vec![el("BR", vec![Node::Dynamic(0..0)])],
        };
        let codes: Vec<RuleId> = validate(&br, &options).iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![RuleId::ChildrenNotAllowed]);
    }

    #[test]
    fn fragments_skip_root_checks() {
        let parsed = parse("<LI>x</LI>");
        let options = Options {
            fragment: true,
            ..Options::default()
        };
        assert!(validate(&parsed.document, &options).is_empty());
    }

    #[test]
    fn url_schemes() {
        assert_eq!(unsafe_url_scheme("HTTPS://example.com"), None);
        assert_eq!(unsafe_url_scheme("/a:b"), None);
        assert_eq!(unsafe_url_scheme("?q=a:b"), None);
        assert_eq!(unsafe_url_scheme("data:image/png;base64,AA"), None);
        assert_eq!(
            unsafe_url_scheme(" java\tscript:alert(1)"),
            Some("javascript".to_owned())
        );
        assert_eq!(
            unsafe_url_scheme("data:text/html,x"),
            Some("data".to_owned())
        );
        assert_eq!(
            unsafe_url_scheme("java&amp;script:x"),
            Some("java&amp;script".to_owned())
        );
    }

    #[test]
    fn strict_url_schemes_for_the_preview() {
        for ok in [
            "https://x.test",
            "HTTP://x",
            "mailto:a@b.test",
            "/a:b",
            "#top",
            "x.png",
        ] {
            assert_eq!(unsafe_url_scheme_strict(ok), None, "{ok}");
        }
        assert_eq!(unsafe_url_scheme_strict("tel:+1"), Some("tel".to_owned()));
        assert_eq!(
            unsafe_url_scheme_strict("data:image/png;base64,AA"),
            Some("data".to_owned())
        );
        assert_eq!(
            unsafe_url_scheme_strict("\u{1} JaVa\nScRiPt:x"),
            Some("javascript".to_owned())
        );
        // The lint's rule is unchanged.
        assert_eq!(unsafe_url_scheme("tel:+1"), None);
    }

    #[test]
    fn lengths() {
        for ok in ["64", "14px", "100%", "1.5rem", "auto", "40vh", "var(--w)"] {
            assert!(is_length(ok), "{ok}");
        }
        for bad in ["", "wide", "10 px", "1.2.3", "."] {
            assert!(!is_length(bad), "{bad}");
        }
    }
}
