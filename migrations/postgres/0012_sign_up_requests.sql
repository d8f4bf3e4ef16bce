-- A sign-up waits here until its address is confirmed: the account is created only when the
-- link mailed to that address is followed, so signing up tells nobody whether an address
-- already has an account, and nobody can hold an address they do not read.
-- Rows hold a password hash and an address: they are deleted once used or expired.
CREATE TABLE sign_up_requests (
    -- SHA-256 of the secret in the mailed link; the secret itself is never stored.
    token_hash    TEXT    PRIMARY KEY,
    email         TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL
);
CREATE INDEX sign_up_requests_by_expiry ON sign_up_requests (expires_at);
