//! The words of every email the hub sends. Plain text; each link is on a
//! line of its own.

use super::WebContext;
use crate::web::mail::Email;

fn email(to: &str, subject: &str, body: String) -> Email {
    Email::from_hub(to, subject, body)
}

pub fn verify(context: &WebContext, to: &str, name: &str, token: &str) -> Email {
    let link = context.link(&format!("/verify-email/{token}"));
    email(
        to,
        "Confirm your email address",
        format!("Hello {name},\n\nTo finish creating your account, open this link within 24 hours:\n\n{link}\n"),
    )
}

pub fn already_registered(context: &WebContext, to: &str) -> Email {
    let sign_in = context.link("/sign-in");
    let reset = context.link("/forgot-password");
    email(
        to,
        "You already have an account",
        format!("Someone tried to create an account with this email address, which already has one.\n\nSign in:\n\n{sign_in}\n\nForgotten your password? Reset it:\n\n{reset}\n"),
    )
}

pub fn reset(context: &WebContext, to: &str, token: &str) -> Email {
    let link = context.link(&format!("/reset-password/{token}"));
    email(
        to,
        "Reset your password",
        format!("To choose a new password, open this link within 1 hour:\n\n{link}\n\nThe link works once. If you did not ask to reset your password, your account is safe and you can ignore this email."),
    )
}

pub fn password_changed(to: &str) -> Email {
    email(
        to,
        "Your password has been changed",
        "The password for your account was just changed, and you were signed out everywhere else.\n\nIf this was not you, reset your password now and tell an admin of the hub.".to_string(),
    )
}

pub fn confirm_new_email(context: &WebContext, to: &str, token: &str) -> Email {
    let link = context.link(&format!("/confirm-email/{token}"));
    email(
        to,
        "Confirm your new email address",
        format!("To use this email address for your account, open this link within 24 hours:\n\n{link}\n"),
    )
}

pub fn email_change_requested(to: &str, new_email: &str) -> Email {
    email(
        to,
        "Your email address is being changed",
        format!("Someone signed in to your account asked to change its email address to {new_email}. It changes only when the link sent there is opened.\n\nIf this was not you, change your password now and tell an admin of the hub."),
    )
}

pub fn email_in_use(to: &str) -> Email {
    email(
        to,
        "This email address already has an account",
        "Someone asked to move another account to this email address, but it already has an account, so nothing has changed.".to_string(),
    )
}
