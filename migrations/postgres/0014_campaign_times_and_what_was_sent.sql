-- The time zone of an organization's campaigns without an event: times organizers type and
-- read on those campaigns' pages are in it. An IANA name, checked by the application.
ALTER TABLE organizations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

-- What a campaign went to, frozen when sending starts like its body: the segment's name and
-- its rules in words, so the page keeps showing them after the segment is edited or deleted.
-- Blank for a campaign that has not started, or that went to every subscribed contact.
ALTER TABLE campaigns ADD COLUMN segment_name TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN segment_rules TEXT NOT NULL DEFAULT '';
