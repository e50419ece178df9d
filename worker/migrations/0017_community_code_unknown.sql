-- Issue 15: setting the territory code of a community that does not exist is refused, not a success.
-- A plain UPDATE of a mistyped id changes no row and raises nothing, and the admin CLI (which writes codes
-- through `wrangler d1 execute`, where nothing can look first or read a count back) reported success.
-- Codes are set by inserting into this view instead: its trigger refuses an unknown id, then updates the
-- row, where migration 0015's triggers still refuse a code another community holds.
-- The message is a literal: RAISE with an expression needs a newer SQLite than every D1 may run.
-- The trigger's body stays on its line: tests/support/local-worker.ts splits migrations at a ';' ending a line.
CREATE VIEW community_code_changes AS SELECT id AS community_id, territory_code FROM communities;
CREATE TRIGGER community_code_changes_set
INSTEAD OF INSERT ON community_code_changes
BEGIN SELECT RAISE(ABORT, 'no community with this id: check --community (community create printed the id)') WHERE NOT EXISTS (SELECT 1 FROM communities WHERE id = NEW.community_id); UPDATE communities SET territory_code = NEW.territory_code WHERE id = NEW.community_id; END;
