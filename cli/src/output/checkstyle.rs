//! `checkstyle`: Checkstyle XML, one `<file>` per file and one `<error>` per
//! finding.

use std::io::{self, Write};

use uihook_compiler::Severity;

use super::locate;
use super::xml::escape;
use crate::lint::FileReport;

pub(super) fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let located = locate(reports);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for report in reports {
        writeln!(out, r#"  <file name="{}">"#, escape(&report.name))?;
        for l in located.iter().filter(|l| std::ptr::eq(l.report, report)) {
            let f = l.finding;
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="uihook.{}"/>"#,
                l.start.line,
                l.start.column,
                match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                },
                escape(&f.message),
                f.code
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

#[cfg(test)]
mod tests {
    use super::super::{tests::render, Format};

    #[test]
    fn names_and_messages_are_escaped() {
        insta::assert_snapshot!(render(Format::Checkstyle));
    }
}
