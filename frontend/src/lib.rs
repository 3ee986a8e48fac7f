//! The WASM entry point: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Async hydration: a first page whose code is in a split chunk waits for it.
    leptos::mount::hydrate_lazy(app::App);
}
