-- A version per event that changes with everything its public pages show: the event itself,
-- its organization's name, its rooms, tracks, sessions and their speakers, and its
-- registrations (the places left). Rendered public pages are cached per version, and every
-- instance reads the version from here, so no instance serves a page older than the data.
-- Triggers keep it, so no code path that writes can forget to.
ALTER TABLE events ADD COLUMN content_version INTEGER NOT NULL DEFAULT 0;

-- Any other change to the event's row. The bump itself changes the version, so it does not
-- trigger again.
CREATE TRIGGER events_content_version AFTER UPDATE ON events
WHEN NEW.content_version = OLD.content_version
BEGIN
    UPDATE events SET content_version = OLD.content_version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER organizations_content_version AFTER UPDATE ON organizations
BEGIN
    UPDATE events SET content_version = content_version + 1 WHERE organization_id = NEW.id;
END;

CREATE TRIGGER rooms_added AFTER INSERT ON rooms
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = NEW.event_id; END;
CREATE TRIGGER rooms_changed AFTER UPDATE ON rooms
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER rooms_removed AFTER DELETE ON rooms
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = OLD.event_id; END;

CREATE TRIGGER tracks_added AFTER INSERT ON tracks
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = NEW.event_id; END;
CREATE TRIGGER tracks_changed AFTER UPDATE ON tracks
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER tracks_removed AFTER DELETE ON tracks
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = OLD.event_id; END;

CREATE TRIGGER agenda_items_added AFTER INSERT ON agenda_items
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = NEW.event_id; END;
CREATE TRIGGER agenda_items_changed AFTER UPDATE ON agenda_items
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER agenda_items_removed AFTER DELETE ON agenda_items
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = OLD.event_id; END;

CREATE TRIGGER agenda_item_speakers_added AFTER INSERT ON agenda_item_speakers
BEGIN
    UPDATE events SET content_version = content_version + 1
    WHERE id = (SELECT event_id FROM agenda_items WHERE id = NEW.agenda_item_id);
END;
CREATE TRIGGER agenda_item_speakers_removed AFTER DELETE ON agenda_item_speakers
BEGIN
    UPDATE events SET content_version = content_version + 1
    WHERE id = (SELECT event_id FROM agenda_items WHERE id = OLD.agenda_item_id);
END;

-- A speaker's profile shows on every event where they speak.
CREATE TRIGGER speakers_changed AFTER UPDATE ON speakers
BEGIN
    UPDATE events SET content_version = content_version + 1
    WHERE id IN (SELECT i.event_id FROM agenda_item_speakers s
                 JOIN agenda_items i ON i.id = s.agenda_item_id
                 WHERE s.speaker_id = NEW.id);
END;

CREATE TRIGGER registrations_added AFTER INSERT ON registrations
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = NEW.event_id; END;
CREATE TRIGGER registrations_changed AFTER UPDATE ON registrations
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id IN (OLD.event_id, NEW.event_id); END;
CREATE TRIGGER registrations_removed AFTER DELETE ON registrations
BEGIN UPDATE events SET content_version = content_version + 1 WHERE id = OLD.event_id; END;
