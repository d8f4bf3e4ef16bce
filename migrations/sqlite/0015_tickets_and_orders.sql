-- Registration with tickets: an event's ticket types, the orders people place and the tickets
-- each order holds. Every seat taken is counted on its ticket type (and on the event, for an
-- event-wide capacity) in the transaction that creates the order; the CHECKs below refuse an
-- oversold count even if the application were wrong.

-- The currency of an event's prices (ISO 4217).
ALTER TABLE events ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
-- How to pay by bank transfer (account holder, IBAN…), shown on pending orders and in their
-- mails; plain text.
ALTER TABLE events ADD COLUMN payment_instructions TEXT NOT NULL DEFAULT '';

CREATE TABLE ticket_types (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    description    TEXT    NOT NULL DEFAULT '',
    -- In the currency's minor unit; 0 is a free ticket.
    price_cents    INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    -- None: no limit of its own (the event's capacity may still apply).
    capacity       INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    -- Seats taken by paid and pending orders.
    sold           INTEGER NOT NULL DEFAULT 0 CHECK (sold >= 0),
    sale_starts_at INTEGER,
    sale_ends_at   INTEGER,
    max_per_order  INTEGER NOT NULL DEFAULT 10 CHECK (max_per_order BETWEEN 1 AND 100),
    -- A hidden type is offered only to whoever gives this code.
    access_code    TEXT,
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK (capacity IS NULL OR sold <= capacity),
    CHECK (sale_starts_at IS NULL OR sale_ends_at IS NULL OR sale_starts_at < sale_ends_at)
);
CREATE INDEX ticket_types_by_event ON ticket_types (event_id, position, id);

-- The event page offers tickets once the event has a type: adding or removing one changes
-- the page (see 0004). Seats sold do not: availability is on the registration page only, so
-- a burst of orders never invalidates the cached event page.
CREATE TRIGGER ticket_types_added AFTER INSERT ON ticket_types
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = NEW.event_id; END;
CREATE TRIGGER ticket_types_removed AFTER DELETE ON ticket_types
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = OLD.event_id; END;

-- Seats taken at the event across its ticket types, held against events.capacity.
CREATE TABLE event_seats (
    event_id INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    taken    INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0)
);

CREATE TABLE orders (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- The reference the buyer quotes (and writes on a bank transfer).
    code           TEXT    NOT NULL UNIQUE,
    user_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    buyer_name     TEXT    NOT NULL,
    buyer_email    TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('pending', 'paid', 'cancelled', 'expired')),
    payment_method TEXT    NOT NULL CHECK (payment_method IN ('free', 'bank_transfer', 'at_door')),
    total_cents    INTEGER NOT NULL CHECK (total_cents >= 0),
    currency       TEXT    NOT NULL,
    -- A pending order's deadline: after it, the order expires and its seats are freed.
    expires_at     INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX orders_by_event ON orders (event_id, id);
CREATE INDEX orders_by_user ON orders (user_id);
CREATE INDEX orders_due ON orders (expires_at) WHERE status = 'pending';

CREATE TABLE tickets (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id       INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    event_id       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ticket_type_id INTEGER NOT NULL REFERENCES ticket_types (id),
    -- Unguessable: it opens the ticket's page without signing in.
    code           TEXT    NOT NULL UNIQUE,
    attendee_name  TEXT    NOT NULL,
    attendee_email TEXT    NOT NULL,
    price_cents    INTEGER NOT NULL CHECK (price_cents >= 0),
    status         TEXT    NOT NULL CHECK (status IN ('valid', 'cancelled')),
    created_at     INTEGER NOT NULL
);
CREATE INDEX tickets_by_event ON tickets (event_id, id);
CREATE INDEX tickets_by_order ON tickets (order_id);
CREATE INDEX tickets_by_type ON tickets (ticket_type_id);

-- Mails about orders, written in the transaction of the change they report and sent by a
-- background task with retries (services/src/tickets/mails.rs): a crash between the change
-- and the send loses none, and a claim keeps two instances from sending one twice.
CREATE TABLE ticket_mails (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id        INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    -- `order`: the buyer's confirmation with every ticket; `ticket`: one attendee's ticket.
    kind            TEXT    NOT NULL,
    ticket_code     TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    -- Taken by an instance until then; another may take it over after.
    claimed_until   INTEGER,
    sent_at         INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX ticket_mails_due ON ticket_mails (next_attempt_at) WHERE sent_at IS NULL;
