//! Generates the site's stylesheet: Tailwind-style utilities for every class used in
//! `src/` (encre-css reads them straight from the Rust source, `view!` macros included),
//! followed by the hand-written base layer in `style/main.css`. The file name carries a hash
//! of the content so browsers may cache it forever.

use std::hash::{Hash as _, Hasher as _};
use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let style_dir = manifest.join("../style");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed={}", style_dir.display());

    let mut sources = Vec::new();
    collect_rust_sources(&manifest.join("src"), &mut sources);
    sources.sort();
    let texts: Vec<String> = sources
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
        })
        .collect();

    let mut config = encre_css::Config::default();
    // Theme tokens are CSS variables defined in style/main.css for light and dark themes,
    // so one class (`bg-surface`) serves both and no `dark:` variants are needed.
    for (name, variable) in [
        ("canvas", "--color-canvas"),
        ("surface", "--color-surface"),
        ("raised", "--color-raised"),
        ("ink", "--color-ink"),
        ("muted", "--color-muted"),
        ("line", "--color-line"),
        ("accent", "--color-accent"),
        ("accent-ink", "--color-accent-ink"),
        ("accent-soft", "--color-accent-soft"),
        ("danger", "--color-danger"),
    ] {
        config.theme.colors.add(name, format!("var({variable})"));
    }
    // One source: given several, encre-css may emit a utility once per file, and a repeated
    // `sm:` rule placed after an `lg:` one would override it.
    let all_sources = texts.join("\n");
    let utilities = encre_css::generate([all_sources.as_str()], &config);
    let base = std::fs::read_to_string(style_dir.join("main.css")).expect("style/main.css exists");
    let css = format!("{utilities}\n\n/* style/main.css */\n{base}");

    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    css.hash(&mut hasher);
    let hash = format!("{:016x}", hasher.finish());
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("convene.css"), css).expect("OUT_DIR is writable");
    println!("cargo:rustc-env=CONVENE_CSS_HASH={hash}");
}

fn collect_rust_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
