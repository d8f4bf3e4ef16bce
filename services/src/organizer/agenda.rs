//! Rooms, tracks and sessions of an event, and the speakers of each session.

use domain::agenda::SessionKind;
use domain::error::{AppError, Validation};
use domain::organizer::SessionForm;
use domain::speaker::SpeakerForm;
use domain::{AgendaItemId, RoomId, SpeakerId, TrackId};

use crate::accounts::session::Actor;
use crate::db::agenda::{self, ItemValues, Place};
use crate::db::{self, speakers, users};
use crate::policy::Action;
use crate::{Services, time};

use super::{EventScope, scope};

impl Place {
    fn noun(self) -> &'static str {
        match self {
            Self::Rooms => "room",
            Self::Tracks => "track",
        }
    }
}

/// Adds a room or track to the event.
pub async fn add_place(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    place: Place,
    name: &str,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let field = place.noun();
    let name = domain::text::required(name, 80, false)
        .map_err(|m| AppError::invalid(field, m).keeping(&[(field, name)]))?;
    let mut tx = state.db.begin().await?;
    match agenda::add_place(&mut *tx, scope.event.id, place, &name).await {
        Ok(_) => {}
        Err(e) if users::is_unique_violation(&e) => {
            return Err(AppError::invalid(
                field,
                format!("this event already has a {field} called “{name}”"),
            )
            .keeping(&[(field, &name)]));
        }
        Err(e) => return Err(AppError::database("cannot add a room or track", e)),
    }
    scope
        .record(tx, &format!("added the {field} “{name}”"))
        .await
}

/// Deletes a room or track. When sessions use it, nothing happens until `confirmed`: the
/// error says how many sessions would lose it, and the page asks again.
pub async fn delete_place(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    place: Place,
    id: i64,
    confirmed: bool,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let noun = place.noun();
    let name = agenda::places(&state.db, scope.event.id, place)
        .await
        .map_err(AppError::db("cannot list rooms or tracks"))?
        .into_iter()
        .find(|p| p.id == id)
        .map(|p| p.name)
        .ok_or_else(|| AppError::NotFound(noun.into()))?;
    let used_by = agenda::place_use(&state.db, place, id)
        .await
        .map_err(AppError::db("cannot count sessions"))?;
    if used_by > 0 && !confirmed {
        return Err(confirmation(
            &format!("delete_{noun}"),
            id,
            format!(
                "{used_by} session{} in “{name}”. Delete it anyway? {} will have no {noun}.",
                if used_by == 1 { " is" } else { "s are" },
                if used_by == 1 { "It" } else { "They" },
            ),
        ));
    }
    let mut tx = state.db.begin().await?;
    agenda::delete_place(&mut *tx, scope.event.id, place, id)
        .await
        .map_err(AppError::db("cannot delete a room or track"))?;
    scope
        .record(tx, &format!("deleted the {noun} “{name}”"))
        .await
}

/// The error that asks to confirm a destructive action: the page shows `message` with a
/// button posting the same action again with `confirm=yes`. `target` says which row.
pub fn confirmation(action: &str, target: i64, message: String) -> AppError {
    AppError::invalid("confirm", message).keeping(&[
        ("confirm_action", action),
        ("confirm_target", &target.to_string()),
    ])
}

