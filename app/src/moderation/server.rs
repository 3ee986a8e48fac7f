//! Reads for the moderation pages (GET server functions); every one checks
//! who is asking.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use super::types::{Decision, SubjectKind};
use super::types::{ModerationQueue, OwnReport, ReportCase, ReportSubject};
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error},
    web::{
        access::{require, Access},
        identity::Role,
    },
};

/// What `/report/{kind}/{target}` is about: `None` when there is no such
/// thing or the viewer may not see or report it (the same to them).
#[server(input = GetUrl)]
pub async fn load_report_subject(
    kind: String,
    target: String,
) -> Result<Option<ReportSubject>, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let Some(user) = viewer.user else {
        return Ok(None);
    };
    let Some(kind) = SubjectKind::from_slug(&kind) else {
        return Ok(None);
    };
    let db = from_context()?;
    Ok(super::subjects::find(&db, &user, kind, &target)
        .await
        .map_err(internal_error)?
        .map(|subject| ReportSubject {
            kind: subject.kind,
            author: subject.author,
            excerpt: subject.excerpt,
            back: subject.back,
        }))
}

/// The viewer's own reports and what became of them.
#[server(input = GetUrl)]
pub async fn own_reports() -> Result<Vec<OwnReport>, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let Some(user_id) = viewer.user_id() else {
        return Ok(Vec::new());
    };
    super::repo::own_reports(&from_context()?, user_id)
        .await
        .map_err(internal_error)
}

/// `/curation/reports`: open reports and recent decisions.
#[server(input = GetUrl)]
pub async fn load_moderation_queue() -> Result<ModerationQueue, ServerFnError> {
    require(Access::AtLeast(Role::Curator))?;
    super::repo::queue(&from_context()?)
        .await
        .map_err(internal_error)
}

/// `/curation/reports/{id}`: one report in context.
#[server(input = GetUrl)]
pub async fn load_report_case(id: i64) -> Result<Option<ReportCase>, ServerFnError> {
    let viewer = require(Access::AtLeast(Role::Curator))?;
    let role = viewer
        .user
        .as_ref()
        .map(|user| user.role)
        .unwrap_or(Role::Curator);
    let Some(row) = super::repo::case(&from_context()?, id)
        .await
        .map_err(internal_error)?
    else {
        return Ok(None);
    };
    Ok(Some(ReportCase {
        id: row.id,
        kind: row.kind(),
        reason: row.reason(),
        status: row.status(),
        note: row.note,
        excerpt: row.excerpt,
        reported_at: row.reported_at,
        reporter: row.reporter,
        member: row.member,
        member_id: row.member_id,
        reports_about_member: row.reports_about_member,
        decided_by: row.decided_by,
        decided_at: row.decided_at,
        decision_note: row.decision_note,
        decisions: Decision::options_for(role),
        viewer_is_admin: role == Role::Admin,
    }))
}
