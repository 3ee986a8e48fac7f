//! Server functions behind the contribution pages. Contributors see and
//! edit only what they proposed; curators see everything. Reads only
//! (GET); the live preview is `forms::preview_markdown`.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::contribution::{ContributionOverview, ContributionRow, EditorData, LessonEditorData};
use super::revisions::{RevisionDiff, RevisionSummary};
#[cfg(feature = "ssr")]
use super::{
    contribution::{LessonReview, QueueFilters},
    contribution_repo::{self as repo, Contribution},
    workflow::{may_edit, Actor, Stage, Step},
};
#[cfg(feature = "ssr")]
use crate::db::{from_context, internal_error, Db};
#[cfg(feature = "ssr")]
use crate::web::{
    access::{require, Access},
    identity::Role,
    session::Viewer,
};

/// The workflow's view of the viewer for one resource.
#[cfg(feature = "ssr")]
pub fn actor_of(viewer: &Viewer, owner: Option<i64>) -> Actor {
    let user = viewer.user.as_ref();
    Actor {
        is_owner: owner.is_some() && user.map(|user| user.id) == owner,
        is_curator: user.is_some_and(|user| user.role >= Role::Curator),
    }
}

/// The resource, if the viewer may see it in review (proposer or curator).
#[cfg(feature = "ssr")]
async fn visible(
    db: &Db,
    viewer: &Viewer,
    slug: &str,
) -> Result<Option<(Contribution, Actor)>, ServerFnError> {
    let found = repo::load(db, slug).await.map_err(internal_error)?;
    Ok(found.and_then(|contribution| {
        let actor = actor_of(viewer, contribution.owner_id);
        (actor.is_owner || actor.is_curator).then_some((contribution, actor))
    }))
}

#[cfg(feature = "ssr")]
fn posted_values() -> Option<Vec<(String, String)>> {
    use_context::<crate::forms::FormFeedback>()
        .map(|feedback| feedback.values)
        .filter(|values| !values.is_empty())
}

/// The version a form shown again was first made from: a save after a
/// failed one must still be refused if someone saved in between.
#[cfg(feature = "ssr")]
fn posted_version(posted: &Option<Vec<(String, String)>>, latest: i64) -> i64 {
    posted
        .as_ref()
        .and_then(|values| values.iter().find(|(name, _)| name == "version"))
        .and_then(|(_, version)| version.parse().ok())
        .unwrap_or(latest)
}

/// `/contribute/new` and `/contribute/{slug}/edit`: what the editor starts
/// with. `None` when there is no such resource for this viewer.
#[server(input = GetUrl)]
pub async fn contribution_editor(
    slug: Option<String>,
) -> Result<Option<EditorData>, ServerFnError> {
    let viewer = require(Access::AtLeast(Role::Contributor))?;
    let db = from_context()?;
    // Read before the first `await`: the request's context may be gone
    // after one.
    let posted = posted_values();
    let providers = repo::providers(&db).await.map_err(internal_error)?;
    let (stage, saved, lessons, locked, version) = match &slug {
        None => {
            let today = chrono::Utc::now().date_naive();
            let fresh = vec![
                ("reviewed_on".to_string(), today.to_string()),
                (
                    "review_by".to_string(),
                    (today + chrono::Months::new(12)).to_string(),
                ),
                (
                    "pass_mark".to_string(),
                    crate::resources::questions::DEFAULT_PASS_MARK.to_string(),
                ),
            ];
            (Stage::Draft, fresh, Vec::new(), None, 0_i64)
        }
        Some(slug) => {
            let Some((contribution, actor)) = visible(&db, &viewer, slug).await? else {
                return Ok(None);
            };
            let locked = (!may_edit(contribution.stage, actor)).then(|| {
                format!(
                    "This resource is {} and cannot be changed now.",
                    contribution.stage.label().to_lowercase()
                )
            });
            let lessons = contribution
                .draft
                .lessons
                .iter()
                .map(|l| l.title.clone())
                .collect();
            let version = repo::latest_version(&db, contribution.id)
                .await
                .map_err(internal_error)?;
            (
                contribution.stage,
                contribution.draft.form_values(),
                lessons,
                locked,
                version,
            )
        }
    };
    let version = posted_version(&posted, version);
    let values = posted.unwrap_or(saved);
    let body = values
        .iter()
        .find(|(name, _)| name == "body")
        .map(|(_, body)| body.as_str())
        .unwrap_or("");
    Ok(Some(EditorData {
        preview_html: crate::markdown::render(body),
        slug,
        stage,
        values,
        providers,
        lessons,
        locked,
        version,
    }))
}

