//! Setting the HTTP status of a server-rendered page. Pages that need one
//! are rendered with `SsrMode::Async`, so the status is known before the
//! first byte is sent.

#[allow(unused_variables)]
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
}
