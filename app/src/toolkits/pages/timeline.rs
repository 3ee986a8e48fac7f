//! `/workspaces/{id}`: an investigation's details and its timeline, as a
//! table (where everything is read and changed) and a chart, with the
//! gaps and disagreements flagged, and the form to add an entry.

use leptos::prelude::*;

use super::chart::timeline_chart;
use super::entry::entry_fields;
use super::render::{
    example_trail, no_patient_details, page, scrolling_table, tool_nav, version_field,
};
use super::Tool;
use crate::components::Breadcrumbs;
use crate::forms::{FormState, PostForm, SubmitButton};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::sharing::{ShareRole, Standing};
use crate::toolkits::timeline::{
    entry_label, flags, row_text, summary, Entry, Flag, LaneBy, RowText,
};
use crate::toolkits::types::Workspace;

/// Whose workspace a page shows: one the member opened (their own, or one
/// shared with them by its owner), changed from its pages if their
/// standing allows; or the example (read-only; copied by a member who is
/// signed in).
#[derive(Clone, PartialEq, Eq)]
pub enum Viewing {
    Member { standing: Standing, owner: String },
    Example { signed_in: bool },
}

impl Viewing {
    /// The address of the workspace's own page.
    pub fn address(&self, id: i64) -> String {
        match self {
            Viewing::Member { .. } => format!("/workspaces/{id}"),
            Viewing::Example { .. } => "/workspaces/example".to_string(),
        }
    }

    /// Whether the pages show the forms that change it.
    pub fn changes(&self) -> bool {
        matches!(self, Viewing::Member { standing, .. } if standing.changes())
    }

    /// What the top of each of its pages says about whose it is: the
    /// example's panel, or whose a shared one is (nothing on the owner's).
    pub fn panel(&self, id: i64) -> Option<AnyView> {
        match self {
            Viewing::Example { signed_in } => Some(example_panel(*signed_in).into_any()),
            Viewing::Member {
                standing: Standing::Shared(role),
                owner,
            } => Some(shared_panel(id, owner, *role).into_any()),
            Viewing::Member { .. } => None,
        }
    }
}

/// Says the example is fictional, and lets a member copy it.
pub fn example_panel(signed_in: bool) -> impl IntoView {
    view! {
        <div class="nhsuk-inset-text">
            <p>"A fictional learning response written for the hub, to show the tools at work: no real patient, practice or person. Read it here, or copy it into your own investigations to change it and try the tools."</p>
            {if signed_in {
                view! {
                    <PostForm action="/workspaces">
                        <input type="hidden" name="action" value="copy-example" />
                        <button class="nhsuk-button nhsuk-button--secondary" id="copy" type="submit" data-module="nhsuk-button">"Copy into your investigations"</button>
                    </PostForm>
                }.into_any()
            } else {
                view! { <p><a href="/sign-in?next=%2Fworkspaces%2Fexample">"Sign in"</a>" to copy it into your own investigations."</p> }.into_any()
            }}
        </div>
    }
}

/// Says whose a shared investigation is and what the member can do with
/// it; lets them copy it into their own, or leave it (asked first). A
/// refused change is shown here (`#sharing`).
pub fn shared_panel(id: i64, owner: &str, role: ShareRole) -> impl IntoView {
    let said = format!(
        "Shared with you by {owner} as {}: you {}.",
        match role {
            ShareRole::Editor => "an editor",
            ShareRole::Reader => "a reader",
        },
        role.allows()
    );
    let (error, _, messages) = crate::forms::field_messages("sharing", None);
    view! {
        <div class="nhsuk-inset-text" class:nhsuk-form-group--error=error.is_some() id="sharing" tabindex="-1">
            {messages}
            <p>{said}</p>
            <PostForm action="/workspaces">
                <input type="hidden" name="action" value="copy" />
                <input type="hidden" name="from" value=id.to_string() />
                <button class="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button">"Copy into your investigations"</button>
            </PostForm>
            <p><a href=format!("/workspaces/{id}?edit=leave")>"Leave this investigation"</a></p>
        </div>
    }
}

/// `/workspaces/{id}` or `/workspaces/example`.
pub fn workspace_page(
    workspace: Workspace,
    gap: i64,
    lanes: LaneBy,
    viewing: Viewing,
    state: &FormState,
) -> RenderedPage {
    let title = workspace.details.title.clone();
    page(title, state, move || {
        workspace_view(workspace, gap, lanes, viewing)
    })
}

