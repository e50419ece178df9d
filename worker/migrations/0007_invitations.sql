-- Invitation codes (shared/api/invitations.ts): a short single-use code an admin (CLI) or an
-- association's analyst creates for a user, exchanged once for an API token. Only the code's SHA-256 is
-- kept, as for tokens. The row is also the invitation's audit: who created it for whom and when, and
-- when it was redeemed, from where, and which token it became.
--   created_by  NULL when the admin CLI created it (the CLI acts as no user).
--   used_at, used_from, token_id  set together by the one guarded UPDATE that redeems the code
--               (worker/src/db/invitations.ts); the token is written in the same batch, hence the
--               deferred foreign key.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_from TEXT,
  token_id TEXT UNIQUE REFERENCES tokens(id) DEFERRABLE INITIALLY DEFERRED,
  CHECK ((used_at IS NULL) = (token_id IS NULL))
);
CREATE INDEX invitations_by_user ON invitations(user_id);

-- Failed redeem attempts per source address (CF-Connecting-IP), counted over a window: the redeem route
-- needs no token, so beyond the rate-limit binding a source that keeps guessing is refused for a while.
-- Rows older than the window are removed as new ones are written.
CREATE TABLE invitation_failures (
  source TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX invitation_failures_by_source ON invitation_failures(source, at);
