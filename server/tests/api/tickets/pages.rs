//! The pages, as a browser without JavaScript uses them: the event page points to tickets,
//! the visitor chooses, names the attendees, is refused field by field with what they typed
//! kept, and lands on the order's page, which only its signed link opens.

use super::{box_office, location, page, ticket_type};

#[tokio::test]
async fn a_visitor_without_javascript_orders_in_two_steps_and_sees_the_order() {
    let office = box_office().await;
    let visitor = office.app.browser();
    let (_, before) = page(&visitor, "/e/acme-conf").await;
    assert!(
        !before.contains("Get tickets"),
        "no tickets yet: the join box"
    );
    let standard = office.given_type(ticket_type("Standard", "25", "10")).await;
    office
        .organizer
        .run(app::api::tickets::SetEventPayment {
            org: "acme".into(),
            event: "acme-conf".into(),
            currency: "EUR".into(),
            instructions: "Acme Events GmbH, IBAN DE00 1234".into(),
            offer_hours: String::new(),
            refund_days: String::new(),
        })
        .await
        .expect("payment details saved");
    let (_, event) = page(&visitor, "/e/acme-conf").await;
    assert!(event.contains("Get tickets"), "the cached page was renewed");

    let (status, choose) = page(&visitor, "/e/acme-conf/register").await;
    assert_eq!(status, 200);
    assert!(choose.contains("aria-label=\"Number of “Standard” tickets\""));
    assert!(choose.contains("25.00 EUR"));

    let step = format!("/e/acme-conf/register?step=details&code=&q{standard}=2");
    let (_, details) = page(&visitor, &step).await;
    assert!(details.contains("Ticket 1 · Standard") && details.contains("Ticket 2 · Standard"));
    assert!(details.contains("How will you pay?"));
    assert!(details.contains("Total: 50.00 EUR"));

    let id = standard.to_string();
    let mut form = vec![
        ("event", "acme-conf"),
        ("order[access_code]", ""),
        ("order[tickets][0][ticket_type]", id.as_str()),
        ("order[tickets][0][name]", "Ada Lovelace"),
        ("order[tickets][0][email]", "ada@example.org"),
        ("order[tickets][1][ticket_type]", id.as_str()),
        ("order[tickets][1][name]", "Charles Babbage"),
        ("order[tickets][1][email]", "charles@example"),
        ("order[buyer_name]", "Ada Lovelace"),
        ("order[buyer_email]", "ada@example.org"),
    ];
    let refused = visitor.post_form("place_order", &step, &form).await;
    let back = location(&refused);
    assert!(back.starts_with(&step), "{back}");
    let (_, again) = page(&visitor, &back).await;
    assert!(
        again.contains("enter an address like name@example.org"),
        "next to the email"
    );
    assert!(
        again.contains("value=\"charles@example\""),
        "what was typed is kept"
    );
    assert!(again.contains("value=\"Charles Babbage\""));
    assert!(again.contains("choose how you will pay"));
    assert_eq!(office.sold(standard).await, 0);

    form[7].1 = "charles@example.org";
    form.push(("order[payment]", "bank_transfer"));
    let placed = visitor.post_form("place_order", &step, &form).await;
    let order = location(&placed);
    assert!(order.starts_with("/orders/"), "{order}");
    let response = visitor.get(&order).await;
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let shown = response.text().await.expect("the order");
    assert!(shown.contains("Your seats are held"));
    assert!(shown.contains("Transfer 50.00 EUR quoting the reference"));
    assert!(
        shown.contains("Acme Events GmbH, IBAN DE00 1234"),
        "the organizer's details"
    );
    assert!(shown.contains("Charles Babbage"));
    assert_eq!(office.sold(standard).await, 2);

    // The order's code alone, or a changed signature, opens nothing.
    let link = order.trim_start_matches("/orders/");
    let (code, _) = link.rsplit_once('-').expect("code-signature");
    for forged in [code.to_owned(), format!("{code}-AAAAAAAAAAAAA")] {
        let (status, _) = page(&visitor, &format!("/orders/{forged}")).await;
        assert_eq!(status, 404, "{forged}");
    }
}

