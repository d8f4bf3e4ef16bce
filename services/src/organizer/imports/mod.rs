//! CSV imports of speakers and sessions: read and check every row (the preview), then, once
//! confirmed, create the valid rows in a background job. Rows are checked by the same rules as
//! the forms (`speakers::parse`, `agenda::parse_session`), once at preview and again when
//! imported, since rooms, tracks or speakers may change in between. Each row is created in
//! its own transaction together with its outcome, so a crash half-way resumes where it stopped
//! and never creates a row twice.
mod file;
mod job;
mod rows;

use domain::error::AppError;
use domain::error::Validation;
use domain::import::{
    ContactMapping, ImportKind, ImportPage, ImportProblem, ImportRow, ImportStatus, RowStatus,
};
use domain::{OrganizationId, UserId};

use crate::accounts::session::Actor;
use crate::db::{self, imports, managed_events, organizations::OrganizationRow};
use crate::policy::{self, Action, Resource};
use crate::{Services, workspace};

use super::{EventScope, UploadError, scope};
use file::{Fields, clean_file_name, read_csv};
use rows::{Context, Plan, field};

pub use file::MAX_ROWS;
pub use job::{run, work_once};

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

/// Checks every row; `(line, data, status, message)`. A name (speakers) or an address
/// (contacts) given twice is refused the second time, and so is a contact the
/// organization has already.
async fn check_rows(
    state: &Services,
    organization: OrganizationId,
    kind: ImportKind,
    context: &Context<'_>,
    rows: Vec<(i64, Fields)>,
) -> Result<Vec<(i64, String, &'static str, String)>, AppError> {
    let mut seen: std::collections::BTreeMap<String, i64> = Default::default();
    let mut outcomes = Vec::with_capacity(rows.len());
    let mut keys = Vec::with_capacity(rows.len());
    for (line, fields) in &rows {
        let mut key = String::new();
        let mut outcome = context.check(fields).map(|plan| {
            key = match plan {
                Plan::Contact(contact) => contact.email,
                _ => field(fields, "name").trim().to_lowercase(),
            }
        });
        if kind != ImportKind::Sessions && outcome.is_ok() {
            if let Some(first) = seen.get(&key) {
                outcome = Err(match kind {
                    ImportKind::Contacts => format!("the same address as line {first}"),
                    _ => format!("the same name as line {first}"),
                });
            } else {
                seen.insert(key.clone(), *line);
            }
        }
        keys.push(key);
        outcomes.push(outcome);
    }
    if kind == ImportKind::Contacts {
        let candidates: Vec<String> = seen.into_keys().collect();
        let known = crate::db::contacts::existing(&state.db, organization, &candidates)
            .await
            .map_err(AppError::db("cannot look up contacts"))?;
        let known: std::collections::BTreeSet<String> = known.into_iter().collect();
        for (outcome, key) in outcomes.iter_mut().zip(&keys) {
            if outcome.is_ok() && known.contains(key) {
                *outcome = Err("already a contact; left as it is".into());
            }
        }
    }
    rows.into_iter()
        .zip(outcomes)
        .map(|((line, fields), outcome)| {
            let data = serde_json::to_string(&fields)
                .map_err(|e| AppError::internal("cannot store an import row", e))?;
            let (status, message) = match outcome {
                Ok(()) => (RowStatus::Valid.as_str(), String::new()),
                Err(message) => (RowStatus::Invalid.as_str(), message),
            };
            Ok((line, data, status, message))
        })
        .collect()
}

/// Reads and checks `file`, and stores the preview; the import's id.
pub async fn preview(
    state: &Services,
    target: &Target,
    file_name: &str,
    file: &[u8],
) -> Result<i64, UploadError<ImportProblem>> {
    let kind = target.kind;
    let (columns, rows) = read_csv(kind, file).map_err(UploadError::Refused)?;
    let mapping = ContactMapping::guess(&columns);
    let context = match kind {
        ImportKind::Contacts => Context::contacts(mapping.clone()),
        _ => Context::load(state, target.organization.id, target.scope.as_ref()).await?,
    };
    let checked = check_rows(state, target.organization.id, kind, &context, rows).await?;
    let stored = |e| AppError::internal("cannot store an import", e);
    let columns = serde_json::to_string(&columns).map_err(stored)?;
    let mapping = serde_json::to_string(&mapping).map_err(stored)?;
    let mut tx = state.db.begin().await?;
    let file_name = clean_file_name(file_name);
    let new = imports::NewImport {
        organization: target.organization.id,
        event: target.scope.as_ref().map(|s| s.event.id),
        kind: kind.as_str(),
        file_name: &file_name,
        created_by: target.user,
        columns: &columns,
        mapping: &mapping,
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

/// Reads a contacts preview again with another `mapping`.
pub async fn remap(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    id: i64,
    mapping: ContactMapping,
) -> Result<(), AppError> {
    let (organization, record) = managed(state, actor, org_slug, id).await?;
    if record.kind != ImportKind::Contacts.as_str() || record.status != "preview" {
        return Err(AppError::Conflict(
            "Only a contacts file that is not imported yet can be read again.".into(),
        ));
    }
    let columns: Vec<String> = serde_json::from_str(&record.columns).unwrap_or_default();
    let known = |c: &str| c.is_empty() || columns.iter().any(|k| k == c);
    let mut v = Validation::default();
    if mapping.email.is_empty() {
        v.check::<()>(
            "email",
            Err("choose the column that holds the address".into()),
        );
    }
    for (field, column) in [
        ("email", &mapping.email),
        ("name", &mapping.name),
        ("tags", &mapping.tags),
    ] {
        if !known(column) {
            v.check::<()>(field, Err("choose one of the file's columns".into()));
        }
    }
    v.check(
        "tag_all",
        domain::contact::Tag::parse_list(&mapping.tag_all),
    );
    if !v.is_empty() {
        return Err(v.into_error().keeping(&[("tag_all", &mapping.tag_all)]));
    }
    let rows = imports::all_rows(&state.db, id)
        .await
        .map_err(AppError::db("cannot read import rows"))?
        .into_iter()
        .map(|row| {
            (
                row.line,
                serde_json::from_str(&row.data).unwrap_or_default(),
            )
        })
        .collect();
    let context = Context::contacts(mapping.clone());
    let checked = check_rows(state, organization.id, ImportKind::Contacts, &context, rows).await?;
    let outcomes: Vec<(i64, &'static str, String)> = checked
        .into_iter()
        .map(|(line, _, status, message)| (line, status, message))
        .collect();
    let json = serde_json::to_string(&mapping)
        .map_err(|e| AppError::internal("cannot store an import", e))?;
    let mut tx = state.db.begin().await?;
    let remapped = imports::remap(&mut tx, id, &json, &outcomes)
        .await
        .map_err(AppError::db("cannot store an import"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot store an import"))?;
    if remapped {
        Ok(())
    } else {
        Err(AppError::Conflict(
            "This import has already started; its columns can no longer change.".into(),
        ))
    }
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
