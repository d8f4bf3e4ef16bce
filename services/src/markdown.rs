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

/// Sanitizes HTML rendered from organizers' Markdown elsewhere (campaign messages, whose
/// links are rewritten while rendering) by the same rules as [`to_safe_html`].
pub fn sanitize(rendered: &str) -> String {
    SANITIZER.clean(rendered).to_string()
}

/// Posts and comments keep to "Markdown-lite": paragraphs, line breaks, emphasis, code,
/// quotes, lists and links. Headings, images and tables lose their markup (their text stays).
static POST_SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(
            [
                "p",
                "br",
                "strong",
                "em",
                "del",
                "code",
                "pre",
                "a",
                "ul",
                "ol",
                "li",
                "blockquote",
            ]
            .into(),
        )
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        .url_schemes(["http", "https", "mailto"].into())
        .add_tag_attributes("a", ["href"]);
    builder
});

/// Renders a post or comment: bare web links become clickable, every line break is kept,
/// and the result is sanitized like all user text.
pub fn post_to_safe_html(text: &str) -> String {
    use pulldown_cmark::Event;
    let linked = autolink(text);
    let parser = Parser::new_ext(&linked, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
        // People press Enter to start a new line, as in any chat.
        Event::SoftBreak => Event::HardBreak,
        // What looks like a tag is text someone typed (`Vec<String>`, "a <3 b"): shown as
        // typed, not removed by the sanitizer as unknown markup.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut rendered = String::with_capacity(text.len() * 5 / 4);
    html::push_html(&mut rendered, parser);
    POST_SANITIZER.clean(&rendered).to_string()
}

/// Wraps each bare `http(s)` link in angle brackets, which Markdown turns into a link.
fn autolink(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    for link in finder.links(text) {
        let already_wrapped = text[..link.start()].ends_with(['<', '(']);
        if already_wrapped {
            continue;
        }
        out.push_str(&text[last..link.start()]);
        out.push('<');
        out.push_str(link.as_str());
        out.push('>');
        last = link.end();
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn posts_get_clickable_links_line_breaks_and_nothing_dangerous() {
        use super::post_to_safe_html as post;
        let html = post("See https://rust-lang.org/learn now\nand **this**");
        assert!(
            html.contains(
                r#"<a href="https://rust-lang.org/learn" rel="noopener noreferrer nofollow ugc">"#
            ),
            "{html}"
        );
        assert!(html.contains("<br>"), "{html}");
        assert!(html.contains("<strong>this</strong>"), "{html}");
        let html = post("[docs](https://docs.rs) and <https://crates.io>");
        assert!(html.contains(r#"href="https://docs.rs""#), "{html}");
        assert!(html.contains(r#"href="https://crates.io""#), "{html}");
        assert!(!html.contains("&lt;"), "{html}");
        let html = post(
            "# Big\n![x](https://e.example/i.png) <img src=x onerror=alert(1)> [a](javascript:alert(1)) <script>alert(1)</script>",
        );
        // Raw HTML is shown as the text it is; no markup of it survives.
        for bad in ["<h1", "<img", "<script", "href=\"javascript"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("Big"), "{html}");
    }

    #[test]
    fn what_looks_like_a_tag_in_a_post_is_shown_as_typed() {
        use super::post_to_safe_html as post;
        let html = post("Vec<String> and Option<u8>, a <3 b, <b>bold?</b>");
        assert!(
            html.contains(
                "Vec&lt;String&gt; and Option&lt;u8&gt;, a &lt;3 b, &lt;b&gt;bold?&lt;/b&gt;"
            ),
            "{html}"
        );
        let block = post("<div>\nhello\n</div>");
        assert!(block.contains("&lt;div&gt;"), "{block}");
    }

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
