//! Webhook signatures (known answers), typed events, the delete-hook route
//! and the signed-webhook extractor.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::routing::post;
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;
use uihook_runtime::axum::{delete_hook, SignedWebhook, VerifiedBody, WebhookSecret};
use uihook_runtime::webhook::{Webhook, WebhookError, EVENT_TYPES};
use uihook_runtime::{sign, verify_signature, DeleteHookBody, SignatureError, WebhookEvent};

// Known answers computed once, independently, with OpenSSL:
//   printf '%s' BODY | openssl dgst -sha1 -hmac SECRET
const KAT: &[(&str, &str, &str)] = &[
    ("", "key", "f42bb0eeb018ebbd4597ae7213711ec60760843f"),
    (
        "The quick brown fox jumps over the lazy dog",
        "key",
        "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
    ),
    (
        r#"{"type":"deployment-ready","payload":{}}"#,
        "client-secret",
        "34ee8c5d9296cc17a0335a4de384277f2589ed99",
    ),
];

#[test]
fn sign_matches_openssl() {
    for (body, secret, expected) in KAT {
        assert_eq!(sign(body, secret), *expected);
        assert_eq!(verify_signature(body.as_bytes(), expected, secret), Ok(()));
    }
}

#[test]
fn verify_accepts_upper_case_and_spaces() {
    let (body, secret, sig) = KAT[2];
    assert_eq!(
        verify_signature(body.as_bytes(), &sig.to_uppercase(), secret),
        Ok(())
    );
    assert_eq!(
        verify_signature(body.as_bytes(), &format!(" {sig}\n"), secret),
        Ok(())
    );
}

#[test]
fn verify_rejects_mismatch_and_malformed() {
    let (body, secret, sig) = KAT[2];
    assert_eq!(
        verify_signature(body.as_bytes(), sig, "other"),
        Err(SignatureError::Mismatch)
    );
    let mut tampered = body.as_bytes().to_vec();
    tampered.push(b' ');
    assert_eq!(
        verify_signature(&tampered, sig, secret),
        Err(SignatureError::Mismatch)
    );
    let flipped = format!("0{}", &sig[1..]);
    assert_eq!(
        verify_signature(body.as_bytes(), &flipped, secret),
        Err(SignatureError::Mismatch)
    );
    for bad in [
        "",
        "abc",
        &sig[..39],
        &format!("{sig}0"),
        &format!("{}zz", &sig[..38]),
        "é".repeat(20).as_str(),
    ] {
        assert_eq!(
            verify_signature(body.as_bytes(), bad, secret),
            Err(SignatureError::Malformed),
            "{bad:?}"
        );
    }
    // sha256-length hex is malformed too, not a mismatch.
    assert_eq!(
        verify_signature(body.as_bytes(), &"ab".repeat(32), secret),
        Err(SignatureError::Malformed)
    );
}

fn envelope(event_type: &str, payload: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "id": "evt_1", "type": event_type, "createdAt": 1_700_000_000_000i64,
        "region": "sfo1", "payload": payload, "teamId": null
    }))
    .expect("json")
}

#[test]
fn every_documented_event_is_typed() {
    let deployment = json!({
        "deployment": {"id": "dpl_1", "url": "x.vercel.app", "name": "x", "meta": {}},
        "links": {"deployment": "https://vercel.com/d", "project": "https://vercel.com/p"},
        "target": "production", "project": {"id": "prj_1"}, "plan": "pro", "regions": ["sfo1"],
        "team": {"id": "team_1"}, "user": {"id": "u_1"}, "check": {"id": "chk_1"}
    });
    let project =
        json!({"project": {"id": "prj_1", "name": "web"}, "team": null, "user": {"id": "u"}});
    let configuration = json!({
        "configuration": {"id": "icfg_1", "projectSelection": "selected", "projects": ["prj_1"], "scopes": ["read:project"]},
        "projects": {"added": ["prj_2"], "removed": []}, "team": {"id": "t"}, "user": {"id": "u"}
    });
    let domain =
        json!({"domain": {"name": "example.com", "delegated": false}, "user": {"id": "u"}});
    let action = json!({"installationId": "icfg_1234567", "action": "branch", "resourceId": "abc-def-1334", "deployment": {"id": "dpl_568301234"}});
    for (name, variant) in EVENT_TYPES {
        let payload = match *variant {
            v if v.starts_with("DeploymentIntegrationAction") => action.clone(),
            v if v.starts_with("Deployment") => deployment.clone(),
            v if v.starts_with("Project") => project.clone(),
            v if v.starts_with("IntegrationConfiguration") => configuration.clone(),
            "DomainCreated" => domain.clone(),
            other => panic!("no fixture for {other}"),
        };
        let webhook = Webhook::from_slice(&envelope(name, payload)).expect(name);
        assert_eq!(webhook.event.kind(), *variant, "{name}");
        assert_eq!(webhook.event_type, *name);
        assert_eq!(webhook.created_at, Some(1_700_000_000_000));
    }
    let required = [
        "DeploymentCreated",
        "DeploymentReady",
        "DeploymentPrepared",
        "DeploymentError",
        "DeploymentCheckRerequested",
        "DeploymentChecksCompleted",
        "ProjectCreated",
        "ProjectRemoved",
        "IntegrationConfigurationRemoved",
        "IntegrationConfigurationPermissionUpdated",
        "IntegrationConfigurationScopeChangeConfirmed",
        "DomainCreated",
        "DeploymentIntegrationActionStart",
        "DeploymentIntegrationActionCancel",
    ];
    for variant in required {
        assert!(EVENT_TYPES.iter().any(|(_, v)| *v == variant), "{variant}");
    }
}

