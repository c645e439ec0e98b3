//! A `fuzz-renderer` adapter with the bug of hooks built from template
//! strings: values are inserted without escaping. The tests of
//! `uihook fuzz-renderer` run it to see failures found, shrunk, saved and
//! replayed without needing Node (`fuzz/adapters/template-string.js` is the
//! same renderer in JavaScript).

use std::io::{self, BufRead, Write};

use serde_json::{json, Value};

fn piece(p: &Value, values: &[Value]) -> String {
    match p.get("literal") {
        Some(Value::String(s)) => s.clone(),
        _ => p
            .get("slot")
            .and_then(Value::as_u64)
            .and_then(|i| values.get(usize::try_from(i).ok()?))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    }
}

fn render(node: &Value, values: &[Value], out: &mut String) {
    if let Some(text) = node.get("text") {
        out.push_str(&piece(text, values));
        return;
    }
    let name = node
        .get("element")
        .and_then(Value::as_str)
        .unwrap_or("Page");
    out.push('<');
    out.push_str(name);
    for a in node
        .get("attrs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let attr = a.get("name").and_then(Value::as_str).unwrap_or_default();
        let value = piece(a.get("value").unwrap_or(&Value::Null), values);
        out.push_str(&format!(" {attr}=\"{value}\""));
    }
    out.push('>');
    for c in node
        .get("children")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        render(c, values, out);
    }
    out.push_str(&format!("</{name}>"));
}

fn main() -> io::Result<()> {
    let mut out = io::stdout().lock();
    for line in io::stdin().lock().lines() {
        let request: Value = serde_json::from_str(&line?).unwrap_or(Value::Null);
        let values = request
            .get("values")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut markup = String::new();
        render(
            request.get("template").unwrap_or(&Value::Null),
            &values,
            &mut markup,
        );
        writeln!(
            out,
            "{}",
            json!({ "id": request.get("id"), "markup": markup })
        )?;
        out.flush()?;
    }
    Ok(())
}
