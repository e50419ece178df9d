-- MuniPlan store: tenants, access, versioned plan rows and the change log.
-- Times are ISO-8601 UTC strings (Date#toISOString), so they compare correctly as text.

CREATE TABLE associations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- The tenant directory. The community's own description (kind, country, region...) is a synced row
-- in `entities`; `name` is copied here so /v1/me can list communities that have no plan yet.
CREATE TABLE communities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- A community can belong to several associations.
CREATE TABLE memberships (
  association_id TEXT NOT NULL REFERENCES associations(id),
  community_id TEXT NOT NULL REFERENCES communities(id),
  PRIMARY KEY (association_id, community_id)
);
CREATE INDEX memberships_by_community ON memberships(community_id);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Only the SHA-256 of a token is kept: a leaked database does not leak usable tokens.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX tokens_by_user ON tokens(user_id);

-- scope_id: '' for admin, a community id for editor/monitor, an association id for analyst.
CREATE TABLE grants (
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'monitor', 'analyst')),
  scope_id TEXT NOT NULL,
  PRIMARY KEY (user_id, role, scope_id)
);

-- One plan per community for now (the UNIQUE); plans have their own id so that can change.
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  community_id TEXT NOT NULL UNIQUE REFERENCES communities(id),
  created_at TEXT NOT NULL
);

-- Every synced row: the plan header (kind 'plan'), the community (kind 'community') and the plan's
-- collections. Deleted rows stay as tombstones (deleted = 1, data = last value) so pulls carry deletions.
--   version   1 on create, +1 per write; writes are guarded on it (see worker/src/db/writes.ts).
--   last_seq  change_log.seq of the row's latest write: the pull feed pages on it. NULL only inside the
--             write batch that is recording the row's change, together with prev_data (the value before).
CREATE TABLE entities (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  community_id TEXT NOT NULL REFERENCES communities(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  data TEXT NOT NULL,
  prev_data TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id),
  last_seq INTEGER,
  -- Observations as typed columns, derived by SQLite from the JSON so they can never disagree with it;
  -- association reports aggregate on them in SQL.
  obs_indicator_id TEXT GENERATED ALWAYS AS
    (CASE WHEN kind = 'observations' THEN json_extract(data, '$.indicatorId') END) VIRTUAL,
  obs_year INTEGER GENERATED ALWAYS AS
    (CASE WHEN kind = 'observations' THEN json_extract(data, '$.period.year') END) VIRTUAL,
  obs_quarter INTEGER GENERATED ALWAYS AS
    (CASE WHEN kind = 'observations' THEN json_extract(data, '$.period.quarter') END) VIRTUAL,
  obs_value REAL GENERATED ALWAYS AS
    (CASE WHEN kind = 'observations' THEN json_extract(data, '$.value') END) VIRTUAL,
  PRIMARY KEY (plan_id, kind, id)
);
CREATE INDEX entities_feed ON entities(plan_id, last_seq);
CREATE INDEX entities_by_community ON entities(community_id, kind);
CREATE INDEX entities_observations ON entities(obs_indicator_id, obs_year, obs_quarter)
  WHERE kind = 'observations';

-- Every write, in order: the pull feed's sequence and the audit log (who, when, which client,
-- old and new value). AUTOINCREMENT keeps seq monotonic even if the newest rows were ever removed.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  community_id TEXT NOT NULL REFERENCES communities(id),
  kind TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  actor TEXT NOT NULL REFERENCES users(id),
  client_id TEXT,
  old_data TEXT,
  new_data TEXT,
  at TEXT NOT NULL
);
-- One entry per row version: a second write of the same version aborts its batch.
CREATE UNIQUE INDEX change_log_version ON change_log(plan_id, kind, entity_id, version);
CREATE INDEX change_log_by_plan ON change_log(plan_id, seq);
CREATE INDEX change_log_by_entity ON change_log(plan_id, entity_id, seq);
CREATE INDEX change_log_by_community ON change_log(community_id, seq);

-- Idempotency of push: each mutation id is decided once; a retry with the same id and body gets the
-- stored result, the same id with another body is refused.
CREATE TABLE push_mutations (
  mutation_id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  body_hash TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT NOT NULL
);
