//! The check-in page as a browser without JavaScript uses it: look a ticket up, check it in
//! with a button, see the answer with an undo button, undo it.

use super::{box_office, check_in_by_form, location, order, page, ticket_type};
use crate::fixtures::{given_user, session_for};

const PAGE: &str = "/manage/acme/events/acme-conf/check-in";

#[tokio::test]
async fn without_javascript_a_ticket_is_looked_up_checked_in_and_undone() {
    let office = box_office().await;
    let free = office.given_type(ticket_type("Free", "", "10")).await;
    office
        .app
        .browser()
        .run(order(free, 1))
        .await
        .expect("an order");
    let code: String = sqlx::query_scalar("SELECT code FROM tickets")
        .fetch_one(office.app.db().pool())
        .await
        .expect("a code");

    let (status, html) = page(&office.organizer, PAGE).await;
    assert_eq!(status, 200);
    assert!(html.contains("Check-in: Acme Conf"));
    assert!(html.contains("0 of 1 valid tickets inside"));

    let (_, found) = page(
        &office.organizer,
        &format!("{PAGE}?q={}", code.to_lowercase()),
    )
    .await;
    assert!(
        found.contains("Check in Attendee 0"),
        "the button names the attendee"
    );
    let target = check_in_by_form(&office.organizer, &code).await;
    assert!(
        target.starts_with(&format!("{PAGE}?q={code}&scan=")),
        "{target}"
    );
    let (_, after) = page(&office.organizer, &target).await;
    assert!(after.contains("Valid: let in"));
    assert!(after.contains("Undo the scan of Attendee 0"));
    assert!(after.contains("Check out Attendee 0"));
    assert!(after.contains("1 of 1 valid tickets inside"));

    let (_, again) = page(&office.organizer, &format!("{PAGE}?q={code}")).await;
    assert!(again.contains("Already checked in"));
    assert!(again.contains("by Door 1"));

    let scan = target.rsplit_once("scan=").expect("a scan").1.to_owned();
    let undone = office
        .organizer
        .post_form(
            "door_undo",
            &target,
            &[
                ("org", "acme"),
                ("event", "acme-conf"),
                ("device", "Door 1"),
                ("scan", &scan),
                ("code", &code),
            ],
        )
        .await;
    let (_, after_undo) = page(&office.organizer, &location(&undone)).await;
    assert!(after_undo.contains("The scan of Attendee 0 was undone."));
    assert!(after_undo.contains("Check in Attendee 0"));
}

#[tokio::test]
async fn the_door_and_its_staff_page_are_closed_to_strangers() {
    let office = box_office().await;
    let stranger = given_user(
        &office.app,
        "stranger@example.org",
        domain::PlatformRole::None,
    )
    .await;
    let stranger = session_for(&office.app, stranger).await;
    let (status, html) = page(&stranger, PAGE).await;
    assert_eq!(status, 404);
    assert!(!html.contains("Check-in: Acme Conf"));
    let (status, _) = page(&stranger, &format!("{PAGE}/staff")).await;
    assert_eq!(status, 404);
    let (status, staff) = page(&office.organizer, &format!("{PAGE}/staff")).await;
    assert_eq!(status, 200);
    assert!(staff.contains("Address of their Convene account"));
    assert!(staff.contains("Nobody yet."));
}
