//! Diagnostics → tokens: errors become `compile_error!`s at their spans,
//! warnings become uses of a `#[deprecated]` constant, which is the one way
//! a macro can make stable rustc print a warning at a given span.
//!
//! Every label gets its own message, so a mismatched close tag points at
//! both tags. Warnings can be silenced like any deprecation:
//! `#[allow(deprecated)]` on the enclosing item.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use uihook_compiler::{Diagnostic, Severity};

/// The message of a diagnostic as the CLI words it, with help and code.
fn text(d: &Diagnostic<Span>, message: &str) -> String {
    let mut s = message.to_owned();
    if let Some(help) = &d.help {
        s.push_str("\n  = help: ");
        s.push_str(help);
    }
    s.push_str(&format!(
        "\n  = note: uihook rule `{0}` (`uihook explain {0}`)",
        d.code.as_str()
    ));
    s
}

fn error_at(span: Span, message: &str) -> TokenStream {
    quote_spanned!(span=> ::core::compile_error! { #message };)
}

fn warning_at(span: Span, code: &str, message: &str, index: usize) -> TokenStream {
    let def = format_ident!(
        "{}_{}",
        code.replace('-', "_"),
        index,
        span = Span::mixed_site()
    );
    let used = format_ident!(
        "{}_{}",
        code.replace('-', "_"),
        index,
        span = span.resolved_at(Span::mixed_site())
    );
    quote! {
        {
            #[deprecated(note = #message)]
            #[allow(non_upper_case_globals)]
            const #def: () = ();
            #[allow(clippy::let_unit_value)]
            let _ = #used;
        }
    }
}

/// Tokens reporting every diagnostic and syntax error.
pub fn emit(diagnostics: &[Diagnostic<Span>], errors: &[syn::Error]) -> TokenStream {
    let mut out = TokenStream::new();
    for (i, d) in diagnostics.iter().enumerate() {
        for (j, label) in d.labels.iter().enumerate() {
            let message = if j == 0 {
                text(d, &d.message)
            } else {
                format!("{}: {}", d.message, label.message)
            };
            out.extend(match d.severity {
                Severity::Error => error_at(label.span, &message),
                Severity::Warning | Severity::Info => {
                    warning_at(label.span, d.code.as_str(), &message, i * 8 + j)
                }
            });
        }
    }
    for e in errors {
        out.extend(e.to_compile_error());
    }
    out
}
