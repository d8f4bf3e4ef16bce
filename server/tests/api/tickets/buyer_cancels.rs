//! A buyer cancels their own order from its page: a free or unpaid one until the event
//! starts, a paid one only within the event's refund window (the refund owed is recorded for
//! the organizer); its seats go to the waitlist first, and the event's history says so.

use app::api::tickets::{CancelMyOrder, MarkOrderPaid, SetEventPayment};
use app::api::waitlist::JoinWaitlist;
use domain::error::AppError;

use super::{BoxOffice, box_office, mail_saying, order, page, ticket_type};

fn cancel(link: &str, confirm: &str) -> CancelMyOrder {
    CancelMyOrder {
        link: link.into(),
        confirm: confirm.into(),
    }
}

async fn refund_window(office: &BoxOffice, days: &str) -> Result<(), AppError> {
    office
        .organizer
        .run(SetEventPayment {
            org: "acme".into(),
            event: "acme-conf".into(),
            currency: "EUR".into(),
            instructions: String::new(),
            offer_hours: String::new(),
            refund_days: days.into(),
        })
        .await
}

async fn order_status(office: &BoxOffice, code: &str) -> (String, i64) {
    sqlx::query_as("SELECT status, refund_due_cents FROM orders WHERE code = $1")
        .bind(code)
        .fetch_one(office.app.db().pool())
        .await
        .expect("the order")
}

#[tokio::test]
async fn a_free_order_is_cancelled_by_its_buyer_after_asking_and_its_seat_offered_on() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "", "2")).await;
    let buyer = office.app.browser();
    let placed = buyer.run(order(id, 2)).await.expect("the last seats");
    buyer
        .run(JoinWaitlist {
            event: "acme-conf".into(),
            ticket_type: id,
            name: "Grace Hopper".into(),
            email: "grace@example.org".into(),
            code: String::new(),
        })
        .await
        .expect("in line");
    let (_, shown) = page(&buyer, &format!("/orders/{}", placed.link)).await;
    assert!(shown.contains("Cannot come? Cancel the order"));

    let Err(asked) = buyer.run(cancel(&placed.link, "")).await else {
        panic!("cancelled without asking");
    };
    assert!(asked.field_message("confirm").is_some());
    assert_eq!(order_status(&office, &placed.code).await.0, "paid");
    buyer
        .run(cancel(&placed.link, "yes"))
        .await
        .expect("cancelled");

    assert_eq!(
        order_status(&office, &placed.code).await,
        ("cancelled".into(), 0)
    );
    assert_eq!(
        office.tickets_of(id).await,
        0,
        "its tickets stopped working"
    );
    assert_eq!(
        office.sold(id).await,
        1,
        "one seat freed, one held for Grace"
    );
    let offered: String =
        sqlx::query_scalar("SELECT status FROM waitlist_entries WHERE email = 'grace@example.org'")
            .fetch_one(office.app.db().pool())
            .await
            .expect("her place");
    assert_eq!(offered, "offered");
    mail_saying(&office, "ada@example.org", "you cancelled your order").await;
    let history: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM event_changes WHERE summary = $1 AND user_id IS NULL",
    )
    .bind(format!("The buyer cancelled the order {}", placed.code))
    .fetch_one(office.app.db().pool())
    .await
    .expect("the history");
    assert_eq!(history, 1);

    let Err(again) = buyer.run(cancel(&placed.link, "yes")).await else {
        panic!("an order was cancelled twice");
    };
    assert_eq!(
        again,
        AppError::Conflict("This order is already closed.".into())
    );
    let (_, closed) = page(&buyer, &format!("/orders/{}", placed.link)).await;
    assert!(closed.contains("This order was cancelled"));
    assert!(!closed.contains("Cannot come?"));
}

#[tokio::test]
async fn a_paid_order_is_refunded_only_within_the_events_window() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "25", "")).await;
    let buyer = office.app.browser();
    let mut transfer = order(id, 1);
    transfer.order.payment = "bank_transfer".into();
    let placed = buyer.run(transfer).await.expect("ordered");
    office
        .organizer
        .run(MarkOrderPaid {
            org: "acme".into(),
            event: "acme-conf".into(),
            code: placed.code.clone(),
        })
        .await
        .expect("paid");

    let no_refunds = "This event does not refund paid orders here; write to the organizer.";
    let Err(refused) = buyer.run(cancel(&placed.link, "yes")).await else {
        panic!("a paid order was cancelled without a refund window");
    };
    assert_eq!(refused, AppError::Conflict(no_refunds.into()));
    let (_, shown) = page(&buyer, &format!("/orders/{}", placed.link)).await;
    assert!(shown.contains(no_refunds) && !shown.contains("Cannot come?"));

    let Err(bad) = refund_window(&office, "a week").await else {
        panic!("a refund window in words was saved");
    };
    assert!(bad.field_message("refund_days").is_some());
    assert_eq!(bad.kept("refund_days"), Some("a week"));
    refund_window(&office, "30").await.expect("saved");
    let Err(late) = buyer.run(cancel(&placed.link, "yes")).await else {
        panic!("a paid order was cancelled after its window (the event is in ten days)");
    };
    assert!(late.to_string().contains("up to 30 days before the event"));
    assert_eq!(order_status(&office, &placed.code).await.0, "paid");

    refund_window(&office, "7").await.expect("saved");
    let (_, shown) = page(&buyer, &format!("/orders/{}", placed.link)).await;
    assert!(shown.contains("the organizer refunds you 25.00 EUR"));
    buyer
        .run(cancel(&placed.link, "yes"))
        .await
        .expect("cancelled");
    assert_eq!(
        order_status(&office, &placed.code).await,
        ("cancelled".into(), 2_500)
    );
    assert_eq!(office.sold(id).await, 0);
    mail_saying(
        &office,
        "ada@example.org",
        "The organizer owes you 25.00 EUR",
    )
    .await;
    let (_, console) = page(&office.organizer, "/manage/acme/events/acme-conf/orders").await;
    assert!(console.contains("Refund due: 25.00 EUR"));
}

#[tokio::test]
async fn an_unpaid_order_is_cancelled_without_a_refund_and_a_forged_link_finds_nothing() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "25", "")).await;
    let buyer = office.app.browser();
    let mut transfer = order(id, 2);
    transfer.order.payment = "bank_transfer".into();
    let placed = buyer.run(transfer).await.expect("ordered");

    let mut forged = placed.link.clone();
    let last = if forged.ends_with('A') { 'B' } else { 'A' };
    forged.pop();
    forged.push(last);
    let Err(unknown) = buyer.run(cancel(&forged, "yes")).await else {
        panic!("a forged link cancelled an order");
    };
    assert!(matches!(unknown, AppError::NotFound(_)));
    assert_eq!(order_status(&office, &placed.code).await.0, "pending");

    buyer
        .run(cancel(&placed.link, "yes"))
        .await
        .expect("cancelled");
    assert_eq!(
        order_status(&office, &placed.code).await,
        ("cancelled".into(), 0)
    );
    assert_eq!(office.sold(id).await, 0, "its held seats are free again");
}
