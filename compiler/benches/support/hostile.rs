//! Hostile documents of a chosen size, one per input shape whose cost could
//! grow faster than the input: many attributes on one element (distinct,
//! duplicate, unknown with a "did you mean" search), many siblings, deep
//! nesting up to and past the limit, one long text, many diagnostics. Shared
//! by the scaling test (`tests/scaling.rs`, which counts work) and the
//! scaling bench (`benches/scaling.rs`, which times it).

// Each user of this module reads only some of it.
#![allow(dead_code)]

use std::fmt::Write;

/// One input shape.
pub struct Shape {
    /// What the document is, for messages.
    pub name: &'static str,
    /// The document with `n` repetitions of the hostile part.
    pub build: fn(usize) -> String,
    /// The smaller size the test uses (it also runs 4n).
    pub n: usize,
    /// Diagnostics expected at `4n` at least, so a shape cannot silently
    /// stop exercising what it is for.
    pub min_diagnostics: usize,
}

fn element_with(attrs: impl Iterator<Item = String>, sep: &str) -> String {
    let mut s = String::from("<Page><Box");
    for a in attrs {
        s.push_str(sep);
        s.push_str(&a);
    }
    s.push_str("/></Page>\n");
    s
}

/// Unknown `Box` attributes `a0000000`…: each one a diagnostic and a
/// suggestion search. Names keep one length at every size, so the work per
/// name is the same.
pub fn distinct_unknown(n: usize) -> String {
    element_with((0..n).map(|i| format!("a{i:07}=\"1\"")), "\n ")
}

/// The same on one line, with non-ASCII values, so that columns are
/// counted in characters.
pub fn distinct_unknown_one_line(n: usize) -> String {
    element_with((0..n).map(|i| format!("a{i:07}=\"é\"")), " ")
}

/// Distinct attributes that are all fine (`ClientState` takes any name).
pub fn distinct_valid(n: usize) -> String {
    let mut s = String::from("<Page><ClientState");
    for i in 0..n {
        let _ = write!(s, "\n k{i:07}=\"1\"");
    }
    s.push_str("/></Page>\n");
    s
}

/// One attribute given `n` times: `n - 1` duplicate diagnostics.
pub fn duplicate(n: usize) -> String {
    element_with((0..n).map(|_| "color=\"red\"".to_owned()), "\n ")
}

/// The same on one line.
pub fn duplicate_one_line(n: usize) -> String {
    element_with((0..n).map(|_| "color=\"red\"".to_owned()), " ")
}

/// Misspelt CSS properties, close enough for the edit distance to run.
pub fn css_typos(n: usize) -> String {
    const TYPOS: &[&str] = &[
        "margn",
        "paddng",
        "colr",
        "dispaly",
        "bordrRadius",
        "justifyContnt",
        "fontWieght",
        "backgroundColr",
        "alignItem",
        "flexDirectin",
        "lineHieght",
        "textAlgn",
    ];
    element_with(
        (0..n).map(|i| format!("{}{}=\"1\"", TYPOS[i % TYPOS.len()], "x".repeat(i % 3))),
        "\n ",
    )
}

/// Unknown attributes of a component with a fixed attribute list.
pub fn unknown_button_attrs(n: usize) -> String {
    let mut s = String::from("<Page><Button action=\"go\"");
    for i in 0..n {
        let _ = write!(s, "\n actoin{i:07}=\"x\"");
    }
    s.push_str(">Go</Button></Page>\n");
    s
}

/// `n` sibling paragraphs.
pub fn siblings(n: usize) -> String {
    let mut s = String::from("<Page>");
    for _ in 0..n {
        s.push_str("\n<P>x</P>");
    }
    s.push_str("\n</Page>\n");
    s
}

/// `n` sibling unknown components: a diagnostic and a search each.
pub fn sibling_diagnostics(n: usize) -> String {
    let mut s = String::from("<Page>");
    for _ in 0..n {
        s.push_str("\n<Buton/>");
    }
    s.push_str("\n</Page>\n");
    s
}

/// `n` nested boxes (the limit is `lexer::MAX_DEPTH`).
pub fn nested(n: usize) -> String {
    let mut s = String::from("<Page>");
    for _ in 0..n {
        s.push_str("<Box>");
    }
    s.push('x');
    for _ in 0..n {
        s.push_str("</Box>");
    }
    s.push_str("</Page>\n");
    s
}

