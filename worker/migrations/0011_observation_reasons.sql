-- Reasons for a missing value (issue 14; shared/model/plan.ts MissingReason): an observation's `missing`
-- as a typed column, derived by SQLite from the JSON like obs_value, and an index of the observations
-- that carry one, so the comparison counts reasons per year and completeness tells a reason from an
-- empty value without parsing any JSON. Few observations carry a reason, so the partial index is small.
ALTER TABLE entities ADD COLUMN obs_missing TEXT GENERATED ALWAYS AS
  (CASE WHEN kind = 'observations' THEN json_extract(data, '$.missing') END) VIRTUAL;
CREATE INDEX entities_observation_reasons ON entities(obs_indicator_id, obs_year, obs_quarter, plan_id, deleted, obs_missing)
  WHERE kind = 'observations' AND obs_missing IS NOT NULL;
