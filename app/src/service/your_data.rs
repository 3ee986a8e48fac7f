//! "Your data": everything the hub holds about a member, as one JSON
//! file: the network's part (account, profile, connections, messages,
//! security events), the learning record's, and the investigations. It
//! sits here, above the areas it gathers from, beside the privacy notice
//! that promises it and the retention schedule.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use axum::Extension;
use serde_json::{json, Value};

use crate::dates::format_time;
use crate::db::Db;
use crate::web::access::{Access, Endpoints};
use crate::web::form::{Outcome, WebContext};
use crate::web::session::Viewer;

pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: axum::extract::FromRef<S>,
{
    Endpoints::new().get("/account/data.json", Access::SignedIn, download)
}

/// `GET /account/data.json`.
async fn download(
    State(context): State<WebContext>,
    Extension(viewer): Extension<Viewer>,
) -> Outcome {
    let Some(user) = viewer.user.as_ref() else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let document = gather(&context.db, user.id).await?;
    let body = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".into());
    Ok(crate::response::attachment(
        "application/json; charset=utf-8",
        "investigation-hub-my-data.json",
        body,
    ))
}

/// Everything about `user_id`.
pub async fn gather(db: &Db, user_id: i64) -> sqlx::Result<Value> {
    let mut document = crate::network::export::member_data(db, user_id).await?;
    let parts = [
        (
            "exported_at",
            json!(format_time(chrono::Utc::now().timestamp())),
        ),
        (
            "learning",
            crate::learning::repo::export(db, user_id).await?,
        ),
        (
            "usefulness_answers",
            crate::learning::useful::repo::export(db, user_id).await?,
        ),
        (
            "collections",
            crate::learning::collections::repo::export(db, user_id).await?,
        ),
        (
            "certificates",
            crate::learning::credentials::repo::export(db, user_id).await?,
        ),
        (
            "self_assessments",
            crate::learning::capability::repo::export(db, user_id).await?,
        ),
        (
            "investigations",
            crate::toolkits::repo::export(db, user_id).await?,
        ),
        (
            "investigations_shared_with_you",
            crate::toolkits::repo::sharing::export_shared(db, user_id).await?,
        ),
    ];
    for (name, part) in parts {
        document.insert(name.to_string(), part);
    }
    Ok(Value::Object(document))
}
