//! The contribution forms' POST handlers: here, every route, starting a
//! draft and saving it (or previewing it without JavaScript), and what
//! the others share (finding the resource, saving a revision by version);
//! in `steps`, workflow steps and restoring a revision; in `lessons`,
//! lessons and their knowledge-check questions; in `duplicates`, a
//! curator's duplicate decisions. Each checks on the server that the
//! viewer may act on that resource, then redirects (303) with a
//! confirmation or shows the page again with the reason.

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::contribution_repo::{self as repo, Contribution};
use super::contribution_server::actor_of;
use super::draft::{DraftInput, LessonDraft, ResourceDraft};
use super::workflow::{may_edit, Actor, Refusal};
use crate::forms::FormFeedback;
use crate::web::access::{Access, Endpoints};
use crate::web::form::{
    done, refuse, show_again, show_field_errors, Outcome, SignedIn, SubmittedForm, WebContext,
};
use crate::web::identity::Role;

/// Every contribution endpoint, with the access each needs.
pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
{
    let contributor = Access::AtLeast(Role::Contributor);
    Endpoints::new()
        .post("/contribute/new", contributor, create)
        .post("/contribute/{slug}/edit", contributor, save)
        .post("/contribute/{slug}/workflow", contributor, take_step)
        .post("/contribute/{slug}/restore", contributor, restore)
        .post("/contribute/{slug}/lessons/new", contributor, add_lesson)
        .post(
            "/contribute/{slug}/lessons/{position}",
            contributor,
            change_lesson,
        )
        .post(
            "/contribute/{slug}/duplicates",
            Access::AtLeast(Role::Curator),
            decide_duplicate,
        )
}

/// The resource and the viewer's part in it, or returns the 404 page.
macro_rules! find_or_404 {
    ($context:expr, $form:expr, $slug:expr) => {
        match $crate::curation::handlers::find($context, $form, $slug).await? {
            Ok(found) => found,
            Err(response) => return Ok(response),
        }
    };
}

mod duplicates;
mod lessons;
mod steps;
use duplicates::decide_duplicate;
use lessons::{add_lesson, change_lesson};
use steps::{restore, take_step};

/// What each contribution form posts beside its own fields: the button
/// pressed (`action`: save, preview, delete), the version the form was made
/// from (see `EditorData::version`) and a note about the change.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Revising {
    action: String,
    version: String,
    note: String,
}

impl Revising {
    fn seen(&self) -> Option<i64> {
        self.version.parse().ok()
    }

    fn wants_preview(&self) -> bool {
        self.action == "preview"
    }

    /// The note, trimmed and cut to `max` characters.
    fn note(&self, max: usize) -> String {
        self.note.trim().chars().take(max).collect()
    }
}

fn overview_path(slug: &str) -> String {
    format!("/contribute/{slug}")
}

/// The resource and the viewer's part in it, or the 404 page when it is
/// not there or not theirs to see.
async fn find(
    context: &WebContext,
    form: SubmittedForm,
    slug: &str,
) -> Result<Result<(Contribution, Actor, SubmittedForm), Response>, crate::web::form::Failure> {
    let found = repo::load(&context.db, slug).await?;
    match found {
        Some(contribution) => {
            let actor = actor_of(&form.viewer, contribution.owner_id);
            if actor.is_owner || actor.is_curator {
                return Ok(Ok((contribution, actor, form)));
            }
            Ok(Err(not_found(context, form).await))
        }
        None => Ok(Err(not_found(context, form).await)),
    }
}

async fn not_found(context: &WebContext, form: SubmittedForm) -> Response {
    show_again(
        context,
        form,
        "/contribute/not-found",
        StatusCode::NOT_FOUND,
        FormFeedback::default(),
    )
    .await
}

/// The page again with the typed values and a preview (200).
async fn preview(context: &WebContext, form: SubmittedForm, page: &str) -> Response {
    let feedback = form.feedback();
    show_again(context, form, page, StatusCode::OK, feedback).await
}

