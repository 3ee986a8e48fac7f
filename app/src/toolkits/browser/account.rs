//! The member's account's copy of this browser's investigation: which one
//! it is and whether it has changed here since it was saved there
//! (`local::AccountCopy`, kept beside the investigation), what the save
//! form sends, and the choice the page offers when the account's copy has
//! moved on since.

use leptos::prelude::window;
use web_sys::{Element, Event, HtmlInputElement, Storage};

use super::edit::{fill_details, show};
use super::files::attach_file;
use super::page::{announce, by_id, focus, set_text};
use super::{keep, Shared, Tool};
use crate::toolkits::local::{AccountCopy, LocalInvestigation, ACCOUNT_KEY, UNSAVED_STATUS};

/// The copy this browser's was last saved to, as kept.
pub(super) fn kept(storage: Option<&Storage>) -> Option<AccountCopy> {
    let kept = storage?.get_item(ACCOUNT_KEY).ok()??;
    AccountCopy::read(&kept)
}

/// Keeps `copy` (or forgets it) and shows it on the save form.
pub(super) fn remember(tool: &mut Tool, copy: Option<AccountCopy>) {
    tool.account = copy;
    if let Some(storage) = &tool.storage {
        let _ = match copy {
            Some(copy) => storage.set_item(ACCOUNT_KEY, &copy.text()),
            None => storage.remove_item(ACCOUNT_KEY),
        };
    }
    show_copy(tool.account);
}

/// The save form for `copy`: a new copy's, or a send of the changes.
pub(super) fn show_copy(copy: Option<AccountCopy>) {
    let (workspace, version, status, button) = match copy {
        Some(copy) => (
            copy.id.to_string(),
            copy.version.to_string(),
            copy.status(),
            "Send your changes to your account",
        ),
        None => (
            String::new(),
            String::new(),
            UNSAVED_STATUS,
            "Save a copy to your account",
        ),
    };
    if let Some(input) = by_id::<HtmlInputElement>("local-save-workspace") {
        input.set_value(&workspace);
    }
    if let Some(input) = by_id::<HtmlInputElement>("local-save-version") {
        input.set_value(&version);
    }
    set_text("local-account-state", status);
    set_text("local-send", button);
}

/// What the server said on this page about the account's copy: just
/// saved there, or to be forgotten.
pub(super) fn take_news(tool: &mut Tool) {
    let Some(news) = by_id::<Element>("local-account-news") else {
        return;
    };
    if let Some(saved) = news.get_attribute("data-saved") {
        if let Some(copy) = AccountCopy::read(&saved) {
            remember(tool, Some(copy));
        }
    } else if let Some(gone) = news.get_attribute("data-gone") {
        if tool.account.is_some_and(|copy| copy.id.to_string() == gone) {
            remember(tool, None);
        }
    }
    // Once: a later start of this page (back in the app) must not take
    // it again over changes made since.
    news.remove();
}

/// The save form sent: the investigation as its file, once per click,
/// and not while offline (the browser keeps it, and says so).
pub(super) fn send(tool: &Shared, event: Event) {
    let Some(form) = by_id::<Element>("local-save") else {
        return;
    };
    if !window().navigator().on_line() {
        event.prevent_default();
        announce("You are offline: nothing was sent. Your changes are kept in this browser: send them when you are back online.");
        return;
    }
    if form.has_attribute("data-sending") || attach_file(&tool.borrow().local.file()).is_none() {
        event.prevent_default();
    } else {
        let _ = form.set_attribute("data-sending", "");
    }
}

/// Back online: said, when there are changes to send.
pub(super) fn back_online(tool: &Shared, _: Event) {
    let Ok(tool) = tool.try_borrow() else { return };
    if tool.rows.is_connected() && tool.account.is_some_and(|copy| copy.changed) {
        announce("You are back online: send your changes to your account with the button under “Keep it”.");
    }
}

/// "Keep your account's": the account's copy (in the page) replaces this
/// browser's, which is then its saved copy.
pub(super) fn take_account(tool: &Shared, _: Event) {
    let Some(conflict) = by_id::<Element>("local-conflict") else {
        return;
    };
    let number = |name: &str| conflict.get_attribute(name)?.parse::<i64>().ok();
    let (Some(id), Some(version), Some(file)) = (
        number("data-workspace"),
        number("data-version"),
        conflict.get_attribute("data-file"),
    ) else {
        return;
    };
    let Ok(local) = LocalInvestigation::read(&file) else {
        announce("Your account's copy could not be taken into this browser: open it in your account instead.");
        return;
    };
    let mut tool = tool.borrow_mut();
    tool.local = local;
    let unkept = keep(&mut tool);
    remember(
        &mut tool,
        Some(AccountCopy {
            id,
            version,
            changed: false,
        }),
    );
    show(&tool.local);
    fill_details(&tool.local);
    conflict.remove();
    announce(&format!(
        "Your account's copy is now this browser's too.{unkept}"
    ));
    focus("timeline");
}
