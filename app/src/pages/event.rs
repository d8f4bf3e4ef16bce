//! `/e/{event}`: the public page of one event.

use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::use_params_map;

use crate::api::events::get_event;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_title::PageTitle;
use crate::domain::EventDetails;
use crate::error::AppError;
use crate::pages::not_found::NotFound;

/// The event page; unknown, draft and archived events answer 404.
#[component]
pub fn EventPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let event = Resource::new(slug, get_event);
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading event…"</p> }>
            {move || Suspend::new(async move {
                match event.await {
                    Ok(details) => view! { <EventDetailsView details /> }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EventDetailsView(details: EventDetails) -> impl IntoView {
    let EventDetails {
        summary,
        description,
        venue,
        online_url,
        canonical_url,
        ..
    } = details;
    // Paragraphs of the description as plain text; Markdown rendering arrives with the
    // event editor, together with its sanitizer.
    let paragraphs: Vec<String> = description
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    view! {
        <PageTitle text=summary.title.clone() />
        <Meta name="description" content=summary.summary.clone() />
        <Meta property="og:title" content=summary.title.clone() />
        <Meta property="og:description" content=summary.summary.clone() />
        <Link rel="canonical" href=canonical_url.clone() />
        <Meta property="og:url" content=canonical_url />
        <Meta property="og:type" content="website" />
        <article class="rounded-2xl border border-line bg-surface p-6 sm:p-10">
            <p class="text-sm font-semibold uppercase tracking-wide text-accent">{summary.organization}</p>
            <h1 class="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">{summary.title}</h1>
            <p class="mt-3 text-lg text-muted">{summary.summary}</p>
            <dl class="mt-6 grid gap-4 sm:grid-cols-2">
                <div class="rounded-xl bg-raised p-4">
                    <dt class="text-xs font-semibold uppercase tracking-wide text-muted">"When"</dt>
                    <dd class="mt-1">
                        <time datetime=summary.schedule.starts_at>{summary.schedule.label}</time>
                        <span class="block text-sm text-muted">{summary.schedule.time_zone}</span>
                    </dd>
                </div>
                <div class="rounded-xl bg-raised p-4">
                    <dt class="text-xs font-semibold uppercase tracking-wide text-muted">"Where"</dt>
                    <dd class="mt-1">
                        {venue.unwrap_or_else(|| "Online".to_owned())}
                        {online_url.filter(|url| is_web_link(url)).map(|url| view! {
                            <a href=url.clone() rel="noopener nofollow" class="block text-sm text-accent underline">
                                "Join online"
                            </a>
                        })}
                    </dd>
                </div>
            </dl>
            <div class="prose mt-8 max-w-none leading-relaxed">
                {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </div>
        </article>
    }
}

/// Only http(s) links become clickable, whatever got stored: a `javascript:` URL must never
/// reach an `href`.
fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::is_web_link;

    #[test]
    fn only_http_and_https_links_are_clickable() {
        assert!(is_web_link("https://meet.example.org/rust"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link(" JavaScript:alert(1)"));
        assert!(!is_web_link("data:text/html,hi"));
    }
}
