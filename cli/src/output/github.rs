//! `github`: GitHub Actions workflow commands, one annotation a finding.

use std::io::{self, Write};

use uihook_compiler::Severity;

use super::locate;
use crate::lint::FileReport;

/// Escapes workflow-command data: `%`, CR and LF.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property: data escapes plus `:` and `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for l in locate(reports) {
        let f = l.finding;
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&l.report.name),
            l.start.line,
            l.start.column,
            l.end.line,
            l.end.column,
            property(&format!("uihook {}", f.code)),
            data(&f.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{tests::render, Format};
    use super::*;

    #[test]
    fn escaping_follows_the_documented_rules() {
        assert_eq!(data("50% done\r\nok: a, b"), "50%25 done%0D%0Aok: a, b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn awkward_file_names_are_escaped() {
        insta::assert_snapshot!(render(Format::Github));
    }
}
