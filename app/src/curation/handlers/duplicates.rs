//! `POST /contribute/{slug}/duplicates`: a curator's decision on a
//! possible duplicate (not one, or merged into the other).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{overview_path, stale};
use crate::curation::contribution_repo as repo;
use crate::curation::workflow::Stage;
use crate::web::form::{done, refuse, Outcome, SignedIn, SubmittedForm, WebContext};

/// `POST /contribute/{slug}/duplicates`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DuplicateInput {
    other: String,
    decision: String,
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
            if other.stage != Stage::Published {
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
