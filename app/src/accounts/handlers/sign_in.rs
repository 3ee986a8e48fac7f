use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use serde::Deserialize;

use super::{emails, refuse, show_again, CodeInput, Outcome, SubmittedForm, WebContext};
use crate::accounts::audit::{self, AuditAction, AuditEvent};
use crate::accounts::repo::{self, LinkPurpose, User};
use crate::accounts::types::{AccountStatus, EmailAddress};
use crate::accounts::{mfa, password};
use crate::web::access::safe_return_path;
use crate::web::form::SignedIn;
use crate::web::rate_limit;
use crate::web::session::{self, keys, PENDING_MFA_SECONDS};

const WRONG_DETAILS: &str = "The email address or password is not right";
const TOO_MANY: &str = "There have been too many failed attempts to sign in to this account. Wait an hour, or reset your password.";

/// The sign-in form: `next` is where to go afterwards (a path on the hub).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SignInInput {
    email: String,
    password: String,
    next: String,
}

/// `POST /sign-in`: email and password.
pub async fn sign_in(State(context): State<WebContext>, form: SubmittedForm) -> Outcome {
    let db = &context.db;
    let mut feedback = form.feedback();
    let input: SignInInput = form.input()?;
    let email = EmailAddress::parse(&input.email)
        .map_err(|message| feedback.error("email", message))
        .ok();
    let typed_password = input.password.clone();
    if typed_password.is_empty() {
        feedback.error("password", "Enter your password");
    } else if typed_password.chars().count() > crate::accounts::types::MAX_PASSWORD_CHARS {
        feedback.error("password", WRONG_DETAILS);
    }
    let Some(email) = email.filter(|_| feedback.is_empty()) else {
        return Ok(show_again(
            &context,
            form,
            "/sign-in",
            StatusCode::UNPROCESSABLE_ENTITY,
            feedback,
        )
        .await);
    };
    let ip = form.viewer.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let user = repo::by_email(db, &email).await?;
    let subject = user.as_ref().map(|user| user.id);
    // Counted before the password is checked (see `rate_limit::try_take`);
    // given back below if it was right.
    let limits = [
        (rate_limit::SIGN_IN_FAILURES_PER_ACCOUNT, email.as_str()),
        (rate_limit::SIGN_IN_FAILURES_PER_IP, ip.as_str()),
    ];
    if !rate_limit::try_take_all(db, &limits).await? {
        let mut event = AuditEvent::new(AuditAction::SignInBlocked).from_ip(form.viewer.ip);
        event.subject = subject;
        audit::record(db, event).await;
        return Ok(refuse(
            &context,
            form,
            "/sign-in",
            StatusCode::TOO_MANY_REQUESTS,
            "email",
            TOO_MANY,
        )
        .await);
    }
    let matches = password::verify(
        &typed_password,
        user.as_ref().map(|user| user.password_hash.clone()),
    )
    .await;
    let user = match user {
        Some(user) if matches => {
            rate_limit::give_back_all(db, &limits).await?;
            user
        }
        _ => {
            let mut event = AuditEvent::new(AuditAction::SignInFailed).from_ip(form.viewer.ip);
            event.subject = subject;
            audit::record(
                db,
                event.detail(if subject.is_some() {
                    "wrong password"
                } else {
                    "no such account"
                }),
            )
            .await;
            return Ok(refuse(
                &context,
                form,
                "/sign-in",
                StatusCode::UNAUTHORIZED,
                "email",
                WRONG_DETAILS,
            )
            .await);
        }
    };
    if user.status == AccountStatus::Suspended {
        audit::record(
            db,
            AuditEvent::new(AuditAction::SignInBlocked)
                .on(user.id)
                .detail("suspended")
                .from_ip(form.viewer.ip),
        )
        .await;
        return Ok(refuse(
            &context,
            form,
            "/sign-in",
            StatusCode::FORBIDDEN,
            "email",
            "This account is suspended. Contact an admin of the hub.",
        )
        .await);
    }
    if !user.verified {
        let token = repo::create_link_token(db, user.id, LinkPurpose::Verify, None).await?;
        context.send(emails::verify(
            &context,
            &user.email,
            &user.display_name,
            &token,
        ));
        return Ok(refuse(
            &context,
            form,
            "/sign-in",
            StatusCode::FORBIDDEN,
            "email",
            "Confirm your email address first: we have sent you a new link",
        )
        .await);
    }
    if let Some(next) = safe_return_path(&input.next) {
        form.session().insert(keys::AFTER_SIGN_IN, next).await?;
    }
    if user.mfa_enabled() {
        form.session()
            .insert(keys::PENDING_MFA_USER, user.id)
            .await?;
        form.session()
            .insert(keys::PENDING_MFA_AT, chrono::Utc::now().timestamp())
            .await?;
        return Ok(Redirect::to("/sign-in/code").into_response());
    }
    complete(&context, &form, &user).await
}

