//! Security headers, cache lifetimes and the last-resort panic page.

use std::any::Any;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Response, StatusCode};
use axum::middleware::Next;
use tower_http::set_header::SetResponseHeaderLayer;

/// Pages set their own Content-Security-Policy with a script nonce
/// (see `app::assets`); everything else (JSON, files) gets this one.
const DEFAULT_CSP: &str =
    "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'";

/// The headers every response carries, as layers to add to the router.
pub fn security_header_layers() -> [SetResponseHeaderLayer<HeaderValue>; 6] {
    [
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        ),
        SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ),
        SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), interest-cohort=()",
            ),
        ),
        SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ]
}

/// Hashed build output never changes under its name, so browsers may keep
/// it for a year; other static files for a day; pages are revalidated.
pub async fn cache_control(request: Request, next: Next) -> Response<Body> {
    let lifetime = match request.uri().path() {
        path if path.starts_with("/pkg/") => "public, max-age=31536000, immutable",
        path if path.starts_with("/assets/") || path == "/favicon.svg" => "public, max-age=86400",
        _ => "no-cache",
    };
    let mut response = next.run(request).await;
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(lifetime));
    }
    response
}

/// A panic in a handler becomes the human error page and a log line, never
/// a dropped connection or a stack trace in the browser.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(%detail, "request handler panicked");
    let mut response = Response::new(Body::from(app::web::plain::SERVICE_ERROR_HTML));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// Over HTTPS, browsers are told to use nothing else for a year.
pub fn strict_transport_security() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    )
}
