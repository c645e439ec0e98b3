//! The table of diagnostic codes: one line per rule, sorted by code.
//!
//! Codes are stable kebab-case names and are never reused or renamed. Each
//! rule's user documentation lives in `compiler/rules/<code>.md` with fixed
//! headings (what it does, why is this bad, example, use instead); `uihook
//! explain` prints it and a test checks that its bad example triggers the rule
//! and its good example does not.

/// Declares a table of diagnostic codes: the enum, its stable names,
/// severities, summaries and the explanations in `../rules/<code>.md`
/// (relative to the file that invokes it). The compiler declares its rules
/// with it below; the CLI and extraction declare their few own codes with the
/// same macro, so there is one way to define a rule.
///
/// It also emits, under `cfg(test)` of the invoking crate, the test every
/// table needs: codes sorted, unique and found again by name, and each
/// explanation titled with its code and holding the fixed headings. Invoke it
/// at most once per module, since that test has a fixed name.
#[doc(hidden)]
#[macro_export]
macro_rules! __rule_table {
    ($(#[$meta:meta])* $name:ident { $( $variant:ident => $code:literal, $severity:ident, $summary:literal; )* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(
                #[doc = $summary]
                $variant,
            )*
        }

        impl $name {
            /// Every code, sorted.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// The severity used unless configured otherwise.
            pub fn default_severity(self) -> $crate::diagnostic::Severity {
                match self { $($name::$variant => $crate::diagnostic::Severity::$severity,)* }
            }

            /// One line saying what the rule checks.
            pub fn summary(self) -> &'static str {
                match self { $($name::$variant => $summary,)* }
            }

            /// The full explanation in Markdown, with a bad and a good example.
            pub fn explanation(self) -> &'static str {
                match self { $($name::$variant => include_str!(concat!("../rules/", $code, ".md")),)* }
            }

            /// Looks a code up by its name.
            pub fn from_name(name: &str) -> Option<$name> {
                match name { $($code => Some($name::$variant),)* _ => None }
            }
        }

        #[cfg(test)]
        #[test]
        fn rule_table_is_sorted_unique_round_trips_and_is_documented() {
            let names: Vec<&str> = $name::ALL.iter().map(|c| c.as_str()).collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(names, sorted, "codes must be sorted and unique");
            for code in $name::ALL {
                assert_eq!($name::from_name(code.as_str()), Some(*code));
                let doc = code.explanation();
                assert!(
                    doc.starts_with(&format!("# {}\n", code.as_str())),
                    "{code:?} must start with its code as the title"
                );
                for heading in [
                    "## What it does",
                    "## Why is this bad?",
                    "## Example",
                    "## Use instead",
                ] {
                    assert!(doc.contains(heading), "{} lacks `{heading}`", code.as_str());
                }
            }
            assert_eq!($name::from_name("no-such-rule"), None);
        }
    };
}

crate::__rule_table! {
    /// A diagnostic code: which rule found a problem.
    Code {
    AutorefreshTooFast => "autorefresh-too-fast", Warning, "`AutoRefresh` timeout below the documented 3 second minimum";
    BooleanStringCoerced => "boolean-string-coerced", Warning, "the string \"true\" or \"false\" on a non-flag attribute becomes a boolean";
    ChildrenNotAllowed => "children-not-allowed", Error, "content inside a component that takes no children";
    CommunityAttribute => "community-attribute", Warning, "attribute or value seen only in community hooks, with no evidence it worked";
    DuplicateAttribute => "duplicate-attribute", Warning, "the same attribute twice; the host kept only the last";
    EmptyExpression => "empty-expression", Error, "an empty `{}` expression container";
    EventHandlerAttribute => "event-handler-attribute", Error, "an `on*` event-handler attribute, which the host removed";
    ForbiddenElement => "forbidden-element", Error, "`script`, `style` and document tags are blocked by the host";
    Fragment => "fragment", Error, "a `<>…</>` fragment, which the host dropped silently";
    HtmlComment => "html-comment", Error, "an HTML comment `<!-- -->`, which blanked the whole page";
    HtmlDeclaration => "html-declaration", Error, "a `<!…>` declaration other than a leading `<!DOCTYPE>`";
    InvalidAttributeValue => "invalid-attribute-value", Error, "a value of the wrong kind for its attribute";
    InvalidCssValue => "invalid-css-value", Error, "a `Box` style value that could break out of its declaration";
    InvalidEnumValue => "invalid-enum-value", Error, "a value outside the attribute's documented set";
    InvalidEscape => "invalid-escape", Error, "a malformed escape sequence in a JS string";
    KebabCaseCssProperty => "kebab-case-css-property", Warning, "a kebab-case CSS property on `Box`; the host expected camelCase";
    LegacyAttribute => "legacy-attribute", Warning, "a `Button` flag replaced by `type=` in August 2019";
    LineSeparatorInString => "line-separator-in-string", Error, "a raw U+2028 or U+2029 inside a JS string literal";
    LoneSurrogate => "lone-surrogate", Warning, "a `\\u` escape of half a surrogate pair";
    MismatchedCloseTag => "mismatched-close-tag", Error, "a close tag whose name differs from its open tag";
    MisplacedComponent => "misplaced-component", Warning, "a component outside the parent it is made for";
    MissingInputName => "missing-input-name", Warning, "several inputs without `name`; their values collide in clientState";
    MissingRequiredAttribute => "missing-required-attribute", Error, "a required attribute is missing";
    NestingTooDeep => "nesting-too-deep", Error, "markup nested deeper than the parser's limit";
    PageNotRoot => "page-not-root", Warning, "content outside a single outermost `Page`";
    RawBraceInText => "raw-brace-in-text", Error, "a `{` in text that opens no valid expression";
    RawLtInText => "raw-lt-in-text", Error, "a `<` in text that starts no tag";
    SpreadAttribute => "spread-attribute", Error, "a `{...spread}` attribute, which resolves to nothing";
    SuspiciousEntity => "suspicious-entity", Warning, "an `&…` reference the host showed literally or decoded wrongly";
    SyntaxError => "syntax-error", Error, "markup the host parser could not parse";
    UnclosedElement => "unclosed-element", Error, "an element that is never closed";
    UnexpectedChild => "unexpected-child", Warning, "a child a component does not take by convention";
    UnexpectedCloseTag => "unexpected-close-tag", Error, "a close tag that closes nothing";
    UnknownAttribute => "unknown-attribute", Error, "an attribute the component does not have";
    UnknownComponent => "unknown-component", Error, "a component that is not on the host's allow-list";
    UnknownCssProperty => "unknown-css-property", Error, "a `Box` attribute that is no CSS property";
    UnquotedAttributeValue => "unquoted-attribute-value", Error, "an attribute value without quotes";
    UnsafeUrl => "unsafe-url", Error, "a URL with a scheme other than http, https or mailto";
    UnsupportedExpression => "unsupported-expression", Error, "an expression in `{…}` that is not a literal";
    UnterminatedString => "unterminated-string", Error, "a string or comment that never ends";
    UnterminatedTag => "unterminated-tag", Error, "a tag that the document ends inside";
    }
}
