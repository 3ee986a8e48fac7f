//! The account forms' POST handlers. Each parses the form, and either shows
//! its page again with messages beside the fields (and a 4xx status) or
//! does the work and redirects (303) with a confirmation for the next page.

mod admin;
mod emails;
mod links;
mod mfa;
mod register;
mod settings;
mod sign_in;

use axum::extract::FromRef;

use super::types::Role;
use serde::Deserialize;

use crate::web::access::{Access, Endpoints};
use crate::web::form::{done, gone, refuse, show_again, Outcome, SubmittedForm, WebContext};

/// A form whose only field is `password` (confirming a change).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PasswordInput {
    password: String,
}

/// A form whose only field is `code` (two-step verification).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CodeInput {
    code: String,
}

/// A form whose only field is `email`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EmailInput {
    email: String,
}

/// Every account endpoint, with the access each needs.
pub fn routes<S>() -> Endpoints<S>
where
    S: Clone + Send + Sync + 'static,
    WebContext: FromRef<S>,
{
    let admin = Access::AtLeast(Role::Admin);
    Endpoints::new()
        .post("/register", Access::Public, register::register)
        .post("/sign-in", Access::Public, sign_in::sign_in)
        .post("/sign-in/code", Access::Public, sign_in::second_step)
        .post("/sign-out", Access::Public, sign_in::sign_out)
        .post(
            "/account/sign-out-everywhere",
            Access::SignedIn,
            sign_in::sign_out_everywhere,
        )
        .post("/verify-email/{token}", Access::Public, links::verify_email)
        .post("/forgot-password", Access::Public, links::forgot_password)
        .post(
            "/reset-password/{token}",
            Access::Public,
            links::reset_password,
        )
        .post(
            "/confirm-email/{token}",
            Access::Public,
            links::confirm_email,
        )
        .post(
            "/account/password",
            Access::SignedIn,
            settings::change_password,
        )
        .post("/account/email", Access::SignedIn, settings::change_email)
        .post(
            "/account/delete",
            Access::SignedIn,
            settings::delete_account,
        )
        .post("/account/mfa", Access::SignedIn, mfa::enable)
        .post("/account/mfa/disable", Access::SignedIn, mfa::disable)
        .post(
            "/account/recovery-codes",
            Access::SignedIn,
            mfa::codes_saved,
        )
        .post("/admin/users/{id}/role", admin, admin::set_role)
        .post("/admin/users/{id}/status", admin, admin::set_status)
        .post("/admin/users/{id}/sessions", admin, admin::end_sessions)
}
