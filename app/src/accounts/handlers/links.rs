//! What the single-use links in emails lead to: confirming an address,
//! resetting a password, confirming a new address.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::{
    done, emails, gone, refuse, EmailInput, Outcome, PasswordInput, SubmittedForm, WebContext,
};
use crate::accounts::audit::{self, AuditAction, AuditEvent};
use crate::accounts::password::{self, NewPassword};
use crate::accounts::repo::{self, LinkPurpose};
use crate::accounts::types::EmailAddress;
use crate::web::form::SignedIn;
use crate::web::rate_limit::{self, RESETS_PER_ACCOUNT, RESETS_PER_IP};
use crate::web::session;

/// Links are URL-safe base64 of 32 bytes; anything else cannot be one.
fn plausible(token: &str) -> bool {
    token.len() == 43
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `POST /verify-email/{token}`.
pub async fn verify_email(
    State(context): State<WebContext>,
    Path(token): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let page = format!("/verify-email/{token}");
    let consumed = if plausible(&token) {
        repo::consume_link_token(&context.db, &token, LinkPurpose::Verify).await?
    } else {
        None
    };
    let Some((user_id, _)) = consumed else {
        return Ok(gone(&context, form, &page).await);
    };
    repo::mark_verified(&context.db, user_id).await?;
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::EmailVerified)
            .by(user_id)
            .from_ip(form.viewer.ip),
    )
    .await;
    Ok(done(
        &form.viewer,
        "/sign-in",
        "Your email address is confirmed. You can now sign in.",
    )
    .await)
}

/// `POST /forgot-password`. Says the same whether or not there is an
/// account; only an existing account gets an email.
pub async fn forgot_password(State(context): State<WebContext>, form: SubmittedForm) -> Outcome {
    let db = &context.db;
    let email = match EmailAddress::parse(&form.input::<EmailInput>()?.email) {
        Ok(email) => email,
        Err(message) => {
            return Ok(refuse(
                &context,
                form,
                "/forgot-password",
                StatusCode::UNPROCESSABLE_ENTITY,
                "email",
                message,
            )
            .await);
        }
    };
    let ip = form.viewer.ip.map(|ip| ip.to_string()).unwrap_or_default();
    if !rate_limit::try_take(db, RESETS_PER_IP, &ip).await? {
        return Ok(refuse(
            &context,
            form,
            "/forgot-password",
            StatusCode::TOO_MANY_REQUESTS,
            "email",
            "Too many reset requests have come from your network. Wait an hour and try again.",
        )
        .await);
    }
    // Per account, extra requests are dropped silently: saying so would
    // tell a stranger the account exists.
    if rate_limit::try_take(db, RESETS_PER_ACCOUNT, email.as_str()).await? {
        if let Some(user) = repo::by_email(db, &email).await? {
            let token = repo::create_link_token(db, user.id, LinkPurpose::Reset, None).await?;
            context.send(emails::reset(&context, &user.email, &token));
            audit::record(
                db,
                AuditEvent::new(AuditAction::PasswordResetRequested)
                    .on(user.id)
                    .from_ip(form.viewer.ip),
            )
            .await;
        }
    }
    Ok(Redirect::to("/forgot-password/sent").into_response())
}

/// `POST /reset-password/{token}`: a new password; every session of the
/// account ends.
pub async fn reset_password(
    State(context): State<WebContext>,
    Path(token): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let page = format!("/reset-password/{token}");
    if !plausible(&token) || !repo::link_token_is_live(db, &token, LinkPurpose::Reset).await? {
        return Ok(gone(&context, form, &page).await);
    }
    let new_password = match NewPassword::parse(&form.input::<PasswordInput>()?.password, &[]) {
        Ok(password) => password,
        Err(message) => {
            return Ok(refuse(
                &context,
                form,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                "password",
                message,
            )
            .await);
        }
    };
    let hash = password::hash(&new_password).await;
    let Some((user_id, _)) = repo::consume_link_token(db, &token, LinkPurpose::Reset).await? else {
        return Ok(gone(&context, form, &page).await);
    };
    repo::set_password(db, user_id, &hash).await?;
    // Opening the emailed link proves the address.
    repo::mark_verified(db, user_id).await?;
    session::end_sessions(db, user_id, None).await?;
    if let Some(user) = repo::by_id(db, user_id).await? {
        context.send(emails::password_changed(&user.email));
    }
    audit::record(
        db,
        AuditEvent::new(AuditAction::PasswordReset)
            .by(user_id)
            .from_ip(form.viewer.ip),
    )
    .await;
    Ok(done(
        &form.viewer,
        "/sign-in",
        "Your password has been reset. Sign in with your new password.",
    )
    .await)
}

/// `POST /confirm-email/{token}`: moves the account to its new address.
pub async fn confirm_email(
    State(context): State<WebContext>,
    signed_in: Option<SignedIn>,
    Path(token): Path<String>,
    form: SubmittedForm,
) -> Outcome {
    let db = &context.db;
    let page = format!("/confirm-email/{token}");
    let consumed = if plausible(&token) {
        repo::consume_link_token(db, &token, LinkPurpose::ChangeEmail).await?
    } else {
        None
    };
    let Some((user_id, Some(new_email))) = consumed else {
        return Ok(gone(&context, form, &page).await);
    };
    let Ok(new_email) = EmailAddress::parse(&new_email) else {
        return Ok(gone(&context, form, &page).await);
    };
    if !repo::set_email(db, user_id, &new_email).await? {
        return Ok(refuse(
            &context,
            form,
            &page,
            StatusCode::CONFLICT,
            "confirm",
            "Another account now uses that email address, so yours has not changed",
        )
        .await);
    }
    audit::record(
        db,
        AuditEvent::new(AuditAction::EmailChanged)
            .by(user_id)
            .from_ip(form.viewer.ip),
    )
    .await;
    let to = if signed_in.is_some_and(|SignedIn(user)| user.id == user_id) {
        "/account"
    } else {
        "/sign-in"
    };
    Ok(done(
        &form.viewer,
        to,
        format!("Your email address is now {new_email}"),
    )
    .await)
}
