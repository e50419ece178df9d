-- An association's due date for a reporting year (see shared/api/deadlines.ts): when its members' monitoring
-- rounds of that year are due. Completeness tells each member on time, late, missing or not yet due by it.
--   due_on   a calendar date (YYYY-MM-DD); the day ends at midnight Europe/Kyiv (DUE_DATE_TIME_ZONE).
CREATE TABLE due_dates (
  association_id TEXT NOT NULL REFERENCES associations(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  due_on TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (association_id, year)
);

-- Every set and clear, with who and when (due_on NULL: cleared): a due date decides which members read as
-- late, so the trail says who moved it. Written in the same batch as the change (worker/src/db/deadlines.ts).
CREATE TABLE due_date_events (
  association_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  due_on TEXT,
  actor TEXT NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX due_date_events_year ON due_date_events (association_id, year, seq);
