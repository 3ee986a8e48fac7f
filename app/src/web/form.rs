//! Form posts as every domain area handles them: the typed-looking
//! [`SubmittedForm`] (the posted fields, the request and who sent it),
//! showing the page again with messages beside its fields and a 4xx status
//! ([`show_again`], [`refuse`], [`show_field_errors`]), the redirect with a
//! one-off notice after a success ([`done`]), and [`Failure`], the one
//! error type of a form handler (500, or 503 when the database is busy).

use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequestParts, Request};
use axum::http::{header, request::Parts, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, AnyView};
use serde::de::DeserializeOwned;

use super::feedback::FormFeedback;
use super::identity::User;
use super::mail::{Email, Mailer};
use super::session::{self, Viewer};
use super::site::Site;
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
    /// The hub's public address and contact, for links in emails and for
    /// every page rendered.
    pub site: Site,
    /// The application's HTML document, for pages shown again after a
    /// failed post (given by the server, which knows the app's shell).
    pub shell: fn(LeptosOptions) -> AnyView,
}

impl WebContext {
    pub fn link(&self, path: &str) -> String {
        self.site.link(path)
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

/// The signed-in account making the request: the one way handlers learn
/// who is acting. Routes declared `Access::SignedIn` are guarded before the
/// handler runs, so the redirect to sign in is only a fallback.
pub struct SignedIn(pub User);

impl SignedIn {
    fn of(parts: &Parts) -> Option<Self> {
        parts
            .extensions
            .get::<Viewer>()
            .and_then(|viewer| viewer.user.clone())
            .map(SignedIn)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        SignedIn::of(parts).ok_or_else(|| Redirect::to("/sign-in").into_response())
    }
}

/// For routes open to anyone that act differently for a signed-in account
/// (`Option<SignedIn>`).
impl<S: Send + Sync> OptionalFromRequestParts<S> for SignedIn {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(SignedIn::of(parts))
    }
}

/// A posted form, with the request it came in and who sent it. Handlers
/// read it through their form's typed input ([`SubmittedForm::input`]);
/// the raw fields only go back to the page, as what was typed.
pub struct SubmittedForm {
    pub parts: Parts,
    pub viewer: Viewer,
    body: axum::body::Bytes,
}

impl<S: Send + Sync> FromRequest<S> for SubmittedForm {
    type Rejection = Response;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let viewer =
            parts.extensions.get::<Viewer>().cloned().ok_or_else(|| {
                Failure::Internal("no viewer on the request".into()).into_response()
            })?;
        // Only a browser's form body is read: any other kind would skip the
        // cleaning of control characters done for forms (`web::input`).
        if !super::input::is_urlencoded_form(&parts.headers) {
            return Err(super::plain::plain_response(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "The form could not be read",
                "<p>Send it from the hub's page for it.</p>",
            ));
        }
        let body = super::input::read_body(body).await?;
        Ok(SubmittedForm {
            parts,
            viewer,
            body,
        })
    }
}

impl SubmittedForm {
    /// The form's typed input: a serde struct naming each field once, with
    /// text as typed (`String`) and repeated fields such as checkboxes as
    /// `Vec<String>`; fields it does not name are ignored and missing ones
    /// are empty (`#[serde(default)]`). Its parser then makes the domain
    /// value or a message per field. A body that cannot be read at all (a
    /// field sent twice where one is expected) is [`Failure::Unreadable`].
    pub fn input<T: DeserializeOwned>(&self) -> Result<T, Failure> {
        serde_html_form::from_bytes(&self.body)
            .map_err(|error| Failure::Unreadable(error.to_string()))
    }

    /// Feedback that keeps what was typed (but no secrets).
    pub fn feedback(&self) -> FormFeedback {
        FormFeedback {
            errors: Vec::new(),
            values: form_urlencoded::parse(&self.body)
                .filter(|(name, _)| !SECRET_FIELDS.contains(&name.as_ref()))
                .map(|(name, value)| {
                    (
                        name.into_owned(),
                        value.chars().take(MAX_KEPT_CHARS).collect(),
                    )
                })
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
    show_page_again(context, form.parts, page, status, feedback).await
}

/// [`show_again`] for a request that was not a form of fields (an upload).
pub async fn show_page_again(
    context: &WebContext,
    mut parts: Parts,
    page: &str,
    status: StatusCode,
    feedback: FormFeedback,
) -> Response {
    parts.method = Method::GET;
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Ok(uri) = page.parse() {
        parts.uri = uri;
    }
    let db = context.db.clone();
    let site = context.site.clone();
    let options = context.options.clone();
    let shell = context.shell;
    let shown = ShownPath(page.to_string());
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(db.clone());
            provide_context(site.clone());
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
    /// A body no page of the hub sends (400).
    Unreadable(String),
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
            Failure::Unreadable(error) => {
                tracing::info!(%error, "unreadable form");
                super::plain::plain_response(
                    StatusCode::BAD_REQUEST,
                    "The form could not be read",
                    "<p>Go back, check what you entered and send it again.</p>",
                )
            }
            Failure::Busy(error) => {
                tracing::warn!(%error, "database busy; asked the client to try again");
                let mut response = super::plain::plain_response(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The hub is busy",
                    "<p>Nothing was saved. Go back and send it again in a moment.</p>",
                );
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    header::HeaderValue::from_static(BUSY_RETRY_SECONDS),
                );
                response
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

/// `page` again, answering 404: what a post names is not there, or not
/// the member's (the page itself says it is not found).
pub async fn not_found(context: &WebContext, form: SubmittedForm, page: &str) -> Response {
    show_again(
        context,
        form,
        page,
        StatusCode::NOT_FOUND,
        FormFeedback::default(),
    )
    .await
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

#[cfg(test)]
mod tests {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    use serde::Deserialize;

    use super::{Failure, BUSY_RETRY_SECONDS};

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Input {
        name: String,
        ticked: Vec<String>,
    }

    fn decode(body: &str) -> Result<Input, serde_html_form::de::Error> {
        serde_html_form::from_str(body)
    }

    #[test]
    fn typed_input_reads_text_and_every_ticked_box() {
        let input = decode("name=Si%C3%A2n+Jones&ticked=a&other=ignored&ticked=b").unwrap();
        assert_eq!(input.name, "Siân Jones");
        assert_eq!(input.ticked, ["a", "b"]);
        assert_eq!(
            decode("").unwrap(),
            Input::default(),
            "missing fields are empty"
        );
    }

    #[test]
    fn a_single_field_sent_twice_is_refused() {
        // No page of the hub sends one field twice; a handler must not act
        // on one of two values silently, so such a body is unreadable (400).
        assert!(decode("name=first&name=second").is_err());
    }

    #[test]
    fn a_busy_database_asks_the_browser_to_try_again() {
        let response = Failure::Busy("locked".into()).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], BUSY_RETRY_SECONDS);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        let unreadable = Failure::Unreadable("twice".into()).into_response();
        assert_eq!(unreadable.status(), StatusCode::BAD_REQUEST);
    }
}
