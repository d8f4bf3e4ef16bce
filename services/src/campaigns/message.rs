//! A campaign's message: the template's Markdown is rendered and sanitized once per campaign
//! into pieces, and each recipient's copy is assembled from them with their name, their
//! unsubscribe link and their tracking links. Per recipient it is string concatenation, so
//! a 100,000-recipient send renders the Markdown once.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

use domain::html::escape_html;

use crate::markdown;

/// Placeholders become these tokens while the Markdown is rendered: `%` and `-` survive
/// pulldown-cmark's link escaping and ammonia untouched.
const OPEN: &str = "%%cnv-";
const CLOSE: &str = "%%";

/// What the per-campaign placeholders become.
#[derive(Clone, Debug, Default)]
pub struct CampaignValues {
    /// The organization's name, for the footer.
    pub organization: String,
    /// `{{event_title}}`.
    pub event_title: String,
    /// `{{event_date}}`.
    pub event_date: String,
    /// `{{event_url}}`.
    pub event_url: String,
    /// A line above the message (a test says it is one); blank for none.
    pub notice: String,
}

/// One part of a compiled message.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Name,
    FirstName,
    Unsubscribe,
    Open,
    Link(usize),
}

/// A message rendered for a campaign, waiting for each recipient's values.
#[derive(Clone, Debug)]
pub struct Compiled {
    html: Vec<Piece>,
    text: Vec<Piece>,
    /// The message's web links, in order; clicks are counted per position.
    pub links: Vec<String>,
}

/// What one recipient's copy needs.
pub struct Personal<'a> {
    /// Their name, possibly blank.
    pub name: &'a str,
    /// Their unsubscribe page.
    pub unsubscribe_url: &'a str,
    /// Their open pixel; `None` leaves it out (previews, tests).
    pub open_url: Option<&'a str>,
    /// Their tracked address of link `n`; `None` keeps the links as written.
    pub link_url: Option<&'a dyn Fn(usize) -> String>,
}

/// Renders `body` (Markdown with placeholders) for a campaign.
pub fn compile(body: &str, values: &CampaignValues) -> Compiled {
    let marked = mark_placeholders(body);
    let event_url = token("event_url");
    let mut links = Vec::new();
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let parser = Parser::new_ext(&marked, options).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            // A link's target comes from the organizer, never from a contact's name.
            let url = dest_url
                .replace(&event_url, &values.event_url)
                .replace(&token("name"), "")
                .replace(&token("first_name"), "");
            // Only addresses a redirect can carry are tracked (and stored).
            let trackable = (url.starts_with("http://") || url.starts_with("https://"))
                && url.parse::<axum::http::Uri>().is_ok();
            let dest_url = if trackable {
                links.push(url);
                CowStr::from(token(&format!("link-{}", links.len() - 1)))
            } else {
                CowStr::from(url)
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    });
    let mut rendered = String::with_capacity(body.len() * 5 / 4);
    html::push_html(&mut rendered, parser);
    let content = markdown::sanitize(&rendered);
    let footer = format!(
        "<p style=\"margin-top:32px;font-size:12px;color:#6b7280\">You receive this because you \
         are a contact of {}. <a href=\"{}\" style=\"color:#6b7280\">Unsubscribe</a></p>",
        escape_html(&values.organization),
        token("unsubscribe_url"),
    );
    let notice = match values.notice.as_str() {
        "" => String::new(),
        notice => format!(
            "<p style=\"margin:0 0 24px;padding:12px;border:1px solid #f59e0b;\
             background:#fef3c7;font-size:14px\">{}</p>",
            escape_html(notice)
        ),
    };
    let document = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0;\
         padding:24px;font-family:system-ui,sans-serif;line-height:1.5;color:#111827\">\
         <div style=\"max-width:600px;margin:0 auto\">{notice}{content}{footer}</div>\
         <img src=\"{}\" width=\"1\" height=\"1\" alt=\"\"></body></html>",
        token("open")
    );
    let text_notice = match values.notice.as_str() {
        "" => String::new(),
        notice => format!("[{notice}]\n\n"),
    };
    let text = format!(
        "{text_notice}{}\n\n--\nYou receive this because you are a contact of {}.\nUnsubscribe: {}\n",
        marked.trim_end(),
        values.organization,
        token("unsubscribe_url")
    );
    Compiled {
        html: pieces(&document, values, true),
        text: pieces(&text, values, false),
        links,
    }
}

impl Compiled {
    /// (plain text, HTML) of one recipient's copy.
    pub fn personalize(&self, who: &Personal<'_>) -> (String, String) {
        (
            assemble(&self.text, who, &self.links, false),
            assemble(&self.html, who, &self.links, true),
        )
    }
}

fn assemble(pieces: &[Piece], who: &Personal<'_>, links: &[String], html: bool) -> String {
    let name = match who.name.trim() {
        "" => "there",
        name => name,
    };
    let first = name.split_whitespace().next().unwrap_or(name);
    let mut out = String::with_capacity(pieces.len() * 64);
    for piece in pieces {
        let tracked;
        let value = match piece {
            // Literal pieces are already HTML (or plain text).
            Piece::Text(literal) => {
                out.push_str(literal);
                continue;
            }
            Piece::Name => name,
            Piece::FirstName => first,
            Piece::Unsubscribe => who.unsubscribe_url,
            Piece::Open => who.open_url.unwrap_or(""),
            Piece::Link(n) => match who.link_url {
                Some(url_of) => {
                    tracked = url_of(*n);
                    tracked.as_str()
                }
                None => links.get(*n).map_or("", String::as_str),
            },
        };
        if html {
            out.push_str(&escape_html(value));
        } else {
            out.push_str(value);
        }
    }
    out
}

