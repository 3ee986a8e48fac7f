//! Old addresses of merged resources: a resource page that would be a 404
//! answers 301 to the resource it was merged into. Only misses pay for the
//! lookup.

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::db::Db;

pub async fn redirect_merged(State(db): State<Db>, request: Request, next: Next) -> Response {
    let slug = request
        .uri()
        .path()
        .strip_prefix("/resources/")
        .filter(|rest| !rest.is_empty() && !rest.contains('/'))
        .map(str::to_string);
    let response = next.run(request).await;
    let Some(slug) = slug.filter(|_| response.status() == StatusCode::NOT_FOUND) else {
        return response;
    };
    match app::curation::contribution_repo::redirect_for(&db, &slug).await {
        // 301 rather than 308: a GET-only address, and the status search
        // engines and link checkers know best.
        Ok(Some(to)) => (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, format!("/resources/{to}"))],
        )
            .into_response(),
        Ok(None) => response,
        Err(error) => {
            tracing::error!(%error, "could not look up a moved resource");
            response
        }
    }
}
