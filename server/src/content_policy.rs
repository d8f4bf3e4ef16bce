//! The Content-Security-Policy of every response.
//!
//! Scripts run only if the server meant them: no `'unsafe-inline'`. Each request gets a fresh
//! random nonce, which Leptos puts on the scripts it writes (its loader, resource data, the
//! theme script). Before the page leaves, every inline script that carries *this* nonce is
//! turned into a `'sha256-…'` source of the policy. A script injected into the page cannot
//! know a nonce drawn after it was stored, so it gets no hash and does not run.
//!
//! Hashes instead of the nonce itself, because the page cache keeps a rendered page with its
//! headers and answers many visitors with it: a nonce must never be shared, a hash of a script
//! the server wrote may be. The policy is thus a property of the page's bytes, cached with them.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};
use sha2::{Digest, Sha256};

/// The nonce of the request being rendered, from [`enforce`] to the Leptos context.
#[derive(Clone)]
struct RenderNonce(Nonce);

/// Rendering context: hands Leptos the nonce [`enforce`] will look for, in place of the one
/// leptos_axum draws itself (which this module could not know).
pub fn provide_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RenderNonce>().cloned());
    if let Some(RenderNonce(nonce)) = nonce {
        provide_context(nonce);
    }
}

/// Middleware: draws the request's nonce and sets the policy on the response. Must run inside
/// the compression (it reads the page as rendered) and inside the page cache (which then keeps
/// the policy with the page).
pub async fn enforce(mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(RenderNonce(nonce.clone()));
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if !is_html {
        return with_policy(response, HeaderValue::from_static(NOTHING_POLICY));
    }
    let (parts, body) = response.into_parts();
    let page = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(page) => page,
        Err(error) => {
            tracing::error!(%error, "rendering a page failed before its last byte");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let policy = page_policy(&page, &nonce);
    with_policy(Response::from_parts(parts, Body::from(page)), policy)
}

/// For anything that is not a page (files, JSON, events): nothing may run or load, should a
/// browser ever open it as a document.
const NOTHING_POLICY: &str =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn with_policy(mut response: Response, policy: HeaderValue) -> Response {
    response
        .headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, policy);
    response
}

/// The policy of one page: its own scripts by hash, the bundle from this origin, WebAssembly
/// compiled, style attributes (the agenda grid places sessions with them), images from this
/// origin and previews of chosen files; no plugins, no `<base>`, no framing.
fn page_policy(page: &Bytes, nonce: &Nonce) -> HeaderValue {
    let mut scripts = String::from("'self' 'wasm-unsafe-eval'");
    for script in nonced_scripts(&String::from_utf8_lossy(page), nonce) {
        scripts.push_str(" 'sha256-");
        scripts.push_str(&STANDARD.encode(Sha256::digest(script.as_bytes())));
        scripts.push('\'');
    }
    let policy = format!(
        "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    );
    HeaderValue::from_str(&policy).expect("a policy of ASCII sources and base64 is a header value")
}

/// The text of every `<script>` element of `page` whose start tag carries `nonce`.
///
/// The page is Leptos' output: text and attribute values are escaped, so `<script` starts a
/// real element, and a script's text ends at the first `</script`, as in a browser.
fn nonced_scripts<'a>(page: &'a str, nonce: &Nonce) -> Vec<&'a str> {
    let attribute = format!("nonce=\"{}\"", nonce.as_inner());
    let mut scripts = Vec::new();
    let mut rest = page;
    while let Some(start) = find_ignoring_case(rest, "<script") {
        rest = &rest[start + "<script".len()..];
        let Some(tag_end) = rest.find('>') else { break };
        let attributes = &rest[..tag_end];
        rest = &rest[tag_end + 1..];
        let text_end = find_ignoring_case(rest, "</script").unwrap_or(rest.len());
        let text = &rest[..text_end];
        rest = &rest[text_end..];
        let carries_nonce = attributes
            .split_ascii_whitespace()
            .any(|part| part.trim_end_matches('/') == attribute);
        if carries_nonce {
            scripts.push(text);
        }
    }
    scripts
}

/// Where `needle`, which starts with `<`, first occurs in `haystack`, in any case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.match_indices('<').map(|(at, _)| at).find(|&at| {
        haystack.as_bytes()[at..]
            .get(..needle.len())
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(needle.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nonce() -> Nonce {
        Nonce::from_value("n0nce")
    }

    #[test]
    fn only_scripts_carrying_the_nonce_are_trusted() {
        let page = r#"<head><script nonce="n0nce">a()</script><SCRIPT>evil()</SCRIPT>
            <script type="application/ld+json">{"x":1}</script>
            <script nonce="guess">b()</script><script type="module" nonce="n0nce">c()</Script>"#;
        assert_eq!(nonced_scripts(page, &nonce()), vec!["a()", "c()"]);
    }

    #[test]
    fn a_script_tag_inside_a_trusted_script_is_text() {
        let page = r#"<script nonce="n0nce">x="<script nonce=\"n0nce\">"</script>"#;
        assert_eq!(
            nonced_scripts(page, &nonce()),
            vec![r#"x="<script nonce=\"n0nce\">""#]
        );
    }

    #[test]
    fn an_unclosed_script_is_hashed_to_the_end() {
        assert_eq!(
            nonced_scripts("<script nonce=\"n0nce\">a(", &nonce()),
            vec!["a("]
        );
        assert!(nonced_scripts("<script nonce=\"n0nce\"", &nonce()).is_empty());
    }

    #[test]
    fn the_policy_names_each_trusted_script_by_its_hash() {
        let policy = page_policy(
            &Bytes::from_static(b"<script nonce=\"n0nce\">a()</script>"),
            &nonce(),
        );
        let policy = policy.to_str().expect("ASCII");
        let hash = STANDARD.encode(Sha256::digest(b"a()"));
        assert!(
            policy.contains(&format!(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';"
            )),
            "{policy}"
        );
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(directive), "{policy}");
        }
        let scripts = policy
            .split(';')
            .find(|directive| directive.contains("script-src"));
        assert!(
            !scripts.expect("a script-src").contains("unsafe-inline"),
            "{policy}"
        );
        assert!(
            !policy.contains("n0nce"),
            "the nonce is never published: {policy}"
        );
    }
}
