//! The registration dashboard's figures and chart: a bar per ticket type, its seats sold,
//! held for a payment and offered from the waitlist against its capacity, with the same
//! numbers in a table for those who do not see the chart. Plain SVG, drawn by the server.

use leptos::prelude::*;

use domain::tickets::dashboard::{SalesDashboard, TypeSales};

use crate::components::figure::Figure;

/// The chart's drawing, in SVG user units.
const WIDTH: i64 = 640;
/// A type's row, and its bar's thickness.
const ROW: i64 = 40;
const BAR: i64 = 20;
/// Room for the types' names on the left and their figures on the right.
const LEFT: i64 = 170;
const RIGHT: i64 = 96;
/// A name longer than this is cut, with an ellipsis (the table has it whole).
const NAME_CHARS: usize = 24;

/// `seats` as a length along the bars, where `scale` seats fill them.
fn length(seats: i64, scale: i64) -> i64 {
    seats.max(0) * (WIDTH - LEFT - RIGHT) / scale.max(1)
}

/// The name as the chart has room for it.
fn short(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        return name.to_owned();
    }
    let cut: String = name.chars().take(NAME_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The segments of a type's bar, left to right: where each starts, how long, its class.
/// Each ends where its running total does, so rounding never leaves the bar short.
fn segments(t: &TypeSales, scale: i64) -> [(i64, i64, &'static str); 3] {
    let paid = length(t.paid, scale);
    let pending = length(t.paid + t.pending, scale);
    let offered = length(t.taken(), scale);
    [
        (LEFT, paid, "fill-accent"),
        (LEFT + paid, pending - paid, "fill-muted"),
        (LEFT + pending, offered - pending, "fill-ink"),
    ]
}

/// The figures above the chart.
#[component]
pub fn SalesFigures(board: SalesDashboard) -> impl IntoView {
    let figure = |label, value, extra| view! { <Figure label value extra /> };
    let of_capacity = board
        .capacity
        .map_or_else(|| "No event limit".to_owned(), |c| format!("of {c} seats"));
    let orders = match board.pending_orders {
        1 => "in 1 order".to_owned(),
        n => format!("in {n} orders"),
    };
    view! {
        <dl class="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5">
            {figure("Sold", board.sold(), of_capacity)}
            {figure("Waiting for payment", board.pending(), orders)}
            {figure("In the waitlists", board.waiting(), "waiting for a seat".to_owned())}
            {figure("Checked in", board.checked_in, format!("of {} valid tickets", board.valid))}
            {figure("Inside now", board.inside, "checked out ones apart".to_owned())}
        </dl>
    }
}

/// A bar per ticket type, and the table with its numbers.
#[component]
pub fn SalesChart(board: SalesDashboard) -> impl IntoView {
    if board.types.is_empty() {
        return view! { <p class="text-sm text-muted">"No ticket types yet."</p> }.into_any();
    }
    let scale = board.scale();
    let height = board.types.len() as i64 * ROW + 8;
    let summary = format!(
        "Seats of each ticket type: {}. The same numbers are in the table below.",
        board
            .types
            .iter()
            .map(|t| format!("{} {}", t.name, t.summary()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let label = summary.clone();
    view! {
        <figure>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label class="w-full text-ink">
                <title>{summary}</title>
                {board.types.iter().enumerate().map(|(i, t)| {
                    let y = i as i64 * ROW + (ROW - BAR) / 2;
                    let track = length(t.capacity.unwrap_or(0).max(t.taken()), scale);
                    view! {
                        <g>
                            <title>{format!("{}: {}, {} waiting for payment, {} offered from the waitlist", t.name, t.summary(), t.pending, t.offered)}</title>
                            <text x=LEFT - 8 y=y + BAR / 2 + 4 text-anchor="end" font-size="12" fill="currentColor">{short(&t.name)}</text>
                            <rect x=LEFT y=y width=track height=BAR class="fill-accent-soft" />
                            {segments(t, scale).into_iter().map(|(x, width, class)| view! {
                                <rect x=x y=y width=width height=BAR class=class />
                            }).collect_view()}
                            <text x=WIDTH - RIGHT + 8 y=y + BAR / 2 + 4 font-size="12" fill="currentColor">{t.summary()}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="mt-2 flex flex-wrap gap-4 text-xs text-muted">
                <span><span class="inline-block h-2 w-2 bg-accent"></span>" Sold"</span>
                <span><span class="inline-block h-2 w-2 bg-muted"></span>" Waiting for payment"</span>
                <span><span class="inline-block h-2 w-2 bg-ink"></span>" Offered from the waitlist"</span>
                <span><span class="inline-block h-2 w-2 bg-accent-soft"></span>" Seats left"</span>
            </figcaption>
        </figure>
        <div class="mt-4 overflow-x-auto"><table class="w-full text-left text-sm">
            <caption class="mb-2 text-left text-muted">"Seats per ticket type"</caption>
            <thead><tr class="text-muted">
                <th scope="col" class="py-1">"Ticket type"</th><th scope="col">"Sold"</th><th scope="col">"Waiting for payment"</th>
                <th scope="col">"Offered from the waitlist"</th><th scope="col">"Capacity"</th><th scope="col">"In line"</th>
            </tr></thead>
            <tbody class="divide-y divide-line">
                {board.types.iter().map(|t| view! {
                    <tr>
                        <th scope="row" class="py-1 font-normal">{t.name.clone()}</th>
                        <td>{t.paid}</td><td>{t.pending}</td><td>{t.offered}</td>
                        <td>{t.capacity.map_or_else(|| "No limit".to_owned(), |c| c.to_string())}</td>
                        <td>{t.waiting}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sales(paid: i64, pending: i64, offered: i64) -> TypeSales {
        TypeSales {
            name: "Standard".into(),
            paid,
            pending,
            offered,
            capacity: Some(100),
            waiting: 0,
        }
    }

    #[test]
    fn a_bar_is_the_share_of_the_scale_and_its_segments_follow_each_other() {
        let full = WIDTH - LEFT - RIGHT;
        assert_eq!(length(100, 100), full);
        assert_eq!(length(50, 100), full / 2);
        assert_eq!(length(-3, 100), 0);
        assert_eq!(length(5, 0), 5 * full, "a zero scale never divides by zero");
        let [paid, pending, offered] = segments(&sales(50, 25, 25), 100);
        assert_eq!((paid.0, paid.1), (LEFT, full / 2));
        assert_eq!(pending.0, LEFT + paid.1);
        assert_eq!(offered.0, pending.0 + pending.1);
        assert_eq!(offered.0 + offered.1, LEFT + full);
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(short("Community"), "Community");
        let cut = short("Early bird supporter ticket with dinner");
        assert_eq!(cut.chars().count(), NAME_CHARS);
        assert!(cut.ends_with('…'));
    }
}
