use leptos::prelude::*;
use leptos_meta::Title;

use super::list_organisations;
use crate::components::{Breadcrumbs, Crumb};

/// `/organisations`: who publishes and signposts material.
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let organisations = Resource::new(|| (), |_| list_organisations());
    view! {
        <Title text="Organisations" />
        <Breadcrumbs trail=vec![Crumb::new("Home", "/")] />
        <h1 class="nhsuk-heading-l">"Organisations"</h1>
        <p class="nhsuk-lede-text">"National bodies, networks and others who publish or signpost material through the hub."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                organisations.await.map(|organisations| view! {
                    <ul class="nhsuk-list hub-results">
                        {organisations.into_iter().map(|organisation| view! {
                            <li class="hub-result">
                                <h2 class="nhsuk-heading-s hub-result__title">
                                    <a href=format!("/organisations/{}", organisation.slug)>{organisation.name}</a>
                                </h2>
                                <p class="nhsuk-body-s hub-result__meta">{organisation.kind.label()}</p>
                                <p>{organisation.description}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                })
            })}
        </Suspense>
    }
}
