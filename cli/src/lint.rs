//! `uihook lint`: find the files, lint them in parallel, keep their order.
//!
//! File discovery is sequential (it resolves each file's configuration and
//! its exclusions); linting runs on rayon's pool, and results are collected
//! in input order so that every output format is deterministic.
//!
//! JavaScript and TypeScript sources (`uihook_extract::EXTENSIONS`) are not
//! markup themselves: unless `--no-extract` is given, the markup inside them
//! is found and linted by `uihook-extract`, with findings at their position
//! in the source file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use uihook_compiler::fix::{fix_all, Refusal};
use uihook_compiler::{diagnose, Applicability, Diagnostic, Severity, Span};

use crate::config::{Config, ConfigError, Resolver};
use crate::text::{self, Text};

/// The diagnostics of one file, with its text for rendering.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as shown to the user.
    pub name: String,
    /// The file's text.
    pub source: Text,
    /// Diagnostics under the file's configuration, sorted by position.
    pub diagnostics: Vec<Diagnostic<Span>>,
}

impl FileReport {
    /// How many diagnostics have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Lints one document's text under `config` (the diagnostics of
/// `analyze`, found without keeping the tree).
pub fn lint_source(source: &str, config: &Config) -> Vec<Diagnostic<Span>> {
    diagnose(source, &config.settings)
}

/// Lints the markup inside a JS/TS source at `path` under `config`: its
/// diagnostics, and where its templates are (the editor server reads them).
pub fn lint_script(source: &str, path: &Path, config: &Config) -> uihook_extract::Report {
    uihook_extract::lint(source, path, &config.extract_settings())
}

/// Where a file to lint comes from.
#[derive(Debug)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// Standard input, already read.
    Stdin(Text),
}

/// A file to lint (or format) with its configuration.
#[derive(Debug)]
pub struct Input {
    /// The path as shown to the user.
    pub name: String,
    /// Where its text comes from.
    pub origin: Origin,
    /// The configuration that applies to it.
    pub config: Arc<Config>,
    /// A JS/TS source whose markup is extracted, rather than markup itself.
    pub extract: bool,
}

impl Input {
    /// Reads the text.
    pub fn read(&self) -> Result<Text, String> {
        match &self.origin {
            Origin::Stdin(text) => Ok(text.clone()),
            Origin::File(path) => text::read(path).map_err(|e| format!("{}: {e}", self.name)),
        }
    }
}

/// What to collect.
pub struct Selection<'a> {
    /// Paths as given; `-` is standard input.
    pub paths: &'a [PathBuf],
    /// File extensions (without dot) looked for in directories.
    pub extensions: &'a [String],
    /// The name standard input is shown and configured under.
    pub stdin_filename: Option<&'a str>,
    /// Extract markup from JS/TS sources (and look for them in directories).
    pub extract: bool,
}

impl Selection<'_> {
    /// Whether the file at `path` is a JS/TS source to extract markup from.
    /// An extension given with `--ext` means markup, so `--ext jsx` still
    /// lints `.jsx` files as markup, as it did before extraction existed.
    fn extracts(&self, path: &Path) -> bool {
        let listed = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x == e));
        self.extract && !listed && uihook_extract::is_script(path)
    }
}

/// What [`collect`] found.
#[derive(Debug, Default)]
pub struct Collected {
    /// The files to process, in the order given (directories walked in
    /// file-name order).
    pub inputs: Vec<Input>,
    /// Problems that make the run fail: missing paths, unreadable
    /// directories, standard input that is not UTF-8.
    pub errors: Vec<String>,
    /// Directories that gave nothing to process, and why: a lint that
    /// passes because it read nothing is most often a wrong path or a
    /// missing `--ext`, so it is said, though it does not fail the run.
    pub warnings: Vec<String>,
}

/// What a directory's walk passed over, to say why it gave nothing.
#[derive(Default)]
struct Passed {
    /// Files with none of the extensions looked for (`uihook.toml` aside).
    other: usize,
    /// Those of them with an extension: how many, and the first met, by
    /// extension.
    by_extension: std::collections::HashMap<String, (usize, PathBuf)>,
    /// Files looked for but excluded by `uihook.toml`.
    excluded: usize,
    /// Files looked for and already collected through another path.
    repeated: usize,
}

