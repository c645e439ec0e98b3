//! Hover and completion: what the schema says about the name under the
//! cursor, and the names that may be written there.
//!
//! Both read the schema (`uihook_compiler::schema`) and the document's
//! configuration (extra components and attributes), and never a list of
//! their own, so the editor offers exactly what `uihook lint` accepts.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemTag, CompletionTextEdit, Documentation,
    Hover, HoverContents, MarkupContent, MarkupKind, TextEdit,
};
use uihook_compiler::schema::{self, Attr, Component, Extra, Kind, Status};
use uihook_compiler::{css, Options, Span};

use super::context::{self, Context};
use super::diagnostics::Analysed;
use super::document::{Document, Kind as DocKind};

/// The context at byte `offset`, with the offset where the scanned markup
/// starts (context offsets are relative to it).
fn context_at(doc: &Document, analysed: &Analysed, offset: usize) -> Option<(usize, Context)> {
    let templates = (doc.kind == DocKind::Script).then_some(analysed.templates.as_slice());
    let (start, text) = context::region(doc.text(), templates, offset)?;
    let ctx = context::at(text, offset - start, doc.kind == DocKind::Script);
    Some((start, ctx))
}

fn options(analysed: &Analysed) -> Options {
    analysed
        .config
        .as_ref()
        .map(|c| c.settings.options.clone())
        .unwrap_or_default()
}

fn markdown(value: String) -> MarkupContent {
    MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    }
}

/// One attribute, as hover and completion documentation show it.
fn describe_attr(component: &Component, attr: &Attr) -> String {
    let mut text = format!(
        "`{}` on `{}`: {}{}\n\n{}",
        attr.name,
        component.name,
        attr.kind.describe(),
        if attr.required { ", required" } else { "" },
        attr.summary
    );
    if let Kind::Enum(spec) = attr.kind {
        let values: Vec<String> = spec.values.iter().map(|v| format!("`\"{v}\"`")).collect();
        text.push_str(&format!("\n\nValues: {}", values.join(", ")));
        if !spec.community.is_empty() {
            let seen: Vec<String> = spec
                .community
                .iter()
                .map(|v| format!("`\"{v}\"`"))
                .collect();
            text.push_str(&format!(
                " (seen only in community hooks: {})",
                seen.join(", ")
            ));
        }
    }
    text.push_str(&status_note(attr.status));
    text
}

fn status_note(status: Status) -> String {
    match status {
        Status::Documented => String::new(),
        Status::Staff => "\n\nUndocumented; used by ZEIT staff in the official gallery.".to_owned(),
        Status::Community => {
            "\n\nSeen only in community hooks, with no evidence the host honoured it.".to_owned()
        }
        Status::Legacy { instead, .. } => format!("\n\nLegacy: write `{instead}` instead."),
    }
}

/// Hover text for `name` as a component.
fn component_hover(name: &str, options: &Options) -> Option<String> {
    if let Some(c) = schema::component_named(name) {
        return Some(crate::explain_component(c));
    }
    options
        .extra_components
        .iter()
        .any(|c| c == name)
        .then(|| format!("# {name}\n\nAn extra component declared in `uihook.toml` (`extra-components`): uihook checks nothing about it."))
}

/// Hover text for attribute `attr` of `component`.
fn attr_hover(component: &str, attr: &str, options: &Options) -> Option<String> {
    let extra = options
        .extra_attributes
        .iter()
        .any(|(c, a)| c == component && a == attr);
    if extra {
        return Some(format!(
            "`{attr}` on `{component}`: an extra attribute declared in `uihook.toml` (`extra-attributes`)."
        ));
    }
    let c = schema::component_named(component)?;
    if let Some(a) = c.attr(attr) {
        return Some(describe_attr(c, a));
    }
    match c.extra {
        Extra::CssProperties if css::is_camel_property(attr) => Some(format!(
            "`{attr}` on `{component}`: the CSS property `{}`, written in camelCase as React's `style` object takes it.",
            css::camel_to_kebab(attr)
        )),
        Extra::AnyName => Some(format!(
            "`{attr}` on `{component}`: any name; its value is sent back as `clientState.{attr}`."
        )),
        _ => None,
    }
}

/// The hover at `offset`: the rule of every diagnostic there, then what the
/// schema says about the name under the cursor.
pub fn hover(doc: &Document, analysed: &Analysed, offset: usize) -> Option<Hover> {
    let mut sections = Vec::new();
    for d in &analysed.diagnostics {
        let span = d.span();
        if span.start <= offset && offset <= span.end.max(span.start + 1) {
            sections.push(format!(
                "**{}** `{}`: {}\n\n{}",
                d.severity,
                d.code.as_str(),
                d.message,
                d.code.explanation()
            ));
        }
    }
    let options = options(analysed);
    let mut range = None;
    if let Some((start, ctx)) = context_at(doc, analysed, offset) {
        let (text, span): (Option<String>, Span) = match &ctx {
            Context::TagName {
                word,
                start: s,
                end,
                ..
            } if !word.is_empty() => (component_hover(word, &options), *s..*end),
            Context::AttrName {
                component,
                word,
                start: s,
                end,
                ..
            } if !word.is_empty() => (attr_hover(component, word, &options), *s..*end),
            _ => (None, 0..0),
        };
        if let Some(text) = text {
            sections.insert(0, text);
            range = Some(doc.range(&(start + span.start..start + span.end)));
        }
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(markdown(sections.join("\n\n---\n\n"))),
        range,
    })
}

