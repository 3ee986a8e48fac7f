//! Complete, minimal HTML pages for answers given outside the Leptos
//! renderer: a refused form, a rate limit, a path that is no page, a panic.

/// The same message as a complete HTML document, for failures outside the
/// Leptos renderer (for example a panic caught by the server).
pub const SERVICE_ERROR_HTML: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sorry, there is a problem with the service – Investigation Resources Hub</title></head><body><main id="maincontent"><h1>Sorry, there is a problem with the service</h1><p>Try again later.</p><p>You can <a href="/">go to the hub's home page</a>.</p></main></body></html>"#;

/// A complete, minimal HTML page for answers given outside the Leptos
/// renderer (a refused form, a rate limit). `body_html` must be trusted.
pub fn plain_page(title: &str, body_html: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} – {service}</title></head><body><main id="maincontent"><h1>{title}</h1>{body_html}<p><a href="/">Go to the hub's home page</a></p></main></body></html>"#,
        service = crate::SERVICE_NAME
    )
}

/// [`plain_page`] as an HTML response with `status`.
#[cfg(feature = "ssr")]
pub fn plain_response(
    status: axum::http::StatusCode,
    title: &str,
    body_html: &str,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
        plain_page(title, body_html),
    )
        .into_response()
}
