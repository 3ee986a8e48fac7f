//! Small helpers over the page's elements: listeners, lookups, row
//! templates, the status line and focus.

use leptos::prelude::{document, window};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlTemplateElement};

use super::Shared;

/// Calls `handle` for each `kind` event on the page's element `id`.
pub(super) fn listen(id: &str, kind: &str, tool: &Shared, handle: fn(&Shared, Event)) {
    if let Some(target) = by_id::<Element>(id) {
        on(&target, kind, tool, handle);
    }
}

/// Calls `handle` for each `kind` event on the window.
pub(super) fn listen_window(kind: &str, tool: &Shared, handle: fn(&Shared, Event)) {
    on(&window(), kind, tool, handle);
}

fn on(target: &web_sys::EventTarget, kind: &str, tool: &Shared, handle: fn(&Shared, Event)) {
    let tool = tool.clone();
    let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| handle(&tool, event));
    let _ = target.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
    // It lives as long as the page: an element's goes with the element;
    // the window's find their page gone and do nothing (`Tool::rows`).
    listener.forget();
}

pub(super) fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document().get_element_by_id(id)?.dyn_into::<T>().ok()
}

pub(super) fn template(id: &str) -> Option<Element> {
    by_id::<HtmlTemplateElement>(id)?
        .content()
        .first_element_child()
}

pub(super) fn copy(template: &Element) -> Option<Element> {
    template
        .clone_node_with_deep(true)
        .ok()?
        .dyn_into::<Element>()
        .ok()
}

pub(super) fn set_cell(row: &Element, cell: &str, value: &str) {
    if let Ok(Some(element)) = row.query_selector(&format!("[data-cell={cell}]")) {
        element.set_text_content(Some(value));
    }
}

pub(super) fn set_text(id: &str, text: &str) {
    if let Some(element) = by_id::<Element>(id) {
        element.set_text_content(Some(text));
    }
}

/// Said politely by screen readers (the page's status line). The same
/// words twice running differ by a trailing no-break space: a status
/// line set to the text it already holds is not said again.
pub(super) fn announce(text: &str) {
    let Some(line) = by_id::<Element>("local-announce") else {
        return;
    };
    if line.text_content().as_deref() == Some(text) {
        line.set_text_content(Some(&format!("{text}\u{a0}")));
    } else {
        line.set_text_content(Some(text));
    }
}

/// Moves focus to an element (made focusable first if it is a heading).
pub(super) fn focus(id: &str) {
    if let Some(element) = by_id::<HtmlElement>(id) {
        if !element.has_attribute("tabindex") && element.tag_name().starts_with('H') {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }
}
