//! The WASM entry point: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronous hydration: a first page whose code is in a split chunk
    // (app::chunks) is taken over once its chunk has arrived.
    leptos::mount::hydrate_lazy(app::App);
}
