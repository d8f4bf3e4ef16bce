//! Waitlists of sold-out types: only a sold-out type takes one, a freed seat is offered to
//! the first in line in the transaction that freed it (held, so no buyer snatches it), an
//! offer is claimed once, and one left unclaimed or given up passes to the next in line.

use app::api::waitlist::{ClaimWaitlistSeat, DeclineWaitlistSeat, JoinWaitlist};
use domain::TicketTypeId;

use super::{BoxOffice, box_office, box_office_with, mail_saying, order, page, ticket_type};

fn join(id: TicketTypeId, name: &str, email: &str) -> JoinWaitlist {
    JoinWaitlist {
        event: "acme-conf".into(),
        ticket_type: id,
        name: name.into(),
        email: email.into(),
        code: String::new(),
    }
}

fn claim(code: &str, name: &str, payment: &str) -> ClaimWaitlistSeat {
    ClaimWaitlistSeat {
        code: code.into(),
        name: name.into(),
        payment: payment.into(),
    }
}

/// A type of one seat, sold to Ada; the code of her order.
async fn sold_out(office: &BoxOffice, price: &str) -> (TicketTypeId, String) {
    let id = office.given_type(ticket_type("Workshop", price, "1")).await;
    let mut first = order(id, 1);
    if !price.is_empty() {
        first.order.payment = "at_door".into();
    }
    let placed = office
        .app
        .browser()
        .run(first)
        .await
        .expect("the last seat");
    (id, placed.code)
}

/// Waits for the offer mailed to `to`; the code of its link.
async fn offer_to(office: &BoxOffice, to: &str) -> String {
    let mail = mail_saying(office, to, "/waitlist/").await;
    let at = mail.find("/waitlist/").expect("a link") + "/waitlist/".len();
    mail[at..at + 16].to_owned()
}

async fn status_of(office: &BoxOffice, email: &str) -> String {
    sqlx::query_scalar("SELECT status FROM waitlist_entries WHERE email = $1")
        .bind(email)
        .fetch_one(office.app.db().pool())
        .await
        .expect("a place in line")
}

#[tokio::test]
async fn a_freed_seat_is_held_for_the_first_in_line_who_claims_it_once() {
    let office = box_office().await;
    let (id, ada) = sold_out(&office, "").await;
    let open = office.given_type(ticket_type("Standard", "", "")).await;
    let visitor = office.app.browser();
    let Err(on_sale) = visitor
        .run(join(open, "Grace Hopper", "grace@example.org"))
        .await
    else {
        panic!("a type on sale took a waitlist");
    };
    assert_eq!(
        on_sale.field_message("request"),
        Some("“Standard” is on sale again: order a ticket instead.")
    );
    let first = visitor
        .run(join(id, "Grace Hopper", "grace@example.org"))
        .await;
    assert_eq!(first.expect("in line"), 1);
    let Err(twice) = visitor.run(join(id, "Grace H.", "grace@example.org")).await else {
        panic!("one address joined the line twice");
    };
    assert!(
        twice
            .field_message("email")
            .is_some_and(|m| m.contains("already"))
    );
    assert_eq!(twice.kept("name"), Some("Grace H."));
    let second = visitor
        .run(join(id, "Katherine Johnson", "kj@example.org"))
        .await;
    assert_eq!(second.expect("in line"), 2);
    let (_, listed) = page(&office.organizer, "/manage/acme/events/acme-conf/tickets").await;
    assert!(listed.contains("2 on the waitlist"));

    office.cancels(&ada).await;
    assert_eq!(office.sold(id).await, 1, "the freed seat is held for Grace");
    let Err(snatched) = visitor.run(order(id, 1)).await else {
        panic!("a buyer took the seat offered to the first in line");
    };
    assert!(
        snatched
            .field_message("tickets")
            .is_some_and(|m| m.contains("sold out"))
    );
    assert_eq!(status_of(&office, "kj@example.org").await, "waiting");

    let code = offer_to(&office, "grace@example.org").await;
    let (status, offer) = page(&visitor, &format!("/waitlist/{code}")).await;
    assert_eq!(status, 200);
    assert!(offer.contains("A seat is yours") && offer.contains("Claim the seat"));
    let link = visitor
        .run(claim(&code, "Grace Hopper", ""))
        .await
        .expect("claimed");
    assert_eq!(
        office.sold(id).await,
        1,
        "the order took over the held seat"
    );
    assert_eq!(office.tickets_of(id).await, 1);
    assert_eq!(status_of(&office, "grace@example.org").await, "claimed");
    mail_saying(&office, "grace@example.org", "Your tickets").await;
    let (_, order_page) = page(&visitor, &format!("/orders/{link}")).await;
    assert!(order_page.contains("Grace Hopper"));

    let Err(again) = visitor.run(claim(&code, "Grace Hopper", "")).await else {
        panic!("an offer was claimed twice");
    };
    assert!(again.to_string().contains("claimed this seat already"));
    assert_eq!(office.tickets_of(id).await, 1);
}

