//! Parses a JS/TS source with oxc and collects the markup templates in it.
//!
//! A template is one of:
//!
//! - an `htm` tagged template (or a tag named in `[extract] tags`): always
//!   linted, with htm's semantics;
//! - a plain template literal, string literal, or `+` concatenation of string
//!   pieces whose text passes [`looks_like_markup`]: linted as what the host
//!   parsed directly.
//!
//! Each `${…}` (or non-string operand of a concatenation) becomes an
//! [`Interp`] with a [`ExprKind`] that says what kind of value it holds, as
//! far as the source shows: markup (a nested template, a `.map` of one, a
//! local helper that returns one), a React-style conditional that can print
//! `false`/`null`, a value known to be safe, or anything else.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrowFunctionBody, BinaryExpression, BinaryOperator, CallExpression, Expression,
    Function, FunctionBody, LogicalOperator, Program, ReturnStatement, StringLiteral,
    TaggedTemplateExpression, TemplateLiteral, VariableDeclarator,
};
use oxc_ast_visit::{walk, Visit};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType};

use crate::decode::{Flavour, StaticText};

/// How a template's markup reaches the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// An htm tagged template, rendered by the reference renderer.
    Htm,
    /// A plain string, parsed by the host as is.
    Plain,
}

/// What an interpolated expression evaluates to, as far as the source shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExprKind {
    /// Markup: a nested template, a `.map(…)` of one, a local markup helper.
    Markup,
    /// A plain string (or template literal) holding markup, not an htm
    /// template: htm would escape it and show the tags as text.
    MarkupString,
    /// `a && b`: `false`, `null`, `0` or `undefined` when `a` is.
    FalsyAnd,
    /// `c ? x : null` (or `undefined`, `false`) in either branch.
    NullBranch,
    /// A number or boolean literal, `.length`, or a call whose name says it
    /// escapes or encodes.
    Safe,
    /// Anything else: a value of unknown content.
    Value,
}

/// One `${…}` of a template, or one non-string operand of a concatenation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interp {
    /// In the source: `${…}` with its delimiters, or the operand.
    pub span: Range<usize>,
    /// What it holds.
    pub kind: ExprKind,
}

/// A piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Static text, decoded.
    Static(StaticText),
    /// An interpolation.
    Interp(Interp),
}

/// A template found in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// htm or plain.
    pub style: Style,
    /// The whole template in the source.
    pub span: Range<usize>,
    /// Its pieces in order.
    pub parts: Vec<Part>,
}

/// What the parse of one source gave.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Templates in source order.
    pub templates: Vec<Template>,
    /// Syntax errors: message and position (at most a few are kept).
    pub syntax_errors: Vec<(String, Range<usize>)>,
    /// Comments that may be `uihook-disable…` directives (`//` or `/* */`,
    /// delimiters included).
    pub comments: Vec<Range<usize>>,
}

/// The comments that may hold a `uihook-…` suppression directive, delimiters
/// included; the compiler's suppression module reads them.
fn directive_comments(program: &Program<'_>, source: &str) -> Vec<Range<usize>> {
    program
        .comments
        .iter()
        .map(|comment| span(comment.span))
        .filter(|range| {
            source
                .get(range.clone())
                .is_some_and(|t| t.contains("uihook-"))
        })
        .collect()
}

/// Parses `source` as `source_type` and collects its templates. `tags` are
/// the htm tag names; `components` the names that start markup.
pub fn extract(
    source: &str,
    source_type: SourceType,
    tags: &[String],
    components: &[&str],
) -> Extracted {
    let allocator = Allocator::default();
    let ret = Parser::new(&allocator, source, source_type).parse();
    let mut out = Extracted::default();
    for error in ret.diagnostics.iter().take(1) {
        let span = error
            .labels
            .first()
            .map(|l| l.offset() as usize..(l.offset() + l.len()) as usize)
            .unwrap_or(0..0);
        out.syntax_errors.push((error.message.to_string(), span));
    }
    if ret.panicked {
        return out;
    }
    // `const { htm: html } = require(…)` and `import { htm as h }` rename the tag.
    let mut aliases = Aliases {
        tags,
        found: tags.to_vec(),
    };
    aliases.visit_program(&ret.program);
    let tags = &aliases.found[..];
    let (helpers, constants) = local_names(&ret.program, tags, components);
    let mut collector = Collector {
        source,
        classifier: Classifier {
            tags,
            components,
            helpers: &helpers,
            constants: &constants,
        },
        consumed: HashSet::new(),
        hints: HashMap::new(),
        templates: Vec::new(),
    };
    collector.visit_program(&ret.program);
    out.templates = collector.templates;
    out.comments = directive_comments(&ret.program, source);
    out.templates.sort_by_key(|t| t.span.start);
    out
}

