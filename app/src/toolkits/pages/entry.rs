//! A timeline entry's form (to add one or change one), the page to change
//! an entry (`?entry={n}`) and the page that asks before deleting one
//! (`?entry={n}&delete=yes`), saying which entries will lose their link.

use leptos::prelude::*;

use super::render::{no_patient_details, page, version_field, workspace_trail};
use crate::components::Breadcrumbs;
use crate::forms::{
    CheckboxGroup, FormState, PostForm, RadioGroup, SelectField, SubmitButton, TextArea, TextField,
};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::timeline::{Entry, EntryInput};
use crate::toolkits::types::{Problem, SeipsElement, Source, Workspace};
use crate::vocabulary::options;

/// How a form's list of entries names one: its number in time order, when
/// and the start of what happened.
pub fn entry_label(index: usize, entry: &Entry) -> String {
    let what: String = entry.what.chars().take(60).collect();
    let more = if entry.what.chars().count() > 60 {
        "…"
    } else {
        ""
    };
    format!("{}: {}, {what}{more}", index + 1, entry.when.shown())
}

/// The entry form's fields, filled with `values` when changing an entry;
/// `others` are the entries it may be linked to as the same event.
pub fn entry_fields(values: Option<EntryInput>, others: Vec<(i64, String)>) -> impl IntoView {
    let values = values.unwrap_or_default();
    let problems: Vec<(String, String)> = std::iter::once((String::new(), "Neither".to_string()))
        .chain(options::<Problem>())
        .collect();
    let others: Vec<(String, String)> = others
        .into_iter()
        .map(|(id, label)| (id.to_string(), label))
        .collect();
    view! {
        <TextField name="date" label="Date" input_type="date" hint="For example 2026-03-14" value=values.date width="nhsuk-input--width-10" />
        <TextField name="time" label="Time" input_type="time" hint="24-hour clock, the local time as the source recorded it, for example 14:05" value=values.time width="nhsuk-input--width-5" />
        <TextField name="end_date" label="Window ends: date (optional)" input_type="date" hint="If it happened over a window of time. Leave empty for the same day, or for a single moment." value=values.end_date width="nhsuk-input--width-10" />
        <TextField name="end_time" label="Window ends: time (optional)" input_type="time" hint="For example 03:30. Leave empty for a single moment." value=values.end_time width="nhsuk-input--width-5" />
        <CheckboxGroup name="approximate" error_name="approximate" legend="How sure is the time?"
            options=vec![("yes".to_string(), "The time is approximate".to_string())]
            checked=(values.approximate == "yes").then(|| "yes".to_string()).into_iter().collect() />
        <TextArea name="what" label="What happened" hint="The facts, as the source gives them. Up to 1,000 characters." value=values.what rows=3 />
        <TextField name="who" label="Who (optional)" hint="A role, such as “practice nurse” or “duty doctor”: never a name. Up to 100 characters." value=values.who />
        <TextField name="place" label="Where (optional)" hint="Such as “GP surgery” or “ward 7”. Up to 100 characters." value=values.place />
        <SelectField name="source" label="Source of the information" options={options::<Source>()} value=values.source blank="Select one" />
        <TextField name="source_detail" label="Source details (optional)" hint="Which record, log or account; for a device, any known clock offset. Up to 200 characters." value=values.source_detail />
        <TextArea name="note" label="Analysis note (optional)" hint="Where work as done differed from work as imagined, and why it made sense at the time. Kept apart from the facts. Up to 2,000 characters." value=values.note rows=3 />
        <RadioGroup name="problem" legend="Is this a care or service delivery problem?" options=problems value=values.problem />
        <CheckboxGroup name="elements" error_name="elements" legend="SEIPS work-system elements involved (optional)"
            options={options::<SeipsElement>()} checked=values.elements />
        {(!others.is_empty()).then(|| view! {
            <SelectField name="same_as" label="Same event as another entry (optional)" options=others value=values.same_as blank="None"
                hint="When two sources record one event, link them: if their times or order disagree, both are flagged." />
        })}
    }
}

