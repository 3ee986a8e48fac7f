//! The table's rows and the "same event" choices in the page. A change
//! touches only the rows that are new, gone, moved or different, and in
//! those only the cells that differ, by what each row was filled from
//! (`ShownRow`, compared by the shared rules): at 500 entries, filling
//! every row again took most of a change's time.

use std::collections::HashMap;

use web_sys::{Element, HtmlOptionElement, HtmlSelectElement};

use super::page::{by_id, copy, set_cell, template};
use crate::toolkits::timeline::{
    changed_cells, entry_label, kept_prefix, marks_changed, Entry, ShownRow,
};

/// What the table and the choices show, each row with its element.
#[derive(Default)]
pub(super) struct Shown {
    rows: Vec<(ShownRow, Element)>,
    /// The "same event" choices after the first ("none"): id and label.
    choices: Vec<(i64, String)>,
}

/// Brings the table's body to `rows`, in their order.
pub(super) fn show_rows(shown: &mut Shown, body: &Element, rows: Vec<ShownRow>) {
    let (Some(row_template), Some(flag_template)) = (template("local-row"), template("local-flag"))
    else {
        return;
    };
    if shown.rows.is_empty() {
        // Whatever the table held before the tool first filled it.
        body.set_text_content(None);
    }
    let mut was: HashMap<i64, (ShownRow, Element)> = std::mem::take(&mut shown.rows)
        .into_iter()
        .map(|(row, element)| (row.id, (row, element)))
        .collect();
    let mut next = body.first_element_child();
    for row in rows {
        let (before, element) = match was.remove(&row.id) {
            Some((before, element)) => (Some(before), element),
            None => {
                let Some(element) = copy(&row_template) else {
                    continue;
                };
                element.set_id(&format!("entry-{}", row.id));
                if let Ok(Some(button)) = element.query_selector("[data-delete]") {
                    let _ = button.set_attribute("data-entry", &row.id.to_string());
                }
                (None, element)
            }
        };
        fill(&element, before.as_ref(), &row, &flag_template);
        // In place already, or moved (or put) before the row there.
        if next.as_ref() == Some(&element) {
            next = element.next_element_sibling();
        } else {
            let _ = body.insert_before(&element, next.as_deref());
        }
        shown.rows.push((row, element));
    }
    // The rows of entries that have gone.
    for (_, element) in was.into_values() {
        element.remove();
    }
}

/// Fills the cells that differ from what the row showed (`before`; None:
/// a new row, every cell).
fn fill(element: &Element, before: Option<&ShownRow>, row: &ShownRow, flag: &Element) {
    for (cell, text) in changed_cells(before, row) {
        set_cell(element, cell, &text);
    }
    if marks_changed(before, row) {
        if let Ok(Some(marks)) = element.query_selector("[data-cell=marks]") {
            marks.set_text_content(None);
            for mark in &row.text.marks {
                if let Ok(item) = leptos::prelude::document().create_element("li") {
                    item.set_text_content(Some(mark));
                    let _ = marks.append_child(&item);
                }
            }
            for described in &row.text.flags {
                if let Some(item) = copy(flag) {
                    set_cell(&item, "flag", described);
                    let _ = marks.append_child(&item);
                }
            }
        }
    }
    if before.is_none_or(|before| before.flagged() != row.flagged()) {
        let _ = element
            .class_list()
            .toggle_with_force("hub-flagged", row.flagged());
    }
}

/// The "same event" choices: each entry by its number, time and start.
/// Those that stay as they were (every one, when an entry is added at the
/// end) are left in place, and so is what was chosen among them.
pub(super) fn show_choices(shown: &mut Shown, entries: &[Entry]) {
    let Some(select) = by_id::<HtmlSelectElement>("same_as") else {
        return;
    };
    let choices: Vec<(i64, String)> = entries
        .iter()
        .enumerate()
        .map(|(index, entry)| (entry.id, entry_label(index, entry)))
        .collect();
    // The first option is "none"; before the tool first fills the list,
    // nothing after it is known to be right.
    let kept = kept_prefix(&shown.choices, &choices);
    while select.length() > kept as u32 + 1 {
        select.remove_with_index(select.length() as i32 - 1);
    }
    for (id, label) in &choices[kept..] {
        if let Ok(option) = HtmlOptionElement::new_with_text_and_value(label, &id.to_string()) {
            let _ = select.append_child(&option);
        }
    }
    shown.choices = choices;
}
