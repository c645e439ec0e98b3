//! The one table of rules: every diagnostic code uihook raises, whether the
//! markup checks found it, extraction from JS/TS sources, or the command line
//! (suppression bookkeeping, `probe`'s HTTP checks, the fuzzers' findings). One line per rule,
//! sorted by code.
//!
//! Codes are stable kebab-case names and are never reused or renamed. Each
//! rule's user documentation lives in `compiler/rules/<code>.md` with fixed
//! headings (what it does, why is this bad, example, use instead); `uihook
//! explain` prints it, and tests check that every markup and extraction
//! rule's bad example triggers it and its good example does not.

use crate::diagnostic::Severity;

/// Which part of uihook raises a rule. SARIF reports tag rules with it, and
/// the documentation tests pick the examples they can run by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// The markup checks: the parser, the validator and suppressions.
    Markup,
    /// Extraction of markup from JavaScript and TypeScript sources.
    Extract,
    /// The command line itself (`probe`'s HTTP checks, `probe --fuzz` and
    /// `fuzz-renderer`).
    Cli,
}

impl Origin {
    /// The tag SARIF reports carry: `markup`, `js-extract` or `uihook-cli`.
    pub fn tag(self) -> &'static str {
        match self {
            Origin::Markup => "markup",
            Origin::Extract => "js-extract",
            Origin::Cli => "uihook-cli",
        }
    }
}

macro_rules! rule_table {
    ($( $variant:ident => $code:literal, $origin:ident, $severity:ident, $summary:literal; )*) => {
        /// A rule: which check found a problem.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $(
                #[doc = $summary]
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule, sorted by code.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $code,)* }
            }

            /// Which part of uihook raises it.
            pub fn origin(self) -> Origin {
                match self { $(RuleId::$variant => Origin::$origin,)* }
            }

            /// The severity used unless configured otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(RuleId::$variant => Severity::$severity,)* }
            }

            /// One line saying what the rule checks.
            pub fn summary(self) -> &'static str {
                match self { $(RuleId::$variant => $summary,)* }
            }

            /// The full explanation in Markdown, with a bad and a good example.
            pub fn explanation(self) -> &'static str {
                match self { $(RuleId::$variant => include_str!(concat!("../rules/", $code, ".md")),)* }
            }

            /// Looks a rule up by its name.
            pub fn from_name(name: &str) -> Option<RuleId> {
                match name { $($code => Some(RuleId::$variant),)* _ => None }
            }
        }
    };
}

