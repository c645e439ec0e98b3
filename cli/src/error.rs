//! Why a command could not do its work.
//!
//! Command bodies return `Result<Status, CliError>` and use `?`; `main`
//! prints the error once, as `error: {message}` on standard error, and exits
//! with status 2 ([`Status::Trouble`]). Problems that do not end a command
//! (one unreadable file among many, a browser that would not open) are still
//! printed where they happen with [`crate::error`].

use std::fmt;
use std::io;
use std::path::Path;

use crate::config::ConfigError;
use crate::Status;

/// An error that ends a command with exit status 2.
#[derive(Debug)]
pub struct CliError {
    message: String,
    help: Vec<String>,
}

impl CliError {
    /// An error with `message` (printed after `error: `).
    pub fn new(message: impl fmt::Display) -> CliError {
        CliError {
            message: message.to_string(),
            help: Vec::new(),
        }
    }

    /// Adds a `  help: …` line, printed below the message.
    pub fn with_help(mut self, help: impl fmt::Display) -> CliError {
        self.help.push(help.to_string());
        self
    }

    /// Prints the error on standard error; the command's status is trouble.
    pub fn report(self) -> Status {
        crate::error(&self);
        Status::Trouble
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        for help in &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CliError {}

impl From<String> for CliError {
    fn from(message: String) -> CliError {
        CliError::new(message)
    }
}

impl From<&str> for CliError {
    fn from(message: &str) -> CliError {
        CliError::new(message)
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> CliError {
        CliError::new(e)
    }
}

/// An I/O error on no particular file (standard output, a socket).
impl From<io::Error> for CliError {
    fn from(e: io::Error) -> CliError {
        CliError::new(e)
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> CliError {
        CliError::new(e)
    }
}

/// Names the file an I/O error happened on: `name: error`.
pub trait IoContext<T> {
    /// The error as `{path}: {error}`.
    fn with_path(self, path: &Path) -> Result<T, CliError>;
    /// The error as `{name}: {error}`, for a name that is not a path as is.
    fn with_name(self, name: impl fmt::Display) -> Result<T, CliError>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn with_path(self, path: &Path) -> Result<T, CliError> {
        self.with_name(path.display())
    }

    fn with_name(self, name: impl fmt::Display) -> Result<T, CliError> {
        self.map_err(|e| CliError::new(format_args!("{name}: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_before() {
        let e = io::Error::new(io::ErrorKind::NotFound, "gone");
        let named: Result<(), _> = Err(e).with_path(Path::new("dir/a.uihook"));
        assert_eq!(
            named.expect_err("an error").to_string(),
            "dir/a.uihook: gone"
        );
        let with_help = CliError::new("unknown rule `x`")
            .with_help("did you mean `y`?")
            .with_help("`uihook rules` lists every rule");
        assert_eq!(
            with_help.to_string(),
            "unknown rule `x`\n  help: did you mean `y`?\n  help: `uihook rules` lists every rule"
        );
    }
}
