//! `uihook init [DIR]`: writes a hook project that builds, tests and runs at
//! once: `Cargo.toml` with the `uihook` features it needs, the counter with
//! `uihook!` (`src/lib.rs`, served by `src/main.rs`), a test with
//! `uihook::testing` (`tests/hook.rs`), `uihook.toml` and `.gitignore`.
//!
//! The files are templates in `template/`, filled with the package name and
//! where `uihook` comes from. It never overwrites: a directory that already
//! holds one of the files is refused before anything is written, so a typo
//! in DIR cannot clobber a project.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::error::{CliError, IoContext};
use crate::Status;

/// Arguments of `uihook init`.
#[derive(Args, Debug)]
pub struct InitArgs {
    /// The project's directory (created when missing; default: the current one).
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// The package name (default: the directory's name, made a valid crate name).
    #[arg(long)]
    name: Option<String>,
    /// Depend on the uihook checkout at DIR (a path dependency).
    #[arg(long, value_name = "DIR", conflicts_with = "uihook_version")]
    uihook_path: Option<PathBuf>,
    /// Depend on this version of uihook from crates.io.
    #[arg(long, value_name = "VERSION")]
    uihook_version: Option<String>,
}

/// One file of the project: where it goes and its template.
const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("template/Cargo.toml.in")),
    ("src/lib.rs", include_str!("template/lib.rs")),
    ("src/main.rs", include_str!("template/main.rs")),
    ("tests/hook.rs", include_str!("template/hook.rs")),
    ("uihook.toml", include_str!("template/uihook.toml")),
    (".gitignore", include_str!("template/gitignore")),
];

/// Where the project's `uihook` dependency comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum UihookSource {
    /// A checkout, as a path dependency.
    Path(PathBuf),
    /// A crates.io version requirement.
    Version(String),
}

impl UihookSource {
    /// The dependency's location, as it goes inside `{ …, features = … }`.
    fn toml(&self) -> String {
        match self {
            // TOML basic strings: escape `\` and `"` (Windows paths, odd names).
            UihookSource::Path(path) => format!(
                "path = \"{}\"",
                path.display()
                    .to_string()
                    .replace('\\', "\\\\")
                    .replace('"', "\\\"")
            ),
            UihookSource::Version(version) => format!(
                "version = \"{}\"",
                version.replace('\\', "\\\\").replace('"', "\\\"")
            ),
        }
    }
}

/// The checkout this binary was built from, when it is still there: a
/// `uihook` built from source makes projects that build against that same
/// source (the crates are not necessarily published), which is what "works
/// at once" needs. An installed binary whose checkout is gone falls back to
/// crates.io.
fn built_from_checkout() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).ok()?;
    manifest
        .lines()
        .any(|line| line.trim() == "name = \"uihook\"")
        .then(|| root.to_path_buf())
}

/// `dir`'s last component as a crate name: lower case, anything but ASCII
/// letters, digits, `-` and `_` becomes `-`, and a name that does not start
/// with a letter gets `hook-` in front.
fn crate_name_for(dir: &Path) -> Option<String> {
    let base = dir.file_name()?.to_str()?;
    let mut name: String = base
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    name = name.trim_matches('-').to_owned();
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "hook-");
    }
    Some(name)
}

/// Whether `name` is a package name cargo accepts and that is safe to put in
/// the templates: ASCII letters, digits, `-`, `_`, starting with a letter.
fn check_name(name: &str) -> Result<(), CliError> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(
            CliError::new(format_args!("`{name}` is not a valid package name")).with_help(
                "use ASCII letters, digits, `-` and `_`, starting with a letter: --name my-hook",
            ),
        )
    }
}

/// The project's files: (relative path, contents).
fn render(name: &str, source: &UihookSource) -> Vec<(&'static str, String)> {
    let lib = name.replace('-', "_");
    let uihook = source.toml();
    FILES
        .iter()
        .map(|(path, template)| {
            let text = template
                .replace("{{name}}", name)
                .replace("{{lib}}", &lib)
                .replace("{{uihook}}", &uihook);
            (*path, text)
        })
        .collect()
}

