//! The macro's tree → Rust code writing into one `String`.
//!
//! As in maud, static markup is escaped now, with the compiler's escaper,
//! and kept in a pending string; it is flushed as one `push_str` literal
//! just before any dynamic code, so neighbouring static parts become one
//! constant. Dynamic values are written by the run-time traits of
//! `uihook::markup` (in the facade), reached through `::uihook::__private`,
//! and the trait each attribute uses is picked from the schema's kind for it.
//!
//! A dynamic attribute is written as one prefix literal (` href="`) and its
//! escaped value; the writer returns whether it wrote anything (`None` and
//! unsafe URLs write nothing), and the closing `"` is merged into the next
//! static literal under that flag: `if open { "\">" } else { ">" }`. For
//! values that are always written the branch folds away.
//! `iter.map(|x| uihook! { … })` becomes a loop writing into the same buffer.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use uihook_compiler::escape::{markup_attr_into, markup_text_into};
use uihook_compiler::schema::{self, Extra, Kind};

use crate::ast::{Element, Node, Value};

/// Bytes reserved for each dynamic value in the capacity hint.
const DYNAMIC_GUESS: usize = 16;

/// Collects the generated statements.
pub struct Builder {
    out: Ident,
    tokens: TokenStream,
    pending: String,
    /// The flag of a dynamic attribute whose closing quote is still to be
    /// written, in front of the next static text.
    open_quote: Option<Ident>,
    /// Dynamic attributes so far, to name their flags.
    attrs: usize,
    /// Static bytes written so far (outside loops).
    pub static_len: usize,
    /// Dynamic values written so far (outside loops).
    pub dynamic: usize,
    /// Inside a loop: children are written through the `_hot` methods,
    /// whose text escaping is inlined (it pays once per item there, and
    /// would only grow straight-line code elsewhere).
    hot: bool,
}

impl Builder {
    /// A builder writing into the variable `out`.
    pub fn new(out: Ident) -> Self {
        Builder {
            out,
            tokens: TokenStream::new(),
            pending: String::new(),
            open_quote: None,
            attrs: 0,
            static_len: 0,
            dynamic: 0,
            hot: false,
        }
    }

    /// The statements, with pending static text flushed.
    pub fn finish(mut self) -> TokenStream {
        self.flush();
        self.tokens
    }

    fn push_str(&mut self, s: &str) {
        self.pending.push_str(s);
    }

