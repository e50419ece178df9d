-- Issue 15: the official codes that let an association's data meet national statistics.
--   communities.territory_code  the community's official territory code: KATOTTH for Ukraine
--                               ("UA" + 17 digits), ISO 3166-2:LT for Lithuania ("LT-01".."LT-60").
--                               The code's prefix names the country; the format rule is
--                               shared/model/territory.ts. NULL until an administrator sets it.
--                               One community per code: two members under one code would merge in
--                               every export keyed by it.
--   catalogue_entries.external_code  optional code of the same indicator in an outside scheme
--                               (an ISO 37120 number, a national statistics code); '' when none.
ALTER TABLE communities ADD COLUMN territory_code TEXT;
CREATE UNIQUE INDEX communities_by_territory_code ON communities(territory_code) WHERE territory_code IS NOT NULL;
ALTER TABLE catalogue_entries ADD COLUMN external_code TEXT NOT NULL DEFAULT '' CHECK (length(external_code) <= 64);
