-- Organizations (the tenants) and their events.
-- Instants are Unix seconds (INTEGER) so the same queries run on SQLite and PostgreSQL.

CREATE TABLE organizations (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    -- name.to_lowercase(), written by the application: SQLite's LOWER() folds ASCII only.
    search_text TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug            TEXT    NOT NULL UNIQUE,
    title           TEXT    NOT NULL,
    summary         TEXT    NOT NULL DEFAULT '',
    description     TEXT    NOT NULL DEFAULT '',
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    time_zone       TEXT    NOT NULL,
    venue           TEXT,
    online_url      TEXT,
    cover_image     TEXT,
    status          TEXT    NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'published', 'archived')),
    visibility      TEXT    NOT NULL DEFAULT 'public'
                    CHECK (visibility IN ('public', 'unlisted')),
    -- Lower-cased title, summary, venue (+ "online"), written by the application
    -- (domain::event::search_text), so both databases and the browser compare the same text.
    search_text     TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (ends_at >= starts_at)
);

-- The home page: published, public, not yet ended, soonest first.
CREATE INDEX events_public_by_start ON events (status, visibility, starts_at);
CREATE INDEX events_by_organization ON events (organization_id, starts_at);
