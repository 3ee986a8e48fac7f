//! The workspace pages' HTML, made on the server: the details form, the
//! page that asks before a workspace is deleted, and the tools'
//! navigation here; the list of investigations in `list`, the workspace
//! and its timeline in `timeline`, the SEIPS scan in `scan`, factors and
//! actions in `plan`, and each part's own pages in `entry`, `scan` and
//! `plan::items` (through `item`).
//! The form fields are the hub's own (`crate::forms`), given the CSRF
//! token and a failed post's messages and kept values directly.

use leptos::prelude::*;

use super::{AreaPage, Item, Tool};
use crate::components::{Breadcrumbs, Crumb, ErrorSummary};
use crate::forms::{
    provide_form_state, FormState, PostForm, SelectField, SubmitButton, TextArea, TextField,
};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::types::{Details, Workspace};
use crate::vocabulary::{options, LearningResponse, Sector};

pub use super::entry::{delete_entry_page, entry_page};
pub use super::import::import_page;
pub use super::list::list_page;
pub use super::local::{
    account_news, local_page, AccountNews, CONFLICT_FIELD, GONE_FIELD, SEND_FIELD,
};
pub use super::plan::{
    action_page, delete_action_page, delete_factor_page, factor_page, plan_page,
};
pub use super::scan::{delete_finding_page, finding_page, scan_page};
pub use super::sharing::{leave_page, sharing_page};
pub use super::timeline::{workspace_page, Viewing};

/// A page's HTML, with the form state its fields read and, after a
/// refused post, the error summary first.
pub fn page<V: IntoView + 'static>(
    title: String,
    state: &FormState,
    content: impl FnOnce() -> V,
) -> RenderedPage {
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_form_state(state.clone());
        let errors: Vec<(String, String)> = state
            .feedback
            .errors
            .iter()
            .map(|error| (format!("#{}", error.field), error.message.clone()))
            .collect();
        let summary = (!errors.is_empty()).then(|| view! { <ErrorSummary errors /> });
        view! { {summary} {content()} }.to_html()
    });
    let title = if state.feedback.errors.is_empty() {
        title
    } else {
        format!("Error: {title}")
    };
    RenderedPage { title, html }
}

pub fn list_trail() -> Vec<Crumb> {
    vec![Crumb::new("Home", "/"), Crumb::new("Toolkits", "/toolkits")]
}

pub fn example_trail() -> Vec<Crumb> {
    let mut trail = list_trail();
    trail.push(Crumb::new("Your investigations", "/workspaces"));
    trail
}

/// The trail to a workspace's own pages.
pub fn workspace_trail(workspace: &Workspace) -> Vec<Crumb> {
    let mut trail = example_trail();
    trail.push(Crumb::new(
        workspace.details.title.clone(),
        format!("/workspaces/{}", workspace.id),
    ));
    trail
}

/// Said on every workspace page: what is typed here is kept, and must
/// never identify anyone.
pub fn no_patient_details() -> impl IntoView {
    view! {
        <div class="nhsuk-warning-callout">
            <h2 class="nhsuk-warning-callout__label">
                <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"No patient-identifiable information"</span>
            </h2>
            <p>"Never enter names, NHS numbers, dates of birth, addresses or anything else that could identify a patient, family member or member of staff. Describe people by their role."</p>
        </div>
    }
}

/// The version the page shows, sent back with a change (a plain input,
/// not a kept value: after a refusal it must carry the version shown now,
/// not the one posted).
pub fn version_field(version: i64) -> impl IntoView {
    view! { <input type="hidden" name="version" value=version.to_string() /> }
}

const TITLE_HINT: &str =
    "A short name for you and anyone you share it with, such as “Delayed referral, March”. Up to 120 characters.";
const SCOPE_HINT: &str = "What the learning response will look at and why, and what it will not. Up to 2,000 characters.";

/// The details form's fields, filled with `details` when changing them.
pub(super) fn details_fields(details: Option<&Details>) -> impl IntoView {
    let value = |read: fn(&Details) -> String| details.map(read).unwrap_or_default();
    view! {
        <TextField name="title" label="Title" hint=TITLE_HINT value=value(|details| details.title.clone()) />
        <SelectField name="response" label="Learning response" options={options::<LearningResponse>()}
            value=value(|details| details.response.slug().to_string()) blank="Select one" />
        <SelectField name="sector" label="Sector (optional)" options={options::<Sector>()}
            value=value(|details| details.sector.map(|sector| sector.slug().to_string()).unwrap_or_default()) blank="Not given" />
        <TextArea name="scope" label="Scope (optional)" hint=SCOPE_HINT value=value(|details| details.scope.clone()) />
    }
}

