//! CSV imports of speakers and sessions: read and check every row (the preview), then, once
//! confirmed, create the valid rows in a background job. Rows are checked by the same rules as
//! the forms (`speakers::parse`, `agenda::parse_session`), once at preview and again when
//! imported, since rooms, tracks or speakers may change in between. Each row is created in
//! its own transaction together with its outcome, so a crash half-way resumes where it stopped
//! and never creates a row twice.

use std::collections::BTreeMap;

use crate::domain::import::{
    ImportKind, ImportPage, ImportProblem, ImportRow, ImportStatus, RowStatus,
};
use crate::domain::organizer::SessionForm;
use crate::domain::speaker::SpeakerForm;
use crate::domain::{EventId, OrganizationId, SpeakerId, UserId};
use crate::error::AppError;
use crate::server::accounts::session::Actor;
use crate::server::db::agenda::{self, ItemValues, NamedRow, Place};
use crate::server::db::speakers::{self, SpeakerValues};
use crate::server::db::{self, imports, managed_events, organizations::OrganizationRow};
use crate::server::policy::Action;
use crate::server::{AppState, time, workspace};

use super::{EventScope, scope};

/// The most rows a file may have.
pub const MAX_ROWS: usize = 5_000;
/// A worker that has not renewed its claim for this long is taken over.
const LEASE_SECS: i64 = 60;
/// Rows read from the database at a time.
const BATCH: i64 = 100;

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

/// Why an upload did not become an import.
#[derive(Debug)]
pub enum UploadError {
    /// The file cannot be read as an import; the person can fix it.
    Refused(ImportProblem),
    /// Something on our side failed (already logged).
    Failed(AppError),
}

impl From<AppError> for UploadError {
    fn from(error: AppError) -> Self {
        Self::Failed(error)
    }
}

/// Reads and checks `file`, and stores the preview; the import's id.
pub async fn preview(
    state: &AppState,
    target: &Target,
    file_name: &str,
    file: &[u8],
) -> Result<i64, UploadError> {
    let kind = target.kind();
    let rows = read_csv(kind, file).map_err(UploadError::Refused)?;
    let context = Context::load(state, target.organization.id, target.scope.as_ref()).await?;
    let mut seen: BTreeMap<String, i64> = BTreeMap::new();
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
            let fields: BTreeMap<String, String> =
                serde_json::from_str(&row.data).unwrap_or_default();
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

/// Checks every second for confirmed imports, forever (the caller aborts the task on
/// shutdown). Several instances may run it: each import is claimed by one.
pub async fn run(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        while work_once(&state).await {}
    }
}

/// Claims one import and imports its remaining rows; whether there was one. Failures are
/// logged; the lease runs out and the import is taken up again.
pub async fn work_once(state: &AppState) -> bool {
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

async fn import(state: &AppState, record: &imports::ImportRecord) -> Result<(), AppError> {
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
        let context = Context::load(state, record.organization_id, scope.as_ref()).await?;
        for row in rows {
            let fields: BTreeMap<String, String> =
                serde_json::from_str(&row.data).unwrap_or_default();
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
    state: &AppState,
    record: &imports::ImportRecord,
    context: &Context<'_>,
    line: i64,
    fields: &BTreeMap<String, String>,
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
    state: &AppState,
    organization: OrganizationId,
    event: EventId,
) -> Result<EventScope, AppError> {
    let organization = crate::server::db::organizations::by_id(&state.db, organization)
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
        grant: crate::server::policy::Grant {
            user: UserId(0),
            role: None,
        },
        tz,
    })
}

/// What one valid row creates.
enum Plan {
    Speaker(SpeakerValues),
    Session(ItemValues, Vec<SpeakerId>),
}

/// What rows are checked against: the organization's speakers and, for sessions, the event.
struct Context<'a> {
    scope: Option<&'a EventScope>,
    speakers: Vec<(SpeakerId, String)>,
    rooms: Vec<NamedRow>,
    tracks: Vec<NamedRow>,
}