fn workspace_view(
    workspace: Workspace,
    gap: i64,
    lanes: LaneBy,
    viewing: Viewing,
) -> impl IntoView {
    // The overview's trail ends at the list: it is the workspace's page.
    let trail = example_trail();
    let details = workspace.details.clone();
    let id = workspace.id;
    let address = viewing.address(id);
    let entries = workspace.entries.clone();
    let flagged = flags(&entries, gap);
    let changes = viewing.changes();
    let summary = summary(&flagged, changes);
    let chart = timeline_chart(&entries, &flagged, lanes);
    let table = timeline_table(changes.then_some(id), &entries, &flagged);
    let choices: Vec<(i64, String)> = entries
        .iter()
        .enumerate()
        .map(|(index, entry)| (entry.id, entry_label(index, entry)))
        .collect();
    let last_changed = matches!(viewing, Viewing::Member { .. }).then(|| {
        view! {
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Last changed"</dt>
                <dd class="nhsuk-summary-list__value">{workspace.updated.clone()}</dd>
            </div>
        }
    });
    let owns = matches!(&viewing, Viewing::Member { standing, .. } if standing.owns());
    let links = changes.then(|| view! {
        <ul class="nhsuk-list">
            <li><a href=format!("/workspaces/{id}?edit=details")>"Change the details"</a></li>
            {owns.then(|| view! { <li><a href=format!("/workspaces/{id}?edit=sharing")>"Share with your team"</a></li> })}
        </ul>
    });
    let top = view! { {viewing.panel(id)} {links} };
    let add = changes.then(|| view! {
        <h2 class="nhsuk-heading-m" id="add">"Add an entry"</h2>
        <p>"Record facts and where they came from; keep your analysis in its own field. Entries take their place in time order whatever order you add them in."</p>
        <PostForm action=format!("/workspaces/{id}")>
            <input type="hidden" name="action" value="add" />
            {version_field(workspace.version)}
            {entry_fields(None, choices)}
            <SubmitButton label="Add to timeline" />
        </PostForm>
    });
    view! {
        <Breadcrumbs trail />
        <span class="nhsuk-caption-l">{details.response.label()}</span>
        <h1 class="nhsuk-heading-l">{details.title.clone()}</h1>
        {no_patient_details()}
        {top}
        {tool_nav(&address, Tool::Timeline { gap, lanes })}
        <dl class="nhsuk-summary-list">
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Sector"</dt>
                <dd class="nhsuk-summary-list__value">{details.sector.map(|sector| sector.label()).unwrap_or("Not given")}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Scope"</dt>
                <dd class="nhsuk-summary-list__value hub-preserve-lines">{if details.scope.is_empty() { "Not given yet".to_string() } else { details.scope.clone() }}</dd>
            </div>
            {last_changed}
        </dl>
        <h2 class="nhsuk-heading-m" id="timeline" tabindex="-1">"Timeline"</h2>
        <p>{summary}</p>
        <form method="get" action=address class="hub-inline-form">
            {view_fields(gap, lanes)}
            <button class="nhsuk-button nhsuk-button--secondary" type="submit" data-module="nhsuk-button">"Show"</button>
        </form>
        {table}
        {chart}
        {add}
    }
}

/// The fields choosing how the timeline is shown (`timeline::ViewInput`):
/// the gap length flagged and the chart's lanes.
pub(super) fn view_fields(gap: i64, lanes: LaneBy) -> impl IntoView {
    view! {
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="gap">"Flag gaps longer than (minutes)"</label>
            <div class="nhsuk-hint" id="gap-hint">"1440 is a day; 0 flags no gaps."</div>
            <input class="nhsuk-input nhsuk-input--width-4" id="gap" name="gap" type="text" inputmode="numeric" aria-describedby="gap-hint" value=gap.to_string() />
        </div>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="lanes">"Chart lanes by"</label>
            <select class="nhsuk-select" id="lanes" name="lanes">
                {LaneBy::ALL
                    .map(|by| view! { <option value=by.slug() selected=by == lanes>{by.label()}</option> })}
            </select>
        </div>
    }
}

/// The timeline as a table, numbered in time order, each entry's facts
/// apart from the analyst's note, with its flags in words.
fn timeline_table(id: Option<i64>, entries: &[Entry], flagged: &[Vec<Flag>]) -> impl IntoView {
    if entries.is_empty() {
        return ().into_any();
    }
    let rows = entries
        .iter()
        .zip(flagged)
        .enumerate()
        .map(|(index, (entry, flags))| {
            let number = index + 1;
            let RowText {
                when,
                who_where,
                source,
                marks,
                flags: flag_texts,
            } = row_text(entries, entry, flags);
            view! {
                <tr class="nhsuk-table__row" class:hub-flagged=!flags.is_empty() id=format!("entry-{}", entry.id)>
                    <td class="nhsuk-table__cell">{number.to_string()}</td>
                    <td class="nhsuk-table__cell">{when}</td>
                    <td class="nhsuk-table__cell hub-preserve-lines">{entry.what.clone()}</td>
                    <td class="nhsuk-table__cell">{who_where}</td>
                    <td class="nhsuk-table__cell">{source}</td>
                    <td class="nhsuk-table__cell hub-preserve-lines">{entry.note.clone()}</td>
                    <td class="nhsuk-table__cell">
                        <ul class="nhsuk-list hub-compact-list">
                            {marks.into_iter().map(|mark| view! { <li>{mark}</li> }).collect_view()}
                            {flag_texts.into_iter().map(|flag| view! { <li class="hub-flag"><strong>"Flag: "</strong>{flag}</li> }).collect_view()}
                        </ul>
                    </td>
                    {id.map(|id| view! {
                        <td class="nhsuk-table__cell">
                            <a href=format!("/workspaces/{id}?entry={}", entry.id)>"Change"<span class="nhsuk-u-visually-hidden">{format!(" entry {number}")}</span></a>
                        </td>
                    })}
                </tr>
            }
        })
        .collect_view();
    scrolling_table(
        "timeline",
        "nhsuk-table hub-timeline",
        "Timeline entries in time order",
        &[
            "No.",
            "When",
            "What happened",
            "Who and where",
            "Source",
            "Analysis",
            "Marks and flags",
        ],
        id.is_some(),
        rows,
    )
}
