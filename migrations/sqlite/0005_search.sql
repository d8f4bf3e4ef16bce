-- Full-text search of `/events` over events, their sessions and their speakers: FTS5 tables
-- that hold no copy of the text (external content), kept by triggers. unicode61 folds case
-- and strips diacritics, so "zurich" finds "Zürich".
CREATE VIRTUAL TABLE events_fts USING fts5(
    title, summary, description, venue,
    content = 'events', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_added AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, title, summary, description, venue)
    VALUES (NEW.id, NEW.title, NEW.summary, NEW.description, NEW.venue);
END;
CREATE TRIGGER events_fts_removed AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, title, summary, description, venue)
    VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.description, OLD.venue);
END;
CREATE TRIGGER events_fts_changed AFTER UPDATE OF title, summary, description, venue ON events
BEGIN
    INSERT INTO events_fts (events_fts, rowid, title, summary, description, venue)
    VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.description, OLD.venue);
    INSERT INTO events_fts (rowid, title, summary, description, venue)
    VALUES (NEW.id, NEW.title, NEW.summary, NEW.description, NEW.venue);
END;

CREATE VIRTUAL TABLE agenda_items_fts USING fts5(
    title, abstract,
    content = 'agenda_items', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER agenda_items_fts_added AFTER INSERT ON agenda_items BEGIN
    INSERT INTO agenda_items_fts (rowid, title, abstract) VALUES (NEW.id, NEW.title, NEW.abstract);
END;
CREATE TRIGGER agenda_items_fts_removed AFTER DELETE ON agenda_items BEGIN
    INSERT INTO agenda_items_fts (agenda_items_fts, rowid, title, abstract)
    VALUES ('delete', OLD.id, OLD.title, OLD.abstract);
END;
CREATE TRIGGER agenda_items_fts_changed AFTER UPDATE OF title, abstract ON agenda_items BEGIN
    INSERT INTO agenda_items_fts (agenda_items_fts, rowid, title, abstract)
    VALUES ('delete', OLD.id, OLD.title, OLD.abstract);
    INSERT INTO agenda_items_fts (rowid, title, abstract) VALUES (NEW.id, NEW.title, NEW.abstract);
END;

CREATE VIRTUAL TABLE speakers_fts USING fts5(
    name, headline, company,
    content = 'speakers', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER speakers_fts_added AFTER INSERT ON speakers BEGIN
    INSERT INTO speakers_fts (rowid, name, headline, company)
    VALUES (NEW.id, NEW.name, NEW.headline, NEW.company);
END;
CREATE TRIGGER speakers_fts_removed AFTER DELETE ON speakers BEGIN
    INSERT INTO speakers_fts (speakers_fts, rowid, name, headline, company)
    VALUES ('delete', OLD.id, OLD.name, OLD.headline, OLD.company);
END;
CREATE TRIGGER speakers_fts_changed AFTER UPDATE OF name, headline, company ON speakers BEGIN
    INSERT INTO speakers_fts (speakers_fts, rowid, name, headline, company)
    VALUES ('delete', OLD.id, OLD.name, OLD.headline, OLD.company);
    INSERT INTO speakers_fts (rowid, name, headline, company)
    VALUES (NEW.id, NEW.name, NEW.headline, NEW.company);
END;

-- What exists already.
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
INSERT INTO agenda_items_fts (agenda_items_fts) VALUES ('rebuild');
INSERT INTO speakers_fts (speakers_fts) VALUES ('rebuild');
