//! The UIHook markup compiler: lexer, parser, schema, validator, diagnostics,
//! escaping and renderer. Data flows one way:
//! text → [`lexer`] tokens → [`parser`] AST → [`validate`] diagnostics → [`render`] markup.

pub mod ast;
pub mod css;
pub mod diagnostic;
pub mod entity;
mod entity_table;
pub mod escape;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod html;
mod js_string;
pub mod lexer;
pub mod markup;
pub mod parser;
pub mod render;
pub mod rules;
pub mod schema;
pub mod suggest;
pub mod validate;
#[doc(hidden)]
pub mod work;

pub use ast::{Document, Node, Span};
pub use diagnostic::{Diagnostic, Severity};
pub use markup::{AttrValue, EnumValue, FlagValue, Markup, Render, SchemaEnum};
pub use parser::{parse, parse_strict, Parsed};
pub use render::render;
pub use rules::Code;
pub use validate::{validate, Options};

/// Parses and validates a document: every syntax and schema diagnostic, in
/// document order. Schema checks run on the recovered tree even when there
/// are syntax errors, so one run reports everything.
pub fn check(src: &str, options: &Options) -> Vec<Diagnostic<Span>> {
    let parsed = parse(src);
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(validate(&parsed.document, options));
    diagnostics.sort_by_key(|d| (d.span().start, d.span().end));
    diagnostics
}
