//! A workspace as files: its report draft as Markdown
//! (`/workspaces/{id}/report.md`) and the whole workspace as versioned
//! JSON (`/workspaces/{id}/workspace.json`), for its owner and the members
//! it is shared with (readers too); the example's
//! for anyone (`/workspaces/example/…`, routes of their own, so the
//! access layer guards the member's as it guards their pages). Another
//! member's, or none, is 404, as its pages are.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::types::Workspace;
use super::{exchange, repo, report};
use crate::addresses::row_id;
use crate::web::form::{Failure, Outcome, SignedIn, WebContext};

/// The file's name: the investigation's number (or "example") and what
/// it is; never the title, which may hold anything.
fn file_name(workspace: &Workspace, what: &str) -> String {
    match workspace.id {
        0 => format!("example-investigation-{what}"),
        id => format!("investigation-{id}-{what}"),
    }
}

fn report_response(workspace: &Workspace) -> Response {
    crate::response::attachment(
        "text/markdown; charset=utf-8",
        &file_name(workspace, "report.md"),
        report::markdown(&report::assemble(workspace)),
    )
}

fn workspace_response(workspace: &Workspace) -> Response {
    crate::response::attachment(
        "application/json; charset=utf-8",
        &file_name(workspace, "workspace.json"),
        exchange::export_on(workspace, crate::dates::uk_today()),
    )
}

/// The workspace the address names, if the member may open it, or the
/// 404 to answer.
async fn opened(context: &WebContext, member: i64, id: &str) -> Result<Workspace, Response> {
    let found = match row_id(id) {
        Some(id) => repo::open(&context.db, member, id).await,
        None => Ok(None),
    };
    match found {
        Ok(Some(opened)) => Ok(opened.workspace),
        Ok(None) => Err(crate::web::plain::plain_response(
            StatusCode::NOT_FOUND,
            "Page not found",
            "<p>There is no investigation you can open at this address.</p>",
        )),
        Err(error) => Err(axum::response::IntoResponse::into_response(Failure::from(
            error,
        ))),
    }
}

fn example() -> Result<Workspace, Failure> {
    super::example::example().map_err(Failure::Internal)
}

/// `GET /workspaces/example/report.md`.
pub(super) async fn example_report() -> Outcome {
    Ok(report_response(&example()?))
}

/// `GET /workspaces/example/workspace.json`.
pub(super) async fn example_workspace() -> Outcome {
    Ok(workspace_response(&example()?))
}

/// `GET /workspaces/{id}/report.md`.
pub(super) async fn report_file(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
) -> Outcome {
    Ok(match opened(&context, member.id, &id).await {
        Ok(workspace) => report_response(&workspace),
        Err(response) => response,
    })
}

/// `GET /workspaces/{id}/workspace.json`.
pub(super) async fn workspace_file(
    State(context): State<WebContext>,
    SignedIn(member): SignedIn,
    Path(id): Path<String>,
) -> Outcome {
    Ok(match opened(&context, member.id, &id).await {
        Ok(workspace) => workspace_response(&workspace),
        Err(response) => response,
    })
}