/// `/contribute/{slug}/lessons/new` and `/contribute/{slug}/lessons/{n}`;
/// with `question` (`?question=new` or `?question=N`), the editor of one
/// of the lesson's knowledge-check questions instead.
#[server(input = GetUrl)]
pub async fn lesson_editor(
    slug: String,
    position: Option<u32>,
    question: Option<String>,
) -> Result<Option<LessonEditorData>, ServerFnError> {
    use super::contribution::{QuestionEditor, QuestionSummary};
    use super::question_draft::{question_form_values, QuestionChoice};

    let viewer = require(Access::AtLeast(Role::Contributor))?;
    let db = from_context()?;
    let posted = posted_values();
    let Some((contribution, actor)) = visible(&db, &viewer, &slug).await? else {
        return Ok(None);
    };
    if !may_edit(contribution.stage, actor) {
        return Ok(None);
    }
    let saved = match position {
        None => Default::default(),
        Some(n) => match contribution.draft.lessons.get((n as usize).wrapping_sub(1)) {
            Some(lesson) => lesson.clone(),
            None => return Ok(None),
        },
    };
    let question = match (question.as_deref(), position) {
        (None, _) => None,
        // A lesson not yet saved has no knowledge check to edit.
        (Some(_), None) => return Ok(None),
        (Some(raw), Some(_)) => {
            let Some(choice) = QuestionChoice::parse(raw, saved.questions.len()) else {
                return Ok(None);
            };
            // What a refused post of this form sent, else the saved question.
            let values = posted
                .clone()
                .filter(|values| values.iter().any(|(name, _)| name == "question"))
                .unwrap_or_else(|| match choice.number() {
                    Some(n) => question_form_values(&saved.questions[n - 1]),
                    None => Vec::new(),
                });
            Some(QuestionEditor {
                number: choice.number().map(|n| n as u32),
                values,
            })
        }
    };
    let pick = |name: &str, saved: String| {
        posted
            .as_ref()
            .and_then(|values| values.iter().find(|(field, _)| field == name))
            .map(|(_, value)| value.clone())
            .unwrap_or(saved)
    };
    let body = match question {
        None => pick("body", saved.body),
        Some(_) => String::new(),
    };
    let latest = repo::latest_version(&db, contribution.id)
        .await
        .map_err(internal_error)?;
    let version = posted_version(&posted, latest);
    let questions = saved
        .questions
        .iter()
        .map(|question| QuestionSummary {
            prompt: question.prompt.clone(),
            answers: question.answers.len() as u32,
        })
        .collect();
    Ok(Some(LessonEditorData {
        version,
        slug,
        resource_title: contribution.draft.title,
        position,
        title: pick("title", saved.title),
        preview_html: crate::markdown::render(&body),
        body,
        questions,
        question,
    }))
}