/// `{{ name }}` → a token; unknown placeholders are left as typed (the form refuses them).
fn mark_placeholders(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                if domain::campaign::PLACEHOLDERS
                    .iter()
                    .any(|(p, _)| *p == name)
                {
                    out.push_str(&token(name));
                } else {
                    out.push_str(&rest[start..start + 2 + end + 2]);
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn token(name: &str) -> String {
    format!("{OPEN}{name}{CLOSE}")
}

/// Splits rendered text at its tokens; per-campaign values are filled in here.
fn pieces(rendered: &str, values: &CampaignValues, html: bool) -> Vec<Piece> {
    let fixed = |s: &str| if html { escape_html(s) } else { s.to_owned() };
    let mut out: Vec<Piece> = Vec::new();
    let mut literal = String::new();
    let mut rest = rendered;
    while let Some(start) = rest.find(OPEN) {
        literal.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find(CLOSE) else { break };
        let name = &after[..end];
        let piece = match name {
            "name" => Some(Piece::Name),
            "first_name" => Some(Piece::FirstName),
            "unsubscribe_url" => Some(Piece::Unsubscribe),
            "open" => Some(Piece::Open),
            "event_title" => {
                literal.push_str(&fixed(&values.event_title));
                None
            }
            "event_date" => {
                literal.push_str(&fixed(&values.event_date));
                None
            }
            "event_url" => {
                literal.push_str(&fixed(&values.event_url));
                None
            }
            link => link
                .strip_prefix("link-")
                .and_then(|n| n.parse().ok())
                .map(Piece::Link),
        };
        if let Some(piece) = piece {
            if !literal.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut literal)));
            }
            out.push(piece);
        }
        rest = &after[end + CLOSE.len()..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> CampaignValues {
        CampaignValues {
            organization: "Acme & Co".into(),
            event_title: "Rust <Summit>".into(),
            event_date: "Tuesday 3 March".into(),
            event_url: "https://convene.example/e/rust-summit".into(),
            notice: String::new(),
        }
    }

    fn personal<'a>(name: &'a str, links: Option<&'a dyn Fn(usize) -> String>) -> Personal<'a> {
        Personal {
            name,
            unsubscribe_url: "https://convene.example/m/u/1.2.abc",
            open_url: Some("https://convene.example/m/o/1.2.def"),
            link_url: links,
        }
    }

    #[test]
    fn placeholders_are_filled_and_escaped_in_each_part() {
        let compiled = compile(
            "Hello {{first_name}} ({{ name }}), join us at {{event_title}} on {{event_date}}. {{unknown}}",
            &values(),
        );
        let (text, html) = compiled.personalize(&personal("Ada <Lovelace>", None));
        assert!(text.starts_with("Hello Ada (Ada <Lovelace>), join us at Rust <Summit> on Tuesday 3 March. {{unknown}}"), "{text}");
        assert!(text.contains("Unsubscribe: https://convene.example/m/u/1.2.abc"));
        assert!(
            html.contains("Hello Ada (Ada &lt;Lovelace&gt;), join us at Rust &lt;Summit&gt;"),
            "{html}"
        );
        assert!(html.contains("contact of Acme &amp; Co."));
        assert!(html.contains("src=\"https://convene.example/m/o/1.2.def\""));
        let (text, _) = compiled.personalize(&personal("  ", None));
        assert!(text.starts_with("Hello there (there)"), "{text}");
    }

    #[test]
    fn web_links_are_numbered_for_tracking_and_nothing_unsafe_survives() {
        let compiled = compile(
            "[Program](https://example.org/p) [Venue]({{event_url}}) [Mail](mailto:a@example.org) \
             [Bad](javascript:alert(1)) <img src=x onerror=alert(1)> [Leave]({{unsubscribe_url}})",
            &values(),
        );
        assert_eq!(
            compiled.links,
            [
                "https://example.org/p",
                "https://convene.example/e/rust-summit"
            ]
        );
        let tracked = |n: usize| format!("https://convene.example/m/c/1.2.{n}.sig");
        let (_, html) = compiled.personalize(&personal("Ada", Some(&tracked)));
        assert!(
            html.contains("href=\"https://convene.example/m/c/1.2.0.sig\""),
            "{html}"
        );
        assert!(html.contains("href=\"https://convene.example/m/c/1.2.1.sig\""));
        assert!(html.contains("href=\"mailto:a@example.org\""));
        assert!(html.contains("href=\"https://convene.example/m/u/1.2.abc\" rel=\"noopener noreferrer nofollow ugc\">Leave"), "{html}");
        assert!(
            !html.contains("javascript:") && !html.contains("onerror"),
            "{html}"
        );
        // Without tracking (previews), links stay as written.
        let (_, html) = compiled.personalize(&personal("Ada", None));
        assert!(html.contains("href=\"https://example.org/p\""), "{html}");
        // A contact's name never becomes a link's target.
        let named = compile(
            "[x]({{name}}) [y](https://example.org/{{first_name}})",
            &values(),
        );
        let (_, html) = named.personalize(&personal("javascript:alert(1)", None));
        assert!(!html.contains("javascript:"), "{html}");
        assert_eq!(named.links, ["https://example.org/"]);
    }
}
