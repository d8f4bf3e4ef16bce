//! A campaign's statistics: the figures, opens and clicks per hour as a chart with its axes,
//! and the same numbers as a table for those who do not see the chart. Drawn on the server:
//! it works without JavaScript.

use leptos::prelude::*;

use domain::campaign::{CampaignStats, HourActivity};

use crate::components::figure::Figure;

/// The chart's drawing, in SVG user units.
const WIDTH: i64 = 640;
const HEIGHT: i64 = 220;
/// Room for the vertical axis's numbers and title, and the horizontal axis's hours.
const LEFT: i64 = 56;
const BOTTOM: i64 = 44;
const TOP: i64 = 12;
const RIGHT: i64 = 8;

/// The figures, the chart and the links' clicks; `zone` names the chart's hours.
#[component]
pub fn Statistics(stats: CampaignStats, zone: String) -> impl IntoView {
    let rate = |n: i64| format!("{}%", stats.rate(n));
    let figure = |label, value, extra| view! { <Figure label value extra /> };
    view! {
        <dl class="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5">
            {figure("Sent", stats.sent, format!("of {}", stats.recipients))}
            {figure("Failed", stats.failed, format!("{} skipped", stats.skipped))}
            {figure("Opened", stats.opens, rate(stats.opens))}
            {figure("Clicked", stats.clicks, rate(stats.clicks))}
            {figure("Unsubscribed", stats.unsubscribes, rate(stats.unsubscribes))}
        </dl>
        <ActivityChart timeline=stats.timeline.clone() zone />
        {(!stats.links.is_empty()).then(|| view! {
            <div class="overflow-x-auto"><table class="mt-6 w-full text-left text-sm">
                <thead><tr class="text-muted"><th class="py-1">"Link"</th><th>"Unique clicks"</th></tr></thead>
                <tbody class="divide-y divide-line">
                    {stats.links.iter().map(|(url, n)| view! { <tr><td class="break-all py-2">{url.clone()}</td><td>{*n}</td></tr> }).collect_view()}
                </tbody>
            </table></div>
        })}
    }
}

/// The vertical axis's marks: 0, the middle and the top, in whole people.
fn ticks(peak: i64) -> Vec<i64> {
    match peak {
        0 | 1 => vec![0, 1],
        2 => vec![0, 1, 2],
        _ => vec![0, peak / 2, peak],
    }
}

/// The hours labelled under the chart: the first, the last and one between, so the labels
/// never run into each other.
fn labelled(hours: usize) -> Vec<usize> {
    match hours {
        0 => Vec::new(),
        1 => vec![0],
        2 => vec![0, 1],
        n => vec![0, n / 2, n - 1],
    }
}

/// Opens and clicks per hour: people on the vertical axis, the hours (in `zone`) along the
/// bottom, and a table with the same numbers.
#[component]
fn ActivityChart(timeline: Vec<HourActivity>, zone: String) -> impl IntoView {
    if timeline.is_empty() {
        return view! { <p class="text-sm text-muted">"No opens or clicks yet."</p> }.into_any();
    }
    let peak = timeline
        .iter()
        .map(|h| h.opens.max(h.clicks))
        .max()
        .unwrap_or(1)
        .max(1);
    let top = *ticks(peak).last().unwrap_or(&peak);
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let slot = (plot_width / timeline.len() as i64).max(4);
    let y = move |value: i64| TOP + plot_height - value * plot_height / top;
    let bar_width = (slot * 2 / 5).max(2);
    let caption = format!("Opens and clicks per hour ({zone})");
    let summary = format!(
        "{caption}, from {} to {}: at most {peak} people in one hour. The same numbers are in the table below.",
        timeline[0].label,
        timeline[timeline.len() - 1].label,
    );
    view! {
        <figure>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary.clone() class="h-56 w-full text-ink">
                <title>{summary.clone()}</title>
                // The vertical axis: people, with its marks and grid lines.
                <line x1=LEFT y1=TOP x2=LEFT y2=TOP + plot_height stroke="currentColor" />
                {ticks(peak).into_iter().map(|tick| view! {
                    <g>
                        <line x1=LEFT - 4 y1=y(tick) x2=WIDTH - RIGHT y2=y(tick) stroke="currentColor" stroke-opacity="0.15" />
                        <text x=LEFT - 8 y=y(tick) + 4 text-anchor="end" font-size="11" fill="currentColor">{tick}</text>
                    </g>
                }).collect_view()}
                <text x="12" y=TOP + plot_height / 2 transform=format!("rotate(-90 12 {})", TOP + plot_height / 2) text-anchor="middle" font-size="11" fill="currentColor">"People"</text>
                // The horizontal axis: hours.
                <line x1=LEFT y1=TOP + plot_height x2=WIDTH - RIGHT y2=TOP + plot_height stroke="currentColor" />
                {labelled(timeline.len()).into_iter().map(|i| view! {
                    <text x=LEFT + i as i64 * slot + slot / 2 y=TOP + plot_height + 16 text-anchor="middle" font-size="11" fill="currentColor">{timeline[i].label.clone()}</text>
                }).collect_view()}
                <text x=LEFT + plot_width / 2 y=HEIGHT - 4 text-anchor="middle" font-size="11" fill="currentColor">{format!("Hour starting ({zone})")}</text>
                {timeline.iter().enumerate().map(|(i, hour)| {
                    let x = LEFT + i as i64 * slot + (slot - 2 * bar_width) / 2;
                    view! {
                        <g>
                            <title>{format!("{}: {} opens, {} clicks", hour.label, hour.opens, hour.clicks)}</title>
                            <rect x=x y=y(hour.opens) width=bar_width height=TOP + plot_height - y(hour.opens) class="fill-accent" />
                            <rect x=x + bar_width y=y(hour.clicks) width=bar_width height=TOP + plot_height - y(hour.clicks) class="fill-ink" />
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="mt-2 flex flex-wrap gap-4 text-xs text-muted">
                <span><span class="inline-block h-2 w-2 bg-accent"></span>" Opens: people who opened it that hour"</span>
                <span><span class="inline-block h-2 w-2 bg-ink"></span>" Clicks: people who clicked a link that hour"</span>
            </figcaption>
        </figure>
        <details class="mt-4">
            <summary class="cursor-pointer text-sm font-semibold">"The numbers as a table"</summary>
            <div class="overflow-x-auto"><table class="mt-2 w-full text-left text-sm">
                <caption class="mb-2 text-left text-muted">{caption}</caption>
                <thead><tr class="text-muted"><th scope="col" class="py-1">"Hour starting"</th><th scope="col">"Opens (people)"</th><th scope="col">"Clicks (people)"</th></tr></thead>
                <tbody class="divide-y divide-line">
                    {timeline.iter().map(|hour| view! {
                        <tr><th scope="row" class="py-1 font-normal">{hour.label.clone()}</th><td>{hour.opens}</td><td>{hour.clicks}</td></tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        </details>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_marks_reach_the_peak_and_hour_labels_never_crowd() {
        assert_eq!(ticks(0), [0, 1]);
        assert_eq!(ticks(2), [0, 1, 2]);
        assert_eq!(ticks(7), [0, 3, 7]);
        assert_eq!(labelled(1), [0]);
        assert_eq!(labelled(24), [0, 12, 23]);
    }
}
