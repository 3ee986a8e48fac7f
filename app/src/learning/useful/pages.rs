//! The curators' view of "Was this useful?": the report across the
//! catalogue and one resource's answers by sector with its comments.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::server::{load_resource_usefulness, load_usefulness_report};
use super::types::{ResourceUsefulnessDetail, SectorTally, Tally};
use crate::components::found_or_not_found;

fn percent(tally: Tally) -> String {
    tally
        .percent_useful()
        .map(|percent| format!("{percent}%"))
        .unwrap_or_default()
}

/// Answers by sector, as a table.
fn sector_table(caption: String, rows: Vec<SectorTally>) -> impl IntoView {
    view! {
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption">{caption}</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Sector"</th>
                    <th scope="col" class="nhsuk-table__header--numeric">"Answers"</th>
                    <th scope="col" class="nhsuk-table__header--numeric">"Useful"</th>
                    <th scope="col" class="nhsuk-table__header--numeric">"Not useful"</th>
                    <th scope="col" class="nhsuk-table__header--numeric">"Found it useful"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {rows.into_iter().map(|row| view! {
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__cell">{row.label()}</th>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{row.tally.answers()}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{row.tally.yes}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{row.tally.no}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{percent(row.tally)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `/curation/usefulness`.
#[component]
pub fn UsefulnessReportPage() -> impl IntoView {
    let report = Resource::new(|| (), |_| load_usefulness_report());
    view! {
        <Title text="Was it useful?" />
        <h1 class="nhsuk-heading-l">"Was it useful?"</h1>
        <p class="nhsuk-lede-text">"What members answered when asked whether a resource was useful to them, by the sectors they work in. Members in two sectors count in both."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                report.await.map(|report| {
                    if report.resources.is_empty() {
                        return view! { <p>"No member has answered yet."</p> }.into_any();
                    }
                    view! {
                        {sector_table("Across the catalogue, by sector".into(), report.by_sector)}
                        <table class="nhsuk-table">
                            <caption class="nhsuk-table__caption">"Resources, least useful first"</caption>
                            <thead class="nhsuk-table__head">
                                <tr>
                                    <th scope="col">"Resource"</th>
                                    <th scope="col" class="nhsuk-table__header--numeric">"Answers"</th>
                                    <th scope="col" class="nhsuk-table__header--numeric">"Found it useful"</th>
                                    <th scope="col" class="nhsuk-table__header--numeric">"Comments"</th>
                                </tr>
                            </thead>
                            <tbody class="nhsuk-table__body">
                                {report.resources.into_iter().map(|line| view! {
                                    <tr class="nhsuk-table__row">
                                        <td class="nhsuk-table__cell"><a href=format!("/curation/usefulness/{}", line.slug)>{line.title}</a></td>
                                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{line.tally.answers()}</td>
                                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{percent(line.tally)}</td>
                                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{line.comments}</td>
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

/// `/curation/usefulness/{slug}`.
#[component]
pub fn ResourceUsefulnessPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|map| map.get("slug").unwrap_or_default());
    let detail = Resource::new(slug, load_resource_usefulness);
    view! { {found_or_not_found(detail, resource_detail)} }
}

fn resource_detail(detail: ResourceUsefulnessDetail) -> impl IntoView {
    let ResourceUsefulnessDetail {
        slug,
        title,
        tally,
        by_sector,
        comments,
    } = detail;
    let summary = if tally.answers() == 0 {
        "No member has answered yet.".to_string()
    } else {
        format!(
            "{} of {} members who answered found it useful ({}).",
            tally.yes,
            tally.answers(),
            percent(tally)
        )
    };
    view! {
        <Title text=format!("Was it useful? {title}") />
        <span class="nhsuk-caption-l">"Was it useful?"</span>
        <h1 class="nhsuk-heading-l">{title.clone()}</h1>
        <p>{summary}</p>
        <p><a href=format!("/resources/{slug}")>{format!("Open the resource: {title}")}</a></p>
        {(!by_sector.is_empty()).then(|| sector_table("By sector".into(), by_sector))}
        <h2 class="nhsuk-heading-m">{format!("Comments ({})", comments.len())}</h2>
        {if comments.is_empty() {
            view! { <p>"No comments yet."</p> }.into_any()
        } else {
            view! {
                <ul class="nhsuk-list hub-useful-comments">
                    {comments.into_iter().map(|comment| {
                        let (tag, answer) = if comment.useful {
                            ("nhsuk-tag nhsuk-tag--green", "Useful")
                        } else {
                            ("nhsuk-tag nhsuk-tag--orange", "Not useful")
                        };
                        let sectors: Vec<&str> = comment.sectors.iter().map(|sector| sector.label()).collect();
                        let who = [comment.role_title.clone(), sectors.join(", ")]
                            .into_iter()
                            .filter(|part| !part.is_empty())
                            .collect::<Vec<_>>()
                            .join(" · ");
                        view! {
                            <li class="nhsuk-card">
                                <div class="nhsuk-card__content">
                                    <p><strong class=tag>{answer}</strong> " " {comment.answered_on}</p>
                                    <p class="hub-preserve-lines">{comment.comment}</p>
                                    {(!who.is_empty()).then(|| view! { <p class="nhsuk-body-s">{who}</p> })}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <p><a href="/curation/usefulness">"Back to all resources"</a></p>
    }
}
