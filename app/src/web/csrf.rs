//! CSRF protection for every state-changing request: a per-session token
//! (synchroniser pattern) that each form sends as the hidden field
//! `csrf_token` (in an upload form's `multipart/form-data` too), or a
//! script as the `x-csrf-token` header. Requests that change nothing (GET,
//! HEAD, OPTIONS) pass untouched.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use super::session::keys;
use super::tokens;

pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";

/// The session's token, made on first use (which starts a session).
pub async fn ensure_token(session: &Session) -> Result<String, tower_sessions::session::Error> {
    if let Some(token) = session.get::<String>(keys::CSRF).await? {
        return Ok(token);
    }
    let token = tokens::random_token();
    session.insert(keys::CSRF, &token).await?;
    Ok(token)
}

pub async fn verify(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let expected = match request.extensions().get::<Session>() {
        Some(session) => session.get::<String>(keys::CSRF).await.ok().flatten(),
        None => None,
    };
    let (parts, body) = request.into_parts();
    let from_header = parts
        .headers
        .get(HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string);
    let is_form = super::input::is_urlencoded_form(&parts.headers);
    let bytes = match super::input::read_body(body).await {
        Ok(bytes) => bytes,
        Err(too_large) => return too_large,
    };
    let provided = match (from_header, super::upload::boundary(&parts.headers)) {
        (Some(token), _) => Some(token),
        (None, _) if is_form => form_urlencoded::parse(&bytes)
            .find(|(name, _)| name == FIELD)
            .map(|(_, value)| value.into_owned()),
        (None, Some(boundary)) => super::upload::token(bytes.clone(), boundary).await,
        (None, None) => None,
    };
    let valid = matches!((&expected, &provided), (Some(expected), Some(provided)) if tokens::same_secret(expected, provided));
    if !valid {
        tracing::warn!(path = %parts.uri.path(), had_token = provided.is_some(), had_session = expected.is_some(), "CSRF check failed");
        return forbidden();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn forbidden() -> Response {
    crate::web::plain::plain_response(
        StatusCode::FORBIDDEN,
        "Your form could not be sent",
        "<p>For your security, forms on the hub only work from the page they came from, and for a limited time.</p>\
         <p>Go back, reload the page and try again.</p>",
    )
}
