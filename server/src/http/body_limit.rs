//! The most a request's body may hold, checked before anything reads one
//! (the CSRF check, input cleaning): the server's limit (64 KB unless
//! set), and more for an upload to one of the few addresses that take a
//! file. A declared
//! length over it is refused at once; a body sent without one is cut off
//! where it passes it, and whatever reads it answers 413.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

#[derive(Clone, Debug)]
pub struct BodyLimits {
    /// For every address but `uploads`.
    pub default: usize,
    /// Addresses that take a file, and the most each takes.
    pub uploads: Vec<(&'static str, usize)>,
}

impl BodyLimits {
    pub fn for_path(&self, path: &str) -> usize {
        self.uploads
            .iter()
            .find(|(upload, _)| *upload == path)
            .map_or(self.default, |(_, limit)| (*limit).max(self.default))
    }
}

pub async fn limit(State(limits): State<BodyLimits>, request: Request, next: Next) -> Response {
    // Only an upload (`multipart/form-data`) takes a file's allowance; any
    // other body sent to the same address keeps a form's.
    let limit = if app::web::upload::boundary(request.headers()).is_some() {
        limits.for_path(request.uri().path())
    } else {
        limits.default
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "The form sent was too large.",
        )
            .into_response();
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_take_more_and_nothing_takes_less_than_the_default() {
        let limits = BodyLimits {
            default: 64,
            uploads: vec![("/workspaces/import", 1000), ("/small", 10)],
        };
        assert_eq!(limits.for_path("/workspaces/import"), 1000);
        assert_eq!(limits.for_path("/workspaces/import/x"), 64);
        assert_eq!(limits.for_path("/workspaces"), 64);
        assert_eq!(limits.for_path("/small"), 64);
    }
}
