//! The grammar's automaton alone: a parser generated from the same
//! `grammar.lalrpop` with every action replaced by `()` (see `build.rs`),
//! so it reads the same tokens through the same LR tables and recovers at
//! the same places, building nothing. `benches/reference.rs` times it as
//! the floor under which no change to what the actions build can bring
//! [`crate::parse`]. Built only with the `automaton-floor` feature.

use crate::lexer::Lexer;
use crate::parser::{generated_parser, located};

generated_parser!(grammar, "/automaton.rs");

/// Runs the automaton over `src`: the number of error recoveries, or `None`
/// when recovery failed outright (where [`crate::parse`] keeps the whole
/// source as one error node).
pub fn recoveries(src: &str) -> Option<usize> {
    u32::try_from(src.len()).ok()?;
    run(located(&mut Lexer::new(src)))
}

/// [`recoveries`] over the lean token stream that [`crate::diagnose`]'s
/// first parse reads (no blank text, `name="value"` attributes set aside):
/// the floor under `check` on a document without errors.
pub fn lean_recoveries(src: &str) -> Option<usize> {
    u32::try_from(src.len()).ok()?;
    let aside = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut lexer = Lexer::lean(src, std::rc::Rc::clone(&aside));
    // The parser takes each element's attributes back as it builds the
    // element; these actions take nothing, so the vector is emptied here
    // instead of growing with the document.
    let tokens = located(&mut lexer).inspect(|_| {
        let mut aside = aside.borrow_mut();
        if aside.len() > 64 {
            aside.clear();
        }
    });
    run(tokens)
}

fn run<I>(tokens: I) -> Option<usize>
where
    I: Iterator<Item = Result<(u32, crate::lexer::Token, u32), std::convert::Infallible>>,
{
    let mut recoveries = 0;
    grammar::DocumentParser::new()
        .parse(&mut recoveries, tokens)
        .ok()
        .map(|()| recoveries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleId;

    fn syntax_errors(diagnostics: &[crate::Diagnostic<crate::Span>]) -> usize {
        diagnostics
            .iter()
            .filter(|d| d.code == RuleId::SyntaxError)
            .count()
    }

    /// The parser's own syntax errors: the parse's minus the lexer's.
    fn parser_syntax_errors(src: &str) -> usize {
        let mut lexer = Lexer::new(src);
        lexer.by_ref().for_each(drop);
        syntax_errors(&crate::parse(src).diagnostics) - syntax_errors(&lexer.take_diagnostics())
    }

    /// The same automaton recovers where the real parser does: each
    /// recovery is one syntax error of the parser's (and a parse whose
    /// recovery failed outright has one more).
    #[test]
    fn recovers_where_the_parser_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut inputs: Vec<String> = ["examples", "fuzz/corpus/parse"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten())
            .filter_map(|entry| std::fs::read(entry.ok()?.path()).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .collect();
        assert!(
            inputs.len() > 40,
            "the examples and the parse corpus are read"
        );
        // Each with a few edits, so that recovery runs in every context.
        let mut rng = crate::fuzzing::Rng(0x5eed);
        let mutated: Vec<String> = inputs
            .iter()
            .flat_map(|src| {
                (0..40)
                    .map(|_| crate::fuzzing::mutate(src, &mut rng))
                    .collect::<Vec<_>>()
            })
            .collect();
        inputs.extend(mutated);
        let mut recovered = 0;
        for src in &inputs {
            let syntax = parser_syntax_errors(src);
            match recoveries(src) {
                Some(n) => assert_eq!(n, syntax, "{src}"),
                None => assert!(syntax > 0, "{src}"),
            }
            recovered += usize::from(syntax > 0);
        }
        assert!(
            recovered > 300,
            "the inputs exercise error recovery: {recovered} of {}",
            inputs.len()
        );
    }

    /// Over the lean stream, the automaton reads a document without syntax
    /// errors to the end without recovering, as `diagnose`'s first parse
    /// does: the row is a floor under `check`, not a run that stops early.
    #[test]
    fn the_lean_stream_reads_clean_documents_without_recovering() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/valid");
        let mut read = 0;
        for entry in std::fs::read_dir(root).expect("examples/valid") {
            let src = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
            assert_eq!(parser_syntax_errors(&src), 0, "{src}");
            assert_eq!(lean_recoveries(&src), Some(0), "{src}");
            read += 1;
        }
        assert!(read >= 5, "the valid examples are read: {read}");
        // And it does recover where the document is broken.
        let broken = "<Page><P a=\"1\" b=></P></Page>";
        assert_eq!(parser_syntax_errors(broken), 1);
        assert_eq!(lean_recoveries(broken), Some(1));
    }
}
