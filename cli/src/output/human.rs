//! `human`: miette's graphical report, with the source lines under each
//! finding.

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource};

use uihook_compiler::diagnostic::IndexedSource;

use super::Style;
use crate::lint::FileReport;

/// The graphical handler for `style`.
fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

pub(super) fn write(reports: &[FileReport], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(style);
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        // miette reads a plain string from its start for every span; the
        // indexed source starts near the span, so d diagnostics of an
        // n-byte file cost d small reads instead of d·n.
        // miette wants an `Arc<str>`: the one copy of the text is made here,
        // only for a file with something to show, after its analysis.
        let source = NamedSource::new(report.name.clone(), IndexedSource::new(&report.source[..]));
        for f in &report.diagnostics {
            let diagnostic = miette::Report::new(f.to_miette()).with_source_code(source.clone());
            let mut text = String::new();
            if handler
                .render_report(&mut text, diagnostic.as_ref())
                .is_err()
            {
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
