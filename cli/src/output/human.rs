//! `human`: miette's graphical report, with the source lines under each
//! finding (long lines cut to a window around it; see
//! `uihook_compiler::report`).

use std::io::{self, Write};

use uihook_compiler::report::{Renderer, Source};

use super::Style;
use crate::lint::FileReport;

pub(super) fn write(reports: &[FileReport], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let renderer = Renderer::new(style.color, style.width);
    let mut text = String::new();
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        // Line starts are found once per file, for all its diagnostics.
        let source = Source::new(&report.name, &report.source);
        for f in &report.diagnostics {
            text.clear();
            if renderer.render(&source, f, &mut text).is_err() {
                text = format!(
                    "{}: {}[{}] {}\n",
                    report.name, f.severity, f.code, f.message
                );
            }
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}
