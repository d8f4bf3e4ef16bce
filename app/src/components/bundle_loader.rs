//! The scripts that load and start the WebAssembly bundle: Leptos' `HydrationScripts`, less
//! its one flaw. Leptos 0.8.23 writes the request's CSP nonce into the `crossorigin` attribute
//! of its preload links (invalid HTML, and a nonce published where no policy needs it;
//! leptos#4843). Go back to `HydrationScripts` once a release fixes that.

use leptos::prelude::*;
use std::sync::OnceLock;

/// Leptos' loader (leptos 0.8.23, `hydration/hydration_script.js`), unchanged: imports the
/// bundle's JavaScript, instantiates the WebAssembly, then hydrates.
const LOADER: &str = "(function (root, pkg_path, output_name, wasm_output_name, defer) {
\tconst hydrate = () =>
\t\timport(`${root}/${pkg_path}/${output_name}.js`)
\t\t\t.then(mod => {
\t\t\t\tmod.default({module_or_path: `${root}/${pkg_path}/${wasm_output_name}.wasm`}).then(() => {
\t\t\t\t\tmod.hydrate();
\t\t\t\t});
\t\t\t});
\tif (defer && \"requestIdleCallback\" in window) {
\t\twindow.requestIdleCallback(hydrate, { timeout: 2000 });
\t} else {
\t\thydrate();
\t}
})";

/// The bundle's file names, hashed by cargo-leptos in release builds: read once per process
/// (Leptos reads them on every page).
struct BundleFiles {
    js: String,
    wasm: String,
}

impl BundleFiles {
    fn of(options: &LeptosOptions) -> &'static Self {
        static FILES: OnceLock<BundleFiles> = OnceLock::new();
        FILES.get_or_init(|| {
            let mut files = Self {
                js: options.output_name.to_string(),
                wasm: options.output_name.to_string(),
            };
            let hashes = options
                .hash_files
                .then(|| {
                    let exe = std::env::current_exe().ok()?;
                    std::fs::read_to_string(exe.parent()?.join(options.hash_file.as_ref())).ok()
                })
                .flatten();
            match hashes {
                Some(hashes) => {
                    for (file, hash) in hashes.lines().filter_map(|line| line.split_once(':')) {
                        match file.trim() {
                            "js" => files.js = format!("{}.{}", files.js, hash.trim()),
                            "wasm" => files.wasm = format!("{}.{}", files.wasm, hash.trim()),
                            _ => {}
                        }
                    }
                }
                // Unhashed builds name the WebAssembly as wasm-bindgen does, unless
                // cargo-leptos passed the output name.
                None if option_env!("LEPTOS_OUTPUT_NAME").is_none() => files.wasm.push_str("_bg"),
                None => {}
            }
            files
        })
    }
}

/// Preloads the bundle and starts it, with the request's nonce on the script only.
#[component]
pub fn BundleLoader(options: LeptosOptions) -> impl IntoView {
    let files = BundleFiles::of(&options);
    let pkg = format!("/{}", options.site_pkg_dir);
    view! {
        <link rel="modulepreload" href=format!("{pkg}/{}.js", files.js) />
        // `anonymous`: the credentials mode of the bundle's own `fetch`, so the preload is used.
        <link
            rel="preload"
            href=format!("{pkg}/{}.wasm", files.wasm)
            r#as="fetch"
            r#type="application/wasm"
            crossorigin="anonymous"
        />
        <script type="module" nonce=use_nonce()>
            {format!(
                "{LOADER}(\"\", {:?}, {:?}, {:?}, false);",
                options.site_pkg_dir.as_ref(),
                files.js,
                files.wasm,
            )}
        </script>
    }
}
