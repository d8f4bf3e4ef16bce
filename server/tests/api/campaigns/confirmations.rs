//! Sending now and cancelling cannot be taken back: both ask first, saying whom they concern
//! (counted from the segment as it stands), and the server refuses them unconfirmed.

use app::api::campaigns::ChangeCampaign;
use domain::error::AppError;

use super::{
    acme, campaign_page, change_campaign, given_campaign, given_contacts, sent_back, status,
};

fn unconfirmed(id: &str, change: &str) -> ChangeCampaign {
    ChangeCampaign {
        confirm: String::new(),
        ..change_campaign(id, change, "")
    }
}

#[tokio::test]
async fn sending_now_and_cancelling_say_whom_they_concern_and_wait_for_a_yes() {
    let acme = acme(&[("campaign_check_secs", "3600")]).await;
    let (app, b) = (&acme.app, &acme.organizer);
    given_contacts(app, acme.org, "vip", 3, "vip").await;
    given_contacts(app, acme.org, "other", 2, "").await;
    let id = given_campaign(&acme, "Hello", "vip", "").await;

    for change in ["send", "cancel"] {
        let refused = b.run(unconfirmed(&id, change)).await;
        assert!(matches!(refused, Err(AppError::Conflict(_))), "{refused:?}");
        assert_eq!(status(app, &id).await, "draft", "nothing happened");
    }

    let page = |query: &'static str| campaign_page(b, &id, query);
    let plain = page("").await;
    assert!(
        !plain.contains("role=\"alertdialog\""),
        "nothing is asked unasked"
    );
    let asked = page("?confirm=send").await;
    assert!(asked.contains("Send “Spring invite” now?"), "{asked}");
    assert!(
        asked.contains("3 contacts will get it now: segment “Tagged”"),
        "{asked}"
    );
    assert!(asked.contains("Send now to 3 contacts"));
    let asked = page("?confirm=cancel").await;
    assert!(asked.contains("Cancel “Spring invite”?"), "{asked}");
    assert!(
        asked.contains("3 contacts (segment “Tagged” as it stands) will get nothing"),
        "{asked}"
    );

    // The count is the segment as it stands: a new vip counts at once.
    given_contacts(app, acme.org, "late", 1, "vip").await;
    assert!(
        page("?confirm=send")
            .await
            .contains("Send now to 4 contacts")
    );

    // Without JavaScript: the confirmation's own form.
    let answer = b
        .post_form(
            "change_campaign",
            &format!("/manage/acme/campaigns/{id}?confirm=send"),
            &[
                ("org", "acme"),
                ("id", &id),
                ("change", "send"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(answer.status(), 302);
    assert_eq!(status(app, &id).await, "scheduled", "due now");

    // Unconfirmed without JavaScript: back to the page, which says why.
    let answer = b
        .post_form(
            "change_campaign",
            &format!("/manage/acme/campaigns/{id}"),
            &[("org", "acme"), ("id", &id), ("change", "cancel")],
        )
        .await;
    let back = sent_back(b, answer).await;
    assert!(back.contains("Please confirm first"), "{back}");
    assert_eq!(status(app, &id).await, "scheduled");
    b.run(change_campaign(&id, "cancel", ""))
        .await
        .expect("cancelled");
    assert_eq!(status(app, &id).await, "cancelled");
    assert!(
        !page("?confirm=cancel")
            .await
            .contains("role=\"alertdialog\""),
        "nothing left to cancel"
    );
}
