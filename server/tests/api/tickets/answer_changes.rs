//! Attendees change their answers on their ticket's page: read back as given, changed and
//! recorded in the history (by the order's reference, never the ticket's code), refused
//! field by field with what was typed kept, and no longer after the organizer's deadline or
//! once the ticket is cancelled; the deadline is refused after the event's end.

use app::api::questions::{SaveTicketAnswers, SetAnswersDeadline};
use app::api::tickets::GetTicket;
use domain::error::AppError;

use super::box_office;
use super::questions::{answers, asking, vegan_order};

fn deadline(until: &str) -> SetAnswersDeadline {
    SetAnswersDeadline {
        org: "acme".into(),
        event: "acme-conf".into(),
        until: until.into(),
    }
}

#[tokio::test]
async fn an_attendee_changes_their_answers_until_the_deadline() {
    let office = box_office().await;
    let (id, [diet, company, consent]) = asking(&office).await;
    let placing = vegan_order(id, diet);
    let visitor = office.app.browser();
    let placed = visitor.run(placing).await.expect("ordered");
    let code = placed.tickets[0].clone();
    let ticket = |code: &str| GetTicket { code: code.into() };

    let sheet = visitor
        .run(ticket(&code))
        .await
        .expect("the ticket")
        .answers;
    let sheet = sheet.expect("questions are asked");
    assert_eq!(
        sheet.given.get(&format!("q{diet}")).map(String::as_str),
        Some("Vegan")
    );
    assert!(sheet.open_until.is_some(), "open until the event starts");

    let change = |pairs: &[(String, &str)]| SaveTicketAnswers {
        code: code.clone(),
        answers: answers(pairs),
    };
    // A required answer removed is refused, with what was typed kept and nothing changed.
    let Err(error) = visitor
        .run(change(&[(format!("q{company}"), "Acme")]))
        .await
    else {
        panic!("a required answer was removed");
    };
    assert_eq!(
        error.field_message(&format!("tickets.0.q{diet}")),
        Some("choose one")
    );
    assert_eq!(error.kept(&format!("tickets.0.q{company}")), Some("Acme"));

    visitor
        .run(change(&[
            (format!("q{diet}"), "Vegetarian"),
            (format!("q{company}"), "Acme"),
            (format!("q{consent}"), "yes"),
        ]))
        .await
        .expect("changed");
    let sheet = visitor
        .run(ticket(&code))
        .await
        .expect("the ticket")
        .answers;
    let shown: Vec<String> = sheet
        .expect("questions are asked")
        .shown
        .into_iter()
        .map(|a| a.answer)
        .collect();
    assert_eq!(shown, ["Vegetarian", "Acme", "Yes"]);
    let history = office.history().await;
    let line = format!(
        "An attendee of the order {} changed their answers",
        placed.code
    );
    assert!(history.contains(&line), "{history:?}");
    assert!(
        !history.iter().any(|h| h.contains(&code)),
        "the code opens the ticket"
    );
    // The same answers again change nothing, and add no line to the history.
    visitor
        .run(change(&[
            (format!("q{consent}"), "yes"),
            (format!("q{company}"), "Acme"),
            (format!("q{diet}"), "Vegetarian"),
        ]))
        .await
        .expect("saved");
    assert_eq!(office.history().await.len(), history.len());

    // Past the organizer's deadline, the answers only read.
    let Err(late) = office.organizer.run(deadline("2999-01-01T10:00")).await else {
        panic!("a deadline after the event's end was saved");
    };
    assert!(late.field_message("until").is_some());
    assert_eq!(late.kept("until"), Some("2999-01-01T10:00"));
    office
        .organizer
        .run(deadline("2020-01-01T10:00"))
        .await
        .expect("the deadline set");
    let sheet = visitor
        .run(ticket(&code))
        .await
        .expect("the ticket")
        .answers;
    assert_eq!(sheet.expect("questions are asked").open_until, None);
    let Err(closed) = visitor.run(change(&[(format!("q{diet}"), "Vegan")])).await else {
        panic!("answers changed after the deadline");
    };
    assert!(matches!(closed, AppError::Conflict(_)), "{closed:?}");
}

#[tokio::test]
async fn a_cancelled_or_unknown_ticket_keeps_its_answers() {
    let office = box_office().await;
    let (id, [diet, _, _]) = asking(&office).await;
    let placing = vegan_order(id, diet);
    let visitor = office.app.browser();
    let placed = visitor.run(placing).await.expect("ordered");
    office.cancels(&placed.code).await;
    let change = |code: &str| SaveTicketAnswers {
        code: code.into(),
        answers: answers(&[(format!("q{diet}"), "None")]),
    };
    assert!(matches!(
        visitor.run(change(&placed.tickets[0])).await,
        Err(AppError::Conflict(_))
    ));
    assert!(matches!(
        visitor.run(change("AAAAAAAAAAAAAAAA")).await,
        Err(AppError::NotFound(_))
    ));
    let stored: Vec<String> = sqlx::query_scalar("SELECT value FROM ticket_answers")
        .fetch_all(office.app.db().pool())
        .await
        .expect("the answers");
    assert_eq!(stored, ["Vegan"]);
}
