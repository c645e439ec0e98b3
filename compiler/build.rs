//! Generates the LR(1) parser from `src/grammar.lalrpop`.
//!
//! With the `automaton-floor` feature it also generates a second parser from
//! the same file with every action replaced by `()` (recoveries counted):
//! the same automaton building nothing, which `benches/reference.rs` times
//! to show what the grammar's tables cost on their own.

use std::path::PathBuf;

fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("the grammar is part of this crate and must compile");

    if std::env::var_os("CARGO_FEATURE_AUTOMATON_FLOOR").is_some() {
        let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
        let grammar = std::fs::read_to_string("src/grammar.lalrpop")
            .expect("the grammar is part of this crate");
        let stripped = automaton_only(&grammar);
        let path = out.join("automaton.lalrpop");
        std::fs::write(&path, stripped).expect("OUT_DIR is writable");
        lalrpop::Configuration::new()
            .set_in_dir(&out)
            .set_out_dir(&out)
            .process_file(&path)
            .expect("the stripped grammar must compile");
    }
}

/// The grammar with the same productions, each of type `()`, its actions
/// empty except that `!` counts a recovery.
fn automaton_only(grammar: &str) -> String {
    let extern_start = grammar
        .find("extern {")
        .expect("the grammar has an extern block");
    let extern_end = extern_start + grammar[extern_start..].find("\n}\n").expect("extern ends") + 3;
    let mut out = String::from(
        "use crate::ast::StrForm;\nuse crate::lexer::Token;\n\ngrammar(recoveries: &mut usize);\n\n",
    );
    out.push_str(&grammar[extern_start..extern_end]);
    let productions: String = grammar[extern_end..]
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut rest = productions.as_str();
    while let Some(header_end) = rest.find("= {") {
        let header = rest[..header_end].trim().trim_start_matches(';');
        let name = header
            .split(':')
            .next()
            .expect("a production has a name")
            .trim();
        let body_start = header_end + 3;
        let body_len = matching_brace(&rest[body_start..]);
        let body = &rest[body_start..body_start + body_len];
        out.push_str(&format!("\n{name}: () = {{\n"));
        for alternative in split_alternatives(body) {
            out.push_str("    ");
            out.push_str(&alternative);
            out.push_str(",\n");
        }
        out.push_str("};\n");
        rest = &rest[body_start + body_len + 1..];
    }
    out
}

/// The length of `s` up to the `}` that closes a body whose `{` came
/// before `s`, skipping strings and `//` comments.
fn matching_brace(s: &str) -> usize {
    let mut depth = 0usize;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => skip_string(&mut chars),
            '/' if chars.peek().map(|p| p.1) == Some('/') => skip_line(&mut chars),
            '{' | '(' | '[' => depth += 1,
            '}' if depth == 0 => return i,
            '}' | ')' | ']' => depth -= 1,
            _ => {}
        }
    }
    panic!("a production body is not closed");
}

fn skip_string(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) {
    while let Some((_, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return,
            _ => {}
        }
    }
}

fn skip_line(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) {
    for (_, c) in chars.by_ref() {
        if c == '\n' {
            return;
        }
    }
}

/// Each alternative of a body as `SYMBOLS => ()` (bindings dropped), or
/// `! => *recoveries += 1`; an alternative without an action stays as it
/// is, since it passes its one symbol's `()` on.
fn split_alternatives(body: &str) -> Vec<String> {
    let mut alternatives = Vec::new();
    let mut symbols = String::new();
    let mut in_action = false;
    let mut had_action = false;
    let mut depth = 0usize;
    let mut chars = body.char_indices().peekable();
    let mut finish = |symbols: &mut String, had_action: bool| {
        let s = strip_bindings(symbols.trim());
        symbols.clear();
        if s.is_empty() && !had_action {
            return;
        }
        alternatives.push(match (had_action, s.as_str()) {
            (_, "!") => "! => *recoveries += 1".to_owned(),
            (true, s) => format!("{s} => ()"),
            (false, s) => s.to_owned(),
        });
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '/' if chars.peek().map(|p| p.1) == Some('/') => skip_line(&mut chars),
            '"' => {
                let start = i;
                skip_string(&mut chars);
                let end = chars.peek().map_or(body.len(), |p| p.0);
                if !in_action {
                    symbols.push_str(&body[start..end]);
                }
            }
            '=' if depth == 0 && chars.peek().map(|p| p.1) == Some('>') && !in_action => {
                chars.next();
                in_action = true;
                had_action = true;
            }
            '{' | '(' | '[' if in_action => depth += 1,
            '}' | ')' | ']' if in_action => depth -= 1,
            ',' if depth == 0 => {
                finish(&mut symbols, had_action);
                in_action = false;
                had_action = false;
            }
            _ if !in_action => symbols.push(c),
            _ => {}
        }
    }
    finish(&mut symbols, had_action);
    alternatives
}

/// `<l:@L> <name:Name> "=" <Element>` → `Name "=" Element`.
fn strip_bindings(symbols: &str) -> String {
    let mut out = Vec::new();
    let mut rest = symbols;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if c == '"' {
            let end = rest[1..].find('"').expect("a terminal is closed") + 2;
            out.push(rest[..end].to_owned());
            rest = &rest[end..];
        } else if c == '<' {
            // A binding holds at most one quoted terminal, never a `>`
            // outside it.
            let mut end = 1;
            let mut quoted = false;
            for (i, ch) in rest.char_indices().skip(1) {
                match ch {
                    '"' => quoted = !quoted,
                    '>' if !quoted => {
                        end = i;
                        break;
                    }
                    _ => {}
                }
            }
            let inner = &rest[1..end];
            let symbol = match inner.split_once(':') {
                Some((_, symbol)) if !inner.starts_with('"') => symbol.trim(),
                _ => inner.trim(),
            };
            if !symbol.starts_with('@') {
                out.push(symbol.to_owned());
            }
            rest = &rest[end + 1..];
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    out.join(" ")
}
