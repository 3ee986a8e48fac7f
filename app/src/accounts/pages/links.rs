use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::entry::PASSWORD_HINT;
use super::AccountFrame;
use crate::accounts::server::link_is_live;
use crate::forms::{with_form_state, PostForm, SubmitButton, TextField};

/// Shows `live` when the link in the URL can still be used, otherwise
/// explains that it cannot.
fn when_link_is_live<V: IntoView + 'static>(
    purpose: &'static str,
    live: impl Fn(String) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|map| map.get("token").unwrap_or_default());
    let status = Resource::new(token, move |token| link_is_live(token, purpose.to_string()));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let live = live.clone();
                Suspend::new(async move {
                    match status.await {
                        Ok(true) => live(token()).into_any(),
                        Ok(false) => {
                            crate::response::set_status(410);
                            view! {
                                <p>"This link has expired or has already been used. Links work once, for a limited time."</p>
                                <p>
                                    <a href="/sign-in">"Sign in"</a>
                                    " to be sent a new confirmation link, or "
                                    <a href="/forgot-password">"reset your password"</a>
                                    " again."
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => Err::<(), _>(error).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// `/verify-email/{token}`: a button, so that mail scanners opening the
/// link do not use it up.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    view! {
        <AccountFrame title="Confirm your email address">
            {when_link_is_live("verify", |token| with_form_state(move || view! {
                <PostForm action=format!("/verify-email/{token}")>
                    <SubmitButton label="Confirm my email address" />
                </PostForm>
            }))}
        </AccountFrame>
    }
}

/// `/forgot-password`.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! {
        <AccountFrame title="Reset your password">
            <p>"Enter the email address of your account and we will send you a link to choose a new password."</p>
            {with_form_state(|| view! {
                <PostForm action="/forgot-password">
                    <TextField name="email" label="Email address" input_type="email" autocomplete="email" />
                    <SubmitButton label="Send the link" />
                </PostForm>
            })}
        </AccountFrame>
    }
}

/// `/forgot-password/sent`: the same whether or not there is an account.
#[component]
pub fn ResetSentPage() -> impl IntoView {
    view! {
        <AccountFrame title="Check your email">
            <p>"If there is an account for that address, we have sent it a link to reset the password. The link works once, for 1 hour."</p>
            <p>"If nothing arrives, check your junk folder, or " <a href="/forgot-password">"ask for another link"</a> "."</p>
        </AccountFrame>
    }
}

/// `/reset-password/{token}`.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! {
        <AccountFrame title="Choose a new password">
            {when_link_is_live("reset", |token| with_form_state(move || view! {
                <PostForm action=format!("/reset-password/{token}")>
                    <TextField name="password" label="New password" input_type="password" autocomplete="new-password" hint=PASSWORD_HINT />
                    <SubmitButton label="Save new password" />
                </PostForm>
            }))}
        </AccountFrame>
    }
}

/// `/confirm-email/{token}`.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    view! {
        <AccountFrame title="Confirm your new email address">
            {when_link_is_live("change_email", |token| with_form_state(move || view! {
                <PostForm action=format!("/confirm-email/{token}")>
                    <span id="confirm"></span>
                    <SubmitButton label="Use this email address" />
                </PostForm>
            }))}
        </AccountFrame>
    }
}
