//! Turning two-step verification on and off.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::settings::current_password_ok;
use super::{done, refuse, CodeInput, Outcome, PasswordInput, SubmittedForm, WebContext};
use crate::accounts::audit::{self, AuditAction, AuditEvent};
use crate::accounts::{mfa, repo};
use crate::web::form::SignedIn;
use crate::web::session::keys;
use crate::web::tokens;

/// `POST /account/mfa`: the first code from the app confirms the secret
/// shown on the page; recovery codes are made and shown once.
pub async fn enable(
    State(context): State<WebContext>,
    SignedIn(user): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    if user.mfa_enabled() {
        return Ok(Redirect::to("/account/mfa").into_response());
    }
    let Some(secret) = form.session().get::<String>(keys::MFA_SETUP_SECRET).await? else {
        return Ok(Redirect::to("/account/mfa").into_response());
    };
    let now = chrono::Utc::now().timestamp();
    let code = form.input::<CodeInput>()?.code;
    let Some(step) = mfa::verify(&secret, &code, now as u64) else {
        audit::record(
            &context.db,
            AuditEvent::new(AuditAction::MfaFailed)
                .by(user.id)
                .detail("setting up")
                .from_ip(form.viewer.ip),
        )
        .await;
        return Ok(refuse(&context, form, "/account/mfa", StatusCode::UNPROCESSABLE_ENTITY, "code", "The code is not right. Check the time on your phone is set automatically, then try the newest code.").await);
    };
    let codes = tokens::recovery_codes();
    repo::enable_mfa(&context.db, user.id, &secret, &codes).await?;
    repo::claim_totp_step(&context.db, user.id, step as i64).await?;
    form.session().remove_value(keys::MFA_SETUP_SECRET).await?;
    form.session()
        .insert(keys::NEW_RECOVERY_CODES, &codes)
        .await?;
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::MfaEnabled)
            .by(user.id)
            .from_ip(form.viewer.ip),
    )
    .await;
    Ok(done(
        &form.viewer,
        "/account/recovery-codes",
        "Two-step verification is on",
    )
    .await)
}

/// `POST /account/recovery-codes`: the member has saved their new codes,
/// which leave the session and are never shown again.
pub async fn codes_saved(form: SubmittedForm) -> Outcome {
    form.session()
        .remove_value(keys::NEW_RECOVERY_CODES)
        .await?;
    Ok(done(
        &form.viewer,
        "/account",
        "Your recovery codes will not be shown again",
    )
    .await)
}

/// `POST /account/mfa/disable`: members only; curators and admins must
/// keep it.
pub async fn disable(
    State(context): State<WebContext>,
    SignedIn(user): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    if user.role.requires_mfa() {
        return Ok(refuse(
            &context,
            form,
            "/account/mfa",
            StatusCode::FORBIDDEN,
            "password",
            "Your role requires two-step verification, so it cannot be turned off",
        )
        .await);
    }
    let typed = form.input::<PasswordInput>()?.password;
    if !current_password_ok(&context, &user, &typed).await? {
        return Ok(refuse(
            &context,
            form,
            "/account/mfa",
            StatusCode::UNPROCESSABLE_ENTITY,
            "password",
            "Your password is not right",
        )
        .await);
    }
    repo::disable_mfa(&context.db, user.id).await?;
    // Codes of the old set still waiting to be shown are no use now.
    form.session()
        .remove_value(keys::NEW_RECOVERY_CODES)
        .await?;
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::MfaDisabled)
            .by(user.id)
            .from_ip(form.viewer.ip),
    )
    .await;
    Ok(done(&form.viewer, "/account", "Two-step verification is off").await)
}