/// `POST /sign-in/code`: the second step, a code from the authenticator
/// app or a recovery code.
pub async fn second_step(State(context): State<WebContext>, form: SubmittedForm) -> Outcome {
    let db = &context.db;
    let session = form.session();
    let pending = session.get::<i64>(keys::PENDING_MFA_USER).await?;
    let started = session.get::<i64>(keys::PENDING_MFA_AT).await?.unwrap_or(0);
    let now = chrono::Utc::now().timestamp();
    let user = match pending {
        Some(id) if now - started <= PENDING_MFA_SECONDS => repo::by_id(db, id).await?,
        _ => None,
    };
    let Some(user) = user.filter(|user| user.status == AccountStatus::Active) else {
        return Ok(refuse(
            &context,
            form,
            "/sign-in",
            StatusCode::UNAUTHORIZED,
            "email",
            "Your sign-in took too long. Enter your email address and password again.",
        )
        .await);
    };
    let code = form.input::<CodeInput>()?.code.trim().to_string();
    if code.is_empty() || code.len() > 40 {
        return Ok(refuse(
            &context,
            form,
            "/sign-in/code",
            StatusCode::UNPROCESSABLE_ENTITY,
            "code",
            "Enter the 6-digit code from your authenticator app, or a recovery code",
        )
        .await);
    }
    let limit = [(
        rate_limit::SIGN_IN_FAILURES_PER_ACCOUNT,
        user.email.as_str(),
    )];
    if !rate_limit::try_take_all(db, &limit).await? {
        audit::record(
            db,
            AuditEvent::new(AuditAction::SignInBlocked)
                .on(user.id)
                .from_ip(form.viewer.ip),
        )
        .await;
        return Ok(refuse(
            &context,
            form,
            "/sign-in/code",
            StatusCode::TOO_MANY_REQUESTS,
            "code",
            TOO_MANY,
        )
        .await);
    }
    let accepted = match mfa::verify(
        user.totp_secret.as_deref().unwrap_or_default(),
        &code,
        now as u64,
    ) {
        Some(step) => repo::claim_totp_step(db, user.id, step as i64).await?,
        None if !code
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace()) =>
        {
            let used = repo::use_recovery_code(db, user.id, &code).await?;
            if used {
                audit::record(
                    db,
                    AuditEvent::new(AuditAction::RecoveryCodeUsed)
                        .by(user.id)
                        .from_ip(form.viewer.ip),
                )
                .await;
            }
            used
        }
        None => false,
    };
    if accepted {
        rate_limit::give_back_all(db, &limit).await?;
    } else {
        audit::record(
            db,
            AuditEvent::new(AuditAction::MfaFailed)
                .on(user.id)
                .from_ip(form.viewer.ip),
        )
        .await;
        let feedback =
            form.feedback_with("code", "The code is not right, or has already been used");
        return Ok(show_again(
            &context,
            form,
            "/sign-in/code",
            StatusCode::UNAUTHORIZED,
            feedback,
        )
        .await);
    }
    complete(&context, &form, &user).await
}

/// Starts the signed-in session and sends the user on.
async fn complete(context: &WebContext, form: &SubmittedForm, user: &User) -> Outcome {
    session::begin(form.session(), user.id).await?;
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::SignedIn)
            .by(user.id)
            .from_ip(form.viewer.ip),
    )
    .await;
    let after = form.session().remove::<String>(keys::AFTER_SIGN_IN).await?;
    if user.role.requires_mfa() && !user.mfa_enabled() {
        return Ok(super::done(
            &form.viewer,
            "/account/mfa",
            "Your role requires two-step verification. Set it up now to continue.",
        )
        .await);
    }
    let to = after.unwrap_or_else(|| "/account".to_string());
    Ok(super::done(
        &form.viewer,
        &to,
        format!("You are signed in as {}", user.display_name),
    )
    .await)
}

/// `POST /sign-out`.
pub async fn sign_out(
    State(context): State<WebContext>,
    signed_in: Option<SignedIn>,
    form: SubmittedForm,
) -> Outcome {
    if let Some(SignedIn(user)) = signed_in {
        audit::record(
            &context.db,
            AuditEvent::new(AuditAction::SignedOut)
                .by(user.id)
                .from_ip(form.viewer.ip),
        )
        .await;
    }
    form.session().flush().await?;
    Ok(Redirect::to("/signed-out").into_response())
}

/// `POST /account/sign-out-everywhere`: ends every session of the account,
/// this one included.
pub async fn sign_out_everywhere(
    State(context): State<WebContext>,
    SignedIn(user): SignedIn,
    form: SubmittedForm,
) -> Outcome {
    let id = user.id;
    session::end_sessions(&context.db, id, None).await?;
    audit::record(
        &context.db,
        AuditEvent::new(AuditAction::SignedOutEverywhere)
            .by(id)
            .from_ip(form.viewer.ip),
    )
    .await;
    form.session().flush().await?;
    Ok(Redirect::to("/signed-out").into_response())
}
