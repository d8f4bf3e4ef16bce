//! After an order is placed: the organizer marks a transfer paid or cancels an order (its
//! seats freed, its buyer told, the event's history written), a pending order past its
//! deadline expires by itself, and the orders are listed, searched and filtered.

use std::time::{Duration, Instant};

use app::api::tickets::{CancelOrder, ListOrders, MarkOrderPaid};
use domain::error::AppError;
use domain::tickets::OrderStatus;

use super::{BoxOffice, box_office, box_office_with, mail_saying, order, ticket_type};

fn mark_paid(code: &str) -> MarkOrderPaid {
    MarkOrderPaid {
        org: "acme".into(),
        event: "acme-conf".into(),
        code: code.into(),
    }
}

fn cancel(code: &str, confirm: &str) -> CancelOrder {
    CancelOrder {
        org: "acme".into(),
        event: "acme-conf".into(),
        code: code.into(),
        confirm: confirm.into(),
    }
}

async fn status_of(office: &BoxOffice, code: &str) -> String {
    sqlx::query_scalar("SELECT status FROM orders WHERE code = $1")
        .bind(code)
        .fetch_one(office.app.db().pool())
        .await
        .expect("the order")
}

#[tokio::test]
async fn a_transfer_marked_paid_makes_the_tickets_valid_and_tells_the_buyer() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "25", "")).await;
    let mut transfer = order(id, 1);
    transfer.order.payment = "bank_transfer".into();
    let placed = office.app.browser().run(transfer).await.expect("ordered");

    office
        .organizer
        .run(mark_paid(&placed.code))
        .await
        .expect("marked paid");
    assert_eq!(status_of(&office, &placed.code).await, "paid");
    let ticket = office
        .app
        .browser()
        .get(&format!("/tickets/{}", placed.tickets[0]))
        .await;
    assert!(
        !ticket
            .text()
            .await
            .expect("a page")
            .contains("Not paid yet")
    );
    mail_saying(
        &office,
        "ada@example.org",
        "the organizer received your payment",
    )
    .await;
    let history = office.history().await;
    assert!(history.contains(&format!("Marked paid the order {}", placed.code)));
    // Twice is refused, with the reason for the order's row, and an unknown order too.
    let Err(twice) = office.organizer.run(mark_paid(&placed.code)).await else {
        panic!("marked paid twice");
    };
    assert_eq!(
        twice.field_message("request"),
        Some("This order is not waiting for a payment.")
    );
    assert_eq!(twice.kept("id"), Some(placed.code.as_str()));
    assert!(matches!(
        office.organizer.run(mark_paid("NOSUCHORDER")).await,
        Err(AppError::NotFound(_))
    ));
}

#[tokio::test]
async fn a_cancelled_order_frees_its_seats_after_asking_first() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Workshop", "", "2")).await;
    let visitor = office.app.browser();
    let placed = visitor.run(order(id, 2)).await.expect("ordered");
    assert!(visitor.run(order(id, 1)).await.is_err(), "sold out");

    let Err(asked) = office.organizer.run(cancel(&placed.code, "")).await else {
        panic!("cancelled without asking");
    };
    assert!(asked.field_message("confirm").is_some());
    assert_eq!(office.sold(id).await, 2, "nothing changed yet");

    office
        .organizer
        .run(cancel(&placed.code, "yes"))
        .await
        .expect("cancelled");
    assert_eq!(status_of(&office, &placed.code).await, "cancelled");
    assert_eq!(office.sold(id).await, 0);
    let taken: i64 = sqlx::query_scalar("SELECT taken FROM event_seats")
        .fetch_one(office.app.db().pool())
        .await
        .expect("the event's seats");
    assert_eq!(taken, 0);
    let ticket = visitor
        .get(&format!("/tickets/{}", placed.tickets[0]))
        .await;
    assert!(
        ticket
            .text()
            .await
            .expect("a page")
            .contains("no longer valid")
    );
    mail_saying(&office, "ada@example.org", "your order was cancelled").await;
    visitor
        .run(order(id, 2))
        .await
        .expect("the seats are free again");
}

#[tokio::test]
async fn an_overdue_order_expires_by_itself_and_frees_its_seats() {
    let office = box_office_with(&[("ticket_check_secs", "1")]).await;
    let id = office.given_type(ticket_type("Standard", "25", "5")).await;
    let mut transfer = order(id, 2);
    transfer.order.payment = "bank_transfer".into();
    let placed = office.app.browser().run(transfer).await.expect("ordered");
    assert_eq!(office.sold(id).await, 2);
    sqlx::query("UPDATE orders SET expires_at = $1 WHERE code = $2")
        .bind(services::db::now() - 1)
        .bind(&placed.code)
        .execute(office.app.db().pool())
        .await
        .expect("overdue");
    let deadline = Instant::now() + Duration::from_secs(5);
    while status_of(&office, &placed.code).await != "expired" {
        assert!(Instant::now() < deadline, "the order did not expire");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(office.sold(id).await, 0);
    let valid: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tickets WHERE status = 'valid'")
        .fetch_one(office.app.db().pool())
        .await
        .expect("a count");
    assert_eq!(valid, 0, "an expired order's tickets let nobody in");
    mail_saying(
        &office,
        "ada@example.org",
        "it expired and its seats were freed",
    )
    .await;
}

#[tokio::test]
async fn orders_are_listed_newest_first_searched_and_filtered() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "25", "")).await;
    let visitor = office.app.browser();
    let mut codes = Vec::new();
    for (name, payment) in [
        ("Grace Hopper", "bank_transfer"),
        ("Alan Turing", "at_door"),
    ] {
        let mut one = order(id, 1);
        one.order.buyer_name = name.into();
        one.order.payment = payment.into();
        codes.push(visitor.run(one).await.expect("ordered").code);
    }
    office
        .organizer
        .run(mark_paid(&codes[1]))
        .await
        .expect("paid");
    let list = |q: &str, status: &str| ListOrders {
        org: "acme".into(),
        event: "acme-conf".into(),
        q: q.into(),
        status: status.into(),
        before: None,
    };
    let all = office
        .organizer
        .run(list("", ""))
        .await
        .expect("the orders");
    let names: Vec<&str> = all.orders.iter().map(|o| o.buyer_name.as_str()).collect();
    assert_eq!(names, ["Alan Turing", "Grace Hopper"]);
    assert_eq!(all.next, None);
    let found = office
        .organizer
        .run(list("hopper", ""))
        .await
        .expect("found");
    assert_eq!(found.orders.len(), 1);
    assert_eq!(found.orders[0].code, codes[0]);
    let by_code = office
        .organizer
        .run(list(&codes[0].to_lowercase(), ""))
        .await
        .expect("found");
    assert_eq!(by_code.orders.len(), 1);
    let paid = office
        .organizer
        .run(list("", "paid"))
        .await
        .expect("paid ones");
    assert_eq!(paid.orders.len(), 1);
    assert_eq!(paid.orders[0].status, OrderStatus::Paid);
    let none = office.organizer.run(list("100%", "")).await.expect("none");
    assert!(none.orders.is_empty(), "a % matches itself");
}
