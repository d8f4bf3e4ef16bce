-- A waitlist per ticket type, and reminders for unpaid transfers.
--
-- Whoever finds a type sold out may wait in line for it. When a seat frees up (an order
-- cancelled or expired, a capacity raised), the first in line is offered it: the seat is
-- taken for them on the counters (so no buyer snatches it meanwhile) and mailed with a link
-- to claim it before `offered_until`. An offer left unclaimed lapses and its seat passes to
-- the next in line, or back on sale when nobody waits.

-- How long a waitlist offer lasts, in hours (the event's start ends it sooner).
ALTER TABLE events ADD COLUMN waitlist_offer_hours BIGINT NOT NULL DEFAULT 48
    CHECK (waitlist_offer_hours BETWEEN 1 AND 336);

CREATE TABLE waitlist_entries (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ticket_type_id BIGINT NOT NULL REFERENCES ticket_types (id) ON DELETE CASCADE,
    user_id        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    name           TEXT   NOT NULL,
    email          TEXT   NOT NULL,
    status         TEXT   NOT NULL
        CHECK (status IN ('waiting', 'offered', 'claimed', 'lapsed', 'declined')),
    -- Unguessable: the offer's link, `/waitlist/{claim_code}`. Set with the offer.
    claim_code     TEXT UNIQUE,
    offered_until  BIGINT,
    -- The order a claimed offer became.
    order_id       BIGINT REFERENCES orders (id) ON DELETE SET NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    CHECK (status <> 'offered' OR (claim_code IS NOT NULL AND offered_until IS NOT NULL))
);
-- The line, served in the order people joined it.
CREATE INDEX waitlist_in_line ON waitlist_entries (event_id, status, id);
CREATE INDEX waitlist_offers_due ON waitlist_entries (offered_until) WHERE status = 'offered';
-- One place in line per address and type.
CREATE UNIQUE INDEX waitlist_once ON waitlist_entries (ticket_type_id, email)
    WHERE status IN ('waiting', 'offered');

-- The mail outbox also carries waitlist offers, which belong to no order yet.
ALTER TABLE ticket_mails ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE ticket_mails ADD COLUMN waitlist_entry_id BIGINT
    REFERENCES waitlist_entries (id) ON DELETE CASCADE;
ALTER TABLE ticket_mails ADD CONSTRAINT ticket_mails_about_something
    CHECK (order_id IS NOT NULL OR waitlist_entry_id IS NOT NULL);

-- When a pending bank transfer's buyer is reminded to pay; cleared once reminded.
ALTER TABLE orders ADD COLUMN remind_at BIGINT;
CREATE INDEX orders_to_remind ON orders (remind_at) WHERE remind_at IS NOT NULL;
