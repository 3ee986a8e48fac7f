use leptos::prelude::*;

use super::AccountFrame;
use crate::accounts::server::{get_mfa_setup, new_recovery_codes};
use crate::accounts::types::MfaSetup;
use crate::forms::{with_form_state, PostForm, SubmitButton, TextField};

/// `/account/mfa`: set up an authenticator app, or see that it is on.
#[component]
pub fn MfaPage() -> impl IntoView {
    let setup = Resource::new(|| (), |_| get_mfa_setup());
    view! {
        <AccountFrame title="Two-step verification">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    setup.await.map(|setup| match setup {
                        MfaSetup::Enabled { recovery_codes_left, required } => view! {
                            <p>"Two-step verification is on. When you sign in, you will be asked for a code from your authenticator app."</p>
                            <p>{format!("You have {recovery_codes_left} unused recovery codes.")}</p>
                            {if required {
                                view! { <p>"Your role requires two-step verification, so it cannot be turned off."</p> }.into_any()
                            } else {
                                view! {
                                    <h2 class="nhsuk-heading-m">"Turn off two-step verification"</h2>
                                    {with_form_state(|| view! {
                                        <PostForm action="/account/mfa/disable">
                                            <TextField name="password" label="Your password" input_type="password" autocomplete="current-password" />
                                            <SubmitButton label="Turn off" variant="secondary" />
                                        </PostForm>
                                    })}
                                }
                                    .into_any()
                            }}
                        }
                            .into_any(),
                        MfaSetup::Pending { secret, qr_svg, otpauth_url: _ } => view! {
                            <p>"Two-step verification keeps your account safe even if someone learns your password. You will need an authenticator app on your phone, such as Microsoft Authenticator or Google Authenticator."</p>
                            <ol class="nhsuk-list nhsuk-list--number">
                                <li>"Open the app and add an account."</li>
                                <li>"Scan this QR code, or type the setup key below into the app."</li>
                                <li>"Enter the 6-digit code the app shows."</li>
                            </ol>
                            <figure class="hub-qr" aria-hidden="true" inner_html=qr_svg></figure>
                            <p>"Setup key: " <code class="hub-secret">{secret}</code></p>
                            {with_form_state(|| view! {
                                <PostForm action="/account/mfa">
                                    <TextField name="code" label="Code from the app" autocomplete="one-time-code" width="nhsuk-input--width-10" />
                                    <SubmitButton label="Turn on two-step verification" />
                                </PostForm>
                            })}
                        }
                            .into_any(),
                    })
                })}
            </Suspense>
            <p><a href="/account">"Back to your account"</a></p>
        </AccountFrame>
    }
}

/// `/account/recovery-codes`: the codes just made, shown once.
#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let codes = Resource::new(|| (), |_| new_recovery_codes());
    view! {
        <AccountFrame title="Your recovery codes">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    codes.await.map(|codes| if codes.is_empty() {
                        view! { <p>"Recovery codes are shown only until you say you have saved them, just after they are made."</p> }.into_any()
                    } else {
                        view! {
                            <p>"If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, such as a password manager. Once you say you have saved them, they will not be shown again."</p>
                            <ul class="nhsuk-list hub-recovery-codes">
                                {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                            </ul>
                        }
                            .into_any()
                    })
                })}
            </Suspense>
            {with_form_state(|| view! {
                <PostForm action="/account/recovery-codes">
                    <SubmitButton label="I have saved my codes" />
                </PostForm>
            })}
        </AccountFrame>
    }
}
