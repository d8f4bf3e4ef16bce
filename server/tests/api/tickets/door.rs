//! Check-in: door staff see one event's door and nothing else; a pass lets its ticket in
//! once; forged, foreign and unpaid tickets are refused; queues from offline devices are
//! recorded once each, and a ticket two devices let in is reported as a double entry with
//! the first entry kept.

use app::api::door::{
    AddDoorStaff, DoorScan, DoorSync, GetDoorCounts, GetDoorList, LookUpAtDoor, RemoveDoorStaff,
};
use app::api::tickets::ListTicketTypes;
use domain::error::AppError;
use domain::tickets::TicketState;
use domain::tickets::door::{Direction, DoorAction, ScanAnswer};
use domain::{EventId, PlatformRole, UserId};

use super::{BoxOffice, box_office, order, ticket_type};
use crate::fixtures::{given_user, session_for};
use crate::helpers::Browser;

fn counts() -> GetDoorCounts {
    GetDoorCounts {
        org: "acme".into(),
        event: "acme-conf".into(),
    }
}

fn list() -> GetDoorList {
    GetDoorList {
        org: "acme".into(),
        event: "acme-conf".into(),
    }
}

fn lookup(q: &str) -> LookUpAtDoor {
    LookUpAtDoor {
        org: "acme".into(),
        event: "acme-conf".into(),
        q: q.into(),
    }
}

fn scan(code: &str, direction: Direction) -> DoorScan {
    DoorScan {
        org: "acme".into(),
        event: "acme-conf".into(),
        device: "Door 1".into(),
        code: code.into(),
        direction,
    }
}

fn sync(device: &str, actions: Vec<DoorAction>) -> DoorSync {
    DoorSync {
        org: "acme".into(),
        event: "acme-conf".into(),
        device: device.into(),
        actions,
    }
}

fn scan_in(scan_id: &str, code: &str, at: i64) -> DoorAction {
    DoorAction::Scan {
        scan_id: scan_id.into(),
        code: code.into(),
        direction: Direction::In,
        at,
    }
}

/// acme-conf with two free tickets sold: their codes.
async fn sold_two(office: &BoxOffice) -> Vec<String> {
    let free = office.given_type(ticket_type("Free", "", "10")).await;
    office
        .app
        .browser()
        .run(order(free, 2))
        .await
        .expect("an order");
    sqlx::query_scalar("SELECT code FROM tickets ORDER BY id")
        .fetch_all(office.app.db().pool())
        .await
        .expect("codes")
}

async fn event_id(office: &BoxOffice) -> EventId {
    sqlx::query_scalar("SELECT id FROM events WHERE slug = 'acme-conf'")
        .fetch_one(office.app.db().pool())
        .await
        .expect("the event")
}

async fn pass(office: &BoxOffice, event: EventId, code: &str) -> String {
    let signer = services::tickets::codes::load(office.app.db())
        .await
        .expect("the signer");
    signer.qr_payload(event, code)
}

async fn staff_member(office: &BoxOffice) -> (UserId, Browser) {
    let user = given_user(&office.app, "door@example.org", PlatformRole::None).await;
    let browser = session_for(&office.app, user).await;
    (user, browser)
}

