//! The timeline kept in the browser (`/workspaces/local`), in a chunk of
//! its own (`local`). The server sends the whole page, every word of it (the text of
//! the client's code would weigh on every page's first load: see
//! `pages`); this code brings it to life. It reads the investigation from
//! the browser's storage, reads the forms through the same serde structs
//! and rules as the server (`local`, `timeline`), fills the table from
//! row templates in the page, keeps every change at once, announces it
//! politely and keeps focus where the reader was. A service worker
//! (`/sw.js`) keeps the page and its code for use with no network.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::{document, window};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, FormData, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlOptionElement,
    HtmlSelectElement, HtmlTemplateElement, HtmlTextAreaElement, Storage, UrlSearchParams,
};

use super::local::{LocalInvestigation, LOCAL_PAGE, STORAGE_KEY};
use super::timeline::{entries_count, entry_label, flags, row_text, summary, DEFAULT_GAP_MINUTES};
use super::types::DetailsInput;
use crate::forms::FieldErrors;

/// The investigation while the page is open, and where it is kept.
struct Tool {
    /// The table's body of the page this tool was started on: once it has
    /// left the document (the reader moved on in the app), the window's
    /// listeners of this start do nothing.
    rows: Element,
    local: LocalInvestigation,
    /// None: the browser's storage cannot be used, or holds a copy that
    /// could not be read (left as it is): changes live in this tab only.
    storage: Option<Storage>,
}

type Shared = Rc<RefCell<Tool>>;

/// Starts the tool once its page is in the document (once for each time
/// it is shown). After a navigation within the app the page's view is put
/// in place a moment after it is made: it is looked for again at each of
/// the next frames, for a second at most.
pub fn start() {
    start_when_shown(60);
}

fn start_when_shown(frames: u8) {
    let Some(rows) = document().get_element_by_id("local-entries") else {
        if frames > 0 {
            leptos::prelude::request_animation_frame(move || start_when_shown(frames - 1));
        }
        return;
    };
    if rows.has_attribute("data-started") {
        return;
    }
    let _ = rows.set_attribute("data-started", "");
    let (tool, state) = open(rows);
    let tool: Shared = Rc::new(RefCell::new(tool));
    set_text("local-state", &state);
    show(&tool.borrow().local);
    fill_details(&tool.borrow().local);

    listen("local-details", "submit", &tool, |tool, event| {
        event.prevent_default();
        change_details(tool);
    });
    listen("local-entry", "submit", &tool, |tool, event| {
        event.prevent_default();
        add_entry(tool);
    });
    listen("local-entries", "click", &tool, delete_entry);
    listen("local-download", "click", &tool, |tool, _| {
        download(&tool.borrow().local.file());
    });
    listen("local-clear", "click", &tool, clear);
    // Saving to the account: the form posts the file to the import page,
    // once (a second click would make a second copy).
    listen("local-save", "submit", &tool, |tool, event| {
        let sending =
            by_id::<Element>("local-save").is_some_and(|form| form.has_attribute("data-sending"));
        if sending || attach_file(&tool.borrow().local.file()).is_none() {
            event.prevent_default();
        } else if let Some(form) = by_id::<Element>("local-save") {
            let _ = form.set_attribute("data-sending", "");
        }
    });
    // Back to the page from the browser's history: it may be sent again.
    listen_window("pageshow", &tool, |_, _| {
        if let Some(form) = by_id::<Element>("local-save") {
            let _ = form.remove_attribute("data-sending");
        }
    });
    // Another tab of this browser changed it: this one shows that, rather
    // than overwrite it with its own older copy at its next change.
    listen_window("storage", &tool, from_another_tab);
    if let Ok(buttons) = document().query_selector_all("[data-local-ready]") {
        for index in 0..buttons.length() {
            if let Some(button) = buttons
                .get(index)
                .and_then(|b| b.dyn_into::<Element>().ok())
            {
                let _ = button.remove_attribute("disabled");
            }
        }
    }
    keep_for_offline();
}

/// Reads the kept investigation: the tool, and what the page says about
/// where it is kept.
fn open(rows: Element) -> (Tool, String) {
    let fresh = |storage| Tool {
        rows: rows.clone(),
        local: LocalInvestigation::default(),
        storage,
    };
    let kept_here = "Kept in this browser: every change is saved here as you make it.";
    let Some(storage) = window().local_storage().ok().flatten() else {
        return (fresh(None), unavailable().to_string());
    };
    match storage.get_item(STORAGE_KEY) {
        Err(_) => (fresh(None), unavailable().to_string()),
        Ok(None) => (fresh(Some(storage)), kept_here.to_string()),
        Ok(Some(file)) => match LocalInvestigation::read(&file) {
            Ok(local) => (
                Tool {
                    rows: rows.clone(),
                    local,
                    storage: Some(storage),
                },
                kept_here.to_string(),
            ),
            Err(error) => (fresh(None), unreadable(&error)),
        },
    }
}