/// True when `text`, after leading whitespace, starts with `<` and a
/// component name followed by whitespace, `>` or `/` (or the end of the
/// piece, where an interpolation follows).
pub fn starts_with_component(text: &str, components: &[&str]) -> bool {
    let Some(rest) = text.trim_start().strip_prefix('<') else {
        return false;
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(end);
    components.contains(&name)
        && after
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
}

/// The markup heuristic for plain strings: the first text (leading `${…}`s
/// skipped) starts with `<` and a component name, and the text closes some
/// tag (`</` or `/>`) so that a lone `"<Button> is disabled"` message or half
/// of a split template is not taken for a document.
pub fn looks_like_markup(parts: &[Part], components: &[&str]) -> bool {
    let first = parts.iter().find_map(|p| match p {
        Part::Static(s) if !s.text.trim().is_empty() => Some(s.text.as_str()),
        _ => None,
    });
    let Some(first) = first else {
        return false;
    };
    starts_with_component(first, components)
        && parts.iter().any(|p| match p {
            Part::Static(s) => s.text.contains("</") || s.text.contains("/>"),
            Part::Interp(_) => false,
        })
}

/// True when `text` contains `<` and a component name anywhere (used to
/// recognise nested markup, not to decide what to lint).
fn mentions_component(text: &str, components: &[&str]) -> bool {
    text.match_indices('<')
        .any(|(i, _)| starts_with_component(&text[i..], components))
}

fn span(s: oxc_span::Span) -> Range<usize> {
    s.start as usize..s.end as usize
}

/// Decides what an expression holds.
struct Classifier<'c> {
    tags: &'c [String],
    components: &'c [&'c str],
    /// Local names bound to markup or to functions that return markup.
    helpers: &'c HashSet<String>,
    /// Local names bound to constants that need no escaping.
    constants: &'c HashSet<String>,
}

