-- The association an invitation was created through (`POST /v1/associations/{id}/invitations`; NULL for
-- the admin CLI). A code's token carries all of its user's rights, so the creator's right to invite is
-- checked again when the code is redeemed (worker/src/db/invitations.ts, in the guarded UPDATE): an
-- analyst's code dies when its user gains a role beyond the association's analyst, or its creator stops
-- being the association's analyst. Codes created before this migration by an analyst have no association
-- and so die too (they expire within 7 days anyway); the CLI's keep working.
ALTER TABLE invitations ADD COLUMN association_id TEXT REFERENCES associations(id);