fn unreadable(error: &crate::toolkits::exchange::ImportError) -> String {
    format!(
        "The copy kept in this browser could not be read ({}). It is left as it is, and what you do here now lasts only while this tab is open. To start again here, delete this browser's copy below.",
        error.message()
    )
}

fn unavailable() -> &'static str {
    "This browser is not letting the hub keep anything (its storage is off or full). The timeline works, but only while this tab is open: download it to keep it."
}

/// Keeps the investigation in the browser's storage. When it cannot (full,
/// or refused) the page says so and the tool goes on in memory; the
/// change's announcement then ends with that (the text returned).
fn keep(tool: &Tool) -> &'static str {
    match &tool.storage {
        Some(storage) if storage.set_item(STORAGE_KEY, &tool.local.file()).is_err() => {
            set_text("local-state", unavailable());
            " It could not be kept in this browser: download it to keep it."
        }
        _ => "",
    }
}

fn from_another_tab(tool: &Shared, event: Event) {
    let Ok(event) = event.dyn_into::<web_sys::StorageEvent>() else {
        return;
    };
    if event.key().as_deref() != Some(STORAGE_KEY) {
        return;
    }
    let Ok(mut tool) = tool.try_borrow_mut() else {
        return;
    };
    if tool.storage.is_none() || !tool.rows.is_connected() {
        // This tab does not keep its copy there (see `open`), or this
        // start's page is no longer shown.
        return;
    }
    let local = match event.new_value() {
        None => LocalInvestigation::default(),
        Some(file) => match LocalInvestigation::read(&file) {
            Ok(local) => local,
            Err(error) => {
                // Left as it is, as `open` leaves it: this tab goes on in
                // memory rather than overwrite it.
                tool.storage = None;
                set_text("local-state", &unreadable(&error));
                return;
            }
        },
    };
    let details_changed = local.workspace().details != tool.local.workspace().details;
    tool.local = local;
    show(&tool.local);
    if details_changed {
        fill_details(&tool.local);
    }
    announce("Changed in another tab of this browser: shown as it is now.");
}

