//! A workspace as files: its report draft as Markdown
//! (`/workspaces/{id}/report.md`) and the whole workspace as versioned
//! JSON (`/workspaces/{id}/workspace.json`), for its owner; the example's
//! for anyone (`/workspaces/example/…`). Another member's, or none, is
//! 404, as its pages are.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::example::EXAMPLE;
use super::types::Workspace;
use super::{exchange, repo, report};
use crate::addresses::row_id;
use crate::web::form::{Failure, Outcome, SignedIn, WebContext};

/// The workspace the address names, for whoever asks: Ok(None) is not
/// found; Err a response to give instead (sign in first).
async fn named(
    context: &WebContext,
    member: Option<SignedIn>,
    id: &str,
    file: &str,
) -> Result<Result<Workspace, axum::response::Response>, Failure> {
    if id == EXAMPLE {
        return Ok(Ok(super::example::example().map_err(Failure::Internal)?));
    }
    let Some(SignedIn(member)) = member else {
        let next = format!("/workspaces/{id}/{file}").replace('/', "%2F");
        return Ok(Err(
            Redirect::to(&format!("/sign-in?next={next}")).into_response()
        ));
    };
    let found = match row_id(id) {
        Some(id) => repo::workspace(&context.db, member.id, id).await?,
        None => None,
    };
    Ok(found.ok_or_else(|| {
        crate::web::plain::plain_response(
            StatusCode::NOT_FOUND,
            "Page not found",
            "<p>There is no investigation of yours at this address.</p>",
        )
    }))
}

/// The file's name: the investigation's number (or "example") and what
/// it is; never the title, which may hold anything.
fn file_name(workspace: &Workspace, what: &str) -> String {
    match workspace.id {
        0 => format!("example-investigation-{what}"),
        id => format!("investigation-{id}-{what}"),
    }
}

/// `GET /workspaces/{id}/report.md`.
pub(super) async fn report_file(
    State(context): State<WebContext>,
    member: Option<SignedIn>,
    Path(id): Path<String>,
) -> Outcome {
    let workspace = match named(&context, member, &id, "report.md").await? {
        Ok(workspace) => workspace,
        Err(response) => return Ok(response),
    };
    let body = report::markdown(&report::assemble(&workspace));
    Ok(crate::response::attachment(
        "text/markdown; charset=utf-8",
        &file_name(&workspace, "report.md"),
        body,
    ))
}

/// `GET /workspaces/{id}/workspace.json`.
pub(super) async fn workspace_file(
    State(context): State<WebContext>,
    member: Option<SignedIn>,
    Path(id): Path<String>,
) -> Outcome {
    let workspace = match named(&context, member, &id, "workspace.json").await? {
        Ok(workspace) => workspace,
        Err(response) => return Ok(response),
    };
    Ok(crate::response::attachment(
        "application/json; charset=utf-8",
        &file_name(&workspace, "workspace.json"),
        exchange::export_on(&workspace, crate::dates::uk_today()),
    ))
}
