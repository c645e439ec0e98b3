//! OAuth ("hybrid mode"): the query the platform sends to the integration's
//! Redirect URL, and the reply of the code exchange.
//!
//! The exchange itself is a form POST to `/v2/oauth/access_token` with
//! `client_id`, `client_secret`, `code` and `redirect_uri` (the configured
//! Redirect URL); the code is single-use. The `client` feature does the POST
//! (`ApiConfig::exchange_code`), the `axum` feature wires it into a route.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The query string of the Redirect URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthRedirect {
    /// The authorization code to exchange.
    pub code: String,
    /// The team of the installation (team installs only).
    #[serde(default)]
    pub team_id: Option<String>,
    /// The configuration being installed.
    #[serde(default)]
    pub configuration_id: Option<String>,
    /// Where to send the user when done.
    #[serde(default)]
    pub next: Option<String>,
    /// The `state` the integration passed when it started the flow.
    #[serde(default)]
    pub state: Option<String>,
}

/// The reply of the code exchange. `Debug` hides the token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthToken {
    /// `Bearer`.
    #[serde(default)]
    pub token_type: String,
    /// The long-lived token.
    pub access_token: String,
    /// The configuration (`icfg_…`).
    #[serde(default)]
    pub installation_id: Option<String>,
    /// The user who installed.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The team, for team installs.
    #[serde(default)]
    pub team_id: Option<String>,
}

impl fmt::Debug for OAuthToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthToken")
            .field("token_type", &self.token_type)
            .field("access_token", &"<redacted>")
            .field("installation_id", &self.installation_id)
            .field("user_id", &self.user_id)
            .field("team_id", &self.team_id)
            .finish()
    }
}
