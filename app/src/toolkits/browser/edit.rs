//! What the reader does: the table and details shown, an entry added or
//! deleted, the details changed, this browser's copy deleted.

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlOptionElement,
    HtmlSelectElement, HtmlTextAreaElement,
};

use super::chart::show_chart;
use super::forms::{clear_errors, read_form, show_errors};
use super::page::{announce, by_id, copy, focus, set_cell, set_text, template};
use super::{keep, kept_here, Shared, Tool};
use crate::toolkits::local::{LocalInvestigation, STORAGE_KEY};
use crate::toolkits::timeline::{
    entries_count, entry_label, flags, row_text, summary, Entry, EntryInput, Flag, ViewInput,
};
use crate::toolkits::types::DetailsInput;

/// Fills the table, the chart, the summary and the "same event" choices;
/// the entries' flags, as shown.
pub(super) fn show(tool: &Tool) -> Vec<Vec<Flag>> {
    let entries = &tool.local.workspace().entries;
    let flagged = flags(entries, tool.gap_minutes);
    show_chart(entries, &flagged, tool.lanes);
    show_rows(entries, &flagged);
    flagged
}

/// The table, the summary and the "same event" choices.
fn show_rows(entries: &[Entry], flagged: &[Vec<Flag>]) {
    let (Some(body), Some(row), Some(flag)) = (
        by_id::<Element>("local-entries"),
        template("local-row"),
        template("local-flag"),
    ) else {
        return;
    };
    body.set_text_content(None);
    for (index, (entry, entry_flags)) in entries.iter().zip(flagged).enumerate() {
        let Some(tr) = copy(&row) else { return };
        let text = row_text(entries, entry, entry_flags);
        tr.set_id(&format!("entry-{}", entry.id));
        if !entry_flags.is_empty() {
            let _ = tr.class_list().add_1("hub-flagged");
        }
        let number = (index + 1).to_string();
        for (cell, value) in [
            ("number", number.as_str()),
            ("when", &text.when),
            ("what", &entry.what),
            ("who_where", &text.who_where),
            ("source", &text.source),
            ("note", &entry.note),
        ] {
            set_cell(&tr, cell, value);
        }
        set_cell(&tr, "name", &format!(" entry {number}"));
        if let Ok(Some(marks)) = tr.query_selector("[data-cell=marks]") {
            for mark in &text.marks {
                if let Ok(item) = document().create_element("li") {
                    item.set_text_content(Some(mark));
                    let _ = marks.append_child(&item);
                }
            }
            for described in &text.flags {
                if let Some(item) = copy(&flag) {
                    set_cell(&item, "flag", described);
                    let _ = marks.append_child(&item);
                }
            }
        }
        if let Ok(Some(button)) = tr.query_selector("[data-delete]") {
            let _ = button.set_attribute("data-entry", &entry.id.to_string());
        }
        let _ = body.append_child(&tr);
    }
    set_text("local-summary", &summary(flagged, true));
    if let Some(select) = by_id::<HtmlSelectElement>("same_as") {
        while select.length() > 1 {
            select.remove_with_index(1);
        }
        for (index, entry) in entries.iter().enumerate() {
            let label = entry_label(index, entry);
            if let Ok(option) =
                HtmlOptionElement::new_with_text_and_value(&label, &entry.id.to_string())
            {
                let _ = select.append_child(&option);
            }
        }
    }
}

pub(super) fn fill_details(local: &LocalInvestigation) {
    let details = &local.workspace().details;
    if let Some(input) = by_id::<HtmlInputElement>("title") {
        input.set_value(&details.title);
    }
    if let Some(select) = by_id::<HtmlSelectElement>("response") {
        select.set_value(details.response.slug());
    }
    if let Some(select) = by_id::<HtmlSelectElement>("sector") {
        select.set_value(
            details
                .sector
                .map(|sector| sector.slug())
                .unwrap_or_default(),
        );
    }
    if let Some(scope) = by_id::<HtmlTextAreaElement>("scope") {
        scope.set_value(&details.scope);
    }
}

pub(super) fn change_details(tool: &Shared) {
    let Some(form) = by_id::<HtmlFormElement>("local-details") else {
        return;
    };
    clear_errors(&form, "local-details-errors");
    let Some(input) = read_form::<DetailsInput>(&form) else {
        return;
    };
    let mut tool = tool.borrow_mut();
    match tool.local.change_details(&input) {
        Ok(()) => {
            let unkept = keep(&mut tool);
            announce(&format!("Details saved.{unkept}"));
        }
        Err(errors) => show_errors(&form, "local-details-errors", &errors),
    }
}

