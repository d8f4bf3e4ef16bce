-- Email campaigns: each organization's contacts with their consent and tags, its suppression
-- list, segments (saved rules), templates, campaigns, the recipients of each send, and what
-- recipients did with a message (opens, clicks, unsubscribes).

CREATE TABLE contacts (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           TEXT    NOT NULL,
    -- Lower-cased address: one contact per address and organization, whatever the case.
    email_key       TEXT    NOT NULL,
    name            TEXT    NOT NULL DEFAULT '',
    -- name.to_lowercase() by the application (SQLite's LOWER folds only ASCII), for search.
    name_key        TEXT    NOT NULL DEFAULT '',
    -- The account behind a contact that came from a registration.
    user_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- Consent: its state, when and why it last changed (the history is in contact_consent).
    status          TEXT    NOT NULL
                    CHECK (status IN ('subscribed', 'unsubscribed', 'bounced', 'complained')),
    status_at       BIGINT NOT NULL,
    status_source   TEXT    NOT NULL,
    created_at      BIGINT NOT NULL,
    UNIQUE (organization_id, email_key)
);
CREATE INDEX contacts_by_user ON contacts (user_id);
CREATE INDEX contacts_by_created ON contacts (organization_id, created_at);

-- Every change of consent, kept for the record; written by the triggers below.
CREATE TABLE contact_consent (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    status     TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX contact_consent_by_contact ON contact_consent (contact_id, id);

CREATE FUNCTION contacts_record_consent() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status <> OLD.status THEN
        INSERT INTO contact_consent (contact_id, status, source, at)
        VALUES (NEW.id, NEW.status, NEW.status_source, NEW.status_at);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER contacts_consent AFTER INSERT OR UPDATE OF status ON contacts
FOR EACH ROW EXECUTE FUNCTION contacts_record_consent();

-- Every registration makes its person a contact of the event's organization.
CREATE FUNCTION registrations_make_contact() RETURNS trigger AS $$
BEGIN
    INSERT INTO contacts (organization_id, email, email_key, name, name_key, user_id, status,
                          status_at, status_source, created_at)
    SELECT e.organization_id, u.email, lower(u.email), u.display_name, u.name_key, u.id, 'subscribed',
           NEW.created_at, 'registration', NEW.created_at
    FROM events e, users u
    WHERE e.id = NEW.event_id AND u.id = NEW.user_id
    ON CONFLICT (organization_id, email_key) DO UPDATE SET user_id = excluded.user_id
    WHERE contacts.user_id IS NULL;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER registrations_make_contacts AFTER INSERT ON registrations
FOR EACH ROW EXECUTE FUNCTION registrations_make_contact();

INSERT INTO contacts (organization_id, email, email_key, name, name_key, user_id, status,
                      status_at, status_source, created_at)
SELECT e.organization_id, u.email, lower(u.email), u.display_name, u.name_key, u.id, 'subscribed',
       MIN(r.created_at), 'registration', MIN(r.created_at)
FROM registrations r JOIN events e ON e.id = r.event_id JOIN users u ON u.id = r.user_id
GROUP BY e.organization_id, u.id, u.email, u.display_name, u.name_key;

-- Lower-cased labels.
CREATE TABLE contact_tags (
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (contact_id, tag)
);
CREATE INDEX contact_tags_by_tag ON contact_tags (tag, contact_id);

-- Addresses no campaign of the organization may ever mail, contact or not.
CREATE TABLE suppressions (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email_key       TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (organization_id, email_key)
);

CREATE TABLE segments (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    -- The rules as JSON (domain::campaign::SegmentRules); evaluated when a campaign sends.
    rules           TEXT    NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX segments_by_organization ON segments (organization_id, id);

CREATE TABLE mail_templates (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    -- Markdown with {{placeholders}}.
    body            TEXT    NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX mail_templates_by_organization ON mail_templates (organization_id, id);

CREATE TABLE campaigns (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    from_name       TEXT    NOT NULL,
    template_id     BIGINT REFERENCES mail_templates (id) ON DELETE SET NULL,
    segment_id      BIGINT REFERENCES segments (id) ON DELETE SET NULL,
    -- The event the {{event_*}} placeholders describe.
    event_id        BIGINT REFERENCES events (id) ON DELETE SET NULL,
    status          TEXT    NOT NULL CHECK (status IN
                    ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled')),
    send_at         BIGINT,
    -- Messages per second; 0 sends as fast as the SMTP server takes them.
    throttle        BIGINT NOT NULL DEFAULT 0,
    -- What is sent, frozen when sending starts: later edits of the template change nothing.
    body            TEXT    NOT NULL DEFAULT '',
    recipients      BIGINT NOT NULL DEFAULT 0,
    sent            BIGINT NOT NULL DEFAULT 0,
    failed          BIGINT NOT NULL DEFAULT 0,
    -- The sending worker's lease; a lapsed one means its instance died.
    lease_token     TEXT,
    lease_until     BIGINT,
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    started_at      BIGINT,
    finished_at     BIGINT
);
CREATE INDEX campaigns_by_organization ON campaigns (organization_id, id);
CREATE INDEX campaigns_due ON campaigns (status, send_at);

-- One row per campaign and contact: a contact is sent a campaign at most once.
CREATE TABLE campaign_recipients (
    campaign_id     BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id      BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    -- A transient failure waits until then before the next attempt.
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    done_at         BIGINT,
    -- The SMTP reply code of a failure.
    error           TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (campaign_id, contact_id)
);
CREATE INDEX campaign_recipients_by_status ON campaign_recipients (campaign_id, status, contact_id);
CREATE INDEX campaign_recipients_by_contact ON campaign_recipients (contact_id);

-- The links of a campaign's message, numbered for click tracking.
CREATE TABLE campaign_links (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    url         TEXT    NOT NULL,
    PRIMARY KEY (campaign_id, position)
);

-- The first open, the first click on each link, and the unsubscription of each recipient.
CREATE TABLE campaign_activity (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id  BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('open', 'click', 'unsubscribe')),
    -- The link's position for a click, -1 otherwise.
    link        BIGINT NOT NULL DEFAULT -1,
    at          BIGINT NOT NULL,
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
-- holds the address, the name and the tags.
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check
    CHECK (kind IN ('speakers', 'sessions', 'contacts'));
-- The file's column names (JSON list) and which hold what (JSON object).
ALTER TABLE imports ADD COLUMN columns TEXT NOT NULL DEFAULT '[]';
ALTER TABLE imports ADD COLUMN mapping TEXT NOT NULL DEFAULT '{}';