#[test]
fn seed_003_action_start_sample() {
    let body = envelope(
        "deployment.integration.action.start",
        json!({"installationId": "icfg_1234567", "action": "branch", "resourceId": "abc-def-1334", "deployment": {"id": "dpl_568301234"}}),
    );
    match Webhook::from_slice(&body).expect("parses").event {
        WebhookEvent::DeploymentIntegrationActionStart(p) => {
            assert_eq!(p.installation_id, "icfg_1234567");
            assert_eq!(p.action, "branch");
            assert_eq!(p.resource_id, "abc-def-1334");
            assert_eq!(p.deployment.id, "dpl_568301234");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn legacy_deployment_fields_and_helpers() {
    let body = envelope(
        "deployment",
        json!({"deploymentId": "dpl_9", "projectId": "prj_9", "project": "web", "url": "web.now.sh"}),
    );
    match Webhook::from_slice(&body).expect("parses").event {
        WebhookEvent::DeploymentCreated(p) => {
            assert_eq!(p.deployment_id(), Some("dpl_9"));
            assert_eq!(p.project_id(), Some("prj_9"));
            assert_eq!(p.extra["url"], "web.now.sh");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_events_keep_raw_json() {
    let payload = json!({"anything": [1, 2, {"deep": true}]});
    let webhook = Webhook::from_slice(&envelope("flags.updated", payload.clone())).expect("parses");
    assert_eq!(
        webhook.event,
        WebhookEvent::Unknown {
            event_type: "flags.updated".into(),
            payload
        }
    );
}

#[test]
fn wrong_types_are_errors_with_a_path() {
    let err = Webhook::from_slice(&envelope(
        "deployment.integration.action.start",
        json!({"installationId": 5}),
    ))
    .expect_err("wrong type");
    assert!(err.path.starts_with("payload"), "{err}");
    assert!(Webhook::from_slice(b"[]").is_err());
    assert!(Webhook::from_slice(b"{\"payload\":{}}").is_err());
}

#[test]
fn verify_and_parse_checks_first() {
    let body = envelope("project.created", json!({"project": {"id": "p"}}));
    let sig = sign(&body, "s");
    assert!(Webhook::verify_and_parse(&body, Some(&sig), "s").is_ok());
    assert_eq!(
        Webhook::verify_and_parse(b"not json", Some(&sig), "s"),
        Err(WebhookError::Signature(SignatureError::Mismatch))
    );
    assert_eq!(
        Webhook::verify_and_parse(&body, None, "s"),
        Err(WebhookError::Signature(SignatureError::Missing))
    );
}

async fn receiver(SignedWebhook(webhook): SignedWebhook) -> String {
    webhook.event.kind().to_owned()
}

fn webhook_app() -> axum::Router {
    axum::Router::new()
        .route("/webhook", post(receiver))
        .route(
            "/raw",
            post(|VerifiedBody(b): VerifiedBody| async move { b.len().to_string() }),
        )
        .with_state(WebhookSecret::new("client-secret"))
}

async fn post_webhook(path: &str, body: &[u8], sig: Option<&str>) -> (StatusCode, String) {
    let mut request = Request::builder().method(Method::POST).uri(path);
    if let Some(sig) = sig {
        request = request.header("x-vercel-signature", sig);
    }
    let response = webhook_app()
        .oneshot(request.body(Body::from(body.to_vec())).expect("request"))
        .await
        .expect("infallible");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn extractor_verifies_before_parsing() {
    let body = envelope("domain.created", json!({"domain": {"name": "a.com"}}));
    let sig = sign(&body, "client-secret");
    assert_eq!(
        post_webhook("/webhook", &body, Some(&sig)).await,
        (StatusCode::OK, "DomainCreated".into())
    );
    assert_eq!(
        post_webhook("/webhook", &body, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post_webhook("/webhook", &body, Some("zz")).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post_webhook("/webhook", &body, Some(&sign(&body, "wrong")))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    // Not JSON but signed: signature passes, parsing fails.
    let garbage = b"not json";
    assert_eq!(
        post_webhook("/webhook", garbage, Some(&sign(garbage, "client-secret")))
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    // Not JSON and unsigned: 401, the body is never parsed.
    assert_eq!(
        post_webhook("/webhook", garbage, Some(&sig)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post_webhook("/raw", garbage, Some(&sign(garbage, "client-secret"))).await,
        (StatusCode::OK, "8".into())
    );
}

#[tokio::test]
async fn delete_hook_route() {
    let app = || {
        axum::Router::new().route(
            "/delete",
            delete_hook(|body: DeleteHookBody| async move {
                if body.configuration_id == "icfg_bad" {
                    Err("cleanup failed")
                } else {
                    Ok(())
                }
            }),
        )
    };
    let call = |body: &'static str| async move {
        let request = Request::builder()
            .method(Method::DELETE)
            .uri("/delete")
            .body(Body::from(body))
            .expect("request");
        app().oneshot(request).await.expect("infallible").status()
    };
    assert_eq!(
        call(r#"{"configurationId":"icfg_1","userId":"u","teamId":null}"#).await,
        StatusCode::OK
    );
    assert_eq!(
        call(r#"{"configurationId":"icfg_bad","userId":"u"}"#).await,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(call("{").await, StatusCode::BAD_REQUEST);
    let parsed: DeleteHookBody =
        serde_json::from_str(r#"{"configurationId":"c","userId":"u","teamId":"t","x":1}"#)
            .expect("parses");
    assert_eq!(parsed.team_id.as_deref(), Some("t"));
    assert_eq!(parsed.extra["x"], 1);
}
