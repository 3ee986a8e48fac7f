//! The curation pages: an overview, searches that found nothing, review
//! dates and broken links. Curators and admins only (see `authz`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{CardGroup, NavCard};
use crate::curation::server::{
    get_link_report, get_missed_searches, get_review_dates, MISSED_SEARCHES_SHOWN,
};
use crate::curation::types::{LinkReport, ReviewDue};
use crate::dates::format_time;

/// `/curation`.
#[component]
pub fn CurationPage() -> impl IntoView {
    view! {
        <Title text="Curation" />
        <h1 class="nhsuk-heading-l">"Curation"</h1>
        <p class="nhsuk-lede-text">"Keep the catalogue trustworthy: review contributions, find gaps, out-of-date material and broken links."</p>
        <CardGroup>
            <NavCard title="Review queue" href="/curation/queue" description="Contributions waiting for a curator: publish, request changes or reject." />
            <NavCard title="Reported content" href="/curation/reports" description="Profiles, messages and requests members reported as breaking the community rules: dismiss, hide, warn or suspend." />
            <NavCard title="Organisations" href="/curation/organisations" description="Add and edit the organisations that provide and signpost resources." />
            <NavCard title="Searches that found nothing" href="/curation/searches" description="What investigators looked for and the catalogue could not answer: the gaps to fill." />
            <NavCard title="Review dates" href="/curation/review-dates" description="Resources past their review-by date, and those due in the next 30 days." />
            <NavCard title="Was it useful?" href="/curation/usefulness" description="What members said about each resource's usefulness, by sector, with their comments." />
            <NavCard title="Broken links" href="/curation/links" description="Signposted resources whose link no longer works, from the daily link check." />
            <NavCard title="Export the catalogue" href="/curation/export" description="Every resource and lesson as JSON or CSV." />
        </CardGroup>
    }
}

/// `/curation/searches`.
#[component]
pub fn MissedSearchesPage() -> impl IntoView {
    let searches = Resource::new(|| (), |_| get_missed_searches());
    view! {
        <Title text="Searches that found nothing" />
        <h1 class="nhsuk-heading-l">"Searches that found nothing"</h1>
        <p>{format!("The {MISSED_SEARCHES_SHOWN} most frequent searches that returned no resources, even after spelling correction. Each is a possible gap in the catalogue.")}</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                searches.await.map(|list| {
                    if list.is_empty() {
                        return view! { <p>"Every search so far found something."</p> }.into_any();
                    }
                    view! {
                        <table class="nhsuk-table">
                            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Searches that found nothing, most frequent first"</caption>
                            <thead class="nhsuk-table__head">
                                <tr>
                                    <th scope="col">"Search"</th>
                                    <th scope="col">"Times searched"</th>
                                    <th scope="col">"Last searched"</th>
                                </tr>
                            </thead>
                            <tbody class="nhsuk-table__body">
                                {list.into_iter().map(|miss| view! {
                                    <tr class="nhsuk-table__row">
                                        <td class="nhsuk-table__cell">{miss.query}</td>
                                        <td class="nhsuk-table__cell">{miss.searches}</td>
                                        <td class="nhsuk-table__cell">{miss.last_seen}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                })
            })}
        </Suspense>
        <p><a href="/curation">"Back to curation"</a></p>
    }
}

fn due_table(caption: &'static str, rows: Vec<ReviewDue>) -> impl IntoView {
    view! {
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Resource"</th>
                    <th scope="col">"Provider"</th>
                    <th scope="col">"Last reviewed"</th>
                    <th scope="col">"Review by"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {rows.into_iter().map(|row| view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell"><a href=format!("/resources/{}", row.slug)>{row.title}</a></td>
                        <td class="nhsuk-table__cell">{row.provider}</td>
                        <td class="nhsuk-table__cell">{row.reviewed_on}</td>
                        <td class="nhsuk-table__cell">{row.review_by}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `/curation/review-dates`.
#[component]
pub fn ReviewDatesPage() -> impl IntoView {
    let dates = Resource::new(|| (), |_| get_review_dates());
    view! {
        <Title text="Review dates" />
        <h1 class="nhsuk-heading-l">"Review dates"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                dates.await.map(|dates| view! {
                    <h2 class="nhsuk-heading-m">{format!("Past their review-by date ({})", dates.overdue.len())}</h2>
                    {if dates.overdue.is_empty() {
                        view! { <p>"None: every published resource is within its review date."</p> }.into_any()
                    } else {
                        due_table("Resources past their review-by date, oldest first", dates.overdue).into_any()
                    }}
                    <h2 class="nhsuk-heading-m">{format!("Due in the next 30 days ({})", dates.due_soon.len())}</h2>
                    {if dates.due_soon.is_empty() {
                        view! { <p>"None due before the end of the next 30 days."</p> }.into_any()
                    } else {
                        due_table("Resources due for review in the next 30 days, soonest first", dates.due_soon).into_any()
                    }}
                    <p class="nhsuk-body-s">{format!("As of {}.", dates.today)}</p>
                })
            })}
        </Suspense>
        <p><a href="/curation">"Back to curation"</a></p>
    }
}

/// `/curation/links`.
#[component]
pub fn LinksPage() -> impl IntoView {
    let report = Resource::new(|| (), |_| get_link_report());
    view! {
        <Title text="Broken links" />
        <h1 class="nhsuk-heading-l">"Broken links"</h1>
        <p>"Each signposted resource's link is checked once a day (and by " <code>"hub check-links"</code> "): slowly, a few at a time, with a retry before a link counts as failing."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move { report.await.map(|report| view! { <LinkTable report /> }) })}
        </Suspense>
        <p><a href="/curation">"Back to curation"</a></p>
    }
}

