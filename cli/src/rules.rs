//! Rule identity for the command line: every compiler [`Code`], the codes
//! of markup extraction from JS/TS sources ([`ExtractCode`]), plus the few
//! codes only the CLI can raise (suppression bookkeeping and `probe`'s HTTP
//! checks).
//!
//! The compiler's table stays the single source of truth for markup rules;
//! this module only appends the CLI's own rows, one line each, with the same
//! shape (code, default severity, summary) and a Markdown explanation in
//! `cli/rules/<code>.md` using the compiler's fixed headings.

use std::fmt;

use uihook_compiler::{Code, Severity};
use uihook_extract::ExtractCode;

uihook_compiler::__rule_table! {
    /// A diagnostic code raised by the command line itself.
    CliCode {
    ProbeContentType => "probe-content-type", Error, "a hook answered with a content type other than HTML or plain text";
    ProbeCors => "probe-cors", Error, "a hook's `OPTIONS` answer lacks the CORS headers the dashboard needs";
    ProbeInternalError => "probe-internal-error", Error, "a hook answered with the \"Internal Integration Error\" page";
    ProbeStatus => "probe-status", Error, "a hook answered with a status other than 200";
    ProbeTimeout => "probe-timeout", Error, "a hook did not answer within the time-out";
    UnusedSuppression => "unused-suppression", Warning, "a `uihook-disable` comment that suppresses nothing";
    }
}

/// Any rule: one of the compiler's or one of the CLI's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    /// A markup rule of the compiler.
    Core(Code),
    /// A rule of the command line.
    Cli(CliCode),
    /// A rule of markup extraction from JS/TS sources.
    Extract(ExtractCode),
}

impl From<uihook_extract::Rule> for RuleId {
    fn from(rule: uihook_extract::Rule) -> RuleId {
        match rule {
            uihook_extract::Rule::Core(c) => RuleId::Core(c),
            uihook_extract::Rule::Extract(c) => RuleId::Extract(c),
        }
    }
}

impl RuleId {
    /// Every rule: the compiler's, then the CLI's, then extraction's.
    pub fn all() -> impl Iterator<Item = RuleId> {
        Code::ALL
            .iter()
            .map(|&c| RuleId::Core(c))
            .chain(CliCode::ALL.iter().map(|&c| RuleId::Cli(c)))
            .chain(ExtractCode::ALL.iter().map(|&c| RuleId::Extract(c)))
    }

    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::Core(c) => c.as_str(),
            RuleId::Cli(c) => c.as_str(),
            RuleId::Extract(c) => c.as_str(),
        }
    }

    /// The severity used unless configured otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            RuleId::Core(c) => c.default_severity(),
            RuleId::Cli(c) => c.default_severity(),
            RuleId::Extract(c) => c.default_severity(),
        }
    }

    /// One line saying what the rule checks.
    pub fn summary(self) -> &'static str {
        match self {
            RuleId::Core(c) => c.summary(),
            RuleId::Cli(c) => c.summary(),
            RuleId::Extract(c) => c.summary(),
        }
    }

    /// The full Markdown explanation.
    pub fn explanation(self) -> &'static str {
        match self {
            RuleId::Core(c) => c.explanation(),
            RuleId::Cli(c) => c.explanation(),
            RuleId::Extract(c) => c.explanation(),
        }
    }

    /// Looks a rule up by its name.
    pub fn from_name(name: &str) -> Option<RuleId> {
        Code::from_name(name)
            .map(RuleId::Core)
            .or_else(|| CliCode::from_name(name).map(RuleId::Cli))
            .or_else(|| ExtractCode::from_name(name).map(RuleId::Extract))
    }

    /// The closest known rule name, for "did you mean" help.
    pub fn suggest(name: &str) -> Option<&'static str> {
        let names: Vec<&'static str> = RuleId::all().map(RuleId::as_str).collect();
        uihook_compiler::suggest::closest(name, names)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Sorted, unique, round-trips and documented: the table macro's own test.

    #[test]
    fn cli_codes_are_distinct_from_the_compilers() {
        for code in CliCode::ALL {
            assert_eq!(Code::from_name(code.as_str()), None, "{code:?} clashes");
            assert_eq!(
                ExtractCode::from_name(code.as_str()),
                None,
                "{code:?} clashes"
            );
            assert_eq!(RuleId::from_name(code.as_str()), Some(RuleId::Cli(*code)));
        }
        for code in ExtractCode::ALL {
            assert_eq!(
                RuleId::from_name(code.as_str()),
                Some(RuleId::Extract(*code))
            );
        }
    }
}
