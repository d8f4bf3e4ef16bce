//! Attendees pass their ticket on from its page: after confirming the new holder's address,
//! the ticket takes their name under a new code mailed to them; the old link says it was
//! passed on and its answers (consents included) are gone. Refused with the field named and
//! what was typed kept, and never for a void, used or past ticket, nor twice at once.

use app::api::tickets::{GetOrder, GetTicket, TransferTicket};
use domain::error::AppError;

use super::questions::{answers, asking, vegan_order};
use super::{box_office, box_office_with, check_in_by_form, order, ticket_type};
use crate::smtp::SmtpSink;

fn pass_on(code: &str, name: &str, email: &str, confirm: &str) -> TransferTicket {
    TransferTicket {
        code: code.into(),
        name: name.into(),
        email: email.into(),
        confirm: confirm.into(),
    }
}

fn conflict(error: AppError) -> String {
    match error {
        AppError::Conflict(message) => message,
        other => panic!("not a conflict: {other:?}"),
    }
}

#[tokio::test]
async fn a_ticket_passed_on_goes_to_the_new_holder_under_a_new_code() {
    let sink = SmtpSink::start();
    let office = box_office_with(&[("smtp_url", &sink.url())]).await;
    let (id, [diet, _, consent]) = asking(&office).await;
    let mut placing = order(id, 1);
    placing.order.tickets[0].answers = answers(&[
        (format!("q{diet}"), "Vegan"),
        (format!("q{consent}"), "yes"),
    ]);
    let visitor = office.app.browser();
    let placed = visitor.run(placing).await.expect("ordered");
    let old = placed.tickets[0].clone();
    let ticket = visitor.run(GetTicket { code: old.clone() }).await;
    assert!(ticket.expect("the ticket").transferable);

    // A bad address is named, with what was typed kept.
    let refused = visitor
        .run(pass_on(&old, "Grace Hopper", "grace@", ""))
        .await
        .expect_err("a bad address");
    assert!(refused.field_message("email").is_some());
    assert_eq!(refused.kept("name"), Some("Grace Hopper"));
    // A good one is asked about first; an address changed after the question, again.
    let asked = visitor
        .run(pass_on(&old, "Grace Hopper", "grace@example.org", ""))
        .await
        .expect_err("asked first");
    let question = asked.field_message("confirm").expect("a question");
    assert!(
        question.contains("Grace Hopper (grace@example.org)"),
        "{question}"
    );
    assert_eq!(asked.kept("email"), Some("grace@example.org"));
    let again = visitor
        .run(pass_on(
            &old,
            "Grace Hopper",
            "grace@example.com",
            "grace@example.org",
        ))
        .await
        .expect_err("asked again");
    assert!(again.field_message("confirm").is_some());
    assert!(visitor.run(GetTicket { code: old.clone() }).await.is_ok());

    visitor
        .run(pass_on(
            &old,
            "Grace Hopper",
            "grace@example.org",
            "grace@example.org",
        ))
        .await
        .expect("passed on");

    // The old link says what became of it, and cannot pass it on again.
    let gone = conflict(
        visitor
            .run(GetTicket { code: old.clone() })
            .await
            .expect_err("refused"),
    );
    assert!(gone.contains("was passed on to another attendee"), "{gone}");
    let twice = visitor
        .run(pass_on(&old, "Eve", "eve@example.org", "eve@example.org"))
        .await
        .expect_err("the old code is gone");
    assert!(conflict(twice).contains("was passed on"));

    // The new holder gets it by mail, under a new code, with no answers of the old holder's.
    let mail = sink.wait_for_mail_to("grace@example.org").await;
    assert!(mail.contains("Subject: A ticket for Acme Conf was passed on to you"));
    let new = mail
        .split("/tickets/")
        .nth(1)
        .and_then(|rest| rest.get(..16))
        .expect("a ticket link")
        .to_owned();
    assert_ne!(new, old);
    let theirs = visitor
        .run(GetTicket { code: new.clone() })
        .await
        .expect("the new code opens it");
    assert_eq!(theirs.attendee, "Grace Hopper");
    let sheet = theirs.answers.expect("questions are asked");
    assert!(sheet.given.is_empty(), "{:?}", sheet.given);
    assert!(sheet.open_until.is_some(), "the new holder answers");

    // The buyer's order shows the new holder; the history names the order, not the people.
    let view = visitor
        .run(GetOrder { link: placed.link })
        .await
        .expect("the order");
    assert_eq!(view.tickets[0].attendee, "Grace Hopper");
    assert_eq!(view.tickets[0].code, new);
    let history = office.history().await;
    assert!(history.contains(&format!(
        "A ticket of the order {} was passed on",
        placed.code
    )));
    assert!(
        history
            .iter()
            .all(|l| !l.contains("grace") && !l.contains(&old))
    );
}

