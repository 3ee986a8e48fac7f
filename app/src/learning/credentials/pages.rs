//! `/credentials/{id}`: a certificate, for anyone who holds its link;
//! `/credentials/check`: where anyone checks a credential file they were
//! given. One lazy route for both (see [`CredentialsArea`]).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::server::load_credential;
use super::types::{CredentialView, Holder};
use crate::components::{found_or_not_found, Breadcrumbs, Crumb};
use crate::forms::{with_form_state, CheckboxGroup, PostForm, RadioGroup, SubmitButton, TextArea};

/// The certificate pages, told apart by the route's `id` (the check page
/// has none): one lazy route for both, as each costs the client's main
/// module, which every first visit loads.
#[component]
pub fn CredentialsArea() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|map| map.get("id")));
    move || match id.get() {
        None => view! { <CheckPage /> }.into_any(),
        Some(id) => view! { <CredentialPage id /> }.into_any(),
    }
}

fn home_trail() -> Vec<Crumb> {
    vec![Crumb::new("Home", "/")]
}

const KEY_NOTE: &str = "The hub signs every certificate's credential with its own key (Ed25519). Anyone given the credential file can check it here, or offline against the hub's public key at ";

/// `/credentials/{id}`.
#[component]
fn CredentialPage(id: String) -> impl IntoView {
    let found = Resource::new(move || id.clone(), load_credential);
    view! {
        {found_or_not_found(found, |credential: CredentialView| {
            let trail = if credential.yours {
                crate::learning::learning_trail()
            } else {
                home_trail()
            };
            let status = match &credential.revoked {
                Some(revocation) => view! {
                    <div class="nhsuk-warning-callout">
                        <h2 class="nhsuk-warning-callout__label">
                            <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Revoked"</span>
                        </h2>
                        <p>{format!("This certificate was revoked on {}. It no longer stands.", revocation.on.shown())}</p>
                        <p>"Reason: " {revocation.reason.clone()}</p>
                    </div>
                }.into_any(),
                None => view! {
                    <div class="nhsuk-inset-text">
                        <p><strong>"Valid."</strong> " The Investigation Resources Hub issued this certificate and it has not been revoked."</p>
                    </div>
                }.into_any(),
            };
            let revoked = credential.revoked.is_some();
            let holder = match &credential.holder {
                Holder::Named(name) if credential.yours && (!credential.show_name || revoked) => view! {
                    {name.clone()}
                    <span class="hub-no-print">" (only you see your name here)"</span>
                }.into_any(),
                Holder::Named(name) => name.clone().into_any(),
                Holder::NameHidden if revoked => "Not shown on a revoked certificate".into_any(),
                Holder::NameHidden => "The holder chose not to show their name".into_any(),
                Holder::DeletedAccount => "An account that has since been deleted".into_any(),
            };
            let row = |key: &'static str, value: AnyView| view! {
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">{key}</dt>
                    <dd class="nhsuk-summary-list__value">{value}</dd>
                </div>
            };
            let module = view! { <a href=format!("/resources/{}", credential.module_slug)>{credential.module_title.clone()}</a> }.into_any();
            let address = view! { <span class="hub-share-link">{credential.address.clone()}</span> }.into_any();
            // One form state for both forms (an admin holding the
            // certificate sees both, and one error summary), and none for
            // everyone else: reading a certificate starts no session.
            let (id, yours, can_revoke) = (credential.id.clone(), credential.yours, credential.can_revoke);
            let shown = if credential.show_name { "yes" } else { "no" };
            let pdf_prints_name = credential.pdf_prints_name;
            let forms = (yours || can_revoke).then(|| with_form_state(move || {
                let holder_section = yours.then(|| {
                    let id = id.clone();
                    let downloads = if revoked {
                        view! {
                            <p>"It has been revoked, so its signed credential can no longer be downloaded."</p>
                            <p><a href=format!("/credentials/{id}/certificate.pdf") download>"Download the certificate (PDF), marked as revoked"</a></p>
                        }.into_any()
                    } else {
                        view! {
                            <ul class="nhsuk-list">
                                <li><a href=format!("/credentials/{id}/certificate.pdf") download>"Download the certificate (PDF)"</a></li>
                                <li><a href=format!("/credentials/{id}/credential.json") download>"Download the signed credential (JSON, Open Badges 3.0)"</a></li>
                            </ul>
                            <p>"Give this page's address, or the credential file, to anyone who needs to check it: an appraiser, an employer, a revalidation portfolio."</p>
                            <p>"Printed from your browser, this page prints as the certificate alone."</p>
                            {(!pdf_prints_name).then(|| view! {
                                <p>"Your name has letters the PDF's font does not have, which it would show as empty boxes: print this page instead."</p>
                            })}
                        }.into_any()
                    };
                    view! {
                        <h2 class="nhsuk-heading-m">"Your certificate"</h2>
                        {downloads}
                        <PostForm action=format!("/credentials/{id}")>
                            <input type="hidden" name="action" value="name" />
                            <RadioGroup
                                name="show_name"
                                legend="Show your name on this page?"
                                options=vec![
                                    ("yes".to_string(), "Yes, show my name to anyone with the link".to_string()),
                                    ("no".to_string(), "No, say only that the holder chose not to show it".to_string()),
                                ]
                                value=shown
                            />
                            <SubmitButton label="Save" variant="secondary" />
                        </PostForm>
                    }
                });
                let revoke = can_revoke.then(|| view! {
                    <h2 class="nhsuk-heading-m">"Revoke this certificate"</h2>
                    <p>"Revoke a certificate only when it should never have been issued. Its page then says so, with your reason, to anyone who checks it, and the hub's list of revoked credentials names it."</p>
                    <PostForm action=format!("/credentials/{}", id.clone())>
                        <input type="hidden" name="action" value="revoke" />
                        <TextArea name="reason" label="Reason" hint="Shown on the certificate's page to anyone with its link: name no one. Up to 500 characters." rows=3 />
                        <CheckboxGroup name="confirm" error_name="confirm" legend="Are you sure?" options=vec![("yes".to_string(), "Yes, revoke this certificate. This cannot be undone.".to_string())] />
                        <SubmitButton label="Revoke certificate" variant="warning" />
                    </PostForm>
                });
                view! { {holder_section} {revoke} }
            }));
            view! {
                <Title text=format!("Certificate: {}", credential.module_title) />
                <Breadcrumbs trail />
                <div class="nhsuk-grid-row">
                    <div class="nhsuk-grid-column-two-thirds">
                        <h1 class="nhsuk-heading-l">"Certificate of completion"</h1>
                        {status}
                        <dl class="nhsuk-summary-list">
                            {row("Issued to", holder)}
                            {row("Module", module)}
                            {row("CPD", credential.hours.clone().into_any())}
                            {row("Completed on", credential.issued_on.shown().into_any())}
                            {row("Issued by", "Investigation Resources Hub".into_any())}
                            {row("Address", address)}
                        </dl>
                        // Printed, the page is the certificate alone.
                        <div class="hub-no-print">
                            {forms}
                            <h2 class="nhsuk-heading-m">"Checking a certificate"</h2>
                            <p>{KEY_NOTE} <a href="/.well-known/jwks.json" rel="external">"/.well-known/jwks.json"</a>". " <a href="/credentials/check">"Check a credential file"</a></p>
                        </div>
                    </div>
                </div>
            }
        })}
    }
}

/// `/credentials/check`: paste a credential; a genuine one goes to its
/// certificate's page.
#[component]
fn CheckPage() -> impl IntoView {
    view! {
        <Title text="Check a certificate" />
        <Breadcrumbs trail=home_trail() />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l">"Check a certificate"</h1>
                <p>"Someone gave you a certificate from the hub as a file? Paste its text here to check that the hub issued it, that nothing in it was changed, and that it has not been revoked."</p>
                {with_form_state(|| view! {
                    <PostForm action="/credentials/check">
                        <TextArea
                            name="credential"
                            label="Credential"
                            hint="The whole text of the credential file (certificate-….json), or the signed credential itself (three parts joined by dots)."
                            rows=8
                        />
                        <SubmitButton label="Check credential" />
                    </PostForm>
                })}
                <p>{KEY_NOTE} <a href="/.well-known/jwks.json" rel="external">"/.well-known/jwks.json"</a>"."</p>
            </div>
        </div>
    }
}
