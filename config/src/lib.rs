//! `uihook.toml`: per-rule severities, exclusions and catalog extensions,
//! found and parsed in one place for every reader: the `uihook` command and
//! the `uihook!` macro (which looks from its crate's `CARGO_MANIFEST_DIR`),
//! so the linter and the macro can never read the same file differently.
//!
//! Each linted file uses the nearest `uihook.toml` found by walking up from
//! its directory (`--config FILE` overrides discovery). Exclude globs are
//! relative to the directory of the file that declares them. Every mistake
//! in a config file is reported with its path, line, column and key, and
//! makes the command exit with status 2.
//!
//! ```toml
//! exclude = ["generated/**", "*.draft.uihook"]
//! extra-components = ["Chart"]
//!
//! [extra-attributes]
//! Box = ["data-testid"]
//!
//! [rules]
//! unknown-css-property = "warn"
//! community-attribute = "off"
//!
//! [extract]
//! tags = ["htm", "html"]   # tagged templates linted as htm (default: htm)
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;
use uihook_compiler::diagnostic::{LineIndex, NotUtf8};
use uihook_compiler::{Options, RuleId, Settings, Severity};

/// The name of the configuration file.
pub const FILE_NAME: &str = "uihook.toml";

/// A configuration file that could not be used.
#[derive(Debug)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line and column of the offending key or value, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    extra_components: Vec<String>,
    #[serde(default)]
    extra_attributes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    extract: Option<RawExtract>,
}

/// `[extract]`: how markup is found in JS/TS sources.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawExtract {
    tags: Option<Vec<String>>,
}

/// A loaded configuration (or the defaults, when no file was found).
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from.
    pub path: Option<PathBuf>,
    /// The directory exclude globs are relative to.
    pub root: PathBuf,
    exclude: GlobSet,
    /// What an analysis under this configuration checks: the validator's
    /// options and the configured severities.
    pub settings: Settings,
    /// Tag names of htm templates in JS/TS sources, when configured
    /// (`None`: just `htm`).
    pub extract_tags: Option<Vec<String>>,
}

impl Config {
    /// Parses the text of a configuration file at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let index = LineIndex::new(text);
        let error_at = |offset: Option<usize>, message: String| ConfigError {
            path: path.to_owned(),
            position: offset.map(|o| {
                let lc = index.line_col(text, o);
                (lc.line, lc.column)
            }),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            error_at(
                e.span().map(|s| s.start),
                e.message().trim_end().replace('\n', " "),
            )
        })?;

        let mut severities = BTreeMap::new();
        for (key, value) in &raw.rules {
            let Some(rule) = RuleId::from_name(key.get_ref()) else {
                let hint = RuleId::suggest(key.get_ref())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(error_at(
                    Some(key.span().start),
                    format!("unknown rule `{}` in [rules]{hint}", key.get_ref()),
                ));
            };
            let severity = match value.get_ref().as_str() {
                "off" => None,
                "info" => Some(Severity::Info),
                "warn" | "warning" => Some(Severity::Warning),
                "error" => Some(Severity::Error),
                other => {
                    return Err(error_at(
                        Some(value.span().start),
                        format!(
                            "`{}` has severity `{other}`; expected \"off\", \"info\", \"warn\" or \"error\"",
                            key.get_ref()
                        ),
                    ))
                }
            };
            severities.insert(rule, severity);
        }

        let mut globs = GlobSetBuilder::new();
        for pattern in &raw.exclude {
            let p = pattern.get_ref().trim_start_matches("./");
            let bad = |e: globset::Error| {
                error_at(
                    Some(pattern.span().start),
                    format!(
                        "invalid glob `{}` in exclude: {}",
                        pattern.get_ref(),
                        e.kind()
                    ),
                )
            };
            globs.add(Glob::new(p).map_err(bad)?);
            if !p.contains('/') {
                // Like .gitignore: a pattern without `/` matches at any depth.
                globs.add(Glob::new(&format!("**/{p}")).map_err(bad)?);
            }
        }
        let exclude = globs.build().map_err(|e| error_at(None, e.to_string()))?;

        let root = path
            .parent()
            .map(Path::to_owned)
            .unwrap_or_else(|| PathBuf::from("."));
        let extra_attributes = raw
            .extra_attributes
            .into_iter()
            .flat_map(|(component, attrs)| attrs.into_iter().map(move |a| (component.clone(), a)))
            .collect();
        Ok(Config {
            path: Some(path.to_owned()),
            root,
            exclude,
            settings: Settings {
                options: Options {
                    fragment: false,
                    extra_components: raw.extra_components,
                    extra_attributes,
                },
                severities,
                suppressions: true,
            },
            extract_tags: raw.extract.and_then(|e| e.tags),
        })
    }

    /// Reads and parses the configuration file at `path`.
    /// Errors name the file relative to the current directory when it is
    /// below it.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = relative_to_cwd(path);
        let bytes = std::fs::read(path).map_err(|e| ConfigError {
            path: shown.clone(),
            position: None,
            message: format!("cannot read: {e}"),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let bad = NotUtf8::new(e.as_bytes(), e.utf8_error());
            ConfigError {
                path: shown.clone(),
                position: Some((bad.at.line, bad.at.column)),
                message: format!(
                    "{} (byte offset {}); uihook.toml is UTF-8 text: save it as UTF-8",
                    bad.what, bad.offset
                ),
            }
        })?;
        let mut config = Config::parse(&shown, &text)?;
        config.path = Some(path.to_owned());
        config.root = path
            .parent()
            .map(Path::to_owned)
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(config)
    }

    /// How to extract markup from JS/TS sources under this configuration
    /// (feature `extract`).
    #[cfg(feature = "extract")]
    pub fn extract_settings(&self) -> uihook_extract::Settings {
        let mut settings = uihook_extract::Settings {
            analysis: self.settings.clone(),
            ..uihook_extract::Settings::default()
        };
        if let Some(tags) = &self.extract_tags {
            settings.tags = tags.clone();
        }
        settings
    }

    /// True when `path` (or a directory above it, below the config's
    /// directory) matches an exclude glob.
    pub fn is_excluded(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let absolute = absolute(path);
        let Ok(relative) = absolute.strip_prefix(&self.root) else {
            return false;
        };
        relative
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.exclude.is_match(p))
    }
}