/// The workspace's entry `entry`, with its place in time order.
fn find(workspace: &Workspace, entry: i64) -> Option<(usize, Entry)> {
    workspace
        .entries
        .iter()
        .position(|candidate| candidate.id == entry)
        .map(|index| (index, workspace.entries[index].clone()))
}

/// `/workspaces/{id}?entry={n}` (None: no such entry).
pub fn entry_page(workspace: Workspace, entry: i64, state: &FormState) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace, entry)?;
    let number = index + 1;
    let title = format!("Change entry {number}: {}", workspace.details.title);
    Some(page(title, state, move || {
        let id = workspace.id;
        let others: Vec<(i64, String)> = workspace
            .entries
            .iter()
            .enumerate()
            .filter(|(_, other)| other.id != entry)
            .map(|(index, other)| (other.id, entry_label(index, other)))
            .collect();
        view! {
            <Breadcrumbs trail=workspace_trail(&workspace) />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-l">{format!("Change entry {number}")}</h1>
                    {no_patient_details()}
                    <div class="nhsuk-inset-text">
                        <p>{format!("As saved: {}", shown.when.shown())}</p>
                        <p class="hub-preserve-lines">{shown.what.clone()}</p>
                    </div>
                    <PostForm action=format!("/workspaces/{id}")>
                        <input type="hidden" name="action" value="change" />
                        <input type="hidden" name="entry" value=entry.to_string() />
                        {version_field(workspace.version)}
                        {entry_fields(Some(EntryInput::of(&shown)), others)}
                        <SubmitButton label="Save entry" />
                    </PostForm>
                    <p><a href=format!("/workspaces/{id}?entry={entry}&delete=yes")>"Delete this entry"</a></p>
                    <p><a href=format!("/workspaces/{id}#timeline")>"Back to the timeline"</a></p>
                </div>
            </div>
        }
    }))
}

/// `/workspaces/{id}?entry={n}&delete=yes` (None: no such entry).
pub fn delete_entry_page(
    workspace: Workspace,
    entry: i64,
    state: &FormState,
) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace, entry)?;
    let number = index + 1;
    Some(page(format!("Delete entry {number}?"), state, move || {
        let id = workspace.id;
        // The entries linked with this one, either way, lose that link.
        let linked: Vec<String> = workspace
            .entries
            .iter()
            .enumerate()
            .filter(|(_, other)| other.same_as == Some(entry) || shown.same_as == Some(other.id))
            .map(|(index, _)| (index + 1).to_string())
            .collect();
        let links = match linked.len() {
            0 => None,
            1 => Some(format!(
                "Entry {} is linked to it as the same event and will lose that link.",
                linked[0]
            )),
            _ => Some(format!(
                "Entries {} are linked to it as the same event and will lose that link.",
                linked.join(", ")
            )),
        };
        view! {
            <Breadcrumbs trail=workspace_trail(&workspace) />
            <div class="nhsuk-grid-row">
                <div class="nhsuk-grid-column-two-thirds">
                    <h1 class="nhsuk-heading-l">{format!("Delete entry {number}?")}</h1>
                    {no_patient_details()}
                    <div class="nhsuk-inset-text">
                        <p>{shown.when.shown()}</p>
                        <p class="hub-preserve-lines">{shown.what.clone()}</p>
                    </div>
                    {links.map(|links| view! { <p><strong>{links}</strong></p> })}
                    <p>"This cannot be undone."</p>
                    <PostForm action=format!("/workspaces/{id}")>
                        <input type="hidden" name="action" value="remove" />
                        <input type="hidden" name="entry" value=entry.to_string() />
                        {version_field(workspace.version)}
                        <button class="nhsuk-button nhsuk-button--warning" id="confirm" type="submit" name="confirm" value="yes" data-module="nhsuk-button">"Delete entry"</button>
                    </PostForm>
                    <p><a href=format!("/workspaces/{id}?entry={entry}")>"Keep it and go back"</a></p>
                </div>
            </div>
        }
    }))
}
