-- An association's catalogue of standard indicators: what members add to their indicator sheets by code.
-- Entries are never deleted: a retired entry stays (status 'retired') so members' data keeps its link,
-- and a later write can re-activate it.
--   version   1 on create, +1 per change; every write is one statement guarded on it
--             (see worker/src/db/catalogue.ts).
CREATE TABLE catalogue_entries (
  association_id TEXT NOT NULL REFERENCES associations(id),
  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^A-Z0-9._-]*'),
  name_uk TEXT NOT NULL,
  name_en TEXT NOT NULL,
  unit TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease', 'keep')),
  frequency TEXT NOT NULL CHECK (frequency IN ('annually', 'semi_annually', 'quarterly', 'annual_monthly_average')),
  definition TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (association_id, code)
);