impl<'a> Context<'a> {
    async fn load(
        state: &AppState,
        organization: OrganizationId,
        scope: Option<&'a EventScope>,
    ) -> Result<Self, AppError> {
        let speakers = speakers::names(&state.db, organization)
            .await
            .map_err(AppError::db("cannot list speakers"))?;
        let (rooms, tracks) = match scope {
            None => (Vec::new(), Vec::new()),
            Some(scope) => (
                agenda::places(&state.db, scope.event.id, Place::Rooms)
                    .await
                    .map_err(AppError::db("cannot list rooms"))?,
                agenda::places(&state.db, scope.event.id, Place::Tracks)
                    .await
                    .map_err(AppError::db("cannot list tracks"))?,
            ),
        };
        Ok(Self {
            scope,
            speakers,
            rooms,
            tracks,
        })
    }

    /// The row's plan, or why it cannot be imported.
    fn check(&self, fields: &BTreeMap<String, String>) -> Result<Plan, String> {
        match self.scope {
            None => self.check_speaker(fields),
            Some(scope) => self.check_session(scope, fields),
        }
    }

    fn check_speaker(&self, fields: &BTreeMap<String, String>) -> Result<Plan, String> {
        let form = SpeakerForm {
            name: field(fields, "name").to_owned(),
            headline: field(fields, "headline").to_owned(),
            company: field(fields, "company").to_owned(),
            bio: field(fields, "bio").to_owned(),
            // Exports write one link per line; a spreadsheet may use spaces or semicolons.
            links: field(fields, "links")
                .split(|c: char| c.is_whitespace() || c == ';')
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
        };
        let values = super::speakers::parse(&form).map_err(|e| messages(&e))?;
        let taken = self
            .speakers
            .iter()
            .any(|(_, name)| name.to_lowercase() == values.name.to_lowercase());
        if taken {
            return Err(format!("a speaker named “{}” exists already", values.name));
        }
        Ok(Plan::Speaker(values))
    }

    fn check_session(
        &self,
        scope: &EventScope,
        fields: &BTreeMap<String, String>,
    ) -> Result<Plan, String> {
        let mut problems = Vec::new();
        let mut place = |column: &str, known: &[NamedRow], what: &str| -> String {
            let name = field(fields, column).trim();
            if name.is_empty() {
                return String::new();
            }
            match known
                .iter()
                .find(|p| p.name.to_lowercase() == name.to_lowercase())
            {
                Some(found) => found.id.to_string(),
                None => {
                    problems.push(format!(
                        "{column}: this event has no {what} “{name}”; add it first"
                    ));
                    String::new()
                }
            }
        };
        let room = place("room", &self.rooms, "room");
        let track = place("track", &self.tracks, "track");
        let mut speaker_ids = Vec::new();
        for name in field(fields, "speakers")
            .split(';')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            match self
                .speakers
                .iter()
                .find(|(_, known)| known.to_lowercase() == name.to_lowercase())
            {
                Some((id, _)) => speaker_ids.push(*id),
                None => problems.push(format!(
                    "speakers: no speaker named “{name}”; import or add the speakers first"
                )),
            }
        }
        let kind = match field(fields, "kind").trim() {
            "" => "talk".to_owned(),
            kind => kind.to_lowercase(),
        };
        let form = SessionForm {
            title: field(fields, "title").to_owned(),
            abstract_text: field(fields, "abstract").to_owned(),
            kind,
            // Exports write "2031-03-03 09:00"; the form's own format has a "T".
            starts_local: field(fields, "starts").trim().replacen(' ', "T", 1),
            ends_local: field(fields, "ends").trim().replacen(' ', "T", 1),
            room,
            track,
        };
        let ids = |rows: &[NamedRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
        let parsed =
            super::agenda::parse_session(scope, &ids(&self.rooms), &ids(&self.tracks), &form);
        match parsed {
            Ok(values) if problems.is_empty() => Ok(Plan::Session(values, speaker_ids)),
            Ok(_) => Err(problems.join("; ")),
            Err(error) => {
                problems.insert(0, messages(&error));
                Err(problems.join("; "))
            }
        }
    }
}

