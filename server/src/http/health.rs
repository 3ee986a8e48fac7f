//! Probes for load balancers and orchestrators.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::config::DatabaseUrl;
use crate::startup::AppState;

const PING_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /healthz`: the process is up and answering.
pub async fn healthz() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// `GET /readyz`: 200 while the database answers and the site folder has
/// the files pages load; 503 (with the reason) while either is not so.
/// Checked on every call, so it recovers by itself.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let backend = state.db.backend().name();
    let site = site_problem(&state);
    let database = database_problem(&state).await;
    if site.is_none() && database.is_none() {
        return Json(
            json!({ "status": "ready", "database": "ok", "site": "ok", "backend": backend }),
        )
        .into_response();
    }
    tracing::warn!(?database, ?site, "readiness check failed");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({
            "status": "unavailable",
            "database": database.unwrap_or_else(|| "ok".into()),
            "site": site.unwrap_or_else(|| "ok".into()),
            "backend": backend,
        })),
    )
        .into_response()
}

/// The files pages load, if any is missing from the site folder (another
/// build overwrote it): pages would then work only without JavaScript,
/// silently.
fn site_problem(state: &AppState) -> Option<String> {
    let missing = app::assets::missing_page_assets(&state.leptos_options);
    (!missing.is_empty()).then(|| {
        format!(
            "the site folder lacks {} (was it rebuilt by another build?)",
            missing.join(", ")
        )
    })
}

async fn database_problem(state: &AppState) -> Option<String> {
    // An open SQLite connection keeps working on a deleted file, silently
    // writing to nowhere; readiness must notice the file is gone.
    if let DatabaseUrl::Sqlite { path } = &state.database {
        if !path.exists() {
            return Some(format!("the database file {} is missing", path.display()));
        }
    }
    match tokio::time::timeout(PING_TIMEOUT, state.db.ping()).await {
        Ok(Ok(())) => None,
        Ok(Err(error)) => Some(error.to_string()),
        Err(_) => Some("the database did not answer within 2 seconds".to_string()),
    }
}
