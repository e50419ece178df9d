-- The direction each code was ranked by when the release was published (worker/src/db/releases.ts), so a
-- member's position shows the direction its frozen rank and quartile follow, even after the analyst
-- changes the catalogue entry's direction; the change shows with the next release. NULL for releases
-- published before this migration (the position then names the entry's current direction).
ALTER TABLE release_stats ADD COLUMN direction TEXT CHECK (direction IN ('increase', 'decrease', 'keep'));
