//! `junit`: JUnit XML, one test suite per file and one failed test case per
//! finding; a clean file is one passing test case.

use std::io::{self, Write};

use super::xml::escape;
use super::{locate, Located};
use crate::lint::FileReport;

pub(super) fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let located = locate(reports);
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="uihook" tests="{total}" failures="{}" errors="0">"#,
        located.len()
    )?;
    for report in reports {
        let name = escape(&report.name);
        let mine: Vec<&Located<'_>> = located
            .iter()
            .filter(|l| std::ptr::eq(l.report, report))
            .collect();
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{}" errors="0">"#,
            mine.len().max(1),
            mine.len()
        )?;
        if mine.is_empty() {
            writeln!(out, r#"    <testcase name="{name}" classname="uihook"/>"#)?;
        }
        for l in mine {
            let f = l.finding;
            let at = format!("{}:{}:{}", report.name, l.start.line, l.start.column);
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{}">"#,
                escape(&at),
                f.code
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}: {}[{}] {}</failure>"#,
                escape(&f.message),
                f.severity,
                escape(&at),
                f.severity,
                f.code,
                escape(&f.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::super::{tests::render, Format};

    #[test]
    fn names_and_messages_are_escaped_and_clean_files_pass() {
        insta::assert_snapshot!(render(Format::Junit));
    }
}
