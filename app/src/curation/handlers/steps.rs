//! `POST /contribute/{slug}/workflow` (a step: submit, return, publish…)
//! and `POST /contribute/{slug}/restore` (an earlier revision brought back
//! as a new one).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{locked, overview_path, save_revision, stale, NewRevision, Revising};
use crate::curation::contribution_repo as repo;
use crate::curation::workflow::{may_edit, Refusal, Step};
use crate::web::form::{done, refuse, Outcome, SignedIn, SubmittedForm, WebContext};

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
