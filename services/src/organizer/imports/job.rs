//! The background job: claims a confirmed import with a lease and creates its valid rows,
//! each in its own transaction together with its outcome.

use domain::error::AppError;
use domain::import::ImportKind;
use domain::{EventId, OrganizationId, UserId};

use crate::db::{self, agenda, contacts, imports, managed_events, speakers};
use crate::organizer::EventScope;
use crate::{Services, time};

use super::file::Fields;
use super::rows::{Context, Plan};

/// A worker that has not renewed its claim for this long is taken over.
const LEASE_SECS: i64 = 60;
/// Rows read from the database at a time.
const BATCH: i64 = 100;

/// Checks every `config.import_check` (a second by default) for confirmed imports, forever (the caller aborts the task on
/// shutdown). Several instances may run it: each import is claimed by one.
pub async fn run(state: Services) {
    let mut tick = tokio::time::interval(state.config.import_check);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        while work_once(&state).await {}
    }
}

/// Claims one import and imports its remaining rows; whether there was one. Failures are
/// logged; the lease runs out and the import is taken up again.
pub async fn work_once(state: &Services) -> bool {
    let now = db::now();
    let record = match imports::claim(&state.db, now, now - LEASE_SECS).await {
        Ok(Some(record)) => record,
        Ok(None) => return false,
        Err(error) => {
            tracing::warn!(error = %error, "cannot claim an import; retrying later");
            return false;
        }
    };
    tracing::info!(import.id = record.id, kind = %record.kind, "importing");
    if let Err(error) = import(state, &record).await {
        tracing::warn!(error = %error, import.id = record.id, "an import stopped; it will resume");
        return false;
    }
    true
}

async fn import(state: &Services, record: &imports::ImportRecord) -> Result<(), AppError> {
    let scope = match record.event_id {
        None => None,
        Some(event) => Some(event_scope(state, record.organization_id, event).await?),
    };
    loop {
        let rows = imports::pending(&state.db, record.id, BATCH)
            .await
            .map_err(AppError::db("cannot read import rows"))?;
        if rows.is_empty() {
            break;
        }
        // Read again for each batch: what the rows refer to may have changed.
        let context = if record.kind == ImportKind::Contacts.as_str() {
            Context::contacts(serde_json::from_str(&record.mapping).unwrap_or_default())
        } else {
            Context::load(state, record.organization_id, scope.as_ref()).await?
        };
        for row in rows {
            let fields: Fields = serde_json::from_str(&row.data).unwrap_or_default();
            import_row(state, record, &context, row.line, &fields).await?;
        }
    }
    imports::finish(&state.db, record.id, db::now())
        .await
        .map_err(AppError::db("cannot finish an import"))?;
    if let Some(scope) = &scope {
        let summary = format!(
            "imported sessions from “{}”",
            record.file_name.replace(['“', '”'], "")
        );
        managed_events::record_change(
            state.db.pool(),
            scope.event.id,
            record.created_by,
            &summary,
            db::now(),
        )
        .await
        .map_err(AppError::db("cannot record an event change"))?;
    }
    Ok(())
}

/// Creates one row and records its outcome, in one transaction.
async fn import_row(
    state: &Services,
    record: &imports::ImportRecord,
    context: &Context<'_>,
    line: i64,
    fields: &Fields,
) -> Result<(), AppError> {
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let outcome = match context.check(fields) {
        Err(message) => Err(message),
        Ok(Plan::Speaker(values)) => {
            speakers::create(&mut *tx, record.organization_id, &values, now)
                .await
                .map_err(AppError::db("cannot import a speaker"))?;
            Ok(())
        }
        Ok(Plan::Contact(contact)) => {
            let source = format!("import of “{}”", record.file_name.replace(['“', '”'], ""));
            match contacts::create(
                &mut *tx,
                record.organization_id,
                &contact.email,
                &contact.name,
                &source,
                now,
            )
            .await
            .map_err(AppError::db("cannot import a contact"))?
            {
                Some(id) => {
                    let tags: Vec<&str> = contact.tags.iter().map(|t| t.as_str()).collect();
                    contacts::set_tags(&mut tx, id, &tags)
                        .await
                        .map_err(AppError::db("cannot import a contact"))?;
                    Ok(())
                }
                // Added meanwhile, by hand or by a registration.
                None => Err("already a contact; left as it is".to_owned()),
            }
        }
        Ok(Plan::Session(values, speaker_ids)) => {
            let event = record.event_id.unwrap_or(EventId(0));
            let item = agenda::create_item(&mut *tx, event, &values, now)
                .await
                .map_err(AppError::db("cannot import a session"))?;
            for speaker in speaker_ids {
                agenda::attach_speaker(&mut *tx, item, speaker)
                    .await
                    .map_err(AppError::db("cannot import a session"))?;
            }
            Ok(())
        }
    };
    let counted = imports::finish_row(
        &mut tx,
        record.id,
        line,
        outcome.as_ref().map_err(String::as_str).copied(),
        now,
    )
    .await
    .map_err(AppError::db("cannot record an import row"))?;
    if counted {
        tx.commit()
            .await
            .map_err(AppError::db("cannot import a row"))?;
    }
    Ok(())
}

async fn event_scope(
    state: &Services,
    organization: OrganizationId,
    event: EventId,
) -> Result<EventScope, AppError> {
    let organization = crate::db::organizations::by_id(&state.db, organization)
        .await
        .map_err(AppError::db("cannot read an organization"))?
        .ok_or_else(|| AppError::NotFound("organization".into()))?;
    let event = managed_events::by_id(&state.db, organization.id, event)
        .await
        .map_err(AppError::db("cannot read an event"))?
        .ok_or_else(|| AppError::NotFound("event".into()))?;
    let tz = time::zone_or_utc(&event.time_zone);
    Ok(EventScope {
        organization,
        event,
        // The worker acts for the person who confirmed; the grant is not used to authorize.
        grant: crate::policy::Grant {
            user: UserId(0),
            role: None,
        },
        tz,
    })
}
