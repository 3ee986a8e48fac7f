//! What arrives is made safe to parse and store before any handler sees it.
//!
//! Control characters (U+0000 to U+001F but tab, line feed and carriage
//! return, and U+007F) have no place in anything a person types into the
//! hub, and PostgreSQL refuses NUL in text outright ("invalid byte sequence
//! for encoding UTF8: 0x00"), so one stray byte would be a 500 on one
//! backend and stored text on the other. Here, the same on both:
//! - a path holding one (or bytes that are not UTF-8) names no page: 404;
//! - query strings and form bodies lose them, and keep everything else
//!   (nothing a person meant to type is lost).
//!
//! Paths that end in a slash are answered here too: a 308 to the same
//! address without it, so `/resources/` is `/resources`.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub use crate::controls::{is_unwanted_control, without_controls};

/// An urlencoded string (query or form body) with every name and value
/// cleaned, or `None` when it needs no change.
pub fn clean_urlencoded(encoded: &[u8]) -> Option<String> {
    // Cheap test first: a control character arrives percent-encoded
    // (%00-%1F, %7F) or, in a body, as a raw byte.
    let suspicious = encoded.iter().any(|byte| *byte < 0x20 || *byte == 0x7f)
        || encoded.windows(3).any(|window| {
            window[0] == b'%'
                && (matches!(window[1], b'0' | b'1')
                    || (window[1] == b'7' && matches!(window[2], b'f' | b'F')))
        });
    if !suspicious {
        return None;
    }
    let mut cleaned = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_urlencoded::parse(encoded) {
        cleaned.append_pair(&without_controls(&name), &without_controls(&value));
    }
    Some(cleaned.finish())
}

/// A request's whole body. The body limit layer outside every layer that
/// reads one bounds it; past it the answer is a 413.
pub async fn read_body(body: Body) -> Result<axum::body::Bytes, Response> {
    to_bytes(body, usize::MAX).await.map_err(|_| {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            "The form sent was too large.",
        )
            .into_response()
    })
}

/// Whether a request's body is a form as browsers post it
/// (`application/x-www-form-urlencoded`, whatever its case or parameters).
/// Form handlers take no other kind of body.
pub fn is_urlencoded_form(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media_type| {
            media_type
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// Why a path cannot be a page of the hub.
fn path_is_unusable(path: &str) -> bool {
    if !path.starts_with('/') {
        // `GET *` (the asterisk form) and other oddities.
        return true;
    }
    match percent_encoding::percent_decode_str(path).decode_utf8() {
        Ok(decoded) => decoded.chars().any(is_unwanted_control),
        Err(_) => true,
    }
}

/// The answer for a path that is no page: the plain 404 page.
fn not_found() -> Response {
    crate::web::plain::plain_response(
        StatusCode::NOT_FOUND,
        "Page not found",
        "<p>If you typed the web address, check it is correct.</p>\
         <p>If you pasted the web address, check you copied the entire address.</p>",
    )
}

/// The same for the JSON API, in its error shape.
fn api_not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(serde_json::json!({
            "error": { "message": "there is nothing at that address: it holds a control character" }
        })),
    )
        .into_response()
}

/// The middleware: see the module's comment.
pub async fn clean(request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let path = parts.uri.path();
    if path_is_unusable(path) {
        return if path.starts_with("/api/") {
            api_not_found()
        } else {
            not_found()
        };
    }
    if path.len() > 1 && path.ends_with('/') {
        if matches!(parts.method, Method::GET | Method::HEAD) {
            // One leading slash only: `//evil.example` would be another site
            // (and browsers read a backslash as a slash).
            let mut target = format!(
                "/{}",
                path.trim_end_matches('/').trim_start_matches(['/', '\\'])
            );
            if let Some(query) = parts.uri.query() {
                target.push('?');
                target.push_str(query);
            }
            return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, target)]).into_response();
        }
        return not_found();
    }
    if let Some(query) = parts.uri.query() {
        if let Some(cleaned) = clean_urlencoded(query.as_bytes()) {
            let rebuilt = format!("{}?{cleaned}", parts.uri.path());
            if let Ok(uri) = rebuilt.parse::<Uri>() {
                parts.uri = uri;
            }
        }
    }
    if !is_urlencoded_form(&parts.headers) {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let bytes = match read_body(body).await {
        Ok(bytes) => bytes,
        Err(too_large) => return too_large,
    };
    let body = match clean_urlencoded(&bytes) {
        Some(cleaned) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Body::from(cleaned)
        }
        None => Body::from(bytes),
    };
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_everything_else_stays() {
        assert_eq!(without_controls("a\u{0}b\u{7}c\u{7f}"), "abc");
        assert_eq!(without_controls("line\r\nnext\ttab"), "line\r\nnext\ttab");
        assert_eq!(without_controls("Siân <b>&</b> 😀"), "Siân <b>&</b> 😀");
    }

    #[test]
    fn urlencoded_text_is_cleaned_only_when_needed() {
        assert_eq!(clean_urlencoded(b"q=timeline&page=2"), None);
        assert_eq!(clean_urlencoded(b"q=%41%42"), None);
        assert_eq!(
            clean_urlencoded(b"note=a%00b&body=line%0D%0Anext%01").as_deref(),
            Some("note=ab&body=line%0D%0Anext")
        );
        assert_eq!(clean_urlencoded(b"x%00y=1%7F").as_deref(), Some("xy=1"));
    }

    #[test]
    fn paths_with_controls_or_bad_bytes_are_no_page() {
        assert!(path_is_unusable("/resources/a%00b"));
        assert!(path_is_unusable("/network/members/%1f"));
        assert!(path_is_unusable("/resources/%ff"));
        assert!(path_is_unusable("*"));
        assert!(!path_is_unusable("/resources/si%C3%A2n"));
        assert!(!path_is_unusable("/resources/100%"));
    }
}
