-- Accounts, sessions, single-use links, organization membership, invitations and the audit log.
-- email and name_key compare byte by byte (COLLATE "C" on PostgreSQL, SQLite's default), so a
-- prefix search is an index range scan on both databases.

CREATE TABLE users (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Lower-cased by the application: addresses are unique whatever their case.
    email             TEXT    COLLATE "C" NOT NULL UNIQUE,
    display_name      TEXT    NOT NULL,
    -- display_name.to_lowercase(), for sorting and prefix search.
    name_key          TEXT    COLLATE "C" NOT NULL,
    -- Empty for a deleted account: nothing verifies against it.
    password_hash     TEXT    NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'deactivated', 'deleted')),
    platform_role     TEXT    NOT NULL DEFAULT 'none'
                      CHECK (platform_role IN ('none', 'admin')),
    email_verified_at BIGINT,
    -- Consecutive failed logins, and until when the account refuses logins after too many.
    failed_logins     BIGINT NOT NULL DEFAULT 0,
    locked_until      BIGINT,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL
);

-- The admin console lists accounts newest first, by email or by name, filtered by status
-- or role, one page at a time (keyset pagination).
CREATE INDEX users_by_created ON users (created_at, id);
CREATE INDEX users_by_name ON users (name_key, id);
CREATE INDEX users_by_status ON users (status, created_at, id);
CREATE INDEX users_by_role ON users (platform_role, created_at, id);

CREATE TABLE sessions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- SHA-256 of the cookie's secret: a copy of this table signs nobody in.
    token_hash   TEXT   NOT NULL UNIQUE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_agent   TEXT   NOT NULL DEFAULT '',
    ip           TEXT   NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    -- The absolute limit; the idle limit is last_seen_at plus the configured idle time.
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id, last_seen_at);

-- Single-use links sent by mail: verify an address, reset a password, confirm a new address.
CREATE TABLE account_tokens (
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT   NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
    -- The address being confirmed by a change_email link.
    new_email  TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX account_tokens_by_user ON account_tokens (user_id, purpose);

CREATE TABLE memberships (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT   NOT NULL CHECK (role IN ('owner', 'organizer')),
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE invitations (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           TEXT   NOT NULL,
    role            TEXT   NOT NULL CHECK (role IN ('owner', 'organizer')),
    token_hash      TEXT   NOT NULL UNIQUE,
    invited_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    accepted_at     BIGINT
);
CREATE INDEX invitations_by_organization ON invitations (organization_id, created_at);

-- Append-only: who did what to whom, when and from where. Ids are kept as plain numbers,
-- without foreign keys, so no later change to an account rewrites its history.
CREATE TABLE audit_log (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              BIGINT NOT NULL,
    actor_id        BIGINT,
    action          TEXT   NOT NULL,
    subject_id      BIGINT,
    organization_id BIGINT,
    ip              TEXT   NOT NULL DEFAULT '',
    detail          TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_subject ON audit_log (subject_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