#[tokio::test]
async fn void_used_and_past_tickets_are_not_passed_on() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Community", "", "")).await;
    let visitor = office.app.browser();
    let placed = visitor.run(order(id, 3)).await.expect("ordered");
    let [used, ended, _] = [0, 1, 2].map(|i| placed.tickets[i].clone());
    let to_grace = |code: &str| pass_on(code, "Grace", "grace@example.org", "grace@example.org");

    check_in_by_form(&office.organizer, &used).await;
    let ticket = visitor.run(GetTicket { code: used.clone() }).await;
    assert!(!ticket.expect("the ticket").transferable);
    let refused = conflict(visitor.run(to_grace(&used)).await.expect_err("refused"));
    assert!(
        refused.contains("already used at the entrance"),
        "{refused}"
    );

    sqlx::query("UPDATE events SET starts_at = 1, ends_at = 2 WHERE slug = 'acme-conf'")
        .execute(office.app.db().pool())
        .await
        .expect("the event is over");
    let refused = conflict(visitor.run(to_grace(&ended)).await.expect_err("refused"));
    assert!(refused.contains("The event is over"), "{refused}");
    sqlx::query("UPDATE events SET starts_at = 4102444800, ends_at = 4102531200")
        .execute(office.app.db().pool())
        .await
        .expect("the event is ahead again");

    office.cancels(&placed.code).await;
    let refused = conflict(visitor.run(to_grace(&ended)).await.expect_err("refused"));
    assert!(refused.contains("no longer valid"), "{refused}");
    let moved: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_transfers")
        .fetch_one(office.app.db().pool())
        .await
        .expect("a count");
    assert_eq!(moved, 0);
}

#[tokio::test]
async fn four_holders_passing_one_ticket_on_at_once_give_it_to_one() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Community", "", "")).await;
    let placed = office
        .app
        .browser()
        .run(order(id, 1))
        .await
        .expect("ordered");
    let code = placed.tickets[0].clone();
    let names = ["Grace", "Hedy", "Joan", "Radia"];
    let tries = names.map(|name| {
        let browser = office.app.browser();
        let email = format!("{}@example.org", name.to_lowercase());
        let call = pass_on(&code, name, &email, &email);
        tokio::spawn(async move { (name, browser.run(call).await) })
    });
    let mut winners = Vec::new();
    for outcome in futures_util::future::join_all(tries).await {
        let (name, result) = outcome.expect("joined");
        match result {
            Ok(()) => winners.push(name),
            Err(AppError::Conflict(_)) => {}
            Err(other) => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(winners.len(), 1, "{winners:?}");
    let holder: String = sqlx::query_scalar("SELECT attendee_name FROM tickets")
        .fetch_one(office.app.db().pool())
        .await
        .expect("the ticket");
    assert_eq!(holder, winners[0]);
    let moved: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_transfers")
        .fetch_one(office.app.db().pool())
        .await
        .expect("a count");
    assert_eq!(moved, 1);
}

#[tokio::test]
async fn a_ticket_whose_questions_have_closed_is_not_passed_on() {
    let office = box_office().await;
    let (id, [diet, _, _]) = asking(&office).await;
    let placing = vegan_order(id, diet);
    let visitor = office.app.browser();
    let placed = visitor.run(placing).await.expect("ordered");
    let code = placed.tickets[0].clone();
    // The answers closed a second ago (the event is still ahead).
    sqlx::query("UPDATE events SET answers_until = $1 WHERE slug = 'acme-conf'")
        .bind(services::db::now() - 1)
        .execute(office.app.db().pool())
        .await
        .expect("answers closed");
    let ticket = visitor.run(GetTicket { code: code.clone() }).await;
    assert!(!ticket.expect("the ticket").transferable);
    let refused = visitor
        .run(pass_on(
            &code,
            "Grace",
            "grace@example.org",
            "grace@example.org",
        ))
        .await
        .expect_err("refused");
    assert!(conflict(refused).contains("questions can no longer be answered"));
    let ticket = visitor.run(GetTicket { code }).await.expect("unchanged");
    assert_eq!(ticket.attendee, "Attendee 0");
}