#[tokio::test]
async fn door_staff_open_their_events_door_and_nothing_else() {
    let office = box_office().await;
    sold_two(&office).await;
    let (user, door) = staff_member(&office).await;
    assert_eq!(
        door.run(list()).await.err(),
        Some(AppError::NotFound("event".into())),
        "not on the staff yet"
    );
    let add = |email: &str| AddDoorStaff {
        org: "acme".into(),
        event: "acme-conf".into(),
        email: email.into(),
    };
    let unknown = office.organizer.run(add("nobody@example.org")).await;
    let error = unknown.expect_err("no such account");
    assert!(
        error
            .field_message("email")
            .is_some_and(|m| m.contains("sign up"))
    );
    assert_eq!(error.kept("email"), Some("nobody@example.org"));
    office
        .organizer
        .run(add("door@example.org"))
        .await
        .expect("added");
    let again = office.organizer.run(add("door@example.org")).await;
    assert!(again.expect_err("twice").field_message("email").is_some());
    assert_eq!(
        door.run(add("someone@example.org")).await.err(),
        Some(AppError::NotFound("organization".into())),
        "door staff do not manage staff"
    );

    let got = door.run(list()).await.expect("the door list");
    assert_eq!(got.tickets.len(), 2);
    assert!(got.tickets.iter().all(|t| t.state == TicketState::Valid));
    assert_eq!(got.ticket_types, vec!["Free".to_owned()]);
    assert_eq!(
        door.run(ListTicketTypes {
            org: "acme".into(),
            event: "acme-conf".into()
        })
        .await
        .err(),
        Some(AppError::NotFound("organization".into())),
        "door staff see nothing else of the organization"
    );
    let history: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM event_changes WHERE summary LIKE '%door staff%'")
            .fetch_one(office.app.db().pool())
            .await
            .expect("history");
    assert_eq!(history, 1);

    office
        .organizer
        .run(RemoveDoorStaff {
            org: "acme".into(),
            event: "acme-conf".into(),
            user,
        })
        .await
        .expect("removed");
    assert!(door.run(list()).await.is_err(), "removed: no door any more");
}

#[tokio::test]
async fn a_pass_lets_its_ticket_in_once_and_out_for_re_entry() {
    let office = box_office().await;
    let codes = sold_two(&office).await;
    let event = event_id(&office).await;
    let qr = pass(&office, event, &codes[0]).await;
    let found = office.organizer.run(lookup(&qr)).await.expect("a lookup");
    assert_eq!(found.found.len(), 1);
    assert_eq!(found.found[0].answer.headline(), "Valid: let in");

    office
        .organizer
        .run(scan(&codes[0], Direction::In))
        .await
        .expect("in");
    let again = office
        .organizer
        .run(lookup(&codes[0].to_lowercase()))
        .await
        .expect("typed");
    match &again.found[0].answer {
        ScanAnswer::AlreadyInside { entry, .. } => assert_eq!(entry.by, "Door 1"),
        other => panic!("already inside, not {other:?}"),
    }
    // A second scan in changes nothing; out then in again is a re-entry.
    office
        .organizer
        .run(scan(&codes[0], Direction::In))
        .await
        .expect("refused quietly");
    let got = office.organizer.run(counts()).await.expect("counts");
    assert_eq!((got.valid, got.inside, got.double_entries), (2, 1, 0));
    office
        .organizer
        .run(scan(&codes[0], Direction::Out))
        .await
        .expect("out");
    assert_eq!(
        office.organizer.run(counts()).await.expect("counts").inside,
        0
    );
    office
        .organizer
        .run(scan(&codes[0], Direction::In))
        .await
        .expect("in again");
    let rows: Vec<String> = sqlx::query_scalar("SELECT outcome FROM check_ins ORDER BY id")
        .fetch_all(office.app.db().pool())
        .await
        .expect("scans");
    assert_eq!(rows, ["entered", "left", "entered"]);

    let by_name = office
        .organizer
        .run(lookup("attendee"))
        .await
        .expect("names");
    assert_eq!(by_name.found.len(), 2);
}

