-- Issue 15: a territory code already held by another community is refused with a message that says so.
-- The unique index of 0014 keeps the rule; without these triggers the admin CLI (which writes codes through
-- `wrangler d1 execute`, where nothing can look first) would only show "UNIQUE constraint failed".
-- Each trigger's body stays on its line: tests/support/local-worker.ts splits migrations at a ';' ending a line.
CREATE TRIGGER communities_territory_code_taken_on_insert
BEFORE INSERT ON communities
WHEN NEW.territory_code IS NOT NULL
  AND EXISTS (SELECT 1 FROM communities WHERE territory_code = NEW.territory_code AND id <> NEW.id)
BEGIN SELECT RAISE(ABORT, 'territory code taken: another community already has this code; clear it there first (community code --community ID --clear)'); END;
CREATE TRIGGER communities_territory_code_taken_on_update
BEFORE UPDATE OF territory_code ON communities
WHEN NEW.territory_code IS NOT NULL
  AND EXISTS (SELECT 1 FROM communities WHERE territory_code = NEW.territory_code AND id <> NEW.id)
BEGIN SELECT RAISE(ABORT, 'territory code taken: another community already has this code; clear it there first (community code --community ID --clear)'); END;
