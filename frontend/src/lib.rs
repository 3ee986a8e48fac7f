//! The WASM entry point: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        // A first page whose code is in a split chunk (app::chunks) is taken
        // over once its chunk is here; without it, not at all.
        if app::chunks::load_first_page_chunk().await.is_ok() {
            leptos::mount::hydrate_lazy(app::App);
        }
    });
}
