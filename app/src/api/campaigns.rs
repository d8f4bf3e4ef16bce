//! Contacts, segments, templates and campaigns. Every function is a thin shell over
//! `services::campaigns`, which asks the policy first; each answers a plain form post with a
//! redirect to the page to show next.

// A server function answering a plain form takes each field as an argument.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use domain::campaign::{CampaignDetails, CampaignsOverview, RuleForm, TemplateDetails};
use domain::contact::{ContactDetails, ContactListing};
use domain::error::AppError;
use domain::{CampaignId, ContactId, TemplateId};

#[cfg(feature = "ssr")]
use domain::SegmentId;
#[cfg(feature = "ssr")]
use domain::campaign::CampaignForm;
#[cfg(feature = "ssr")]
use services::campaigns::{self, Change, contacts, content};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor};

/// A posted id: blank or unreadable is none.
#[cfg(feature = "ssr")]
fn optional_id(raw: &str) -> Option<i64> {
    raw.trim().parse().ok().filter(|n: &i64| *n > 0)
}

/// The organization's contacts matching `q` and `tag`.
#[server(prefix = "/api", endpoint = "get_contacts")]
pub async fn get_contacts(
    org: String,
    #[server(default)] q: String,
    #[server(default)] tag: String,
) -> Result<ContactListing, AppError> {
    contacts::listing(&app_state()?, &current_actor()?, &org, &q, &tag).await
}

/// One contact and its consent history.
#[server(prefix = "/api", endpoint = "get_contact")]
pub async fn get_contact(org: String, id: ContactId) -> Result<ContactDetails, AppError> {
    contacts::details(&app_state()?, &current_actor()?, &org, id).await
}

/// Adds a contact by hand.
#[server(prefix = "/api", endpoint = "add_contact")]
pub async fn add_contact(
    org: String,
    email: String,
    #[server(default)] name: String,
    #[server(default)] tags: String,
) -> Result<(), AppError> {
    contacts::add(&app_state()?, &current_actor()?, &org, &email, &name, &tags).await?;
    leptos_axum::redirect(&format!("/manage/{org}/contacts?done=added"));
    Ok(())
}

/// Changes a contact's consent and tags.
#[server(prefix = "/api", endpoint = "update_contact")]
pub async fn update_contact(
    org: String,
    id: ContactId,
    status: String,
    #[server(default)] tags: String,
) -> Result<(), AppError> {
    contacts::update(&app_state()?, &current_actor()?, &org, id, &status, &tags).await?;
    leptos_axum::redirect(&format!("/manage/{org}/contacts/{id}?done=saved"));
    Ok(())
}

/// Puts an address on the suppression list (`change=add`) or takes it off.
#[server(prefix = "/api", endpoint = "set_suppression")]
pub async fn set_suppression(org: String, email: String, change: String) -> Result<(), AppError> {
    let suppress = change != "remove";
    contacts::suppression(&app_state()?, &current_actor()?, &org, &email, suppress).await?;
    leptos_axum::redirect(&format!("/manage/{org}/contacts?done=suppression"));
    Ok(())
}

/// Reads a contacts file again with other columns for the address, name and tags.
#[server(prefix = "/api", endpoint = "map_import")]
pub async fn map_import(
    org: String,
    id: i64,
    #[server(default)] email: String,
    #[server(default)] name: String,
    #[server(default)] tags: String,
    #[server(default)] tag_all: String,
) -> Result<(), AppError> {
    let mapping = domain::import::ContactMapping {
        email,
        name,
        tags,
        tag_all,
    };
    let (state, actor) = (app_state()?, current_actor()?);
    services::organizer::imports::remap(&state, &actor, &org, id, mapping).await?;
    leptos_axum::redirect(&format!("/manage/{org}/imports/{id}"));
    Ok(())
}

/// Campaigns, segments and templates of the organization.
#[server(prefix = "/api", endpoint = "get_campaigns")]
pub async fn get_campaigns(org: String) -> Result<CampaignsOverview, AppError> {
    campaigns::overview(&app_state()?, &current_actor()?, &org).await
}

/// Counts the contacts a segment being edited reaches (the builder's live count).
#[server(prefix = "/api", endpoint = "count_segment")]
pub async fn count_segment(
    org: String,
    #[server(default)] combine: String,
    #[server(default)] rules: Vec<RuleForm>,
) -> Result<i64, AppError> {
    content::count(&app_state()?, &current_actor()?, &org, &combine, &rules).await
}

/// Creates (`id` blank) or saves a segment.
#[server(prefix = "/api", endpoint = "save_segment")]
pub async fn save_segment(
    org: String,
    #[server(default)] id: String,
    name: String,
    #[server(default)] combine: String,
    #[server(default)] rules: Vec<RuleForm>,
) -> Result<(), AppError> {
    let id = optional_id(&id).map(SegmentId);
    let (state, actor) = (app_state()?, current_actor()?);
    let saved = content::save_segment(&state, &actor, &org, id, &name, &combine, &rules).await?;
    leptos_axum::redirect(&format!("/manage/{org}/segments/{saved}?done=saved"));
    Ok(())
}

