//! The codes only extraction can raise, declared with the compiler's rule
//! table macro so they have the same shape (code, default severity, summary,
//! `extract/rules/<code>.md` explanation) as every other rule. Markup
//! problems inside a template keep the compiler's own codes.

uihook_compiler::__rule_table! {
    /// A diagnostic code raised while extracting markup from JS/TS sources.
    ExtractCode {
    DynamicMarkupSkipped => "dynamic-markup-skipped", Info, "a tag name, whole attribute or spread chosen at run time, which cannot be checked";
    HtmEntity => "htm-entity", Warning, "an HTML entity inside an `htm` template, which the page shows literally";
    JsSyntaxError => "js-syntax-error", Warning, "a JavaScript or TypeScript file that could not be parsed, so its markup was not checked";
    MarkupStringInHtm => "markup-string-in-htm", Warning, "a plain markup string interpolated as a child of an `htm` template, which shows its tags as text";
    PrintedFalsyValue => "printed-falsy-value", Warning, "an `htm` child such as `${cond && htm`…`}` that prints the word `false` or `null`";
    UnescapedInterpolation => "unescaped-interpolation", Warning, "a `${…}` value inserted into a plain markup string without escaping";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Sorted, unique, round-trips and documented: the table macro's own test.

    #[test]
    fn codes_are_distinct_from_the_compilers() {
        for code in ExtractCode::ALL {
            assert_eq!(uihook_compiler::Code::from_name(code.as_str()), None);
        }
    }
}
