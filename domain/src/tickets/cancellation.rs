//! When a buyer may cancel their own order, from the order's page: a free or unpaid order
//! until the event starts; a paid one only as the event's refund setting allows, and then
//! the organizer owes the money back.

use serde::{Deserialize, Serialize};

use super::OrderStatus;

const DAY: i64 = 86_400;

/// The longest refund window an organizer may set, in days before the event.
pub const MAX_REFUND_DAYS: i64 = 365;

/// Reads the organizer's "paid orders may be cancelled up to … days before" field: blank
/// for never, otherwise a whole number of days.
pub fn refund_days(raw: &str) -> Result<Option<i64>, String> {
    match raw.trim() {
        "" => Ok(None),
        raw => match raw.parse::<i64>() {
            Ok(d) if (0..=MAX_REFUND_DAYS).contains(&d) => Ok(Some(d)),
            _ => Err(format!(
                "enter a whole number of days from 0 to {MAX_REFUND_DAYS}, or nothing for never"
            )),
        },
    }
}

/// What the order's page offers its buyer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BuyerCancellation {
    /// They may cancel it; `refund`: what the organizer then owes them ("25.00 EUR"), if
    /// anything.
    Allowed {
        /// The refund's label, none when nothing was paid.
        refund: Option<String>,
    },
    /// They may not, and why (closed orders say nothing).
    Refused(String),
    /// The order is cancelled or expired already.
    Closed,
}

/// An order as the rule needs it.
#[derive(Clone, Copy, Debug)]
pub struct OrderTerms {
    /// Where it stands.
    pub status: OrderStatus,
    /// What was paid (or is to be), minor units.
    pub total_cents: i64,
    /// The event's refund window in days before it starts; none for never.
    pub refund_days: Option<i64>,
    /// When the event starts, Unix seconds.
    pub starts_at: i64,
}

/// Whether the buyer may cancel an order on `terms` at `now`: the refund owed (minor
/// units), or why not.
pub fn buyer_may_cancel(terms: OrderTerms, now: i64) -> Result<i64, String> {
    if now >= terms.starts_at {
        return Err(
            "The event has started, so the order can no longer be cancelled here; write to the organizer."
                .into(),
        );
    }
    match (terms.status, terms.total_cents) {
        (OrderStatus::Cancelled | OrderStatus::Expired, _) => {
            Err("This order is already closed.".into())
        }
        // Nothing was paid (a transfer not yet received is the organizer's to return).
        (OrderStatus::Pending, _) | (OrderStatus::Paid, 0) => Ok(0),
        (OrderStatus::Paid, total) => match terms.refund_days {
            None => {
                Err("This event does not refund paid orders here; write to the organizer.".into())
            }
            Some(days) if now <= terms.starts_at - days * DAY => Ok(total),
            Some(days) => Err(format!(
                "Paid orders can be cancelled up to {} before the event; that time has passed.",
                crate::text::counted(days, "day")
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn paid(total_cents: i64, refund_days: Option<i64>) -> OrderTerms {
        OrderTerms {
            status: OrderStatus::Paid,
            total_cents,
            refund_days,
            starts_at: NOW + 10 * DAY,
        }
    }

    #[test]
    fn free_and_unpaid_orders_are_cancelled_until_the_event_starts() {
        assert_eq!(buyer_may_cancel(paid(0, None), NOW), Ok(0));
        let pending = OrderTerms {
            status: OrderStatus::Pending,
            ..paid(5_000, None)
        };
        assert_eq!(buyer_may_cancel(pending, NOW), Ok(0));
        assert!(buyer_may_cancel(pending, NOW + 10 * DAY).is_err());
    }

    #[test]
    fn a_paid_order_is_refunded_only_within_the_events_window() {
        assert!(buyer_may_cancel(paid(5_000, None), NOW).is_err());
        assert_eq!(buyer_may_cancel(paid(5_000, Some(7)), NOW), Ok(5_000));
        assert_eq!(buyer_may_cancel(paid(5_000, Some(10)), NOW), Ok(5_000));
        let late = buyer_may_cancel(paid(5_000, Some(11)), NOW);
        assert_eq!(
            late,
            Err("Paid orders can be cancelled up to 11 days before the event; that time has passed.".into())
        );
    }

    #[test]
    fn a_closed_order_stays_closed() {
        let expired = OrderTerms {
            status: OrderStatus::Expired,
            ..paid(0, Some(1))
        };
        assert!(buyer_may_cancel(expired, NOW).is_err());
    }

    #[test]
    fn the_refund_window_is_whole_days_or_never() {
        assert_eq!(refund_days(""), Ok(None));
        assert_eq!(refund_days(" 14 "), Ok(Some(14)));
        assert_eq!(refund_days("0"), Ok(Some(0)));
        for refused in ["-1", "366", "two", "1.5"] {
            assert!(refund_days(refused).is_err(), "{refused} was accepted");
        }
    }
}
