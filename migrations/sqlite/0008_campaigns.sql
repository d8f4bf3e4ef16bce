-- Email campaigns: each organization's contacts with their consent and tags, its suppression
-- list, segments (saved rules), templates, campaigns, the recipients of each send, and what
-- recipients did with a message (opens, clicks, unsubscribes).

CREATE TABLE contacts (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           TEXT    NOT NULL,
    -- Lower-cased address: one contact per address and organization, whatever the case.
    email_key       TEXT    NOT NULL,
    name            TEXT    NOT NULL DEFAULT '',
    -- name.to_lowercase() by the application (SQLite's LOWER folds only ASCII), for search.
    name_key        TEXT    NOT NULL DEFAULT '',
    -- The account behind a contact that came from a registration.
    user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- Consent: its state, when and why it last changed (the history is in contact_consent).
    status          TEXT    NOT NULL
                    CHECK (status IN ('subscribed', 'unsubscribed', 'bounced', 'complained')),
    status_at       INTEGER NOT NULL,
    status_source   TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    UNIQUE (organization_id, email_key)
);
CREATE INDEX contacts_by_user ON contacts (user_id);
CREATE INDEX contacts_by_created ON contacts (organization_id, created_at);

-- Every change of consent, kept for the record; written by the triggers below.
CREATE TABLE contact_consent (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    status     TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX contact_consent_by_contact ON contact_consent (contact_id, id);

CREATE TRIGGER contacts_consent_created AFTER INSERT ON contacts
BEGIN
    INSERT INTO contact_consent (contact_id, status, source, at)
    VALUES (NEW.id, NEW.status, NEW.status_source, NEW.status_at);
END;
CREATE TRIGGER contacts_consent_changed AFTER UPDATE OF status ON contacts
WHEN NEW.status <> OLD.status
BEGIN
    INSERT INTO contact_consent (contact_id, status, source, at)
    VALUES (NEW.id, NEW.status, NEW.status_source, NEW.status_at);
END;

-- Every registration makes its person a contact of the event's organization.
CREATE TRIGGER registrations_make_contacts AFTER INSERT ON registrations
BEGIN
    INSERT INTO contacts (organization_id, email, email_key, name, name_key, user_id, status,
                          status_at, status_source, created_at)
    SELECT e.organization_id, u.email, lower(u.email), u.display_name, u.name_key, u.id, 'subscribed',
           NEW.created_at, 'registration', NEW.created_at
    FROM events e, users u
    WHERE e.id = NEW.event_id AND u.id = NEW.user_id
    ON CONFLICT (organization_id, email_key) DO UPDATE SET user_id = excluded.user_id
    WHERE contacts.user_id IS NULL;
END;

INSERT INTO contacts (organization_id, email, email_key, name, name_key, user_id, status,
                      status_at, status_source, created_at)
SELECT e.organization_id, u.email, lower(u.email), u.display_name, u.name_key, u.id, 'subscribed',
       MIN(r.created_at), 'registration', MIN(r.created_at)
FROM registrations r JOIN events e ON e.id = r.event_id JOIN users u ON u.id = r.user_id
GROUP BY e.organization_id, u.id, u.email, u.display_name, u.name_key;

-- Lower-cased labels.
CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (contact_id, tag)
);
CREATE INDEX contact_tags_by_tag ON contact_tags (tag, contact_id);

-- Addresses no campaign of the organization may ever mail, contact or not.
CREATE TABLE suppressions (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email_key       TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (organization_id, email_key)
);

CREATE TABLE segments (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    -- The rules as JSON (domain::campaign::SegmentRules); evaluated when a campaign sends.
    rules           TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX segments_by_organization ON segments (organization_id, id);

CREATE TABLE mail_templates (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    -- Markdown with {{placeholders}}.
    body            TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX mail_templates_by_organization ON mail_templates (organization_id, id);

CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    from_name       TEXT    NOT NULL,
    template_id     INTEGER REFERENCES mail_templates (id) ON DELETE SET NULL,
    segment_id      INTEGER REFERENCES segments (id) ON DELETE SET NULL,
    -- The event the {{event_*}} placeholders describe.
    event_id        INTEGER REFERENCES events (id) ON DELETE SET NULL,
    status          TEXT    NOT NULL CHECK (status IN
                    ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled')),
    send_at         INTEGER,
    -- Messages per second; 0 sends as fast as the SMTP server takes them.
    throttle        INTEGER NOT NULL DEFAULT 0,
    -- What is sent, frozen when sending starts: later edits of the template change nothing.
    body            TEXT    NOT NULL DEFAULT '',
    recipients      INTEGER NOT NULL DEFAULT 0,
    sent            INTEGER NOT NULL DEFAULT 0,
    failed          INTEGER NOT NULL DEFAULT 0,
    -- The sending worker's lease; a lapsed one means its instance died.
    lease_token     TEXT,
    lease_until     INTEGER,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    started_at      INTEGER,
    finished_at     INTEGER
);
CREATE INDEX campaigns_by_organization ON campaigns (organization_id, id);
CREATE INDEX campaigns_due ON campaigns (status, send_at);

-- One row per campaign and contact: a contact is sent a campaign at most once.
CREATE TABLE campaign_recipients (
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id      INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- A transient failure waits until then before the next attempt.
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    done_at         INTEGER,
    -- The SMTP reply code of a failure.
    error           TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (campaign_id, contact_id)
);
CREATE INDEX campaign_recipients_by_status ON campaign_recipients (campaign_id, status, contact_id);
CREATE INDEX campaign_recipients_by_contact ON campaign_recipients (contact_id);

-- The links of a campaign's message, numbered for click tracking.
CREATE TABLE campaign_links (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    url         TEXT    NOT NULL,
    PRIMARY KEY (campaign_id, position)
);

-- The first open, the first click on each link, and the unsubscription of each recipient.
CREATE TABLE campaign_activity (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('open', 'click', 'unsubscribe')),
    -- The link's position for a click, -1 otherwise.
    link        INTEGER NOT NULL DEFAULT -1,
    at          INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, kind, contact_id, link)
);
CREATE INDEX campaign_activity_by_contact ON campaign_activity (contact_id, kind, at);

-- Secrets shared by every instance, created on first start (tracking and unsubscribe links).
CREATE TABLE signing_keys (
    purpose TEXT NOT NULL PRIMARY KEY,
    secret  TEXT NOT NULL
);

-- Contacts can be imported from CSV like speakers and sessions. A contacts file has columns
-- of its own: the import keeps the file's column names and the organizer's choice of which
-- holds the address, the name and the tags. SQLite cannot change a CHECK constraint in
-- place, so both tables are rebuilt (children first, so nothing cascades).
ALTER TABLE import_rows RENAME TO import_rows_old;
ALTER TABLE imports RENAME TO imports_old;
CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    event_id        INTEGER REFERENCES events (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('speakers', 'sessions', 'contacts')),
    status          TEXT    NOT NULL CHECK (status IN ('preview', 'queued', 'running', 'done')),
    file_name       TEXT    NOT NULL,
    valid           INTEGER NOT NULL,
    processed       INTEGER NOT NULL DEFAULT 0,
    imported        INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    claimed_at      INTEGER,
    finished_at     INTEGER,
    -- Contacts: the file's column names (JSON list) and which hold what (JSON object).
    columns         TEXT    NOT NULL DEFAULT '[]',
    mapping         TEXT    NOT NULL DEFAULT '{}'
);
CREATE TABLE import_rows (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    line      INTEGER NOT NULL,
    data      TEXT    NOT NULL,
    status    TEXT    NOT NULL CHECK (status IN ('valid', 'invalid', 'imported', 'failed')),
    message   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (import_id, line)
);
INSERT INTO imports (id, organization_id, event_id, kind, status, file_name, valid, processed,
                     imported, created_by, created_at, claimed_at, finished_at)
SELECT id, organization_id, event_id, kind, status, file_name, valid, processed, imported,
       created_by, created_at, claimed_at, finished_at FROM imports_old;
INSERT INTO import_rows SELECT import_id, line, data, status, message FROM import_rows_old;
DROP TABLE import_rows_old;
DROP TABLE imports_old;
CREATE INDEX imports_by_status ON imports (status, id);
CREATE INDEX imports_by_organization ON imports (organization_id, id);
