//! The WebAssembly entry point. Pages are rendered by the server; the browser runs only the
//! `#[island]` components of the `app` crate, each attached to its server-rendered element.
//! This crate only exists so the bundle is a `cdylib` built without the server feature.

// Links the app crate, whose islands are the bundle's exports: without a use of the crate,
// the linker would drop them and no island would ever hydrate.
extern crate app;

/// Called by Leptos' islands loader once the bundle is instantiated, before it attaches
/// each `<leptos-island>` of the page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
