//! `uihook gen`: markup documents for fuzzing other renderers and parsers.
//!
//! Valid documents come from the compiler's schema-driven generator; invalid
//! ones are a valid document plus one known mutation. Every file is listed in
//! `manifest.jsonl` with the diagnostic codes uihook reports for it, so a
//! renderer's authors can check that they reject exactly what they should.
//! The same seed always gives the same bytes.

use std::io::Write;
use std::path::PathBuf;

use arbitrary::Unstructured;
use clap::{Args, ValueEnum};
use uihook_compiler::generate::{self, Limits, Mutation, MUTATIONS};
use uihook_compiler::render::{render, render_reference};
use uihook_compiler::{check, Options};

use crate::error::{CliError, IoContext};
use crate::Status;

/// Which documents to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// Only valid documents.
    Valid,
    /// Only documents with one known mutation each.
    Invalid,
    /// Alternately valid and invalid.
    Mixed,
}

/// How to write the markup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GenStyle {
    /// Hand-written style: `attr="…"`, plain text.
    Plain,
    /// The reference renderer's style: `{"…"}` containers, explicit close tags.
    Htm,
    /// Alternately plain and htm.
    Both,
}

/// Arguments of `uihook gen`.
#[derive(Args, Debug)]
pub struct GenArgs {
    /// The seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// How many documents to write.
    #[arg(long, default_value_t = 100)]
    count: u32,
    /// Which documents to write.
    #[arg(long, value_enum, default_value_t = Kind::Mixed)]
    kind: Kind,
    /// Shorthand for `--kind valid`.
    #[arg(long, conflicts_with_all = ["kind", "invalid", "mixed"])]
    valid: bool,
    /// Shorthand for `--kind invalid`.
    #[arg(long, conflicts_with_all = ["kind", "mixed"])]
    invalid: bool,
    /// Shorthand for `--kind mixed`.
    #[arg(long, conflicts_with = "kind")]
    mixed: bool,
    /// The markup style.
    #[arg(long, value_enum, default_value_t = GenStyle::Both)]
    style: GenStyle,
    /// Deepest nesting below `Page` (every tenth valid document uses it
    /// fully, as hostile-but-valid input).
    #[arg(long, default_value_t = 6)]
    max_depth: usize,
    /// Largest document in bytes; larger ones are generated again, smaller.
    #[arg(long, default_value_t = 65_536)]
    max_bytes: usize,
    /// The directory to write into (created if needed).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

impl GenArgs {
    fn kind(&self) -> Kind {
        if self.valid {
            Kind::Valid
        } else if self.invalid {
            Kind::Invalid
        } else if self.mixed {
            Kind::Mixed
        } else {
            self.kind
        }
    }
}

/// One generated document.
struct Generated {
    text: String,
    mutation: Option<&'static Mutation>,
    htm: bool,
}

fn generate_one(args: &GenArgs, index: u64) -> Option<Generated> {
    let kind = args.kind();
    let invalid = match kind {
        Kind::Valid => false,
        Kind::Invalid => true,
        Kind::Mixed => index % 2 == 1,
    };
    let htm = match args.style {
        GenStyle::Plain => false,
        GenStyle::Htm => true,
        GenStyle::Both => (index / 2) % 2 == 1,
    };
    let hostile = !invalid && index.is_multiple_of(10);
    let mut limits = Limits {
        max_depth: args.max_depth,
        max_children: if hostile { 2 } else { 6 },
    };
    // Try smaller documents until one fits; the attempts are part of the seed.
    for attempt in 0..8u64 {
        let seed = args.seed
            ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ attempt.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let bytes = generate::seeded_bytes(seed, 16_384);
        let doc = generate::document(&mut Unstructured::new(&bytes), &limits).ok()?;
        let valid = if htm {
            render_reference(&doc)
        } else {
            render(&doc)
        }
        .ok()?;
        let mutation = invalid.then(|| &MUTATIONS[(seed % MUTATIONS.len() as u64) as usize]);
        let text = match mutation {
            Some(m) => generate::mutate(&valid, m),
            None => valid,
        };
        if text.len() <= args.max_bytes {
            return Some(Generated {
                text,
                mutation,
                htm,
            });
        }
        limits.max_children = limits.max_children.saturating_sub(1).max(1);
        limits.max_depth = limits.max_depth.saturating_sub(1).max(1);
    }
    None
}

/// Runs `uihook gen`.
pub fn run(args: GenArgs) -> Result<Status, CliError> {
    std::fs::create_dir_all(&args.out).with_path(&args.out)?;
    let mut manifest = Vec::new();
    for index in 0..u64::from(args.count) {
        let Some(doc) = generate_one(&args, index) else {
            return Err(CliError::new(format_args!(
                "could not generate document {index} within --max-bytes {}",
                args.max_bytes
            )));
        };
        let label = doc.mutation.map_or("valid", |m| m.name);
        let style = if doc.htm { "htm" } else { "plain" };
        let file = format!("{index:05}-{label}-{style}.uihook");
        std::fs::write(args.out.join(&file), &doc.text).with_name(&file)?;
        let mut codes: Vec<&str> = check(&doc.text, &Options::default())
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let line = serde_json::json!({
            "file": file,
            "valid": doc.mutation.is_none(),
            "style": style,
            "mutation": doc.mutation.map(|m| m.name),
            "mutation_codes": doc.mutation.map(|m| m.codes.iter().map(|c| c.as_str()).collect::<Vec<_>>()),
            "codes": codes,
        });
        manifest.push(line.to_string());
    }
    let path = args.out.join("manifest.jsonl");
    std::fs::File::create(&path)
        .and_then(|mut f| {
            for line in &manifest {
                writeln!(f, "{line}")?;
            }
            Ok(())
        })
        .with_path(&path)?;
    eprintln!(
        "{} documents and manifest.jsonl written to {}",
        args.count,
        args.out.display()
    );
    Ok(Status::Clean)
}