/// Fills the table, the summary and the "same event" choices.
fn show(local: &LocalInvestigation) {
    let entries = &local.workspace().entries;
    let flagged = flags(entries, DEFAULT_GAP_MINUTES);
    let (Some(body), Some(row), Some(flag)) = (
        by_id::<Element>("local-entries"),
        template("local-row"),
        template("local-flag"),
    ) else {
        return;
    };
    body.set_text_content(None);
    for (index, (entry, entry_flags)) in entries.iter().zip(&flagged).enumerate() {
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
    let flagged_count = flagged.iter().filter(|f| !f.is_empty()).count();
    set_text(
        "local-summary",
        &summary(entries.len(), flagged_count, true),
    );
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

fn fill_details(local: &LocalInvestigation) {
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

fn change_details(tool: &Shared) {
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
            let unkept = keep(&tool);
            announce(&format!("Details saved.{unkept}"));
        }
        Err(errors) => show_errors(&form, "local-details-errors", &errors),
    }
}

fn add_entry(tool: &Shared) {
    let Some(form) = by_id::<HtmlFormElement>("local-entry") else {
        return;
    };
    clear_errors(&form, "local-errors");
    let Some(input) = read_form(&form) else {
        return;
    };
    let mut tool = tool.borrow_mut();
    match tool.local.add_entry(&input) {
        Ok(id) => {
            let unkept = keep(&tool);
            show(&tool.local);
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
fn delete_entry(tool: &Shared, event: Event) {
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
    let linked = workspace
        .entries
        .iter()
        .filter(|other| {
            other.same_as == Some(id) || workspace.entries[index].same_as == Some(other.id)
        })
        .count()
        + workspace
            .findings
            .iter()
            .filter(|finding| finding.evidence.contains(&id))
            .count();
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
    let unkept = keep(&tool);
    show(&tool.local);
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

fn clear(tool: &Shared, _: Event) {
    let mut tool = tool.borrow_mut();
    let storage = window().local_storage().ok().flatten();
    let removed = storage
        .as_ref()
        .is_some_and(|storage| storage.remove_item(STORAGE_KEY).is_ok());
    tool.local = LocalInvestigation::default();
    if removed {
        tool.storage = storage;
        set_text(
            "local-state",
            "Kept in this browser: every change is saved here as you make it.",
        );
    }
    show(&tool.local);
    fill_details(&tool.local);
    announce("Deleted from this browser. The timeline is empty.");
    focus("timeline");
}

/// The file as a download (`investigation.json`).
fn download(file: &str) {
    let Some(blob) = json_blob(file) else { return };
    let Ok(address) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        if let Ok(link) = link.dyn_into::<web_sys::HtmlAnchorElement>() {
            link.set_href(&address);
            link.set_download("investigation.json");
            link.click();
        }
    }
    // Some browsers read the address after the click has returned.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&address);
        },
        std::time::Duration::from_secs(60),
    );
}

fn json_blob(file: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&JsValue::from_str(file));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()
}

/// Puts the file in the save form's file field (a text part named `file`,
/// which the import page reads as it reads an uploaded file).
fn attach_file(file: &str) -> Option<()> {
    by_id::<HtmlInputElement>("local-save-file")?.set_value(file);
    Some(())
}

/// Registers the service worker for this page, and tells it which of
/// this build's files the page loaded (fetched before it could see them):
/// it keeps them, with the page as a visitor gets it, and drops earlier
/// builds' files (`sw.js`). Failures only mean the page will not open
/// offline.
fn keep_for_offline() {
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(LOCAL_PAGE);
    let registered = window()
        .navigator()
        .service_worker()
        .register_with_options("/sw.js", &options);
    let Some(performance) = window().performance() else {
        return;
    };
    let origin = window().location().origin().unwrap_or_default();
    let loaded = performance.get_entries_by_type("resource");
    // A full timing buffer (250 entries, after a long visit) may have
    // dropped some of this build's files: the worker then drops none.
    let mut message = String::from(if loaded.length() < 250 {
        "complete"
    } else {
        "partial"
    });
    for entry in loaded.iter() {
        if let Ok(entry) = entry.dyn_into::<web_sys::PerformanceEntry>() {
            if let Some(path) = entry.name().strip_prefix(&origin) {
                message.push('\n');
                message.push_str(path);
            }
        }
    }
    leptos::task::spawn_local(async move {
        // The registration, not `ready`: a page reached by a link within
        // the app has an address outside the worker's scope, for which
        // `ready` never comes. The newest worker gets the list (one still
        // installing takes messages too).
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(registered).await else {
            return;
        };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        let newest = registration
            .installing()
            .or_else(|| registration.waiting())
            .or_else(|| registration.active());
        if let Some(worker) = newest {
            let _ = worker.post_message(&JsValue::from_str(&message));
        }
    });
}

/// A form's fields read as the server reads them (the same serde struct).
/// Control characters are dropped, as the server drops them from a form
/// (`controls`).
fn read_form<T: DeserializeOwned>(form: &HtmlFormElement) -> Option<T> {
    use crate::controls::without_controls;
    let data = FormData::new_with_form(form).ok()?;
    let pairs = String::from(
        UrlSearchParams::new_with_str_sequence_sequence(&data)
            .ok()?
            .to_string(),
    );
    let cleaned = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            form_urlencoded::parse(pairs.as_bytes()).map(|(name, value)| {
                (
                    without_controls(&name).into_owned(),
                    without_controls(&value).into_owned(),
                )
            }),
        )
        .finish();
    serde_html_form::from_str(&cleaned).ok()
}

/// The error summary at the top of a form, and each message beside its
/// field, as the server's pages show them (`forms`): in the field's
/// group, before the control or the group of choices, which it describes.
fn show_errors(form: &HtmlFormElement, summary_id: &str, errors: &FieldErrors) {
    let Some(summary) = by_id::<Element>(summary_id) else {
        return;
    };
    let html = |tag: &str, class: &str| {
        let element = document().create_element(tag).ok()?;
        element.set_class_name(class);
        Some(element)
    };
    let (Some(panel), Some(title), Some(body), Some(list)) = (
        html("div", "nhsuk-error-summary"),
        html("h2", "nhsuk-error-summary__title"),
        html("div", "nhsuk-error-summary__body"),
        html("ul", "nhsuk-list nhsuk-error-summary__list"),
    ) else {
        return;
    };
    let title_id = format!("{summary_id}-title");
    title.set_id(&title_id);
    title.set_text_content(Some("There is a problem"));
    let _ = panel.set_attribute("aria-labelledby", &title_id);
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("tabindex", "-1");
    let _ = panel.append_child(&title);
    let _ = body.append_child(&list);
    let _ = panel.append_child(&body);
    for (field, message) in errors {
        if let (Some(item), Some(link)) = (html("li", ""), html("a", "")) {
            let _ = link.set_attribute("href", &format!("#{field}"));
            link.set_text_content(Some(message));
            let _ = item.append_child(&link);
            let _ = list.append_child(&item);
        }
        let Ok(Some(mut input)) = form.query_selector(&format!("#{field}, [name={field}]")) else {
            continue;
        };
        let mut before = input.clone();
        if let Ok(Some(group)) = input.closest(".nhsuk-form-group") {
            let _ = group.class_list().add_1("nhsuk-form-group--error");
            // A group of choices: the message goes before them all and
            // describes their fieldset.
            if let (Ok(Some(choices)), Ok(Some(fieldset))) = (
                group.query_selector(".nhsuk-radios, .nhsuk-checkboxes"),
                group.query_selector("fieldset"),
            ) {
                before = choices;
                input = fieldset;
            }
        }
        if let Some(class) = ["nhsuk-input", "nhsuk-select", "nhsuk-textarea"]
            .into_iter()
            .find(|class| input.class_list().contains(class))
        {
            let _ = input.class_list().add_1(&format!("{class}--error"));
        }
        let error_id = format!("{field}-error");
        if let (Some(span), Some(hidden)) = (
            html("span", "nhsuk-error-message"),
            html("span", "nhsuk-u-visually-hidden"),
        ) {
            span.set_id(&error_id);
            let _ = span.set_attribute("data-local-error", "");
            hidden.set_text_content(Some("Error: "));
            let _ = span.append_child(&hidden);
            let _ = span.append_with_str_1(message);
            let _ = before.before_with_node_1(&span);
        }
        let described = input.get_attribute("aria-describedby").unwrap_or_default();
        let _ = input.set_attribute("aria-describedby", format!("{described} {error_id}").trim());
    }
    let _ = summary.append_child(&panel);
    let title = document().title();
    if !title.starts_with("Error: ") {
        document().set_title(&format!("Error: {title}"));
    }
    if let Ok(panel) = panel.dyn_into::<HtmlElement>() {
        let _ = panel.focus();
    }
}

