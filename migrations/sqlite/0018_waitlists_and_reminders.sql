-- A waitlist per ticket type, and reminders for unpaid transfers.
--
-- Whoever finds a type sold out may wait in line for it. When a seat frees up (an order
-- cancelled or expired, a capacity raised), the first in line is offered it: the seat is
-- taken for them on the counters (so no buyer snatches it meanwhile) and mailed with a link
-- to claim it before `offered_until`. An offer left unclaimed lapses and its seat passes to
-- the next in line, or back on sale when nobody waits.

-- How long a waitlist offer lasts, in hours (the event's start ends it sooner).
ALTER TABLE events ADD COLUMN waitlist_offer_hours INTEGER NOT NULL DEFAULT 48
    CHECK (waitlist_offer_hours BETWEEN 1 AND 336);

CREATE TABLE waitlist_entries (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ticket_type_id INTEGER NOT NULL REFERENCES ticket_types (id) ON DELETE CASCADE,
    user_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    name           TEXT    NOT NULL,
    email          TEXT    NOT NULL,
    status         TEXT    NOT NULL
        CHECK (status IN ('waiting', 'offered', 'claimed', 'lapsed', 'declined')),
    -- Unguessable: the offer's link, `/waitlist/{claim_code}`. Set with the offer.
    claim_code     TEXT UNIQUE,
    offered_until  INTEGER,
    -- The order a claimed offer became.
    order_id       INTEGER REFERENCES orders (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK (status <> 'offered' OR (claim_code IS NOT NULL AND offered_until IS NOT NULL))
);
-- The line, served in the order people joined it.
CREATE INDEX waitlist_in_line ON waitlist_entries (event_id, status, id);
CREATE INDEX waitlist_offers_due ON waitlist_entries (offered_until) WHERE status = 'offered';
-- One place in line per address and type.
CREATE UNIQUE INDEX waitlist_once ON waitlist_entries (ticket_type_id, email)
    WHERE status IN ('waiting', 'offered');

-- The mail outbox also carries waitlist offers, which belong to no order yet. SQLite cannot
-- drop a NOT NULL, so the table is rebuilt (nothing refers to it).
CREATE TABLE ticket_mails_next (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id          INTEGER REFERENCES orders (id) ON DELETE CASCADE,
    waitlist_entry_id INTEGER REFERENCES waitlist_entries (id) ON DELETE CASCADE,
    kind              TEXT    NOT NULL,
    ticket_code       TEXT,
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   INTEGER NOT NULL,
    claimed_until     INTEGER,
    sent_at           INTEGER,
    created_at        INTEGER NOT NULL,
    CHECK (order_id IS NOT NULL OR waitlist_entry_id IS NOT NULL)
);
INSERT INTO ticket_mails_next (id, order_id, kind, ticket_code, attempts, next_attempt_at,
    claimed_until, sent_at, created_at)
SELECT id, order_id, kind, ticket_code, attempts, next_attempt_at, claimed_until, sent_at,
    created_at
FROM ticket_mails;
DROP TABLE ticket_mails;
ALTER TABLE ticket_mails_next RENAME TO ticket_mails;
CREATE INDEX ticket_mails_due ON ticket_mails (next_attempt_at) WHERE sent_at IS NULL;

-- When a pending bank transfer's buyer is reminded to pay; cleared once reminded.
ALTER TABLE orders ADD COLUMN remind_at INTEGER;
CREATE INDEX orders_to_remind ON orders (remind_at) WHERE remind_at IS NOT NULL;
