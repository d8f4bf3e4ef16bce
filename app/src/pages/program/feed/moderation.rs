//! `/e/{event}/feed/reports`: the moderators' queue and the feed's settings. Plain forms
//! only: every decision reloads the queue.

use leptos::prelude::*;

use domain::feed::{FeedAccess, FeedFrame, OpenReport};
use domain::time::relative_label;

use super::BUTTON;
use super::post::{Target, decision_form};

const DECISION: &str = "rounded-lg border border-line px-3 py-1";

/// The open reports, and who may read the feed.
#[component]
pub(super) fn Reports(frame: FeedFrame, reports: Vec<OpenReport>) -> impl IntoView {
    let slug = frame.slug.clone();
    let back = format!("/e/{slug}/feed/reports");
    let count = reports.len();
    let rows = reports
        .into_iter()
        .map(|report| view! { <ReportRow report slug=slug.clone() back=back.clone() now=frame.now /> })
        .collect_view();
    let access = frame.access;
    view! {
        <div class="mx-auto flex max-w-2xl flex-col gap-8">
            <section aria-labelledby="reports-title">
                <h2 id="reports-title" class="mb-3 text-xl font-semibold">{format!("Open reports ({count})")}</h2>
                {(count == 0).then(|| view! { <p class="text-muted">"No open reports. All quiet."</p> })}
                <ol class="flex flex-col gap-4">{rows}</ol>
            </section>
            <section aria-labelledby="access-title" class="rounded-xl border border-line bg-surface p-4">
                <h2 id="access-title" class="mb-3 text-xl font-semibold">"Who can read the feed"</h2>
                <form method="post" action="/api/set_feed_access" class="flex flex-col gap-2">
                    <input type="hidden" name="slug" value=slug />
                    <label class="flex items-center gap-2"><input type="radio" name="access" value="public" checked=access == FeedAccess::Public />"Everyone who can see the event"</label>
                    <label class="flex items-center gap-2"><input type="radio" name="access" value="attendees" checked=access == FeedAccess::Attendees />"Only people who joined the event, and the organizers"</label>
                    <button type="submit" class=format!("{BUTTON} self-start")>"Save"</button>
                </form>
            </section>
        </div>
    }
}

/// One report: what was said, by whom, why it was reported, and the decisions.
#[component]
fn ReportRow(report: OpenReport, slug: String, back: String, now: i64) -> impl IntoView {
    let target = Target {
        slug: slug.clone(),
        post: report.post,
        comment: report.comment,
        back: back.clone(),
    };
    let what = if report.comment.is_some() {
        "Comment"
    } else {
        "Post"
    };
    let mute = if report.author_muted {
        format!("Unmute {}", report.author)
    } else {
        format!("Mute {}", report.author)
    };
    view! {
        <li class="rounded-xl border border-line bg-surface p-4">
            <p class="text-sm text-muted">
                {format!("{what} by {} · reported by {} · ", report.author, report.reporter)}
                {relative_label(report.created_at, now)}
                {report.hidden.then_some(" · hidden")}
            </p>
            <blockquote class="my-2 border-l-2 border-line pl-3 whitespace-pre-wrap break-words">{report.excerpt}</blockquote>
            <p class="text-sm"><span class="font-semibold">"Reason: "</span>{report.reason}</p>
            <div class="mt-3 flex flex-wrap gap-2 text-sm">
                {(!report.hidden).then(|| decision_form(&target, "hide", "Hide", DECISION))}
                {decision_form(&target, "delete", "Delete", DECISION)}
                {decision_form(&target, "dismiss", "Keep it", DECISION)}
                <form method="post" action="/api/mute_in_feed">
                    <input type="hidden" name="slug" value=slug.clone() />
                    <input type="hidden" name="user" value=report.author_id.to_string() />
                    <input type="hidden" name="muted" value=(!report.author_muted).to_string() />
                    <input type="hidden" name="back" value=back />
                    <button type="submit" class=DECISION>{mute}</button>
                </form>
                <a href=format!("/e/{slug}/feed/posts/{}", report.post) class="self-center text-accent underline">"See in context"</a>
            </div>
        </li>
    }
}
