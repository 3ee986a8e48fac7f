use leptos::prelude::*;

use super::entry::PASSWORD_HINT;
use super::AccountFrame;
use crate::accounts::server::get_account_overview;
use crate::accounts::types::format_time;
use crate::forms::{with_form_state, PostForm, SubmitButton, TextField};

/// `/account`: what the account holds and what can be changed.
#[component]
pub fn AccountPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_account_overview());
    view! {
        <AccountFrame title="Your account">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    overview.await.map(|account| {
                        let mfa = if account.mfa_enabled {
                            format!("On ({} recovery codes left)", account.recovery_codes_left)
                        } else {
                            "Off".to_string()
                        };
                        view! {
                            <dl class="nhsuk-summary-list">
                                <SummaryRow label="Name" value=account.display_name.clone() />
                                <SummaryRow label="Email address" value=account.email.clone() href="/account/email" action="Change email address" />
                                <SummaryRow label="Password" value="Hidden".to_string() href="/account/password" action="Change password" />
                                <SummaryRow label="Two-step verification" value=mfa href="/account/mfa" action="Manage two-step verification" />
                                <SummaryRow label="Role" value=account.role.label().to_string() />
                                <SummaryRow label="Member since" value=format_time(account.created_at) />
                            </dl>
                        }
                    })
                })}
            </Suspense>
            <h2 class="nhsuk-heading-m">"Your learning, profile and data"</h2>
            <ul class="nhsuk-list">
                <li><a href="/account/learning">"Your learning record and CPD log"</a></li>
                <li><a href="/account/profile">"Your network profile"</a></li>
                <li><a href="/account/reports">"Content you have reported, and what was decided"</a></li>
                <li><a href="/account/data.json" download="investigation-hub-my-data.json">"Download everything the hub holds about you (JSON)"</a></li>
            </ul>
            <h2 class="nhsuk-heading-m">"Signed in elsewhere?"</h2>
            <p>"If you signed in on a shared or lost device, sign out of every device at once."</p>
            {with_form_state(|| view! {
                <PostForm action="/account/sign-out-everywhere">
                    <SubmitButton label="Sign out everywhere" variant="secondary" />
                </PostForm>
            })}
            <h2 class="nhsuk-heading-m">"Delete your account"</h2>
            <p><a href="/account/delete">"Delete your account and the personal details it holds"</a></p>
        </AccountFrame>
    }
}

#[component]
fn SummaryRow(
    label: &'static str,
    value: String,
    #[prop(optional)] href: Option<&'static str>,
    #[prop(optional)] action: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">{label}</dt>
            <dd class="nhsuk-summary-list__value">{value}</dd>
            {href.map(|href| view! {
                <dd class="nhsuk-summary-list__actions">
                    <a href=href>{action.unwrap_or("Change")}</a>
                </dd>
            })}
        </div>
    }
}

/// `/account/password`.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    view! {
        <AccountFrame title="Change your password">
            <p>"You will stay signed in here and be signed out everywhere else."</p>
            {with_form_state(|| view! {
                <PostForm action="/account/password">
                    <TextField name="current_password" label="Current password" input_type="password" autocomplete="current-password" />
                    <TextField name="new_password" label="New password" input_type="password" autocomplete="new-password" hint=PASSWORD_HINT />
                    <SubmitButton label="Change password" />
                </PostForm>
            })}
            <p><a href="/account">"Back to your account"</a></p>
        </AccountFrame>
    }
}

/// `/account/email`.
#[component]
pub fn ChangeEmailPage() -> impl IntoView {
    view! {
        <AccountFrame title="Change your email address">
            <p>"We will send a link to the new address. Your address changes when you open it."</p>
            {with_form_state(|| view! {
                <PostForm action="/account/email">
                    <TextField name="email" label="New email address" input_type="email" autocomplete="email" />
                    <TextField name="password" label="Your password" input_type="password" autocomplete="current-password" />
                    <SubmitButton label="Send the link" />
                </PostForm>
            })}
            <p><a href="/account">"Back to your account"</a></p>
        </AccountFrame>
    }
}

/// `/account/delete`.
#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    view! {
        <AccountFrame title="Delete your account">
            <div class="nhsuk-warning-callout">
                <h2 class="nhsuk-warning-callout__label">
                    <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"This cannot be undone"</span>
                </h2>
                <p>"Your account, its email address, name and password are erased. Security records of past sign-ins keep no name, email address or network address."</p>
            </div>
            {with_form_state(|| view! {
                <PostForm action="/account/delete">
                    <TextField name="password" label="Enter your password to confirm" input_type="password" autocomplete="current-password" />
                    <SubmitButton label="Delete my account" variant="warning" />
                </PostForm>
            })}
            <p><a href="/account">"Keep my account"</a></p>
        </AccountFrame>
    }
}
