//! The document title of a page.

use leptos::prelude::*;
use leptos_meta::Title;

/// Sets `<title>` to "`text` · Convene".
///
/// leptos_meta 0.8 writes the title into the server's HTML as it is, unescaped, so a title
/// such as `</title><script>…` would break out of the element. It is escaped here, on the
/// server only: in the browser leptos_meta sets `document.title`, which takes plain text.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let full = format!("{text} · Convene");
    #[cfg(feature = "ssr")]
    let full = escape_html(&full);
    view! { <Title text=full /> }
}

/// Escapes the five characters that are markup in HTML text and attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape_html(r#"</title><script>alert("x" & 'y')</script>"#),
            "&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }
}