fn clear_errors(form: &HtmlFormElement, summary_id: &str) {
    set_text(summary_id, "");
    let title = document().title();
    if let Some(plain) = title.strip_prefix("Error: ") {
        document().set_title(plain);
    }
    for class in [
        "nhsuk-input--error",
        "nhsuk-select--error",
        "nhsuk-textarea--error",
    ] {
        let Ok(marked) = form.query_selector_all(&format!(".{class}")) else {
            continue;
        };
        for index in 0..marked.length() {
            if let Some(element) = marked.get(index).and_then(|m| m.dyn_into::<Element>().ok()) {
                let _ = element.class_list().remove_1(class);
            }
        }
    }
    let Ok(messages) = form.query_selector_all("[data-local-error]") else {
        return;
    };
    for index in 0..messages.length() {
        let Some(message) = messages
            .get(index)
            .and_then(|m| m.dyn_into::<Element>().ok())
        else {
            continue;
        };
        if let Ok(Some(group)) = message.closest(".nhsuk-form-group") {
            let _ = group.class_list().remove_1("nhsuk-form-group--error");
        }
        let id = message.id();
        if let Ok(Some(input)) = form.query_selector(&format!("[aria-describedby~=\"{id}\"]")) {
            let described = input.get_attribute("aria-describedby").unwrap_or_default();
            let kept: Vec<&str> = described
                .split_whitespace()
                .filter(|word| *word != id)
                .collect();
            let _ = if kept.is_empty() {
                input.remove_attribute("aria-describedby")
            } else {
                input.set_attribute("aria-describedby", &kept.join(" "))
            };
        }
        message.remove();
    }
}

fn listen(id: &str, kind: &str, tool: &Shared, handle: fn(&Shared, Event)) {
    let Some(target) = by_id::<Element>(id) else {
        return;
    };
    let tool = tool.clone();
    let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| handle(&tool, event));
    let _ = target.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
    // The listener lives as long as the page's element does.
    listener.forget();
}

fn listen_window(kind: &str, tool: &Shared, handle: fn(&Shared, Event)) {
    let tool = tool.clone();
    let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| handle(&tool, event));
    let _ = window().add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
    listener.forget();
}

fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document().get_element_by_id(id)?.dyn_into::<T>().ok()
}

fn template(id: &str) -> Option<Element> {
    by_id::<HtmlTemplateElement>(id)?
        .content()
        .first_element_child()
}

fn copy(template: &Element) -> Option<Element> {
    template
        .clone_node_with_deep(true)
        .ok()?
        .dyn_into::<Element>()
        .ok()
}

fn set_cell(row: &Element, cell: &str, value: &str) {
    if let Ok(Some(element)) = row.query_selector(&format!("[data-cell={cell}]")) {
        element.set_text_content(Some(value));
    }
}

fn set_text(id: &str, text: &str) {
    if let Some(element) = by_id::<Element>(id) {
        element.set_text_content(Some(text));
    }
}

/// Said politely by screen readers (the page's status line).
fn announce(text: &str) {
    set_text("local-announce", text);
}

/// Moves focus to an element (made focusable first if it is a heading).
fn focus(id: &str) {
    if let Some(element) = by_id::<HtmlElement>(id) {
        if !element.has_attribute("tabindex") && element.tag_name().starts_with('H') {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }
}
