//! The UIHook markup compiler: lexer, parser, schema, validator, diagnostics,
//! escaping and renderer. Data flows one way:
//! text → [`lexer`] tokens → [`parser`] AST → [`mod@validate`] diagnostics → [`mod@render`] markup.
//!
//! [`analyze`] runs the checking half (parse, validate, configured
//! severities, inline suppressions) once, for every surface.

pub mod analysis;
pub mod ast;
#[cfg(feature = "automaton-floor")]
#[doc(hidden)]
pub mod automaton;
pub mod css;
pub mod diagnostic;
pub mod entity;
mod entity_table;
pub mod escape;
pub mod fix;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
#[cfg(feature = "fuzzing")]
pub mod generate;
#[cfg(feature = "fuzzing")]
pub mod hostile;
mod js_string;
pub mod lexer;
pub mod parser;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod settings;
pub mod suggest;
pub mod suppress;
pub mod validate;
#[doc(hidden)]
pub mod work;

pub use analysis::{analyze, analyze_with, diagnose, Analysis};
pub use ast::{Document, Node, Span};
pub use diagnostic::{Diagnostic, Severity};
pub use fix::{fix_all, Applicability, Edit, Fix, Fixed};
pub use parser::{parse, parse_strict, Parsed};
pub use render::render;
pub use rules::RuleId;
pub use settings::Settings;
pub use validate::{validate, Options};

/// The diagnostics of [`analyze`] under default severities and these
/// validator options, in document order.
pub fn check(src: &str, options: &Options) -> Vec<Diagnostic<Span>> {
    diagnose(src, &Settings::with_options(options.clone()))
}