    fn flush(&mut self) {
        let out = &self.out;
        let text = std::mem::take(&mut self.pending);
        self.static_len += text.len();
        match self.open_quote.take() {
            Some(open) if text.is_empty() => {
                self.static_len += 1;
                self.tokens.extend(quote! { if #open { #out.push('"'); } });
            }
            Some(open) => {
                self.static_len += 1;
                let quoted = format!("\"{text}");
                self.tokens.extend(quote! {
                    if #open { #out.push_str(#quoted); } else { #out.push_str(#text); }
                });
            }
            None if text.is_empty() => {}
            None => self.tokens.extend(quote! { #out.push_str(#text); }),
        }
    }

    /// Generates code for nodes.
    pub fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Element(e) => self.element(e),
            Node::Text { value, .. } => {
                let mut escaped = String::with_capacity(value.len());
                markup_text_into(value, &mut escaped);
                self.push_str(&escaped);
            }
            Node::Dynamic {
                expr,
                by_value,
                span,
            } => {
                self.flush();
                self.dynamic += 1;
                let out = &self.out;
                // The call carries the expression's location, so a type
                // error (a `bool`, say) points at the user's braces.
                let at = span.resolved_at(Span::mixed_site());
                let value = if *by_value {
                    quote_spanned!(at=> (#expr))
                } else {
                    quote_spanned!(at=> &(#expr))
                };
                let render = if self.hot {
                    Ident::new("__uihook_render_hot", at)
                } else {
                    Ident::new("__uihook_render", at)
                };
                self.tokens.extend(quote_spanned! {at=>
                    ::uihook::__private::Child(#value).#render(&mut #out);
                });
            }
            Node::Loop { pat, iter, body } => {
                self.flush();
                let mut inner = Builder::new(self.out.clone());
                inner.hot = true;
                inner.nodes(body);
                let per_item =
                    inner.static_len + inner.pending.len() + inner.dynamic * DYNAMIC_GUESS;
                let body = inner.finish();
                let out = &self.out;
                let it = Ident::new("__uihook_iter", Span::mixed_site());
                let item = Ident::new("__uihook_item", Span::mixed_site());
                self.tokens.extend(quote! {
                    {
                        let #it = ::uihook::__private::IntoIterator::into_iter(#iter);
                        ::uihook::__private::reserve_for(&#it, #per_item, &mut #out);
                        for #item in #it {
                            #[allow(unused_variables, clippy::needless_borrow)]
                            let #pat = #item;
                            #body
                        }
                    }
                });
            }
            Node::Splice(nodes) => self.nodes(nodes),
            Node::Error(_) => {}
        }
    }

    fn element(&mut self, e: &Element) {
        let name = &e.name.text;
        self.push_str("<");
        self.push_str(name);
        let spec = schema::component_named(name);
        for a in &e.attrs {
            let attr_name = &a.name.text;
            match &a.value {
                Value::Flag => {
                    self.push_str(" ");
                    self.push_str(attr_name);
                }
                Value::Str { value, .. } => {
                    self.push_str(" ");
                    self.push_str(attr_name);
                    self.push_str("=\"");
                    let mut escaped = String::with_capacity(value.len());
                    markup_attr_into(value, &mut escaped);
                    self.push_str(&escaped);
                    self.push_str("\"");
                }
                Value::Literal { value, .. } => {
                    self.push_str(" ");
                    self.push_str(attr_name);
                    self.push_str("={");
                    match value {
                        uihook_compiler::ast::Literal::Number(n) => self.push_str(n),
                        uihook_compiler::ast::Literal::Bool(b) => {
                            self.push_str(if *b { "true" } else { "false" })
                        }
                        uihook_compiler::ast::Literal::Null => self.push_str("null"),
                        uihook_compiler::ast::Literal::Str(s) => self.push_str(&format!("{s:?}")),
                    }
                    self.push_str("}");
                }
                Value::Element(inner) => {
                    self.push_str(" ");
                    self.push_str(attr_name);
                    self.push_str("={");
                    self.element(inner);
                    self.push_str("}");
                }
                Value::Dynamic { expr, span } => {
                    self.flush();
                    self.dynamic += 1;
                    let kind = spec.map_or(Kind::Text, |c| match c.attr(attr_name) {
                        Some(a) => a.kind,
                        None if c.extra == Extra::CssProperties => Kind::Css,
                        None => Kind::Text,
                    });
                    let out = &self.out;
                    let at = span.resolved_at(Span::mixed_site());
                    if kind == Kind::Flag {
                        let name = format!(" {attr_name}");
                        self.tokens.extend(quote_spanned! {at=>
                            ::uihook::__private::flag(&(#expr), #name, &mut #out);
                        });
                        continue;
                    }
                    let prefix = format!(" {attr_name}=\"");
                    let writer = match kind {
                        Kind::Enum(spec) => {
                            let ty = format_ident!("{}", spec.rust_name, span = at);
                            quote_spanned!(at=> enum_attr::<::uihook::__private::schema::#ty, _>)
                        }
                        Kind::Css => quote_spanned!(at=> css),
                        Kind::Url => quote_spanned!(at=> url),
                        _ => quote_spanned!(at=> attr),
                    };
                    let open =
                        format_ident!("__uihook_open_{}", self.attrs, span = Span::mixed_site());
                    self.attrs += 1;
                    self.tokens.extend(quote_spanned! {at=>
                        let #open = ::uihook::__private::#writer(&(#expr), #prefix, &mut #out);
                    });
                    self.open_quote = Some(open);
                }
                Value::Invalid(_) => {}
            }
        }
        let visible = e.children.iter().any(|n| {
            !matches!(n, Node::Text { value, .. } if value.is_empty())
                && !matches!(n, Node::Error(_))
        });
        if visible {
            self.push_str(">");
            self.nodes(&e.children);
            self.push_str("</");
            self.push_str(name);
            self.push_str(">");
        } else {
            self.push_str(" />");
        }
    }
}

/// The capacity to reserve up front.
pub fn capacity(b: &Builder) -> usize {
    b.static_len + b.pending.len() + b.dynamic * DYNAMIC_GUESS
}
