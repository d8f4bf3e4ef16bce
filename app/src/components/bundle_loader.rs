//! The scripts that load and start the WebAssembly bundle: Leptos' `HydrationScripts islands=true`, less
//! its one flaw. Leptos 0.8.23 writes the request's CSP nonce into the `crossorigin` attribute
//! of its preload links (invalid HTML, and a nonce published where no policy needs it;
//! leptos#4843). Go back to `HydrationScripts` once a release fixes that.

use leptos::prelude::*;
use std::sync::OnceLock;

/// Leptos' islands loader (leptos 0.8.23, `hydration/island_script.js`), unchanged: imports
/// the bundle, instantiates the WebAssembly when the browser is idle, then attaches every
/// `<leptos-island>` of the page to its component.
const LOADER: &str = "((root, pkg_path, output_name, wasm_output_name) => {
	let MOST_RECENT_CHILDREN_CB = [];

	function idle(c) {
		if (\"requestIdleCallback\" in window) {
			window.requestIdleCallback(c);
		} else {
			c();
		}
	}
	async function hydrateIslands(rootNode, mod) {
		async function traverse(node) {
			if (node.nodeType === Node.ELEMENT_NODE) {
				const tag = node.tagName.toLowerCase();
				if(tag === 'leptos-island') {
					const children = [];
					const id = node.dataset.component || null;

					await hydrateIsland(node, id, mod);
					
					for(const child of node.children) {
						await traverse(child, children);
					}
				} else {
					if (tag === 'leptos-children') {
						MOST_RECENT_CHILDREN_CB.push(node.$$on_hydrate);
						for(const child of node.children) {
							await traverse(child);
						};
						// un-set the \"most recent children\"
						MOST_RECENT_CHILDREN_CB.pop();
					} else {
						for(const child of node.children) {
							await traverse(child);
						};
					}
				}
			}
		}

		await traverse(rootNode);
	}
	async function hydrateIsland(el, id, mod) {
		const islandFn = mod[id];
		if (islandFn) {
			const children_cb = MOST_RECENT_CHILDREN_CB[MOST_RECENT_CHILDREN_CB.length-1];
			if (children_cb) {
				children_cb();
			}
			const res = islandFn(el);
			if (res && res.then) {
				await res;
			}
		} else {
			console.warn(`Could not find WASM function for the island ${id}.`);
		}
	}
	idle(() => {
		import(`${root}/${pkg_path}/${output_name}.js`)
			.then(mod => {
				mod.default({module_or_path: `${root}/${pkg_path}/${wasm_output_name}.wasm`}).then(() => {
					mod.hydrate();
					hydrateIslands(document.body, mod);
				});

				window.__hydrateIsland = (el, id) => hydrateIsland(el, id, mod);
			})
	});
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
    // What `HydrationScripts islands=true` does first: from here on the page is rendered
    // without hydration data, except inside islands, which turn it back on for themselves.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
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
                "{LOADER}(\"\", {:?}, {:?}, {:?});",
                options.site_pkg_dir.as_ref(),
                files.js,
                files.wasm,
            )}
        </script>
    }
}
