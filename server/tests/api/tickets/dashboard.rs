//! The registration dashboard: seats per type (sold, waiting for payment, offered from the
//! waitlist) against capacity, the lines, the door's arrivals and who is inside, as the
//! server function returns them and as the page draws them; kept from visitors and other
//! tenants.

use app::api::tickets::EventDashboard as Dashboard;
use app::api::waitlist::JoinWaitlist;
use domain::error::AppError;
use domain::tickets::dashboard::SalesDashboard;
use domain::{OrgRole, PlatformRole, TicketTypeId};

use super::{BoxOffice, box_office, check_in_by_form, order, page, scan_by_form, ticket_type};
use crate::fixtures::{create_organization, given_member, given_user, session_for};

fn dashboard() -> Dashboard {
    Dashboard {
        org: "acme".into(),
        event: "acme-conf".into(),
    }
}

async fn counted(office: &BoxOffice) -> SalesDashboard {
    office
        .organizer
        .run(dashboard())
        .await
        .expect("a dashboard")
}

async fn join(office: &BoxOffice, id: TicketTypeId, who: &str) {
    let joining = JoinWaitlist {
        event: "acme-conf".into(),
        ticket_type: id,
        name: who.into(),
        email: format!("{who}@example.org"),
        code: String::new(),
    };
    office.app.browser().run(joining).await.expect("in line");
}

async fn code_of(office: &BoxOffice, name: &str) -> String {
    sqlx::query_scalar("SELECT code FROM tickets WHERE attendee_name = $1")
        .bind(name)
        .fetch_one(office.app.db().pool())
        .await
        .expect("a ticket")
}

#[tokio::test]
async fn the_dashboard_counts_seats_lines_and_the_door() {
    let office = box_office().await;
    let community = office.given_type(ticket_type("Community", "", "3")).await;
    let supporter = office.given_type(ticket_type("Supporter", "50", "")).await;
    let empty = counted(&office).await;
    let summaries: Vec<String> = empty.types.iter().map(|t| t.summary()).collect();
    assert_eq!(summaries, ["0 of 3", "0 sold"]);

    let visitor = office.app.browser();
    let two = visitor.run(order(community, 2)).await.expect("two seats");
    let last = visitor
        .run(order(community, 1))
        .await
        .expect("the last seat");
    let mut pending = order(supporter, 1);
    pending.order.payment = "bank_transfer".into();
    pending.order.tickets[0].name = "Cy".into();
    visitor
        .run(pending)
        .await
        .expect("waiting for the transfer");
    join(&office, community, "grace").await;
    join(&office, community, "hedy").await;
    // The last seat freed is held for Grace, the first in line.
    office.cancels(&last.code).await;

    let board = counted(&office).await;
    let c = &board.types[0];
    assert_eq!(
        (c.paid, c.pending, c.offered, c.waiting, c.capacity),
        (2, 0, 1, 1, Some(3)),
        "two sold, one held for Grace, Hedy in line"
    );
    let s = &board.types[1];
    assert_eq!((s.paid, s.pending, s.offered, s.capacity), (0, 1, 0, None));
    assert_eq!((board.sold(), board.pending(), board.waiting()), (2, 1, 1));
    assert_eq!(board.pending_orders, 1);
    assert_eq!((board.valid, board.checked_in, board.inside), (2, 0, 0));

    // One comes in, goes out for a while: arrived still, no longer inside.
    let first = code_of(&office, "Attendee 0").await;
    check_in_by_form(&office.organizer, &first).await;
    let second = code_of(&office, "Attendee 1").await;
    check_in_by_form(&office.organizer, &second).await;
    scan_by_form(&office.organizer, &second, "out").await;
    let board = counted(&office).await;
    assert_eq!((board.valid, board.checked_in, board.inside), (2, 2, 1));

    let (status, html) = page(&office.organizer, "/manage/acme/events/acme-conf/dashboard").await;
    assert_eq!(status, 200);
    assert!(html.contains("Registration dashboard"));
    assert!(html.contains("Seats of each ticket type: Community 2 of 3, Supporter 0 sold."));
    assert!(html.contains("<th scope=\"row\" class=\"py-1 font-normal\">Community</th>"));
    let refresh = html
        .find("http-equiv=\"refresh\"")
        .expect("it reloads itself");
    assert!(
        refresh < html.find("</head>").expect("a head"),
        "from the head, as HTML wants"
    );
    assert!(html.contains("Pause the updates"));
    let (_, paused) = page(
        &office.organizer,
        "/manage/acme/events/acme-conf/dashboard?updates=paused",
    )
    .await;
    assert!(
        !paused.contains("http-equiv=\"refresh\""),
        "paused, it stays still"
    );
    assert!(paused.contains("updates are paused") && paused.contains("Resume the updates"));

    office.cancels(&two.code).await;
    let cancelled = counted(&office).await;
    assert_eq!(
        (cancelled.valid, cancelled.checked_in),
        (0, 0),
        "cancelled tickets no longer count as arrived"
    );
}

#[tokio::test]
async fn visitors_and_other_tenants_get_no_dashboard() {
    let office = box_office().await;
    office.given_type(ticket_type("Community", "", "3")).await;
    let anonymous = office.app.browser();
    assert_eq!(
        anonymous.run(dashboard()).await.err(),
        Some(AppError::Unauthenticated)
    );
    let globex = create_organization(office.app.db(), "globex").await;
    let other = given_user(&office.app, "other@example.org", PlatformRole::None).await;
    given_member(&office.app, globex, other, OrgRole::Owner).await;
    let other = session_for(&office.app, other).await;
    assert!(matches!(
        other.run(dashboard()).await,
        Err(AppError::NotFound(_))
    ));
    let (_, html) = page(&other, "/manage/acme/events/acme-conf/dashboard").await;
    assert!(!html.contains("Community"), "nothing of acme's event shows");
}