/// A completion item replacing `span` of the document with `text`.
fn item(
    doc: &Document,
    span: &Span,
    label: &str,
    kind: CompletionItemKind,
    detail: &str,
    documentation: Option<String>,
    deprecated: bool,
) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        documentation: documentation.map(|d| Documentation::MarkupContent(markdown(d))),
        tags: deprecated.then(|| vec![CompletionItemTag::DEPRECATED]),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: doc.range(span),
            new_text: label.to_owned(),
        })),
        ..Default::default()
    }
}

/// The completions at `offset`: component names after `<`, the closing
/// name after `</`, the component's own attributes inside a tag (not those
/// already written), and an enumerated attribute's values inside quotes.
pub fn complete(doc: &Document, analysed: &Analysed, offset: usize) -> Vec<CompletionItem> {
    let Some((base, ctx)) = context_at(doc, analysed, offset) else {
        return Vec::new();
    };
    let options = options(analysed);
    let mut items = Vec::new();
    match ctx {
        Context::TagName {
            close: true,
            start,
            end,
            open: Some(open),
            ..
        } => {
            let span = base + start..base + end.max(offset - base);
            items.push(item(
                doc,
                &span,
                &open,
                CompletionItemKind::CLASS,
                "close the open element",
                None,
                false,
            ));
        }
        Context::TagName {
            close: false,
            start,
            end,
            ..
        } => {
            let span = base + start..base + end;
            for c in schema::COMPONENTS {
                let deprecated = matches!(c.status, Status::Legacy { .. });
                items.push(item(
                    doc,
                    &span,
                    c.name,
                    CompletionItemKind::CLASS,
                    c.summary,
                    Some(crate::explain_component(c)),
                    deprecated,
                ));
            }
            for name in &options.extra_components {
                items.push(item(
                    doc,
                    &span,
                    name,
                    CompletionItemKind::CLASS,
                    "extra component (uihook.toml)",
                    None,
                    false,
                ));
            }
        }
        Context::AttrName {
            component,
            start,
            end,
            present,
            ..
        } => {
            let span = base + start..base + end;
            let present: std::collections::HashSet<&str> =
                present.iter().map(String::as_str).collect();
            let written = |name: &str| present.contains(name);
            if let Some(c) = schema::component_named(&component) {
                for a in c.attrs.iter().filter(|a| !written(a.name)) {
                    items.push(item(
                        doc,
                        &span,
                        a.name,
                        CompletionItemKind::PROPERTY,
                        a.kind.describe(),
                        Some(describe_attr(c, a)),
                        matches!(a.status, Status::Legacy { .. }),
                    ));
                }
                if c.extra == Extra::CssProperties {
                    for p in css::camel_properties().iter().filter(|p| !written(p)) {
                        items.push(item(
                            doc,
                            &span,
                            p,
                            CompletionItemKind::PROPERTY,
                            "CSS property",
                            None,
                            false,
                        ));
                    }
                }
            }
            for (_, a) in options
                .extra_attributes
                .iter()
                .filter(|(c, a)| *c == component && !written(a))
            {
                items.push(item(
                    doc,
                    &span,
                    a,
                    CompletionItemKind::PROPERTY,
                    "extra attribute (uihook.toml)",
                    None,
                    false,
                ));
            }
        }
        Context::AttrValue {
            component,
            attr,
            start,
        } => {
            let spec = schema::component_named(&component)
                .and_then(|c| c.attr(&attr))
                .and_then(|a| match a.kind {
                    Kind::Enum(spec) => Some(spec),
                    _ => None,
                });
            if let Some(spec) = spec {
                // Replace what is typed of the value so far.
                let span = base + start..offset;
                for v in spec.values {
                    items.push(item(
                        doc,
                        &span,
                        v,
                        CompletionItemKind::ENUM_MEMBER,
                        spec.rust_name,
                        None,
                        false,
                    ));
                }
                for v in spec.community {
                    items.push(item(
                        doc,
                        &span,
                        v,
                        CompletionItemKind::ENUM_MEMBER,
                        "seen only in community hooks",
                        None,
                        true,
                    ));
                }
            }
        }
        Context::TagName { .. } | Context::Other => {}
    }
    items
}
