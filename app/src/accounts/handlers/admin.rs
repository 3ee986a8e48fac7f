//! What admins do to other accounts: change the role, suspend or
//! reinstate, end sessions. Admins cannot do these to themselves, so the
//! hub cannot be left without one by accident.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use serde::Deserialize;

use super::{done, show_again, Outcome, SubmittedForm, WebContext};
use crate::accounts::audit::{self, AuditAction, AuditEvent};
use crate::accounts::repo::{self, User};
use crate::accounts::types::{AccountStatus, Role};
use crate::web::form::SignedIn;
use crate::web::session;

/// `POST /admin/users/{id}/role`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RoleInput {
    role: String,
}

/// `POST /admin/users/{id}/status`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StatusInput {
    status: String,
}

/// The target account, or the page again with why not.
async fn target(
    context: &WebContext,
    admin: &User,
    form: SubmittedForm,
    id: i64,
) -> Result<Result<(User, SubmittedForm), Response>, sqlx::Error> {
    let page = format!("/admin/users/{id}");
    if admin.id == id {
        let feedback = form.feedback_with(
            "account",
            "You cannot change your own account here. Ask another admin.",
        );
        return Ok(Err(show_again(
            context,
            form,
            &page,
            StatusCode::FORBIDDEN,
            feedback,
        )
        .await));
    }
    match repo::by_id(&context.db, id).await? {
        Some(user) => Ok(Ok((user, form))),
        None => Ok(Err(show_again(
            context,
            form,
            &page,
            StatusCode::NOT_FOUND,
            Default::default(),
        )
        .await)),
    }
}

/// `POST /admin/users/{id}/role`.
pub async fn set_role(
    State(context): State<WebContext>,
    SignedIn(admin): SignedIn,
    Path(id): Path<i64>,
    form: SubmittedForm,
) -> Outcome {
    let (user, form) = match target(&context, &admin, form, id).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    let role = match Role::parse(&form.input::<RoleInput>()?.role) {
        Ok(role) => role,
        Err(message) => {
            let feedback = form.feedback_with("role", message);
            return Ok(show_again(
                &context,
                form,
                &format!("/admin/users/{id}"),
                StatusCode::UNPROCESSABLE_ENTITY,
                feedback,
            )
            .await);
        }
    };
    repo::set_role(&context.db, id, role).await?;
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::RoleChanged)
            .by(admin.id)
            .on(id)
            .detail(format!("{} to {}", user.role.label(), role.label()))
            .from_ip(form.viewer.ip),
    )
    .await;
    Ok(done(
        &form.viewer,
        &format!("/admin/users/{id}"),
        format!(
            "{} is now a {}",
            user.display_name,
            role.label().to_lowercase()
        ),
    )
    .await)
}

/// `POST /admin/users/{id}/status`: `suspended` ends every session too.
pub async fn set_status(
    State(context): State<WebContext>,
    SignedIn(admin): SignedIn,
    Path(id): Path<i64>,
    form: SubmittedForm,
) -> Outcome {
    let (user, form) = match target(&context, &admin, form, id).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    let status = match AccountStatus::parse(&form.input::<StatusInput>()?.status) {
        Ok(status) => status,
        Err(_) => {
            let feedback = form.feedback_with(
                "status",
                "Choose whether to suspend or reinstate the account",
            );
            return Ok(show_again(
                &context,
                form,
                &format!("/admin/users/{id}"),
                StatusCode::UNPROCESSABLE_ENTITY,
                feedback,
            )
            .await);
        }
    };
    repo::set_status(&context.db, id, status).await?;
    let action = match status {
        AccountStatus::Suspended => {
            session::end_sessions(&context.db, id, None).await?;
            AuditAction::Suspended
        }
        AccountStatus::Active => AuditAction::Reinstated,
    };
    audit::record(
        &context.db,
        AuditEvent::new(action)
            .by(admin.id)
            .on(id)
            .from_ip(form.viewer.ip),
    )
    .await;
    let message = match status {
        AccountStatus::Suspended => format!(
            "{} is suspended and signed out everywhere",
            user.display_name
        ),
        AccountStatus::Active => format!("{} is reinstated", user.display_name),
    };
    Ok(done(&form.viewer, &format!("/admin/users/{id}"), message).await)
}

/// `POST /admin/users/{id}/sessions`: signs the account out everywhere.
pub async fn end_sessions(
    State(context): State<WebContext>,
    SignedIn(admin): SignedIn,
    Path(id): Path<i64>,
    form: SubmittedForm,
) -> Outcome {
    let (user, form) = match target(&context, &admin, form, id).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    let ended = session::end_sessions(&context.db, id, None).await?;
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::SessionsEnded)
            .by(admin.id)
            .on(id)
            .detail(format!("{ended} ended"))
            .from_ip(form.viewer.ip),
    )
    .await;
    Ok(done(
        &form.viewer,
        &format!("/admin/users/{id}"),
        format!(
            "{} has been signed out everywhere ({ended} sessions)",
            user.display_name
        ),
    )
    .await)
}
