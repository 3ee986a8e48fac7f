//! `POST /workspaces`: a new investigation, typed or copied.

use axum::extract::State;
use axum::http::StatusCode;

use super::super::repo::{self, Contents, Written};
use super::super::types::{parse_details, DetailsInput, MAX_WORKSPACES};
use super::{now, FormInput};
use crate::addresses::row_id;
use crate::web::form::{
    done, not_found, refuse, show_field_errors, Failure, Outcome, SignedIn, SubmittedForm,
    WebContext,
};

/// `POST /workspaces`: starts an investigation, or copies one into the
/// member's own: the example (`action=copy-example`), or one shared with
/// them (`action=copy`, `from` its id).
pub(super) async fn start(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let input = form.input::<FormInput>()?;
    let original = match input.action.as_str() {
        "copy-example" => Some((
            "/workspaces/example".to_string(),
            super::super::example::example().map_err(Failure::Internal)?,
        )),
        "copy" => {
            let from = row_id(&input.from);
            let opened = match from {
                Some(from) => repo::open(&context.db, member.id, from).await?,
                None => None,
            };
            match opened {
                Some(opened) => Some((
                    format!("/workspaces/{}", opened.workspace.id),
                    opened.workspace,
                )),
                None => {
                    let page = format!("/workspaces/{}", from.unwrap_or(0));
                    return Ok(not_found(&context, form, &page).await);
                }
            }
        }
        _ => None,
    };
    let copying = original.is_some();
    let (page, details, contents) = match &original {
        Some((page, original)) => (
            page.as_str(),
            original.details.clone(),
            Contents::of(original),
        ),
        None => match parse_details(&form.input::<DetailsInput>()?) {
            Ok(details) => ("/workspaces", details, Contents::default()),
            Err(problems) => {
                return Ok(show_field_errors(&context, form, "/workspaces", problems).await)
            }
        },
    };
    match repo::create(&context.db, member.id, &details, contents, now()).await? {
        Written::Done(id) => Ok(done(
            &form.viewer,
            &format!("/workspaces/{id}"),
            if copying {
                format!("Copied “{}” into your investigations: it is yours to change", details.title)
            } else {
                format!("Investigation “{}” started", details.title)
            },
        )
        .await),
        _ => Ok(refuse(
            &context,
            form,
            page,
            StatusCode::CONFLICT,
            match input.action.as_str() {
                "copy-example" => "copy",
                "copy" => "sharing",
                _ => "title",
            },
            format!("You have {MAX_WORKSPACES} investigations, the most you can keep: delete one you no longer need first"),
        )
        .await),
    }
}