/// `path` made absolute against the current directory, without touching the
/// file system further (no symlink resolution), and with `.` parts removed.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_owned())
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to the current directory when it lies below it.
pub fn relative_to_cwd(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_owned();
    };
    match absolute(path).strip_prefix(&cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_owned(),
        _ => path.to_owned(),
    }
}

/// The configuration file of `dir` itself, when it has one.
fn candidate(dir: &Path) -> Option<PathBuf> {
    let file = dir.join(FILE_NAME);
    file.is_file().then_some(file)
}

/// The nearest `uihook.toml` in `dir` or a directory above it: the file
/// [`Resolver`] uses for anything in `dir`, for readers that need one file
/// once (the `uihook!` macro, from its crate's directory).
pub fn discover(dir: &Path) -> Option<PathBuf> {
    absolute(dir).ancestors().find_map(candidate)
}

/// Finds and caches the configuration of each directory.
pub struct Resolver {
    forced: Option<Arc<Config>>,
    by_dir: HashMap<PathBuf, Arc<Config>>,
    default: Arc<Config>,
}

impl Resolver {
    /// A resolver that discovers `uihook.toml` files, or always uses the
    /// file given with `--config`.
    pub fn new(forced: Option<&Path>) -> Result<Resolver, ConfigError> {
        let forced = match forced {
            Some(path) => {
                let mut config = Config::load(path)?;
                config.root = absolute(&config.root);
                Some(Arc::new(config))
            }
            None => None,
        };
        Ok(Resolver {
            forced,
            by_dir: HashMap::new(),
            default: Arc::new(Config::default()),
        })
    }

    /// The configuration for a file at `path` (which need not exist).
    pub fn for_file(&mut self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(forced) = &self.forced {
            return Ok(forced.clone());
        }
        let absolute = absolute(path);
        let dir = absolute.parent().unwrap_or(Path::new("/")).to_owned();
        self.for_dir(&dir)
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(config) = self.by_dir.get(dir) {
            return Ok(config.clone());
        }
        let config = if let Some(file) = candidate(dir) {
            let mut config = Config::load(&file)?;
            config.root = dir.to_owned();
            Arc::new(config)
        } else {
            match dir.parent() {
                Some(parent) => self.for_dir(parent)?,
                None => self.default.clone(),
            }
        };
        self.by_dir.insert(dir.to_owned(), config.clone());
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match Config::parse(Path::new("uihook.toml"), text) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reports_file_line_and_key() {
        assert_eq!(
            err("[rules]\nunknown-componen = \"off\"\n"),
            "uihook.toml:2:1: unknown rule `unknown-componen` in [rules] (did you mean `unknown-component`?)"
        );
        assert_eq!(
            err("[rules]\nfragment = \"loud\"\n"),
            "uihook.toml:2:12: `fragment` has severity `loud`; expected \"off\", \"info\", \"warn\" or \"error\""
        );
        assert!(err("colour = 1\n").starts_with("uihook.toml:1:1: unknown field `colour`"));
        assert!(err("exclude = [\"a[\"]\n").starts_with("uihook.toml:1:12: invalid glob `a[`"));
        assert!(err("exclude = 3\n").starts_with("uihook.toml:1:11: "));
    }

    #[test]
    fn reads_every_setting() {
        let config = Config::parse(
            Path::new("/p/uihook.toml"),
            "exclude = [\"gen\"]\nextra-components = [\"Chart\"]\n[extra-attributes]\nBox = [\"data-id\"]\n[rules]\nfragment = \"warn\"\nhtml-comment = \"off\"\n[extract]\ntags = [\"html\"]\n",
        )
        .map_err(|e| e.to_string());
        let config = match config {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(
            config.settings.severity(RuleId::Fragment),
            Some(Severity::Warning)
        );
        assert!(config.settings.is_off(RuleId::HtmlComment));
        assert_eq!(
            config.extract_tags.as_deref(),
            Some(&["html".to_owned()][..])
        );
        assert_eq!(
            config.settings.severity(RuleId::SyntaxError),
            Some(Severity::Error)
        );
        assert_eq!(config.settings.options.extra_components, ["Chart"]);
        assert_eq!(
            config.settings.options.extra_attributes,
            [("Box".to_owned(), "data-id".to_owned())]
        );
        assert!(config.is_excluded(Path::new("/p/a/gen/x.uihook")));
        assert!(config.is_excluded(Path::new("/p/gen")));
        assert!(!config.is_excluded(Path::new("/p/a/general.uihook")));
        assert!(!config.is_excluded(Path::new("/elsewhere/gen/x.uihook")));
    }
}