impl Classifier<'_> {
    fn is_tag(&self, tag: &Expression<'_>) -> bool {
        let name = match tag.without_parentheses() {
            Expression::Identifier(id) => id.name.as_str(),
            Expression::StaticMemberExpression(m) => m.property.name.as_str(),
            _ => return false,
        };
        self.tags.iter().any(|t| t == name)
    }

    fn kind(&self, expr: &Expression<'_>) -> ExprKind {
        let expr = expr.without_parentheses();
        // The React-style conditionals first: their branches are usually
        // markup, and what they print when the condition fails is the point.
        match expr {
            Expression::LogicalExpression(l) if l.operator == LogicalOperator::And => {
                return ExprKind::FalsyAnd
            }
            Expression::ConditionalExpression(c)
                if is_falsy_word(&c.consequent) || is_falsy_word(&c.alternate) =>
            {
                return ExprKind::NullBranch
            }
            _ => {}
        }
        if self.is_markup_string(expr) {
            return ExprKind::MarkupString;
        }
        if self.is_markup(expr) {
            return ExprKind::Markup;
        }
        match expr {
            Expression::LogicalExpression(l) if l.operator == LogicalOperator::And => {
                ExprKind::FalsyAnd
            }
            Expression::ConditionalExpression(c)
                if is_falsy_word(&c.consequent) || is_falsy_word(&c.alternate) =>
            {
                ExprKind::NullBranch
            }
            _ if self.is_safe(expr) => ExprKind::Safe,
            _ => ExprKind::Value,
        }
    }

    /// Values that cannot hold `<`, `{`, `"` or `&`: numbers, booleans,
    /// literals without them, constants, and calls that say they escape.
    fn is_safe(&self, expr: &Expression<'_>) -> bool {
        uihook_compiler::work::add(1);
        match expr.without_parentheses() {
            Expression::NumericLiteral(_)
            | Expression::BooleanLiteral(_)
            | Expression::NullLiteral(_)
            | Expression::BigIntLiteral(_) => true,
            Expression::StringLiteral(s) => !has_markup_specials(&s.value),
            Expression::TemplateLiteral(t) => {
                t.quasis.iter().all(|q| !has_markup_specials(&q.value.raw))
                    && t.expressions.iter().all(|e| self.is_safe(e))
            }
            // `!x`, `-x`, `typeof x` are booleans, numbers or type names.
            Expression::UnaryExpression(_) | Expression::UpdateExpression(_) => true,
            // `index + 1` is a number; `a + b` may join strings.
            Expression::BinaryExpression(b) => {
                b.operator != BinaryOperator::Addition
                    || (self.is_safe(&b.left) && self.is_safe(&b.right))
                    || matches!(b.left.without_parentheses(), Expression::NumericLiteral(_))
                    || matches!(b.right.without_parentheses(), Expression::NumericLiteral(_))
            }
            Expression::ConditionalExpression(c) => {
                self.is_safe(&c.consequent) && self.is_safe(&c.alternate)
            }
            Expression::LogicalExpression(l) => self.is_safe(&l.left) && self.is_safe(&l.right),
            Expression::Identifier(id) => {
                self.constants.contains(id.name.as_str()) || is_constant_case(&id.name)
            }
            Expression::StaticMemberExpression(m) => {
                m.property.name == "length"
                    || is_constant_case(&m.property.name)
                    || match m.object.without_parentheses() {
                        // `Actions.save`, `step.deploy`: a member of an enum,
                        // a namespace, or a local object of constants.
                        Expression::Identifier(id) => {
                            self.constants.contains(id.name.as_str())
                                || id.name.starts_with(|c: char| c.is_ascii_uppercase())
                        }
                        _ => false,
                    }
            }
            Expression::CallExpression(call) => says_it_escapes(call),
            _ => false,
        }
    }

    /// A string literal or untagged template with a component in it, or a
    /// conditional choosing one (the other branch empty or a string too).
    fn is_markup_string(&self, expr: &Expression<'_>) -> bool {
        uihook_compiler::work::add(1);
        match expr.without_parentheses() {
            Expression::TemplateLiteral(t) => t
                .quasis
                .iter()
                .any(|q| mentions_component(&q.value.raw, self.components)),
            Expression::StringLiteral(s) => mentions_component(&s.value, self.components),
            Expression::ConditionalExpression(c) => {
                // Each branch is judged once: asking twice per level made
                // nested conditionals cost 2^depth.
                let consequent = self.is_markup_string(&c.consequent);
                let alternate = self.is_markup_string(&c.alternate);
                let string = |e: &Expression<'_>, markup: bool| {
                    markup || matches!(e.without_parentheses(), Expression::StringLiteral(_))
                };
                (consequent || alternate)
                    && string(&c.consequent, consequent)
                    && string(&c.alternate, alternate)
            }
            _ => false,
        }
    }

    fn is_markup(&self, expr: &Expression<'_>) -> bool {
        uihook_compiler::work::add(1);
        match expr.without_parentheses() {
            Expression::TaggedTemplateExpression(t) => self.is_tag(&t.tag),
            Expression::TemplateLiteral(t) => t
                .quasis
                .iter()
                .any(|q| mentions_component(&q.value.raw, self.components)),
            Expression::StringLiteral(s) => mentions_component(&s.value, self.components),
            Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
                self.is_markup(&b.left) || self.is_markup(&b.right)
            }
            Expression::ConditionalExpression(c) => {
                self.is_markup(&c.consequent) || self.is_markup(&c.alternate)
            }
            Expression::LogicalExpression(l) if l.operator != LogicalOperator::And => {
                self.is_markup(&l.left) || self.is_markup(&l.right)
            }
            Expression::AwaitExpression(a) => self.is_markup(&a.argument),
            Expression::ArrayExpression(a) => a
                .elements
                .iter()
                .any(|e| e.as_expression().is_some_and(|e| self.is_markup(e))),
            Expression::Identifier(id) => self.helpers.contains(id.name.as_str()),
            Expression::CallExpression(call) => self.call_is_markup(call),
            _ => false,
        }
    }

    fn call_is_markup(&self, call: &CallExpression<'_>) -> bool {
        match call.callee.without_parentheses() {
            Expression::Identifier(id) => self.helpers.contains(id.name.as_str()),
            Expression::StaticMemberExpression(m) => match m.property.name.as_str() {
                // `items.map(i => htm`…`)`, `items.map(renderItem)`.
                "map" | "flatMap" => call
                    .arguments
                    .first()
                    .and_then(Argument::as_expression)
                    .is_some_and(|f| self.function_returns_markup(f)),
                // `….join('')`, `….concat(…)` keep markup markup.
                "join" | "concat" | "reduce" | "filter" | "slice" | "trim" => {
                    self.is_markup(&m.object)
                }
                _ => self.helpers.contains(m.property.name.as_str()),
            },
            _ => false,
        }
    }

    fn function_returns_markup(&self, f: &Expression<'_>) -> bool {
        match f.without_parentheses() {
            Expression::ArrowFunctionExpression(a) => self.body_returns_markup(&a.body),
            Expression::FunctionExpression(f) => self.function_body_returns_markup(f),
            other => self.is_markup(other),
        }
    }

    fn body_returns_markup(&self, body: &ArrowFunctionBody<'_>) -> bool {
        match body {
            ArrowFunctionBody::FunctionBody(b) => self.returns_markup(b),
            other => other.as_expression().is_some_and(|e| self.is_markup(e)),
        }
    }

    fn function_body_returns_markup(&self, f: &Function<'_>) -> bool {
        f.body.as_ref().is_some_and(|b| self.returns_markup(b))
    }

    fn returns_markup(&self, body: &FunctionBody<'_>) -> bool {
        let mut finder = Returns {
            classifier: self,
            found: false,
        };
        for statement in &body.statements {
            finder.visit_statement(statement);
        }
        finder.found
    }
}