/// `n` copies of a 100-deep nest, each closed by one outer close tag, so
/// every copy leaves 99 elements unclosed. Each copy is a line; two
/// comments as long come first, so that every copy has as long lines before
/// it (the report reads them for its context).
pub fn deep_unclosed(n: usize) -> String {
    let comment = format!("\n{{/*{}*/}}", "x".repeat(512));
    let mut s = format!("<Page>{comment}{comment}");
    for _ in 0..n {
        s.push_str("\n<Container>");
        for _ in 0..99 {
            s.push_str("<Box>");
        }
        s.push_str("</Container>");
    }
    s.push_str("\n</Page>\n");
    s
}

/// One text of `n` characters.
pub fn long_text(n: usize) -> String {
    format!("<Page><P>{}</P></Page>\n", "x".repeat(n))
}

/// One text with `n` entities and `n` suspicious ones.
pub fn entities(n: usize) -> String {
    format!("<Page><P>{}</P></Page>\n", "&amp; &quot x ".repeat(n))
}

/// `n` raw `<` in one text: a diagnostic each, all on one line.
pub fn raw_lt(n: usize) -> String {
    format!("<Page><P>{}</P></Page>\n", "a < b ".repeat(n))
}

/// `n` syntax errors the parser recovers from.
pub fn syntax_errors(n: usize) -> String {
    let mut s = String::from("<Page>");
    for _ in 0..n {
        s.push_str("\n<Box = />");
    }
    s.push_str("\n</Page>\n");
    s
}

/// `n` expressions that are not literals.
pub fn expressions(n: usize) -> String {
    let mut s = String::from("<Page><P>");
    for i in 0..n {
        let _ = write!(s, "\n{{value{i:07} + 1}}");
    }
    s.push_str("</P></Page>\n");
    s
}

/// `n` close tags of elements that are not open.
pub fn stray_closes(n: usize) -> String {
    let mut s = String::from("<Page></Page>");
    for _ in 0..n {
        s.push_str("\n</P>");
    }
    s.push('\n');
    s
}

/// Every shape, with the size the test starts from.
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "distinct unknown attributes",
        build: distinct_unknown,
        n: 1_000,
        min_diagnostics: 4_000,
    },
    Shape {
        name: "distinct attributes, 1 line",
        build: distinct_unknown_one_line,
        n: 1_000,
        min_diagnostics: 4_000,
    },
    Shape {
        name: "distinct valid attributes",
        build: distinct_valid,
        n: 1_000,
        min_diagnostics: 0,
    },
    Shape {
        name: "duplicate attributes",
        build: duplicate,
        n: 1_000,
        min_diagnostics: 3_996,
    },
    Shape {
        name: "duplicate attributes, 1 line",
        build: duplicate_one_line,
        n: 1_000,
        min_diagnostics: 3_996,
    },
    Shape {
        name: "CSS typos",
        build: css_typos,
        n: 1_000,
        min_diagnostics: 4_000,
    },
    Shape {
        name: "unknown Button attributes",
        build: unknown_button_attrs,
        n: 1_000,
        min_diagnostics: 4_000,
    },
    Shape {
        name: "siblings",
        build: siblings,
        n: 5_000,
        min_diagnostics: 0,
    },
    Shape {
        name: "sibling diagnostics",
        build: sibling_diagnostics,
        n: 1_000,
        min_diagnostics: 4_000,
    },
    Shape {
        name: "nesting below the limit",
        build: nested,
        n: 60,
        min_diagnostics: 0,
    },
    Shape {
        name: "nesting past the limit",
        build: nested,
        n: 300,
        min_diagnostics: 1,
    },
    Shape {
        name: "deep unclosed elements",
        build: deep_unclosed,
        n: 5,
        min_diagnostics: 20 * 99,
    },
    Shape {
        name: "long text",
        build: long_text,
        n: 100_000,
        min_diagnostics: 0,
    },
    Shape {
        name: "entities, 1 line",
        build: entities,
        n: 1_000,
        min_diagnostics: 4_000,
    },
    Shape {
        name: "raw < in text, 1 line",
        build: raw_lt,
        n: 1_000,
        min_diagnostics: 4_000,
    },
    Shape {
        name: "syntax errors",
        build: syntax_errors,
        n: 1_000,
        min_diagnostics: 4_000,
    },
    Shape {
        name: "unsupported expressions",
        build: expressions,
        n: 1_000,
        min_diagnostics: 4_000,
    },
    Shape {
        name: "stray close tags",
        build: stray_closes,
        n: 1_000,
        min_diagnostics: 4_000,
    },
];
