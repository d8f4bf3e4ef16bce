-- The codes tickets had before their holders passed them on to another attendee (the new
-- holder's name and address are on the ticket, under a new code): the old link then says
-- the ticket was passed on instead of "not found". Only the old code is kept here, so it
-- tells nothing of the new holder.
CREATE TABLE ticket_transfers (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id      INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    old_code       TEXT    NOT NULL UNIQUE,
    transferred_at INTEGER NOT NULL
);
CREATE INDEX ticket_transfers_by_ticket ON ticket_transfers (ticket_id);
