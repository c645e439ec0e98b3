//! `uihook preview`: one markup file as one standalone HTML page, for docs
//! and screenshots.
//!
//! The page comes from the HTML preview crate (`uihook_preview`), the same
//! rendering `uihook dev` shows; this module only reads, writes and
//! reports. Diagnostics are listed on the page itself and counted on
//! standard error; they never change the exit status, which is 0, or 2 when
//! the input cannot be read or the page cannot be written.

use std::io;
use std::path::{Path, PathBuf};

use clap::Args;
use uihook_compiler::{analyze, Severity};

use crate::error::{CliError, IoContext};
use crate::text::{self, Text};
use crate::{print, Status};

/// Arguments of `uihook preview`.
#[derive(Args, Debug)]
pub struct PreviewArgs {
    /// The markup file; `-` reads standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Write the page to FILE instead of standard output (`-`: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// The page's title [default: the file name, or `standard input`].
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Use this configuration file instead of discovering `uihook.toml`
    /// (its extra components and attributes are accepted, as in `lint`).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn read_input(path: &Path) -> io::Result<Text> {
    if is_dash(path) {
        text::read_all(io::stdin().lock())
    } else {
        text::read(path)
    }
}

/// Renders the file and writes the page.
pub fn run(args: PreviewArgs) -> Result<Status, CliError> {
    let name = if is_dash(&args.file) {
        "standard input".to_owned()
    } else {
        args.file.display().to_string()
    };
    let source = read_input(&args.file).with_name(&name)?;
    // Standard input is configured as a file in the current directory.
    let config_for = if is_dash(&args.file) {
        Path::new("stdin.uihook")
    } else {
        args.file.as_path()
    };
    let config = crate::config_for(args.config.as_deref(), config_for)?;
    let title = args.title.as_deref().unwrap_or(&name);
    let analysis = analyze(&source, &config.settings);
    let page = uihook_preview::render_page(&analysis, &source, title, &config.settings.options);
    let written = match args.output.as_deref() {
        Some(path) if !is_dash(path) => crate::write::atomic_write(path, page.as_bytes())
            .with_path(path)
            .map(|()| Status::Clean),
        _ => print(&page),
    };
    // The counts come after a write error: the page was rendered all the same.
    let status = written.unwrap_or_else(CliError::report);
    eprintln!(
        "{name}: {} errors, {} warnings",
        analysis.count(Severity::Error),
        analysis.count(Severity::Warning)
    );
    Ok(status)
}