#[tokio::test]
async fn the_organizer_page_lists_types_and_keeps_a_refused_edit() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "25", "10")).await;
    let path = "/manage/acme/events/acme-conf/tickets";
    let (status, listing) = page(&office.organizer, path).await;
    assert_eq!(status, 200);
    assert!(listing.contains("0 of 10 sold"));
    assert!(listing.contains("Edit “Standard”"));
    assert!(listing.contains("Add a ticket type"));

    let id = id.to_string();
    let refused = office
        .organizer
        .post_form(
            "save_ticket_type",
            path,
            &[
                ("org", "acme"),
                ("event", "acme-conf"),
                ("id", id.as_str()),
                ("name", "Standard"),
                ("price", "lots"),
            ],
        )
        .await;
    let (_, again) = page(&office.organizer, &location(&refused)).await;
    assert!(again.contains("enter a price like 25 or 25.50"));
    assert!(again.contains("value=\"lots\""));
    let at = again.find("<details").expect("an edit form");
    assert!(
        again[at..at + 40].contains("open"),
        "the refused edit is open: {}",
        &again[at..at + 40]
    );

    let (status, _) = page(&office.app.browser(), path).await;
    assert_eq!(status, 401, "visitors are asked to sign in");
}

#[tokio::test]
async fn a_ticket_page_opens_by_its_code_with_a_signed_qr_code() {
    let office = box_office().await;
    let free = office.given_type(ticket_type("Community", "", "")).await;
    let paid = office.given_type(ticket_type("Standard", "25", "")).await;
    let visitor = office.app.browser();
    let placed = visitor.run(super::order(free, 1)).await.expect("ordered");
    let code = &placed.tickets[0];

    let (_, order) = page(&visitor, &format!("/orders/{}", placed.link)).await;
    assert!(
        order.contains(&format!("href=\"/tickets/{code}\"")),
        "the order links its tickets"
    );
    let response = visitor.get(&format!("/tickets/{code}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let ticket = response.text().await.expect("the ticket");
    assert!(ticket.contains("aria-label=\"QR code of the ticket of Attendee 0\""));
    assert!(
        ticket.contains("<path d=\"M4 4h7v1h-7z"),
        "the finder pattern is drawn"
    );
    assert!(
        ticket.contains(code.as_str()),
        "the code is printed for typing"
    );
    assert!(ticket.contains("/e/acme-conf/calendar.ics"));
    assert!(!ticket.contains("Not paid yet"));

    let mut unpaid = super::order(paid, 1);
    unpaid.order.payment = "at_door".into();
    let placed = visitor.run(unpaid).await.expect("ordered");
    let (_, ticket) = page(&visitor, &format!("/tickets/{}", placed.tickets[0])).await;
    assert!(ticket.contains("Not paid yet"));

    for missing in ["AAAAAAAAAAAAAAAA", "not-a-code", &code.to_lowercase()] {
        let (status, _) = page(&visitor, &format!("/tickets/{missing}")).await;
        assert_eq!(status, 404, "{missing}");
    }
}

#[tokio::test]
async fn the_orders_page_asks_before_cancelling() {
    let office = box_office().await;
    let id = office.given_type(ticket_type("Standard", "25", "")).await;
    let mut transfer = super::order(id, 1);
    transfer.order.payment = "bank_transfer".into();
    let placed = office.app.browser().run(transfer).await.expect("ordered");
    let path = "/manage/acme/events/acme-conf/orders";
    let (status, listing) = page(&office.organizer, path).await;
    assert_eq!(status, 200);
    assert!(listing.contains(&placed.code));
    assert!(listing.contains("Waiting for payment"));
    assert!(listing.contains(&format!("aria-label=\"Mark paid (order {})\"", placed.code)));

    let form = [
        ("org", "acme"),
        ("event", "acme-conf"),
        ("code", placed.code.as_str()),
    ];
    let asked = office
        .organizer
        .post_form("cancel_order", path, &form)
        .await;
    let (_, again) = page(&office.organizer, &location(&asked)).await;
    assert!(again.contains(&format!("Cancel the order {}?", placed.code)));
    assert!(again.contains("Yes, cancel it"));
    assert_eq!(office.sold(id).await, 1, "only asked");
}
