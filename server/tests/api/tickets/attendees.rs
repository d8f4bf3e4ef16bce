//! The attendee list of the organizer's console: one line per ticket, filtered by type,
//! state, entry, answer and a search; refused filters named on their field; the same list as
//! a CSV file with every answer, streamed past its batches, formulas defused, kept from
//! visitors and other tenants.

use app::api::tickets::ListAttendees;
use domain::error::AppError;
use domain::tickets::TicketState;
use domain::tickets::roster::Roster;
use domain::{OrgRole, PlatformRole, QuestionId};

use super::questions::{answers, asking};
use super::{BoxOffice, box_office, check_in_by_form, order, ticket_type};
use crate::fixtures::{create_organization, given_member, given_user, session_for};

/// A filter's query parameters.
type Filter<'a> = &'a [(&'a str, &'a str)];

const CSV: &str = "/manage/acme/events/acme-conf/attendees.csv";

fn listing(pairs: &[(&str, &str)]) -> ListAttendees {
    let get = |key: &str| {
        let found = pairs.iter().find(|(k, _)| *k == key);
        found.map(|(_, v)| (*v).to_owned()).unwrap_or_default()
    };
    ListAttendees {
        org: "acme".into(),
        event: "acme-conf".into(),
        q: get("q"),
        ticket_type: get("type"),
        state: get("state"),
        entered: get("entered"),
        answer: get("answer"),
        before: None,
    }
}

async fn names(office: &BoxOffice, pairs: &[(&str, &str)]) -> Vec<String> {
    let roster: Roster = office.organizer.run(listing(pairs)).await.expect("a list");
    roster.attendees.into_iter().map(|a| a.name).collect()
}

async fn ticket_code(office: &BoxOffice, email: &str) -> String {
    sqlx::query_scalar("SELECT code FROM tickets WHERE attendee_email = $1")
        .bind(email)
        .fetch_one(office.app.db().pool())
        .await
        .expect("a ticket")
}

/// Acme-conf with the questions of [`asking`] and, newest last: Ada's two free tickets
/// (Ada vegan, from "=HYPERLINK" Ltd, consenting, and checked in; Bob eating anything), Cy's
/// supporter ticket waiting for its transfer, and Dee's free ticket, cancelled.
async fn four_attendees(office: &BoxOffice) -> (String, [QuestionId; 3]) {
    let (free, [diet, company, consent]) = asking(office).await;
    let supporter = office.given_type(ticket_type("Supporter", "50", "")).await;
    let visitor = office.app.browser();
    let mut two = order(free, 2);
    two.order.tickets[0].name = "Ada".into();
    two.order.tickets[0].email = "ada@example.org".into();
    two.order.tickets[0].answers = answers(&[
        (format!("q{diet}"), "Vegan"),
        (format!("q{company}"), "=HYPERLINK(\"http://evil\")"),
        (format!("q{consent}"), "yes"),
    ]);
    two.order.tickets[1].name = "Bob".into();
    two.order.tickets[1].email = "bob@example.org".into();
    two.order.tickets[1].answers = answers(&[(format!("q{diet}"), "None")]);
    visitor.run(two).await.expect("Ada's order");
    let mut pending = order(supporter, 1);
    pending.order.payment = "bank_transfer".into();
    pending.order.tickets[0].name = "Cy".into();
    pending.order.tickets[0].answers = answers(&[(format!("q{diet}"), "Vegetarian")]);
    let pending = visitor.run(pending).await.expect("Cy's order");
    let mut cancelled = order(free, 1);
    cancelled.order.tickets[0].name = "Dee".into();
    cancelled.order.tickets[0].answers = answers(&[(format!("q{diet}"), "Vegan")]);
    let cancelled = visitor.run(cancelled).await.expect("Dee's order");
    office.cancels(&cancelled.code).await;
    let ada = ticket_code(office, "ada@example.org").await;
    check_in_by_form(&office.organizer, &ada).await;
    (pending.code, [diet, company, consent])
}

#[tokio::test]
async fn attendees_are_filtered_by_type_state_entry_answer_and_search() {
    let office = box_office().await;
    let (cy_order, [diet, _, consent]) = four_attendees(&office).await;
    let all: Roster = office.organizer.run(listing(&[])).await.expect("a list");
    let everyone: Vec<&str> = all.attendees.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(everyone, ["Dee", "Cy", "Bob", "Ada"], "newest first");
    let states: Vec<TicketState> = all.attendees.iter().map(|a| a.state).collect();
    use TicketState::{Unpaid, Valid, Void};
    assert_eq!(states, [Void, Unpaid, Valid, Valid]);
    assert!(all.attendees[3].entered.is_some() && all.attendees[2].entered.is_none());
    let offered: Vec<&str> = all
        .answers
        .iter()
        .map(|(_, label)| label.as_str())
        .collect();
    assert_eq!(
        offered,
        [
            "Diet: None",
            "Diet: Vegetarian",
            "Diet: Vegan",
            "Share my details with exhibitors: Yes"
        ],
        "choices and boxes, never free text"
    );
    let supporter = all.ticket_types.iter().find(|(_, n)| n == "Supporter");
    let supporter = supporter.expect("the supporter type").0.0.to_string();

    let vegan = format!("{diet}:Vegan");
    let consenting = format!("{consent}:yes");
    let cases: [(Filter, &[&str]); 10] = [
        (&[("type", &supporter)], &["Cy"]),
        (&[("state", "valid")], &["Bob", "Ada"]),
        (&[("state", "unpaid")], &["Cy"]),
        (&[("state", "void")], &["Dee"]),
        (&[("entered", "yes")], &["Ada"]),
        (&[("entered", "no")], &["Dee", "Cy", "Bob"]),
        (&[("answer", &vegan)], &["Dee", "Ada"]),
        (&[("answer", &vegan), ("state", "valid")], &["Ada"]),
        (&[("answer", &consenting)], &["Ada"]),
        (&[("q", "BOB@EXAMPLE")], &["Bob"]),
    ];
    for (pairs, expected) in cases {
        assert_eq!(names(&office, pairs).await, expected, "{pairs:?}");
    }
    assert_eq!(
        names(&office, &[("q", &cy_order)]).await,
        ["Cy"],
        "by order"
    );
    let bob = ticket_code(&office, "bob@example.org").await;
    assert_eq!(names(&office, &[("q", &bob)]).await, ["Bob"], "by ticket");
    for wildcard in ["%", "_"] {
        let found = names(&office, &[("q", wildcard)]).await;
        assert!(
            found.is_empty(),
            "{wildcard} is text, not a wildcard: {found:?}"
        );
    }

    for (field, value) in [
        ("state", "paid"),
        ("entered", "sometimes"),
        ("answer", "Vegan"),
    ] {
        let refused = office.organizer.run(listing(&[(field, value)])).await;
        let error = refused.expect_err("a filter not offered");
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }
}