/// Looks for a `return` of markup, without entering nested functions.
struct Returns<'r, 'c> {
    classifier: &'r Classifier<'c>,
    found: bool,
}

impl<'a> Visit<'a> for Returns<'_, '_> {
    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        if let Some(argument) = &it.argument {
            self.found |= self.classifier.is_markup(argument);
        }
    }

    fn visit_function(&mut self, _: &Function<'a>, _: oxc_syntax::scope::ScopeFlags) {}

    fn visit_arrow_function_expression(&mut self, _: &oxc_ast::ast::ArrowFunctionExpression<'a>) {}
}

/// `MAX_SIZE`, `API_URL`: written as a constant by the author.
fn is_constant_case(name: &str) -> bool {
    name.len() > 1
        && name.bytes().any(|b| b.is_ascii_uppercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

fn is_falsy_word(expr: &Expression<'_>) -> bool {
    match expr.without_parentheses() {
        Expression::NullLiteral(_) => true,
        Expression::BooleanLiteral(b) => !b.value,
        Expression::Identifier(id) => id.name == "undefined",
        _ => false,
    }
}

fn says_it_escapes(call: &CallExpression<'_>) -> bool {
    let name = match call.callee.without_parentheses() {
        Expression::Identifier(id) => id.name.as_str(),
        Expression::StaticMemberExpression(m) => m.property.name.as_str(),
        _ => return false,
    };
    let lower = name.to_ascii_lowercase();
    ["escape", "encode", "sanitize", "sanitise"]
        .iter()
        .any(|w| lower.contains(w))
        || matches!(
            name,
            "Number"
                | "parseInt"
                | "parseFloat"
                | "toFixed"
                | "toISOString"
                | "toLocaleString"
                | "toLocaleDateString"
                | "toLocaleTimeString"
                | "getTime"
                | "now"
        )
}

fn has_markup_specials(s: &str) -> bool {
    s.contains(['<', '{', '"', '&'])
}

/// Names bound to markup, or to functions returning markup, anywhere in the
/// program, and names bound to constants that need no escaping. Two rounds,
/// so a helper that calls a helper declared below it is found too.
fn local_names(
    program: &Program<'_>,
    tags: &[String],
    components: &[&str],
) -> (HashSet<String>, HashSet<String>) {
    let mut helpers = HashSet::new();
    let mut constants = HashSet::new();
    for _ in 0..2 {
        let mut finder = Names {
            classifier: Classifier {
                tags,
                components,
                helpers: &helpers,
                constants: &constants,
            },
            markup: Vec::new(),
            constant: Vec::new(),
            in_const: false,
        };
        finder.visit_program(program);
        let (markup, constant) = (finder.markup, finder.constant);
        helpers.extend(markup);
        constants.extend(constant);
    }
    (helpers, constants)
}

struct Names<'c> {
    classifier: Classifier<'c>,
    markup: Vec<String>,
    constant: Vec<String>,
    /// Inside a `const` declaration.
    in_const: bool,
}

impl Names<'_> {
    fn is_constant_object(&self, expr: &Expression<'_>) -> bool {
        match expr.without_parentheses() {
            Expression::ObjectExpression(o) => o.properties.iter().all(|p| match p {
                oxc_ast::ast::ObjectPropertyKind::ObjectProperty(p) => {
                    self.classifier.is_safe(&p.value) || self.is_constant_object(&p.value)
                }
                oxc_ast::ast::ObjectPropertyKind::SpreadProperty(_) => false,
            }),
            other => self.classifier.is_safe(other),
        }
    }
}

impl<'a> Visit<'a> for Names<'_> {
    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (Some(name), Some(init)) = (it.id.get_identifier_name(), &it.init) {
            if self.classifier.function_returns_markup(init) {
                self.markup.push(name.to_string());
            } else if self.in_const && self.is_constant_object(init) {
                self.constant.push(name.to_string());
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_variable_declaration(&mut self, it: &oxc_ast::ast::VariableDeclaration<'a>) {
        let was = self.in_const;
        self.in_const = it.kind == oxc_ast::ast::VariableDeclarationKind::Const;
        walk::walk_variable_declaration(self, it);
        self.in_const = was;
    }

    fn visit_assignment_expression(&mut self, it: &oxc_ast::ast::AssignmentExpression<'a>) {
        // `html += `<LI>…</LI>``, `rows = rows + `<Box>…``: an accumulator of markup.
        if let oxc_ast::ast::AssignmentTarget::AssignmentTargetIdentifier(id) = &it.left {
            if self.classifier.is_markup(&it.right) {
                self.markup.push(id.name.to_string());
            }
        }
        walk::walk_assignment_expression(self, it);
    }

    fn visit_ts_enum_declaration(&mut self, it: &oxc_ast::ast::TSEnumDeclaration<'a>) {
        self.constant.push(it.id.name.to_string());
        walk::walk_ts_enum_declaration(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        // `items.map((item, index) => …)`: the callback's second parameter is
        // the element's index, a number.
        if let Expression::StaticMemberExpression(m) = it.callee.without_parentheses() {
            let indexed = matches!(
                m.property.name.as_str(),
                "map" | "flatMap" | "forEach" | "filter" | "some" | "every" | "find" | "findIndex"
            );
            let params = match it.arguments.first() {
                Some(Argument::ArrowFunctionExpression(f)) if indexed => Some(&f.params),
                Some(Argument::FunctionExpression(f)) if indexed => Some(&f.params),
                _ => None,
            };
            if let Some(name) = params
                .and_then(|p| p.items.get(1))
                .and_then(|p| p.pattern.get_identifier_name())
            {
                self.constant.push(name.to_string());
            }
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: oxc_syntax::scope::ScopeFlags) {
        if let Some(id) = &it.id {
            if self.classifier.function_body_returns_markup(it) {
                self.markup.push(id.name.to_string());
            }
        }
        walk::walk_function(self, it, flags);
    }
}

/// Collects local names the tags are bound to under another name.
struct Aliases<'t> {
    tags: &'t [String],
    found: Vec<String>,
}

impl Aliases<'_> {
    fn add(&mut self, source: &str, local: &str) {
        if source != local
            && self.tags.iter().any(|t| t == source)
            && !self.found.iter().any(|f| f == local)
        {
            self.found.push(local.to_owned());
        }
    }
}

impl<'a> Visit<'a> for Aliases<'_> {
    fn visit_import_specifier(&mut self, it: &oxc_ast::ast::ImportSpecifier<'a>) {
        self.add(&it.imported.name(), &it.local.name);
    }

    fn visit_binding_property(&mut self, it: &oxc_ast::ast::BindingProperty<'a>) {
        if let (Some(key), Some(local)) = (it.key.static_name(), it.value.get_identifier_name()) {
            self.add(&key, &local);
        }
        walk::walk_binding_property(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        // `const html = htm;`, `const h = utils.htm;`
        if let (Some(local), Some(init)) = (it.id.get_identifier_name(), &it.init) {
            let source = match init.without_parentheses() {
                Expression::Identifier(id) => Some(id.name.as_str()),
                Expression::StaticMemberExpression(m) => Some(m.property.name.as_str()),
                _ => None,
            };
            if let Some(source) = source {
                self.add(source, &local);
            }
        }
        walk::walk_variable_declarator(self, it);
    }
}

/// Walks the program and collects templates.
struct Collector<'s, 'c> {
    source: &'s str,
    classifier: Classifier<'c>,
    /// Literals already taken as part of a larger template (the quasi of a
    /// tagged template, the operands of a concatenation).
    consumed: HashSet<(u32, u32)>,
    /// The markup hint of each `+` node already judged, by span.
    hints: HashMap<(u32, u32), MarkupHint>,
    templates: Vec<Template>,
}

/// What [`looks_like_markup`] reads of a run of parts: whether the first
/// static text that is not blank starts with a component (`None` while
/// there is none) and whether some static text closes a tag. The hints of
/// two runs combine without their parts, so each `+` node of a chain is
/// judged once rather than flattened again at every level of the chain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct MarkupHint {
    first: Option<bool>,
    closes: bool,
}

impl MarkupHint {
    fn of_text(text: &str, components: &[&str]) -> MarkupHint {
        MarkupHint {
            first: (!text.trim().is_empty()).then(|| starts_with_component(text, components)),
            closes: text.contains("</") || text.contains("/>"),
        }
    }

    fn then(self, next: MarkupHint) -> MarkupHint {
        MarkupHint {
            first: self.first.or(next.first),
            closes: self.closes || next.closes,
        }
    }

    /// What [`looks_like_markup`] says of the parts.
    fn is_markup(self) -> bool {
        self.first == Some(true) && self.closes
    }
}

impl Collector<'_, '_> {
    fn template_parts(&self, t: &TemplateLiteral<'_>, parts: &mut Vec<Part>) {
        for (i, quasi) in t.quasis.iter().enumerate() {
            let raw = span(quasi.span);
            let text = self.source.get(raw.clone()).unwrap_or_default();
            parts.push(Part::Static(StaticText::decode(
                text,
                raw.start,
                Flavour::Template,
            )));
            if let (Some(expr), Some(next)) = (t.expressions.get(i), t.quasis.get(i + 1)) {
                parts.push(Part::Interp(Interp {
                    // From `${` (which ends this chunk) to `}` (which starts the next).
                    span: raw.end..next.span.start as usize,
                    kind: self.classifier.kind(expr),
                }));
            }
        }
    }

    fn string_part(&self, s: &StringLiteral<'_>) -> Part {
        Part::Static(self.string_text(s))
    }

    fn string_text(&self, s: &StringLiteral<'_>) -> StaticText {
        let whole = span(s.span);
        // Without its quotes.
        let inner = whole.start + 1..whole.end.saturating_sub(1).max(whole.start + 1);
        let text = self.source.get(inner.clone()).unwrap_or_default();
        StaticText::decode(text, inner.start, Flavour::String)
    }

    /// The [`MarkupHint`] of the parts `concat_parts` would make of `expr`.
    fn hint(&mut self, expr: &Expression<'_>) -> MarkupHint {
        uihook_compiler::work::add(1);
        let components = self.classifier.components;
        match expr.without_parentheses() {
            Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
                let key = (b.span.start, b.span.end);
                if let Some(&hint) = self.hints.get(&key) {
                    return hint;
                }
                let hint = self.hint(&b.left).then(self.hint(&b.right));
                self.hints.insert(key, hint);
                hint
            }
            Expression::StringLiteral(s) => {
                MarkupHint::of_text(&self.string_text(s).text, components)
            }
            Expression::TemplateLiteral(t) => self.template_hint(t),
            _ => MarkupHint::default(),
        }
    }

    /// The [`MarkupHint`] of the parts `template_parts` would make of `t`.
    fn template_hint(&self, t: &TemplateLiteral<'_>) -> MarkupHint {
        let components = self.classifier.components;
        t.quasis.iter().fold(MarkupHint::default(), |hint, q| {
            let raw = span(q.span);
            let text = self.source.get(raw.clone()).unwrap_or_default();
            let text = StaticText::decode(text, raw.start, Flavour::Template);
            hint.then(MarkupHint::of_text(&text.text, components))
        })
    }

    /// Flattens `a + b + c` into parts; operands that are neither strings
    /// nor untagged templates become interpolations.
    fn concat_parts(
        &self,
        expr: &Expression<'_>,
        parts: &mut Vec<Part>,
        taken: &mut Vec<(u32, u32)>,
    ) {
        match expr.without_parentheses() {
            Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
                taken.push((b.span.start, b.span.end));
                self.concat_parts(&b.left, parts, taken);
                self.concat_parts(&b.right, parts, taken);
            }
            Expression::StringLiteral(s) => {
                taken.push((s.span.start, s.span.end));
                parts.push(self.string_part(s));
            }
            Expression::TemplateLiteral(t) => {
                taken.push((t.span.start, t.span.end));
                self.template_parts(t, parts);
            }
            other => parts.push(Part::Interp(Interp {
                span: span(other.span()),
                kind: self.classifier.kind(other),
            })),
        }
    }

    fn push_plain(&mut self, whole: oxc_span::Span, parts: Vec<Part>) {
        if looks_like_markup(&parts, self.classifier.components) {
            self.templates.push(Template {
                style: Style::Plain,
                span: span(whole),
                parts,
            });
        }
    }
}

