//! `/network`: find investigators by name, role or specialism, sector,
//! region, level and availability. All state is in the URL: a plain GET
//! form without JavaScript; with it, results update in place.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_location;

use super::{count_members, MemberCard};
use crate::components::{ErrorSummary, Pagination};
use crate::forms::CheckboxGroup;
use crate::network::network_directory;
use crate::network::types::{DirectoryPage, Region, MAX_DIRECTORY_QUERY_CHARS};
use crate::resources::search::ParamError;
use crate::vocabulary::options;
use crate::vocabulary::{Level, Sector};

#[component]
pub fn NetworkPage() -> impl IntoView {
    let location = use_location();
    let search = location.search;
    let results = Resource::new(move || search.get(), network_directory);
    view! {
        <h1 class="nhsuk-heading-l">"Find investigators"</h1>
        <p class="nhsuk-lede-text">"Investigators have no professional association: this is where to find peers by sector, region and expertise, and where to find a mentor."</p>
        <Form method="GET" action="/network">
            <Transition fallback=|| view! { <p>"Searching…"</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(Ok(page)) => view! { <Directory page /> }.into_any(),
                        Ok(Err(problem)) => view! { <InvalidDirectorySearch problem /> }.into_any(),
                        Err(error) => Err::<(), _>(error).into_any(),
                    }
                })}
            </Transition>
        </Form>
    }
}

#[component]
fn InvalidDirectorySearch(problem: ParamError) -> impl IntoView {
    crate::response::set_status(400);
    view! {
        <Title text="Error: Find investigators" />
        <ErrorSummary errors=vec![("#members".to_string(), problem.message.clone())] />
        <div id="members">
            <p>"Check the search and try again, or " <a href="/network">"start a new search"</a> "."</p>
        </div>
    }
}

#[component]
fn Directory(page: DirectoryPage) -> impl IntoView {
    let DirectoryPage {
        params,
        members,
        total,
        pages,
        viewer_needs_profile,
        signed_in,
    } = page;
    let link = |number: u32| (params.href_for_page(number), format!("Page {number}"));
    let previous = (params.page > 1).then(|| link(params.page - 1));
    let next = (params.page < pages).then(|| link(params.page + 1));
    let title = if params.q.is_empty() {
        "Find investigators".to_string()
    } else {
        format!("Investigators matching {}", params.q)
    };
    let checked =
        |slugs: Vec<&'static str>| slugs.into_iter().map(str::to_string).collect::<Vec<_>>();
    view! {
        <Title text=title />
        {viewer_needs_profile.then(|| view! {
            <div class="nhsuk-inset-text">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>"You do not have a profile yet. " <a href="/account/profile">"Create your profile"</a> " so other investigators can find you and you can send requests."</p>
            </div>
        })}
        {(!signed_in).then(|| view! {
            <p>"You are seeing public profiles only. " <a href="/sign-in?next=%2Fnetwork">"Sign in"</a> " to see members who share their details with signed-in members, and to connect."</p>
        })}
        <div class="nhsuk-form-group">
            <label class="nhsuk-label nhsuk-label--s" for="q">"Search by name, role or specialism"</label>
            <div class="hub-search">
                <input class="nhsuk-input hub-search__input" id="q" name="q" type="search" autocomplete="off" maxlength=MAX_DIRECTORY_QUERY_CHARS.to_string() value=params.q.clone() prop:value=params.q.clone() />
                <button class="nhsuk-button hub-search__button" type="submit">"Search"</button>
            </div>
        </div>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-third">
                <div class="hub-filters" on:change=crate::forms::submit_enclosing_form>
                    <h2 class="nhsuk-heading-m">"Filter"</h2>
                    <CheckboxGroup name="sector" error_name="filter-sector" legend="Sector" options={options::<Sector>()} checked={checked(params.sectors.iter().map(|s| s.slug()).collect())} />
                    <CheckboxGroup name="region" error_name="filter-region" legend="Region" options={options::<Region>()} checked={checked(params.regions.iter().map(|r| r.slug()).collect())} />
                    <CheckboxGroup name="level" error_name="filter-level" legend="Level" options={options::<Level>()} checked={checked(params.levels.iter().map(|l| l.slug()).collect())} />
                    <CheckboxGroup
                        name="mentoring"
                        error_name="filter-mentoring"
                        legend="Mentoring"
                        options=vec![("yes".to_string(), "Open to mentoring".to_string())]
                        checked=if params.mentoring { vec!["yes".to_string()] } else { Vec::new() }
                    />
                    <CheckboxGroup
                        name="collaboration"
                        error_name="filter-collaboration"
                        legend="Collaboration"
                        options=vec![("yes".to_string(), "Open to collaboration".to_string())]
                        checked=if params.collaboration { vec!["yes".to_string()] } else { Vec::new() }
                    />
                    <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Apply filters"</button>
                    {params.has_filters().then(|| view! { <p><a href="/network">"Clear filters"</a></p> })}
                </div>
            </div>
            <div class="nhsuk-grid-column-two-thirds" id="members" aria-live="polite">
                <h2 class="nhsuk-heading-m">{count_members(total)}</h2>
                {(total == 0).then(|| view! { <p>"Try fewer words or remove some filters."</p> })}
                <ul class="nhsuk-list hub-members">
                    {members.into_iter().map(|card| view! { <MemberCard card /> }).collect_view()}
                </ul>
                {(pages > 1).then(|| view! {
                    <p class="nhsuk-body-s">{format!("Page {} of {pages}", params.page)}</p>
                    <Pagination label="Member pages" previous next />
                })}
            </div>
        </div>
    }
}
