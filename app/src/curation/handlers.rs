//! The contribution forms' POST handlers: saving drafts, lessons and their
//! knowledge-check questions (or previewing them without JavaScript),
//! workflow steps, restoring a revision, and a curator's duplicate
//! decisions. Each checks on the server that the viewer may act on that
//! resource, then redirects (303) with a confirmation or shows the page
//! again with the reason.

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::contribution_repo::{self as repo, Contribution};
use super::contribution_server::actor_of;
use super::draft::{DraftInput, LessonDraft, LessonInput, ResourceDraft};
use super::question_draft::{parse_question, QuestionChoice, QuestionInput, KNOWLEDGE_CHECK_FIELD};
use super::workflow::{may_edit, Actor, Refusal, Step};
use crate::forms::FormFeedback;
use crate::resources::questions::MAX_QUESTIONS_PER_LESSON;
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
        match find($context, $form, $slug).await? {
            Ok(found) => found,
            Err(response) => return Ok(response),
        }
    };
}

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

/// `POST /contribute/{slug}/workflow`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StepInput {
    step: String,
}

/// `POST /contribute/{slug}/restore`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RestoreInput {
    number: String,
}

/// `POST /contribute/{slug}/duplicates`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DuplicateInput {
    other: String,
    decision: String,
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

/// `POST /contribute/{slug}/workflow`: `step` and, for some steps, `note`.
pub async fn take_step(
    State(context): State<WebContext>,
    SignedIn(me): SignedIn,
    Path(slug): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let (contribution, actor, form) = find_or_404!(&context, form, &slug);
    let page = overview_path(&slug);
    let revising: Revising = form.input()?;
    let Some(step) = Step::from_slug(&form.input::<StepInput>()?.step) else {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            "workflow",
            "Choose what to do with this resource",
        )
        .await);
    };
    let note = revising.note(2000);
    let to = match step.apply(contribution.stage, actor, &note) {
        Ok(to) => to,
        Err(refusal @ Refusal::NoteNeeded(_)) => {
            return Ok(refuse(
                &context,
                form,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                "note",
                refusal.to_string(),
            )
            .await)
        }
        Err(refusal @ (Refusal::CuratorsOnly(_) | Refusal::OwnerOnly(_) | Refusal::OwnWork)) => {
            return Ok(refuse(
                &context,
                form,
                &page,
                StatusCode::FORBIDDEN,
                "workflow",
                refusal.to_string(),
            )
            .await)
        }
        Err(refusal) => {
            return Ok(refuse(
                &context,
                form,
                &page,
                StatusCode::CONFLICT,
                "workflow",
                refusal.to_string(),
            )
            .await)
        }
    };
    // A curator must decide on the content they saw, not a newer one.
    let latest = repo::latest_version(&context.db, contribution.id).await?;
    if revising.seen() != Some(latest) {
        return Ok(stale(&context, form, &slug).await);
    }
    let today = chrono::Utc::now().date_naive();
    if !repo::change_stage(&context.db, &contribution, me.id, step, to, &note, today).await? {
        return Ok(stale(&context, form, &slug).await);
    }
    let notice = format!(
        "\u{201c}{}\u{201d} is now: {}",
        contribution.draft.title,
        to.label().to_lowercase()
    );
    let next = if actor.is_curator && !actor.is_owner && step != Step::Submit {
        "/curation/queue".to_string()
    } else {
        page
    };
    Ok(done(&form.viewer, &next, notice).await)
}

/// `POST /contribute/{slug}/restore`: `number` of the revision to bring
/// back, saved as a new revision.
pub async fn restore(
    State(context): State<WebContext>,
    SignedIn(me): SignedIn,
    Path(slug): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let (contribution, actor, form) = find_or_404!(&context, form, &slug);
    if !may_edit(contribution.stage, actor) {
        return Ok(locked(&context, form, &contribution).await);
    }
    let page = format!("/contribute/{slug}/history");
    let number = form.input::<RestoreInput>()?.number.parse::<i64>().ok();
    let old = match number {
        Some(number) => repo::revision(&context.db, contribution.id, number).await?,
        None => None,
    };
    let (Some(number), Some(mut old)) = (number, old) else {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            "versions",
            "Choose a version to restore",
        )
        .await);
    };
    // The provider may have gone since; keep the current one then.
    let providers = repo::providers(&context.db).await?;
    if !providers.iter().any(|(known, _)| *known == old.provider) {
        old.provider = contribution.draft.provider.clone();
    }
    let seen = form.input::<Revising>()?.seen();
    let note = format!("Restored version {number}");
    save_revision(
        &context,
        form,
        me.id,
        seen,
        &contribution,
        NewRevision::of(&contribution, &old, &note),
    )
    .await
}