/// Checks the session form against the event: times inside the event, a room and track of
/// this event.
pub(super) fn parse_session(
    scope: &EventScope,
    rooms: &[i64],
    tracks: &[i64],
    form: &SessionForm,
) -> Result<ItemValues, AppError> {
    let mut v = Validation::default();
    let title = v.check("title", domain::text::required(&form.title, 200, false));
    let abstract_text = v.check(
        "abstract_text",
        domain::text::optional(&form.abstract_text, 10_000, true),
    );
    let kind = v.check("kind", SessionKind::parse(&form.kind));
    let starts_at = v.check(
        "starts_local",
        time::parse_local(&form.starts_local, &scope.tz),
    );
    let ends_at = v.check("ends_local", time::parse_local(&form.ends_local, &scope.tz));
    if let (Some(start), Some(end)) = (starts_at, ends_at) {
        let (event_start, event_end) = (scope.event.starts_at, scope.event.ends_at);
        let dates = time::schedule(event_start, event_end, &scope.event.time_zone).label;
        if end <= start {
            v.check::<()>("ends_local", Err("end after the start".to_owned()));
        } else if start < event_start || start >= event_end {
            v.check::<()>(
                "starts_local",
                Err(format!("start during the event ({dates})")),
            );
        } else if end > event_end {
            v.check::<()>(
                "ends_local",
                Err(format!("end by the end of the event ({dates})")),
            );
        }
    }
    let pick = |raw: &str, known: &[i64], what: &str| -> Result<Option<i64>, String> {
        match raw.trim() {
            "" => Ok(None),
            raw => raw
                .parse::<i64>()
                .ok()
                .filter(|id| known.contains(id))
                .map(Some)
                .ok_or_else(|| format!("choose one of this event's {what}s")),
        }
    };
    let room = v.check("room", pick(&form.room, rooms, "room"));
    let track = v.check("track", pick(&form.track, tracks, "track"));
    match (title, abstract_text, kind, starts_at, ends_at, room, track) {
        (
            Some(title),
            Some(abstract_text),
            Some(kind),
            Some(starts_at),
            Some(ends_at),
            Some(room),
            Some(track),
        ) if v.is_empty() => Ok(ItemValues {
            title,
            abstract_text: abstract_text.unwrap_or_default(),
            kind: kind.as_str(),
            starts_at,
            ends_at,
            room: room.map(RoomId),
            track: track.map(TrackId),
        }),
        _ => Err(v.into_error().keeping(&form.kept())),
    }
}

/// Creates (`id` none) or saves a session; its id.
pub async fn save_session(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    id: Option<AgendaItemId>,
    form: &SessionForm,
) -> Result<AgendaItemId, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let ids = |rows: Vec<agenda::NamedRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let rooms = agenda::places(&state.db, scope.event.id, Place::Rooms)
        .await
        .map_err(AppError::db("cannot list rooms"))?;
    let tracks = agenda::places(&state.db, scope.event.id, Place::Tracks)
        .await
        .map_err(AppError::db("cannot list tracks"))?;
    let values = parse_session(&scope, &ids(rooms), &ids(tracks), form)?;
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let (id, summary) = match id {
        None => {
            let id = agenda::create_item(&mut *tx, scope.event.id, &values, now)
                .await
                .map_err(AppError::db("cannot add a session"))?;
            (id, format!("added the session “{}”", values.title))
        }
        Some(id) => {
            let found = agenda::update_item(&mut *tx, scope.event.id, id, &values, now)
                .await
                .map_err(AppError::db("cannot save a session"))?;
            if !found {
                return Err(AppError::NotFound("session".into()));
            }
            (id, format!("changed the session “{}”", values.title))
        }
    };
    scope.record(tx, &summary).await?;
    Ok(id)
}

/// Moves a session to `room` (an id, or blank for none) starting at `starts_local`, keeping
/// its length and everything else: what dragging it on the agenda grid does. The same checks
/// as the session form apply.
pub async fn move_session(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    id: AgendaItemId,
    room: &str,
    starts_local: &str,
) -> Result<AgendaItemId, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let item = scope.session(state, id).await?;
    let start = time::parse_local(starts_local, &scope.tz)
        .map_err(|message| AppError::invalid("starts_local", message))?;
    let form = SessionForm {
        title: item.title,
        abstract_text: item.abstract_text,
        kind: item.kind,
        starts_local: starts_local.to_owned(),
        ends_local: time::local_input(start + (item.ends_at - item.starts_at), &scope.tz),
        room: room.to_owned(),
        track: item.track_id.map(|t| t.to_string()).unwrap_or_default(),
    };
    save_session(state, actor, org_slug, event_slug, Some(id), &form).await
}

