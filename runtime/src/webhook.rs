//! Webhooks: the `x-vercel-signature` check, typed events, and the legacy
//! delete-hook body.
//!
//! The signature is the hex HMAC-SHA1 of the **raw** request body keyed by
//! the integration's client secret (seed 004). Verify the bytes you received
//! before parsing anything: the seed's sample re-serialises parsed JSON,
//! which fails as soon as the platform's spacing or key order differs from
//! the parser's. [`verify_signature`] compares in constant time (through
//! `Mac::verify_slice`) and rejects a header that is not 40 hex digits.
//!
//! Events come in an envelope `{id, type, createdAt, region, payload}`.
//! Both spellings of each type are recognised: the legacy dashed one
//! (`deployment-ready`) and the dotted one (`deployment.ready`). An event we
//! have no type for becomes [`WebhookEvent::Unknown`] with its raw JSON, so
//! a new platform event never breaks a receiver.

use hmac::{Hmac, KeyInit, Mac};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{Map, Value};
use sha1::Sha1;

/// The request header that carries the signature.
pub const SIGNATURE_HEADER: &str = "x-vercel-signature";

/// Length of a hex HMAC-SHA1.
const SIGNATURE_HEX_LEN: usize = 40;

type HmacSha1 = Hmac<Sha1>;

fn mac(secret: &[u8]) -> HmacSha1 {
    // HMAC takes keys of any length; this cannot fail.
    match <HmacSha1 as KeyInit>::new_from_slice(secret) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of every length"),
    }
}

/// The signature the platform would send for `body`: lower-case hex
/// HMAC-SHA1 keyed by `secret`. For tests, fixtures and `uihook dev`.
pub fn sign(body: impl AsRef<[u8]>, secret: impl AsRef<[u8]>) -> String {
    let mut mac = mac(secret.as_ref());
    mac.update(body.as_ref());
    crate::hex::encode(&mac.finalize().into_bytes())
}

/// Checks `header_value` (the `x-vercel-signature` header) against the raw
/// bytes of the body. Surrounding spaces are ignored and hex digits may be of
/// either case; anything else that is not exactly 40 hex digits is
/// [`SignatureError::Malformed`].
pub fn verify_signature(
    raw_body: &[u8],
    header_value: &str,
    secret: impl AsRef<[u8]>,
) -> Result<(), SignatureError> {
    let header = header_value.trim();
    if header.len() != SIGNATURE_HEX_LEN {
        return Err(SignatureError::Malformed);
    }
    let expected = crate::hex::decode(header).ok_or(SignatureError::Malformed)?;
    let mut mac = mac(secret.as_ref());
    mac.update(raw_body);
    mac.verify_slice(&expected)
        .map_err(|_| SignatureError::Mismatch)
}

/// Why a webhook was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No `x-vercel-signature` header.
    #[error("missing x-vercel-signature header")]
    Missing,
    /// The header is not 40 hex digits.
    #[error("malformed x-vercel-signature header (expected 40 hex digits)")]
    Malformed,
    /// The header does not match the body and secret.
    #[error("x-vercel-signature does not match the body")]
    Mismatch,
}