#[tokio::test]
async fn an_offer_left_unclaimed_or_given_up_passes_to_the_next_in_line() {
    let office = box_office_with(&[("ticket_check_secs", "1")]).await;
    let (id, ada) = sold_out(&office, "").await;
    let visitor = office.app.browser();
    for (name, email) in [
        ("Grace Hopper", "grace@example.org"),
        ("Katherine Johnson", "kj@example.org"),
    ] {
        visitor.run(join(id, name, email)).await.expect("in line");
    }
    office.cancels(&ada).await;
    let grace = offer_to(&office, "grace@example.org").await;
    sqlx::query("UPDATE waitlist_entries SET offered_until = $1 WHERE email = 'grace@example.org'")
        .bind(services::db::now() - 1)
        .execute(office.app.db().pool())
        .await
        .expect("the deadline passed");

    let katherine = offer_to(&office, "kj@example.org").await;
    assert_eq!(status_of(&office, "grace@example.org").await, "lapsed");
    assert_eq!(office.sold(id).await, 1, "the seat passed on, still held");
    let Err(late) = visitor.run(claim(&grace, "Grace Hopper", "")).await else {
        panic!("a lapsed offer was claimed");
    };
    assert!(late.to_string().contains("lapsed"));
    let (_, lapsed) = page(&visitor, &format!("/waitlist/{grace}")).await;
    assert!(lapsed.contains("This offer has lapsed"));

    let give_up = |confirm: &str| DeclineWaitlistSeat {
        code: katherine.clone(),
        confirm: confirm.into(),
    };
    let Err(asked) = visitor.run(give_up("")).await else {
        panic!("given up without asking");
    };
    assert!(asked.field_message("confirm").is_some());
    assert_eq!(status_of(&office, "kj@example.org").await, "offered");
    visitor.run(give_up("yes")).await.expect("given up");
    assert_eq!(status_of(&office, "kj@example.org").await, "declined");
    assert_eq!(
        office.sold(id).await,
        0,
        "nobody waits: the seat is on sale again"
    );
    visitor.run(order(id, 1)).await.expect("a buyer gets it");
}

#[tokio::test]
async fn a_raised_capacity_offers_its_new_seats_to_the_line_at_once() {
    let office = box_office().await;
    let (id, _) = sold_out(&office, "").await;
    let visitor = office.app.browser();
    visitor
        .run(join(id, "Grace Hopper", "grace@example.org"))
        .await
        .expect("in line");
    let mut wider = ticket_type("Workshop", "", "2");
    wider.id = id.to_string();
    office.organizer.run(wider).await.expect("saved");
    assert_eq!(status_of(&office, "grace@example.org").await, "offered");
    assert_eq!(office.sold(id).await, 2);
    offer_to(&office, "grace@example.org").await;
}

