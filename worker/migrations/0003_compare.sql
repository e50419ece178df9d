-- Association consolidation (comparison, completeness, members' own position).

-- Who sees an entry's consolidated values besides the association's analysts (see shared/api/catalogue.ts).
ALTER TABLE catalogue_entries ADD COLUMN sharing TEXT NOT NULL DEFAULT 'analysts'
  CHECK (sharing IN ('analysts', 'position', 'named'));

-- A top-level plan indicator's catalogue code as a typed column, derived by SQLite from the JSON like the
-- obs_* columns (breakdowns are never compared, so theirs is NULL). The index covers what comparison
-- reads of an indicator, so finding every member's indicator for a code parses no JSON.
ALTER TABLE entities ADD COLUMN ind_code TEXT GENERATED ALWAYS AS
  (CASE WHEN kind = 'indicators' AND json_extract(data, '$.parentId') IS NULL THEN json_extract(data, '$.code') END) VIRTUAL;
CREATE INDEX entities_indicator_code ON entities(ind_code, plan_id, deleted, id) WHERE kind = 'indicators';

-- The observations index also carries what comparison reads of each value (plan, deletion, value), so
-- ranking 20,000 values reads the index alone and never parses their JSON.
DROP INDEX entities_observations;
CREATE INDEX entities_observations ON entities(obs_indicator_id, obs_year, obs_quarter, plan_id, deleted, obs_value)
  WHERE kind = 'observations';
