-- Registration questions: what an event asks each attendee when they get a ticket, for
-- every ticket or one type's, and the consents it asks for (the exhibitor consent is what
-- lead retrieval reads). Answers belong to tickets: an order of two holds two sets.

CREATE TABLE registration_questions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- Asked only for this type's tickets; none: for every ticket. A type can only be
    -- deleted unsold, so its questions have no answers to lose.
    ticket_type_id INTEGER REFERENCES ticket_types (id) ON DELETE CASCADE,
    label          TEXT   NOT NULL,
    kind           TEXT   NOT NULL CHECK (kind IN ('text', 'long_text', 'single_choice',
                       'multiple_choice', 'checkbox', 'consent', 'exhibitor_consent')),
    -- A choice's options, one per line.
    options        TEXT   NOT NULL DEFAULT '',
    required       INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK (NOT (required = 1 AND kind IN ('consent', 'exhibitor_consent')))
);
CREATE INDEX registration_questions_by_event ON registration_questions (event_id, position, id);

-- One row per answer: a multiple choice has one per option chosen, a box one when ticked,
-- so filtering attendees by an answer is one indexed lookup.
CREATE TABLE ticket_answers (
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES registration_questions (id) ON DELETE CASCADE,
    value       TEXT   NOT NULL,
    PRIMARY KEY (ticket_id, question_id, value)
);
CREATE INDEX ticket_answers_by_question ON ticket_answers (question_id, value);

-- Until when attendees may change their answers on their ticket's page; none: until the
-- event starts.
ALTER TABLE events ADD COLUMN answers_until INTEGER;
