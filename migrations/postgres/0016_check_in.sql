-- Check-in: the people who run an event's doors, and every scan that changed who is inside.

-- Door staff: accounts that may open one event's check-in app and nothing else of its
-- organization (services/src/policy.rs).
CREATE TABLE event_door_staff (
    event_id   BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX door_staff_by_user ON event_door_staff (user_id);

-- Each scan a device reports, online at once or from its offline queue. `scan_id` is the
-- device's own id for the scan, so a queue sent twice (a lost answer) is recorded once.
-- `outcome` is what the scan did: `entered`, `left`, or `double_entry` (the ticket was
-- already inside, so the first entry is kept). `undone_at`: the device took it back.
CREATE TABLE check_ins (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ticket_id   BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    scan_id     TEXT    NOT NULL,
    device      TEXT    NOT NULL,
    user_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('entered', 'left', 'double_entry')),
    scanned_at  BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    undone_at   BIGINT,
    UNIQUE (event_id, scan_id)
);
CREATE INDEX check_ins_by_ticket ON check_ins (ticket_id, id);

-- Who is inside now, kept with the ticket so the door list is one query: the time and
-- device of the entry in force, NULL when the ticket is outside.
ALTER TABLE tickets ADD COLUMN entered_at BIGINT;
ALTER TABLE tickets ADD COLUMN entered_by TEXT;
