use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{AccountFrame, HiddenField};
use crate::forms::{with_form_state, PostForm, SubmitButton, TextField};

/// Matches `MIN_PASSWORD_CHARS` and `RECOMMENDED_PASSWORD_CHARS`.
pub(super) const PASSWORD_HINT: &str = "At least 8 characters; 15 or more is better. Three or four unrelated words are easy to remember and hard to guess.";

/// `/register`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    view! {
        <AccountFrame title="Create an account">
            <p>"An account lets you join the investigator network and contribute resources. You do not need one to read or use the resources."</p>
            {with_form_state(|| view! {
                <PostForm action="/register">
                    <TextField name="email" label="Email address" input_type="email" autocomplete="email" hint="We will send a link to this address to confirm it is yours" />
                    <TextField name="display_name" label="Your name" autocomplete="name" hint="Shown to other members" />
                    <TextField name="password" label="Create a password" input_type="password" autocomplete="new-password" hint=PASSWORD_HINT />
                    <SubmitButton label="Create account" />
                </PostForm>
            })}
            <p>"Already have an account? " <a href="/sign-in">"Sign in"</a></p>
        </AccountFrame>
    }
}

/// `/register/check-email`: the same whether or not the address was new.
#[component]
pub fn CheckEmailPage() -> impl IntoView {
    view! {
        <AccountFrame title="Check your email">
            <p>"We have sent an email to the address you gave. Open the link in it to confirm your address and finish creating your account."</p>
            <p>"The link works for 24 hours. If nothing arrives, check your junk folder, or " <a href="/register">"try again"</a> "."</p>
        </AccountFrame>
    }
}

/// `/sign-in`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.with(|query| query.get("next").unwrap_or_default());
    view! {
        <AccountFrame title="Sign in">
            {with_form_state(move || view! {
                <PostForm action="/sign-in">
                    <HiddenField name="next" value=next() />
                    <TextField name="email" label="Email address" input_type="email" autocomplete="username" />
                    <TextField name="password" label="Password" input_type="password" autocomplete="current-password" />
                    <SubmitButton label="Sign in" />
                </PostForm>
            })}
            <p><a href="/forgot-password">"Forgotten your password?"</a></p>
            <p>"New to the hub? " <a href="/register">"Create an account"</a></p>
        </AccountFrame>
    }
}

/// `/sign-in/code`: the second step.
#[component]
pub fn SignInCodePage() -> impl IntoView {
    view! {
        <AccountFrame title="Enter your security code">
            <p>"Open the authenticator app on your phone and enter the 6-digit code it shows for the Investigation Resources Hub."</p>
            {with_form_state(|| view! {
                <PostForm action="/sign-in/code">
                    <TextField name="code" label="Security code" autocomplete="one-time-code" width="nhsuk-input--width-10" hint="Lost your phone? Enter one of your recovery codes instead." />
                    <SubmitButton label="Continue" />
                </PostForm>
            })}
        </AccountFrame>
    }
}

/// `/signed-out`.
#[component]
pub fn SignedOutPage() -> impl IntoView {
    view! {
        <AccountFrame title="You have signed out">
            <p><a href="/sign-in">"Sign in again"</a> " or " <a href="/resources">"keep browsing resources"</a> "."</p>
        </AccountFrame>
    }
}

/// `/account-deleted`.
#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    view! {
        <AccountFrame title="Your account has been deleted">
            <p>"We have erased your account and the personal details it held. Security records of past sign-ins remain, without your name, email address or network address."</p>
            <p><a href="/">"Go to the home page"</a></p>
        </AccountFrame>
    }
}
