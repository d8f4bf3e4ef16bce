//! The links in a sent message: opens and clicks counted once, tampered links refused, and the
//! one-click unsubscribe honoured by the next campaign.

use super::{SENDER_BY_HAND, link, send_by_hand, send_now};
use crate::campaigns::{acme, get_campaign, given_campaign, given_contacts};
use crate::smtp::{SmtpSink, recipient};

#[tokio::test]
async fn opens_clicks_and_unsubscribes_are_counted_once_and_honoured() {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let acme = acme(&[("smtp_url", &url), SENDER_BY_HAND]).await;
    let app = &acme.app;
    given_contacts(app, acme.org, "reader", 3, "readers").await;
    let campaign = given_campaign(
        &acme,
        "Read [the program](https://example.org/program) or [the venue](https://example.org/venue).",
        "readers",
        "",
    )
    .await;
    send_now(&acme, &campaign).await;
    send_by_hand(app, &campaign).await;
    let message = smtp
        .messages()
        .into_iter()
        .find(|m| recipient(m).as_deref() == Some("reader0@example.org"))
        .expect("reader0's message");
    let click = link(&message, "c");
    let open = link(&message, "o");
    let unsubscribe = link(&message, "u");

    for _ in 0..2 {
        let response = app.get(&click).await;
        assert_eq!(response.status(), 303);
        assert_eq!(
            response.headers()["location"],
            "https://example.org/program",
            "the campaign's own address, nothing else"
        );
        let pixel = app.get(&open).await;
        assert_eq!(pixel.status(), 200);
        assert_eq!(pixel.headers()["content-type"], "image/gif");
    }
    // Tampered links: another link position, another contact, a changed signature.
    let (base, signature) = click.rsplit_once('.').expect("a signature");
    let flipped = if signature.ends_with('0') { '1' } else { '0' };
    let tampered = [
        format!("{base}.{}{flipped}", &signature[..signature.len() - 1]),
        click.replacen(".0.", ".1.", 1),
        format!("{base}x.{signature}"),
        "/m/c/1.1.0".to_owned(),
    ];
    for path in tampered {
        assert_eq!(app.get(&path).await.status(), 404, "{path}");
    }

    let details = acme
        .organizer
        .run(get_campaign(&campaign))
        .await
        .expect("the campaign");
    let stats = details.stats;
    assert_eq!((stats.sent, stats.opens, stats.clicks), (3, 1, 1));
    assert_eq!(stats.links[0], ("https://example.org/program".into(), 1));
    assert_eq!(stats.links[1], ("https://example.org/venue".into(), 0));
    assert_eq!(stats.timeline.iter().map(|h| h.opens).sum::<i64>(), 1);

    // The page asks; the one-click POST (RFC 8058) unsubscribes. Mail providers send it
    // with no browser headers at all (no Origin, no Sec-Fetch-Site), and it still works.
    let page = app.get(&unsubscribe).await.text().await.expect("the page");
    assert!(page.contains("r••••@example.org"), "{page}");
    assert!(
        !page.contains("reader0@"),
        "the address is not shown in full"
    );
    let response = reqwest::Client::new()
        .post(format!("{}{unsubscribe}", app.address))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .expect("posted");
    assert_eq!(response.status(), 200);
    let consent: (String, String) = sqlx::query_as(
        "SELECT status, status_source FROM contacts WHERE email_key = 'reader0@example.org'",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("the contact");
    assert_eq!(consent.0, "unsubscribed");
    assert!(consent.1.starts_with("unsubscribe link"), "{}", consent.1);

    // The next campaign to the same people leaves them out.
    let next = given_campaign(&acme, "Again", "readers", "").await;
    send_now(&acme, &next).await;
    send_by_hand(app, &next).await;
    let again: Vec<String> = smtp
        .messages()
        .iter()
        .filter(|m| m.contains(&format!("<campaign-{next}.")))
        .filter_map(|m| recipient(m))
        .collect();
    assert_eq!(again.len(), 2);
    assert!(!again.contains(&"reader0@example.org".to_owned()));
}
