//! Registration with tickets: the organizer's ticket types, what an event offers, orders
//! (free, paid by transfer or at the door, hidden types behind a code, sale windows, limits)
//! and that no seat is ever sold twice, even to 500 buyers at once.

mod answer_changes;
mod attendees;
mod buyer_cancels;
mod concurrency;
mod dashboard;
mod door;
mod door_notes;
mod door_page;
mod mails;
mod ordering;
mod pages;
mod questions;
mod refunds;
mod settling;
mod transfers;
mod types;
mod waitlist;

use std::time::{Duration, Instant};

use app::api::tickets::{CancelOrder, PlaceOrder, SaveTicketType};
use domain::TicketTypeId;
use domain::tickets::{OrderForm, TicketRequest};

use crate::helpers::{Browser, TestApp};

/// Acme's box office: the published "acme-conf" (in ten days) and its organizer.
pub struct BoxOffice {
    pub app: TestApp,
    pub organizer: Browser,
}

pub async fn box_office() -> BoxOffice {
    box_office_with(&[]).await
}

/// The same with settings of its own (`("smtp_url", …)`).
pub async fn box_office_with(overrides: &[(&str, &str)]) -> BoxOffice {
    let acme = crate::campaigns::acme(overrides).await;
    BoxOffice {
        app: acme.app,
        organizer: acme.organizer,
    }
}

/// The ticket type form for "acme-conf" with `name`, `price` and `capacity`, the rest blank.
pub fn ticket_type(name: &str, price: &str, capacity: &str) -> SaveTicketType {
    SaveTicketType {
        org: "acme".into(),
        event: "acme-conf".into(),
        id: String::new(),
        name: name.into(),
        description: String::new(),
        price: price.into(),
        capacity: capacity.into(),
        sale_starts: String::new(),
        sale_ends: String::new(),
        max_per_order: String::new(),
        access_code: String::new(),
        position: String::new(),
    }
}

impl BoxOffice {
    /// Adds a ticket type through the organizer's form.
    pub async fn given_type(&self, form: SaveTicketType) -> TicketTypeId {
        self.organizer.run(form).await.expect("a ticket type saved")
    }

    /// Sets the event's own capacity.
    pub async fn with_event_capacity(&self, capacity: i64) {
        sqlx::query("UPDATE events SET capacity = $1 WHERE slug = 'acme-conf'")
            .bind(capacity)
            .execute(self.app.db().pool())
            .await
            .expect("capacity set");
    }

    /// Seats counted on ticket type `id`.
    pub async fn sold(&self, id: TicketTypeId) -> i64 {
        sqlx::query_scalar("SELECT sold FROM ticket_types WHERE id = $1")
            .bind(id)
            .fetch_one(self.app.db().pool())
            .await
            .expect("a ticket type")
    }

    /// The organizer cancels the order `code`, confirming when asked.
    pub async fn cancels(&self, code: &str) {
        let cancel = CancelOrder {
            org: "acme".into(),
            event: "acme-conf".into(),
            code: code.into(),
            confirm: "yes".into(),
        };
        self.organizer.run(cancel).await.expect("cancelled");
    }

    /// The summaries of the event history's lines.
    pub async fn history(&self) -> Vec<String> {
        sqlx::query_scalar("SELECT summary FROM event_changes")
            .fetch_all(self.app.db().pool())
            .await
            .expect("the history")
    }

    /// Valid tickets of ticket type `id` in orders that hold seats.
    pub async fn tickets_of(&self, id: TicketTypeId) -> i64 {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM tickets t JOIN orders o ON o.id = t.order_id \
             WHERE t.ticket_type_id = $1 AND t.status = 'valid' \
             AND o.status IN ('paid', 'pending')",
        )
        .bind(id)
        .fetch_one(self.app.db().pool())
        .await
        .expect("a count")
    }
}

/// Waits up to five seconds for a mail to `to` whose text contains `text`.
pub async fn mail_saying(office: &BoxOffice, to: &str, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(mail) = office.app.last_mail_to(to).filter(|m| m.contains(text)) {
            return mail;
        }
        assert!(Instant::now() < deadline, "no mail to {to} saying {text}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An order of `seats` tickets of type `id` by Ada for acme-conf.
pub fn order(id: TicketTypeId, seats: usize) -> PlaceOrder {
    PlaceOrder {
        event: "acme-conf".into(),
        order: OrderForm {
            buyer_name: "Ada Lovelace".into(),
            buyer_email: "ada@example.org".into(),
            tickets: (0..seats)
                .map(|i| TicketRequest {
                    ticket_type: id,
                    name: format!("Attendee {i}"),
                    email: format!("attendee{i}@example.org"),
                    answers: Default::default(),
                })
                .collect(),
            ..OrderForm::default()
        },
    }
}

/// A page's status and text.
pub async fn page(browser: &Browser, path: &str) -> (u16, String) {
    let response = browser.get(path).await;
    let status = response.status().as_u16();
    (status, response.text().await.expect("a page"))
}

/// Where a redirect leads, as a path (the server may answer with a full address).
pub fn location(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), 302, "a redirect");
    let to = response.headers()["location"].to_str().expect("ascii");
    match to.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]).to_owned(),
        None => to.to_owned(),
    }
}

/// Checks the ticket `code` in at acme-conf's door as the page without JavaScript does (the
/// "Check in {name}" button of device "Door 1"); where the server sends the browser next.
pub async fn check_in_by_form(browser: &Browser, code: &str) -> String {
    scan_by_form(browser, code, "in").await
}

/// The same for `direction`, `in` or `out`.
pub async fn scan_by_form(browser: &Browser, code: &str, direction: &str) -> String {
    let checked = browser
        .post_form(
            "door_scan",
            "/manage/acme/events/acme-conf/check-in",
            &[
                ("org", "acme"),
                ("event", "acme-conf"),
                ("device", "Door 1"),
                ("code", code),
                ("direction", direction),
            ],
        )
        .await;
    location(&checked)
}
