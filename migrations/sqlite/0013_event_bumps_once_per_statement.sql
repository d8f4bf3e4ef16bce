-- PostgreSQL's migration of this number moves each event's content version and search mark
-- once per statement instead of once per row, because every update of a row inside a
-- PostgreSQL transaction adds a version of it that the next update has to step over.
-- SQLite has no statement triggers, and it needs none: it rewrites a row in place, so the
-- row triggers of 0004 and 0005 cost the same for the 200th session of an event as for the
-- first (docs/PERFORMANCE.md, "The large seed"). The file is here so both databases carry
-- the same list of migrations.
SELECT 1;