/// One template.
#[server(prefix = "/api", endpoint = "get_template")]
pub async fn get_template(org: String, id: TemplateId) -> Result<TemplateDetails, AppError> {
    content::template(&app_state()?, &current_actor()?, &org, id).await
}

/// Creates (`id` blank) or saves a template.
#[server(prefix = "/api", endpoint = "save_template")]
pub async fn save_template(
    org: String,
    #[server(default)] id: String,
    name: String,
    body: String,
) -> Result<(), AppError> {
    let id = optional_id(&id).map(TemplateId);
    let (state, actor) = (app_state()?, current_actor()?);
    let saved = content::save_template(&state, &actor, &org, id, &name, &body).await?;
    leptos_axum::redirect(&format!("/manage/{org}/templates/{saved}?done=saved"));
    Ok(())
}

/// A template as a contact (or a sample person) would receive it: (plain text, HTML).
#[server(prefix = "/api", endpoint = "preview_template")]
pub async fn preview_template(
    org: String,
    id: TemplateId,
    #[server(default)] contact: String,
    #[server(default)] event: String,
) -> Result<(String, String), AppError> {
    let contact = optional_id(&contact).map(ContactId);
    let event = optional_id(&event).map(domain::EventId);
    content::preview(&app_state()?, &current_actor()?, &org, id, contact, event).await
}

/// Sends a template, rendered for the contact of the preview, to the organizer's own address.
#[server(prefix = "/api", endpoint = "send_test_message")]
pub async fn send_test_message(
    org: String,
    id: TemplateId,
    #[server(default)] contact: String,
    #[server(default)] event: String,
    #[server(default)] subject: String,
) -> Result<(), AppError> {
    let (contact_id, event_id) = (
        optional_id(&contact).map(ContactId),
        optional_id(&event).map(domain::EventId),
    );
    let (state, actor) = (app_state()?, current_actor()?);
    content::send_test(&state, &actor, &org, id, contact_id, event_id, &subject).await?;
    // Back to the same preview, so the page still shows whom the test was rendered for.
    leptos_axum::redirect(&format!(
        "/manage/{org}/templates/{id}?contact={contact}&event={event}&done=test"
    ));
    Ok(())
}

/// One campaign with its statistics.
#[server(prefix = "/api", endpoint = "get_campaign")]
pub async fn get_campaign(org: String, id: CampaignId) -> Result<CampaignDetails, AppError> {
    campaigns::details(&app_state()?, &current_actor()?, &org, id).await
}

/// How far a campaign's sending has come, for its page's progress bar.
#[server(prefix = "/api", endpoint = "get_campaign_progress")]
pub async fn get_campaign_progress(
    org: String,
    id: CampaignId,
) -> Result<domain::progress::Progress, AppError> {
    campaigns::progress(&app_state()?, &current_actor()?, &org, id).await
}

/// Creates (`id` blank) or saves a campaign.
#[server(prefix = "/api", endpoint = "save_campaign")]
pub async fn save_campaign(
    org: String,
    #[server(default)] id: String,
    name: String,
    subject: String,
    from_name: String,
    #[server(default)] template: String,
    #[server(default)] segment: String,
    #[server(default)] event: String,
    #[server(default)] throttle: String,
) -> Result<(), AppError> {
    let form = CampaignForm {
        name,
        subject,
        from_name,
        template,
        segment,
        event,
        throttle,
    };
    let id = optional_id(&id).map(CampaignId);
    let (state, actor) = (app_state()?, current_actor()?);
    let saved = campaigns::save(&state, &actor, &org, id, &form).await?;
    leptos_axum::redirect(&format!("/manage/{org}/campaigns/{saved}?done=saved"));
    Ok(())
}

/// Sends now, schedules, unschedules, pauses, resumes or cancels a campaign. Sending now and
/// cancelling take `confirm=yes` (as deleting a speaker does), which only the page's
/// confirmation posts.
#[server(prefix = "/api", endpoint = "change_campaign")]
pub async fn change_campaign(
    org: String,
    id: CampaignId,
    change: String,
    #[server(default)] send_at: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let change_kind = Change::parse(&change)
        .ok_or_else(|| AppError::invalid("change", "choose what to do with the campaign"))?;
    let (state, actor) = (app_state()?, current_actor()?);
    let confirmed = confirm == "yes";
    campaigns::change(&state, &actor, &org, id, change_kind, &send_at, confirmed).await?;
    leptos_axum::redirect(&format!("/manage/{org}/campaigns/{id}?done={change}"));
    Ok(())
}
