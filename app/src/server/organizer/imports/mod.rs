//! CSV imports of speakers and sessions: read and check every row (the preview), then, once
//! confirmed, create the valid rows in a background job. Rows are checked by the same rules as
//! the forms (`speakers::parse`, `agenda::parse_session`), once at preview and again when
//! imported, since rooms, tracks or speakers may change in between. Each row is created in
//! its own transaction together with its outcome, so a crash half-way resumes where it stopped
//! and never creates a row twice.
mod file;
mod job;
mod rows;

use crate::domain::import::{
    ImportKind, ImportPage, ImportProblem, ImportRow, ImportStatus, RowStatus,
};
use crate::domain::{OrganizationId, UserId};
use crate::error::AppError;
use crate::server::accounts::session::Actor;
use crate::server::db::{self, imports, managed_events, organizations::OrganizationRow};
use crate::server::policy::Action;
use crate::server::{AppState, workspace};

use super::{EventScope, UploadError, scope};
use file::{Fields, clean_file_name, read_csv};
use rows::{Context, field};

pub use file::MAX_ROWS;
pub use job::{run, work_once};

/// Where a file goes, once the caller may import it.
pub struct Target {
    organization: OrganizationRow,
    scope: Option<EventScope>,
    user: UserId,
}

/// Importing speakers into the organization `org_slug`.
pub async fn speakers_target(
    state: &AppState,
    actor: &Actor,
    org_slug: &str,
) -> Result<Target, AppError> {
    let (organization, grant) =
        workspace::authorized(state, actor, org_slug, Action::ManageEvents).await?;
    Ok(Target {
        organization,
        scope: None,
        user: grant.user,
    })
}

/// Importing sessions into the event `event_slug` of `org_slug`.
pub async fn sessions_target(
    state: &AppState,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<Target, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    Ok(Target {
        organization: scope.organization.clone(),
        user: scope.grant.user,
        scope: Some(scope),
    })
}

impl Target {
    fn kind(&self) -> ImportKind {
        if self.scope.is_some() {
            ImportKind::Sessions
        } else {
            ImportKind::Speakers
        }
    }

    /// The page the upload form is on.
    pub fn form_page(&self) -> String {
        match &self.scope {
            None => format!("/manage/{}/speakers", self.organization.slug),
            Some(scope) => format!(
                "/manage/{}/events/{}",
                self.organization.slug, scope.event.slug
            ),
        }
    }
}

/// Reads and checks `file`, and stores the preview; the import's id.
pub async fn preview(
    state: &AppState,
    target: &Target,
    file_name: &str,
    file: &[u8],
) -> Result<i64, UploadError<ImportProblem>> {
    let kind = target.kind();
    let rows = read_csv(kind, file).map_err(UploadError::Refused)?;
    let context = Context::load(state, target.organization.id, target.scope.as_ref()).await?;
    let mut seen: std::collections::BTreeMap<String, i64> = Default::default();
    let mut checked = Vec::with_capacity(rows.len());
    for (line, fields) in rows {
        let mut outcome = context.check(&fields).map(|_| ());
        // The same speaker twice in one file would become two profiles.
        if kind == ImportKind::Speakers && outcome.is_ok() {
            let key = field(&fields, "name").trim().to_lowercase();
            if let Some(first) = seen.get(&key) {
                outcome = Err(format!("the same name as line {first}"));
            } else {
                seen.insert(key, line);
            }
        }
        let data = serde_json::to_string(&fields)
            .map_err(|e| AppError::internal("cannot store an import row", e))?;
        let (status, message) = match outcome {
            Ok(()) => (RowStatus::Valid.as_str(), String::new()),
            Err(message) => (RowStatus::Invalid.as_str(), message),
        };
        checked.push((line, data, status, message));
    }
    let mut tx = state.db.begin().await?;
    let file_name = clean_file_name(file_name);
    let new = imports::NewImport {
        organization: target.organization.id,
        event: target.scope.as_ref().map(|s| s.event.id),
        kind: kind.as_str(),
        file_name: &file_name,
        created_by: target.user,
    };
    let id = imports::create(&mut tx, &new, &checked, db::now())
        .await
        .map_err(AppError::db("cannot store an import"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot store an import"))?;
    Ok(id)
}

/// The import page.
pub async fn page(
    state: &AppState,
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
    let rows = imports::rows(&state.db, id, ImportPage::LISTED as i64)
        .await
        .map_err(AppError::db("cannot list import rows"))?
        .into_iter()
        .map(|row| {
            let fields: Fields = serde_json::from_str(&row.data).unwrap_or_default();
            ImportRow {
                line: row.line,
                label: field(&fields, kind.columns()[0]).to_owned(),
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
        rows,
    })
}

/// Confirms a preview: the background job imports its valid rows.
pub async fn start(
    state: &AppState,
    actor: &Actor,
    org_slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ManageEvents).await?;
    found(state, organization.id, id).await?;
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
    state: &AppState,
    actor: &Actor,
    org_slug: &str,
    id: i64,
) -> Result<String, AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ManageEvents).await?;
    let record = found(state, organization.id, id).await?;
    let back = match record.event_id {
        None => format!("/manage/{}/speakers", organization.slug),
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
    state: &AppState,
    organization: OrganizationId,
    id: i64,
) -> Result<imports::ImportRecord, AppError> {
    imports::find(&state.db, organization, id)
        .await
        .map_err(AppError::db("cannot read an import"))?
        .ok_or_else(|| AppError::NotFound("import".into()))
}
