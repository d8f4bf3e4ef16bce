//! `/e/{event}/feed/reports`: the moderators' queue and the feed's settings.

use leptos::prelude::*;

use domain::feed::{FeedAccess, OpenReport};
use domain::program::RenderedPage;

use super::post::{Target, decision_form};
use super::{BUTTON, FeedFrame, header};

/// `/e/{event}/feed/reports`: open reports, and the feed's settings.
pub fn reports(frame: &FeedFrame, reports: Vec<OpenReport>) -> RenderedPage {
    let slug = frame.slug.clone();
    let back = format!("/e/{slug}/feed/reports");
    let decide = |r: &OpenReport, decision: &'static str, label: &'static str| {
        let target = Target {
            slug: &slug,
            post: r.post,
            comment: r.comment,
            back: &back,
        };
        decision_form(
            &target,
            decision,
            label,
            "rounded-lg border border-line px-3 py-1",
        )
    };
    let rows = reports
        .iter()
        .map(|r| {
            let what = if r.comment.is_some() { "Comment" } else { "Post" };
            view! {
                <li class="rounded-xl border border-line bg-surface p-4">
                    <p class="text-sm text-muted">
                        {format!("{what} by {} · reported by {} · ", r.author, r.reporter)}
                        {services::time::relative_label(r.created_at, frame.now)}
                        {r.hidden.then_some(" · hidden")}
                    </p>
                    <blockquote class="my-2 border-l-2 border-line pl-3 whitespace-pre-wrap break-words">{r.excerpt.clone()}</blockquote>
                    <p class="text-sm"><span class="font-semibold">"Reason: "</span>{r.reason.clone()}</p>
                    <div class="mt-3 flex flex-wrap gap-2 text-sm">
                        {(!r.hidden).then(|| decide(r, "hide", "Hide"))}
                        {decide(r, "delete", "Delete")}
                        {decide(r, "dismiss", "Keep it")}
                        <form method="post" action="/api/mute_in_feed">
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="user" value=r.author_id.to_string() />
                            <input type="hidden" name="muted" value=(!r.author_muted).to_string() />
                            <input type="hidden" name="back" value=back.clone() />
                            <button type="submit" class="rounded-lg border border-line px-3 py-1">
                                {if r.author_muted { format!("Unmute {}", r.author) } else { format!("Mute {}", r.author) }}
                            </button>
                        </form>
                        <a href=format!("/e/{slug}/feed/posts/{}", r.post) class="self-center text-accent underline">"See in context"</a>
                    </div>
                </li>
            }
        })
        .collect_view();
    let count = reports.len();
    let access = frame.access;
    let html = view! {
        {header(frame)}
        {frame.notice.map(|text| view! { <p role="status" class="mb-4 rounded-lg border border-line bg-accent-soft px-3 py-2 text-sm">{text}</p> })}
        <div class="mx-auto flex max-w-2xl flex-col gap-8">
            <section aria-labelledby="reports-title">
                <h2 id="reports-title" class="mb-3 text-xl font-semibold">{format!("Open reports ({count})")}</h2>
                {(count == 0).then(|| view! { <p class="text-muted">"No open reports. All quiet."</p> })}
                <ol class="flex flex-col gap-4">{rows}</ol>
            </section>
            <section aria-labelledby="access-title" class="rounded-xl border border-line bg-surface p-4">
                <h2 id="access-title" class="mb-3 text-xl font-semibold">"Who can read the feed"</h2>
                <form method="post" action="/api/set_feed_access" class="flex flex-col gap-2">
                    <input type="hidden" name="slug" value=slug.clone() />
                    <label class="flex items-center gap-2"><input type="radio" name="access" value="public" checked=access == FeedAccess::Public />"Everyone who can see the event"</label>
                    <label class="flex items-center gap-2"><input type="radio" name="access" value="attendees" checked=access == FeedAccess::Attendees />"Only people who joined the event, and the organizers"</label>
                    <button type="submit" class=format!("{BUTTON} self-start")>"Save"</button>
                </form>
            </section>
        </div>
    }
    .to_html();
    RenderedPage {
        title: format!("Moderation · {}", frame.title),
        description: String::new(),
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}