rule_table! {
    AutorefreshTooFast => "autorefresh-too-fast", Markup, Warning, "`AutoRefresh` timeout below the documented 3 second minimum";
    BooleanStringCoerced => "boolean-string-coerced", Markup, Warning, "the string \"true\" or \"false\" on a non-flag attribute becomes a boolean";
    ChildrenNotAllowed => "children-not-allowed", Markup, Error, "content inside a component that takes no children";
    CommunityAttribute => "community-attribute", Markup, Warning, "attribute or value seen only in community hooks, with no evidence it worked";
    DuplicateAttribute => "duplicate-attribute", Markup, Warning, "the same attribute twice; the host kept only the last";
    DynamicMarkupSkipped => "dynamic-markup-skipped", Extract, Info, "a tag name, whole attribute or spread chosen at run time, which cannot be checked";
    EmptyExpression => "empty-expression", Markup, Error, "an empty `{}` expression container";
    EventHandlerAttribute => "event-handler-attribute", Markup, Error, "an `on*` event-handler attribute, which the host removed";
    ForbiddenElement => "forbidden-element", Markup, Error, "`script`, `style` and document tags are blocked by the host";
    Fragment => "fragment", Markup, Error, "a `<>…</>` fragment, which the host dropped silently";
    HostileValueChanged => "hostile-value-changed", Cli, Error, "a hostile value sent to a hook or renderer came back altered";
    HtmEntity => "htm-entity", Extract, Warning, "an HTML entity inside an `htm` template, which the page shows literally";
    HtmlComment => "html-comment", Markup, Error, "an HTML comment `<!-- -->`, which blanked the whole page";
    HtmlDeclaration => "html-declaration", Markup, Error, "a `<!…>` declaration other than a leading `<!DOCTYPE>`";
    InvalidAttributeValue => "invalid-attribute-value", Markup, Error, "a value of the wrong kind for its attribute";
    InvalidCssValue => "invalid-css-value", Markup, Error, "a `Box` style value that could break out of its declaration";
    InvalidEnumValue => "invalid-enum-value", Markup, Error, "a value outside the attribute's documented set";
    InvalidEscape => "invalid-escape", Markup, Error, "a malformed escape sequence in a JS string";
    JsSyntaxError => "js-syntax-error", Extract, Warning, "a JavaScript or TypeScript file that could not be parsed, so its markup was not checked";
    KebabCaseCssProperty => "kebab-case-css-property", Markup, Warning, "a kebab-case CSS property on `Box`; the host expected camelCase";
    LegacyAttribute => "legacy-attribute", Markup, Warning, "a `Button` flag replaced by `type=` in August 2019";
    LineSeparatorInString => "line-separator-in-string", Markup, Error, "a raw U+2028 or U+2029 inside a JS string literal";
    LoneSurrogate => "lone-surrogate", Markup, Warning, "a `\\u` escape of half a surrogate pair";
    MarkupStringInHtm => "markup-string-in-htm", Extract, Warning, "a plain markup string interpolated as a child of an `htm` template, which shows its tags as text";
    MismatchedCloseTag => "mismatched-close-tag", Markup, Error, "a close tag whose name differs from its open tag";
    MisplacedComponent => "misplaced-component", Markup, Warning, "a component outside the parent it is made for";
    MissingInputName => "missing-input-name", Markup, Warning, "several inputs without `name`; their values collide in clientState";
    MissingRequiredAttribute => "missing-required-attribute", Markup, Error, "a required attribute is missing";
    NestingTooDeep => "nesting-too-deep", Markup, Error, "markup nested deeper than the parser's limit";
    PageNotRoot => "page-not-root", Markup, Warning, "content outside a single outermost `Page`";
    PrintedFalsyValue => "printed-falsy-value", Extract, Warning, "an `htm` child such as `${cond && htm`…`}` that prints the word `false` or `null`";
    ProbeContentType => "probe-content-type", Cli, Error, "a hook answered with a content type other than HTML or plain text";
    ProbeCors => "probe-cors", Cli, Error, "a hook's `OPTIONS` answer lacks the CORS headers the dashboard needs";
    ProbeInternalError => "probe-internal-error", Cli, Error, "a hook answered with the \"Internal Integration Error\" page";
    ProbeStatus => "probe-status", Cli, Error, "a hook answered with a status other than 200";
    ProbeTimeout => "probe-timeout", Cli, Error, "a hook did not answer within the time-out";
    RawBraceInText => "raw-brace-in-text", Markup, Error, "a `{` in text that opens no valid expression";
    RawLtInText => "raw-lt-in-text", Markup, Error, "a `<` in text that starts no tag";
    RendererFailed => "renderer-failed", Cli, Error, "a renderer under `fuzz-renderer` crashed, hung, answered garbage or refused a case";
    RendererNondeterministic => "renderer-nondeterministic", Cli, Error, "a renderer gave different markup for the same case";
    RendererTreeMismatch => "renderer-tree-mismatch", Cli, Error, "rendered markup whose tree differs from its template";
    SpreadAttribute => "spread-attribute", Markup, Error, "a `{...spread}` attribute, which resolves to nothing";
    SuspiciousEntity => "suspicious-entity", Markup, Warning, "an `&…` reference the host showed literally or decoded wrongly";
    SyntaxError => "syntax-error", Markup, Error, "markup the host parser could not parse";
    UnclosedElement => "unclosed-element", Markup, Error, "an element that is never closed";
    UnescapedInterpolation => "unescaped-interpolation", Extract, Warning, "a `${…}` value inserted into a plain markup string without escaping";
    UnexpectedChild => "unexpected-child", Markup, Warning, "a child a component does not take by convention";
    UnexpectedCloseTag => "unexpected-close-tag", Markup, Error, "a close tag that closes nothing";
    UnknownAttribute => "unknown-attribute", Markup, Error, "an attribute the component does not have";
    UnknownComponent => "unknown-component", Markup, Error, "a component that is not on the host's allow-list";
    UnknownCssProperty => "unknown-css-property", Markup, Error, "a `Box` attribute that is no CSS property";
    UnquotedAttributeValue => "unquoted-attribute-value", Markup, Error, "an attribute value without quotes";
    UnsafeUrl => "unsafe-url", Markup, Error, "a URL with a scheme other than http, https or mailto";
    UnsupportedExpression => "unsupported-expression", Markup, Error, "an expression in `{…}` that is not a literal";
    UnterminatedString => "unterminated-string", Markup, Error, "a string or comment that never ends";
    UnterminatedTag => "unterminated-tag", Markup, Error, "a tag that the document ends inside";
    UnusedSuppression => "unused-suppression", Markup, Warning, "a `uihook-disable` comment that suppresses nothing";
}

impl RuleId {
    /// Whether the rule reports text the parser could not read as written
    /// (raised while parsing, in markup or in a JS/TS source). A document
    /// with such an error has a recovered tree, which is a guess: fixes
    /// computed on it are not applied unless they remove every such error.
    pub fn is_syntax(self) -> bool {
        use RuleId::*;
        matches!(
            self,
            EmptyExpression
                | Fragment
                | HtmlComment
                | HtmlDeclaration
                | InvalidEscape
                | JsSyntaxError
                | LineSeparatorInString
                | MismatchedCloseTag
                | NestingTooDeep
                | RawBraceInText
                | RawLtInText
                | SpreadAttribute
                | SyntaxError
                | UnclosedElement
                | UnexpectedCloseTag
                | UnquotedAttributeValue
                | UnsupportedExpression
                | UnterminatedString
                | UnterminatedTag
        )
    }

    /// The closest rule name to `name`, for "did you mean" help.
    pub fn suggest(name: &str) -> Option<&'static str> {
        crate::suggest::closest(name, RuleId::ALL.iter().map(|r| r.as_str()))
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_unique_round_trips_and_is_documented() {
        let names: Vec<&str> = RuleId::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "codes must be sorted and unique");
        for &rule in RuleId::ALL {
            assert_eq!(RuleId::from_name(rule.as_str()), Some(rule));
            let doc = rule.explanation();
            assert!(
                doc.starts_with(&format!("# {}\n", rule.as_str())),
                "{rule:?} must start with its code as the title"
            );
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
            ] {
                assert!(doc.contains(heading), "{} lacks `{heading}`", rule.as_str());
            }
        }
        assert_eq!(RuleId::from_name("no-such-rule"), None);
        assert_eq!(
            RuleId::suggest("unknown-componen"),
            Some("unknown-component")
        );
    }
}