/// `POST /contribute/{slug}/lessons/new`.
pub async fn add_lesson(
    State(context): State<WebContext>,
    SignedIn(me): SignedIn,
    Path(slug): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    lesson(context, me.id, slug, None, form).await
}

/// `POST /contribute/{slug}/lessons/{position}`: save, preview or delete;
/// with a `question` field, the same for one of its questions.
pub async fn change_lesson(
    State(context): State<WebContext>,
    SignedIn(me): SignedIn,
    Path((slug, position)): Path<(String, String)>,
    form: SubmittedForm,
) -> Outcome {
    let position = position.parse::<usize>().ok().filter(|n| *n >= 1);
    match position {
        Some(position) => lesson(context, me.id, slug, Some(position), form).await,
        None => Ok(not_found(&context, form).await),
    }
}

async fn lesson(
    context: WebContext,
    author: i64,
    slug: String,
    position: Option<usize>,
    form: SubmittedForm,
) -> Outcome {
    let (contribution, actor, form) = find_or_404!(&context, form, &slug);
    if !may_edit(contribution.stage, actor) {
        return Ok(locked(&context, form, &contribution).await);
    }
    if position.is_some_and(|n| n > contribution.draft.lessons.len()) {
        return not_there_or_stale(&context, form, &contribution).await;
    }
    let page = match position {
        Some(n) => format!("/contribute/{slug}/lessons/{n}"),
        None => format!("/contribute/{slug}/lessons/new"),
    };
    if contribution.draft.kind != crate::vocabulary::ResourceKind::Module {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::CONFLICT,
            "title",
            "Only modules have lessons",
        )
        .await);
    }
    // The question form posts to its lesson's address, naming the question.
    if let Some(question) = form.input::<QuestionField>()?.question {
        return match position {
            Some(lesson) => {
                change_question(&context, form, author, &contribution, lesson, &question).await
            }
            None => Ok(not_found(&context, form).await),
        };
    }
    let revising: Revising = form.input()?;
    if revising.wants_preview() {
        return Ok(preview(&context, form, &page).await);
    }
    let mut draft = contribution.draft.clone();
    let note = match (position, revising.action.as_str()) {
        (Some(n), "delete") => {
            let removed = draft.lessons.remove(n - 1);
            format!("Deleted lesson {n}: {}", removed.title)
        }
        _ => {
            // The lesson's questions are edited on their own form: kept.
            let questions = position
                .and_then(|n| draft.lessons.get(n - 1))
                .map(|lesson| lesson.questions.clone())
                .unwrap_or_default();
            let lesson = match LessonDraft::parse(&form.input::<LessonInput>()?, questions) {
                Ok(lesson) => lesson,
                Err(problems) => {
                    return Ok(show_field_errors(&context, form, &page, problems).await)
                }
            };
            match position {
                Some(n) => {
                    draft.lessons[n - 1] = lesson;
                    format!("Changed lesson {n}")
                }
                None => {
                    draft.lessons.push(lesson);
                    format!("Added lesson {}", draft.lessons.len())
                }
            }
        }
    };
    save_revision(
        &context,
        form,
        author,
        revising.seen(),
        &contribution,
        NewRevision::of(&contribution, &draft, &note),
    )
    .await
}

/// A post naming a lesson or question the draft does not have: out of date
/// (409) if it was sent from a page older than the latest version (someone
/// deleted it in between), else not found.
async fn not_there_or_stale(
    context: &WebContext,
    form: SubmittedForm,
    contribution: &Contribution,
) -> Outcome {
    let seen = form.input::<Revising>()?.seen();
    let latest = repo::latest_version(&context.db, contribution.id).await?;
    if seen.is_some_and(|seen| seen != latest) {
        return Ok(stale(context, form, &contribution.slug).await);
    }
    Ok(not_found(context, form).await)
}

/// The question form's own field, besides its answers and [`Revising`]'s:
/// which question it is (see [`QuestionChoice`]). A lesson's post without
/// it is the lesson's form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct QuestionField {
    question: Option<String>,
}

