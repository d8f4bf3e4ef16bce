-- Which rows use a stored image, found by its name: a feed image is served only while a
-- visible post (or a cover, or a photo) uses it, and the sweep deletes files nothing uses.
CREATE INDEX posts_by_image ON posts (image) WHERE image IS NOT NULL;
CREATE INDEX events_by_cover ON events (cover_image) WHERE cover_image IS NOT NULL;
CREATE INDEX speakers_by_photo ON speakers (photo) WHERE photo IS NOT NULL;
