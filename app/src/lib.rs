//! Convene's web application: the routes, pages and components rendered on the server, the
//! islands (`#[island]` components) the browser runs inside them, and the server functions
//! both call. The types both sides share are in the `domain` crate; the server logic is in the
//! `services` crate, a dependency only with the `ssr` feature, so an island that reaches for
//! it does not compile for the browser. [`context`] hands the services what the Leptos
//! context holds.

#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod assets;
pub mod components;
#[cfg(feature = "ssr")]
pub mod context;
pub mod pages;
pub mod viewer;

#[cfg(feature = "ssr")]
mod document;
#[cfg(feature = "ssr")]
pub use document::{App, shell};

/// The cookie that remembers the theme the visitor picked (`light` or `dark`): the server
/// writes it into `<html data-theme>`, so the page is painted in it from the first frame.
pub const THEME_COOKIE: &str = "convene_theme";

/// Writes a cookie from the browser, for the whole site and `max_age_secs`; `Lax`, like the
/// session cookie. A browser refusing cookies keeps the choice for this page only. Browser
/// only (`web_sys` has no document on the server).
pub(crate) fn remember_in_browser(name: &str, value: &str, max_age_secs: u32) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    else {
        return;
    };
    let cookie = format!("{name}={value}; Path=/; Max-Age={max_age_secs}; SameSite=Lax");
    let _ = document.set_cookie(&cookie);
}

/// The theme a `Cookie` header chose, if it chose a known one.
pub fn chosen_theme(cookies: &str) -> Option<&'static str> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == THEME_COOKIE)
        .find_map(|(_, value)| match value {
            "light" => Some("light"),
            "dark" => Some("dark"),
            _ => None,
        })
}

/// Where the generated stylesheet is served; the hash changes whenever its content does.
pub const STYLESHEET_HREF: &str = concat!("/assets/convene-", env!("CONVENE_CSS_HASH"), ".css");

#[cfg(test)]
mod tests {
    use super::chosen_theme;

    #[test]
    fn the_theme_cookie_is_read_among_others_and_unknown_values_are_ignored() {
        assert_eq!(chosen_theme("a=1; convene_theme=dark; b=2"), Some("dark"));
        assert_eq!(chosen_theme("convene_theme=light"), Some("light"));
        assert_eq!(chosen_theme("convene_theme=\"><script>"), None);
        assert_eq!(chosen_theme("my_convene_theme=dark"), None);
        assert_eq!(chosen_theme(""), None);
    }
}
