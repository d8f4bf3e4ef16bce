-- The content version and the search mark of an event move once per statement, not once per
-- row. Row triggers made one multi-row INSERT of an event's 200 sessions update that event's
-- row 200 times in one transaction, and every update inside a transaction adds a version of
-- the row that the next update must step over: the large seed slowed down as it went and
-- left `events` and `event_search_dirty` bloated. Statement triggers read the rows a
-- statement touched from its transition tables and update each event once.
--
-- The guarantees are those of 0004 and 0005: the bump is in the same transaction as the
-- change, so no instance can read the new data under the old version, and the search mark
-- still moves on every change that a running rebuild may have missed. PostgreSQL allows
-- transition tables only on triggers of one event and without a column list, hence one
-- trigger per event, and the search triggers compare the old and new rows themselves.
--
-- Each trigger reaches other tables by primary key only (`id = ANY (…)`, or one lookup per
-- changed row), never by a join the planner may turn into a scan: in the middle of a bulk
-- load the statistics are stale, and a hash join over all sessions per statement made the
-- seed's time per 1,000 events grow with the number already written.

DROP TRIGGER rooms_content_version ON rooms;
DROP TRIGGER tracks_content_version ON tracks;
DROP TRIGGER agenda_items_content_version ON agenda_items;
DROP TRIGGER registrations_content_version ON registrations;
DROP TRIGGER agenda_item_speakers_content_version ON agenda_item_speakers;
DROP TRIGGER speakers_content_version ON speakers;
DROP TRIGGER event_search_item ON agenda_items;
DROP TRIGGER event_search_item_speaker ON agenda_item_speakers;
DROP TRIGGER event_search_speaker ON speakers;
DROP FUNCTION bump_event_of_row();
DROP FUNCTION bump_event_of_item_speaker();
DROP FUNCTION speakers_bump_events();
DROP FUNCTION event_search_item_changed();
DROP FUNCTION event_search_item_speaker_changed();
DROP FUNCTION event_search_speaker_changed();

-- The three statement triggers (insert, update, delete) running `handler` on `target`, named
-- `prefix`_added, _changed and _removed.
CREATE FUNCTION create_statement_triggers(target TEXT, prefix TEXT, handler TEXT) RETURNS void AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', prefix || '_added', target, handler);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I '
                   'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', prefix || '_changed', target, handler);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', prefix || '_removed', target, handler);
END
$$ LANGUAGE plpgsql;

-- Moves the content version of a set of events, each once.
CREATE FUNCTION events_changed(changed BIGINT[]) RETURNS void AS $$
    UPDATE events SET content_version = content_version + 1 WHERE id = ANY (changed);
$$ LANGUAGE sql;

-- Marks the search documents of a set of events out of date, each once.
CREATE FUNCTION event_search_mark_all(changed BIGINT[]) RETURNS void AS $$
    INSERT INTO event_search_dirty (event_id)
    SELECT DISTINCT e FROM unnest(changed) AS e WHERE e IS NOT NULL
    ON CONFLICT (event_id) DO UPDATE SET mark = event_search_dirty.mark + 1;
$$ LANGUAGE sql;

-- Rows that belong to one event (rooms, tracks, registrations, sessions).
CREATE FUNCTION bump_events_of_rows() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM events_changed(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM events_changed(ARRAY(SELECT DISTINCT event_id FROM old_rows));
    ELSE
        PERFORM events_changed(ARRAY(SELECT event_id FROM old_rows
                                     UNION SELECT event_id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

SELECT create_statement_triggers('rooms', 'rooms', 'bump_events_of_rows');
SELECT create_statement_triggers('tracks', 'tracks', 'bump_events_of_rows');
SELECT create_statement_triggers('registrations', 'registrations', 'bump_events_of_rows');
SELECT create_statement_triggers('agenda_items', 'agenda_items', 'bump_events_of_rows');

-- Sessions in the search documents: added or removed ones, and those whose title, abstract
-- or event changed (not their times or rooms, which search does not read).
CREATE FUNCTION event_search_items_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM event_search_mark_all(ARRAY(SELECT event_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM event_search_mark_all(ARRAY(SELECT event_id FROM old_rows));
    ELSE
        PERFORM event_search_mark_all(ARRAY(
            SELECT unnest(ARRAY[o.event_id, n.event_id])
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.title, o.abstract, o.event_id) IS DISTINCT FROM (n.title, n.abstract, n.event_id)
        ));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

SELECT create_statement_triggers('agenda_items', 'event_search_items', 'event_search_items_changed');

-- A session's speakers: the event of the session, for both its version and its search
-- document (speakers' names are searched).
CREATE FUNCTION agenda_item_speakers_changed() RETURNS trigger AS $$
DECLARE
    changed BIGINT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        changed := ARRAY(SELECT DISTINCT
                             (SELECT i.event_id FROM agenda_items i WHERE i.id = r.agenda_item_id)
                         FROM new_rows r);
    ELSE
        changed := ARRAY(SELECT DISTINCT
                             (SELECT i.event_id FROM agenda_items i WHERE i.id = r.agenda_item_id)
                         FROM old_rows r);
    END IF;
    PERFORM events_changed(changed);
    PERFORM event_search_mark_all(changed);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER agenda_item_speakers_added AFTER INSERT ON agenda_item_speakers
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION agenda_item_speakers_changed();
CREATE TRIGGER agenda_item_speakers_removed AFTER DELETE ON agenda_item_speakers
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION agenda_item_speakers_changed();

-- A speaker's profile shows on every event where they speak; their name, headline and
-- company are in those events' search documents.
CREATE FUNCTION speakers_changed() RETURNS trigger AS $$
BEGIN
    PERFORM events_changed(ARRAY(
        SELECT DISTINCT (SELECT i.event_id FROM agenda_items i WHERE i.id = s.agenda_item_id)
        FROM agenda_item_speakers s
        WHERE s.speaker_id = ANY (ARRAY(SELECT id FROM new_rows))
    ));
    PERFORM event_search_mark_all(ARRAY(
        SELECT (SELECT i.event_id FROM agenda_items i WHERE i.id = s.agenda_item_id)
        FROM agenda_item_speakers s
        WHERE s.speaker_id = ANY (ARRAY(
            SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.name, o.headline, o.company) IS DISTINCT FROM (n.name, n.headline, n.company)
        ))
    ));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER speakers_edited AFTER UPDATE ON speakers
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION speakers_changed();

DROP FUNCTION create_statement_triggers(TEXT, TEXT, TEXT);
