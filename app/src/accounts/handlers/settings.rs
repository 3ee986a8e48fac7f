//! Changing what a signed-in member's account holds: password, email
//! address, or the account itself.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use serde::Deserialize;

use super::{done, emails, refuse, show_again, Outcome, PasswordInput, SubmittedForm, WebContext};
use crate::accounts::audit::{self, AuditAction, AuditEvent};
use crate::accounts::password::{self, NewPassword};
use crate::accounts::repo::{self, LinkPurpose, User};
use crate::accounts::types::EmailAddress;
use crate::web::form::SignedIn;
use crate::web::rate_limit::{self, SIGN_IN_FAILURES_PER_ACCOUNT};
use crate::web::session;

/// Checks the current password typed into `field`. Wrong guesses count
/// towards the account's sign-in limit, so this is no side door.
pub(super) async fn current_password_ok(
    context: &WebContext,
    user: &User,
    typed: &str,
) -> Result<bool, sqlx::Error> {
    if !rate_limit::try_take(&context.db, SIGN_IN_FAILURES_PER_ACCOUNT, &user.email).await? {
        return Ok(false);
    }
    let ok = !typed.is_empty() && password::verify(typed, Some(user.password_hash.clone())).await;
    if ok {
        rate_limit::give_back(&context.db, SIGN_IN_FAILURES_PER_ACCOUNT, &user.email).await?;
    }
    Ok(ok)
}

/// `POST /account/password`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ChangePasswordInput {
    current_password: String,
    new_password: String,
}

/// `POST /account/email`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ChangeEmailInput {
    email: String,
    password: String,
}

/// `POST /account/password`: current and new password. Other sessions end.
pub async fn change_password(
    State(context): State<WebContext>,
    SignedIn(user): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let input: ChangePasswordInput = form.input()?;
    let mut feedback = form.feedback();
    if !current_password_ok(&context, &user, &input.current_password).await? {
        feedback.error("current_password", "Your current password is not right");
    }
    let new_password = NewPassword::parse(&input.new_password, &[&user.email, &user.display_name])
        .map_err(|message| feedback.error("new_password", message))
        .ok();
    let Some(new_password) = new_password.filter(|_| feedback.is_empty()) else {
        return Ok(show_again(
            &context,
            form,
            "/account/password",
            StatusCode::UNPROCESSABLE_ENTITY,
            feedback,
        )
        .await);
    };
    let hash = password::hash(&new_password).await;
    repo::set_password(&context.db, user.id, &hash).await?;
    session::end_sessions(&context.db, user.id, form.session().id()).await?;
    context.send(emails::password_changed(&user.email));
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::PasswordChanged)
            .by(user.id)
            .from_ip(form.viewer.ip),
    )
    .await;
    Ok(done(
        &form.viewer,
        "/account",
        "Your password has been changed. You have been signed out everywhere else.",
    )
    .await)
}

/// `POST /account/email`: the new address gets a link; the address changes
/// when it is opened. The old address is told.
pub async fn change_email(
    State(context): State<WebContext>,
    SignedIn(user): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let input: ChangeEmailInput = form.input()?;
    let mut feedback = form.feedback();
    let new_email = EmailAddress::parse(&input.email)
        .map_err(|message| feedback.error("email", message))
        .ok();
    if new_email
        .as_ref()
        .is_some_and(|email| email.as_str() == user.email)
    {
        feedback.error("email", "That is already your email address");
    }
    if !current_password_ok(&context, &user, &input.password).await? {
        feedback.error("password", "Your password is not right");
    }
    let Some(new_email) = new_email.filter(|_| feedback.is_empty()) else {
        return Ok(show_again(
            &context,
            form,
            "/account/email",
            StatusCode::UNPROCESSABLE_ENTITY,
            feedback,
        )
        .await);
    };
    if repo::by_email(&context.db, &new_email).await?.is_some() {
        context.send(emails::email_in_use(new_email.as_str()));
    } else {
        let token = repo::create_link_token(
            &context.db,
            user.id,
            LinkPurpose::ChangeEmail,
            Some(&new_email),
        )
        .await?;
        context.send(emails::confirm_new_email(
            &context,
            new_email.as_str(),
            &token,
        ));
    }
    context.send(emails::email_change_requested(
        &user.email,
        new_email.as_str(),
    ));
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::EmailChangeRequested)
            .by(user.id)
            .from_ip(form.viewer.ip),
    )
    .await;
    Ok(done(
        &form.viewer,
        "/account",
        format!("We have sent a link to {new_email}. Your email address changes when you open it."),
    )
    .await)
}

/// `POST /account/delete`: erases the account and everything it holds.
pub async fn delete_account(
    State(context): State<WebContext>,
    SignedIn(user): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let typed = form.input::<PasswordInput>()?.password;
    if !current_password_ok(&context, &user, &typed).await? {
        return Ok(refuse(
            &context,
            form,
            "/account/delete",
            StatusCode::UNPROCESSABLE_ENTITY,
            "password",
            "Your password is not right",
        )
        .await);
    }
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::AccountDeleted).by(user.id),
    )
    .await;
    repo::delete_user(&context.db, user.id).await?;
    form.session().flush().await?;
    Ok(Redirect::to("/account-deleted").into_response())
}
