//! uihook's lexer, parser and checker against a plain XML tokenizer
//! (quick-xml) on the same bytes, so the distance to a tokenizer is visible
//! in every run (issue 19).
//!
//! ```sh
//! cargo bench -p uihook-compiler --bench reference            # 30 rounds
//! cargo bench -p uihook-compiler --bench reference -- 60      # 60 rounds
//! cargo bench -p uihook-compiler --bench reference -- --file big.uihook 10
//! ```
//!
//! Rows, each over the whole document: `uihook check` (lex + parse +
//! validate, `uihook_compiler::check`), `uihook parse` (lex + parse), `uihook
//! automaton` (lex + the grammar's LR automaton with actions that build
//! nothing, `uihook_compiler::automaton`: the floor under `parse` while the
//! parser is lalrpop's), `uihook automaton, lean` (the same automaton over
//! the token stream `check` reads, without blank text and with `name="value"`
//! attributes set aside: the floor under `check`), `uihook lex` (the token
//! stream), `quick-xml events` (`quick_xml::Reader` reading
//! every event and nothing else) and `quick-xml events+unescape` (the same,
//! also unescaping every text and every attribute value). The documents are
//! the criterion bench's (`support/corpus.rs`, 1 MiB and 10 MiB), or one file
//! with `--file PATH`.
//!
//! Every round runs each row once, in a rotating order, timing a batch of
//! runs (enough for about 30 ms) by the thread's CPU time, so a change of
//! load on the shared machine hits all rows of a round alike. The table
//! gives MB/s (10^6 bytes per CPU-second: the median over the rounds and
//! the middle half of the rounds) and uihook's time as a ratio to each
//! quick-xml row (the median of the per-round ratios, and their middle
//! half). With `--file` it also prints `MBps<TAB>row<TAB>figure` lines for
//! `cli/bench/run.sh`.
//!
//! The document is JSX, not XML. quick-xml's reader reads it to the end
//! with one setting: `check_end_names` off, because the text of a `{"…"}`
//! container may hold `<tags>`, which quick-xml takes for an element that
//! is never closed. Unescaping fails on a bare `&` in such a text (it is no
//! entity in JavaScript); those are counted, the raw text kept, and the
//! count must equal the number of `& ` in the document. Every row's result
//! is checked in every round, so a reference row that stops reading the
//! document cannot pass silently.
//!
//! `cargo test` (and `cargo test --benches`) runs one round on a 64 KiB
//! document: it checks every row and times nothing.

// `harness = false` benches have no use for docs on `main`.
#![allow(missing_docs)]

use std::hint::black_box;

use cpu_time::ThreadTime;
use quick_xml::events::Event;
use quick_xml::Reader;
use uihook_compiler::{check, Options};

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

/// A row: its name and one run over a document, returning a figure that
/// must be the same in every run (a count of what it read).
type Row = (&'static str, fn(&str) -> u64);

const ROWS: [Row; 7] = [
    ("uihook check", uihook_check),
    ("uihook parse", uihook_parse),
    ("uihook automaton", uihook_automaton),
    ("uihook automaton, lean", uihook_lean_automaton),
    ("uihook lex", uihook_lex),
    ("quick-xml events", quick_xml_events),
    ("quick-xml events+unescape", quick_xml_unescape),
];

/// The uihook rows, and the quick-xml rows they are divided by.
const UIHOOK: [usize; 5] = [0, 1, 2, 3, 4];
const QUICK_XML: [usize; 2] = [5, 6];

/// CPU time a batch should take at least, in seconds.
const BATCH_SECONDS: f64 = 0.03;

fn uihook_check(doc: &str) -> u64 {
    check(black_box(doc), &Options::default()).len() as u64
}

fn uihook_parse(doc: &str) -> u64 {
    black_box(uihook_compiler::parse(black_box(doc)));
    0
}

/// Lexing and the grammar's LR automaton, with actions that build nothing:
/// the floor under `uihook parse` while the parser is lalrpop's.
fn uihook_automaton(doc: &str) -> u64 {
    match uihook_compiler::automaton::recoveries(black_box(doc)) {
        Some(n) => n as u64,
        None => panic!("the automaton could not recover"),
    }
}

/// The automaton over the token stream `uihook check` reads: the floor
/// under `uihook check` while the parser is lalrpop's.
fn uihook_lean_automaton(doc: &str) -> u64 {
    match uihook_compiler::automaton::lean_recoveries(black_box(doc)) {
        Some(n) => n as u64,
        None => panic!("the automaton could not recover"),
    }
}

fn uihook_lex(doc: &str) -> u64 {
    uihook_compiler::lexer::Lexer::new(black_box(doc)).count() as u64
}

/// quick-xml's reader over `doc`, configured to read JSX (see the top).
fn reader(doc: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(doc);
    reader.config_mut().check_end_names = false;
    reader
}

fn quick_xml_events(doc: &str) -> u64 {
    let mut reader = reader(black_box(doc));
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return events,
            Ok(event) => {
                black_box(event);
                events += 1;
            }
            Err(e) => panic!("quick-xml stopped at byte {}: {e}", reader.error_position()),
        }
    }
}

