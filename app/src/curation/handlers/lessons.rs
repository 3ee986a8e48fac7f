//! A draft's lessons and their knowledge-check questions: adding a lesson,
//! and saving, previewing or deleting one or one of its questions.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{locked, not_found, preview, save_revision, stale, NewRevision, Revising};
use crate::curation::contribution_repo::{self as repo, Contribution};
use crate::curation::draft::{LessonDraft, LessonInput};
use crate::curation::question_draft::{
    parse_question, QuestionChoice, QuestionInput, KNOWLEDGE_CHECK_FIELD,
};
use crate::curation::workflow::may_edit;
use crate::resources::questions::MAX_QUESTIONS_PER_LESSON;
use crate::web::form::{
    done, refuse, show_field_errors, Outcome, SignedIn, SubmittedForm, WebContext,
};

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
