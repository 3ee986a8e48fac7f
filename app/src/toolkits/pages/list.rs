//! `/workspaces`: the member's own investigations, those shared with
//! them, and the form to start one.

use leptos::prelude::*;

use super::render::{counted, details_fields, list_trail, no_patient_details, page};
use crate::components::Breadcrumbs;
use crate::forms::{FormState, PostForm, SubmitButton};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::types::WorkspaceSummary;

/// `/workspaces`: the member's investigations, those shared with them, and
/// the form to start one (None: signed out, asked to sign in).
pub fn list_page(
    workspaces: Option<(Vec<WorkspaceSummary>, Vec<WorkspaceSummary>)>,
    state: &FormState,
) -> RenderedPage {
    page("Your investigations".into(), state, move || {
        let body = match workspaces {
            None => view! {
                <p>"Sign in to start an investigation and keep it in your account, where only you and the members you share it with can open it. "
                <a href="/sign-in?next=%2Fworkspaces">"Sign in"</a> " or " <a href="/register">"create an account"</a> "."</p>
            }
            .into_any(),
            Some((workspaces, shared)) => view! {
                {workspace_list(workspaces)}
                {shared_list(shared)}
                <h2 class="nhsuk-heading-m">"Start an investigation"</h2>
                <PostForm action="/workspaces">
                    {details_fields(None)}
                    <SubmitButton label="Start investigation" />
                </PostForm>
                <p><a href="/workspaces/import">"Import an investigation from a file"</a>" you downloaded from the hub."</p>
            }
            .into_any(),
        };
        view! {
            <Breadcrumbs trail=list_trail() />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-l">"Your investigations"</h1>
                    <p>"Keep each learning response you run in one place and work it through from evidence to actions: a timeline that stays in time order with gaps and disagreeing sources flagged, a SEIPS work-system scan, the contributory factors, safety actions with the strength of each, and a report draft to print or download."</p>
                    {no_patient_details()}
                    <p><a href="/workspaces/example">"See a fictional example investigation"</a>" and copy it into your own to try the tools."</p>
                    <p><a href="/workspaces/local">"Keep a timeline in this browser"</a>", with no account: it works with no network once open, and stays on this computer until you save it to your account."</p>
                    {body}
                </div>
            </div>
        }
    })
}

fn workspace_list(workspaces: Vec<WorkspaceSummary>) -> impl IntoView {
    if workspaces.is_empty() {
        return view! { <p>"You have no investigations yet."</p> }.into_any();
    }
    let rows = workspaces
        .into_iter()
        .map(|workspace| {
            let entries = counted(workspace.entries as usize, "entry", "entries");
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell"><a href=format!("/workspaces/{}", workspace.id)>{workspace.title}</a></td>
                    <td class="nhsuk-table__cell">{workspace.response.label()}</td>
                    <td class="nhsuk-table__cell">{workspace.sector.map(|sector| sector.label()).unwrap_or("Not given")}</td>
                    <td class="nhsuk-table__cell">{entries}</td>
                    <td class="nhsuk-table__cell">{workspace.updated}</td>
                </tr>
            }
        })
        .collect_view();
    list_table(
        "Your investigations, the latest changed first",
        ["Learning response", "Sector"],
        rows,
    )
}

/// A list of investigations: each one's link, two columns of its own, its
/// timeline's length and when it last changed.
fn list_table(
    caption: &'static str,
    middle: [&'static str; 2],
    rows: impl IntoView + 'static,
) -> AnyView {
    let headers = [
        "Investigation",
        middle[0],
        middle[1],
        "Timeline",
        "Last changed",
    ]
    .map(|header| view! { <th class="nhsuk-table__header" scope="col">{header}</th> });
    view! {
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">{headers.into_iter().collect_view()}</tr>
            </thead>
            <tbody class="nhsuk-table__body">{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The investigations shared with the member, with whose each is and what
/// they can do with it.
fn shared_list(workspaces: Vec<WorkspaceSummary>) -> impl IntoView {
    if workspaces.is_empty() {
        return ().into_any();
    }
    let rows = workspaces
        .into_iter()
        .map(|workspace| {
            let (owner, role) = workspace
                .shared
                .map(|by| (by.owner, by.role.label()))
                .unwrap_or_default();
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell"><a href=format!("/workspaces/{}", workspace.id)>{workspace.title}</a></td>
                    <td class="nhsuk-table__cell">{owner}</td>
                    <td class="nhsuk-table__cell">{role}</td>
                    <td class="nhsuk-table__cell">{counted(workspace.entries as usize, "entry", "entries")}</td>
                    <td class="nhsuk-table__cell">{workspace.updated}</td>
                </tr>
            }
        })
        .collect_view();
    let table = list_table(
        "Investigations shared with you, the latest changed first",
        ["Shared by", "Your role"],
        rows,
    );
    view! {
        <h2 class="nhsuk-heading-m" id="shared">"Shared with you"</h2>
        {table}
    }
    .into_any()
}
