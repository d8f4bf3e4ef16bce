//! A campaign's states: each change allowed or refused as the state says, and a claimed
//! campaign neither claimed twice nor edited; a refused segment keeps its rules.

use app::api::campaigns::SaveCampaign;
use domain::error::AppError;
use services::db;

use super::{
    Acme, acme, campaign_page, change_campaign, given_campaign, last_id, new_campaign, sent_back,
    status,
};

/// Saves campaign `id` with a new name and subject, as its form does.
async fn rename(acme: &Acme, id: &str) -> Result<(), AppError> {
    let template = last_id(&acme.app, "mail_templates").await;
    let call = SaveCampaign {
        id: id.into(),
        template,
        ..new_campaign("Renamed", "Another subject", "F")
    };
    acme.organizer.run(call).await
}

fn is_conflict<T>(answer: &Result<T, AppError>) -> bool {
    matches!(answer, Err(AppError::Conflict(_)))
}

#[tokio::test]
async fn a_campaign_moves_through_its_states_and_refuses_what_its_state_forbids() {
    let acme = acme(&[("campaign_check_secs", "3600")]).await;
    let b = &acme.organizer;
    let id = given_campaign(&acme, "Hello {{name}}", "", "").await;
    let change = |change: &str, at: &str| b.run(change_campaign(&id, change, at));
    let error = change("schedule", "2001-01-01T10:00")
        .await
        .expect_err("a time in the past is refused");
    assert_eq!(
        error.field_message("send_at"),
        Some("choose a time in the future")
    );
    assert_eq!(change("schedule", "2099-01-01T10:00").await, Ok(()));
    assert_eq!(status(&acme.app, &id).await, "scheduled");
    assert_eq!(change("unschedule", "").await, Ok(()));
    assert!(
        is_conflict(&change("resume", "").await),
        "a draft is not paused"
    );
    assert!(is_conflict(&change("pause", "").await));
    assert_eq!(change("cancel", "").await, Ok(()));
    assert_eq!(status(&acme.app, &id).await, "cancelled");
    let again = change("send", "").await;
    assert!(is_conflict(&again), "{again:?}");
    let again = again.expect_err("a conflict");
    assert!(again.to_string().contains("cancelled"), "{again}");
    assert!(
        is_conflict(&rename(&acme, &id).await),
        "a cancelled campaign keeps its content"
    );
    let page = campaign_page(b, &id, "").await;
    assert!(page.contains("Cancelled"), "{page}");
}

#[tokio::test]
async fn a_claimed_campaign_is_neither_claimed_twice_nor_edited_and_a_refused_segment_keeps_its_rules()
 {
    use services::db::campaigns;
    let acme = acme(&[("campaign_check_secs", "3600")]).await;
    let b = &acme.organizer;
    let id = given_campaign(&acme, "Hi", "", "").await;
    b.run(change_campaign(&id, "send", ""))
        .await
        .expect("sending");
    let now = db::now();
    let claimed = campaigns::claim(acme.app.db(), now, "first", now + 30)
        .await
        .expect("claimed");
    assert_eq!(claimed.map(|c| c.id.to_string()), Some(id.clone()));
    let again = campaigns::claim(acme.app.db(), now, "second", now + 30)
        .await
        .expect("ran");
    assert!(
        again.is_none(),
        "a live lease keeps the campaign with its sender"
    );
    assert!(
        is_conflict(&rename(&acme, &id).await),
        "what a sender holds is settled"
    );

    // Without JavaScript, a refused segment comes back with every rule as typed.
    let response = b
        .post_form(
            "save_segment",
            "/manage/acme/segments/new",
            &[
                ("org", "acme"),
                ("name", "Recent readers"),
                ("combine", "any"),
                ("rules[0][kind]", "tag"),
                ("rules[0][tag]", "vip"),
                ("rules[1][kind]", "opened"),
                ("rules[1][days]", "0"),
            ],
        )
        .await;
    let page = sent_back(b, response).await;
    assert!(
        page.contains("enter a number of days from 1 to 3650"),
        "{page}"
    );
    assert!(page.contains("value=\"Recent readers\""));
    assert!(
        page.contains("name=\"rules[0][tag]\" value=\"vip\""),
        "{page}"
    );
    assert!(
        page.contains("name=\"rules[1][days]\" type=\"number\" min=\"1\" max=\"3650\" value=\"0\""),
        "{page}"
    );
    assert!(page.contains("value=\"any\" checked"), "{page}");
}
