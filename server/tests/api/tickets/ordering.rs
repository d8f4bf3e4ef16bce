//! Placing orders: free ones are valid at once, paid ones wait for their payment with their
//! seats held; each refusal (sold out, sale not open or over, a missing or wrong access code,
//! a limit per order, a bad attendee) names its field and keeps what was typed.

use domain::error::AppError;
use domain::tickets::{OrderStatus, PaymentMethod};

use super::{BoxOffice, box_office, order, ticket_type};

async fn stored_order(office: &BoxOffice, code: &str) -> (String, String, i64, Option<i64>) {
    sqlx::query_as(
        "SELECT status, payment_method, total_cents, expires_at FROM orders WHERE code = $1",
    )
    .bind(code)
    .fetch_one(office.app.db().pool())
    .await
    .expect("the order")
}

#[tokio::test]
async fn a_free_order_is_valid_at_once_with_a_ticket_per_attendee() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Community", "", "10")).await;
    let placed = office
        .app
        .browser()
        .run(order(id, 2))
        .await
        .expect("ordered");
    assert_eq!(placed.status, OrderStatus::Paid);
    assert_eq!(placed.payment, PaymentMethod::Free);
    assert_eq!(placed.total_label, "Free");
    assert_eq!(placed.expires_at, None);
    assert_eq!(placed.tickets.len(), 2);
    assert_ne!(placed.tickets[0], placed.tickets[1]);
    assert!(placed.tickets.iter().all(|c| c.len() == 16));
    assert_eq!(office.sold(id).await, 2);
    assert_eq!(office.tickets_of(id).await, 2);
    let names: Vec<(String, String)> =
        sqlx::query_as("SELECT attendee_name, attendee_email FROM tickets WHERE code = $1")
            .bind(&placed.tickets[1])
            .fetch_all(office.app.db().pool())
            .await
            .expect("the ticket");
    assert_eq!(
        names,
        [("Attendee 1".into(), "attendee1@example.org".into())]
    );
}

#[tokio::test]
async fn a_paid_order_waits_for_its_transfer_with_its_seats_held() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "25", "10")).await;
    let visitor = office.app.browser();
    let Err(error) = visitor.run(order(id, 2)).await else {
        panic!("a paid order was placed without a way to pay");
    };
    assert_eq!(
        error.field_message("payment"),
        Some("choose how you will pay")
    );
    assert_eq!(office.sold(id).await, 0, "a refused order holds nothing");

    let mut transfer = order(id, 2);
    transfer.order.payment = "bank_transfer".into();
    let placed = visitor.run(transfer).await.expect("ordered");
    assert_eq!(placed.status, OrderStatus::Pending);
    assert_eq!(placed.total_label, "50.00 EUR");
    let (status, method, total, expires) = stored_order(&office, &placed.code).await;
    assert_eq!(
        (status.as_str(), method.as_str(), total),
        ("pending", "bank_transfer", 5000)
    );
    let deadline = expires.expect("a deadline");
    let in_three_days = services::db::now() + 3 * 86_400;
    assert!((in_three_days - 60..=in_three_days + 60).contains(&deadline));
    assert_eq!(office.sold(id).await, 2, "a pending order holds its seats");

    let mut at_door = order(id, 1);
    at_door.order.payment = "at_door".into();
    let placed = visitor.run(at_door).await.expect("ordered");
    assert_eq!(placed.payment, PaymentMethod::AtDoor);
    assert_eq!(office.sold(id).await, 3);
}

#[tokio::test]
async fn a_hidden_type_needs_its_code() {
    let office = box_office().await;
    let id = office
        .given_type(super::SaveTicketType {
            access_code: "SPEAKERS".into(),
            ..ticket_type("Speaker", "", "")
        })
        .await;
    let visitor = office.app.browser();
    let Err(error) = visitor.run(order(id, 1)).await else {
        panic!("a hidden type was sold without its code");
    };
    assert_eq!(
        error.field_message("access_code"),
        Some("Enter the access code these tickets need.")
    );
    let mut wrong = order(id, 1);
    wrong.order.access_code = "GUESSED".into();
    let Err(error) = visitor.run(wrong).await else {
        panic!("a wrong code unlocked a hidden type");
    };
    assert_eq!(
        error.field_message("access_code"),
        Some("This access code is not valid.")
    );
    assert_eq!(error.kept("access_code"), Some("GUESSED"));
    let mut right = order(id, 1);
    right.order.access_code = "speakers".into();
    visitor.run(right).await.expect("the code unlocks it");
    assert_eq!(office.sold(id).await, 1);
}

#[tokio::test]
async fn a_sale_not_open_or_over_refuses_orders() {
    let office = box_office().await;
    let later = office
        .given_type(super::SaveTicketType {
            sale_starts: "2099-01-01T09:00".into(),
            ..ticket_type("Late", "", "")
        })
        .await;
    let over = office
        .given_type(super::SaveTicketType {
            sale_starts: "2020-01-01T09:00".into(),
            sale_ends: "2020-02-01T09:00".into(),
            ..ticket_type("Early", "", "")
        })
        .await;
    let visitor = office.app.browser();
    let Err(error) = visitor.run(order(later, 1)).await else {
        panic!("a sale not open yet sold a ticket");
    };
    assert_eq!(
        error.field_message("tickets"),
        Some("The sale of “Late” opens 1 Jan 2099, 09:00 CET.")
    );
    let Err(error) = visitor.run(order(over, 1)).await else {
        panic!("a sale that ended sold a ticket");
    };
    assert_eq!(
        error.field_message("tickets"),
        Some("The sale of “Early” has ended.")
    );
}

