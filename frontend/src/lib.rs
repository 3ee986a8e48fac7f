//! The WASM entry point: hydrates the server-rendered page.

use wasm_bindgen::JsValue;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        // Starting the module, fetching the page's chunk and hydrating are
        // separate tasks, so the browser can paint and answer input between
        // them: on an old laptop each is a noticeable pause on its own.
        next_task().await;
        // A first page whose code is in a split chunk (app::chunks) is taken
        // over once its chunk is here; without it, not at all.
        if app::chunks::load_first_page_chunk().await.is_ok() {
            next_task().await;
            leptos::mount::hydrate_lazy(app::App);
        }
    });
}

/// Resumes in a new task of the browser's (a zero-delay timer), not in the
/// current one.
async fn next_task() {
    let timer = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window()
            .ok_or(JsValue::NULL)
            .and_then(|window| window.set_timeout_with_callback(&resolve));
        if scheduled.is_err() {
            // No timer to wait for: carry on in this task.
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}
