-- A version per event that changes with everything its public pages show: the event itself,
-- its organization's name, its rooms, tracks, sessions and their speakers, and its
-- registrations (the places left). Rendered public pages are cached per version, and every
-- instance reads the version from here, so no instance serves a page older than the data.
-- Triggers keep it, so no code path that writes can forget to.
ALTER TABLE events ADD COLUMN content_version BIGINT NOT NULL DEFAULT 0;

-- Any other change to the event's row. The bump itself changes the version, so it is kept.
CREATE FUNCTION events_next_content_version() RETURNS trigger AS $$
BEGIN
    IF NEW.content_version = OLD.content_version THEN
        NEW.content_version := OLD.content_version + 1;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER events_content_version BEFORE UPDATE ON events
FOR EACH ROW EXECUTE FUNCTION events_next_content_version();

CREATE FUNCTION organizations_bump_events() RETURNS trigger AS $$
BEGIN
    UPDATE events SET content_version = content_version + 1 WHERE organization_id = NEW.id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER organizations_content_version AFTER UPDATE ON organizations
FOR EACH ROW EXECUTE FUNCTION organizations_bump_events();

-- Rows that belong to one event (rooms, tracks, sessions, registrations).
CREATE FUNCTION bump_event_of_row() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE events SET content_version = content_version + 1 WHERE id = OLD.event_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.event_id <> OLD.event_id) THEN
        UPDATE events SET content_version = content_version + 1 WHERE id = NEW.event_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER rooms_content_version AFTER INSERT OR UPDATE OR DELETE ON rooms
FOR EACH ROW EXECUTE FUNCTION bump_event_of_row();
CREATE TRIGGER tracks_content_version AFTER INSERT OR UPDATE OR DELETE ON tracks
FOR EACH ROW EXECUTE FUNCTION bump_event_of_row();
CREATE TRIGGER agenda_items_content_version AFTER INSERT OR UPDATE OR DELETE ON agenda_items
FOR EACH ROW EXECUTE FUNCTION bump_event_of_row();
CREATE TRIGGER registrations_content_version AFTER INSERT OR UPDATE OR DELETE ON registrations
FOR EACH ROW EXECUTE FUNCTION bump_event_of_row();

CREATE FUNCTION bump_event_of_item_speaker() RETURNS trigger AS $$
DECLARE
    item BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN item := OLD.agenda_item_id; ELSE item := NEW.agenda_item_id; END IF;
    UPDATE events SET content_version = content_version + 1
    WHERE id = (SELECT event_id FROM agenda_items WHERE id = item);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER agenda_item_speakers_content_version AFTER INSERT OR DELETE ON agenda_item_speakers
FOR EACH ROW EXECUTE FUNCTION bump_event_of_item_speaker();

-- A speaker's profile shows on every event where they speak.
CREATE FUNCTION speakers_bump_events() RETURNS trigger AS $$
BEGIN
    UPDATE events SET content_version = content_version + 1
    WHERE id IN (SELECT i.event_id FROM agenda_item_speakers s
                 JOIN agenda_items i ON i.id = s.agenda_item_id
                 WHERE s.speaker_id = NEW.id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER speakers_content_version AFTER UPDATE ON speakers
FOR EACH ROW EXECUTE FUNCTION speakers_bump_events();