/// A post of the question form of lesson `lesson` (which exists): saves
/// the new or changed question, or deletes it, as a new revision, then goes
/// back to the lesson's editor.
async fn change_question(
    context: &WebContext,
    form: SubmittedForm,
    author: i64,
    contribution: &Contribution,
    lesson: usize,
    question: &str,
) -> Outcome {
    let slug = &contribution.slug;
    let lesson_page = format!("/contribute/{slug}/lessons/{lesson}");
    let saved = &contribution.draft.lessons[lesson - 1].questions;
    let Some(choice) = QuestionChoice::parse(question, saved.len()) else {
        return not_there_or_stale(context, form, contribution).await;
    };
    let page = format!("{lesson_page}?question={}", choice.as_query());
    let revising: Revising = form.input()?;
    let mut draft = contribution.draft.clone();
    let questions = &mut draft.lessons[lesson - 1].questions;
    let note = match (choice, revising.action.as_str()) {
        (QuestionChoice::Number(n), "delete") => {
            questions.remove(n - 1);
            format!("Deleted question {n} of lesson {lesson}")
        }
        (QuestionChoice::New, "delete") => {
            return Err(crate::web::form::Failure::Unreadable(
                "a question not saved yet cannot be deleted".into(),
            ))
        }
        // Checked before the fields: a full check takes no question, however
        // well written.
        (QuestionChoice::New, _) if questions.len() >= MAX_QUESTIONS_PER_LESSON => {
            return Ok(refuse(
                context,
                form,
                &lesson_page,
                StatusCode::CONFLICT,
                KNOWLEDGE_CHECK_FIELD,
                format!(
                    "Lesson {lesson} already has {MAX_QUESTIONS_PER_LESSON} questions, the most a lesson can have: change or delete one instead"
                ),
            )
            .await)
        }
        (choice, _) => {
            let parsed = match parse_question(&form.input::<QuestionInput>()?) {
                Ok(parsed) => parsed,
                Err(problems) => {
                    return Ok(show_field_errors(context, form, &page, problems).await)
                }
            };
            match choice {
                QuestionChoice::Number(n) => {
                    questions[n - 1] = parsed;
                    format!("Changed question {n} of lesson {lesson}")
                }
                QuestionChoice::New => {
                    questions.push(parsed);
                    format!("Added question {} to lesson {lesson}", questions.len())
                }
            }
        }
    };
    if draft == contribution.draft {
        return Ok(done(
            &form.viewer,
            &lesson_page,
            "Nothing had changed, so no new version was saved",
        )
        .await);
    }
    save_revision(
        context,
        form,
        author,
        revising.seen(),
        contribution,
        NewRevision {
            draft: &draft,
            note: &note,
            next: lesson_page,
        },
    )
    .await
}

/// `POST /contribute/{slug}/duplicates`: `other` (a slug) and `decision`:
/// `not_duplicate`, or `merge` (this resource into the other).
pub async fn decide_duplicate(
    State(context): State<WebContext>,
    SignedIn(me): SignedIn,
    Path(slug): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let (contribution, _, form) = find_or_404!(&context, form, &slug);
    let page = overview_path(&slug);
    let input: DuplicateInput = form.input()?;
    let other = match repo::load(&context.db, &input.other).await? {
        Some(other) if other.id != contribution.id => other,
        _ => {
            return Ok(refuse(
                &context,
                form,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                "duplicates",
                "Choose one of the similar resources listed",
            )
            .await)
        }
    };
    match input.decision.as_str() {
        "not_duplicate" => {
            repo::dismiss_duplicate(&context.db, contribution.id, other.id, me.id).await?;
            Ok(done(
                &form.viewer,
                &page,
                format!(
                    "\u{201c}{}\u{201d} will not be listed as a possible duplicate again",
                    other.draft.title
                ),
            )
            .await)
        }
        "merge" => {
            if other.stage != super::workflow::Stage::Published {
                return Ok(refuse(&context, form, &page, StatusCode::CONFLICT, "duplicates", "Merge only into a published resource, so that its old address still leads somewhere").await);
            }
            if !repo::merge(&context.db, &contribution, &other, me.id).await? {
                return Ok(stale(&context, form, &slug).await);
            }
            Ok(done(
                &form.viewer,
                &format!("/resources/{}", other.slug),
                format!(
                    "Merged: \u{201c}{}\u{201d} is archived and its address now leads here",
                    contribution.draft.title
                ),
            )
            .await)
        }
        _ => Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            "duplicates",
            "Choose whether it is a duplicate",
        )
        .await),
    }
}
