-- A redeem attempt is counted BEFORE its code is checked (worker/src/routes/invitations.ts): the row is
-- written and the window's rows counted in one batch, so parallel guesses see each other; the row of an
-- attempt that succeeds, or is refused without checking a code, is removed by its `attempt_id`. What
-- remains are the failed (or still pending) attempts, counted per source and over all sources.
ALTER TABLE invitation_failures ADD COLUMN attempt_id TEXT;
CREATE INDEX invitation_failures_by_attempt ON invitation_failures(attempt_id);
CREATE INDEX invitation_failures_by_time ON invitation_failures(at);
