//! `concise`: `file:line:col: severity[code] message`, one finding a line.

use std::io::{self, Write};

use uihook_compiler::Severity;

use super::{locate, Style};
use crate::lint::FileReport;

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

pub(super) fn write(reports: &[FileReport], style: Style, out: &mut dyn Write) -> io::Result<()> {
    for l in locate(reports) {
        let f = l.finding;
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            paint(style.color, "1", &l.report.name),
            l.start.line,
            l.start.column,
            paint(style.color, severity_color(f.severity), f.severity.as_str()),
            f.code,
            f.message
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_wraps_the_name_and_the_severity_only() {
        let reports = super::super::tests::awkward_reports();
        let mut out = Vec::new();
        let style = Style {
            color: true,
            width: 80,
        };
        write(&reports[..1], style, &mut out).expect("written");
        let first = String::from_utf8(out).expect("UTF-8");
        let first = first.lines().next().expect("a line");
        assert_eq!(
            first,
            "\x1b[1mdir/a, b:c%.uihook\x1b[0m:2:4: \x1b[1;31merror\x1b[0m[unknown-component] `Bogus` is not a UIHook component"
        );
    }
}