impl<'a> Visit<'a> for Collector<'_, '_> {
    fn visit_tagged_template_expression(&mut self, it: &TaggedTemplateExpression<'a>) {
        // Other tags (`css`, `sql`, `gql`) are not markup: their quasi is
        // never linted as a plain string either.
        self.consumed
            .insert((it.quasi.span.start, it.quasi.span.end));
        if self.classifier.is_tag(&it.tag) {
            let mut parts = Vec::new();
            self.template_parts(&it.quasi, &mut parts);
            self.templates.push(Template {
                style: Style::Htm,
                span: span(it.span),
                parts,
            });
        }
        walk::walk_tagged_template_expression(self, it);
    }

    fn visit_template_literal(&mut self, it: &TemplateLiteral<'a>) {
        // Classifying the interpolations of every template literal, markup
        // or not, made literals nested n deep cost n² (`is_safe` walks the
        // whole nest): only markup gets its parts.
        if !self.consumed.contains(&(it.span.start, it.span.end))
            && self.template_hint(it).is_markup()
        {
            let mut parts = Vec::new();
            self.template_parts(it, &mut parts);
            self.push_plain(it.span, parts);
        }
        walk::walk_template_literal(self, it);
    }

    fn visit_string_literal(&mut self, it: &StringLiteral<'a>) {
        if !self.consumed.contains(&(it.span.start, it.span.end)) {
            let parts = vec![self.string_part(it)];
            self.push_plain(it.span, parts);
        }
    }

