//! The member's account's copy of this browser's investigation: which one
//! it is and whether it has changed here since it was saved there
//! (`local::AccountCopy`, kept beside the investigation), what the save
//! form sends, and the choice the page offers when the account's copy has
//! moved on since.

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, Storage};

use super::edit::{fill_details, show};
use super::forms::plain_title;
use super::page::{announce, by_id, focus, set_text};
use super::{keep, Shared, Tool};
use crate::toolkits::local::{
    file_digest, AccountCopy, LocalInvestigation, ACCOUNT_KEY, UNSAVED_STATUS,
};

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
    // A tab whose storage cannot be used lost the investigation when the
    // save's page replaced this one: tied to the account's copy, its
    // empty timeline could be sent over it. It is left untied (the page
    // says storage is not working; the next save makes another copy).
    if tool.storage.is_none() {
        news.remove();
        return;
    }
    if let Some(saved) = news.get_attribute("data-saved") {
        if let Some(mut copy) = AccountCopy::read(&saved) {
            // Changed here (another tab) while it was on its way.
            copy.changed = news.get_attribute("data-digest").as_deref()
                != Some(file_digest(&tool.local.file()).as_str());
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

/// A save form sent (the save's, or the choice to keep this browser's
/// over the account's): the investigation as it is now goes in its `file`
/// field, once per click, and not while offline (the browser keeps it,
/// and says so).
pub(super) fn send(tool: &Shared, event: Event) {
    let Some(form) = event
        .current_target()
        .and_then(|target| target.dyn_into::<Element>().ok())
    else {
        return;
    };
    if !window().navigator().on_line() {
        event.prevent_default();
        announce("You are offline: nothing was sent. Your changes are kept in this browser: send them when you are back online.");
        return;
    }
    let file = form
        .query_selector("input[name=file]")
        .ok()
        .flatten()
        .and_then(|input| input.dyn_into::<HtmlInputElement>().ok());
    match file {
        Some(file) if !form.has_attribute("data-sending") => {
            let tool = tool.borrow();
            // Without storage this tab lost the copy it sent when the
            // refusal's page replaced it: the one sent (shown beside the
            // account's) goes again.
            if tool.storage.is_some() || form.id() != "local-overwrite" {
                file.set_value(&tool.local.file());
            }
            let _ = form.set_attribute("data-sending", "");
        }
        _ => event.prevent_default(),
    }
}

/// Back online: said, when there are changes to send. A page opened
/// offline is the signed-out visitor's (the service worker's copy), with
/// no save form: it must be opened again first.
pub(super) fn back_online(tool: &Shared, _: Event) {
    let Ok(tool) = tool.try_borrow() else { return };
    if !tool.rows.is_connected() || !tool.account.is_some_and(|copy| copy.changed) {
        return;
    }
    if by_id::<Element>("local-save").is_some() {
        announce("You are back online: send your changes to your account with the button under “Keep it”.");
    } else {
        announce("You are back online: reload this page, signed in, to send your changes to your account.");
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
    let copy = AccountCopy {
        id,
        version,
        changed: false,
    };
    // Kept as tied to it only once the file is kept: else a reload would
    // find the older copy here, taken for the account's.
    if unkept.is_empty() {
        remember(&mut tool, Some(copy));
    } else {
        tool.account = Some(copy);
        show_copy(tool.account);
    }
    show(&tool);
    fill_details(&tool.local);
    // The choice is made: the refusal and its summary go with it.
    conflict.remove();
    if let Ok(Some(summary)) = document().query_selector(".nhsuk-error-summary") {
        summary.remove();
    }
    plain_title();
    announce(&format!(
        "Your account's copy is now this browser's too.{unkept}"
    ));
    focus("timeline");
}
