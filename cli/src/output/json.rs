//! `json` (one pretty array) and `json-lines` (one compact object a line):
//! each finding with its path, code, severity, message, help, start and end
//! positions, byte offset and length, and its fixes (each edit located the
//! same way, with its new text).

use std::io::{self, Write};

use serde_json::{json, Value};
use uihook_compiler::diagnostic::LineCol;

use super::{locate, Located};
use crate::lint::FileReport;

/// `{ "line", "column" }`, as `json` and `gitlab` write positions.
pub(super) fn position(lc: LineCol) -> Value {
    json!({ "line": lc.line, "column": lc.column })
}

/// A finding's fixes: message, applicability and edits, each edit with
/// its start and end position, byte offset and length, and new text.
fn fixes(l: &Located<'_>) -> Value {
    l.fixes()
        .into_iter()
        .map(|(fix, edits)| {
            let edits: Vec<Value> = edits
                .iter()
                .map(|e| {
                    json!({
                        "start": position(e.start),
                        "end": position(e.end),
                        "offset": e.span.start,
                        "length": e.span.end - e.span.start,
                        "content": e.content,
                    })
                })
                .collect();
            json!({
                "message": fix.message,
                "applicability": fix.applicability.as_str(),
                "edits": edits,
            })
        })
        .collect()
}

fn item(l: &Located<'_>) -> Value {
    let f = l.finding;
    let span = f.span();
    json!({
        "path": l.report.name,
        "code": f.code.as_str(),
        "severity": f.severity.as_str(),
        "message": f.message,
        "help": f.help,
        "start": position(l.start),
        "end": position(l.end),
        "offset": span.start,
        "length": span.end - span.start,
        "fixes": fixes(l),
    })
}

/// `json`: one array, pretty-printed.
pub(super) fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let items: Vec<Value> = locate(reports).iter().map(item).collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

/// `json-lines`: one compact object per line.
pub(super) fn write_lines(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for item in locate(reports).iter().map(item) {
        serde_json::to_writer(&mut *out, &item)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{tests::render, Format};

    #[test]
    fn json_lines_is_the_json_array_one_item_a_line() {
        let array: Vec<serde_json::Value> =
            serde_json::from_str(&render(Format::Json)).expect("JSON");
        let lines: Vec<serde_json::Value> = render(Format::JsonLines)
            .lines()
            .map(|l| serde_json::from_str(l).expect("one object a line"))
            .collect();
        assert_eq!(array, lines);
        assert_eq!(array[0]["path"], "dir/a, b:c%.uihook");
    }
}
