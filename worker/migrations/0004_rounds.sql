-- The annual monitoring round of a plan (see shared/api/rounds.ts): one row per plan and year holding
-- where the round stands, and every step kept in round_events, the round's audit trail.
--   version  1 when opened, +1 per step; every step is one statement guarded on it and on the status the
--            step starts from (see worker/src/db/rounds.ts). A push that wrote observations of a year
--            also checks, in its batch, that the year's round is still at the version it was decided on.
CREATE TABLE rounds (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'returned', 'approved')),
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (plan_id, year)
);

-- seq is the round's version the step produced (1 for the open): one event per version, written in the
-- same batch as the step, so the trail can neither miss a step nor hold one twice.
CREATE TABLE round_events (
  plan_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  action TEXT NOT NULL CHECK (action IN ('open', 'submit', 'return', 'approve', 'reopen')),
  status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'returned', 'approved')),
  actor TEXT NOT NULL REFERENCES users(id),
  comment TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (plan_id, year, seq),
  FOREIGN KEY (plan_id, year) REFERENCES rounds(plan_id, year)
);
