use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::card::ResourceList;
use crate::components::found_or_not_found;
use crate::components::{Breadcrumbs, Crumb};
use crate::resources::{search_resources, sector_overview, SectorLanding};

/// `/sectors/{slug}`: where investigators in one sector start.
#[component]
pub fn SectorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|map| map.get("slug").unwrap_or_default());
    let overview = Resource::new(slug, sector_overview);
    view! {
        {found_or_not_found(overview, |overview| view! { <Sector overview /> })}
    }
}

#[component]
fn Sector(overview: SectorLanding) -> impl IntoView {
    let SectorLanding {
        sector,
        total,
        resources,
    } = overview;
    let all = format!("/resources?sector={}", sector.slug());
    view! {
        <Title text=format!("{} investigators", sector.label()) />
        <Breadcrumbs trail=vec![Crumb::new("Home", "/")] />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <span class="nhsuk-caption-l">"Sector"</span>
                <h1 class="nhsuk-heading-l">{sector.label()}</h1>
                <p class="nhsuk-lede-text">{sector.description()}</p>
                <h2 class="nhsuk-heading-m">"Start here"</h2>
                <ResourceList resources />
                <p>
                    <a class="nhsuk-action-link__link" href=all>
                        {format!("See all {total} resources for {}", sector.label().to_lowercase())}
                    </a>
                </p>
            </div>
        </div>
    }
}

/// `/toolkits`: every interactive toolkit, by title.
#[component]
pub fn ToolkitsPage() -> impl IntoView {
    let toolkits = Resource::new(
        || (),
        |_| search_resources("kind=toolkit&sort=title".to_string()),
    );
    view! {
        <Title text="Toolkits" />
        <Breadcrumbs trail=vec![Crumb::new("Home", "/")] />
        <h1 class="nhsuk-heading-l">"Toolkits"</h1>
        <p class="nhsuk-lede-text">
            "Practical tools for each stage of a learning response, with guidance on when and how to use them."
        </p>
        <div class="nhsuk-card nhsuk-card--clickable">
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m">
                    <a class="nhsuk-card__link" href="/workspaces">"Use the tools: your investigations"</a>
                </h2>
                <p class="nhsuk-card__description">"Work through a learning response from evidence to actions: a timeline with gaps and disagreements flagged, a SEIPS scan, contributory factors, safety actions with their strength, a report."</p>
            </div>
        </div>
        <h2 class="nhsuk-heading-m">"Guidance on each tool"</h2>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match toolkits.await {
                    Ok(Ok(outcome)) => view! {
                        <ResourceList resources=outcome.results />
                        {(outcome.pages > 1).then(|| view! {
                            <p><a href="/resources?kind=toolkit&sort=title&page=2">"More toolkits"</a></p>
                        })}
                    }.into_any(),
                    Ok(Err(problem)) => Err::<(), _>(ServerFnError::new(problem.message)).into_any(),
                    Err(error) => Err::<(), _>(error).into_any(),
                }
            })}
        </Suspense>
    }
}
