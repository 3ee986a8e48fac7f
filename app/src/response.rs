//! Setting the HTTP status of a server-rendered page. Pages that need one
//! are rendered with `SsrMode::Async`, so the status is known before the
//! first byte is sent.

#[allow(unused_variables)]
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    Status::from_context().set(code);
}

/// The status of the response being rendered, for a server function that
/// learns it only after an `await`: taken from the request's context before
/// the first one (the context may be gone after it), set once known. A
/// clone of the response's options writes to the same response.
#[cfg(feature = "ssr")]
#[derive(Clone, Default)]
pub struct Status(Option<leptos_axum::ResponseOptions>);

#[cfg(feature = "ssr")]
impl Status {
    pub fn from_context() -> Self {
        Status(leptos::prelude::use_context::<leptos_axum::ResponseOptions>())
    }

    pub fn set(&self, code: u16) {
        if let (Some(response), Ok(status)) = (&self.0, http::StatusCode::from_u16(code)) {
            response.set_status(status);
        }
    }
}

/// A file to download: its type, its name, and not to be cached (it holds
/// personal or unpublished data).
#[cfg(feature = "ssr")]
pub fn attachment(
    content_type: &str,
    filename: &str,
    body: impl axum::response::IntoResponse,
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}