/// `/contribute/{slug}`: the resource in review, its record and the steps
/// the viewer may take.
#[server(input = GetUrl)]
pub async fn get_contribution(slug: String) -> Result<Option<ContributionOverview>, ServerFnError> {
    let viewer = require(Access::AtLeast(Role::Contributor))?;
    let db = from_context()?;
    let Some((contribution, actor)) = visible(&db, &viewer, &slug).await? else {
        return Ok(None);
    };
    let events = repo::events(&db, contribution.id)
        .await
        .map_err(internal_error)?;
    let feedback = events.iter().rev().find(|event| event.is_feedback).cloned();
    let version = repo::latest_version(&db, contribution.id)
        .await
        .map_err(internal_error)?;
    let only_for = (!actor.is_curator).then(|| viewer.user_id().unwrap_or(-1));
    let duplicates = repo::possible_duplicates(&db, contribution.id, &contribution.draft, only_for)
        .await
        .map_err(internal_error)?;
    let steps = Step::from_stage(contribution.stage)
        .iter()
        .copied()
        .filter(|step| step.apply(contribution.stage, actor, "a note").is_ok())
        .collect();
    let draft = contribution.draft;
    Ok(Some(ContributionOverview {
        slug: contribution.slug,
        kind: draft.kind,
        stage: contribution.stage,
        proposer: contribution.proposer,
        body_html: crate::markdown::render(&draft.body),
        lessons: draft
            .lessons
            .iter()
            .map(|lesson| LessonReview {
                title: lesson.title.clone(),
                questions: lesson.questions.clone(),
            })
            .collect(),
        pass_mark: draft.pass_mark,
        title: draft.title,
        summary: draft.summary,
        feedback,
        events,
        steps,
        may_edit: may_edit(contribution.stage, actor),
        is_curator: actor.is_curator,
        version,
        duplicates,
    }))
}

/// A resource's saved versions and, when two are chosen, what changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryData {
    pub slug: String,
    pub title: String,
    pub may_restore: bool,
    /// The latest version's number, sent back with a restore.
    pub version: i64,
    pub revisions: Vec<RevisionSummary>,
    pub diff: Option<RevisionDiff>,
    /// Why the chosen versions could not be compared.
    pub problem: Option<String>,
}

/// `/contribute/{slug}/history?from=&to=`.
#[server(input = GetUrl)]
pub async fn contribution_history(
    slug: String,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<Option<HistoryData>, ServerFnError> {
    let viewer = require(Access::AtLeast(Role::Contributor))?;
    let db = from_context()?;
    let status = crate::response::Status::from_context();
    let Some((contribution, actor)) = visible(&db, &viewer, &slug).await? else {
        return Ok(None);
    };
    let revisions = repo::revisions(&db, contribution.id)
        .await
        .map_err(internal_error)?;
    let mut diff = None;
    let mut problem = None;
    if let (Some(from), Some(to)) = (from, to) {
        let older = repo::revision(&db, contribution.id, from)
            .await
            .map_err(internal_error)?;
        let newer = repo::revision(&db, contribution.id, to)
            .await
            .map_err(internal_error)?;
        match (older, newer) {
            (Some(older), Some(newer)) => {
                let providers = repo::providers(&db).await.map_err(internal_error)?;
                let name = |slug: &str| {
                    providers
                        .iter()
                        .find(|(known, _)| known == slug)
                        .map(|(_, name)| name.clone())
                        .unwrap_or_else(|| slug.to_string())
                };
                diff = Some(super::revisions::diff((from, &older), (to, &newer), name));
            }
            _ => {
                status.set(400);
                problem = Some("Choose two versions from the list to compare.".into());
            }
        }
    }
    Ok(Some(HistoryData {
        version: revisions.first().map(|latest| latest.number).unwrap_or(0),
        slug: contribution.slug,
        title: contribution.draft.title,
        may_restore: may_edit(contribution.stage, actor),
        revisions,
        diff,
        problem,
    }))
}

/// `/contribute`: what the viewer has proposed.
#[server(input = GetUrl)]
pub async fn my_contributions() -> Result<Vec<ContributionRow>, ServerFnError> {
    let viewer = require(Access::AtLeast(Role::Contributor))?;
    let db = from_context()?;
    let me = viewer.user_id().unwrap_or(-1);
    repo::proposed_by(&db, me).await.map_err(internal_error)
}

/// `/curation/queue`: submissions waiting for review, filtered. A bad
/// filter value is an error naming it (400).
#[server(input = GetUrl)]
pub async fn review_queue(
    kind: String,
    sector: String,
    waiting: String,
) -> Result<Result<Vec<ContributionRow>, String>, ServerFnError> {
    require(Access::AtLeast(Role::Curator))?;
    let db = from_context()?;
    let filters = match QueueFilters::parse(&kind, &sector, &waiting) {
        Ok(filters) => filters,
        Err(problem) => {
            crate::response::set_status(400);
            return Ok(Err(problem));
        }
    };
    repo::queue(&db, &filters)
        .await
        .map(Ok)
        .map_err(internal_error)
}
