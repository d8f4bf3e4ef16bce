-- CSV imports of speakers and sessions. A file is read and checked row by row into
-- `import_rows` (the preview); once confirmed, a background worker on any instance claims the
-- import and creates each valid row in its own transaction together with the row's outcome,
-- so a crash half-way resumes where it stopped and never creates a row twice.
CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- The event whose sessions are imported; NULL for speakers.
    event_id        INTEGER REFERENCES events (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('speakers', 'sessions')),
    status          TEXT    NOT NULL CHECK (status IN ('preview', 'queued', 'running', 'done')),
    file_name       TEXT    NOT NULL,
    -- Rows checked valid at preview, rows handled by the worker, rows created.
    valid           INTEGER NOT NULL,
    processed       INTEGER NOT NULL DEFAULT 0,
    imported        INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    -- The worker's lease: renewed as it goes; an old one means its instance died.
    claimed_at      INTEGER,
    finished_at     INTEGER
);
CREATE INDEX imports_by_status ON imports (status, id);
CREATE INDEX imports_by_organization ON imports (organization_id, id);

CREATE TABLE import_rows (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    -- The row's line in the file (the header is line 1).
    line      INTEGER NOT NULL,
    -- The row's fields, as JSON.
    data      TEXT    NOT NULL,
    status    TEXT    NOT NULL CHECK (status IN ('valid', 'invalid', 'imported', 'failed')),
    -- Why the row is invalid or failed.
    message   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (import_id, line)
);
