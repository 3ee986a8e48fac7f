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

/// `GET /readyz`: 200 while the database answers, 503 (with the reason)
/// while it does not. Checked on every call, so it recovers by itself.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let backend = state.db.backend().name();
    match database_problem(&state).await {
        None => {
            Json(json!({ "status": "ready", "database": "ok", "backend": backend })).into_response()
        }
        Some(problem) => {
            tracing::warn!(%problem, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": problem, "backend": backend })),
            )
                .into_response()
        }
    }
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
