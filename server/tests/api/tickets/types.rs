//! The organizer's ticket types: saved and read back as typed, refused field by field, never
//! below the seats already taken, and invisible to other tenants and to visitors.

use app::api::tickets::{ListTicketTypes, OfferedTickets};
use domain::error::AppError;
use domain::{PlatformRole, TicketTypeId};

use super::{box_office, order, ticket_type};
use crate::fixtures::{given_user, session_for};

fn list() -> ListTicketTypes {
    ListTicketTypes {
        org: "acme".into(),
        event: "acme-conf".into(),
    }
}

#[tokio::test]
async fn a_ticket_type_reads_back_as_typed_and_is_in_the_event_history() {
    let office = box_office().await;
    let id = office
        .given_type(super::SaveTicketType {
            description: "Doors open at 9.".into(),
            sale_ends: "2099-07-01T10:00".into(),
            max_per_order: "4".into(),
            ..ticket_type("Early bird", "25.5", "100")
        })
        .await;
    let page = office.organizer.run(list()).await.expect("the types");
    assert_eq!(page.event_title, "Acme Conf");
    let types = page.types;
    assert_eq!(types.len(), 1);
    let t = &types[0];
    assert_eq!(t.id, id);
    assert_eq!(t.price_label, "25.50 EUR");
    assert_eq!((t.sold, t.capacity), (0, Some(100)));
    assert_eq!(t.sale_label, "On sale, 100 left");
    assert!(!t.hidden);
    assert_eq!(t.form.price, "25.50");
    assert_eq!(t.form.sale_ends, "2099-07-01T10:00", "in the event's zone");
    assert_eq!(t.form.max_per_order, "4");

    let history = office.history().await;
    assert!(
        history
            .iter()
            .any(|h| h == "Added the ticket type “Early bird”"),
        "{history:?}"
    );
}

#[tokio::test]
async fn each_bad_field_is_named_and_what_was_typed_is_kept() {
    let office = box_office().await;
    let bad = super::SaveTicketType {
        sale_starts: "2099-07-02T10:00".into(),
        sale_ends: "2099-07-01T10:00".into(),
        access_code: "no spaces".into(),
        ..ticket_type(" ", "twenty", "-3")
    };
    let Err(error) = office.organizer.run(bad).await else {
        panic!("a bad ticket type was saved");
    };
    for field in ["name", "price", "capacity", "sale_ends", "access_code"] {
        assert!(
            error.field_message(field).is_some(),
            "no message for {field}: {error:?}"
        );
    }
    assert_eq!(error.kept("price"), Some("twenty"));
    assert_eq!(error.kept("sale_starts"), Some("2099-07-02T10:00"));
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ticket_types")
        .fetch_one(office.app.db().pool())
        .await
        .expect("a count");
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn the_capacity_cannot_fall_below_the_seats_taken() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "", "10")).await;
    office
        .app
        .browser()
        .run(order(id, 3))
        .await
        .expect("ordered");
    let lower = super::SaveTicketType {
        id: id.to_string(),
        ..ticket_type("Standard", "", "2")
    };
    let Err(error) = office.organizer.run(lower).await else {
        panic!("the capacity fell below the seats taken");
    };
    assert_eq!(
        error.field_message("capacity"),
        Some("3 seats already taken: the capacity cannot be lower")
    );
    assert_eq!(error.kept("capacity"), Some("2"));
    let fine = super::SaveTicketType {
        id: id.to_string(),
        ..ticket_type("Standard", "", "3")
    };
    office
        .organizer
        .run(fine)
        .await
        .expect("down to the seats taken");
    assert_eq!(office.sold(id).await, 3);
}

