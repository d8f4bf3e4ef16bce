//! What recipients do with a message: opens (the pixel), clicks, and unsubscribing. Each is
//! counted once per recipient; a link whose signature does not match is refused.

use domain::error::AppError;
use domain::{CampaignId, ContactId, OrganizationId};

use crate::Services;
use crate::db::{self, campaigns, contacts};

use super::links::LinkKind;

/// Reads a signed token of `prefix` (`o`, `c`, `u`).
fn verified(
    state: &Services,
    prefix: &str,
    token: &str,
) -> Result<(LinkKind, CampaignId, ContactId), AppError> {
    state
        .mail_links
        .verify(prefix, token)
        .ok_or_else(|| AppError::NotFound("link".into()))
}

/// Counts an open. Failures are logged and otherwise ignored: the pixel is always served.
pub async fn open(state: &Services, token: &str) {
    let Ok((_, campaign, contact)) = verified(state, "o", token) else {
        return;
    };
    if let Err(error) =
        campaigns::note_activity(&state.db, campaign, contact, "open", -1, db::now()).await
    {
        tracing::warn!(%error, "cannot count an open");
    }
}

/// Counts a click (and an open: the message was read); the address to send the reader to.
pub async fn click(state: &Services, token: &str) -> Result<String, AppError> {
    let (kind, campaign, contact) = verified(state, "c", token)?;
    let LinkKind::Click(position) = kind else {
        return Err(AppError::NotFound("link".into()));
    };
    let url = campaigns::link(&state.db, campaign, position)
        .await
        .map_err(AppError::db("cannot read a link"))?
        .ok_or_else(|| AppError::NotFound("link".into()))?;
    let now = db::now();
    for (kind, link) in [("click", position), ("open", -1)] {
        campaigns::note_activity(&state.db, campaign, contact, kind, link, now)
            .await
            .map_err(AppError::db("cannot count a click"))?;
    }
    Ok(url)
}

/// What the unsubscribe page says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsubscribePage {
    /// The organization whose campaigns stop.
    pub organization: String,
    /// The address, partly hidden; "a sample person" in a test rendered for nobody.
    pub email: String,
    /// The link came in a test message: its button changes nothing.
    pub test: bool,
}

/// Whom an unsubscribe link is about.
pub async fn unsubscribe_page(state: &Services, token: &str) -> Result<UnsubscribePage, AppError> {
    if let Some((organization, contact)) = state.mail_links.verify_test(token) {
        return test_page(state, organization, contact).await;
    }
    let (_, campaign, contact) = verified(state, "u", token)?;
    let record = campaigns::by_id(&state.db, campaign)
        .await
        .map_err(AppError::db("cannot read a campaign"))?
        .ok_or_else(|| AppError::NotFound("link".into()))?;
    let mut page = test_page(state, record.organization_id, Some(contact)).await?;
    page.test = false;
    Ok(page)
}

async fn test_page(
    state: &Services,
    organization: OrganizationId,
    contact: Option<ContactId>,
) -> Result<UnsubscribePage, AppError> {
    let name = crate::db::organizations::by_id(&state.db, organization)
        .await
        .map_err(AppError::db("cannot read an organization"))?
        .ok_or_else(|| AppError::NotFound("link".into()))?
        .name;
    let email = match contact {
        Some(contact) => domain::account::masked_email(
            &contacts::find(&state.db, organization, contact)
                .await
                .map_err(AppError::db("cannot read a contact"))?
                .ok_or_else(|| AppError::NotFound("link".into()))?
                .email,
        ),
        None => "a sample person".to_owned(),
    };
    Ok(UnsubscribePage {
        organization: name,
        email,
        test: true,
    })
}

/// Unsubscribes the recipient of a link (RFC 8058 one-click, or the page's button): no
/// campaign of the organization reaches them again. Doing it twice is harmless. The link of
/// a test message changes nobody's consent: `Ok(true)` says it was one.
pub async fn unsubscribe(state: &Services, token: &str) -> Result<bool, AppError> {
    if state.mail_links.verify_test(token).is_some() {
        return Ok(true);
    }
    let (_, campaign, contact) = verified(state, "u", token)?;
    let record = campaigns::by_id(&state.db, campaign)
        .await
        .map_err(AppError::db("cannot read a campaign"))?
        .ok_or_else(|| AppError::NotFound("link".into()))?;
    let now = db::now();
    let current = contacts::find(&state.db, record.organization_id, contact)
        .await
        .map_err(AppError::db("cannot read a contact"))?
        .ok_or_else(|| AppError::NotFound("link".into()))?;
    if current.status == "subscribed" {
        contacts::set_status(
            state.db.pool(),
            record.organization_id,
            contact,
            "unsubscribed",
            &format!(
                "unsubscribe link of “{}”",
                record.name.replace(['“', '”'], "")
            ),
            now,
        )
        .await
        .map_err(AppError::db("cannot unsubscribe"))?;
    }
    campaigns::note_activity(&state.db, campaign, contact, "unsubscribe", -1, now)
        .await
        .map_err(AppError::db("cannot record an unsubscription"))?;
    Ok(false)
}
