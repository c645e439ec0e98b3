//! The `uihook!` procedural macro. Use it through the `uihook` crate, which
//! re-exports it with the run-time helpers its expansion names.
//!
//! The entry point is one line; [`expand`] does the work on `proc_macro2`
//! tokens so that tests can call it too: parse ([`parse`]) → lower to the
//! compiler's tree and validate it with the compiler's rules → generate
//! ([`generate`]) → wrap with the diagnostics ([`report`]). The rules are
//! the project's `uihook.toml` ([`project`]), the one `uihook lint` reads,
//! less what the invocation's `#![allow(…)]` ([`allow`]) suppresses.

mod allow;
mod ast;
mod generate;
mod parse;
mod project;
mod report;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use uihook_compiler::analysis::check_document;

use crate::project::Project;

/// Writes UIHook markup, checked at compile time; evaluates to a
/// `uihook::Markup`. See the `uihook` crate for the syntax.
#[proc_macro]
pub fn uihook(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand(input.into(), &Project::from_env()).into()
}

/// Expands the body of one `uihook!` invocation under the project's
/// configuration.
fn expand(input: TokenStream, project: &Project) -> TokenStream {
    let mut problems = parse::Problems::default();
    let nodes = parse::parse(input, &mut problems);

    let document = ast::lower(&nodes);
    let whole_page = {
        let mut visible = document.nodes.iter().filter(|n| {
            !matches!(n, uihook_compiler::Node::Text(t) if uihook_compiler::ast::is_blank(&t.value))
        });
        matches!((visible.next(), visible.next()), (Some(uihook_compiler::Node::Element(e)), None) if uihook_compiler::schema::is_root(&e.name.text))
    };
    let mut settings = project.settings.clone();
    settings.options.fragment = !whole_page;
    let diagnostics = check_document(&document, problems.diagnostics, &settings);
    let diagnostics = allow::apply(diagnostics, &problems.allows, &settings);

    let out = Ident::new("__uihook_out", Span::mixed_site());
    let hint = Ident::new("__UIHOOK_SIZE_HINT", Span::mixed_site());
    let mut builder = generate::Builder::new(out.clone());
    builder.nodes(&nodes);
    let capacity = generate::capacity(&builder);
    let body = builder.finish();
    let mut reports = project.tokens();
    reports.extend(report::emit(&diagnostics, &problems.errors));

    quote! {
        {
            #reports
            #[allow(unused_imports)]
            use ::uihook::__private::{RenderIter as _, RenderIterRef as _};
            static #hint: ::uihook::__private::SizeHint = ::uihook::__private::SizeHint::new(#capacity);
            let mut #out = ::uihook::__private::String::with_capacity(#hint.get());
            #body
            #hint.update(#out.len());
            ::uihook::__private::finish(#out)
        }
    }
}

#[cfg(test)]
mod fmt_tests;
#[cfg(test)]
mod tests;
