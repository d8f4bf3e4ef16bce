//! CSV imports of speakers and sessions: read and check every row (the preview), then, once
//! confirmed, create the valid rows in a background job. Rows are checked by the same rules as
//! the forms (`speakers::parse`, `agenda::parse_session`), once at preview and again when
//! imported, since rooms, tracks or speakers may change in between. Each row is created in
//! its own transaction together with its outcome, so a crash half-way resumes where it stopped
//! and never creates a row twice.

mod file;
mod job;
mod preview;
mod rows;

use domain::error::AppError;
use domain::import::{ContactMapping, ImportKind, ImportPage, ImportRow, ImportStatus, RowStatus};
use domain::{OrganizationId, UserId};

use crate::accounts::session::Actor;
use crate::db::{imports, managed_events, organizations::OrganizationRow};
use crate::policy::{self, Action, Resource};
use crate::{Services, workspace};

use super::{EventScope, scope};
use file::Fields;
use rows::field;

pub use file::MAX_ROWS;
pub use job::{run, work_once};
pub use preview::{preview, remap};

/// Where a file goes, once the caller may import it.
pub struct Target {
    organization: OrganizationRow,
    scope: Option<EventScope>,
    user: UserId,
    kind: ImportKind,
}

/// Importing speakers into the organization `org_slug`.
pub async fn speakers_target(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
) -> Result<Target, AppError> {
    let (organization, grant) =
        workspace::authorized(state, actor, org_slug, Action::ManageEvents).await?;
    Ok(Target {
        organization,
        scope: None,
        user: grant.user,
        kind: ImportKind::Speakers,
    })
}

/// Importing contacts into the organization `org_slug`.
pub async fn contacts_target(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
) -> Result<Target, AppError> {
    let (organization, grant) =
        workspace::authorized(state, actor, org_slug, Action::ManageCampaigns).await?;
    Ok(Target {
        organization,
        scope: None,
        user: grant.user,
        kind: ImportKind::Contacts,
    })
}

/// Importing sessions into the event `event_slug` of `org_slug`.
pub async fn sessions_target(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<Target, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    Ok(Target {
        organization: scope.organization.clone(),
        user: scope.grant.user,
        scope: Some(scope),
        kind: ImportKind::Sessions,
    })
}

impl Target {
    /// The page the upload form is on.
    pub fn form_page(&self) -> String {
        match &self.scope {
            Some(scope) => format!(
                "/manage/{}/events/{}",
                self.organization.slug, scope.event.slug
            ),
            None => list_page(&self.organization.slug, self.kind),
        }
    }
}

/// The organization-wide page a kind of import starts from.
fn list_page(org: &str, kind: ImportKind) -> String {
    match kind {
        ImportKind::Contacts => format!("/manage/{org}/contacts"),
        _ => format!("/manage/{org}/speakers"),
    }
}

/// The import page.
pub async fn page(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    id: i64,
) -> Result<ImportPage, AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ViewWorkspace).await?;
    let record = found(state, organization.id, id).await?;
    let kind = ImportKind::parse(&record.kind).unwrap_or(ImportKind::Speakers);
    let event = match record.event_id {
        None => None,
        Some(event) => managed_events::by_id(&state.db, organization.id, event)
            .await
            .map_err(AppError::db("cannot read an event"))?
            .map(|e| (e.slug, e.title)),
    };
    let counts = imports::counts(&state.db, id)
        .await
        .map_err(AppError::db("cannot count import rows"))?;
    let invalid = counts
        .iter()
        .filter(|(status, _)| status == "invalid")
        .map(|(_, n)| n)
        .sum();
    let columns: Vec<String> = serde_json::from_str(&record.columns).unwrap_or_default();
    let mapping: ContactMapping = serde_json::from_str(&record.mapping).unwrap_or_default();
    let label_column = match kind {
        ImportKind::Contacts => mapping.email.clone(),
        other => other.columns()[0].to_owned(),
    };
    let rows = imports::rows(&state.db, id, ImportPage::LISTED as i64)
        .await
        .map_err(AppError::db("cannot list import rows"))?
        .into_iter()
        .map(|row| {
            let fields: Fields = serde_json::from_str(&row.data).unwrap_or_default();
            ImportRow {
                line: row.line,
                label: field(&fields, &label_column).to_owned(),
                status: RowStatus::parse(&row.status),
                message: row.message,
            }
        })
        .collect();
    Ok(ImportPage {
        id,
        organization_slug: organization.slug,
        kind,
        event,
        file_name: record.file_name,
        status: ImportStatus::parse(&record.status),
        valid: record.valid,
        invalid,
        processed: record.processed,
        imported: record.imported,
        columns,
        mapping,
        rows,
    })
}

/// Authorizes a change of the organization's import `id`, by what the import holds.
async fn managed(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    id: i64,
) -> Result<(OrganizationRow, imports::ImportRecord), AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ViewWorkspace).await?;
    let record = found(state, organization.id, id).await?;
    let action = match ImportKind::parse(&record.kind) {
        Some(ImportKind::Contacts) => Action::ManageCampaigns,
        _ => Action::ManageEvents,
    };
    policy::authorize(
        &state.db,
        actor,
        action,
        Resource::Organization(organization.id),
    )
    .await?;
    Ok((organization, record))
}

/// Confirms a preview: the background job imports its valid rows.
pub async fn start(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let (organization, _) = managed(state, actor, org_slug, id).await?;
    let queued = imports::queue(&state.db, organization.id, id)
        .await
        .map_err(AppError::db("cannot start an import"))?;
    if queued {
        Ok(())
    } else {
        Err(AppError::Conflict(
            "This import has already started, or has no valid row to import.".into(),
        ))
    }
}

/// Drops a preview without importing anything; the page of the form it came from.
pub async fn discard(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    id: i64,
) -> Result<String, AppError> {
    let (organization, record) = managed(state, actor, org_slug, id).await?;
    let kind = ImportKind::parse(&record.kind).unwrap_or(ImportKind::Speakers);
    let back = match record.event_id {
        None => list_page(&organization.slug, kind),
        Some(event) => match managed_events::by_id(&state.db, organization.id, event)
            .await
            .map_err(AppError::db("cannot read an event"))?
        {
            Some(event) => format!("/manage/{}/events/{}", organization.slug, event.slug),
            None => format!("/manage/{}", organization.slug),
        },
    };
    let dropped = imports::discard(&state.db, organization.id, id)
        .await
        .map_err(AppError::db("cannot discard an import"))?;
    if dropped {
        Ok(back)
    } else {
        Err(AppError::Conflict(
            "This import has already started; it can no longer be discarded.".into(),
        ))
    }
}

async fn found(
    state: &Services,
    organization: OrganizationId,
    id: i64,
) -> Result<imports::ImportRecord, AppError> {
    imports::find(&state.db, organization, id)
        .await
        .map_err(AppError::db("cannot read an import"))?
        .ok_or_else(|| AppError::NotFound("import".into()))
}