impl Passed {
    /// The warning for `dir`, which gave no input; `None` when it gave
    /// nothing only because its files were already collected.
    fn warning(&self, dir: &Path, selection: &Selection<'_>) -> Option<String> {
        if self.repeated > 0 && self.excluded == 0 {
            return None;
        }
        let extensions: Vec<String> = selection
            .extensions
            .iter()
            .map(|e| format!("`.{e}`"))
            .collect();
        let mut looked_for = format!("{} files", extensions.join(", "));
        if selection.extract {
            looked_for.push_str(" and JavaScript/TypeScript sources");
        }
        let mut why = format!(
            "{}: no files to process (looked for {looked_for})",
            display_name(dir)
        );
        if self.excluded > 0 {
            why.push_str(&format!(
                "; {} excluded by the configuration's `exclude`",
                plural(self.excluded, "file")
            ));
        }
        if self.other > 0 {
            why.push_str(&format!(
                "; passed over {}",
                plural(self.other, "other file")
            ));
        } else if self.excluded == 0 {
            why.push_str("; it has no files that are not hidden, git-ignored or in `node_modules`");
        }
        // The most common extension is the likeliest one the user meant;
        // ties go to the first alphabetically, so every run says the same.
        let common = self
            .by_extension
            .iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| b.0.cmp(a.0)));
        if let Some((ext, (count, example))) = common {
            why.push_str(&format!(
                ", {count} of them `.{ext}` like `{}`: `--ext {ext}` reads those as markup",
                display_name(example)
            ));
        }
        Some(why)
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The files to process, the problems met while finding them, and the
/// directories that gave nothing.
pub fn collect(
    selection: &Selection<'_>,
    resolver: &mut Resolver,
) -> Result<Collected, ConfigError> {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in selection.paths {
        if path.as_os_str() == "-" {
            let name = selection.stdin_filename.unwrap_or("<stdin>").to_owned();
            let config =
                resolver.for_file(Path::new(selection.stdin_filename.unwrap_or("stdin")))?;
            match text::read_all(std::io::stdin().lock()) {
                Ok(text) => inputs.push(Input {
                    extract: selection.extract && uihook_extract::is_script(Path::new(&name)),
                    name,
                    origin: Origin::Stdin(text),
                    config,
                }),
                Err(e) => errors.push(format!("<stdin>: {e}")),
            }
            continue;
        }
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        if !metadata.is_dir() {
            // Named explicitly: always linted, whatever its extension.
            if seen.insert(crate::config::absolute(path)) {
                let config = resolver.for_file(path)?;
                inputs.push(Input {
                    name: display_name(path),
                    origin: Origin::File(path.clone()),
                    config,
                    extract: selection.extracts(path),
                });
            }
            continue;
        }
        let root_depth = path.components().count();
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            // Installed packages are not the project's sources, even where
            // no .gitignore says so (unless the walk starts inside one).
            .filter_entry(move |e| {
                e.file_name() != "node_modules" || e.path().components().count() <= root_depth
            })
            .build();
        let before = inputs.len();
        let mut passed = Passed::default();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    errors.push(e.to_string());
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let file = entry.path();
            let extract = selection.extracts(file);
            let wanted = extract
                || file
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| selection.extensions.iter().any(|x| x == e));
            if !wanted {
                if entry.file_name() != uihook_config::FILE_NAME {
                    passed.other += 1;
                    if let Some(ext) = file.extension().and_then(|e| e.to_str()) {
                        let seen = passed
                            .by_extension
                            .entry(ext.to_owned())
                            .or_insert_with(|| (0, file.to_owned()));
                        seen.0 += 1;
                    }
                }
                continue;
            }
            let config = resolver.for_file(file)?;
            if config.is_excluded(file) {
                passed.excluded += 1;
                continue;
            }
            if !seen.insert(crate::config::absolute(file)) {
                passed.repeated += 1;
                continue;
            }
            inputs.push(Input {
                name: display_name(file),
                origin: Origin::File(file.to_owned()),
                config,
                extract,
            });
        }
        if inputs.len() == before {
            warnings.extend(passed.warning(path, selection));
        }
    }
    Ok(Collected {
        inputs,
        errors,
        warnings,
    })
}

fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    s.to_owned()
}

/// What `--fix` did to one file.
#[derive(Clone, Debug)]
pub struct FileFix {
    /// The text before fixing; the report holds the fixed text.
    pub original: Text,
    /// How many fixes were applied.
    pub applied: usize,
    /// Why the file was left as it was, although it had fixes.
    pub refused: Option<Refusal>,
}

/// One linted input: its report (of the fixed text, when fixing) and what
/// fixing did.
#[derive(Clone, Debug)]
pub struct Linted {
    /// The diagnostics, of the text after fixing.
    pub report: FileReport,
    /// Present when fixes were asked for.
    pub fix: Option<FileFix>,
}

impl Linted {
    /// Whether fixing changed the text.
    pub fn changed(&self) -> bool {
        self.fix.as_ref().is_some_and(|f| f.applied > 0)
    }
}

/// Lints every input in parallel; results keep the input order. With
/// `fix`, each file's fixes up to that applicability are applied (in
/// memory: writing is the caller's) and its report is of the fixed text.
pub fn run(inputs: &[Input], fix: Option<Applicability>) -> Vec<Result<Linted, String>> {
    let one = |input: &Input| {
        let source = input.read()?;
        let lint = |text: &str| {
            if input.extract {
                lint_script(text, Path::new(&input.name), &input.config).diagnostics
            } else {
                lint_source(text, &input.config)
            }
        };
        let diagnostics = lint(&source);
        let Some(max) = fix else {
            return Ok(Linted {
                report: FileReport {
                    name: input.name.clone(),
                    source,
                    diagnostics,
                },
                fix: None,
            });
        };
        let fixed = fix_all(&source, diagnostics, max, lint);
        let text = if fixed.changed() {
            Text::from(fixed.text)
        } else {
            source.clone()
        };
        Ok(Linted {
            report: FileReport {
                name: input.name.clone(),
                source: text,
                diagnostics: fixed.diagnostics,
            },
            fix: Some(FileFix {
                original: source,
                applied: fixed.applied,
                refused: fixed.refused,
            }),
        })
    };
    if inputs.len() < 2 {
        // Starting the thread pool costs more than one file takes.
        return inputs.iter().map(one).collect();
    }
    inputs.par_iter().map(one).collect()
}

/// How many diagnostics of `reports` have a fix of each applicability.
pub fn fixable(reports: &[FileReport]) -> (usize, usize) {
    let mut counts = (0, 0);
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        match d.fixes.iter().map(|f| f.applicability).min() {
            Some(Applicability::Safe) => counts.0 += 1,
            Some(Applicability::Unsafe) => counts.1 += 1,
            None => {}
        }
    }
    counts
}