/// Deletes a session of the event.
pub async fn delete_session(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    id: AgendaItemId,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let item = scope.session(state, id).await?;
    let mut tx = state.db.begin().await?;
    agenda::delete_item(&mut *tx, scope.event.id, id)
        .await
        .map_err(AppError::db("cannot delete a session"))?;
    scope
        .record(tx, &format!("deleted the session “{}”", item.title))
        .await
}

impl EventScope {
    /// One of the event's sessions; another event's is "not found" like a missing one.
    async fn session(
        &self,
        state: &Services,
        id: AgendaItemId,
    ) -> Result<agenda::ItemRow, AppError> {
        agenda::item(&state.db, self.event.id, id)
            .await
            .map_err(AppError::db("cannot read a session"))?
            .ok_or_else(|| AppError::NotFound("session".into()))
    }

    /// One of the organization's speakers; another organization's is refused like a typo.
    async fn speaker(
        &self,
        state: &Services,
        id: SpeakerId,
    ) -> Result<speakers::SpeakerRow, AppError> {
        speakers::by_id(&state.db, self.organization.id, id)
            .await
            .map_err(AppError::db("cannot read a speaker"))?
            .ok_or_else(|| {
                AppError::invalid("speaker", "choose one of your organization's speakers")
            })
    }
}

/// Who to add to a session: one of the organization's speakers, or a new profile made
/// from a name typed in the event editor.
pub enum SpeakerChoice<'a> {
    /// An existing profile.
    Existing(SpeakerId),
    /// A new profile with this name (the rest is filled in on the speakers page).
    New(&'a str),
}

impl<'a> SpeakerChoice<'a> {
    /// Reads the editor's two fields: the select (`speaker`, blank for none) and the name of
    /// a new speaker; the select wins when both are given.
    pub fn from_form(speaker: &str, new_name: &'a str) -> Result<Self, AppError> {
        match (speaker.trim(), new_name.trim()) {
            ("", "") => Err(AppError::invalid(
                "speaker",
                "choose a speaker, or type the name of a new one",
            )),
            ("", _) => Ok(Self::New(new_name)),
            (id, _) => id
                .parse()
                .map(|id| Self::Existing(SpeakerId(id)))
                .map_err(|_| {
                    AppError::invalid("speaker", "choose one of your organization's speakers")
                }),
        }
    }
}

/// Adds a speaker to a session (creating the profile first when it is new).
pub async fn add_session_speaker(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    item: AgendaItemId,
    choice: SpeakerChoice<'_>,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let session = scope.session(state, item).await?;
    let mut tx = state.db.begin().await?;
    let (speaker, name) = match choice {
        SpeakerChoice::Existing(id) => {
            let profile = scope.speaker(state, id).await?;
            (id, profile.name)
        }
        SpeakerChoice::New(name) => {
            let form = SpeakerForm {
                name: name.to_owned(),
                ..SpeakerForm::default()
            };
            let values = super::speakers::parse(&form).map_err(|e| {
                let message = e.field_message("name").unwrap_or("enter a name").to_owned();
                AppError::invalid("new_speaker", message)
            })?;
            let id = speakers::create(&mut *tx, scope.organization.id, &values, db::now())
                .await
                .map_err(AppError::db("cannot create a speaker"))?;
            (id, values.name)
        }
    };
    agenda::attach_speaker(&mut *tx, item, speaker)
        .await
        .map_err(AppError::db("cannot change a session's speakers"))?;
    scope
        .record(tx, &format!("added {name} to “{}”", session.title))
        .await
}

/// Takes a speaker off a session.
pub async fn remove_session_speaker(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    item: AgendaItemId,
    speaker: SpeakerId,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let session = scope.session(state, item).await?;
    let profile = scope.speaker(state, speaker).await?;
    let mut tx = state.db.begin().await?;
    agenda::detach_speaker(&mut *tx, item, speaker)
        .await
        .map_err(AppError::db("cannot change a session's speakers"))?;
    scope
        .record(
            tx,
            &format!("removed {} from “{}”", profile.name, session.title),
        )
        .await
}
