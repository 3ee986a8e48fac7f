//! The timeline kept in the browser (`/workspaces/local`), in a chunk of
//! its own (`local`). The server sends the whole page, every word of it (the text of
//! the client's code would weigh on every page's first load: see
//! `pages`); this code brings it to life. It reads the investigation from
//! the browser's storage, reads the forms through the same serde structs
//! and rules as the server (`local`, `timeline`; the view's two fields
//! directly), fills the table from row templates in the page and the
//! chart from its shapes, keeps every change at once, announces it
//! politely and keeps focus where the reader was. A service worker
//! (`/sw.js`) keeps the page and its code for use with no network.
//!
//! Here: starting, and where the investigation is kept; `edit`: what the
//! reader does; `account`: the member's account's copy; `forms`: reading
//! forms and showing refusals; `files`: the file and the service worker;
//! `page`: helpers over the page's elements.

mod account;
mod chart;
mod edit;
mod files;
mod forms;
mod page;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, Storage};

use super::local::{AccountCopy, LocalInvestigation, ACCOUNT_KEY, STORAGE_KEY};
use super::timeline::{LaneBy, ViewInput, DEFAULT_GAP_MINUTES};
use edit::{add_entry, change_details, change_view, clear, delete_entry, fill_details, show};
use files::{download, keep_for_offline};
use page::{announce, by_id, listen, listen_window, set_text};

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
    /// The member's account's copy it was last saved to, if any.
    account: Option<AccountCopy>,
    /// How the timeline is shown, as chosen in this tab.
    gap_minutes: i64,
    lanes: LaneBy,
    /// When the last entry was added (the event's time, in milliseconds).
    added_at: f64,
}

impl Tool {
    /// The gap length and lanes chosen, read by the shared rules.
    fn choose_view(&mut self, input: &ViewInput) {
        self.gap_minutes = input.gap_minutes();
        self.lanes = input.lanes();
    }
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
    let (mut tool, state) = open(rows);
    tool.account = account::kept(tool.storage.as_ref());
    account::show_copy(tool.account);
    account::take_news(&mut tool);
    // A reload may find the view's fields as they were left.
    if let Some(input) = edit::view_choice() {
        tool.choose_view(&input);
    }
    let tool: Shared = Rc::new(RefCell::new(tool));
    set_text("local-state", &state);
    show(&tool.borrow());
    fill_details(&tool.borrow().local);

    listen("local-details", "submit", &tool, |tool, event| {
        event.prevent_default();
        change_details(tool);
    });
    listen("local-entry", "submit", &tool, |tool, event| {
        event.prevent_default();
        add_entry(tool, event.time_stamp());
    });
    listen("local-entries", "click", &tool, delete_entry);
    listen("local-view", "submit", &tool, |tool, event| {
        event.prevent_default();
        change_view(tool);
    });
    listen("local-download", "click", &tool, |tool, _| {
        download(&tool.borrow().local.file());
    });
    listen("local-clear", "click", &tool, clear);
    listen("local-save", "submit", &tool, account::send);
    listen("local-overwrite", "submit", &tool, account::send);
    listen("local-take", "click", &tool, account::take_account);
    listen_window("online", &tool, account::back_online);
    // Back to the page from the browser's history: it may be sent again.
    listen_window("pageshow", &tool, |_, _| {
        for id in ["local-save", "local-overwrite"] {
            if let Some(form) = by_id::<Element>(id) {
                let _ = form.remove_attribute("data-sending");
            }
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
        account: None,
        gap_minutes: DEFAULT_GAP_MINUTES,
        lanes: LaneBy::Who,
        added_at: f64::NEG_INFINITY,
    };
    let Some(storage) = window().local_storage().ok().flatten() else {
        return (fresh(None), unavailable().to_string());
    };
    match storage.get_item(STORAGE_KEY) {
        Err(_) => (fresh(None), unavailable().to_string()),
        Ok(None) => (fresh(Some(storage)), kept_here().to_string()),
        Ok(Some(file)) => match LocalInvestigation::read(&file) {
            Ok(local) => (
                Tool {
                    local,
                    storage: Some(storage),
                    ..fresh(None)
                },
                kept_here().to_string(),
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

fn kept_here() -> &'static str {
    "Kept in this browser: every change is saved here as you make it."
}

fn unavailable() -> &'static str {
    "This browser is not letting the hub keep anything (its storage is off or full). The timeline works, but only while this tab is open: download it to keep it."
}

/// Keeps the investigation in the browser's storage, and marks the
/// account's copy as behind it. When it cannot (full, or refused) the page
/// says so and the tool goes on in memory; the change's announcement then
/// ends with that (the text returned).
fn keep(tool: &mut Tool) -> &'static str {
    compared_copy_changed();
    if let Some(copy) = tool.account.filter(|copy| !copy.changed) {
        account::remember(
            tool,
            Some(AccountCopy {
                changed: true,
                ..copy
            }),
        );
    }
    match &tool.storage {
        Some(storage) if storage.set_item(STORAGE_KEY, &tool.local.file()).is_err() => {
            set_text("local-state", unavailable());
            " It could not be kept in this browser: download it to keep it."
        }
        _ => "",
    }
}

/// A choice between two copies on the page compared the browser's as it
/// was sent: once it changes, that table is replaced by saying so.
fn compared_copy_changed() {
    set_text(
        "local-conflict-browser",
        "Changed here since: this browser's timeline is now as the table under “Timeline” shows it, and that is what “Keep this browser's” sends.",
    );
}

fn from_another_tab(tool: &Shared, event: Event) {
    let Ok(event) = event.dyn_into::<web_sys::StorageEvent>() else {
        return;
    };
    let key = event.key();
    if key.as_deref() != Some(STORAGE_KEY) && key.as_deref() != Some(ACCOUNT_KEY) {
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
    if key.as_deref() == Some(ACCOUNT_KEY) {
        tool.account = event.new_value().as_deref().and_then(AccountCopy::read);
        account::show_copy(tool.account);
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
    compared_copy_changed();
    show(&tool);
    if details_changed {
        fill_details(&tool.local);
    }
    announce("Changed in another tab of this browser: shown as it is now.");
}
