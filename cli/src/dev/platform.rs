//! `uihook dev`'s platform API: the runtime's fake
//! ([`uihook_runtime::platform`], the same one `uihook::testing` serves to
//! `cargo test`), named for the messages, with the metadata kept in
//! `--metadata-file` when given. This module owns only that file.

use std::path::PathBuf;

pub use uihook_runtime::platform::{ApiCall, Platform, Snapshot};

#[cfg(test)]
pub use uihook_runtime::platform::METADATA_LIMIT;

/// The platform for `uihook dev`, expecting `token` (and `team_id`, if any);
/// metadata is loaded from and saved to `persist` when given. A missing file
/// is an empty store; a file that is not a JSON object of objects is an
/// error naming the file.
pub fn open(
    token: &str,
    team_id: Option<&str>,
    persist: Option<PathBuf>,
) -> Result<Platform, String> {
    let platform = Platform::new(token, team_id).named("uihook dev");
    let Some(path) = persist else {
        return Ok(platform);
    };
    let platform = match std::fs::read_to_string(&path) {
        Ok(text) => platform.with_metadata(serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}: not a JSON object of configuration id → metadata object: {e}",
                path.display()
            )
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => platform,
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    // Written to a temporary file next to it, then renamed, so a crash never
    // leaves half a file.
    Ok(platform.on_metadata_change(move |metadata| {
        let text = serde_json::to_string_pretty(metadata).map_err(|e| e.to_string())?;
        crate::write::atomic_write(&path, (text + "\n").as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))
    }))
}
