-- The attendee feed of each event: posts (and the organizers' announcements), their likes and
-- comments, reports, and the people muted in one event's feed.
--
-- Like and comment counts are kept on the post, changed in the same transaction as the like
-- or comment itself, so a timeline page reads them without counting millions of rows.

-- Who may read the feed: everyone (as the event page), or only the people who joined it.
ALTER TABLE events ADD COLUMN feed_access TEXT NOT NULL DEFAULT 'public'
    CHECK (feed_access IN ('public', 'attendees'));

CREATE TABLE posts (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    author_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- An announcement is posted by an organizer in the organization's name.
    kind          TEXT    NOT NULL CHECK (kind IN ('post', 'announcement')),
    body          TEXT    NOT NULL,
    -- A stored image's file name stem (see server::media), or NULL.
    image         TEXT,
    -- Pinned announcements head the feed until an organizer unpins them.
    pinned        INTEGER NOT NULL DEFAULT 0,
    -- Hidden by a moderator: shown to the event's organizers only.
    hidden        INTEGER NOT NULL DEFAULT 0,
    like_count    INTEGER NOT NULL DEFAULT 0,
    comment_count INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    edited_at     INTEGER
);
-- The timeline, newest first by id; the cursor is the last id shown.
CREATE INDEX posts_timeline ON posts (event_id, id);
CREATE INDEX posts_by_kind ON posts (event_id, kind, id);
-- Pinned announcements, without reading through a busy feed to find them.
CREATE INDEX posts_pinned ON posts (event_id, id) WHERE pinned = 1;
-- The rate limit counts a person's recent posts.
CREATE INDEX posts_by_author ON posts (author_id, created_at);

CREATE TABLE post_likes (
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    hidden     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX comments_by_post ON comments (post_id, id);
CREATE INDEX comments_by_author ON comments (author_id, created_at);

-- A report of a post or of a comment (exactly one of the two), by a signed-in person.
CREATE TABLE feed_reports (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    post_id     INTEGER REFERENCES posts (id) ON DELETE CASCADE,
    comment_id  INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    reporter_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    -- Set when a moderator acted on the content or dismissed the report.
    resolved_at INTEGER,
    CHECK ((post_id IS NULL) <> (comment_id IS NULL))
);
CREATE INDEX feed_reports_open ON feed_reports (event_id, resolved_at, id);
CREATE UNIQUE INDEX feed_reports_once_per_post ON feed_reports (post_id, reporter_id)
    WHERE post_id IS NOT NULL;
CREATE UNIQUE INDEX feed_reports_once_per_comment ON feed_reports (comment_id, reporter_id)
    WHERE comment_id IS NOT NULL;

-- People who may read an event's feed but not post or comment in it.
CREATE TABLE feed_mutes (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    muted_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