/// Runs `uihook init`.
pub fn run(args: InitArgs) -> Result<Status, CliError> {
    let absolute = std::path::absolute(&args.dir).with_path(&args.dir)?;
    let name = match args.name {
        Some(name) => name,
        None => crate_name_for(&absolute).ok_or_else(|| {
            CliError::new(format_args!(
                "{}: cannot take a package name from this directory",
                args.dir.display()
            ))
            .with_help("give one with --name my-hook")
        })?,
    };
    check_name(&name)?;
    let source = match (args.uihook_path, args.uihook_version) {
        (Some(path), _) => {
            let path = std::path::absolute(&path).with_path(&path)?;
            if !path.join("Cargo.toml").is_file() {
                return Err(CliError::new(format_args!(
                    "--uihook-path {}: no Cargo.toml there",
                    path.display()
                ))
                .with_help(
                    "give the root of a uihook checkout (the directory with its Cargo.toml)",
                ));
            }
            UihookSource::Path(path)
        }
        (None, Some(version)) => UihookSource::Version(version),
        (None, None) => built_from_checkout()
            .map(UihookSource::Path)
            .unwrap_or_else(|| UihookSource::Version("0.1".to_owned())),
    };
    let files = render(&name, &source);
    let existing: Vec<&str> = files
        .iter()
        .map(|(path, _)| *path)
        .filter(|path| args.dir.join(path).exists())
        .collect();
    if !existing.is_empty() {
        return Err(CliError::new(format_args!(
            "{}: already has {}; uihook init never overwrites",
            args.dir.display(),
            existing.join(", ")
        ))
        .with_help("give a new or empty directory: uihook init my-hook"));
    }
    for (path, text) in &files {
        let target = args.dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).with_path(parent)?;
        }
        std::fs::write(&target, text).with_path(&target)?;
    }
    let uihook = match &source {
        UihookSource::Path(path) => format!("uihook from {}", path.display()),
        UihookSource::Version(version) => format!("uihook {version} from crates.io"),
    };
    println!(
        "created `{name}` in {} ({uihook}): {}",
        args.dir.display(),
        files
            .iter()
            .map(|(path, _)| *path)
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("next:");
    if args.dir != Path::new(".") {
        println!("  cd {}", args.dir.display());
    }
    println!("  cargo test");
    println!("  uihook dev --run \"cargo run\"   # the dashboard on http://127.0.0.1:3000/");
    Ok(Status::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_directory() {
        let name = |dir: &str| crate_name_for(Path::new(dir));
        assert_eq!(name("/x/My Hook").as_deref(), Some("my-hook"));
        assert_eq!(name("/x/counter_2").as_deref(), Some("counter_2"));
        assert_eq!(name("/x/2fa").as_deref(), Some("hook-2fa"));
        assert_eq!(name("/x/été").as_deref(), Some("t"));
        assert!(check_name("hook-2fa").is_ok());
        assert!(check_name("2fa").is_err());
        assert!(check_name("a\"b").is_err());
    }

    #[test]
    fn templates_are_filled_in_everywhere() {
        let files = render("my-hook", &UihookSource::Version("0.1".to_owned()));
        for (path, text) in &files {
            assert!(!text.contains("{{"), "{path} still has a placeholder");
        }
        let cargo = &files[0].1;
        assert!(cargo.contains("name = \"my-hook\""));
        assert!(cargo.contains("uihook = { version = \"0.1\", features = [\"axum\"] }"));
        assert!(files[2].1.contains("my_hook::app()"));
        let windows = UihookSource::Path(PathBuf::from(r#"C:\a "b""#)).toml();
        assert_eq!(windows, r#"path = "C:\\a \"b\"""#);
    }
}
