//! `POST /workspaces/local`: the timeline kept in the browser, saved to
//! the member's account. The first save makes a new investigation; the
//! browser then remembers it (`local::AccountCopy`) and each later save
//! replaces that copy's details and timeline, made from the version the
//! last save left. A save over a newer version is refused and the page
//! shows both, for the member to choose which to keep.

use axum::extract::State;
use axum::http::StatusCode;

use crate::addresses::row_id;
use crate::forms::FormFeedback;
use crate::toolkits::local::{file_digest, AccountCopy, LocalInvestigation, LOCAL_PAGE};
use crate::toolkits::pages::render::{CONFLICT_FIELD, GONE_FIELD, SEND_FIELD};
use crate::toolkits::repo::{self, Contents, Replaced, Written};
use crate::toolkits::types::MAX_WORKSPACES;
use crate::web::form::{done, show_page_again, Failure, Outcome, SignedIn, WebContext};
use crate::web::rate_limit::{self, IMPORTS_PER_MEMBER, LOCAL_SENDS_PER_MEMBER};
use crate::web::session;
use crate::web::upload::SubmittedUpload;

pub(super) async fn save(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    upload: SubmittedUpload,
) -> Outcome {
    // The page again with `message` at the top, and what it should know.
    let refuse = |status: StatusCode, message: String, values: Vec<(String, String)>| {
        let mut feedback = FormFeedback::default();
        feedback.error(SEND_FIELD, message);
        feedback.values = values;
        show_page_again(&context, upload.parts.clone(), LOCAL_PAGE, status, feedback)
    };
    // The account's copy it was last saved to (empty for a new copy).
    let field = |name: &str| {
        upload
            .field(name)
            .map(|field| String::from_utf8_lossy(&field.bytes).trim().to_string())
            .unwrap_or_default()
    };
    let (workspace, version) = (field("workspace"), field("version"));
    let account = if workspace.is_empty() {
        None
    } else {
        match (row_id(&workspace), version.parse::<i64>()) {
            (Some(id), Ok(version)) => Some((id, version)),
            _ => {
                let message = "This browser's copy was not saved (the form was not one of the hub's pages): reload the page and try again.".to_string();
                return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, message, Vec::new()).await);
            }
        }
    };
    // Counted before the file is read: a flood of large bodies is one too.
    let (limit, doing) = match account {
        None => (IMPORTS_PER_MEMBER, "saved or imported investigations"),
        Some(_) => (LOCAL_SENDS_PER_MEMBER, "sent changes to your account"),
    };
    if !rate_limit::try_take(&context.db, limit, &member.id.to_string()).await? {
        let message = format!("You have {doing} {} times in the last hour, the most the hub takes: try again later. This browser keeps its copy.", limit.max);
        return Ok(refuse(StatusCode::TOO_MANY_REQUESTS, message, Vec::new()).await);
    }
    let text = upload
        .field("file")
        .and_then(|file| std::str::from_utf8(&file.bytes).ok())
        .unwrap_or_default();
    let local = match LocalInvestigation::read(text) {
        Ok(local) => local,
        Err(error) => {
            // A file's own words (an unknown key) may hold control
            // characters: never put on the page.
            let reason = crate::controls::without_controls(&error.message()).into_owned();
            let message = format!(
                "This browser's copy was not saved ({reason}). Nothing in your account changed."
            );
            return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, message, Vec::new()).await);
        }
    };
    let sent = local.workspace();
    let title = &sent.details.title;
    let now = chrono::Utc::now().timestamp();
    let (id, version, notice) = match account {
        None => {
            let contents = Contents {
                entries: &sent.entries,
                ..Contents::default()
            };
            match repo::create(&context.db, member.id, &sent.details, contents, now).await? {
                // A new investigation's first version (the column's
                // default; only a change moves it on).
                Written::Done(id) => (id, 1, format!("Saved to your account as “{title}”")),
                Written::Full => {
                    let message = format!("You have {MAX_WORKSPACES} investigations, the most you can keep: delete one you no longer need first. This browser keeps its copy.");
                    return Ok(refuse(StatusCode::CONFLICT, message, Vec::new()).await);
                }
                other => {
                    return Err(Failure::Internal(format!(
                        "saving the browser's timeline: {other:?}"
                    )))
                }
            }
        }
        Some((id, version)) => {
            let gone = vec![(GONE_FIELD.to_string(), id.to_string())];
            match repo::replace_timeline(&context.db, member.id, id, version, sent, now).await? {
                Replaced::Done(version) => (
                    id,
                    version,
                    format!("Your changes are saved to your account, in “{title}”"),
                ),
                // Not told apart from one that never was: the same page,
                // which forgets it, for anyone else's.
                Replaced::NotFound => {
                    let message = "The investigation this browser last saved to is no longer in your account (deleted, or no longer shared with you): nothing was sent. Save again to make a new copy.".to_string();
                    return Ok(refuse(StatusCode::NOT_FOUND, message, gone).await);
                }
                Replaced::Analysed => {
                    let message = "Your account's copy now has findings, contributory factors or safety actions, which this browser's timeline does not hold: nothing was sent, so none of them is lost. Go on with it in your account, or save this browser's as a new copy.".to_string();
                    return Ok(refuse(StatusCode::CONFLICT, message, gone).await);
                }
                Replaced::Stale => {
                    let message = "Your account's copy has changed since this browser's was last saved to it, so nothing was sent: choose which to keep.".to_string();
                    let values = vec![
                        (CONFLICT_FIELD.to_string(), id.to_string()),
                        ("file".to_string(), text.to_string()),
                    ];
                    return Ok(refuse(StatusCode::CONFLICT, message, values).await);
                }
            }
        }
    };
    // For the page the redirect lands on, and only for it (a link cannot
    // tie this browser to an account's copy).
    let saved = AccountCopy {
        id,
        version,
        changed: false,
    };
    // Saved either way: a failure here (the session's record is already
    // loaded, so it hardly can) only means the browser does not learn the
    // copy, and its next save makes another; a failure page would invite
    // the same.
    if let Err(error) = upload
        .viewer
        .session
        .insert(
            session::keys::LOCAL_SAVED,
            format!("{} {}", saved.text(), file_digest(text)),
        )
        .await
    {
        tracing::warn!(%error, "the saved copy could not be kept for the page");
    }
    Ok(done(&upload.viewer, LOCAL_PAGE, notice).await)
}
