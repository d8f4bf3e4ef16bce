//! Checking one row against the organization's speakers and, for sessions, the event: the
//! forms' own rules (`speakers::parse`, `agenda::parse_session`), plus the names a CSV file
//! uses for rooms, tracks and speakers.

use domain::contact::Tag;
use domain::error::AppError;
use domain::import::ContactMapping;
use domain::organizer::SessionForm;
use domain::speaker::SpeakerForm;
use domain::{DisplayName, Email, OrganizationId, SpeakerId};

use crate::Services;
use crate::db::agenda::{self, ItemValues, NamedRow, Place};
use crate::db::speakers::{self, SpeakerValues};
use crate::organizer::EventScope;

use super::file::Fields;

/// What one valid row creates.
pub(super) enum Plan {
    Speaker(SpeakerValues),
    Session(ItemValues, Vec<SpeakerId>),
    Contact(ContactPlan),
}

/// A contact to create.
pub(super) struct ContactPlan {
    /// The address, lower-cased.
    pub email: String,
    /// The name, possibly blank.
    pub name: String,
    /// Its tags.
    pub tags: Vec<Tag>,
}

/// What rows are checked against: the organization's speakers and, for sessions, the event;
/// for contacts, which column holds what.
pub(super) struct Context<'a> {
    mapping: Option<ContactMapping>,
    scope: Option<&'a EventScope>,
    speakers: Vec<(SpeakerId, String)>,
    rooms: Vec<NamedRow>,
    tracks: Vec<NamedRow>,
}

impl<'a> Context<'a> {
    /// The context of a contacts file read with `mapping`: the checks need nothing else.
    pub(super) fn contacts(mapping: ContactMapping) -> Self {
        Self {
            mapping: Some(mapping),
            scope: None,
            speakers: Vec::new(),
            rooms: Vec::new(),
            tracks: Vec::new(),
        }
    }

    pub(super) async fn load(
        state: &Services,
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
            mapping: None,
            scope,
            speakers,
            rooms,
            tracks,
        })
    }

    /// The row's plan, or why it cannot be imported.
    pub(super) fn check(&self, fields: &Fields) -> Result<Plan, String> {
        match (&self.mapping, self.scope) {
            (Some(mapping), _) => check_contact(mapping, fields),
            (None, None) => self.check_speaker(fields),
            (None, Some(scope)) => self.check_session(scope, fields),
        }
    }

    fn check_speaker(&self, fields: &Fields) -> Result<Plan, String> {
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
        let values = crate::organizer::speakers::parse(&form).map_err(|e| messages(&e))?;
        let taken = self
            .speakers
            .iter()
            .any(|(_, name)| name.to_lowercase() == values.name.to_lowercase());
        if taken {
            return Err(format!("a speaker named “{}” exists already", values.name));
        }
        Ok(Plan::Speaker(values))
    }

    fn check_session(&self, scope: &EventScope, fields: &Fields) -> Result<Plan, String> {
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
        let parsed = crate::organizer::agenda::parse_session(
            scope,
            &ids(&self.rooms),
            &ids(&self.tracks),
            &form,
        );
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

/// A contact's row, read through the organizer's mapping and checked by the contact form's
/// rules; problems name the file's own columns.
fn check_contact(mapping: &ContactMapping, fields: &Fields) -> Result<Plan, String> {
    if mapping.email.is_empty() {
        return Err("choose the column that holds the email address".into());
    }
    let column = |name: &str| {
        if name.is_empty() {
            ""
        } else {
            field(fields, name)
        }
    };
    let email =
        Email::parse(column(&mapping.email)).map_err(|m| format!("{}: {m}", mapping.email))?;
    let name = match column(&mapping.name).trim() {
        "" => String::new(),
        raw => DisplayName::parse(raw)
            .map_err(|m| format!("{}: {m}", mapping.name))?
            .as_str()
            .to_owned(),
    };
    // Spreadsheets separate lists with semicolons as often as with commas.
    let tags = format!(
        "{},{}",
        column(&mapping.tags).replace(';', ","),
        mapping.tag_all
    );
    let tags = Tag::parse_list(&tags).map_err(|m| {
        let column = if mapping.tags.is_empty() {
            "tags"
        } else {
            &mapping.tags
        };
        format!("{column}: {m}")
    })?;
    Ok(Plan::Contact(ContactPlan {
        email: email.as_str().to_owned(),
        name,
        tags,
    }))
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

pub(super) fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields.get(name).map_or("", String::as_str)
}