    fn visit_binary_expression(&mut self, it: &BinaryExpression<'a>) {
        let key = (it.span.start, it.span.end);
        // Flattening is only for a chain that is markup: flattening every
        // `+` node of a long chain that is not made it quadratic.
        if it.operator == BinaryOperator::Addition
            && !self.consumed.contains(&key)
            && self.hint(&it.left).then(self.hint(&it.right)).is_markup()
        {
            let mut parts = Vec::new();
            let mut taken = vec![key];
            self.concat_parts(&it.left, &mut parts, &mut taken);
            self.concat_parts(&it.right, &mut parts, &mut taken);
            if looks_like_markup(&parts, self.classifier.components) {
                // Its pieces are linted as this one template, not again alone.
                self.consumed.extend(taken);
                self.push_plain(it.span, parts);
            }
        }
        walk::walk_binary_expression(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn components() -> Vec<&'static str> {
        uihook_compiler::schema::COMPONENTS
            .iter()
            .map(|c| c.name)
            .collect()
    }

    fn templates(source: &str) -> Vec<(Style, String)> {
        let tags = ["htm".to_owned()];
        extract(source, SourceType::mjs(), &tags, &components())
            .templates
            .into_iter()
            .map(|t| (t.style, source[t.span].to_owned()))
            .collect()
    }

    #[test]
    fn the_markup_heuristic_on_both_sides() {
        let c = components();
        assert!(starts_with_component("  \n<Page>", &c));
        assert!(starts_with_component("<Box display=\"flex\">", &c));
        assert!(starts_with_component("<BR/>", &c));
        assert!(starts_with_component("<Box", &c)); // an interpolation follows
        assert!(!starts_with_component("<Boxes>", &c));
        assert!(!starts_with_component("<div>", &c));
        assert!(!starts_with_component("< Page>", &c));
        assert!(!starts_with_component("Hello <B>x</B>", &c));

        let found = templates(concat!(
            "a = `<Page><P>x</P></Page>`;\n",
            "b = '<Button> must have a label';\n",
            "c = '<Box>' + x + '</Box>';\n",
            "d = `${head}<Box>${x}</Box>`;\n",
            "e = css`<Box></Box>`;\n",
            "f = htm`anything`;\n",
            "g = 'Array<Box>';\n",
        ));
        let spans: Vec<&str> = found.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(
            spans,
            [
                "`<Page><P>x</P></Page>`",
                "'<Box>' + x + '</Box>'",
                "`${head}<Box>${x}</Box>`",
                "htm`anything`",
            ]
        );
        assert_eq!(found[3].0, Style::Htm);
        assert!(found[..3].iter().all(|(s, _)| *s == Style::Plain));
    }

    #[test]
    fn interpolations_are_classified() {
        let tags = ["htm".to_owned()];
        let source = concat!(
            "const URL = 'x';\n",
            "const row = (i) => htm`<LI>${i}</LI>`;\n",
            "htm`<Page>${a && htm`<P/>`}${a ? htm`<P/>` : null}${items.map(row)}",
            "${`<P>x</P>`}${n + 1}${!a}${escapeHtml(a)}${URL}${user.name}</Page>`;\n",
            "list.map((entry, position) => `<LI>${position}: ${entry}</LI>`);\n",
        );
        let extracted = extract(source, SourceType::mjs(), &tags, &components());
        // The kinds of the interpolations of the template starting with `start`.
        let kinds = |start: &str| -> Vec<ExprKind> {
            extracted
                .templates
                .iter()
                .find(|t| source[t.span.clone()].starts_with(start))
                .map(|t| {
                    t.parts
                        .iter()
                        .filter_map(|p| match p {
                            Part::Interp(i) => Some(i.kind),
                            Part::Static(_) => None,
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            kinds("htm`<Page>"),
            [
                ExprKind::FalsyAnd,
                ExprKind::NullBranch,
                ExprKind::Markup,
                ExprKind::MarkupString,
                ExprKind::Safe,
                ExprKind::Safe,
                ExprKind::Safe,
                ExprKind::Safe,
                ExprKind::Value,
            ]
        );
        // The index is a number; the element may be any string.
        assert_eq!(kinds("`<LI>"), [ExprKind::Safe, ExprKind::Value]);
    }
}
