//! The network's POST handlers: saving a profile, the connection state
//! machine, blocks and messages. Each parses its form, checks on the server
//! that the viewer may act on that member or request, and either redirects
//! (303) with a confirmation or shows the page again with the reason.

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::connections::{self, Refusal};
use super::messages::{self, MessageBody};
use super::profile::{ProfileDraft, ProfileInput};
use super::repo::{self, Looker};
use super::types::RequestKind;
use crate::web::access::{Access, Endpoints};
use crate::web::form::{
    done, refuse, show_again, show_field_errors, Outcome, SignedIn, SubmittedForm, WebContext,
};
use crate::web::rate_limit::{self, Limit};

pub const MAX_NOTE_CHARS: usize = 500;

/// Connection requests one member may send in a day.
pub const REQUESTS_PER_DAY: Limit = Limit {
    name: "connect-request",
    max: 50,
    span_seconds: 86_400,
};
/// Messages one member may send in an hour.
pub const MESSAGES_PER_HOUR: Limit = Limit {
    name: "message",
    max: 300,
    span_seconds: 3600,
};

/// Every network endpoint, with the access each needs.
pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
{
    Endpoints::new()
        .post("/account/profile", Access::SignedIn, save_profile)
        .post(
            "/network/members/{handle}/connect",
            Access::SignedIn,
            request_connection,
        )
        .post(
            "/network/members/{handle}/remove",
            Access::SignedIn,
            remove_connection,
        )
        .post("/network/members/{handle}/block", Access::SignedIn, block)
        .post(
            "/network/members/{handle}/unblock",
            Access::SignedIn,
            unblock,
        )
        .post(
            "/network/requests/{id}/{answer}",
            Access::SignedIn,
            answer_request,
        )
        .post("/network/messages/{handle}", Access::SignedIn, send_message)
}

/// `POST /network/members/{handle}/connect`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ConnectInput {
    kind: String,
    note: String,
}

/// `POST /network/messages/{handle}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MessageInput {
    body: String,
}

fn profile_path(handle: &str) -> String {
    format!("/network/members/{handle}")
}

/// The answer for a member who is not there, or not for this viewer.
async fn no_such_member(context: &WebContext, form: SubmittedForm, handle: &str) -> Response {
    show_again(
        context,
        form,
        &profile_path(handle),
        StatusCode::NOT_FOUND,
        Default::default(),
    )
    .await
}

/// `POST /account/profile`: creates or updates the viewer's profile.
pub async fn save_profile(
    State(context): State<WebContext>,
    SignedIn(me): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let draft = match ProfileDraft::parse(&form.input::<ProfileInput>()?) {
        Ok(draft) => draft,
        Err(errors) => {
            return Ok(show_field_errors(&context, form, "/account/profile", errors).await)
        }
    };
    let handle = repo::save_profile(&context.db, me.id, &draft, false).await?;
    Ok(done(
        &form.viewer,
        &profile_path(&handle),
        "Your profile has been saved",
    )
    .await)
}

/// Shows a refused change on `page` against the form with id `anchor`.
async fn refused(
    context: &WebContext,
    form: SubmittedForm,
    page: &str,
    anchor: &str,
    refusal: Refusal,
) -> Response {
    refuse(
        context,
        form,
        page,
        StatusCode::CONFLICT,
        anchor,
        refusal.to_string(),
    )
    .await
}

/// Why a member whose profile a moderator hid cannot reach others.
const HIDDEN_SENDER: &str = "A moderator has hidden your profile, so you cannot send requests or messages. Use the contact page if you think this is wrong.";

/// `POST /network/members/{handle}/connect`: kind (connect or mentoring)
/// and an optional note.
pub async fn request_connection(
    State(context): State<WebContext>,
    Path(handle): Path<String>,
    SignedIn(me): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let page = profile_path(&handle);
    let Some(target) =
        repo::visible_profile(&context.db, Looker::of(&form.viewer), &handle).await?
    else {
        return Ok(no_such_member(&context, form, &handle).await);
    };
    let from = me.id;
    if repo::is_hidden(&context.db, from).await? {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::FORBIDDEN,
            "request",
            HIDDEN_SENDER,
        )
        .await);
    }
    if repo::handle_of(&context.db, from).await?.is_none() {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::CONFLICT,
            "request",
            "Create your profile before you send requests, so members can see who is asking",
        )
        .await);
    }
    let input: ConnectInput = form.input()?;
    let mut feedback = form.feedback();
    let kind = RequestKind::parse(&input.kind)
        .map_err(|message| feedback.error("kind", message))
        .ok();
    let note = input.note.trim().to_string();
    if note.chars().count() > MAX_NOTE_CHARS {
        feedback.error(
            "note",
            format!("Your note must be {MAX_NOTE_CHARS} characters or fewer"),
        );
    }
    let key = from.to_string();
    if rate_limit::exhausted(&context.db, REQUESTS_PER_DAY, &key).await? {
        feedback.error(
            "request",
            "You have sent a lot of requests today. Try again tomorrow.",
        );
    }
    let Some(kind) = kind.filter(|_| feedback.is_empty()) else {
        let status = if feedback.error_for("request").is_some() {
            StatusCode::TOO_MANY_REQUESTS
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return Ok(show_again(&context, form, &page, status, feedback).await);
    };
    match connections::request(&context.db, from, target.user_id, kind, &note).await? {
        Ok(_) => {
            rate_limit::hit(&context.db, REQUESTS_PER_DAY, &key).await?;
            let what = match kind {
                RequestKind::Connect => "connection request",
                RequestKind::Mentoring => "mentoring request",
            };
            Ok(done(
                &form.viewer,
                &page,
                format!("Your {what} has been sent to {}", target.display_name),
            )
            .await)
        }
        Err(refusal) => Ok(refused(&context, form, &page, "request", refusal).await),
    }
}

