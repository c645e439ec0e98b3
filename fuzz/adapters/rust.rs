//! The `fuzz-renderer` adapter over uihook's own renderer: each request's
//! template, with its slots filled, becomes a `uihook_compiler` syntax tree,
//! and `uihook_compiler::render` writes it (the renderer behind `uihook fmt`
//! and the `uihook!` macro's static parts, with the one escaper).
//!
//!   cargo build -p uihook-cli --example fuzz_adapter_rust
//!   uihook fuzz-renderer -- target/debug/examples/fuzz_adapter_rust
//!
//! Protocol: docs/fuzz-renderer.md. A malformed request gets an `error`
//! answer; the adapter never exits before its input ends.

use std::borrow::Cow;
use std::io::{self, BufRead, Write};

use serde_json::{json, Value};
use uihook_compiler::ast::{
    AttrValue, Attribute, Close, Document, Element, Name, Node, StrForm, Text,
};
use uihook_compiler::{render, Span};

fn piece(p: &Value, values: &[Value]) -> Result<String, String> {
    if let Some(s) = p.get("literal").and_then(Value::as_str) {
        return Ok(s.to_owned());
    }
    let slot = p
        .get("slot")
        .and_then(Value::as_u64)
        .ok_or_else(|| format!("a piece is {{\"literal\": …}} or {{\"slot\": N}}, not {p}"))?;
    usize::try_from(slot)
        .ok()
        .and_then(|i| values.get(i))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("no string value for slot {slot}"))
}

fn node(n: &Value, values: &[Value]) -> Result<Node<'static, Span>, String> {
    if let Some(text) = n.get("text") {
        return Ok(Node::Text(Text {
            value: Cow::Owned(piece(text, values)?),
            span: 0..0,
        }));
    }
    let name = n
        .get("element")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("a node is {{\"element\": …}} or {{\"text\": …}}, not {n}"))?;
    let empty = Vec::new();
    let attrs = n
        .get("attrs")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
        .iter()
        .map(|a| {
            let name = a
                .get("name")
                .and_then(Value::as_str)
                .ok_or("an attribute needs a name")?;
            let value = piece(a.get("value").unwrap_or(&Value::Null), values)?;
            Ok(Attribute {
                name: Name {
                    text: Cow::Owned(name.to_owned()),
                    span: 0..0,
                },
                value: AttrValue::Str {
                    value: Cow::Owned(value),
                    form: StrForm::Double,
                    span: 0..0,
                },
                span: 0..0,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let children = n
        .get("children")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
        .iter()
        .map(|c| node(c, values))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Node::Element(Box::new(Element {
        name: Name {
            text: Cow::Owned(name.to_owned()),
            span: 0..0,
        },
        attrs,
        children,
        close: Close::SelfClosing,
        span: 0..0,
    })))
}

fn answer(line: &str) -> Value {
    let request: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({ "id": null, "error": format!("not JSON: {e}") }),
    };
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let empty = Vec::new();
    let values = request
        .get("values")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let rendered = request
        .get("template")
        .ok_or_else(|| "no template".to_owned())
        .and_then(|t| node(t, values))
        .and_then(|root| {
            render(&Document {
                doctype: None,
                nodes: vec![root],
            })
            .map_err(|e| e.to_string())
        });
    match rendered {
        Ok(markup) => json!({ "id": id, "markup": markup }),
        Err(error) => json!({ "id": id, "error": error }),
    }
}

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        writeln!(out, "{}", answer(&line))?;
        // One answer per request: the driver waits for it before the next.
        out.flush()?;
    }
    Ok(())
}
