-- One live value per indicator and period (issue 15). A push refuses a second value for a period it can see
-- (worker/src/sync/push.ts secondValues), but two pushes that each create the year's first value under ids of
-- their own, decided before either writes, both committed: nothing in the store forbade it, and the
-- comparison would count the member's year twice. The unique index below makes the second one's batch fail;
-- push then decides it again and refuses it as period_taken.
--
-- First, values already doubled: the newest live row of each (plan, indicator, year, quarter) is kept (the
-- latest write, by change_log order), and each other becomes a tombstone the way a delete makes one
-- (db/writes.ts): deleted = 1, version + 1, data kept as its last value, logged in change_log as a delete and
-- linked by last_seq, so every client's next pull drops it. Its actor is the writer of the value kept (whose
-- later write made it a second value); its client id names this migration. Round locks are not applied: an
-- approved year may hold a doubled value too, and its comparison counted it twice.
-- Which row is newest does not change while the statement runs (the newest is never touched), so the outcome
-- does not depend on the order SQLite visits the rows in.
-- Each statement ends its last line with ';' and has none inside: tests/support/local-worker.ts splits there.
UPDATE entities SET
  deleted = 1,
  version = version + 1,
  prev_data = data,
  updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
  updated_by = (SELECT n.updated_by FROM entities n
    WHERE n.plan_id = entities.plan_id AND n.kind = 'observations' AND n.deleted = 0
      AND n.obs_indicator_id = entities.obs_indicator_id AND n.obs_year = entities.obs_year AND n.obs_quarter IS entities.obs_quarter
    ORDER BY COALESCE(n.last_seq, 0) DESC, n.updated_at DESC, n.id DESC LIMIT 1),
  last_seq = -1
WHERE kind = 'observations' AND deleted = 0 AND EXISTS (SELECT 1 FROM entities n
  WHERE n.plan_id = entities.plan_id AND n.kind = 'observations' AND n.deleted = 0
    AND n.obs_indicator_id = entities.obs_indicator_id AND n.obs_year = entities.obs_year AND n.obs_quarter IS entities.obs_quarter
    AND (COALESCE(n.last_seq, 0), n.updated_at, n.id) > (COALESCE(entities.last_seq, 0), entities.updated_at, entities.id));
-- last_seq -1 marks exactly the tombstones just made: no write stores a negative one (change_log's seq starts
-- at 1), whereas NULL is not theirs alone: a seed interrupted before its backfill (worker/tools/large-demo.ts)
-- leaves live rows with NULL last_seq, which must not be logged as deletes.
INSERT INTO change_log (plan_id, community_id, kind, entity_id, version, op, actor, client_id, old_data, new_data, at)
  SELECT plan_id, community_id, kind, id, version, 'delete', updated_by, 'migration:0016_one_value_per_period', prev_data, NULL, updated_at
  FROM entities WHERE last_seq = -1 ORDER BY plan_id, rowid;
UPDATE entities SET prev_data = NULL, last_seq = (SELECT c.seq FROM change_log c
    WHERE c.plan_id = entities.plan_id AND c.kind = entities.kind AND c.entity_id = entities.id AND c.version = entities.version)
  WHERE last_seq = -1;
-- A quarter's value and the year's own (obs_quarter NULL) are different periods; COALESCE makes the year's
-- comparable, since NULLs are never equal in a unique index.
CREATE UNIQUE INDEX entities_one_value_per_period ON entities(plan_id, obs_indicator_id, obs_year, COALESCE(obs_quarter, 0))
  WHERE kind = 'observations' AND deleted = 0;
