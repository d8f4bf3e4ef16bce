-- Full-text search of `/events`: one search document per event, made of its own text, its
-- sessions' titles and abstracts and its speakers' names, headlines and companies, so a
-- search looks at one document per event, not at hundreds of thousands of sessions and
-- speakers. Documents are rebuilt by a background task from `event_search_dirty`, which
-- triggers fill in the same transaction as any change: search follows a change within about
-- a second. The 'simple' configuration folds case and stems nothing (events are written in
-- many languages); accents are kept, unlike on SQLite.
CREATE TABLE event_search (
    event_id BIGINT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    document tsvector NOT NULL
);
CREATE INDEX event_search_document ON event_search USING GIN (document);

-- Events whose document is out of date; `mark` changes with every new change, so a rebuild
-- that read the data before a change does not clear it.
CREATE TABLE event_search_dirty (
    event_id BIGINT PRIMARY KEY,
    mark     BIGINT NOT NULL DEFAULT 0
);

CREATE FUNCTION event_search_mark(event BIGINT) RETURNS void AS $$
    INSERT INTO event_search_dirty (event_id) VALUES (event)
    ON CONFLICT (event_id) DO UPDATE SET mark = event_search_dirty.mark + 1;
$$ LANGUAGE sql;

CREATE FUNCTION event_search_event_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN PERFORM event_search_mark(OLD.id); ELSE PERFORM event_search_mark(NEW.id); END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER event_search_event AFTER INSERT OR DELETE OR UPDATE OF title, summary, description, venue
ON events FOR EACH ROW EXECUTE FUNCTION event_search_event_changed();

CREATE FUNCTION event_search_item_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM event_search_mark(OLD.event_id); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM event_search_mark(NEW.event_id); END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER event_search_item AFTER INSERT OR DELETE OR UPDATE OF title, abstract, event_id
ON agenda_items FOR EACH ROW EXECUTE FUNCTION event_search_item_changed();

CREATE FUNCTION event_search_item_speaker_changed() RETURNS trigger AS $$
DECLARE
    item BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN item := OLD.agenda_item_id; ELSE item := NEW.agenda_item_id; END IF;
    PERFORM event_search_mark(event_id) FROM agenda_items WHERE id = item;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER event_search_item_speaker AFTER INSERT OR DELETE ON agenda_item_speakers
FOR EACH ROW EXECUTE FUNCTION event_search_item_speaker_changed();

CREATE FUNCTION event_search_speaker_changed() RETURNS trigger AS $$
BEGIN
    PERFORM event_search_mark(i.event_id) FROM agenda_item_speakers s
    JOIN agenda_items i ON i.id = s.agenda_item_id WHERE s.speaker_id = NEW.id
    GROUP BY i.event_id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER event_search_speaker AFTER UPDATE OF name, headline, company ON speakers
FOR EACH ROW EXECUTE FUNCTION event_search_speaker_changed();

INSERT INTO event_search_dirty (event_id) SELECT id FROM events;
