//! The organizer's live view of an event's registration: the seats of each ticket type
//! against its capacity, what waits for a payment or in line, and the door.

use serde::{Deserialize, Serialize};

/// One ticket type's seats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeSales {
    /// The type's name.
    pub name: String,
    /// Tickets of paid (and free) orders.
    pub paid: i64,
    /// Tickets of orders waiting for their payment: their seats are held.
    pub pending: i64,
    /// Seats held for people offered one from the waitlist.
    pub offered: i64,
    /// The type's own limit; none: only the event's applies.
    pub capacity: Option<i64>,
    /// People waiting in line for a seat (offers excluded).
    pub waiting: i64,
}

impl TypeSales {
    /// The seats taken: sold, held for a payment or held for an offer.
    pub fn taken(&self) -> i64 {
        self.paid + self.pending + self.offered
    }

    /// "12 of 50", or "12 sold" without a limit: the paid tickets against the capacity.
    pub fn summary(&self) -> String {
        match self.capacity {
            Some(capacity) => format!("{} of {capacity}", self.paid),
            None => format!("{} sold", self.paid),
        }
    }
}

/// An event's registration and door, as counted at one moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesDashboard {
    /// The event's title.
    pub event_title: String,
    /// Each ticket type, in the order they are offered.
    pub types: Vec<TypeSales>,
    /// The event's own limit over all its types; none for no limit.
    pub capacity: Option<i64>,
    /// Orders waiting for their payment.
    pub pending_orders: i64,
    /// Tickets that let their holder in now.
    pub valid: i64,
    /// Of them, those ever let in at the door (entries taken back do not count).
    pub checked_in: i64,
    /// Of them, those inside now (checked out ones are not).
    pub inside: i64,
    /// When it was counted, in the event's zone ("10:42:05").
    pub counted_at: String,
}

impl SalesDashboard {
    /// Tickets of paid (and free) orders, every type together.
    pub fn sold(&self) -> i64 {
        self.types.iter().map(|t| t.paid).sum()
    }

    /// Tickets waiting for their payment, every type together.
    pub fn pending(&self) -> i64 {
        self.types.iter().map(|t| t.pending).sum()
    }

    /// People in every type's line.
    pub fn waiting(&self) -> i64 {
        self.types.iter().map(|t| t.waiting).sum()
    }

    /// The seats the chart's longest bar stands for: the largest capacity or, for a type
    /// without one, what it has taken; at least one, so an empty chart still divides.
    pub fn scale(&self) -> i64 {
        let of = |t: &TypeSales| t.capacity.unwrap_or(0).max(t.taken());
        self.types.iter().map(of).max().unwrap_or(0).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sales(paid: i64, pending: i64, offered: i64, capacity: Option<i64>) -> TypeSales {
        TypeSales {
            name: "Standard".into(),
            paid,
            pending,
            offered,
            capacity,
            waiting: 2,
        }
    }

    fn dashboard(types: Vec<TypeSales>) -> SalesDashboard {
        SalesDashboard {
            event_title: "Acme Conf".into(),
            types,
            capacity: None,
            pending_orders: 1,
            valid: 0,
            checked_in: 0,
            inside: 0,
            counted_at: "10:00:00".into(),
        }
    }

    #[test]
    fn a_type_counts_every_seat_it_holds_and_reads_against_its_capacity() {
        let limited = sales(12, 3, 1, Some(50));
        assert_eq!(limited.taken(), 16);
        assert_eq!(limited.summary(), "12 of 50");
        assert_eq!(sales(7, 0, 0, None).summary(), "7 sold");
    }

    #[test]
    fn the_totals_add_the_types_and_the_scale_is_the_largest_bar() {
        let board = dashboard(vec![sales(12, 3, 1, Some(20)), sales(30, 2, 0, None)]);
        assert_eq!((board.sold(), board.pending(), board.waiting()), (42, 5, 4));
        assert_eq!(
            board.scale(),
            32,
            "the unlimited type's 32 seats outgrow 20"
        );
        assert_eq!(dashboard(vec![]).scale(), 1, "never zero");
        assert_eq!(dashboard(vec![sales(0, 0, 0, Some(0))]).scale(), 1);
    }
}
