//! The mails about an order, through a real SMTP server: the buyer's confirmation with every
//! ticket, each other attendee's own ticket, links that open without signing in, a message
//! the server refuses sent again later, and the organizer sending an order's mails again.

use app::api::tickets::ResendOrderMails;
use domain::PlatformRole;
use domain::error::AppError;
use services::db::ticket_mails;

use super::{box_office_with, order, ticket_type};
use crate::fixtures::{given_user, session_for};
use crate::smtp::{SmtpSink, recipient};

/// The path of the first link to `prefix` in `message` (`/tickets/…`).
fn path_of(message: &str, prefix: &str) -> String {
    let start = message
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {message}"));
    message[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .expect("a link")
        .to_owned()
}

#[tokio::test]
async fn the_buyer_gets_every_ticket_and_each_attendee_their_own() {
    let sink = SmtpSink::start();
    let office = box_office_with(&[("smtp_url", &sink.url())]).await;
    let id = office.given_type(ticket_type("Community", "", "")).await;
    let visitor = office.app.browser();
    let mut two = order(id, 2);
    two.order.tickets[0].email = "ada@example.org".into();
    let placed = visitor.run(two).await.expect("ordered");

    let confirmation = sink.wait_for_mail_to("ada@example.org").await;
    assert!(confirmation.contains(&format!(
        "Subject: Your order {} for Acme Conf",
        placed.code
    )));
    for code in &placed.tickets {
        assert!(
            confirmation.contains(&format!("/tickets/{code}")),
            "{confirmation}"
        );
    }
    assert!(confirmation.contains(&format!("/orders/{}", placed.link)));
    let ticket = sink.wait_for_mail_to("attendee1@example.org").await;
    assert!(ticket.contains(&format!("/tickets/{}", placed.tickets[1])));
    assert!(
        !ticket.contains(&placed.tickets[0]),
        "only their own ticket"
    );
    // The buyer is also the first attendee: one mail for them, not two.
    sink.wait_for_count(2, 5).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.count(), 2);

    // The links open without signing in.
    let link = path_of(&ticket, "/tickets/");
    let page = visitor.get(&link).await;
    assert_eq!(page.status(), 200, "{link}");
    let order_path = path_of(&confirmation, "/orders/");
    assert_eq!(visitor.get(&order_path).await.status(), 200, "{order_path}");
}

#[tokio::test]
async fn a_message_the_server_refuses_is_sent_again_later() {
    let sink = SmtpSink::start_with(&["--transient-first"]);
    let office = box_office_with(&[
        ("smtp_url", &sink.url()),
        ("ticket_mail_retry_secs", "1"),
        ("ticket_check_secs", "1"),
    ])
    .await;
    let id = office.given_type(ticket_type("Community", "", "")).await;
    let mut mine = order(id, 1);
    mine.order.tickets[0].email = "ada@example.org".into();
    office.app.browser().run(mine).await.expect("ordered");
    let confirmation = sink.wait_for_mail_to("ada@example.org").await;
    assert!(confirmation.contains("thank you for your order"));
    // The sink has the message before the worker writes that it was sent: wait for that.
    let mut row: (i64, Option<i64>) = (0, None);
    for _ in 0..50 {
        row = sqlx::query_as("SELECT attempts, sent_at FROM ticket_mails")
            .fetch_one(office.app.db().pool())
            .await
            .expect("the mail");
        if row.1.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (attempts, sent) = row;
    assert_eq!(attempts, 2, "refused once, then sent");
    assert!(sent.is_some(), "marked sent");
    // Claimed once sent, it is not claimed again.
    let again = ticket_mails::claim_due(office.app.db(), services::db::now() + 3600, 60, 10, 20)
        .await
        .expect("a claim");
    assert!(again.is_empty());
}

#[tokio::test]
async fn the_organizer_sends_an_orders_mails_again_as_its_tickets_are_now() {
    let sink = SmtpSink::start();
    let office = box_office_with(&[("smtp_url", &sink.url())]).await;
    let id = office.given_type(ticket_type("Community", "", "")).await;
    let mut two = order(id, 2);
    two.order.tickets[0].email = "ada@example.org".into();
    let placed = office.app.browser().run(two).await.expect("ordered");
    sink.wait_for_count(2, 5).await;
    let resend = |code: &str| ResendOrderMails {
        org: "acme".into(),
        event: "acme-conf".into(),
        code: code.into(),
    };

    office
        .organizer
        .run(resend(&placed.code))
        .await
        .expect("sent again");
    // The confirmation and the other attendee's ticket, once more each.
    sink.wait_for_count(4, 5).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.count(), 4);
    let to = |who: &str| {
        sink.messages()
            .iter()
            .filter(|m| recipient(m).as_deref() == Some(who))
            .count()
    };
    assert_eq!((to("ada@example.org"), to("attendee1@example.org")), (2, 2));
    assert!(office.history().await.contains(&format!(
        "Sent the mails of the order {} again",
        placed.code
    )));

    // Someone outside the organization finds no such order; a closed one sends nothing.
    let outsider = given_user(&office.app, "outsider@example.org", PlatformRole::None).await;
    let outsider = session_for(&office.app, outsider).await;
    assert!(matches!(
        outsider.run(resend(&placed.code)).await,
        Err(AppError::NotFound(_))
    ));
    office.cancels(&placed.code).await;
    let closed = office
        .organizer
        .run(resend(&placed.code))
        .await
        .expect_err("closed");
    // Shown in that order's row of the list.
    assert!(
        closed
            .field_message("request")
            .is_some_and(|m| m.contains("This order is closed")),
        "{closed:?}"
    );
    assert_eq!(closed.kept("id"), Some(placed.code.as_str()));
    sink.wait_for_count(5, 5).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.count(), 5, "only the buyer's news of the cancellation");
}