#[tokio::test]
async fn the_csv_has_every_answer_defuses_formulas_and_keeps_the_filter() {
    let office = box_office().await;
    let (cy_order, [diet, ..]) = four_attendees(&office).await;
    let response = office.organizer.get(CSV).await;
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("ascii");
    assert_eq!(
        disposition,
        "attachment; filename=\"acme-conf-attendees.csv\""
    );
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let text = response.text().await.expect("a file");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "name,email,ticket type,ticket state,entered,order,order state,payment,registered,\
         Diet,Company,Share my details with exhibitors"
    );
    assert_eq!(lines.len(), 5, "a line per ticket: {text}");
    let ada = lines[4];
    assert!(
        ada.starts_with("Ada,ada@example.org,Community,Valid,20"),
        "{ada}"
    );
    assert!(
        ada.ends_with(",Vegan,\"'=HYPERLINK(\"\"http://evil\"\")\",Yes"),
        "answers in the questions' columns, the formula defused: {ada}"
    );
    assert!(
        lines[3].ends_with(",None,,No"),
        "unanswered is blank, an unticked box No"
    );
    let cy = lines[2];
    assert!(
        cy.contains(&format!(",{cy_order},Waiting for payment,Bank transfer,")),
        "{cy}"
    );
    assert!(lines[1].starts_with("Dee,") && lines[1].contains(",Cancelled or expired,,"));

    let vegan = format!("{CSV}?answer={diet}%3AVegan&state=valid");
    let filtered = office
        .organizer
        .get(&vegan)
        .await
        .text()
        .await
        .expect("a file");
    assert_eq!(
        filtered.lines().count(),
        2,
        "the header and Ada: {filtered}"
    );
    let refused = office.organizer.get(&format!("{CSV}?state=paid")).await;
    assert_eq!(refused.status(), 400);
}

#[tokio::test]
async fn a_large_csv_streams_every_attendee_once() {
    let office = box_office().await;
    let free = office.given_type(ticket_type("Free", "", "")).await;
    let placed = office
        .app
        .browser()
        .run(order(free, 1))
        .await
        .expect("an order");
    // 1,200 more tickets on that order: more than two of the download's batches.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) \
         INSERT INTO tickets (order_id, event_id, ticket_type_id, code, attendee_name, \
         attendee_email, price_cents, status, created_at) \
         SELECT o.id, o.event_id, $2, 'BULK' || n.i, 'Bulk ' || n.i, 'bulk@example.org', 0, \
         'valid', 0 FROM n, orders o WHERE o.code = $1",
    )
    .bind(&placed.code)
    .bind(free)
    .execute(office.app.db().pool())
    .await
    .expect("tickets added");
    let text = office
        .organizer
        .get(CSV)
        .await
        .text()
        .await
        .expect("a file");
    let mut names: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(names.len(), 1201, "every ticket, the header apart");
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 1201, "each once");
    assert!(
        names.contains(&"Bulk 1") && names.contains(&"Bulk 1200") && names.contains(&"Attendee 0")
    );
}

#[tokio::test]
async fn visitors_door_staff_and_other_tenants_get_no_attendees() {
    let office = box_office().await;
    four_attendees(&office).await;
    let anonymous = office.app.browser();
    assert_eq!(anonymous.get(CSV).await.status(), 401);
    assert_eq!(
        anonymous.run(listing(&[])).await.err(),
        Some(AppError::Unauthenticated)
    );
    let globex = create_organization(office.app.db(), "globex").await;
    let other = given_user(&office.app, "other@example.org", PlatformRole::None).await;
    given_member(&office.app, globex, other, OrgRole::Owner).await;
    let other = session_for(&office.app, other).await;
    assert_eq!(other.get(CSV).await.status(), 404);
    assert!(matches!(
        other.run(listing(&[])).await,
        Err(AppError::NotFound(_))
    ));

    let door = given_user(&office.app, "door@example.org", PlatformRole::None).await;
    sqlx::query(
        "INSERT INTO event_door_staff (event_id, user_id, created_at) \
         SELECT id, $1, 0 FROM events WHERE slug = 'acme-conf'",
    )
    .bind(door)
    .execute(office.app.db().pool())
    .await
    .expect("on the door staff");
    let door = session_for(&office.app, door).await;
    let refused = door.get(CSV).await.status().as_u16();
    assert!(
        matches!(refused, 403 | 404),
        "door staff see the door only: {refused}"
    );
    let body = door.get("/manage/acme/events/acme-conf/attendees").await;
    let page = body.text().await.expect("a page");
    assert!(
        !page.contains("ada@example.org"),
        "no address reaches door staff"
    );
}
