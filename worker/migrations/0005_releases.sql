-- An association's releases (see shared/api/releases.ts): members' positions are read from the year's
-- latest release, never from live values, so a member cannot probe the others by writing its own value
-- and reading its position again.

-- One row per publication. Written last by a publication (see worker/src/db/releases.ts): the numbered
-- figures below are complete before their release exists, so a reader never sees half a release.
CREATE TABLE releases (
  association_id TEXT NOT NULL REFERENCES associations(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  number INTEGER NOT NULL CHECK (number >= 1),
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (association_id, year, number)
);

-- The frozen figures of a release, per catalogue code: the year's statistics, and each member with a
-- value its value, rank and quartile (the rules of shared/api/compare.ts, as reported, not per capita).
-- Only the latest release's figures are kept.
CREATE TABLE release_stats (
  association_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  code TEXT NOT NULL,
  n INTEGER NOT NULL,
  min REAL, q1 REAL, median REAL, q3 REAL, max REAL,
  PRIMARY KEY (association_id, year, number, code)
);

CREATE TABLE release_values (
  association_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  code TEXT NOT NULL,
  community_id TEXT NOT NULL,
  value REAL NOT NULL,
  rank INTEGER NOT NULL,
  quartile INTEGER NOT NULL CHECK (quartile BETWEEN 1 AND 4),
  PRIMARY KEY (association_id, year, number, community_id, code)
);
