-- Full-text search of `/events` over events, their sessions and their speakers: a tsvector
-- kept by PostgreSQL itself (generated column) with a GIN index on each. The 'simple'
-- configuration folds case and stems nothing (events are written in many languages);
-- unaccent is not used, so "zurich" does not find "Zürich" here as it does on SQLite.
ALTER TABLE events ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', title || ' ' || summary || ' ' || description || ' ' || coalesce(venue, ''))
) STORED;
CREATE INDEX events_search ON events USING GIN (search_vector);

ALTER TABLE agenda_items ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', title || ' ' || abstract)
) STORED;
CREATE INDEX agenda_items_search ON agenda_items USING GIN (search_vector);

ALTER TABLE speakers ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', name || ' ' || headline || ' ' || company)
) STORED;
CREATE INDEX speakers_search ON speakers USING GIN (search_vector);
