//! The mails about orders and waitlist offers, in plain text: every link in them opens without signing in.

use domain::tickets::price_label;

use crate::db::tickets::{OrderRow, OrderTicketRow};
use crate::db::waitlist::OfferRow;
use crate::mail::Letter;

/// What every mail about an order names.
pub struct About<'a> {
    /// The order.
    pub order: &'a OrderRow,
    /// Its tickets.
    pub tickets: &'a [OrderTicketRow],
    /// When the event is, in its zone.
    pub dates: &'a str,
    /// When a pending order expires, in the event's zone.
    pub pay_by: Option<&'a str>,
    /// `https://convene.example`, without a trailing slash.
    pub base_url: &'a str,
    /// The order page's path segment, `CODE-SIGNATURE`.
    pub order_link: &'a str,
}

/// The buyer's confirmation: every ticket with its link, and what is left to pay.
pub fn order_confirmation(a: &About<'_>) -> Letter {
    let o = a.order;
    let mut body = format!(
        "Hello {},\n\nthank you for your order {} for {} ({}).\n\n",
        o.buyer_name, o.code, o.event_title, a.dates
    );
    let total = price_label(o.total_cents, &o.currency);
    match (o.status.as_str(), o.payment_method.as_str()) {
        ("pending", "bank_transfer") => {
            body.push_str(&format!(
                "Please transfer {total} quoting the reference {} before {}. Your seats are \
                 held until then; the organizer confirms the order when the payment arrives.\n\n",
                o.code,
                a.pay_by.unwrap_or("the event starts")
            ));
            if !o.payment_instructions.is_empty() {
                body.push_str(&format!("{}\n\n", o.payment_instructions));
            }
        }
        ("pending", _) => body.push_str(&format!("Please pay {total} at the entrance.\n\n")),
        _ => {}
    }
    body.push_str("Your tickets (show the QR code at the entrance, on screen or printed):\n\n");
    for t in a.tickets {
        body.push_str(&format!(
            "- {} ({}): {}/tickets/{}\n",
            t.attendee_name, t.type_name, a.base_url, t.code
        ));
    }
    body.push_str(&format!(
        "\nYour order: {}/orders/{}\n",
        a.base_url, a.order_link
    ));
    Letter {
        to: o.buyer_email.clone(),
        subject: format!("Your order {} for {}", o.code, o.event_title),
        body,
    }
}

/// One attendee's ticket, when someone else ordered it for them.
pub fn ticket(a: &About<'_>, t: &OrderTicketRow) -> Letter {
    let o = a.order;
    let unpaid = unpaid_note(o);
    Letter {
        to: t.attendee_email.clone(),
        subject: format!("Your ticket for {}", o.event_title),
        body: format!(
            "Hello {},\n\n{} got you a ticket ({}) for {} ({}).\n\nYour ticket, with the QR code \
             to show at the entrance: {}/tickets/{}\n{unpaid}",
            t.attendee_name, o.buyer_name, t.type_name, o.event_title, a.dates, a.base_url, t.code
        ),
    }
}

/// What a ticket's mail says of an order not paid yet.
fn unpaid_note(o: &OrderRow) -> &'static str {
    match o.status.as_str() {
        "pending" => "\nThe order is not paid yet: the ticket lets you in once it is.\n",
        _ => "",
    }
}

/// The new holder of a ticket passed on to them, with its new link.
pub fn transferred(a: &About<'_>, t: &OrderTicketRow) -> Letter {
    let o = a.order;
    let unpaid = unpaid_note(o);
    Letter {
        to: t.attendee_email.clone(),
        subject: format!("A ticket for {} was passed on to you", o.event_title),
        body: format!(
            "Hello {},\n\nA ticket ({}) for {} ({}) was passed on to you.\n\nYour ticket, \
             with the QR code to show at the entrance and the organizer's questions, if any: \
             {}/tickets/{}\n{unpaid}",
            t.attendee_name, t.type_name, o.event_title, a.dates, a.base_url, t.code
        ),
    }
}

/// The buyer is told their order was paid, cancelled (by the organizer, or by themselves:
/// `withdrawn`, with the refund owed) or expired (`kind`).
pub fn order_news(a: &About<'_>, kind: &str) -> Letter {
    let o = a.order;
    let (subject, news) = match kind {
        "paid" => (
            "Payment received",
            "the organizer received your payment: your tickets are valid.",
        ),
        "expired" => (
            "Order expired",
            "your order was not paid in time: it expired and its seats were freed.",
        ),
        "refunded" => (
            "Refund sent",
            "the organizer paid back what you were owed for your cancelled order.",
        ),
        "withdrawn" => (
            "Order cancelled",
            "you cancelled your order: its tickets no longer work and its seats went to others.",
        ),
        _ => (
            "Order cancelled",
            "your order was cancelled and its tickets are no longer valid.",
        ),
    };
    let refund = match (kind, o.refund_due_cents) {
        (_, 0) => String::new(),
        ("refunded", cents) => format!(" They sent you {} back.", price_label(cents, &o.currency)),
        (_, cents) => format!(
            " The organizer owes you {} and refunds it.",
            price_label(cents, &o.currency)
        ),
    };
    Letter {
        to: o.buyer_email.clone(),
        subject: format!("{subject}: order {} for {}", o.code, o.event_title),
        body: format!(
            "Hello {},

{news}{refund}

Order {} for {} ({}): {}/orders/{}
",
            o.buyer_name, o.code, o.event_title, a.dates, a.base_url, a.order_link
        ),
    }
}

/// The buyer of a pending transfer is reminded the day before it expires.
pub fn payment_reminder(a: &About<'_>) -> Letter {
    let o = a.order;
    let mut body = format!(
        "Hello {},\n\nyour order {} for {} ({}) is still waiting for your payment. Please \
         transfer {} quoting the reference {} before {}: unpaid, the order expires then and \
         its seats are freed.\n\n",
        o.buyer_name,
        o.code,
        o.event_title,
        a.dates,
        price_label(o.total_cents, &o.currency),
        o.code,
        a.pay_by.unwrap_or("the event starts")
    );
    if !o.payment_instructions.is_empty() {
        body.push_str(&format!("{}\n\n", o.payment_instructions));
    }
    body.push_str(&format!(
        "If you paid already, thank you: the organizer confirms the order when the payment \
         arrives.\n\nYour order: {}/orders/{}\n",
        a.base_url, a.order_link
    ));
    Letter {
        to: o.buyer_email.clone(),
        subject: format!("Payment reminder: order {} for {}", o.code, o.event_title),
        body,
    }
}

/// A seat freed up for the first in a type's line: theirs to claim before `until`.
pub fn waitlist_offer(offer: &OfferRow, dates: &str, until: &str, base_url: &str) -> Letter {
    let code = offer.claim_code.as_deref().unwrap_or_default();
    Letter {
        to: offer.email.clone(),
        subject: format!("A seat is free for you: {}", offer.event_title),
        body: format!(
            "Hello {},\n\na seat of “{}” ({}) for {} ({}) freed up, and you are next in line. \
             It is held for you until {until}; claim it here:\n\n{base_url}/waitlist/{code}\n\n\
             If you no longer want it, the same page gives it to the next person in line. \
             Unclaimed, it goes to them by itself after {until}.\n",
            offer.name,
            offer.type_name,
            price_label(offer.price_cents, &offer.currency),
            offer.event_title,
            dates,
        ),
    }
}
