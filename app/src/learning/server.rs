//! The learning area's reads (and the note of a recently viewed
//! resource): what pages call, on the server while rendering and over HTTP
//! after hydration.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::cpd::CpdEntry;
use super::types::{LearningRecord, LessonEnd, ReaderPanels};
#[cfg(feature = "ssr")]
use crate::{
    db::{from_context, internal_error},
    learning::checks::{panel as check_panel, GivenAnswer},
    learning::{
        repo,
        types::{ModuleProgress, Progress},
    },
    resources::repo as catalogue,
    web::access::{require, Access},
    web::session::{request_viewer, Viewer},
};

/// Notes a signed-in reader's visit to a published resource for "recently
/// viewed": the one write a page read makes, and best effort (a busy
/// database must not cost the page).
#[cfg(feature = "ssr")]
async fn note_view(db: &crate::db::Db, viewer: Option<&Viewer>, resource_id: i64) {
    let Some(user_id) = viewer.and_then(|viewer| viewer.user_id()) else {
        return;
    };
    let now_ms = chrono::Utc::now().timestamp_millis();
    if let Err(error) = repo::record_view(db, user_id, resource_id, now_ms).await {
        tracing::warn!(%error, "could not note a recently viewed resource");
    }
}

/// The reader's progress in the published module `slug`, the module and
/// the reader's answers to its knowledge checks (None for any other
/// resource). The server functions read the viewer from the request's
/// context before their first `await` and hand it on: the context is not
/// there once a future has moved between threads.
#[cfg(feature = "ssr")]
async fn progress_in(
    db: &crate::db::Db,
    viewer: Option<&Viewer>,
    slug: &str,
    with_csrf_token: bool,
) -> Result<Option<(repo::TakenModule, Progress, Vec<GivenAnswer>)>, ServerFnError> {
    let user_id = viewer.and_then(|viewer| viewer.user_id());
    let Some(module) = repo::taken_module(db, slug).await.map_err(internal_error)? else {
        return Ok(None);
    };
    let (Some(user_id), Some(viewer)) = (user_id, viewer) else {
        return Ok(Some((module, Progress::SignedOut, Vec::new())));
    };
    let id = module.facts.id;
    let done = repo::lessons_done(db, user_id, id)
        .await
        .map_err(internal_error)?;
    let completed_at = repo::completed_at(db, user_id, id)
        .await
        .map_err(internal_error)?;
    let answers = if module.checks.is_empty() {
        Vec::new()
    } else {
        let answers = repo::answers(db, user_id, id)
            .await
            .map_err(internal_error)?;
        module.current_answers(answers)
    };
    let standing = (!module.checks.is_empty()).then(|| module.standing(&answers));
    let csrf_token = if with_csrf_token {
        crate::web::csrf::ensure_token(&viewer.session)
            .await
            .map_err(internal_error)?
    } else {
        String::new()
    };
    let progress = Progress::Member(ModuleProgress {
        done,
        completed_on: completed_at.and_then(crate::dates::uk_day_of),
        csrf_token,
        standing,
    });
    Ok(Some((module, progress, answers)))
}

/// The end of lesson `position` of a published module (None for any other
/// resource): the reader's progress and the lesson's knowledge check.
#[server(input = GetUrl)]
pub async fn load_lesson_end(
    slug: String,
    position: u32,
) -> Result<Option<LessonEnd>, ServerFnError> {
    let db = from_context()?;
    let viewer = request_viewer();
    let feedback = use_context::<crate::forms::FormFeedback>().unwrap_or_default();
    let Some((module, progress, answers)) = progress_in(&db, viewer.as_ref(), &slug, true).await?
    else {
        return Ok(None);
    };
    note_view(&db, viewer.as_ref(), module.facts.id).await;
    let reader = match &progress {
        Progress::SignedOut => check_panel::Reader::SignedOut,
        Progress::Member(member) => check_panel::Reader::Member {
            answers: answers
                .into_iter()
                .filter(|answer| answer.lesson == position)
                .collect(),
            standing: member.standing.unwrap_or_default(),
            csrf_token: member.csrf_token.clone(),
        },
    };
    let check_html = check_panel::render(
        &slug,
        position,
        module.questions(position),
        reader,
        &feedback,
    );
    Ok(Some(LessonEnd {
        progress,
        check_html,
    }))
}

/// A signed-in reader of a resource's page, with their session's CSRF
/// token for the forms below its text.
#[cfg(feature = "ssr")]
pub(crate) struct SignedInReader {
    pub user_id: i64,
    pub csrf_token: String,
}

