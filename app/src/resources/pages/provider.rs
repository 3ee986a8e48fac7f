use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::ResourceList;
use crate::components::found_or_not_found;
use crate::components::{Breadcrumbs, Crumb};
use crate::resources::provider::{get_organisation, OrganisationWithResources};

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
