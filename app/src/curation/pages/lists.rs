//! `/curation/queue` (submissions waiting for review, filtered by kind,
//! sector and age) and `/contribute` (what the viewer has proposed, with
//! its stage and feedback).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::review::stage_tag;
use crate::curation::contribution::{ContributionRow, Waiting};
use crate::curation::contribution_server::{my_contributions, review_queue};
use crate::vocabulary::{ResourceKind, Sector};

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        let query = query.read();
        let get = |name: &str| query.get(name).unwrap_or_default();
        (get("kind"), get("sector"), get("waiting"))
    };
    let rows = Resource::new(filters, |(kind, sector, waiting)| {
        review_queue(kind, sector, waiting)
    });
    let chosen = move |name: &str| query.read().get(name).unwrap_or_default();
    view! {
        <Title text="Review queue" />
        <a class="nhsuk-back-link" href="/curation">"Back to curation"</a>
        <h1 class="nhsuk-heading-l">"Review queue"</h1>
        <p>"Contributions waiting for a curator, longest waiting first."</p>
        <form method="get" action="/curation/queue" class="hub-filters-inline">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="kind">"Kind"</label>
                <select class="nhsuk-select" id="kind" name="kind">
                    <option value="">"Any kind"</option>
                    {ResourceKind::ALL.iter().map(|kind| view! {
                        <option value=kind.slug() selected=chosen("kind") == kind.slug()>{kind.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="sector">"Sector"</label>
                <select class="nhsuk-select" id="sector" name="sector">
                    <option value="">"Any sector"</option>
                    {Sector::ALL.iter().map(|sector| view! {
                        <option value=sector.slug() selected=chosen("sector") == sector.slug()>{sector.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="waiting">"Waiting"</label>
                <select class="nhsuk-select" id="waiting" name="waiting">
                    {Waiting::ALL.into_iter().map(|waiting| view! {
                        <option value=waiting.slug() selected=chosen("waiting") == waiting.slug()>{waiting.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button class="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button">"Filter"</button>
        </form>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                rows.await.map(|rows| match rows {
                    Err(problem) => view! {
                        <div class="nhsuk-error-summary" role="alert" tabindex="-1">
                            <h2 class="nhsuk-error-summary__title">"Those filters cannot be used"</h2>
                            <div class="nhsuk-error-summary__body"><p>{problem}</p></div>
                        </div>
                    }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p data-testid="queue-empty">"Nothing is waiting for review with these filters."</p> }.into_any(),
                    Ok(rows) => view! { <ContributionTable rows caption="Contributions waiting for review" show_proposer=true /> }.into_any(),
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn MyContributionsPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| my_contributions());
    view! {
        <Title text="Your contributions" />
        <h1 class="nhsuk-heading-l">"Your contributions"</h1>
        <p>"Resources you have proposed for the hub, and where each is in review."</p>
        <a class="nhsuk-button" href="/contribute/new" data-module="nhsuk-button">"Propose a resource"</a>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                rows.await.map(|rows| if rows.is_empty() {
                    view! { <p>"You have not proposed anything yet."</p> }.into_any()
                } else {
                    view! { <ContributionTable rows caption="Your contributions, most recently changed first" show_proposer=false /> }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn ContributionTable(
    rows: Vec<ContributionRow>,
    caption: &'static str,
    show_proposer: bool,
) -> impl IntoView {
    view! {
        <table class="nhsuk-table" data-testid="contributions">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Resource"</th>
                    <th scope="col">"Stage"</th>
                    {show_proposer.then(|| view! { <th scope="col">"Proposed by"</th> })}
                    <th scope="col">"Sectors"</th>
                    <th scope="col">"Since"</th>
                    {(!show_proposer).then(|| view! { <th scope="col">"Feedback"</th> })}
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {rows.into_iter().map(|row| {
                    let sectors = row.sectors.iter().map(|sector| sector.label()).collect::<Vec<_>>().join(", ");
                    let days = match row.days_waiting {
                        0 => "today".to_string(),
                        1 => "1 day".to_string(),
                        n => format!("{n} days"),
                    };
                    view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">
                                <a href=format!("/contribute/{}", row.slug)>{row.title}</a>
                                <br /><span class="nhsuk-body-s">{row.kind.label()}</span>
                            </td>
                            <td class="nhsuk-table__cell">{stage_tag(row.stage)}</td>
                            {show_proposer.then(|| view! { <td class="nhsuk-table__cell">{row.proposer.clone()}</td> })}
                            <td class="nhsuk-table__cell">{sectors}</td>
                            <td class="nhsuk-table__cell">{row.since} " (" {days} ")"</td>
                            {(!show_proposer).then(|| view! { <td class="nhsuk-table__cell hub-preserve-lines">{row.feedback.clone()}</td> })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
