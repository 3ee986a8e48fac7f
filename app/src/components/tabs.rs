//! NHS.UK tabs, progressively enhanced. The server renders every panel one
//! after another with a contents list of in-page links, which is complete
//! without JavaScript; once the client has hydrated, the list becomes a
//! tablist and only the selected panel shows.

use leptos::prelude::*;

/// One tab: its label, the fragment id of its panel, and the panel content.
pub struct TabPanel {
    pub id: &'static str,
    pub label: &'static str,
    pub content: AnyView,
}

#[component]
pub fn Tabs(title: &'static str, panels: Vec<TabPanel>) -> impl IntoView {
    let enhanced = RwSignal::new(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| enhanced.set(true));
    let selected = RwSignal::new(0usize);
    let ids: Vec<&'static str> = panels.iter().map(|panel| panel.id).collect();
    let count = panels.len();

    let select_by_key = move |event: leptos::ev::KeyboardEvent| {
        let current = selected.get_untracked();
        let next = match event.key().as_str() {
            "ArrowRight" => (current + 1) % count,
            "ArrowLeft" => (current + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        event.prevent_default();
        selected.set(next);
        focus_tab(ids[next]);
    };

    let list_items = panels
        .iter()
        .enumerate()
        .map(|(index, panel)| {
            let id = panel.id;
            let is_selected = move || selected.get() == index;
            view! {
                <li
                    class="nhsuk-tabs__list-item"
                    class:nhsuk-tabs__list-item--selected=is_selected
                    role=move || enhanced.get().then_some("presentation")
                >
                    <a
                        class="nhsuk-tabs__tab"
                        href=format!("#{id}")
                        id=format!("tab_{id}")
                        role=move || enhanced.get().then_some("tab")
                        aria-controls=move || enhanced.get().then_some(id)
                        aria-selected=move || enhanced.get().then(|| is_selected().to_string())
                        tabindex=move || (enhanced.get() && !is_selected()).then_some("-1")
                        on:click=move |event| {
                            event.prevent_default();
                            selected.set(index);
                        }
                        on:keydown=select_by_key.clone()
                    >
                        {panel.label}
                    </a>
                </li>
            }
        })
        .collect_view();

    let panel_views = panels
        .into_iter()
        .enumerate()
        .map(|(index, panel)| {
            let id = panel.id;
            let hidden = move || enhanced.get() && selected.get() != index;
            view! {
                <div
                    class="nhsuk-tabs__panel"
                    class:nhsuk-tabs__panel--hidden=hidden
                    id=id
                    role=move || enhanced.get().then_some("tabpanel")
                    aria-labelledby=move || enhanced.get().then(|| format!("tab_{id}"))
                >
                    {panel.content}
                </div>
            }
        })
        .collect_view();

    view! {
        <div class:nhsuk-frontend-supported=move || enhanced.get()>
            <div class="nhsuk-tabs" data-enhanced=move || enhanced.get().then_some("true")>
                <h2 class="nhsuk-tabs__title">{title}</h2>
                <ul class="nhsuk-tabs__list" role=move || enhanced.get().then_some("tablist")>
                    {list_items}
                </ul>
                {panel_views}
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn focus_tab(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(element) = document().get_element_by_id(&format!("tab_{id}")) {
        if let Ok(element) = element.dyn_into::<leptos::web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

#[cfg(not(feature = "hydrate"))]
fn focus_tab(_id: &str) {}
