//! Form posts as every domain area handles them: the typed-looking
//! [`SubmittedForm`] (the posted fields, the request and who sent it),
//! showing the page again with messages beside its fields and a 4xx status
//! ([`show_again`], [`refuse`], [`show_field_errors`]), the redirect with a
//! one-off notice after a success ([`done`]), and [`Failure`], the one
//! error type of a form handler (500, or 503 when the database is busy).

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequest, Request};
use axum::http::{header, request::Parts, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, AnyView};

use super::feedback::FormFeedback;
use super::mail::{Email, Mailer};
use super::session::{self, Viewer};
use crate::db::Db;

/// The page a failed form post shows again (see [`show_again`]), when it is
/// not the address posted to; the shell puts it in the address bar.
#[derive(Clone, Debug)]
pub struct ShownPath(pub String);

/// What form handlers need from the application.
#[derive(Clone, Debug)]
pub struct WebContext {
    pub db: Db,
    pub options: LeptosOptions,
    pub mailer: Mailer,
    /// The hub's address as users reach it, for links in emails.
    pub public_url: String,
    /// The application's HTML document, for pages shown again after a
    /// failed post (given by the server, which knows the app's shell).
    pub shell: fn(LeptosOptions) -> AnyView,
}

impl WebContext {
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.public_url.trim_end_matches('/'), path)
    }

    /// Sends in the background: the answer must not wait for (or reveal
    /// anything through the timing of) a mail server.
    pub fn send(&self, email: Email) {
        let mailer = self.mailer.clone();
        tokio::spawn(async move {
            let to = email.to.clone();
            if let Err(error) = mailer.send(email).await {
                tracing::error!(%error, %to, "could not send an email");
            }
        });
    }
}

/// Fields that are never sent back to the page.
const SECRET_FIELDS: [&str; 6] = [
    "password",
    "current_password",
    "new_password",
    "code",
    "csrf_token",
    "confirm",
];

/// The most of one field's value a page shows again after a failed post:
/// more than the longest content the editor accepts, so a preview or a
/// failed save never loses what was typed.
pub const MAX_KEPT_CHARS: usize = 65_000;

/// A posted form, with the request it came in and who sent it.
pub struct SubmittedForm {
    pub parts: Parts,
    pub viewer: Viewer,
    fields: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequest<S> for SubmittedForm {
    type Rejection = Response;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let viewer =
            parts.extensions.get::<Viewer>().cloned().ok_or_else(|| {
                Failure::Internal("no viewer on the request".into()).into_response()
            })?;
        let bytes = to_bytes(body, usize::MAX).await.map_err(|_| {
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                "The form sent was too large.",
            )
                .into_response()
        })?;
        let fields = form_urlencoded::parse(&bytes).into_owned().collect();
        Ok(SubmittedForm {
            parts,
            viewer,
            fields,
        })
    }
}

impl SubmittedForm {
    /// The first value of a field, or "".
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or("")
    }

    /// Every value of a field (checkboxes send one per ticked box).
    pub fn fields(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// Feedback that keeps what was typed (but no secrets).
    pub fn feedback(&self) -> FormFeedback {
        FormFeedback {
            errors: Vec::new(),
            values: self
                .fields
                .iter()
                .filter(|(name, _)| !SECRET_FIELDS.contains(&name.as_str()))
                .map(|(name, value)| (name.clone(), value.chars().take(MAX_KEPT_CHARS).collect()))
                .collect(),
        }
    }

    /// One message against one field.
    pub fn feedback_with(&self, field: &str, message: impl Into<String>) -> FormFeedback {
        let mut feedback = self.feedback();
        feedback.error(field, message);
        feedback
    }

    /// The session of the request, for reading and writing.
    pub fn session(&self) -> &tower_sessions::Session {
        &self.viewer.session
    }
}

/// Renders `page` (a page path) again for this request with `feedback`,
/// answering with `status`.
pub async fn show_again(
    context: &WebContext,
    form: SubmittedForm,
    page: &str,
    status: StatusCode,
    feedback: FormFeedback,
) -> Response {
    let mut parts = form.parts;
    parts.method = Method::GET;
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Ok(uri) = page.parse() {
        parts.uri = uri;
    }
    let db = context.db.clone();
    let options = context.options.clone();
    let shell = context.shell;
    let shown = ShownPath(page.to_string());
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(db.clone());
            provide_context(feedback.clone());
            provide_context(shown.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

/// Renders `page` again with each parser error beside its field (422).
pub async fn show_field_errors(
    context: &WebContext,
    form: SubmittedForm,
    page: &str,
    errors: super::feedback::FieldErrors,
) -> Response {
    let mut feedback = form.feedback();
    for (field, message) in errors {
        feedback.error(field, message);
    }
    show_again(
        context,
        form,
        page,
        StatusCode::UNPROCESSABLE_ENTITY,
        feedback,
    )
    .await
}

/// Redirects (303) with a confirmation for the next page.
pub async fn done(viewer: &Viewer, to: &str, notice: impl Into<String>) -> Response {
    session::notify(&viewer.session, notice).await;
    Redirect::to(to).into_response()
}

/// A failure of ours (database, session store): logged in full, shown as
/// the plain error page. A database too busy to take the write within its
/// wait is a 503 with "try again": nothing was saved, and the browser's
/// back button still holds what was typed.
#[derive(Debug)]
pub enum Failure {
    Internal(String),
    Busy(String),
}

/// Seconds a client is asked to wait after a 503 for a busy database.
const BUSY_RETRY_SECONDS: &str = "2";

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self {
            Failure::Internal(error) => {
                tracing::error!(%error, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    super::plain::SERVICE_ERROR_HTML,
                )
                    .into_response()
            }
            Failure::Busy(error) => {
                tracing::warn!(%error, "database busy; asked the client to try again");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [
                        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                        (header::RETRY_AFTER, BUSY_RETRY_SECONDS),
                    ],
                    super::plain::plain_page(
                        "The hub is busy",
                        "<p>Nothing was saved. Go back and send it again in a moment.</p>",
                    ),
                )
                    .into_response()
            }
        }
    }
}

impl From<String> for Failure {
    fn from(error: String) -> Self {
        Failure::Internal(error)
    }
}

impl From<sqlx::Error> for Failure {
    fn from(error: sqlx::Error) -> Self {
        if crate::db::is_busy(&error) {
            Failure::Busy(error.to_string())
        } else {
            Failure::Internal(error.to_string())
        }
    }
}

impl From<tower_sessions::session::Error> for Failure {
    fn from(error: tower_sessions::session::Error) -> Self {
        Failure::Internal(error.to_string())
    }
}

pub type Outcome = Result<Response, Failure>;

/// The page again with one message against one field.
pub async fn refuse(
    context: &WebContext,
    form: SubmittedForm,
    page: &str,
    status: StatusCode,
    field: &str,
    message: impl Into<String>,
) -> Response {
    let feedback = form.feedback_with(field, message);
    show_again(context, form, page, status, feedback).await
}

/// The page of a link that is unknown, used or expired (410 Gone); the page
/// itself says so.
pub async fn gone(context: &WebContext, form: SubmittedForm, page: &str) -> Response {
    show_again(
        context,
        form,
        page,
        StatusCode::GONE,
        FormFeedback::default(),
    )
    .await
}
