use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{get_organisation, list_organisations, OrganisationWithResources};
use crate::layout::{Breadcrumbs, Crumb};
use crate::pages::found_or_not_found;
use crate::resources::ResourceList;

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

/// `/organisations/{slug}`: an organisation and its published resources.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|map| map.get("slug").unwrap_or_default());
    let organisation = Resource::new(slug, get_organisation);
    view! {
        {found_or_not_found(organisation, |found| view! { <Organisation found /> })}
    }
}

#[component]
fn Organisation(found: OrganisationWithResources) -> impl IntoView {
    let OrganisationWithResources {
        organisation,
        resources,
    } = found;
    let count = resources.len();
    view! {
        <Title text=organisation.name.clone() />
        <Breadcrumbs trail=vec![Crumb::new("Home", "/"), Crumb::new("Organisations", "/organisations")] />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <span class="nhsuk-caption-l">{organisation.kind.label()}</span>
                <h1 class="nhsuk-heading-l">{organisation.name.clone()}</h1>
                <p class="nhsuk-lede-text">{organisation.description}</p>
                {organisation.website.map(|website| view! {
                    <p>
                        <a href=website rel="noopener noreferrer external">
                            {format!("{}'s website", organisation.name)}
                            <span class="hub-leaves-site">" (leaves this site)"</span>
                        </a>
                    </p>
                })}
                <h2 class="nhsuk-heading-m">
                    {match count {
                        0 => "No published resources yet".to_string(),
                        1 => "1 resource".to_string(),
                        n => format!("{n} resources"),
                    }}
                </h2>
                <ResourceList resources />
            </div>
        </div>
    }
}
