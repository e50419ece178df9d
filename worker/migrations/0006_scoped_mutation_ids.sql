-- Mutation ids are scoped to the plan and the user who sends them (issue 12). A global id let anyone
-- who learned one (a queued mutation travels inside the workbook file) use it first, so the owner's
-- retry was refused forever, and told another tenant that an id existed. Now an id used in another
-- scope is a new mutation there; within its scope everything is as before (the first result is stored
-- and replayed, another body is refused). Existing rows keep their scope's key and keep answering retries.
CREATE TABLE push_mutations_scoped (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  mutation_id TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, user_id, mutation_id)
);
INSERT INTO push_mutations_scoped (plan_id, user_id, mutation_id, body_hash, result, created_at)
  SELECT plan_id, user_id, mutation_id, body_hash, result, created_at FROM push_mutations;
DROP TABLE push_mutations;
ALTER TABLE push_mutations_scoped RENAME TO push_mutations;
