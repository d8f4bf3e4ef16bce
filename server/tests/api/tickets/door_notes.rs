//! A note for the door on an order: written by the organizer in the orders console, carried
//! in the door list, shown with the answer when its tickets are scanned; refused with its
//! message and what was typed when too long; kept out of the event's history.

use app::api::door::GetDoorList;

use super::{box_office, check_in_by_form, location, order, page, ticket_type};

const ORDERS: &str = "/manage/acme/events/acme-conf/orders";
const DOOR: &str = "/manage/acme/events/acme-conf/check-in";

fn note_form<'a>(code: &'a str, note: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("org", "acme"),
        ("event", "acme-conf"),
        ("code", code),
        ("note", note),
    ]
}

#[tokio::test]
async fn a_door_note_travels_from_the_orders_console_to_the_door_answer() {
    let office = box_office().await;
    let free = office.given_type(ticket_type("Free", "", "10")).await;
    let placed = office
        .app
        .browser()
        .run(order(free, 2))
        .await
        .expect("an order");
    let saved = office
        .organizer
        .post_form(
            "save_door_note",
            ORDERS,
            &note_form(&placed.code, "  Wheelchair user: use the side entrance "),
        )
        .await;
    assert_eq!(location(&saved), format!("{ORDERS}?done=note"));
    let (_, listing) = page(&office.organizer, &location(&saved)).await;
    assert!(listing.contains("Door note: Wheelchair user: use the side entrance"));
    assert!(listing.contains(&format!(
        "Change the door note<span class=\"sr-only\"> of the order {}",
        placed.code
    )));

    // Both tickets of the order carry it to the devices.
    let list = office
        .organizer
        .run(GetDoorList {
            org: "acme".into(),
            event: "acme-conf".into(),
        })
        .await
        .expect("the list");
    assert_eq!(list.tickets.len(), 2);
    assert!(
        list.tickets
            .iter()
            .all(|t| t.note == "Wheelchair user: use the side entrance")
    );

    // The server's answers carry it too: the lookup and the recorded scan.
    let code = list.tickets[0].code.clone();
    let (_, found) = page(&office.organizer, &format!("{DOOR}?q={code}")).await;
    assert!(found.contains("Note: Wheelchair user: use the side entrance"));
    let target = check_in_by_form(&office.organizer, &code).await;
    let (_, answer) = page(&office.organizer, &target).await;
    assert!(answer.contains("Valid: let in"));
    assert!(answer.contains("Note: Wheelchair user: use the side entrance"));

    // The history says a note was written, not what it says.
    let summaries = office.history().await;
    assert!(summaries.contains(&format!("Wrote a door note on the order {}", placed.code)));
    assert!(
        summaries.iter().all(|s| !s.contains("Wheelchair")),
        "{summaries:?}"
    );

    // A blank note removes it.
    office
        .organizer
        .post_form("save_door_note", ORDERS, &note_form(&placed.code, "   "))
        .await;
    let (_, cleared) = page(&office.organizer, ORDERS).await;
    assert!(!cleared.contains("Door note:"));
    assert!(cleared.contains(&format!(
        "Add a door note<span class=\"sr-only\"> to the order {}",
        placed.code
    )));
}

#[tokio::test]
async fn a_note_too_long_is_refused_next_to_its_field_with_what_was_typed() {
    let office = box_office().await;
    let free = office.given_type(ticket_type("Free", "", "10")).await;
    let placed = office
        .app
        .browser()
        .run(order(free, 1))
        .await
        .expect("an order");
    let long = format!("VIP {}", "x".repeat(140));
    let refused = office
        .organizer
        .post_form("save_door_note", ORDERS, &note_form(&placed.code, &long))
        .await;
    let (_, form) = page(&office.organizer, &location(&refused)).await;
    assert!(
        form.contains("keep it to 140 characters or fewer"),
        "the message"
    );
    assert!(
        form.contains(&format!("value=\"{long}\"")),
        "what was typed is kept"
    );
    assert!(form.contains("<details open"), "the refused form is open");
    let stored: String = sqlx::query_scalar("SELECT door_note FROM orders")
        .fetch_one(office.app.db().pool())
        .await
        .expect("the order");
    assert_eq!(stored, "");

    // An order that is not the event's is not found, and nothing is written.
    let unknown = office
        .organizer
        .post_form("save_door_note", ORDERS, &note_form("NOORDER", "VIP"))
        .await;
    let (_, page_after) = page(&office.organizer, &location(&unknown)).await;
    assert!(!page_after.contains("Door note: VIP"));
}
