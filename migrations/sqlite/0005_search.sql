-- Full-text search of `/events`: one search document per event, made of its own text, its
-- sessions' titles and abstracts and its speakers' names, headlines and companies. A search
-- then looks at one document per event (6,500 at the brief's scale), not at hundreds of
-- thousands of sessions and speakers. Documents are rebuilt by a background task from
-- `event_search_dirty`, which triggers fill in the same transaction as any change: search
-- follows a change within about a second. unicode61 folds case and strips diacritics.
CREATE VIRTUAL TABLE event_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

-- Events whose document is out of date; `mark` changes with every new change, so a rebuild
-- that read the data before a change does not clear it.
CREATE TABLE event_search_dirty (
    event_id INTEGER PRIMARY KEY,
    mark     INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER event_search_event_added AFTER INSERT ON events BEGIN
    INSERT INTO event_search_dirty (event_id) VALUES (NEW.id)
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
END;
CREATE TRIGGER event_search_event_changed AFTER UPDATE OF title, summary, description, venue ON events
BEGIN
    INSERT INTO event_search_dirty (event_id) VALUES (NEW.id)
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
END;
CREATE TRIGGER event_search_event_removed AFTER DELETE ON events BEGIN
    INSERT INTO event_search_dirty (event_id) VALUES (OLD.id)
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
END;

CREATE TRIGGER event_search_item_added AFTER INSERT ON agenda_items BEGIN
    INSERT INTO event_search_dirty (event_id) VALUES (NEW.event_id)
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
END;
CREATE TRIGGER event_search_item_changed AFTER UPDATE OF title, abstract, event_id ON agenda_items
BEGIN
    INSERT INTO event_search_dirty (event_id) VALUES (OLD.event_id)
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
    INSERT INTO event_search_dirty (event_id) VALUES (NEW.event_id)
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
END;
CREATE TRIGGER event_search_item_removed AFTER DELETE ON agenda_items BEGIN
    INSERT INTO event_search_dirty (event_id) VALUES (OLD.event_id)
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
END;

CREATE TRIGGER event_search_speaker_added AFTER INSERT ON agenda_item_speakers BEGIN
    INSERT INTO event_search_dirty (event_id)
    SELECT event_id FROM agenda_items WHERE id = NEW.agenda_item_id
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
END;
CREATE TRIGGER event_search_speaker_removed AFTER DELETE ON agenda_item_speakers BEGIN
    INSERT INTO event_search_dirty (event_id)
    SELECT event_id FROM agenda_items WHERE id = OLD.agenda_item_id
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
END;
CREATE TRIGGER event_search_speaker_changed AFTER UPDATE OF name, headline, company ON speakers
BEGIN
    INSERT INTO event_search_dirty (event_id)
    SELECT DISTINCT i.event_id FROM agenda_item_speakers s
    JOIN agenda_items i ON i.id = s.agenda_item_id WHERE s.speaker_id = NEW.id
    ON CONFLICT (event_id) DO UPDATE SET mark = mark + 1;
END;

-- Every existing event gets its document at the first rebuild.
INSERT INTO event_search_dirty (event_id) SELECT id FROM events;