/// What the published resource `slug`'s page shows around its text,
/// rendered on the server (None for any other resource). Loading it notes
/// a signed-in reader's visit.
#[server(input = GetUrl)]
pub async fn load_reader_panels(slug: String) -> Result<Option<ReaderPanels>, ServerFnError> {
    let db = from_context()?;
    let viewer = request_viewer();
    let feedback = use_context::<crate::forms::FormFeedback>().unwrap_or_default();
    let error_summary = super::useful::panel::error_summary(&feedback);
    let Some(resource_id) = catalogue::published_id(&db, &slug)
        .await
        .map_err(internal_error)?
    else {
        return Ok(None);
    };
    let viewer = viewer.as_ref();
    note_view(&db, viewer, resource_id).await;
    let (lead, lessons) = module_outline(&db, viewer, &slug).await?;
    let domains = match catalogue::capability_domains(&db, resource_id).await {
        Ok(Some((domains, level))) => super::capability::panel::render(
            &crate::vocabulary::Capability::from_mask(domains),
            level,
            viewer.and_then(|viewer| viewer.user_id()).is_some(),
        ),
        Ok(None) => String::new(),
        Err(error) => {
            tracing::warn!(%error, "could not read a resource's capability domains");
            String::new()
        }
    };
    let lessons = lessons + &domains;
    let tool = match catalogue::kind_and_topics(&db, resource_id).await {
        Ok(Some((kind, topics))) => crate::resources::tools::working_tool(
            kind,
            &crate::vocabulary::Topic::from_mask(topics),
        )
        .map(crate::resources::tools::open_the_tool_html)
        .unwrap_or_default(),
        Ok(None) => String::new(),
        Err(error) => {
            tracing::warn!(%error, "could not read a resource's kind and topics");
            String::new()
        }
    };
    let signed_in = match viewer.and_then(|viewer| viewer.user_id().map(|id| (viewer, id))) {
        Some((viewer, user_id)) => {
            crate::web::csrf::ensure_token(&viewer.session)
                .await
                .map(|csrf_token| {
                    Some(SignedInReader {
                        user_id,
                        csrf_token,
                    })
                })
        }
        None => Ok(None),
    };
    // A failure in one of these must not cost the module's outline: the
    // section is left out instead (never shown as to someone signed out).
    let signed_in = match signed_in {
        Ok(signed_in) => signed_in,
        Err(error) => {
            tracing::warn!(%error, "could not read a reader's session");
            return Ok(Some(ReaderPanels {
                lead: error_summary + &tool + &lead,
                after: lessons,
            }));
        }
    };
    let signed_in = signed_in.as_ref();
    let save =
        match super::collections::panel_html(&db, signed_in, feedback.clone(), &slug, resource_id)
            .await
        {
            Ok(save) => save,
            Err(error) => {
                tracing::warn!(%error, "could not read a reader's collections");
                String::new()
            }
        };
    let useful = match super::useful::panel_html(&db, signed_in, feedback, &slug, resource_id).await
    {
        Ok(useful) => useful,
        Err(error) => {
            tracing::warn!(%error, "could not read a resource's usefulness");
            String::new()
        }
    };
    Ok(Some(ReaderPanels {
        lead: error_summary + &tool + &lead,
        after: lessons + &save + &useful,
    }))
}

/// A module page's progress as HTML: above the text, and the lessons below
/// it (both empty for any other resource). Progress that cannot be read
/// leaves the lessons, unmarked.
#[cfg(feature = "ssr")]
async fn module_outline(
    db: &crate::db::Db,
    viewer: Option<&Viewer>,
    slug: &str,
) -> Result<(String, String), ServerFnError> {
    let (module, progress) = match progress_in(db, viewer, slug, false).await {
        Ok(Some((module, progress, _))) => (module.facts, Some(progress)),
        Ok(None) => return Ok(Default::default()),
        Err(error) => {
            tracing::warn!(%error, "could not read a reader's progress");
            match catalogue::published_module(db, slug)
                .await
                .map_err(internal_error)?
            {
                Some(module) => (module, None),
                None => return Ok(Default::default()),
            }
        }
    };
    let lessons = catalogue::lesson_titles(db, module.id)
        .await
        .map_err(internal_error)?;
    if lessons.is_empty() {
        return Ok(Default::default());
    }
    Ok(super::pages::outline::render(slug, &lessons, progress))
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
        certificates: super::credentials::repo::certificates(&db, user.id)
            .await
            .map_err(internal_error)?,
        self_assessed_on: super::capability::repo::latest_on(&db, user.id)
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