#[tokio::test]
async fn forged_foreign_unknown_and_unpaid_tickets_are_refused() {
    let office = box_office().await;
    let codes = sold_two(&office).await;
    let event = event_id(&office).await;
    let qr = pass(&office, event, &codes[0]).await;
    let (head, tail) = qr.split_at(17);
    let flipped = if tail.starts_with('A') { "B" } else { "A" };
    let forged = format!("{head}{flipped}{}", &tail[1..]);
    let organizer = &office.organizer;
    let refusal =
        |q: String| async move { organizer.run(lookup(&q)).await.expect("a lookup").refusal };
    assert_eq!(refusal(forged).await, Some(ScanAnswer::Forged));
    let foreign = pass(&office, EventId(event.0 + 1000), &codes[0]).await;
    assert_eq!(refusal(foreign).await, Some(ScanAnswer::WrongEvent));
    assert_eq!(
        refusal("AAAAAAAAAAAAAAAA".into()).await,
        Some(ScanAnswer::Unknown)
    );

    let paid = office.given_type(ticket_type("Day", "30", "10")).await;
    let mut transfer = order(paid, 1);
    transfer.order.payment = "bank_transfer".into();
    office
        .app
        .browser()
        .run(transfer)
        .await
        .expect("a pending order");
    let unpaid: String = sqlx::query_scalar("SELECT code FROM tickets ORDER BY id DESC LIMIT 1")
        .fetch_one(office.app.db().pool())
        .await
        .expect("a code");
    let found = office
        .organizer
        .run(lookup(&unpaid))
        .await
        .expect("a lookup");
    assert_eq!(found.found[0].answer.headline(), "Not paid");
    office
        .organizer
        .run(scan(&unpaid, Direction::In))
        .await
        .expect("refused quietly");
    let inside: Option<i64> = sqlx::query_scalar("SELECT entered_at FROM tickets WHERE code = $1")
        .bind(&unpaid)
        .fetch_one(office.app.db().pool())
        .await
        .expect("a ticket");
    assert_eq!(inside, None, "an unpaid ticket does not go in");
}

#[tokio::test]
async fn two_offline_devices_letting_one_ticket_in_report_a_double_entry() {
    let office = box_office().await;
    let codes = sold_two(&office).await;
    let first = vec![
        scan_in("a-1", &codes[0], 1000),
        scan_in("a-2", &codes[1], 1001),
    ];
    let synced = office
        .organizer
        .run_json(sync("Door A", first.clone()))
        .await
        .expect("synced");
    assert!(
        synced
            .iter()
            .all(|s| s.answer.headline() == "Valid: let in")
    );
    // The answer was lost and the queue is sent again: recorded once.
    office
        .organizer
        .run_json(sync("Door A", first))
        .await
        .expect("again");
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM check_ins")
        .fetch_one(office.app.db().pool())
        .await
        .expect("scans");
    assert_eq!(rows, 2);

    let second = vec![scan_in("b-1", &codes[0], 1010)];
    let synced = office
        .organizer
        .run_json(sync("Door B", second))
        .await
        .expect("synced");
    match &synced[0].answer {
        ScanAnswer::AlreadyInside { entry, .. } => {
            assert_eq!(
                (entry.at, entry.by.as_str()),
                (1000, "Door A"),
                "the first entry stands"
            );
        }
        other => panic!("a double entry, not {other:?}"),
    }
    let got = office.organizer.run(counts()).await.expect("counts");
    assert_eq!((got.inside, got.double_entries), (2, 1));

    // Door A takes back its first scan: that ticket is outside again.
    let undo = vec![DoorAction::Undo {
        scan_id: "a-1".into(),
    }];
    office
        .organizer
        .run_json(sync("Door A", undo))
        .await
        .expect("undone");
    let list = office.organizer.run(list()).await.expect("the list");
    let ticket = list
        .tickets
        .iter()
        .find(|t| t.code == codes[0])
        .expect("a ticket");
    assert_eq!(ticket.inside, None);
    // Another device cannot take back Door A's scans.
    let undo = vec![DoorAction::Undo {
        scan_id: "a-2".into(),
    }];
    office
        .organizer
        .run_json(sync("Door B", undo))
        .await
        .expect("nothing");
    assert_eq!(
        office.organizer.run(counts()).await.expect("counts").inside,
        1
    );

    let too_many = (0..501)
        .map(|i| scan_in(&format!("x-{i}"), &codes[1], 1))
        .collect();
    let refused = office.organizer.run_json(sync("Door A", too_many)).await;
    assert!(
        refused
            .expect_err("too long")
            .field_message("actions")
            .is_some()
    );
    let unnamed = office.organizer.run_json(sync("  ", Vec::new())).await;
    assert!(
        unnamed
            .expect_err("no name")
            .field_message("device")
            .is_some()
    );
}