/// The tools of a workspace, each a page of its own: the navigation
/// between them, under the heading of each.
pub fn tool_nav(address: &str, current: Tool) -> impl IntoView {
    let tools = [
        (
            "Timeline",
            address.to_string(),
            matches!(current, Tool::Timeline { .. }),
        ),
        (
            "SEIPS scan",
            format!("{address}?tool=scan"),
            current == Tool::Scan,
        ),
        (
            "Factors and actions",
            format!("{address}?tool=plan"),
            current == Tool::Plan,
        ),
        (
            "Report",
            format!("{address}?tool=report"),
            current == Tool::Report,
        ),
    ];
    view! {
        <nav class="hub-tool-nav" aria-label="Tools for this investigation">
            <ul class="hub-tool-nav__list">
                {tools.into_iter().map(|(label, href, here)| view! {
                    <li class="hub-tool-nav__item">
                        <a class="hub-tool-nav__link" href=href aria-current=here.then_some("page")>{label}</a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// The top of the scan's and the plan's pages: the trail, the
/// investigation's title over the tool's heading, the notice, the
/// example's panel, and the tools' navigation.
pub fn tool_header(
    workspace: &Workspace,
    viewing: &Viewing,
    tool: Tool,
    heading: &'static str,
) -> impl IntoView {
    let address = viewing.address(workspace.id);
    let mut trail = example_trail();
    trail.push(Crumb::new(workspace.details.title.clone(), address.clone()));
    let panel = viewing.panel(workspace.id);
    view! {
        <Breadcrumbs trail />
        <span class="nhsuk-caption-l">{workspace.details.title.clone()}</span>
        <h1 class="nhsuk-heading-l">{heading}</h1>
        {no_patient_details()}
        {panel}
        {tool_nav(&address, tool)}
    }
}

/// A workspace list as a table that scrolls sideways on its own (not the
/// page), a focusable region named by its caption; `change` adds the
/// column of each row's "Change" link.
pub fn scrolling_table(
    name: &'static str,
    class: &'static str,
    caption: &'static str,
    headers: &[&'static str],
    change: bool,
    rows: impl IntoView + 'static,
) -> AnyView {
    let caption_id = format!("{name}-caption");
    let labelled_by = caption_id.clone();
    let headers = headers
        .iter()
        .map(|header| view! { <th class="nhsuk-table__header" scope="col">{*header}</th> })
        .collect_view();
    view! {
        <div class="hub-table-scroll" tabindex="0" role="region" aria-labelledby=labelled_by>
            <table class=class>
                <caption class="nhsuk-table__caption" id=caption_id>{caption}</caption>
                <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">
                        {headers}
                        {change.then(|| view! { <th class="nhsuk-table__header" scope="col"><span class="nhsuk-u-visually-hidden">"Change"</span></th> })}
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// "1 entry", "3 findings": a count and its noun.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    match count {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// `/workspaces/{id}?edit=details` (the link to delete it for its owner
/// only).
pub fn details_page(workspace: Workspace, owns: bool, state: &FormState) -> RenderedPage {
    let title = format!("Details: {}", workspace.details.title);
    page(title, state, move || {
        view! {
            <Breadcrumbs trail=workspace_trail(&workspace) />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-l">"Change the details"</h1>
                    {no_patient_details()}
                    <PostForm action=format!("/workspaces/{}", workspace.id)>
                        <input type="hidden" name="action" value="details" />
                        {version_field(workspace.version)}
                        {details_fields(Some(&workspace.details))}
                        <SubmitButton label="Save details" />
                    </PostForm>
                    {owns.then(|| view! { <p><a href=format!("/workspaces/{}?edit=delete", workspace.id)>"Delete this investigation"</a></p> })}
                </div>
            </div>
        }
    })
}

/// `/workspaces/{id}?edit=delete`: asks first, saying what goes with it.
pub fn delete_page(workspace: Workspace, state: &FormState) -> RenderedPage {
    let title = format!("Delete {}?", workspace.details.title);
    page(title, state, move || {
        let parts: Vec<String> = [
            (
                workspace.entries.len(),
                "timeline entry",
                "timeline entries",
            ),
            (workspace.findings.len(), "SEIPS finding", "SEIPS findings"),
            (
                workspace.factors.len(),
                "contributory factor",
                "contributory factors",
            ),
            (workspace.actions.len(), "safety action", "safety actions"),
        ]
        .into_iter()
        .filter(|(count, _, _)| *count > 0)
        .map(|(count, one, many)| counted(count, one, many))
        .collect();
        let entries = match parts.as_slice() {
            [] => "It has nothing in it yet.".to_string(),
            [one] => match one.strip_prefix("1 ") {
                Some(single) => format!("Its {single} goes with it."),
                None => format!("Its {one} go with it."),
            },
            [first @ .., last] => format!("Its {} and {last} go with it.", first.join(", ")),
        };
        view! {
            <Breadcrumbs trail=workspace_trail(&workspace) />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-l">{format!("Delete “{}”?", workspace.details.title)}</h1>
                    {no_patient_details()}
                    <p>{format!("{entries} This cannot be undone.")}</p>
                    <PostForm action=format!("/workspaces/{}", workspace.id)>
                        <input type="hidden" name="action" value="delete" />
                        {version_field(workspace.version)}
                        <button class="nhsuk-button nhsuk-button--warning" id="confirm" type="submit" name="confirm" value="yes" data-module="nhsuk-button">"Delete investigation"</button>
                    </PostForm>
                    <p><a href=format!("/workspaces/{}", workspace.id)>"Keep it and go back"</a></p>
                </div>
            </div>
        }
    })
}

/// Which page `area` is for a workspace already loaded, rendered as
/// `viewing` allows (None: an entry it names is not there, or a page the
/// member's standing does not give them: changing for readers, deleting
/// and sharing for all but the owner).
pub fn workspace_area_page(
    area: &AreaPage,
    workspace: Workspace,
    viewing: Viewing,
    state: &FormState,
) -> Option<RenderedPage> {
    let owns = matches!(&viewing, Viewing::Member { standing, .. } if standing.owns());
    let changes = viewing.changes();
    Some(match *area {
        AreaPage::Workspace(_, tool) => tool_page(workspace, tool, viewing, state),
        AreaPage::Details(_) if changes => details_page(workspace, owns, state),
        AreaPage::Delete(_) if owns => delete_page(workspace, state),
        AreaPage::Leave(_) => match viewing {
            Viewing::Member { owner, .. } if !owns => leave_page(workspace, owner, state),
            _ => return None,
        },
        AreaPage::Details(_) | AreaPage::Delete(_) | AreaPage::Sharing(_) => return None,
        AreaPage::Item { .. } if !changes => return None,
        AreaPage::Item {
            item,
            number,
            delete,
            ..
        } => match (item, delete) {
            (Item::Entry, false) => entry_page(workspace, number, state)?,
            (Item::Entry, true) => delete_entry_page(workspace, number, state)?,
            (Item::Finding, false) => finding_page(workspace, number, state)?,
            (Item::Finding, true) => delete_finding_page(workspace, number, state)?,
            (Item::Factor, false) => factor_page(workspace, number, state)?,
            (Item::Factor, true) => delete_factor_page(workspace, number, state)?,
            (Item::Action, false) => action_page(workspace, number, state)?,
            (Item::Action, true) => delete_action_page(workspace, number, state)?,
        },
        AreaPage::List
        | AreaPage::Import
        | AreaPage::Local
        | AreaPage::Example(_)
        | AreaPage::Unknown => return None,
    })
}

/// One of a workspace's tools' pages, the member's own or the example.
pub fn tool_page(
    workspace: Workspace,
    tool: Tool,
    viewing: Viewing,
    state: &FormState,
) -> RenderedPage {
    match tool {
        Tool::Timeline { gap, lanes } => workspace_page(workspace, gap, lanes, viewing, state),
        Tool::Scan => scan_page(workspace, viewing, state),
        Tool::Plan => plan_page(workspace, viewing, state),
        Tool::Report => super::report::report_page(workspace, viewing, state),
    }
}