async fn parse_draft(
    context: &WebContext,
    form: &SubmittedForm,
    lessons: Vec<LessonDraft>,
) -> Result<Result<ResourceDraft, Vec<(&'static str, String)>>, crate::web::form::Failure> {
    let providers: Vec<String> = repo::providers(&context.db)
        .await?
        .into_iter()
        .map(|(slug, _)| slug)
        .collect();
    Ok(ResourceDraft::parse(
        &form.input::<DraftInput>()?,
        &providers,
        lessons,
    ))
}

/// `POST /contribute/new`: starts a draft owned by the viewer.
pub async fn create(
    State(context): State<WebContext>,
    SignedIn(me): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let page = "/contribute/new";
    if form.input::<Revising>()?.wants_preview() {
        return Ok(preview(&context, form, page).await);
    }
    let draft = match parse_draft(&context, &form, Vec::new()).await? {
        Ok(draft) => draft,
        Err(problems) => return Ok(show_field_errors(&context, form, page, problems).await),
    };
    let slug = repo::create(&context.db, me.id, &draft).await?;
    Ok(done(
        &form.viewer,
        &overview_path(&slug),
        "Your draft has been saved. Submit it for review when it is ready.",
    )
    .await)
}

/// The refusal for a change to a resource its stage does not allow.
async fn locked(
    context: &WebContext,
    form: SubmittedForm,
    contribution: &Contribution,
) -> Response {
    refuse(
        context,
        form,
        &overview_path(&contribution.slug),
        StatusCode::CONFLICT,
        "workflow",
        format!(
            "This resource is {} and cannot be changed now",
            contribution.stage.label().to_lowercase()
        ),
    )
    .await
}

/// One save of a whole draft as a new revision: what it stores, the note
/// its history keeps and the page the editor goes to once it is saved.
struct NewRevision<'a> {
    draft: &'a ResourceDraft,
    note: &'a str,
    next: String,
}

impl<'a> NewRevision<'a> {
    /// A save after which the editor sees the resource's page.
    fn of(contribution: &Contribution, draft: &'a ResourceDraft, note: &'a str) -> Self {
        NewRevision {
            draft,
            note,
            next: overview_path(&contribution.slug),
        }
    }
}

/// Saves the revision, if the form's version (`seen`) is still the latest.
async fn save_revision(
    context: &WebContext,
    form: SubmittedForm,
    author: i64,
    seen: Option<i64>,
    contribution: &Contribution,
    revision: NewRevision<'_>,
) -> Outcome {
    let Some(seen) = seen else {
        return Ok(stale(context, form, &contribution.slug).await);
    };
    let NewRevision { draft, note, next } = revision;
    match repo::save(&context.db, contribution, seen, author, draft, note).await? {
        Some(number) => Ok(done(&form.viewer, &next, format!("Saved as version {number}")).await),
        None => Ok(stale(context, form, &contribution.slug).await),
    }
}

async fn stale(context: &WebContext, form: SubmittedForm, slug: &str) -> Response {
    refuse(
        context,
        form,
        &overview_path(slug),
        StatusCode::CONFLICT,
        "workflow",
        Refusal::Stale.to_string(),
    )
    .await
}

/// `POST /contribute/{slug}/edit`: saves the editor as a new revision.
pub async fn save(
    State(context): State<WebContext>,
    SignedIn(me): SignedIn,
    Path(slug): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let (contribution, actor, form) = find_or_404!(&context, form, &slug);
    if !may_edit(contribution.stage, actor) {
        return Ok(locked(&context, form, &contribution).await);
    }
    let page = format!("/contribute/{slug}/edit");
    let revising: Revising = form.input()?;
    if revising.wants_preview() {
        return Ok(preview(&context, form, &page).await);
    }
    let draft = match parse_draft(&context, &form, contribution.draft.lessons.clone()).await? {
        Ok(draft) => draft,
        Err(problems) => return Ok(show_field_errors(&context, form, &page, problems).await),
    };
    if draft == contribution.draft {
        return Ok(done(
            &form.viewer,
            &overview_path(&slug),
            "Nothing had changed, so no new version was saved",
        )
        .await);
    }
    let note = revising.note(300);
    save_revision(
        &context,
        form,
        me.id,
        revising.seen(),
        &contribution,
        NewRevision::of(&contribution, &draft, &note),
    )
    .await
}