#[tokio::test]
async fn a_seat_the_event_editor_adds_is_offered_within_a_tick() {
    let office = box_office_with(&[("ticket_check_secs", "1")]).await;
    office.with_event_capacity(1).await;
    let id = office.given_type(ticket_type("Standard", "", "")).await;
    let visitor = office.app.browser();
    visitor
        .run(order(id, 1))
        .await
        .expect("the event's last seat");
    visitor
        .run(join(id, "Grace Hopper", "grace@example.org"))
        .await
        .expect("in line: the event is full");
    office.with_event_capacity(2).await;
    offer_to(&office, "grace@example.org").await;
    assert_eq!(status_of(&office, "grace@example.org").await, "offered");
    let Err(full) = visitor.run(order(id, 1)).await else {
        panic!("a buyer took the seat offered to the first in line");
    };
    assert!(full.field_message("tickets").is_some());
}

#[tokio::test]
async fn bad_input_is_named_next_to_its_field_and_kept() {
    let office = box_office().await;
    let (id, ada) = sold_out(&office, "25").await;
    let visitor = office.app.browser();
    let Err(bad) = visitor.run(join(id, " ", "not an address")).await else {
        panic!("a blank name joined the line");
    };
    assert!(bad.field_message("name").is_some());
    assert!(bad.field_message("email").is_some());
    assert_eq!(bad.kept("email"), Some("not an address"));
    assert_eq!(bad.kept("id"), Some(id.to_string().as_str()));
    visitor
        .run(join(id, "Grace Hopper", "grace@example.org"))
        .await
        .expect("in line");
    office.cancels(&ada).await;
    let code = offer_to(&office, "grace@example.org").await;
    let Err(unpaid) = visitor.run(claim(&code, "", "")).await else {
        panic!("a priced seat was claimed without a name or a way to pay");
    };
    assert!(unpaid.field_message("name").is_some());
    assert_eq!(
        unpaid.field_message("payment"),
        Some("choose how you will pay")
    );
    assert_eq!(status_of(&office, "grace@example.org").await, "offered");
    let link = visitor
        .run(claim(&code, "Grace Hopper", "bank_transfer"))
        .await
        .expect("claimed");
    assert!(!link.is_empty());
    let pending: String =
        sqlx::query_scalar("SELECT status FROM orders WHERE buyer_email = 'grace@example.org'")
            .fetch_one(office.app.db().pool())
            .await
            .expect("her order");
    assert_eq!(pending, "pending", "a transfer waits for its payment");
    let (status, _) = page(&visitor, "/waitlist/AAAAAAAAAAAAAAAA").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_pending_transfer_is_reminded_once_and_a_paid_one_never() {
    let office = box_office_with(&[("ticket_check_secs", "1")]).await;
    let id = office.given_type(ticket_type("Standard", "25", "")).await;
    let mut transfer = order(id, 1);
    transfer.order.payment = "bank_transfer".into();
    let pending = office
        .app
        .browser()
        .run(transfer.clone())
        .await
        .expect("ordered");
    transfer.order.buyer_email = "paid@example.org".into();
    let paid = office.app.browser().run(transfer).await.expect("ordered");
    office
        .organizer
        .run(app::api::tickets::MarkOrderPaid {
            org: "acme".into(),
            event: "acme-conf".into(),
            code: paid.code.clone(),
        })
        .await
        .expect("paid");
    let due: Option<i64> = sqlx::query_scalar("SELECT remind_at FROM orders WHERE code = $1")
        .bind(&pending.code)
        .fetch_one(office.app.db().pool())
        .await
        .expect("the order");
    assert!(due.is_some(), "a transfer three days long is reminded");
    sqlx::query("UPDATE orders SET remind_at = $1")
        .bind(services::db::now() - 1)
        .execute(office.app.db().pool())
        .await
        .expect("due now");
    let reminder = mail_saying(&office, "ada@example.org", "Payment reminder").await;
    assert!(reminder.contains(&pending.code));
    let left: Option<i64> = sqlx::query_scalar("SELECT remind_at FROM orders WHERE code = $1")
        .bind(&pending.code)
        .fetch_one(office.app.db().pool())
        .await
        .expect("the order");
    assert_eq!(left, None, "reminded once");
    let paid_mail = office
        .app
        .last_mail_to("paid@example.org")
        .unwrap_or_default();
    assert!(
        !paid_mail.contains("Payment reminder"),
        "a paid order is not reminded"
    );
}
