//! Finds UIHook markup inside JavaScript and TypeScript sources and lints it
//! with the compiler, reporting every diagnostic at its position in the
//! original `.js`/`.ts` file.
//!
//! The pipeline, one module per step:
//!
//! | module | owns |
//! |---|---|
//! | [`js`] | parsing with oxc, finding `htm` tagged templates and markup strings, classifying each `${…}` |
//! | `decode` | the cooked text of a template chunk or string, with the raw source range of each piece |
//! | [`placeholder`] | rewriting a template into markup the compiler reads, with a placeholder per `${…}` |
//! | [`span_map`] | generated offsets back to source offsets |
//! | `semantics` | what htm and plain strings change: entities, printed `false`/`null`, unescaped values |

mod decode;
pub mod js;
pub mod placeholder;
mod semantics;
pub mod span_map;

use std::path::Path;

use oxc_span::SourceType;
use uihook_compiler::ast::{AttrValue, ExprValue, Node};
use uihook_compiler::suppress::{self, Comment};
use uihook_compiler::{analyze_with, diagnostic, Diagnostic, RuleId, Span};

use crate::placeholder::{Position, Slot};

/// File extensions whose markup is extracted.
pub const EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "jsx", "ts", "tsx"];

/// True when `path` has one of the [`EXTENSIONS`].
pub fn is_script(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e))
}

/// How to extract and lint.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Tag names of htm templates (`htm` unless configured).
    pub tags: Vec<String>,
    /// The analysis settings; `options.fragment` is decided per template,
    /// and suppressions are the JS comments of the file.
    pub analysis: uihook_compiler::Settings,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            tags: vec!["htm".to_owned()],
            analysis: uihook_compiler::Settings::default(),
        }
    }
}

/// The result of linting one source.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// How many templates were found and linted.
    pub templates: usize,
    /// Where each template is in the source (for an `htm` template, from its
    /// tag to its closing backtick), in source order: the editor server
    /// reads the markup around the cursor inside them.
    pub template_spans: Vec<Span>,
    /// Diagnostics with spans into the source file, sorted by position.
    pub diagnostics: Vec<Diagnostic<Span>>,
}

/// The parser's settings for a file name: TypeScript for `.ts`/`.tsx`
/// (declarations for `.d.ts`), JSX for `.jsx`/`.tsx` and also for `.js`,
/// `.mjs` and `.cjs` (React projects write JSX there).
fn source_type(path: &Path) -> SourceType {
    match SourceType::from_path(path) {
        Ok(st) if st.is_typescript() => st,
        Ok(st) => st.with_jsx(true),
        Err(_) => SourceType::mjs().with_jsx(true),
    }
}

/// Extracts the markup of `source` (the text of the file at `path`) and lints it.
pub fn lint(source: &str, path: &Path, settings: &Settings) -> Report {
    let components = components(settings);
    let source_type = source_type(path);
    let mut extracted = js::extract(source, source_type, &settings.tags, &components);
    if !extracted.syntax_errors.is_empty() && source_type.is_javascript() {
        // A `.js` file may be a CommonJS script (a top-level `return`, `with`,
        // octal escapes) rather than a module: take that reading if it parses.
        let script = js::extract(
            source,
            SourceType::cjs().with_jsx(true),
            &settings.tags,
            &components,
        );
        if script.syntax_errors.is_empty() {
            extracted = script;
        }
    }
    let mut diagnostics = Vec::new();
    for (message, span) in &extracted.syntax_errors {
        diagnostics.push(
            Diagnostic::new(
                RuleId::JsSyntaxError,
                format!("this file could not be parsed, so its markup was not checked: {message}"),
                span.clone(),
                "syntax error",
            )
            .with_help("fix the syntax, or exclude the file in uihook.toml"),
        );
    }
    for template in &extracted.templates {
        diagnostics.extend(lint_template(source, template, settings));
    }
    let mut diagnostics: Vec<Diagnostic<Span>> = diagnostics
        .into_iter()
        .filter_map(|d| settings.analysis.apply(d))
        .collect();
    diagnostic::sort(&mut diagnostics);
    if settings.analysis.suppressions {
        let comments: Vec<Comment<'_>> = extracted
            .comments
            .iter()
            .filter_map(|span| {
                Some(Comment {
                    text: source.get(span.clone())?,
                    span: span.clone(),
                    removal: span.clone(),
                })
            })
            .collect();
        diagnostics = suppress::apply(source, &comments, diagnostics, &settings.analysis);
    }
    Report {
        templates: extracted.templates.len(),
        template_spans: extracted.templates.iter().map(|t| t.span.clone()).collect(),
        diagnostics,
    }
}

fn components(settings: &Settings) -> Vec<&str> {
    uihook_compiler::schema::COMPONENTS
        .iter()
        .map(|c| c.name)
        .chain(
            settings
                .analysis
                .options
                .extra_components
                .iter()
                .map(String::as_str),
        )
        .collect()
}

