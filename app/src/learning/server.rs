//! The learning area's reads (and the note of a recently viewed
//! resource): what pages call, on the server while rendering and over HTTP
//! after hydration.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::cpd::CpdEntry;
use super::types::{LearningRecord, Progress};
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error},
    learning::{repo, types::ModuleProgress},
    resources::repo as catalogue,
    web::access::{require, Access},
    web::session::request_viewer,
};

/// The reader's progress in a published module (None for any other
/// resource). A signed-in reader's visit is noted for "recently viewed",
/// whatever the kind: the one write a page read makes, and best effort (a
/// busy database must not cost the reader their progress marks).
#[server(input = GetUrl)]
pub async fn load_module_progress(slug: String) -> Result<Option<Progress>, ServerFnError> {
    let db = from_context()?;
    let user_id = request_viewer().and_then(|viewer| viewer.user_id());
    let module = catalogue::published_module(&db, &slug)
        .await
        .map_err(internal_error)?;
    if let Some(user_id) = user_id {
        let resource_id = match &module {
            Some(module) => Some(module.id),
            None => catalogue::published_id(&db, &slug)
                .await
                .map_err(internal_error)?,
        };
        if let Some(resource_id) = resource_id {
            let now_ms = chrono::Utc::now().timestamp_millis();
            if let Err(error) = repo::record_view(&db, user_id, resource_id, now_ms).await {
                tracing::warn!(%error, "could not note a recently viewed resource");
            }
        }
    }
    let Some(module) = module else {
        return Ok(None);
    };
    let Some(user_id) = user_id else {
        return Ok(Some(Progress::SignedOut));
    };
    let done = repo::lessons_done(&db, user_id, module.id)
        .await
        .map_err(internal_error)?;
    let completed_at = repo::completed_at(&db, user_id, module.id)
        .await
        .map_err(internal_error)?;
    Ok(Some(Progress::Member(ModuleProgress {
        done,
        completed_on: completed_at.and_then(crate::dates::uk_day_of),
    })))
}

/// The signed-in member's learning record.
#[server(input = GetUrl)]
pub async fn load_learning_record() -> Result<LearningRecord, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let Some(user) = viewer.user else {
        return Err(ServerFnError::new("not signed in"));
    };
    let db = from_context()?;
    let now_ms = chrono::Utc::now().timestamp_millis();
    Ok(LearningRecord {
        display_name: user.display_name.clone(),
        modules: repo::modules(&db, user.id).await.map_err(internal_error)?,
        cpd: repo::cpd_entries(&db, user.id)
            .await
            .map_err(internal_error)?,
        recent: repo::recent(&db, user.id, now_ms)
            .await
            .map_err(internal_error)?,
    })
}

/// One of the signed-in member's CPD entries (None if there is no such
/// entry of theirs: another member's is not found either).
#[server(input = GetUrl)]
pub async fn load_cpd_entry(id: i64) -> Result<Option<CpdEntry>, ServerFnError> {
    let viewer = require(Access::SignedIn)?;
    let Some(user_id) = viewer.user_id() else {
        return Ok(None);
    };
    repo::cpd_entry(&from_context()?, user_id, id)
        .await
        .map_err(internal_error)
}
