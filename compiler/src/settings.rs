//! What one analysis checks: the validator's [`Options`], each rule's
//! configured severity, and whether inline suppressions count.
//!
//! The CLI builds it from `uihook.toml`; every other surface (the preview,
//! `uihook dev`, extraction, the macro) takes one too, so the same markup
//! gets the same diagnostics everywhere.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleId;
use crate::validate::Options;

/// The settings of one analysis.
#[derive(Clone, Debug)]
pub struct Settings {
    /// What the validator accepts beyond the catalog.
    pub options: Options,
    /// Rules whose severity was configured; `None` turns a rule off.
    pub severities: BTreeMap<RuleId, Option<Severity>>,
    /// Honour `uihook-disable` comments, and report those that suppress
    /// nothing as `unused-suppression`.
    pub suppressions: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            options: Options::default(),
            severities: BTreeMap::new(),
            suppressions: true,
        }
    }
}

impl Settings {
    /// Default settings with these validator options.
    pub fn with_options(options: Options) -> Settings {
        Settings {
            options,
            ..Settings::default()
        }
    }

    /// The severity of `rule` when configured (`Some(None)`: off).
    pub fn configured(&self, rule: RuleId) -> Option<Option<Severity>> {
        self.severities.get(&rule).copied()
    }

    /// The severity `rule` is reported with (`None`: off).
    pub fn severity(&self, rule: RuleId) -> Option<Severity> {
        self.configured(rule)
            .unwrap_or(Some(rule.default_severity()))
    }

    /// Whether `rule` is turned off.
    pub fn is_off(&self, rule: RuleId) -> bool {
        self.severity(rule).is_none()
    }

    /// `d` under these settings: a configured severity replaces the one the
    /// producer gave (extraction lowers some), and an off rule drops it.
    pub fn apply<S>(&self, mut d: Diagnostic<S>) -> Option<Diagnostic<S>> {
        if let Some(configured) = self.configured(d.code) {
            d.severity = configured?;
        }
        Some(d)
    }
}