/// Lints one template of `source`; spans are mapped back to the source.
/// Severities and suppressions are applied by [`lint`], for the whole file.
pub fn lint_template(
    source: &str,
    template: &js::Template,
    settings: &Settings,
) -> Vec<Diagnostic<Span>> {
    let built = placeholder::build(template);
    let mut analysis = settings.analysis.clone();
    analysis.options.fragment = built.fragment;
    analysis.suppressions = false;
    // Severities are the file's business (extraction lowers some of its own).
    analysis.severities.clear();
    let generated = built.map.text();
    let slots = SlotIndex {
        child: Slots::new(&built.slots, Position::Child),
        attr_value: Slots::new(&built.slots, Position::AttrValue),
    };
    let result = analyze_with(generated, &analysis, |document| {
        patch(&mut document.nodes, &slots)
    });
    let mut diagnostics: Vec<Diagnostic<Span>> = result
        .diagnostics
        .into_iter()
        .map(|d| {
            d.map_spans(
                |s| built.map.to_source(s),
                |s| exact_source(source, generated, &built.map, s),
            )
        })
        .collect();
    // An htm template is one backtick literal; a plain one may be several
    // literals joined by `+`, each with its own quote.
    let delimiter = (template.style == js::Style::Htm).then_some('`');
    for d in &mut diagnostics {
        d.fixes.retain(|f| {
            f.edits
                .iter()
                .all(|e| fits_literal(&e.replacement, delimiter))
        });
    }
    diagnostics.extend(semantics::check(template.style, &built));
    diagnostics
}

/// The source range of generated text that was copied unchanged, so an edit
/// there can be made in the source; `None` for text that came from an
/// escape, a placeholder or a generated tag.
fn exact_source(
    source: &str,
    generated: &str,
    map: &span_map::SpanMap,
    span: Span,
) -> Option<Span> {
    let mapped = map.to_source(span.clone());
    (source.get(mapped.clone())? == generated.get(span)?).then_some(mapped)
}

/// Whether `text` can be written into the JS literal that `delimiter`
/// (`None`: any quote) opens without escaping: a fix never touches the JS
/// around the markup, so one that would need a JS escape is not offered.
fn fits_literal(text: &str, delimiter: Option<char>) -> bool {
    let quotes: &[char] = match delimiter {
        Some(d) => &[d],
        None => &['`', '"', '\''],
    };
    !text.contains(quotes)
        && !text.contains(['\\', '\n', '\r', '\u{2028}', '\u{2029}'])
        && !text.contains("${")
}

/// The placeholders of one position, for finding those inside a span.
struct Slots {
    /// Generated ranges of the non-empty placeholders, sorted by start.
    ranges: Vec<Span>,
    /// `min_end[i]`: the smallest end among `ranges[i..]`.
    min_end: Vec<usize>,
}

impl Slots {
    fn new(slots: &[Slot], position: Position) -> Slots {
        let mut ranges: Vec<Span> = slots
            .iter()
            .filter(|s| s.position == position && !s.generated.is_empty())
            .map(|s| s.generated.clone())
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut min_end = vec![usize::MAX; ranges.len()];
        let mut smallest = usize::MAX;
        for (i, r) in ranges.iter().enumerate().rev() {
            smallest = smallest.min(r.end);
            min_end[i] = smallest;
        }
        Slots { ranges, min_end }
    }

    /// Whether a placeholder lies wholly inside `span`.
    fn inside(&self, span: &Span) -> bool {
        uihook_compiler::work::add(1);
        let i = self.ranges.partition_point(|r| r.start < span.start);
        self.min_end.get(i).is_some_and(|&end| end <= span.end)
    }
}

/// The placeholders by position, indexed once per template: an element may
/// have any number of attributes and a template any number of slots.
struct SlotIndex {
    child: Slots,
    attr_value: Slots,
}

/// Turns the placeholders the parser read into run-time values, so the
/// validator judges them as it judges `uihook!`'s `{expr}`.
fn patch(nodes: &mut [Node<'_, Span>], slots: &SlotIndex) {
    for node in nodes {
        match node {
            Node::Expr(expr) if slots.child.inside(&expr.span) => {
                *node = Node::Dynamic(expr.span.clone());
            }
            Node::Expr(expr) => {
                if let ExprValue::Element(e) = &mut expr.value {
                    patch_element(e, slots);
                }
            }
            Node::Element(e) => patch_element(e, slots),
            _ => {}
        }
    }
}

fn patch_element(e: &mut uihook_compiler::ast::Element<'_, Span>, slots: &SlotIndex) {
    for attr in &mut e.attrs {
        if let AttrValue::Element(inner) = &mut attr.value {
            patch_element(inner, slots);
            continue;
        }
        let Some(span) = attr.value.span().cloned() else {
            continue;
        };
        if slots.attr_value.inside(&span) {
            attr.value = AttrValue::Dynamic(span);
        }
    }
    patch(&mut e.children, slots);
}