/// What the unescaping reader read.
struct Unescaped {
    events: u64,
    /// Bytes of unescaped text and attribute values.
    bytes: u64,
    /// Texts and values whose unescaping failed (a bare `&`).
    failed: u64,
}

fn unescape_all(doc: &str) -> Unescaped {
    let mut reader = reader(black_box(doc));
    let mut out = Unescaped {
        events: 0,
        bytes: 0,
        failed: 0,
    };
    let mut count = |value: Result<std::borrow::Cow<'_, str>, quick_xml::Error>| match value {
        Ok(v) => out.bytes += black_box(v).len() as u64,
        Err(_) => out.failed += 1,
    };
    let mut events = 0;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => event,
            Err(e) => panic!("quick-xml stopped at byte {}: {e}", reader.error_position()),
        };
        events += 1;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                // `html_attributes`: JSX has valueless (`small`) and
                // unquoted (`href={"…"}`) attributes.
                for attribute in e.html_attributes() {
                    match attribute {
                        Ok(a) => count(a.unescape_value()),
                        Err(e) => panic!("quick-xml: attribute error {e}"),
                    }
                }
            }
            Event::Text(t) => count(t.unescape()),
            _ => {}
        }
    }
    out.events = events;
    out
}

fn quick_xml_unescape(doc: &str) -> u64 {
    let u = unescape_all(doc);
    u.events + u.bytes + u.failed
}

/// Checks that every row reads `doc` and returns each row's figure.
fn check_rows(doc: &str, generated: bool) -> Vec<u64> {
    if generated {
        assert!(
            check(doc, &Options::default()).is_empty(),
            "the benchmark document must be clean"
        );
    }
    let events = quick_xml_events(doc);
    let u = unescape_all(doc);
    assert!(events > 0 && events == u.events, "quick-xml read no events");
    assert_eq!(
        u.failed as usize,
        doc.matches("& ").count(),
        "quick-xml may fail to unescape only at a bare `&`"
    );
    if generated {
        assert!(u.failed > 0, "the generated document has bare `&`s");
    }
    println!(
        "{} bytes: quick-xml read {events} events, {} bytes unescaped, {} texts with a bare `&` kept raw",
        doc.len(),
        u.bytes,
        u.failed
    );
    ROWS.iter().map(|(_, run)| run(doc)).collect()
}

/// CPU seconds of one batch of `reps` runs; checks each run's figure.
fn batch(run: fn(&str) -> u64, doc: &str, reps: u32, expected: u64) -> f64 {
    let cpu = ThreadTime::now();
    for _ in 0..reps {
        let figure = run(doc);
        assert_eq!(figure, expected, "a row read the document differently");
    }
    cpu.elapsed().as_secs_f64()
}

/// Seconds per run, `[row][round]`.
fn measure(doc: &str, rounds: usize, expected: &[u64]) -> Vec<Vec<f64>> {
    // Warm-up, and the batch size of each row.
    let reps: Vec<u32> = ROWS
        .iter()
        .zip(expected)
        .map(|((_, run), &e)| {
            batch(*run, doc, 1, e);
            let t = batch(*run, doc, 1, e).max(1e-6);
            (BATCH_SECONDS / t).ceil().clamp(1.0, 10_000.0) as u32
        })
        .collect();
    let mut times = vec![Vec::with_capacity(rounds); ROWS.len()];
    for round in 0..rounds {
        for k in 0..ROWS.len() {
            let r = (round + k) % ROWS.len();
            let t = batch(ROWS[r].1, doc, reps[r], expected[r]);
            times[r].push(t / f64::from(reps[r]));
        }
    }
    times
}

/// The value at fraction `q` of sorted `v` (nearest rank).
fn quantile(v: &[f64], q: f64) -> f64 {
    let i = ((v.len() - 1) as f64 * q).round() as usize;
    v[i]
}

