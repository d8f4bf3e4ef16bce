//! Contacts, their consent and tags, and the suppression list.

use domain::contact::{
    ConsentChange, ContactDetails, ContactListing, ContactRow, ContactStatus, Tag,
};
use domain::error::{AppError, Validation};
use domain::{ContactId, DisplayName, Email, OrganizationId};

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::{self, contacts};

use super::authorized;

/// Contacts listed at most on one page.
const LISTED: i64 = 200;

/// The contacts page: contacts matching `q` (and `tag`), counts, tags and suppressions.
pub async fn listing(
    state: &Services,
    actor: &Actor,
    org: &str,
    q: &str,
    tag: &str,
) -> Result<ContactListing, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let tag = Tag::parse(tag).ok();
    let mut records = contacts::search(
        &state.db,
        organization.id,
        q.trim(),
        tag.as_ref().map(Tag::as_str),
        LISTED + 1,
    )
    .await
    .map_err(AppError::db("cannot list contacts"))?;
    let truncated = records.len() as i64 > LISTED;
    records.truncate(LISTED as usize);
    let rows = rows(state, records).await?;
    let (total, mailable) = contacts::counts(&state.db, organization.id)
        .await
        .map_err(AppError::db("cannot count contacts"))?;
    Ok(ContactListing {
        contacts: rows,
        truncated,
        total,
        mailable,
        tags: contacts::all_tags(&state.db, organization.id)
            .await
            .map_err(AppError::db("cannot list tags"))?,
        suppressed: contacts::suppressions(&state.db, organization.id)
            .await
            .map_err(AppError::db("cannot list suppressions"))?,
    })
}

async fn rows(
    state: &Services,
    records: Vec<contacts::ContactRecord>,
) -> Result<Vec<ContactRow>, AppError> {
    let ids: Vec<ContactId> = records.iter().map(|r| r.id).collect();
    let tags = contacts::tags_of(&state.db, &ids)
        .await
        .map_err(AppError::db("cannot read tags"))?;
    Ok(records
        .into_iter()
        .map(|r| ContactRow {
            id: r.id,
            tags: tags
                .iter()
                .filter(|(c, _)| *c == r.id)
                .map(|(_, t)| t.clone())
                .collect(),
            email: r.email,
            name: r.name,
            status: ContactStatus::parse(&r.status).unwrap_or(ContactStatus::Unsubscribed),
            suppressed: r.suppressed != 0,
        })
        .collect())
}

async fn found(
    state: &Services,
    organization: OrganizationId,
    id: ContactId,
) -> Result<contacts::ContactRecord, AppError> {
    contacts::find(&state.db, organization, id)
        .await
        .map_err(AppError::db("cannot read a contact"))?
        .ok_or_else(|| AppError::NotFound("contact".into()))
}

/// One contact with its consent history.
pub async fn details(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: ContactId,
) -> Result<ContactDetails, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let record = found(state, organization.id, id).await?;
    let source = record.source.clone();
    let history = contacts::history(&state.db, id)
        .await
        .map_err(AppError::db("cannot read a contact's history"))?
        .into_iter()
        .filter_map(|(status, source, at)| {
            Some(ConsentChange {
                status: ContactStatus::parse(&status)?,
                source,
                at,
            })
        })
        .collect();
    let mut rows = rows(state, vec![record]).await?;
    let contact = rows.pop().ok_or(AppError::Internal)?;
    Ok(ContactDetails {
        contact,
        source,
        history,
    })
}

/// Adds a contact by hand, subscribed; its id.
pub async fn add(
    state: &Services,
    actor: &Actor,
    org: &str,
    email: &str,
    typed_name: &str,
    typed_tags: &str,
) -> Result<ContactId, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let (name, tags) = (typed_name, typed_tags);
    let mut v = Validation::default();
    let address = v.check("email", Email::parse(email));
    let name = if name.trim().is_empty() {
        Some(String::new())
    } else {
        v.check(
            "name",
            DisplayName::parse(name).map(|n| n.as_str().to_owned()),
        )
    };
    let tags = v.check("tags", Tag::parse_list(tags));
    let keep = [("email", email), ("name", typed_name), ("tags", typed_tags)];
    let (Some(address), Some(name), Some(tags)) = (address, name, tags) else {
        return Err(v.into_error().keeping(&keep));
    };
    let mut tx = state.db.begin().await?;
    let id = contacts::create(
        &mut *tx,
        organization.id,
        address.as_str(),
        &name,
        "added by an organizer",
        db::now(),
    )
    .await
    .map_err(AppError::db("cannot add a contact"))?
    .ok_or_else(|| {
        AppError::invalid("email", "this address is already a contact").keeping(&keep)
    })?;
    let tags: Vec<&str> = tags.iter().map(Tag::as_str).collect();
    contacts::set_tags(&mut tx, id, &tags)
        .await
        .map_err(AppError::db("cannot tag a contact"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot add a contact"))?;
    Ok(id)
}

/// Changes a contact's consent and tags.
pub async fn update(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: ContactId,
    typed_status: &str,
    typed_tags: &str,
) -> Result<(), AppError> {
    let status = typed_status;
    let (organization, _) = authorized(state, actor, org).await?;
    let contact = found(state, organization.id, id).await?;
    let tags = typed_tags;
    let mut v = Validation::default();
    let status = v.check(
        "status",
        ContactStatus::parse(status).ok_or_else(|| "choose a state".to_owned()),
    );
    let tags = v.check("tags", Tag::parse_list(tags));
    // Consent given back is the person's to give: an organizer may not subscribe again
    // someone who unsubscribed or complained.
    let withdrew = matches!(
        ContactStatus::parse(&contact.status),
        Some(ContactStatus::Unsubscribed | ContactStatus::Complained)
    );
    let status = status.filter(|s| {
        let resubscribing = *s == ContactStatus::Subscribed && withdrew;
        if resubscribing {
            v.check::<()>(
                "status",
                Err("this person unsubscribed themselves; only they can subscribe again".into()),
            );
        }
        !resubscribing
    });
    let (Some(status), Some(tags)) = (status, tags) else {
        return Err(v
            .into_error()
            .keeping(&[("tags", typed_tags), ("status", typed_status)]));
    };
    let mut tx = state.db.begin().await?;
    // The consent history records that an organizer made the change.
    contacts::set_status(
        &mut *tx,
        organization.id,
        id,
        status.as_str(),
        "changed by an organizer",
        db::now(),
    )
    .await
    .map_err(AppError::db("cannot change a contact"))?;
    let tags: Vec<&str> = tags.iter().map(Tag::as_str).collect();
    contacts::set_tags(&mut tx, id, &tags)
        .await
        .map_err(AppError::db("cannot tag a contact"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot change a contact"))
}

/// Adds an address to the suppression list (`suppress`) or takes it off.
pub async fn suppression(
    state: &Services,
    actor: &Actor,
    org: &str,
    email: &str,
    suppress: bool,
) -> Result<(), AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let address = Email::parse(email)
        .map_err(|m| AppError::invalid("email", m).keeping(&[("email", email)]))?;
    if suppress {
        contacts::suppress(
            &state.db,
            organization.id,
            address.as_str(),
            "added by an organizer",
            db::now(),
        )
        .await
        .map_err(AppError::db("cannot suppress an address"))
    } else {
        contacts::unsuppress(&state.db, organization.id, address.as_str())
            .await
            .map_err(AppError::db("cannot lift a suppression"))
            .map(drop)
    }
}
