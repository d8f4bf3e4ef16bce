//! The pages, as a browser without JavaScript uses them: the event page points to tickets,
//! the visitor chooses, names the attendees, is refused field by field with what they typed
//! kept, and lands on the order's page, which only its signed link opens.

use super::{box_office, ticket_type};
use crate::helpers::Browser;

async fn page(browser: &Browser, path: &str) -> (u16, String) {
    let response = browser.get(path).await;
    let status = response.status().as_u16();
    (status, response.text().await.expect("a page"))
}

/// Where a redirect leads, as a path (the server may answer with a full address).
fn location(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), 302, "a redirect");
    let to = response.headers()["location"].to_str().expect("ascii");
    match to.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]).to_owned(),
        None => to.to_owned(),
    }
}

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