#[tokio::test]
async fn other_tenants_and_visitors_cannot_read_or_change_ticket_types() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "", "10")).await;
    let outsider = given_user(&office.app, "outsider@example.org", PlatformRole::None).await;
    let outsider = session_for(&office.app, outsider).await;
    assert!(matches!(
        outsider.run(list()).await,
        Err(AppError::NotFound(_))
    ));
    let change = super::SaveTicketType {
        id: id.to_string(),
        ..ticket_type("Free for all", "", "")
    };
    assert!(matches!(
        outsider.run(change.clone()).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        office.app.browser().run(change).await,
        Err(AppError::Unauthenticated)
    ));
    // A type of another event of the organization is not this event's.
    let elsewhere = super::SaveTicketType {
        id: TicketTypeId(id.0 + 1000).to_string(),
        ..ticket_type("Standard", "", "10")
    };
    assert!(matches!(
        office.organizer.run(elsewhere).await,
        Err(AppError::NotFound(_))
    ));
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM ticket_types")
        .fetch_all(office.app.db().pool())
        .await
        .expect("the names");
    assert_eq!(names, ["Standard"]);
}

#[tokio::test]
async fn a_hidden_type_is_offered_only_with_its_code() {
    let office = box_office().await;
    office.given_type(ticket_type("Standard", "", "")).await;
    office
        .given_type(super::SaveTicketType {
            access_code: "Friends-2026".into(),
            ..ticket_type("Friends", "", "")
        })
        .await;
    let offered = |code: &str| OfferedTickets {
        event: "acme-conf".into(),
        code: code.into(),
    };
    let visitor = office.app.browser();
    let names = |offer: domain::tickets::TicketOffer| {
        offer.types.into_iter().map(|t| t.name).collect::<Vec<_>>()
    };
    assert_eq!(
        names(visitor.run(offered("")).await.expect("offered")),
        ["Standard"]
    );
    assert_eq!(
        names(visitor.run(offered("WRONG")).await.expect("offered")),
        ["Standard"]
    );
    assert_eq!(
        names(visitor.run(offered("friends-2026")).await.expect("offered")),
        ["Standard", "Friends"]
    );
}

#[tokio::test]
async fn only_an_unordered_type_is_deleted_and_the_currency_changes_until_the_first_order() {
    use app::api::tickets::{DeleteTicketType, SetEventPayment};
    let office = box_office().await;
    let unsold = office.given_type(ticket_type("Typo", "", "")).await;
    let sold = office.given_type(ticket_type("Standard", "", "")).await;
    let delete = |id: TicketTypeId, confirm: &str| DeleteTicketType {
        org: "acme".into(),
        event: "acme-conf".into(),
        id,
        confirm: confirm.into(),
    };
    let currency = |code: &str| SetEventPayment {
        org: "acme".into(),
        event: "acme-conf".into(),
        currency: code.into(),
        instructions: "IBAN DE00 1234\nAcme Events GmbH".into(),
        offer_hours: String::new(),
        refund_days: String::new(),
    };
    let Err(bad) = office.organizer.run(currency("euro")).await else {
        panic!("a currency that is not a code was saved");
    };
    assert!(bad.field_message("currency").is_some());
    office.organizer.run(currency("chf")).await.expect("set");
    let page = office.organizer.run(list()).await.expect("the types");
    assert_eq!(page.currency, "CHF");
    assert_eq!(
        page.payment_instructions,
        "IBAN DE00 1234\nAcme Events GmbH"
    );
    assert!(page.types.iter().all(|t| t.price_label == "Free"));

    let Err(asked) = office.organizer.run(delete(unsold, "")).await else {
        panic!("deleted without asking");
    };
    assert!(asked.field_message("confirm").is_some());
    office
        .organizer
        .run(delete(unsold, "yes"))
        .await
        .expect("deleted");
    office
        .app
        .browser()
        .run(order(sold, 1))
        .await
        .expect("ordered");
    let Err(refused) = office.organizer.run(delete(sold, "yes")).await else {
        panic!("a type with tickets was deleted");
    };
    assert_eq!(
        refused.field_message("request"),
        Some("Tickets of “Standard” were ordered, so it stays; end its sale instead.")
    );
    let Err(late) = office.organizer.run(currency("USD")).await else {
        panic!("the currency changed under an order");
    };
    assert_eq!(
        late.field_message("currency"),
        Some("orders were placed in CHF: the currency can no longer change")
    );
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM ticket_types")
        .fetch_all(office.app.db().pool())
        .await
        .expect("the names");
    assert_eq!(names, ["Standard"]);
}