#[component]
fn LinkTable(report: LinkReport) -> impl IntoView {
    let summary = match report.last_checked_at {
        None => "No links have been checked yet.".to_string(),
        Some(at) => format!(
            "{} of {} links worked at the last check ({}).",
            report.working,
            report.checked,
            format_time(at)
        ),
    };
    view! {
        <p>{summary}</p>
        {if report.problems.is_empty() {
            view! { <p>"No link needs attention."</p> }.into_any()
        } else {
            view! {
                <table class="nhsuk-table">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Links that failed their last check, worst first"</caption>
                    <thead class="nhsuk-table__head">
                        <tr>
                            <th scope="col">"Resource"</th>
                            <th scope="col">"Link"</th>
                            <th scope="col">"Result"</th>
                            <th scope="col">"Checked"</th>
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {report.problems.into_iter().map(|problem| {
                            let result = match problem.status_code {
                                Some(code) => format!("{} ({code})", problem.outcome.label()),
                                None => problem.outcome.label().to_string(),
                            };
                            view! {
                                <tr class="nhsuk-table__row">
                                    <td class="nhsuk-table__cell"><a href=format!("/resources/{}", problem.slug)>{problem.title}</a></td>
                                    <td class="nhsuk-table__cell hub-break-anywhere">{problem.url}</td>
                                    <td class="nhsuk-table__cell">{result}<br /><span class="nhsuk-body-s">{problem.detail}</span></td>
                                    <td class="nhsuk-table__cell">{format_time(problem.checked_at)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

/// `/curation/export`.
#[component]
pub fn ExportPage() -> impl IntoView {
    view! {
        <Title text="Export the catalogue" />
        <h1 class="nhsuk-heading-l">"Export the catalogue"</h1>
        <p>"Every resource in every state (draft, published, archived), with its metadata. The JSON file includes module lessons; the CSV file has one row per resource, with lists separated by semicolons."</p>
        <ul class="nhsuk-list">
            <li><a href="/curation/export.json" download="catalogue.json">"Download the catalogue as JSON"</a></li>
            <li><a href="/curation/export.csv" download="catalogue.csv">"Download the catalogue as CSV"</a></li>
        </ul>
        <p><a href="/curation">"Back to curation"</a></p>
    }
}
