//! `/resources`: search box, facets, sort and pages, all in the URL. A plain
//! GET form without JavaScript; with it, the router submits the form and
//! the results update in place, and the search box suggests titles.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_location;

use super::card::ResourceList;
use crate::components::{Breadcrumbs, Crumb};
use crate::components::{ErrorSummary, Pagination};
use crate::forms::submit_enclosing_form;
use crate::resources::search::{FacetGroup, ParamError, SearchOutcome, Sort, MAX_QUERY_CHARS};
use crate::resources::{search_resources, suggest_titles};

#[component]
pub fn ResourcesPage() -> impl IntoView {
    let location = use_location();
    let search = location.search;
    let results = Resource::new(move || search.get(), search_resources);
    let typed = Memo::new(move |_| {
        form_urlencoded::parse(search.get().trim_start_matches('?').as_bytes())
            .find(|(name, _)| name == "q")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default()
    });

    view! {
        <Breadcrumbs trail=vec![Crumb::new("Home", "/")] />
        <h1 class="nhsuk-heading-l">"Find modules, toolkits and guides"</h1>
        <Form method="GET" action="/resources">
            <SearchBox typed />
            <Transition fallback=|| view! { <p>"Searching…"</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(Ok(outcome)) => view! { <Results outcome /> }.into_any(),
                        Ok(Err(problem)) => view! { <InvalidSearch problem /> }.into_any(),
                        Err(error) => Err::<(), _>(error).into_any(),
                    }
                })}
            </Transition>
        </Form>
    }
}

#[component]
fn SearchBox(typed: Memo<String>) -> impl IntoView {
    let suggestions = RwSignal::new(Vec::<String>::new());
    // Only the answer to the latest keystroke is shown.
    let latest = StoredValue::new(0u64);
    let on_input = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        leptos::task::spawn_local(async move {
            if let Ok(titles) = suggest_titles(value).await {
                if latest.get_value() == ticket {
                    suggestions.set(titles);
                }
            }
        });
    };
    view! {
        <div class="nhsuk-form-group">
            <label class="nhsuk-label nhsuk-label--s" for="search-field">"Search the catalogue"</label>
            <div class="nhsuk-hint" id="search-hint">"For example, timeline mapping, SEIPS or swarm huddle"</div>
            <div class="hub-search">
                <input
                    class="nhsuk-input hub-search__input"
                    id="search-field"
                    name="q"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    maxlength=MAX_QUERY_CHARS.to_string()
                    aria-describedby="search-hint"
                    list="search-suggestions"
                    prop:value=move || typed.get()
                    value=move || typed.get()
                    on:input=on_input
                />
                <button class="nhsuk-button hub-search__button" type="submit">"Search"</button>
            </div>
            <datalist id="search-suggestions">
                {move || suggestions.get().into_iter().map(|title| view! { <option value=title></option> }).collect_view()}
            </datalist>
        </div>
    }
}

#[component]
fn InvalidSearch(problem: ParamError) -> impl IntoView {
    crate::response::set_status(400);
    let title = view! { <Title text="Error: Find resources" /> };
    let target = if problem.parameter == "q" {
        "#search-field"
    } else {
        "#results"
    };
    view! {
        {title}
        <ErrorSummary errors=vec![(target.to_string(), problem.message.clone())] />
        <div id="results">
            <p>
                "Check the search and try again, or "
                <a href="/resources">"start a new search"</a>
                "."
            </p>
        </div>
    }
}

#[component]
fn Results(outcome: SearchOutcome) -> impl IntoView {
    let SearchOutcome {
        params,
        results,
        total,
        pages,
        facets,
        corrected_query,
    } = outcome;
    let has_query = !params.query().is_empty();
    let heading = match total {
        0 => "No resources found".to_string(),
        1 => "1 resource".to_string(),
        n => format!("{n} resources"),
    };
    let link = |page: u32| (params.with_page(page).href(), format!("Page {page}"));
    let previous = (params.page > 1).then(|| link(params.page - 1));
    let next = (params.page < pages).then(|| link(params.page + 1));
    let filtered = params.has_filters();
    // A plain string, not a closure over page state: the title is read after
    // the page's reactive owner may be gone.
    let title = match params.query() {
        "" => "Find resources".to_string(),
        query => format!("Search results for {query}"),
    };

    view! {
        <Title text=title />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-third">
                <div id="filters" class="hub-filters" on:change=submit_enclosing_form>
                    <h2 class="nhsuk-heading-m">"Filter"</h2>
                    {facets.into_iter().filter(|group| !group.values.is_empty()).map(|group| view! { <FacetFieldset group /> }).collect_view()}
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label" for="sort">"Sort by"</label>
                        <select class="nhsuk-select" id="sort" name="sort">
                            // The first option sends no sort at all, so adding
                            // search terms later switches to best match.
                            <option value="" selected=params.sort.is_none()>
                                {if has_query { Sort::Relevance.label() } else { Sort::Newest.label() }}
                            </option>
                            {Sort::ALL
                                .into_iter()
                                .filter(|option| *option != Sort::Relevance && (has_query || *option != Sort::Newest))
                                .map(|option| view! { <option value=option.slug() selected=params.sort == Some(option)>{option.label()}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Apply filters"</button>
                    {filtered.then(|| view! {
                        <p><a href=if has_query { format!("/resources?q={}", form_urlencoded::byte_serialize(params.query().as_bytes()).collect::<String>()) } else { "/resources".to_string() }>"Clear filters"</a></p>
                    })}
                </div>
            </div>
            <div class="nhsuk-grid-column-two-thirds" id="results" aria-live="polite">
                <h2 class="nhsuk-heading-m">{heading}</h2>
                {corrected_query.map(|corrected| view! {
                    <div class="nhsuk-inset-text">
                        <span class="nhsuk-u-visually-hidden">"Information: "</span>
                        <p>"No results for “" {params.query().to_string()} "”. Showing results for “" <strong>{corrected}</strong> "” instead."</p>
                    </div>
                })}
                {(total == 0).then(|| view! {
                    <p>"Try fewer or different words, check the spelling, or remove some filters."</p>
                })}
                <ResourceList resources=results />
                {(pages > 1).then(|| view! {
                    <p class="nhsuk-body-s">{format!("Page {} of {pages}", params.page)}</p>
                    <Pagination label="Results pages" previous next />
                })}
            </div>
        </div>
    }
}

#[component]
fn FacetFieldset(group: FacetGroup) -> impl IntoView {
    let FacetGroup {
        parameter,
        legend,
        values,
    } = group;
    view! {
        <div class="nhsuk-form-group">
            <fieldset class="nhsuk-fieldset">
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
                <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                    {values
                        .into_iter()
                        .map(|value| {
                            let id = format!("{parameter}-{}", value.slug);
                            view! {
                                <div class="nhsuk-checkboxes__item">
                                    <input
                                        class="nhsuk-checkboxes__input"
                                        id=id.clone()
                                        name=parameter.clone()
                                        type="checkbox"
                                        value=value.slug
                                        checked=value.selected
                                    />
                                    <label class="nhsuk-label nhsuk-checkboxes__label" for=id>
                                        {value.label}
                                        " "
                                        <span class="hub-count">{format!("({})", value.count)}</span>
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