/// Median and middle half of `v`.
fn spread(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (quantile(&v, 0.5), quantile(&v, 0.25), quantile(&v, 0.75))
}

fn cell((median, low, high): (f64, f64, f64)) -> String {
    let digits = match median {
        m if m < 10.0 => 2,
        m if m < 100.0 => 1,
        _ => 0,
    };
    format!("{median:.digits$} ({low:.digits$}–{high:.digits$})")
}

struct Measured {
    label: String,
    bytes: usize,
    times: Vec<Vec<f64>>,
}

impl Measured {
    fn mbps(&self, row: usize) -> (f64, f64, f64) {
        let v = self.times[row]
            .iter()
            .map(|t| self.bytes as f64 / t / 1e6)
            .collect();
        spread(v)
    }

    fn ratio(&self, a: usize, b: usize) -> (f64, f64, f64) {
        let v = self.times[a]
            .iter()
            .zip(&self.times[b])
            .map(|(x, y)| x / y)
            .collect();
        spread(v)
    }

    fn median_time(&self, row: usize) -> f64 {
        spread(self.times[row].clone()).0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; `cargo test` does not, and gets one
    // round on a small document that only checks the rows.
    let testing = !args.iter().any(|a| a == "--bench");
    let file = args
        .iter()
        .position(|a| a == "--file")
        .and_then(|i| args.get(i + 1));
    let rounds: usize = args
        .iter()
        .filter(|a| Some(*a) != file)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30);

    let docs: Vec<(String, String)> = match file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => vec![(path.clone(), text)],
            Err(e) => panic!("cannot read {path}: {e}"),
        },
        None if testing => vec![("64 KiB".into(), corpus::document(64 << 10))],
        None => vec![
            ("1 MiB".into(), corpus::document(1 << 20)),
            ("10 MiB".into(), corpus::document(10 << 20)),
        ],
    };

    if testing {
        for (_, doc) in &docs {
            let expected = check_rows(doc, file.is_none());
            measure(doc, 1, &expected);
        }
        println!("reference: every row checked, one round ran (figures only from `cargo bench`)");
        return;
    }

    let measured: Vec<Measured> = docs
        .iter()
        .map(|(label, doc)| {
            let expected = check_rows(doc, file.is_none());
            Measured {
                label: label.clone(),
                bytes: doc.len(),
                times: measure(doc, rounds, &expected),
            }
        })
        .collect();
    report(&measured, rounds);
    if file.is_some() {
        for m in &measured {
            for (r, (name, _)) in ROWS.iter().enumerate() {
                println!("MBps\t{name}\t{:.1}", m.mbps(r).0);
            }
        }
    }
}

fn report(measured: &[Measured], rounds: usize) {
    const W: usize = 24;
    println!();
    if uihook_compiler::work::enabled() {
        // The crate's dev-dependency on itself turns the counter on in
        // every bench build (see `uihook_compiler::work`).
        println!(
            "uihook built with the `work-count` feature, as in every bench build of this crate"
        );
    }
    println!(
        "{rounds} rounds, thread CPU time; MB/s = 10^6 bytes per CPU-second, median (middle half of the rounds)"
    );
    print!("{:<28}", "MB/s");
    for m in measured {
        let head = format!("{} ({:.2} MB)", m.label, m.bytes as f64 / 1e6);
        print!("{head:>W$}");
    }
    println!();
    for (r, (name, _)) in ROWS.iter().enumerate() {
        print!("{name:<28}");
        for m in measured {
            print!("{:>W$}", cell(m.mbps(r)));
        }
        println!();
    }
    println!();
    println!("uihook time / quick-xml time: median of the per-round ratios (middle half)");
    for &u in &UIHOOK {
        for &q in &QUICK_XML {
            let name = format!(
                "{} / {}",
                ROWS[u].0.trim_start_matches("uihook "),
                ROWS[q].0.trim_start_matches("quick-xml ")
            );
            print!("{name:<28}");
            for m in measured {
                print!("{:>W$}", cell(m.ratio(u, q)));
            }
            println!();
        }
    }
    if let [small, large] = measured {
        println!();
        println!(
            "time per run, {} / {} (the input is {:.2}× larger):",
            large.label,
            small.label,
            large.bytes as f64 / small.bytes as f64
        );
        for (r, (name, _)) in ROWS.iter().enumerate() {
            println!(
                "{name:<28}{:>8.2}×",
                large.median_time(r) / small.median_time(r)
            );
        }
    }
}
