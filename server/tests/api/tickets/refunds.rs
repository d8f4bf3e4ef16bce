//! Refunds as the organizer records them: cancelling a paid order owes its total back (the
//! buyer is told), the organizer marks the refund made from the orders list (the buyer is
//! told again, the history says so), and nothing is refunded twice or where nothing is owed.

use app::api::tickets::{ListOrders, MarkOrderPaid, MarkOrderRefunded};
use domain::tickets::OrderLine;

use super::{BoxOffice, box_office, mail_saying, order, ticket_type};

fn org_event() -> (String, String) {
    ("acme".into(), "acme-conf".into())
}

fn refunded(code: &str) -> MarkOrderRefunded {
    let (org, event) = org_event();
    MarkOrderRefunded {
        org,
        event,
        code: code.into(),
    }
}

async fn line(office: &BoxOffice, code: &str) -> OrderLine {
    let (org, event) = org_event();
    let listing = office
        .organizer
        .run(ListOrders {
            org,
            event,
            q: code.into(),
            status: String::new(),
            before: None,
        })
        .await
        .expect("the orders");
    listing.orders.into_iter().next().expect("the order")
}

#[tokio::test]
async fn a_paid_order_cancelled_by_the_organizer_is_refunded_once() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "25", "")).await;
    let mut two = order(id, 2);
    two.order.payment = "bank_transfer".into();
    let placed = office.app.browser().run(two).await.expect("ordered");
    let (org, event) = org_event();
    let code = placed.code.clone();
    office
        .organizer
        .run(MarkOrderPaid {
            org: org.clone(),
            event: event.clone(),
            code: code.clone(),
        })
        .await
        .expect("paid");
    // Nothing is owed yet.
    let early = office
        .organizer
        .run(refunded(&code))
        .await
        .expect_err("nothing owed");
    assert_eq!(
        early.field_message("request"),
        Some("Nothing is owed to this order's buyer.")
    );

    office.cancels(&code).await;
    let owed = line(&office, &code).await;
    assert_eq!(owed.refund_due.as_deref(), Some("50.00 EUR"));
    assert_eq!(owed.refunded, None);
    mail_saying(
        &office,
        "ada@example.org",
        "The organizer owes you 50.00 EUR",
    )
    .await;

    office
        .organizer
        .run(refunded(&code))
        .await
        .expect("refunded");
    let done = line(&office, &code).await;
    assert_eq!(done.refund_due, None);
    assert!(
        done.refunded
            .as_deref()
            .is_some_and(|r| r.starts_with("50.00 EUR on ")),
        "{:?}",
        done.refunded
    );
    mail_saying(&office, "ada@example.org", "sent you 50.00 EUR back").await;
    let history = office.history().await;
    assert!(history.contains(&format!(
        "Cancelled the order {code} (refund due: 50.00 EUR)"
    )));
    assert!(history.contains(&format!("Refunded the order {code} (50.00 EUR)")));

    let twice = office
        .organizer
        .run(refunded(&code))
        .await
        .expect_err("refunded twice");
    assert_eq!(
        twice.field_message("request"),
        Some("Nothing is owed to this order's buyer.")
    );
    assert_eq!(twice.kept("id"), Some(code.as_str()));
}

#[tokio::test]
async fn a_free_order_cancelled_owes_nothing() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Community", "", "")).await;
    let placed = office
        .app
        .browser()
        .run(order(id, 1))
        .await
        .expect("ordered");
    office.cancels(&placed.code).await;
    let cancelled = line(&office, &placed.code).await;
    assert_eq!((cancelled.refund_due, cancelled.refunded), (None, None));
    assert!(office.organizer.run(refunded(&placed.code)).await.is_err());
}
