-- The agenda of an event (tracks, rooms, sessions), the organization's speakers, and the
-- attendees' registrations and personal agendas.

-- How many people may join (NULL: no limit), and when a draft publishes itself.
ALTER TABLE events ADD COLUMN capacity INTEGER;
ALTER TABLE events ADD COLUMN publish_at INTEGER;
CREATE INDEX events_to_publish ON events (publish_at);

CREATE TABLE tracks (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name     TEXT    NOT NULL,
    -- Lower-cased name: two tracks of one event may not differ by case only.
    name_key TEXT    NOT NULL,
    UNIQUE (event_id, name_key)
);

CREATE TABLE rooms (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name     TEXT    NOT NULL,
    name_key TEXT    NOT NULL,
    -- Display order of the agenda's columns.
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event_id, name_key)
);

-- Organization-level profiles, reused across events.
CREATE TABLE speakers (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    headline        TEXT    NOT NULL DEFAULT '',
    company         TEXT    NOT NULL DEFAULT '',
    bio             TEXT    NOT NULL DEFAULT '',
    photo           TEXT,
    -- One http(s) link per line.
    links           TEXT    NOT NULL DEFAULT '',
    -- Lower-cased name, headline and company, written by the application.
    search_text     TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX speakers_by_organization ON speakers (organization_id, name);

-- "Session" as in a talk; the table is not called sessions, which holds sign-ins.
CREATE TABLE agenda_items (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    abstract   TEXT    NOT NULL DEFAULT '',
    kind       TEXT    NOT NULL DEFAULT 'talk'
               CHECK (kind IN ('talk', 'workshop', 'keynote', 'panel', 'break')),
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    -- A room in use cannot be deleted (the organizer is asked to move its sessions first).
    room_id    INTEGER REFERENCES rooms (id) ON DELETE RESTRICT,
    track_id   INTEGER REFERENCES tracks (id) ON DELETE SET NULL,
    search_text TEXT   NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX agenda_items_by_event ON agenda_items (event_id, starts_at);
CREATE INDEX agenda_items_by_room ON agenda_items (room_id);

CREATE TABLE agenda_item_speakers (
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    speaker_id     INTEGER NOT NULL REFERENCES speakers (id) ON DELETE RESTRICT,
    position       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agenda_item_id, speaker_id)
);
CREATE INDEX agenda_item_speakers_by_speaker ON agenda_item_speakers (speaker_id);

-- An attendee's place at an event. One row per person and event, whatever its history.
CREATE TABLE registrations (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status     TEXT    NOT NULL CHECK (status IN ('joined', 'waitlisted', 'cancelled')),
    -- When the row entered its current status: the waitlist is served in this order.
    status_at  INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (event_id, user_id)
);
CREATE INDEX registrations_by_status ON registrations (event_id, status, status_at, id);
CREATE INDEX registrations_by_user ON registrations (user_id);

-- Sessions starred by an attendee: the personal agenda.
CREATE TABLE favorites (
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, agenda_item_id)
);
CREATE INDEX favorites_by_item ON favorites (agenda_item_id);

-- Who changed what in an event, for its change history.
CREATE TABLE event_changes (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at       INTEGER NOT NULL,
    summary  TEXT    NOT NULL
);
CREATE INDEX event_changes_by_event ON event_changes (event_id, id);

-- The secret address of a person's personal agenda as iCalendar: only its SHA-256 is kept,
-- so the link is shown once; making a new one disables the old.
CREATE TABLE agenda_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
