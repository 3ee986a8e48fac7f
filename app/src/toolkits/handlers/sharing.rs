//! The sharing forms, posted to `/workspaces/{id}` with `action` `share`,
//! `unshare` or `leave`: the owner's on the sharing page (share with a
//! connection, give a member the other role, stop sharing with them), and
//! leaving, for a member it is shared with (asked first, `?edit=leave`).
//! Every refusal is shown beside the sharing page's `member` (present
//! whether or not its form is) or, for a member, beside the panel saying
//! what they can do (`sharing`).

use axum::http::StatusCode;

use crate::network::{connections, repo as network_repo};
use crate::toolkits::repo::{self, Opened, Written};
use crate::toolkits::sharing::{parse_share, Deed, ShareInput, ShareRequest, MAX_SHARES};
use crate::web::form::{
    done, not_found, refuse, show_field_errors, Outcome, SubmittedForm, WebContext,
};
use crate::web::identity::User;

const NOT_CONNECTED: &str = "You are no longer connected with this member, so it cannot be shared with them: connect again first";

/// The sharing forms of workspace `opened`, posted by `member` to the
/// workspace's address (so that a refusal shown without JavaScript leaves
/// an address that still opens a page).
pub(super) async fn post(
    context: &WebContext,
    member: &User,
    opened: Opened,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let id = opened.workspace.id;
    let title = opened.workspace.details.title.clone();
    let overview = format!("/workspaces/{id}");
    let page = format!("{overview}?edit=sharing");
    let input: ShareInput = form.input()?;
    let leaving = input.action == "leave";
    if leaving && opened.standing.may(Deed::Leave).is_ok() && input.confirm != "yes" {
        let page = format!("{overview}?edit=leave");
        return Ok(refuse(
            context,
            form,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            "confirm",
            "Use the button to confirm",
        )
        .await);
    }
    if let Err(why) = opened
        .standing
        .may(if leaving { Deed::Leave } else { Deed::Share })
    {
        // Each refusal beside what the page says: a member's standing on
        // the workspace's page, the owner's leaving on the sharing page.
        let (shown, field) = if opened.standing.owns() {
            (&page, "member")
        } else {
            (&overview, "sharing")
        };
        return Ok(refuse(context, form, shown, StatusCode::FORBIDDEN, field, why).await);
    }
    let choices: Vec<String> = match input.action.as_str() {
        "share" => connections::connections_of(db, member.id)
            .await?
            .into_iter()
            .map(|connection| connection.other.handle)
            .collect(),
        "unshare" => repo::sharing::shares(db, id)
            .await?
            .into_iter()
            .map(|share| share.handle)
            .collect(),
        _ => Vec::new(),
    };
    let choices: Vec<&str> = choices.iter().map(String::as_str).collect();
    let request = match parse_share(&input, &choices) {
        Ok(request) => request,
        Err(problems) => return Ok(show_field_errors(context, form, &page, problems).await),
    };
    let now = chrono::Utc::now().timestamp();
    match request {
        ShareRequest::Leave => {
            repo::sharing::leave(db, member.id, id).await?;
            Ok(done(
                &form.viewer,
                "/workspaces",
                format!("You have left “{title}”: it is no longer shared with you"),
            )
            .await)
        }
        ShareRequest::Unshare { handle } => {
            let Some((other, name)) = network_repo::member_by_handle(db, &handle).await? else {
                return Ok(not_found(context, form, &page).await);
            };
            // Stopped between the check above and here (the second of a
            // double click; a first that ended sooner was refused above,
            // saying it is not shared with them now): what was asked for.
            repo::sharing::unshare(db, member.id, id, other).await?;
            Ok(done(
                &form.viewer,
                &page,
                format!("Stopped sharing it with {name}"),
            )
            .await)
        }
        ShareRequest::Share { handle, role } => {
            let Some((other, name)) = network_repo::member_by_handle(db, &handle).await? else {
                return Ok(not_found(context, form, &page).await);
            };
            let connection = connections::between(db, member.id, other)
                .await?
                .filter(|connection| connection.accepted());
            let written = match connection {
                Some(connection) => {
                    repo::sharing::share(db, member.id, id, other, connection.id, role, now).await?
                }
                None => Written::Stale,
            };
            let role_name = role.label().to_lowercase();
            match written {
                Written::Done(_) => Ok(done(
                    &form.viewer,
                    &page,
                    format!("Shared with {name} as {role_name}"),
                )
                .await),
                Written::NotFound => Ok(not_found(context, form, &page).await),
                Written::Full => Ok(refuse(
                    context,
                    form,
                    &page,
                    StatusCode::CONFLICT,
                    "member",
                    format!("It is shared with {MAX_SHARES} members, the most it can be: stop sharing it with someone first"),
                )
                .await),
                Written::Stale => Ok(refuse(
                    context,
                    form,
                    &page,
                    StatusCode::CONFLICT,
                    "member",
                    NOT_CONNECTED,
                )
                .await),
            }
        }
    }
}
