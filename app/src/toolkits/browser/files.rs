//! The investigation as a file (a download) and
//! the service worker that keeps the page for use with no network.

use leptos::prelude::{document, window};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::toolkits::local::LOCAL_PAGE;

/// The file as a download (`investigation.json`).
pub(super) fn download(file: &str) {
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

/// Registers the service worker for this page, and tells it which of
/// this build's files the page loaded (fetched before it could see them):
/// it keeps them, with the page as a visitor gets it, and drops earlier
/// builds' files (`sw.js`). Failures only mean the page will not open
/// offline.
pub(super) fn keep_for_offline() {
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