/// A webhook body that is not a valid event.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid webhook body at `{path}`: {message}")]
pub struct WebhookParseError {
    /// Where in the JSON (`.` for the whole body).
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

fn parse_at<T: DeserializeOwned>(value: Value, prefix: &str) -> Result<T, WebhookParseError> {
    serde_path_to_error::deserialize(value).map_err(|e| WebhookParseError {
        path: format!("{prefix}{}", e.path()),
        message: e.inner().to_string(),
    })
}

/// The envelope of one webhook delivery, with its typed event.
#[derive(Clone, Debug, PartialEq)]
pub struct Webhook {
    /// The delivery's id.
    pub id: Option<String>,
    /// The event type as sent (`deployment-ready`, `deployment.ready`, …).
    pub event_type: String,
    /// When the event happened, in milliseconds since the epoch.
    pub created_at: Option<i64>,
    /// The region the event happened in.
    pub region: Option<String>,
    /// The typed event.
    pub event: WebhookEvent,
    /// The envelope's other fields (legacy deliveries had `teamId`,
    /// `userId`, `clientId`, `ownerId`).
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    #[serde(default)]
    id: Option<String>,
    #[serde(rename = "type")]
    event_type: String,
    #[serde(default)]
    created_at: Option<i64>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    payload: Value,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl Webhook {
    /// Parses a delivery. Call it only after [`verify_signature`].
    pub fn from_slice(body: &[u8]) -> Result<Webhook, WebhookParseError> {
        let mut de = serde_json::Deserializer::from_slice(body);
        let envelope: Envelope =
            serde_path_to_error::deserialize(&mut de).map_err(|e| WebhookParseError {
                path: e.path().to_string(),
                message: e.inner().to_string(),
            })?;
        de.end().map_err(|e| WebhookParseError {
            path: ".".to_owned(),
            message: e.to_string(),
        })?;
        let event = WebhookEvent::from_parts(&envelope.event_type, envelope.payload)?;
        Ok(Webhook {
            id: envelope.id,
            event_type: envelope.event_type,
            created_at: envelope.created_at,
            region: envelope.region,
            event,
            extra: envelope.extra,
        })
    }

    /// Verifies the signature, then parses: what a receiver should call.
    pub fn verify_and_parse(
        raw_body: &[u8],
        header_value: Option<&str>,
        secret: impl AsRef<[u8]>,
    ) -> Result<Webhook, WebhookError> {
        let header = header_value.ok_or(SignatureError::Missing)?;
        verify_signature(raw_body, header, secret)?;
        Ok(Webhook::from_slice(raw_body)?)
    }
}

/// A rejected webhook: bad signature or bad body.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    /// The signature check failed; answer 401.
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// The body is not a valid event; answer 400.
    #[error(transparent)]
    Parse(#[from] WebhookParseError),
}

macro_rules! events {
    ($(
        $(#[$doc:meta])*
        $variant:ident($payload:ty) = [$($name:literal),+];
    )*) => {
        /// A webhook event of seeds 003 and 004, by type.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum WebhookEvent {
            $($(#[$doc])* $variant($payload),)*
            /// A type this crate does not know, with its payload as sent.
            Unknown {
                /// The `type` of the envelope.
                event_type: String,
                /// The `payload` of the envelope.
                payload: Value,
            },
        }

        /// Every event type string recognised, with the variant it maps to.
        pub const EVENT_TYPES: &[(&str, &str)] = &[$($(($name, stringify!($variant)),)+)*];

        impl WebhookEvent {
            /// Types `payload` by `event_type`.
            pub fn from_parts(event_type: &str, payload: Value) -> Result<WebhookEvent, WebhookParseError> {
                Ok(match event_type {
                    $($($name)|+ => WebhookEvent::$variant(parse_at(payload, "payload")?),)*
                    _ => WebhookEvent::Unknown { event_type: event_type.to_owned(), payload },
                })
            }

            /// The variant's name (`DeploymentReady`, `Unknown`).
            pub fn kind(&self) -> &'static str {
                match self {
                    $(WebhookEvent::$variant(_) => stringify!($variant),)*
                    WebhookEvent::Unknown { .. } => "Unknown",
                }
            }
        }
    };
}

events! {
    /// A deployment was created.
    DeploymentCreated(DeploymentPayload) = ["deployment", "deployment-created", "deployment.created"];
    /// A deployment is ready (after every blocking check passed).
    DeploymentReady(DeploymentPayload) = ["deployment-ready", "deployment.ready", "deployment.succeeded"];
    /// A deployment was built and the integration registered checks.
    DeploymentPrepared(DeploymentPayload) = ["deployment-prepared", "deployment.prepared"];
    /// A deployment failed.
    DeploymentError(DeploymentPayload) = ["deployment-error", "deployment.error"];
    /// A user asked for a failed check to run again (see `check`).
    DeploymentCheckRerequested(DeploymentPayload) = ["deployment-check-rerequested", "deployment.check-rerequested"];
    /// Every check of a deployment finished (not necessarily passed).
    DeploymentChecksCompleted(DeploymentPayload) = ["deployment-checks-completed", "deployment.checks-completed"];
    /// A project was created.
    ProjectCreated(ProjectPayload) = ["project-created", "project.created"];
    /// A project was removed.
    ProjectRemoved(ProjectPayload) = ["project-removed", "project.removed"];
    /// The integration was removed from an account.
    IntegrationConfigurationRemoved(ConfigurationPayload) = ["integration-configuration-removed", "integration-configuration.removed"];
    /// The user changed which projects the integration can access.
    IntegrationConfigurationPermissionUpdated(ConfigurationPayload) = ["integration-configuration-permission-updated", "integration-configuration.permission-updated", "integration-configuration.permission-upgraded"];
    /// The user confirmed pending scope changes.
    IntegrationConfigurationScopeChangeConfirmed(ConfigurationPayload) = ["integration-configuration-scope-change-confirmed", "integration-configuration.scope-change-confirmed"];
    /// A domain was created.
    DomainCreated(DomainPayload) = ["domain-created", "domain.created"];
    /// A deployment started an integration action (seed 003).
    DeploymentIntegrationActionStart(ActionPayload) = ["deployment.integration.action.start"];
    /// A deployment with a running integration action was canceled.
    DeploymentIntegrationActionCancel(ActionPayload) = ["deployment.integration.action.cancel"];
    /// A deployment with integration actions was removed: clean up.
    DeploymentIntegrationActionCleanup(ActionPayload) = ["deployment.integration.action.cleanup"];
}

/// `{ "id": … }`, as the `team`, `user`, `check` of a payload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IdRef {
    /// The id.
    pub id: String,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The deployment of a deployment event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    /// `dpl_…`
    pub id: String,
    /// The deployment URL (without scheme).
    #[serde(default)]
    pub url: Option<String>,
    /// The project name used in the URL.
    #[serde(default)]
    pub name: Option<String>,
    /// Deployment metadata (git commit and the like).
    #[serde(default)]
    pub meta: Option<Map<String, Value>>,
    /// The dashboard URL to inspect the deployment.
    #[serde(default)]
    pub inspector_url: Option<String>,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Dashboard links of a deployment event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Links {
    /// Where to inspect the deployment.
    #[serde(default)]
    pub deployment: Option<String>,
    /// The project's page.
    #[serde(default)]
    pub project: Option<String>,
}

/// The payload of the `deployment*` events.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentPayload {
    /// The deployment (dotted events; legacy ones have it too).
    #[serde(default)]
    pub deployment: Option<Deployment>,
    /// The deployment's id (legacy events).
    #[serde(default)]
    pub deployment_id: Option<String>,
    /// `{id}` in dotted events, the project name in legacy ones.
    #[serde(default)]
    pub project: Option<Value>,
    /// The project's id (legacy events).
    #[serde(default)]
    pub project_id: Option<String>,
    /// The check that was re-requested (`deployment-check-rerequested`).
    #[serde(default)]
    pub check: Option<IdRef>,
    /// Dashboard links.
    #[serde(default)]
    pub links: Option<Links>,
    /// `production`, `staging` or `null`.
    #[serde(default)]
    pub target: Option<String>,
    /// The account's plan.
    #[serde(default)]
    pub plan: Option<String>,
    /// The regions the deployment runs in.
    #[serde(default)]
    pub regions: Option<Vec<String>>,
    /// The team, `null` for a personal account.
    #[serde(default)]
    pub team: Option<IdRef>,
    /// The user.
    #[serde(default)]
    pub user: Option<IdRef>,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl DeploymentPayload {
    /// `deployment.id`, else `deploymentId`.
    pub fn deployment_id(&self) -> Option<&str> {
        self.deployment
            .as_ref()
            .map(|d| d.id.as_str())
            .or(self.deployment_id.as_deref())
    }

    /// `project.id`, else `projectId`.
    pub fn project_id(&self) -> Option<&str> {
        self.project
            .as_ref()
            .and_then(|p| p.get("id"))
            .and_then(Value::as_str)
            .or(self.project_id.as_deref())
    }
}

/// A project of a project event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectRef {
    /// `prj_…`
    pub id: String,
    /// The project's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The payload of `project-created` and `project-removed`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectPayload {
    /// The project.
    #[serde(default)]
    pub project: Option<ProjectRef>,
    /// The project's id (legacy events).
    #[serde(default)]
    pub project_id: Option<String>,
    /// The team, `null` for a personal account.
    #[serde(default)]
    pub team: Option<IdRef>,
    /// The user.
    #[serde(default)]
    pub user: Option<IdRef>,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The configuration of an `integration-configuration*` event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Configuration {
    /// `icfg_…`
    pub id: String,
    /// `all` or `selected`.
    #[serde(default)]
    pub project_selection: Option<String>,
    /// The projects the configuration can access.
    #[serde(default)]
    pub projects: Option<Vec<String>>,
    /// The scopes (scope-change events).
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Projects added to and removed from a configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectChanges {
    /// Project ids added.
    #[serde(default)]
    pub added: Vec<String>,
    /// Project ids removed.
    #[serde(default)]
    pub removed: Vec<String>,
}

/// The payload of the `integration-configuration*` events.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigurationPayload {
    /// The configuration.
    #[serde(default)]
    pub configuration: Option<Configuration>,
    /// What changed (`permission-updated`).
    #[serde(default)]
    pub projects: Option<ProjectChanges>,
    /// The configuration's id (legacy events).
    #[serde(default)]
    pub configuration_id: Option<String>,
    /// The team, `null` for a personal account.
    #[serde(default)]
    pub team: Option<IdRef>,
    /// The user.
    #[serde(default)]
    pub user: Option<IdRef>,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ConfigurationPayload {
    /// `configuration.id`, else `configurationId`.
    pub fn configuration_id(&self) -> Option<&str> {
        self.configuration
            .as_ref()
            .map(|c| c.id.as_str())
            .or(self.configuration_id.as_deref())
    }
}

/// The domain of `domain-created`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    /// The domain name.
    pub name: String,
    /// Whether the domain is delegated.
    #[serde(default)]
    pub delegated: Option<bool>,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The payload of `domain-created`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DomainPayload {
    /// The domain.
    #[serde(default)]
    pub domain: Option<Domain>,
    /// The team, `null` for a personal account.
    #[serde(default)]
    pub team: Option<IdRef>,
    /// The user.
    #[serde(default)]
    pub user: Option<IdRef>,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The payload of `deployment.integration.action.*` (seed 003).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionPayload {
    /// The installation (`icfg_…`).
    pub installation_id: String,
    /// The action's slug.
    pub action: String,
    /// The resource the action runs on.
    pub resource_id: String,
    /// The deployment (`{id}`).
    pub deployment: IdRef,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The JSON body of a legacy delete hook: a `DELETE` sent when a user
/// removed a configuration (answer 200 within 10 s).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteHookBody {
    /// The removed configuration.
    #[serde(default)]
    pub configuration_id: String,
    /// The user who removed it.
    #[serde(default)]
    pub user_id: String,
    /// The team, `None` for a personal account.
    #[serde(default)]
    pub team_id: Option<String>,
    /// Other fields, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