#[tokio::test]
async fn limits_per_order_per_type_and_per_event_hold() {
    let office = box_office().await;
    let standard = office
        .given_type(super::SaveTicketType {
            max_per_order: "2".into(),
            ..ticket_type("Standard", "", "")
        })
        .await;
    let visitor = office.app.browser();
    let Err(error) = visitor.run(order(standard, 3)).await else {
        panic!("an order passed the limit per order");
    };
    assert_eq!(
        error.field_message("tickets"),
        Some("One order holds at most 2 tickets of “Standard”.")
    );

    let small = office.given_type(ticket_type("Workshop", "", "3")).await;
    visitor.run(order(small, 2)).await.expect("two of three");
    let Err(error) = visitor.run(order(small, 2)).await else {
        panic!("a type was oversold");
    };
    assert_eq!(
        error.field_message("tickets"),
        Some("Only 1 ticket of “Workshop” left: choose fewer.")
    );

    // The event's own capacity holds across its types: 2 taken, 1 left.
    office.with_event_capacity(3).await;
    let Err(error) = visitor.run(order(standard, 2)).await else {
        panic!("the event was oversold");
    };
    assert!(error.field_message("tickets").is_some(), "{error:?}");
    assert_eq!(
        office.sold(standard).await,
        0,
        "the refused order took nothing"
    );
    visitor
        .run(order(standard, 1))
        .await
        .expect("the last seat");
}

#[tokio::test]
async fn bad_attendees_are_named_and_kept() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "", "")).await;
    let mut bad = order(id, 2);
    bad.order.tickets[1].email = "not an address".into();
    bad.order.tickets[0].name = " ".into();
    let Err(error) = office.app.browser().run(bad).await else {
        panic!("an order with bad attendees was placed");
    };
    assert!(error.field_message("tickets.0.name").is_some());
    assert!(error.field_message("tickets.1.email").is_some());
    assert_eq!(error.kept("tickets.1.email"), Some("not an address"));
    assert_eq!(office.sold(id).await, 0);
}

#[tokio::test]
async fn drafts_and_ended_events_take_no_orders() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "", "")).await;
    sqlx::query("UPDATE events SET status = 'draft' WHERE slug = 'acme-conf'")
        .execute(office.app.db().pool())
        .await
        .expect("unpublished");
    assert!(matches!(
        office.app.browser().run(order(id, 1)).await,
        Err(AppError::NotFound(_))
    ));
    sqlx::query(
        "UPDATE events SET status = 'published', starts_at = 1000, ends_at = 2000 \
         WHERE slug = 'acme-conf'",
    )
    .execute(office.app.db().pool())
    .await
    .expect("in the past");
    assert!(matches!(
        office.app.browser().run(order(id, 1)).await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(office.sold(id).await, 0);
}

#[tokio::test]
async fn an_event_that_sells_tickets_cannot_be_joined_around_them() {
    let office = box_office().await;
    office.given_type(ticket_type("Standard", "", "1")).await;
    let Err(error) = office
        .organizer
        .run(app::api::program::JoinEvent {
            slug: "acme-conf".into(),
        })
        .await
    else {
        panic!("a place was taken outside the tickets");
    };
    assert!(matches!(error, AppError::Conflict(_)), "{error:?}");
    let joined: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM registrations")
        .fetch_one(office.app.db().pool())
        .await
        .expect("a count");
    assert_eq!(joined, 0);
}

#[tokio::test]
async fn places_taken_by_joining_before_tickets_count_against_the_capacity() {
    use app::api::program::{JoinEvent, LeaveEvent};
    let office = box_office().await;
    office.with_event_capacity(3).await;
    let join = || JoinEvent {
        slug: "acme-conf".into(),
    };
    let other =
        crate::fixtures::given_user(&office.app, "early@example.org", domain::PlatformRole::None)
            .await;
    let other = crate::fixtures::session_for(&office.app, other).await;
    office.organizer.run(join()).await.expect("joined");
    other.run(join()).await.expect("joined");
    let id = office.given_type(ticket_type("Standard", "", "")).await;

    // Two places were taken by joining: one seat is left for tickets.
    let visitor = office.app.browser();
    let Err(error) = visitor.run(order(id, 2)).await else {
        panic!("the event was oversold");
    };
    assert!(error.field_message("tickets").is_some(), "{error:?}");
    visitor.run(order(id, 1)).await.expect("the last seat");
    // Someone who joined gives their place back: it goes to the ticket buyers.
    other
        .run(LeaveEvent {
            slug: "acme-conf".into(),
        })
        .await
        .expect("left");
    visitor.run(order(id, 1)).await.expect("the freed seat");
    let taken: i64 = sqlx::query_scalar("SELECT taken FROM event_seats")
        .fetch_one(office.app.db().pool())
        .await
        .expect("the event's seats");
    assert_eq!(taken, 3);
}