/// "column: message; …" from a form's field errors, with the CSV's column names.
fn messages(error: &AppError) -> String {
    match error {
        AppError::Invalid { errors, .. } => errors
            .iter()
            .map(|e| {
                let column = match e.field.as_str() {
                    "starts_local" => "starts",
                    "ends_local" => "ends",
                    "abstract_text" => "abstract",
                    other => other,
                };
                format!("{column}: {}", e.message)
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

fn field<'a>(fields: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    fields.get(name).map_or("", String::as_str)
}

/// A row's fields: column → value, for the columns its kind knows.
type Fields = BTreeMap<String, String>;

/// The file's rows as `(line, fields)`.
fn read_csv(kind: ImportKind, file: &[u8]) -> Result<Vec<(i64, Fields)>, ImportProblem> {
    if file.is_empty() {
        return Err(ImportProblem::Empty);
    }
    let text = std::str::from_utf8(file).map_err(|_| ImportProblem::NotCsv)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(ImportProblem::NotCsv);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| ImportProblem::NotCsv)?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let known = kind.columns();
    if !headers.iter().any(|h| h == known[0]) {
        return Err(ImportProblem::MissingColumns);
    }
    let mut rows = Vec::new();
    // The line a record starts on, as a text editor numbers it (the reader's own count skips
    // blank lines): newlines before its first byte, counted as the reading goes.
    let (mut counted_to, mut line) = (0, 1);
    for record in reader.records() {
        let record = record.map_err(|_| ImportProblem::NotCsv)?;
        // (The position may be that of blank lines the reader skipped before the record.)
        let start = record.position().map_or(counted_to, |p| p.byte() as usize);
        let start = text.get(start..).map_or(start, |rest| {
            start + rest.len() - rest.trim_start_matches(['\r', '\n']).len()
        });
        line += text
            .get(counted_to..start)
            .map_or(0, |skipped| skipped.matches('\n').count() as i64);
        counted_to = start.max(counted_to);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(ImportProblem::TooManyRows);
        }
        let fields = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, _)| known.contains(&h.as_str()))
            .map(|(h, v)| (h.clone(), v.to_owned()))
            .collect();
        rows.push((line, fields));
    }
    if rows.is_empty() {
        return Err(ImportProblem::NoRows);
    }
    Ok(rows)
}

/// The file's name as shown: its last path component, printable, at most 100 characters.
fn clean_file_name(raw: &str) -> String {
    let name = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let name: String = name.chars().filter(|c| !c.is_control()).take(100).collect();
    if name.trim().is_empty() {
        "upload.csv".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_line_numbers_and_known_columns_only() {
        let file =
            "\u{feff}Name,Headline,Secret\nAda,Engineer,x\n\n\"Grace, RADM\",\"Admiral\",y\n";
        let rows = read_csv(ImportKind::Speakers, file.as_bytes()).expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[1].0, 4, "blank lines are skipped but counted");
        assert_eq!(field(&rows[1].1, "name"), "Grace, RADM");
        assert!(!rows[0].1.contains_key("secret"));
        let multi = "name,bio\nAda,\"First line\nsecond line\"\nGrace,x\n";
        let rows = read_csv(ImportKind::Speakers, multi.as_bytes()).expect("rows");
        let lines: Vec<i64> = rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(
            lines,
            [2, 4],
            "a bio over two lines moves the next row down"
        );
    }

    #[test]
    fn files_that_are_not_imports_are_refused_with_a_reason() {
        let read = |bytes: &[u8]| read_csv(ImportKind::Sessions, bytes).err();
        assert_eq!(read(b""), Some(ImportProblem::Empty));
        assert_eq!(read(b"\xff\xfe\x00t"), Some(ImportProblem::NotCsv));
        assert_eq!(
            read(b"name,kind\nx,talk\n"),
            Some(ImportProblem::MissingColumns)
        );
        assert_eq!(read(b"title,kind\n"), Some(ImportProblem::NoRows));
        let many = format!("title\n{}", "Talk\n".repeat(MAX_ROWS + 1));
        assert_eq!(read(many.as_bytes()), Some(ImportProblem::TooManyRows));
        assert_eq!(
            clean_file_name("C:\\Users\\ada\\speakers.csv"),
            "speakers.csv"
        );
        assert_eq!(clean_file_name(""), "upload.csv");
    }
}
