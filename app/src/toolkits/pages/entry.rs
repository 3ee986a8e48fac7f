//! A timeline entry's form (to add one or change one), the page to change
//! an entry (`?entry={n}`) and the page that asks before deleting one
//! (`?entry={n}&delete=yes`), saying which entries and findings will lose
//! their link.

use leptos::prelude::*;

use super::item::{change_page, delete_page, find, losing_link, ItemPage};
use crate::forms::{CheckboxGroup, FormState, RadioGroup, SelectField, TextArea, TextField};
use crate::toolkits::server::RenderedPage;
use crate::toolkits::timeline::{entry_label, Entry, EntryInput};
use crate::toolkits::types::{Problem, SeipsElement, Source, Workspace};
use crate::vocabulary::options;

pub const SAME_AS_LABEL: &str = "Same event as another entry (optional)";
pub const SAME_AS_HINT: &str =
    "When two sources record one event, link them: if their times or order disagree, both are flagged.";

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
            <SelectField name="same_as" label=SAME_AS_LABEL options=others value=values.same_as blank="None" hint=SAME_AS_HINT />
        })}
    }
}

fn item_page(workspace: Workspace, entry: i64, number: usize) -> ItemPage {
    ItemPage {
        back: format!("/workspaces/{}#timeline", workspace.id),
        workspace,
        name: format!("Entry {number}"),
        query: "entry",
        field: "entry",
        id: entry,
        change: "change",
        remove: "remove",
        back_label: "Back to the timeline",
    }
}

fn saved(entry: &Entry, prefix: &str) -> impl IntoView {
    view! {
        <p>{format!("{prefix}{}", entry.when.shown())}</p>
        <p class="hub-preserve-lines">{entry.what.clone()}</p>
    }
}

/// `/workspaces/{id}?entry={n}` (None: no such entry).
pub fn entry_page(workspace: Workspace, entry: i64, state: &FormState) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace.entries, entry, |entry| entry.id)?;
    let others: Vec<(i64, String)> = workspace
        .entries
        .iter()
        .enumerate()
        .filter(|(_, other)| other.id != entry)
        .map(|(index, other)| (other.id, entry_label(index, other)))
        .collect();
    let values = EntryInput::of(&shown);
    Some(change_page(
        item_page(workspace, entry, index + 1),
        state,
        || saved(&shown, "As saved: "),
        move || entry_fields(Some(values), others),
    ))
}

/// `/workspaces/{id}?entry={n}&delete=yes` (None: no such entry).
pub fn delete_entry_page(
    workspace: Workspace,
    entry: i64,
    state: &FormState,
) -> Option<RenderedPage> {
    let (index, shown) = find(&workspace.entries, entry, |entry| entry.id)?;
    let (linked, citing) = workspace.links_to_entry(entry);
    let losing = [
        losing_link(
            ("Entry", "Entries"),
            ("is", "are"),
            &linked,
            "linked to it as the same event and will lose that link.",
        ),
        losing_link(
            ("Finding", "Findings"),
            ("cites", "cite"),
            &citing,
            "it as evidence and will lose it.",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(delete_page(
        item_page(workspace, entry, index + 1),
        state,
        || saved(&shown, ""),
        losing,
    ))
}