/// `POST /network/requests/{id}/{accept|decline|withdraw}`.
pub async fn answer_request(
    State(context): State<WebContext>,
    Path((id, answer)): Path<(i64, String)>,
    SignedIn(me): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    const PAGE: &str = "/network/connections";
    let viewer = me.id;
    let outcome = match answer.as_str() {
        "accept" => connections::accept(&context.db, viewer, id)
            .await?
            .map(|_| "You are now connected"),
        "decline" => connections::close_request(&context.db, viewer, id, true)
            .await?
            .map(|_| "The request has been declined"),
        "withdraw" => connections::close_request(&context.db, viewer, id, false)
            .await?
            .map(|_| "Your request has been withdrawn"),
        _ => {
            return Ok(refuse(
                &context,
                form,
                PAGE,
                StatusCode::NOT_FOUND,
                "requests",
                "Choose accept, decline or withdraw",
            )
            .await)
        }
    };
    match outcome {
        Ok(notice) => Ok(done(&form.viewer, PAGE, notice).await),
        Err(refusal) => Ok(refused(&context, form, PAGE, "requests", refusal).await),
    }
}

/// `POST /network/members/{handle}/remove`: ends a connection.
pub async fn remove_connection(
    State(context): State<WebContext>,
    Path(handle): Path<String>,
    SignedIn(me): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let Some(other) = repo::visible_profile(&context.db, Looker::of(&form.viewer), &handle).await?
    else {
        return Ok(no_such_member(&context, form, &handle).await);
    };
    match connections::remove(&context.db, me.id, other.user_id).await? {
        Ok(()) => Ok(done(
            &form.viewer,
            "/network/connections",
            format!("You are no longer connected with {}", other.display_name),
        )
        .await),
        Err(refusal) => {
            Ok(refused(&context, form, &profile_path(&handle), "request", refusal).await)
        }
    }
}

/// `POST /network/members/{handle}/block`: from now on neither member can
/// see or contact the other. Allowed for a member the viewer can see, and
/// for one who has sent them a request or shares a connection with them
/// (whose profile may be hidden from the viewer).
pub async fn block(
    State(context): State<WebContext>,
    Path(handle): Path<String>,
    SignedIn(me): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let viewer = me.id;
    let visible = repo::visible_profile(&context.db, Looker::of(&form.viewer), &handle).await?;
    let other = match visible {
        Some(row) => Some((row.user_id, row.display_name)),
        None => match repo::member_by_handle(&context.db, &handle).await? {
            Some((id, name))
                if connections::between(&context.db, viewer, id)
                    .await?
                    .is_some() =>
            {
                Some((id, name))
            }
            _ => None,
        },
    };
    let Some((other_id, other_name)) = other else {
        return Ok(no_such_member(&context, form, &handle).await);
    };
    match connections::block(&context.db, viewer, other_id).await? {
        Ok(()) => Ok(done(
            &form.viewer,
            "/network/connections",
            format!("You have blocked {other_name}. Neither of you can see or contact the other."),
        )
        .await),
        Err(refusal) => Ok(refused(&context, form, &profile_path(&handle), "block", refusal).await),
    }
}

/// `POST /network/members/{handle}/unblock`: only the member who blocked
/// can lift it (the blocked member cannot see the other to try).
pub async fn unblock(
    State(context): State<WebContext>,
    Path(handle): Path<String>,
    SignedIn(me): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let lifted = match repo::member_by_handle(&context.db, &handle).await? {
        Some((other, _)) => connections::unblock(&context.db, me.id, other).await?,
        None => false,
    };
    if !lifted {
        return Ok(refuse(
            &context,
            form,
            "/network/connections",
            StatusCode::NOT_FOUND,
            "blocked",
            "You have not blocked that member",
        )
        .await);
    }
    Ok(done(
        &form.viewer,
        "/network/connections",
        "The block has been lifted",
    )
    .await)
}

/// `POST /network/messages/{handle}`: only between connected members.
pub async fn send_message(
    State(context): State<WebContext>,
    Path(handle): Path<String>,
    SignedIn(me): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let page = format!("/network/messages/{handle}");
    let Some(other) = repo::visible_profile(&context.db, Looker::of(&form.viewer), &handle).await?
    else {
        return Ok(no_such_member(&context, form, &handle).await);
    };
    let from = me.id;
    if repo::is_hidden(&context.db, from).await? {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::FORBIDDEN,
            "body",
            HIDDEN_SENDER,
        )
        .await);
    }
    let body = match MessageBody::parse(&form.input::<MessageInput>()?.body) {
        Ok(body) => body,
        Err(message) => {
            return Ok(refuse(
                &context,
                form,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                "body",
                message,
            )
            .await)
        }
    };
    let key = from.to_string();
    if rate_limit::exhausted(&context.db, MESSAGES_PER_HOUR, &key).await? {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::TOO_MANY_REQUESTS,
            "body",
            "You have sent a lot of messages in the last hour. Try again later.",
        )
        .await);
    }
    if !messages::send(&context.db, from, other.user_id, &body).await? {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::CONFLICT,
            "body",
            format!(
                "You can only send messages to your connections. Connect with {} first.",
                other.display_name
            ),
        )
        .await);
    }
    rate_limit::hit(&context.db, MESSAGES_PER_HOUR, &key).await?;
    Ok(Redirect::to(&format!("{page}#messages")).into_response())
}
