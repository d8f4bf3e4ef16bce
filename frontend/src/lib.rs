//! The WebAssembly entry point. Everything else lives in the `app` crate; this crate only
//! exists so the browser bundle is a `cdylib` built without the server feature.

/// Called by the script that cargo-leptos injects: attaches to the server-rendered DOM.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
