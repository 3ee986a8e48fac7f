//! What a request may hold and how long it may take, checked before
//! anything reads its body (the CSRF check, input cleaning).
//!
//! Size: the server's limit (2 MB unless set), and more for an upload to
//! one of the few addresses that take a file. A declared length over it is
//! refused at once; a body sent without one is cut off where it passes it,
//! and whatever reads it answers 413.
//!
//! Time: a request not answered within the server's time (30 s unless
//! set) gets a 503 rather than holding its connection, and the user,
//! indefinitely. An upload has longer (10 minutes unless set): its time
//! includes the client sending the file, and a 5 MB investigation over a
//! slow or shared NHS connection can take minutes to arrive.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The most a request may hold and the time it may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub bytes: usize,
    pub time: Duration,
}

#[derive(Clone, Debug)]
pub struct RequestLimits {
    /// For every request but an upload to one of `uploads`.
    pub default: Limit,
    /// An upload's time, at any of `uploads`.
    pub upload_time: Duration,
    /// Addresses that take a file, and the most each takes.
    pub uploads: Vec<(&'static str, usize)>,
}

impl RequestLimits {
    /// The limit of a request to `path`, an upload (`multipart/form-data`)
    /// or not: only an upload to an address that takes a file has a file's
    /// allowance; any other body sent there keeps a form's. Neither is ever
    /// less than the default.
    pub fn for_request(&self, path: &str, is_upload: bool) -> Limit {
        let upload = self
            .uploads
            .iter()
            .find(|(upload, _)| is_upload && *upload == path);
        match upload {
            Some((_, bytes)) => Limit {
                bytes: (*bytes).max(self.default.bytes),
                time: self.upload_time.max(self.default.time),
            },
            None => self.default,
        }
    }
}

pub async fn limit(State(limits): State<RequestLimits>, request: Request, next: Next) -> Response {
    let is_upload = app::web::upload::boundary(request.headers()).is_some();
    let limit = limits.for_request(request.uri().path(), is_upload);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit.bytes as u64) {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "The form sent was too large.",
        )
            .into_response();
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit.bytes)));
    match tokio::time::timeout(limit.time, next.run(request)).await {
        Ok(response) => response,
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The hub took too long to answer. What you sent may not have been saved: check before you try again.",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_take_more_and_nothing_takes_less_than_the_default() {
        let second = Duration::from_secs(1);
        let limits = RequestLimits {
            default: Limit {
                bytes: 64,
                time: 30 * second,
            },
            upload_time: 600 * second,
            uploads: vec![("/workspaces/import", 1000), ("/small", 10)],
        };
        let upload = Limit {
            bytes: 1000,
            time: 600 * second,
        };
        assert_eq!(limits.for_request("/workspaces/import", true), upload);
        assert_eq!(
            limits.for_request("/workspaces/import", false),
            limits.default
        );
        assert_eq!(
            limits.for_request("/workspaces/import/x", true),
            limits.default
        );
        assert_eq!(limits.for_request("/workspaces", true), limits.default);
        assert_eq!(limits.for_request("/small", true).bytes, 64);
        let hurried = RequestLimits {
            upload_time: second,
            ..limits
        };
        assert_eq!(hurried.for_request("/small", true).time, 30 * second);
    }
}
