//! Reading an uploaded file into a preview: every row checked and stored with its outcome,
//! and, for contacts, read again when the organizer maps the columns differently.

use domain::OrganizationId;
use domain::error::{AppError, Validation};
use domain::import::{ContactMapping, ImportKind, ImportProblem, RowStatus};

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::{self, imports};
use crate::organizer::UploadError;

use super::file::{Fields, clean_file_name, read_csv};
use super::rows::{Context, Plan, field};
use super::{Target, managed};

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