/// The view form's choices, field by field (the same names as the form's
/// and the server's query: a serde reader of its own would add a
/// kilobyte to the chunk for two fields).
pub(super) fn view_choice() -> Option<ViewInput> {
    Some(ViewInput {
        gap: by_id::<HtmlInputElement>("gap")?.value(),
        lanes: by_id::<HtmlSelectElement>("lanes")?.value(),
    })
}

/// The gap length and the chart's lanes chosen (in this tab only).
pub(super) fn change_view(tool: &Shared) {
    let Some(input) = view_choice() else {
        return;
    };
    let mut tool = tool.borrow_mut();
    tool.choose_view(&input);
    // As it was read ("an hour" is the default, a negative number 0).
    if let Some(gap) = by_id::<HtmlInputElement>("gap") {
        gap.set_value(&tool.gap_minutes.to_string());
    }
    let flagged = show(&tool);
    announce(&format!("Shown again. {}", summary(&flagged, false)));
}

/// The form sent empty this soon after an entry was added (and the form
/// emptied) is a double click: neither another entry nor a refusal.
const DOUBLE_SUBMIT_MS: f64 = 500.0;

/// `at`: when the form was sent (the event's time).
pub(super) fn add_entry(tool: &Shared, at: f64) {
    let Some(form) = by_id::<HtmlFormElement>("local-entry") else {
        return;
    };
    let Some(input) = read_form::<EntryInput>(&form) else {
        return;
    };
    let emptied = input.date.is_empty() && input.time.is_empty() && input.what.is_empty();
    if emptied && at - tool.borrow().added_at < DOUBLE_SUBMIT_MS {
        return;
    }
    clear_errors(&form, "local-errors");
    let mut tool = tool.borrow_mut();
    match tool.local.add_entry(&input) {
        Ok(id) => {
            tool.added_at = at;
            let unkept = keep(&mut tool);
            show(&tool);
            form.reset();
            let entries = &tool.local.workspace().entries;
            if let Some(index) = entries.iter().position(|entry| entry.id == id) {
                announce(&format!(
                    "Entry {} added: {}. The timeline has {} in time order.{unkept}",
                    index + 1,
                    entries[index].when.shown(),
                    entries_count(entries.len())
                ));
            }
            // Ready for the next entry.
            focus("date");
        }
        Err(errors) => show_errors(&form, "local-errors", &errors),
    }
}

/// A delete button in the table: asks first when other entries or
/// findings point to the entry, then keeps focus on the neighbouring row.
pub(super) fn delete_entry(tool: &Shared, event: Event) {
    let Some(button) = event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok())
        .and_then(|target| target.closest("[data-delete]").ok().flatten())
    else {
        return;
    };
    let Some(id) = button
        .get_attribute("data-entry")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return;
    };
    // Read, then ask with nothing borrowed (another tab's change may be
    // handled while the question is open), then change.
    let borrowed = tool.borrow();
    let workspace = borrowed.local.workspace();
    let Some(index) = workspace.entries.iter().position(|entry| entry.id == id) else {
        return;
    };
    let (entries, findings) = workspace.links_to_entry(id);
    let linked = entries.len() + findings.len();
    drop(borrowed);
    if linked > 0 {
        let question = format!(
            "Entry {} is linked to {linked} other part(s) of this investigation, which will lose that link. Delete it?",
            index + 1
        );
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
    }
    let mut tool = tool.borrow_mut();
    if tool.local.remove_entry(id).is_none() {
        return;
    }
    let unkept = keep(&mut tool);
    show(&tool);
    let remaining = tool.local.workspace().entries.len();
    announce(&format!(
        "Entry {} deleted. The timeline has {}.{unkept}",
        index + 1,
        entries_count(remaining)
    ));
    // The row now in its place, else the one before, else the heading.
    let next = tool
        .local
        .workspace()
        .entries
        .get(index.min(remaining.saturating_sub(1)))
        .map(|entry| entry.id);
    match next {
        Some(next) => {
            if let Ok(Some(button)) = document().query_selector(&format!("[data-entry=\"{next}\"]"))
            {
                if let Ok(button) = button.dyn_into::<HtmlElement>() {
                    let _ = button.focus();
                }
            }
        }
        None => focus("timeline"),
    }
}

pub(super) fn clear(tool: &Shared, _: Event) {
    let mut tool = tool.borrow_mut();
    let storage = window().local_storage().ok().flatten();
    let removed = storage
        .as_ref()
        .is_some_and(|storage| storage.remove_item(STORAGE_KEY).is_ok());
    tool.local = LocalInvestigation::default();
    if removed {
        tool.storage = storage;
        set_text("local-state", kept_here());
    }
    // A new one, unsaved: its first save makes a new copy.
    super::account::remember(&mut tool, None);
    show(&tool);
    fill_details(&tool.local);
    announce("Deleted from this browser. The timeline is empty.");
    focus("timeline");
}
