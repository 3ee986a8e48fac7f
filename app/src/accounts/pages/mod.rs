//! The account pages. Each form posts to a handler in `handlers`.

mod account;
mod admin;
mod entry;
mod links;
mod mfa;

pub use account::{AccountPage, ChangeEmailPage, ChangePasswordPage, DeleteAccountPage};
pub use admin::{AdminUserPage, AdminUsersPage, AuditLogPage};
pub use entry::{
    AccountDeletedPage, CheckEmailPage, RegisterPage, SignInCodePage, SignInPage, SignedOutPage,
};
pub use links::{
    ConfirmEmailPage, ForgotPasswordPage, ResetPasswordPage, ResetSentPage, VerifyEmailPage,
};
pub use mfa::{MfaPage, RecoveryCodesPage};

use leptos::prelude::*;
use leptos_meta::Title;

/// The usual frame of an account page: title, heading, two-thirds column.
#[component]
fn AccountFrame(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=title />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l" id="account">{title}</h1>
                {children()}
            </div>
        </div>
    }
}

/// A hidden field whose value survives a failed post.
#[component]
fn HiddenField(name: &'static str, #[prop(into)] value: String) -> impl IntoView {
    let value = use_context::<crate::forms::FormFeedback>()
        .and_then(|feedback| feedback.value_for(name))
        .unwrap_or(value);
    view! { <input type="hidden" name=name value=value /> }
}
