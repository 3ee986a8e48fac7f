//! `POST /workspaces/import`: a workspace file (`exchange`'s JSON, from
//! this hub or another) read back into a new investigation of the
//! member's. The file is read whole by the same parsers as the forms and
//! taken whole or not at all; a refusal shows the import page again with
//! the reason beside the file field.

use axum::extract::State;
use axum::http::StatusCode;

use crate::forms::FormFeedback;
use crate::toolkits::exchange::{self, ImportError, MAX_IMPORT_BYTES};
use crate::toolkits::repo::{self, Contents, Written};
use crate::toolkits::types::MAX_WORKSPACES;
use crate::web::form::{done, show_page_again, Failure, Outcome, SignedIn, WebContext};
use crate::web::rate_limit::{self, IMPORTS_PER_MEMBER};
use crate::web::upload::SubmittedUpload;

/// The import page, where its form posts.
pub const IMPORT_PATH: &str = "/workspaces/import";
/// The most an import's body may hold: twice the largest file read, so
/// that a file somewhat too large is told so on the page rather than cut
/// off by the server.
pub const IMPORT_BODY_BYTES: usize = 2 * MAX_IMPORT_BYTES;

pub(super) async fn import(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    upload: SubmittedUpload,
) -> Outcome {
    let refuse = |status: StatusCode, message: String| {
        let mut feedback = FormFeedback::default();
        feedback.error("file", message);
        show_page_again(
            &context,
            upload.parts.clone(),
            IMPORT_PATH,
            status,
            feedback,
        )
    };
    let key = member.id.to_string();
    if !rate_limit::try_take(&context.db, IMPORTS_PER_MEMBER, &key).await? {
        return Ok(refuse(
            StatusCode::TOO_MANY_REQUESTS,
            format!("You have tried to import {} files in the last hour, the most the hub takes: try again later", IMPORTS_PER_MEMBER.max),
        )
        .await);
    }
    let file = upload.field("file").filter(|file| !file.bytes.is_empty());
    let Some(file) = file else {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose a workspace file to import".into(),
        )
        .await);
    };
    let read = match std::str::from_utf8(&file.bytes) {
        Ok(text) => exchange::import(text),
        Err(_) if file.bytes.len() > MAX_IMPORT_BYTES => Err(ImportError::TooLarge),
        Err(_) => Err(ImportError::NotJson),
    };
    let workspace = match read {
        Ok(workspace) => workspace,
        Err(error) => {
            // A file's own words (an unknown key) may hold control
            // characters: never put on the page.
            let message = crate::controls::without_controls(&error.message()).into_owned();
            return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, message).await);
        }
    };
    let now = chrono::Utc::now().timestamp();
    let details = &workspace.details;
    match repo::create(&context.db, member.id, details, Contents::of(&workspace), now).await? {
        Written::Done(id) => Ok(done(
            &upload.viewer,
            &format!("/workspaces/{id}"),
            format!("Imported “{}” into your investigations", details.title),
        )
        .await),
        Written::Full => Ok(refuse(
            StatusCode::CONFLICT,
            format!("You have {MAX_WORKSPACES} investigations, the most you can keep: delete one you no longer need first"),
        )
        .await),
        // A new workspace is never stale or missing: a bug of ours.
        other => Err(Failure::Internal(format!("creating an imported workspace: {other:?}"))),
    }
}
