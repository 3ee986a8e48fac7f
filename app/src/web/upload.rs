//! Forms that send a file (`multipart/form-data`): the few pages that take
//! one (a workspace's import). The body has already been bounded by the
//! server's limit for its address; here it is read into its named fields,
//! for the CSRF check (`csrf_token`) and for the handler, as
//! [`SubmittedUpload`], the file form's [`super::form::SubmittedForm`].

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::session::Viewer;

/// The most fields an upload form sends (its token, its file, a little
/// more): past that it is no form of the hub's.
const MAX_FIELDS: usize = 8;

/// One field of an upload: a text field, or a file with its name.
#[derive(Debug)]
pub struct UploadField {
    pub name: String,
    pub file_name: Option<String>,
    pub bytes: Bytes,
}

/// The boundary of a `multipart/form-data` body, if the request is one.
pub fn boundary(headers: &HeaderMap) -> Option<String> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    multer::parse_boundary(content_type).ok()
}

/// A reader of a body already in memory, one field at a time.
fn multipart(body: Bytes, boundary: String) -> multer::Multipart<'static> {
    let stream =
        futures_util::stream::once(async move { Ok::<Bytes, std::convert::Infallible>(body) });
    multer::Multipart::new(stream, boundary)
}

/// The fields of a `multipart/form-data` body, or None if it cannot be
/// read as one.
pub async fn fields(body: Bytes, boundary: String) -> Option<Vec<UploadField>> {
    let mut multipart = multipart(body, boundary);
    let mut fields = Vec::new();
    while let Some(field) = multipart.next_field().await.ok()? {
        if fields.len() == MAX_FIELDS {
            return None;
        }
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.ok()?;
        fields.push(UploadField {
            name,
            file_name,
            bytes,
        });
    }
    Some(fields)
}

/// The `csrf_token` field of a `multipart/form-data` body, read without
/// copying the other fields (a page's form sends it first).
pub async fn token(body: Bytes, boundary: String) -> Option<String> {
    let mut multipart = multipart(body, boundary);
    for _ in 0..MAX_FIELDS {
        let field = multipart.next_field().await.ok()??;
        if field.name() == Some(super::csrf::FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

/// Middleware, after the viewer is known and before the CSRF check reads
/// a body: an upload from someone not signed in (a member whose session
/// ran out while they chose a file, say) is answered "sign in", as the
/// address's access rule would, without keeping any of it: its body is
/// read and let go a piece at a time, so the client is not cut off
/// mid-send and nothing of a file's size is held.
pub async fn members_only(request: Request, next: axum::middleware::Next) -> Response {
    use http_body_util::BodyExt;
    let signed_in = request
        .extensions()
        .get::<Viewer>()
        .is_some_and(|viewer| viewer.user.is_some());
    if signed_in || boundary(request.headers()).is_none() {
        return next.run(request).await;
    }
    let (parts, mut body) = request.into_parts();
    while let Some(Ok(_)) = body.frame().await {}
    super::access::refusal(
        super::access::Denied::SignInFirst,
        &parts.method,
        parts.uri.path(),
    )
}

/// A posted upload form, with the request it came in and who sent it.
pub struct SubmittedUpload {
    pub parts: Parts,
    pub viewer: Viewer,
    fields: Vec<UploadField>,
}

impl SubmittedUpload {
    /// The field of this name (the first, if it was sent twice).
    pub fn field(&self, name: &str) -> Option<&UploadField> {
        self.fields.iter().find(|field| field.name == name)
    }
}

impl<S: Send + Sync> FromRequest<S> for SubmittedUpload {
    type Rejection = Response;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let viewer = parts.extensions.get::<Viewer>().cloned().ok_or_else(|| {
            super::form::Failure::Internal("no viewer on the request".into()).into_response()
        })?;
        let unreadable = || {
            super::plain::plain_response(
                StatusCode::BAD_REQUEST,
                "The form could not be read",
                "<p>Send it from the hub's page for it.</p>",
            )
        };
        let Some(boundary) = boundary(&parts.headers) else {
            return Err(super::plain::plain_response(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "The form could not be read",
                "<p>Send it from the hub's page for it.</p>",
            ));
        };
        let body = super::input::read_body(body).await?;
        let fields = fields(body, boundary).await.ok_or_else(unreadable)?;
        Ok(SubmittedUpload {
            parts,
            viewer,
            fields,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_upload_is_read_into_its_fields() {
        let body = "--B\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n\
                    --B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"w.json\"\r\n\
                    Content-Type: application/json\r\n\r\n{\"a\": 1}\r\n--B--\r\n";
        let read = fields(Bytes::from(body), "B".into()).await.unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].name, "csrf_token");
        assert_eq!(&read[0].bytes[..], b"abc");
        assert_eq!(read[1].file_name.as_deref(), Some("w.json"));
        assert_eq!(&read[1].bytes[..], b"{\"a\": 1}");
        // Cut short, or not multipart at all.
        assert!(fields(Bytes::from(&body[..40]), "B".into()).await.is_none());
        assert!(fields(Bytes::from("a=b"), "B".into()).await.is_none());
        let many: String = (0..=MAX_FIELDS)
            .map(|i| format!("--B\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nx\r\n"))
            .collect::<String>()
            + "--B--\r\n";
        assert!(fields(Bytes::from(many.clone()), "B".into())
            .await
            .is_none());
        // The token alone, wherever it is among the first fields.
        assert_eq!(
            token(Bytes::from(body), "B".into()).await.as_deref(),
            Some("abc")
        );
        let file_first = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"w.json\"\r\n\r\n{}\r\n\
                          --B\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nxyz\r\n--B--\r\n";
        assert_eq!(
            token(Bytes::from(file_first), "B".into()).await.as_deref(),
            Some("xyz")
        );
        assert_eq!(token(Bytes::from(many), "B".into()).await, None);
        assert_eq!(token(Bytes::from("a=b"), "B".into()).await, None);
    }
}
