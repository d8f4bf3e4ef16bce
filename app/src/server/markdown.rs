//! Markdown written by organizers (descriptions, abstracts, bios) turned into HTML that is
//! safe to put in a page: pulldown-cmark renders, ammonia keeps only harmless tags and
//! attributes. Every rendering goes through [`to_safe_html`]; nothing else produces HTML
//! from user text.

use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    // Links leave the site: no referrer, no ranking credit, no access to this window.
    builder
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        .url_schemes(["http", "https", "mailto"].into());
    builder
});

/// The longest text the editor's live preview renders (the longest field is 10,000).
pub const MAX_PREVIEW_CHARS: usize = 20_000;

/// Renders `markdown` and sanitizes the result. Raw HTML in the source is sanitized like
/// everything else, so `<script>`, event handlers and `javascript:` links never survive.
pub fn to_safe_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    let mut rendered = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut rendered, Parser::new_ext(markdown, options));
    SANITIZER.clean(&rendered).to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn markdown_becomes_html() {
        let html = to_safe_html("# Hi\n\nSome *emphasis* and [a link](https://rust-lang.org).");
        assert!(html.contains("<h1>Hi</h1>"), "{html}");
        assert!(html.contains("<em>emphasis</em>"));
        assert!(html.contains(r#"href="https://rust-lang.org""#));
        assert!(html.contains("nofollow"));
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let corpus = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
        ];
        for source in corpus {
            let html = to_safe_html(source).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "javascript:",
                "<iframe",
                "onload",
                "style=",
            ] {
                assert!(!html.contains(bad), "{source:?} rendered as {html:?}");
            }
        }
    }
}
