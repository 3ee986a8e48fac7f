use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use serde::Deserialize;

use super::{emails, refuse, show_again, Outcome, SubmittedForm, WebContext};
use crate::accounts::audit::{self, AuditAction, AuditEvent};
use crate::accounts::password::{self, NewPassword};
use crate::accounts::repo::{self, LinkPurpose};
use crate::accounts::types::{DisplayName, EmailAddress, Role};
use crate::web::rate_limit::{self, REGISTRATIONS_PER_IP};

/// The registration form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RegisterInput {
    email: String,
    display_name: String,
    password: String,
}

/// `POST /register`. The answer is the same whether or not the address
/// already has an account; its owner gets an email saying which.
pub async fn register(State(context): State<WebContext>, form: SubmittedForm) -> Outcome {
    let db = &context.db;
    let ip = form.viewer.ip.map(|ip| ip.to_string()).unwrap_or_default();
    if !rate_limit::try_take(db, REGISTRATIONS_PER_IP, &ip).await? {
        return Ok(refuse(
            &context,
            form,
            "/register",
            StatusCode::TOO_MANY_REQUESTS,
            "email",
            "Too many accounts have been created from your network. Wait an hour and try again.",
        )
        .await);
    }
    let input: RegisterInput = form.input()?;
    let mut feedback = form.feedback();
    let email = EmailAddress::parse(&input.email)
        .map_err(|message| feedback.error("email", message))
        .ok();
    let name = DisplayName::parse(&input.display_name)
        .map_err(|message| feedback.error("display_name", message))
        .ok();
    let context_words: Vec<&str> = [
        email.as_ref().map(EmailAddress::as_str),
        name.as_ref().map(DisplayName::as_str),
    ]
    .into_iter()
    .flatten()
    .collect();
    let new_password = NewPassword::parse(&input.password, &context_words)
        .map_err(|message| feedback.error("password", message))
        .ok();
    let (Some(email), Some(name), Some(new_password)) = (email, name, new_password) else {
        return Ok(show_again(
            &context,
            form,
            "/register",
            StatusCode::UNPROCESSABLE_ENTITY,
            feedback,
        )
        .await);
    };
    let hash = password::hash(&new_password).await;
    match repo::create_user(db, &email, name.as_str(), &hash, Role::Member, false).await? {
        Some(user_id) => {
            let token = repo::create_link_token(db, user_id, LinkPurpose::Verify, None).await?;
            context.send(emails::verify(
                &context,
                email.as_str(),
                name.as_str(),
                &token,
            ));
            audit::record(
                db,
                AuditEvent::new(AuditAction::Registered)
                    .by(user_id)
                    .from_ip(form.viewer.ip),
            )
            .await;
        }
        None => context.send(emails::already_registered(&context, email.as_str())),
    }
    Ok(Redirect::to("/register/check-email").into_response())
}
