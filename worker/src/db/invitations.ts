import type { Actor } from "../../../shared/api/access.ts";
import { formatInvitationCode, newInvitationCode, type Invitee, type InviteeRole } from "../../../shared/api/invitations.ts";
import { hmacSha256Hex, newToken, sha256Hex } from "../crypto.ts";
import type { D1Database } from "../env.ts";
import type { Statement } from "./tenancy.ts";

/**
 * Invitation codes in D1 (worker/migrations/0007_invitations.sql, 0008, 0009): created by the admin CLI
 * and the API alike through `issueInvitation`'s statements, redeemed by one guarded batch.
 */

/**
 * A code's stored form: its HMAC-SHA-256 under the Worker's secret `INVITATION_KEY`, so a copy of the
 * database alone cannot test guesses offline (50 bits would not resist a plain hash).
 */
export const invitationCodeHash = (key: string, code: string) => hmacSha256Hex(key, code);

/**
 * A new code for a user: the code (to show once, formatted) and the statements that end the user's older
 * unused codes (they expire now: one live code per user) and store only the new one's keyed hash.
 */
export async function issueInvitation(invite: {
  /** `INVITATION_KEY`. */
  key: string;
  userId: string;
  /** Null for the admin CLI. */
  createdBy: string | null;
  /** The association the code was created through; null for the admin CLI. */
  associationId: string | null;
  days: number;
  at: string;
}): Promise<{ code: string; invitationId: string; expiresAt: string; statements: Statement[] }> {
  const code = newInvitationCode();
  const invitationId = crypto.randomUUID();
  const expiresAt = new Date(Date.parse(invite.at) + invite.days * 86_400_000).toISOString();
  return {
    code: formatInvitationCode(code),
    invitationId,
    expiresAt,
    statements: [
      {
        sql: "UPDATE invitations SET expires_at = ?2 WHERE user_id = ?1 AND used_at IS NULL AND expires_at > ?2",
        params: [invite.userId, invite.at],
      },
      {
        sql: `INSERT INTO invitations (id, code_hash, user_id, created_by, association_id, created_at, expires_at)
              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
        params: [
          invitationId,
          await invitationCodeHash(invite.key, code),
          invite.userId,
          invite.createdBy,
          invite.associationId,
          invite.at,
          expiresAt,
        ],
      },
    ],
  };
}

interface InviteeRow {
  id: string;
  name: string;
  within: number;
  analystOnly: number;
}

/**
 * SQL true when the user `user` holds grants and every one is the analyst role of association `association`
 * (both SQL expressions): the only users an analyst may invite, since a code's token carries all its
 * user's rights and an analyst must not obtain an editor's, a monitor's or anything outside the association.
 */
export const onlyAnalystOf = (user: string, association: string) =>
  `(EXISTS (SELECT 1 FROM grants WHERE user_id = ${user})
    AND NOT EXISTS (SELECT 1 FROM grants WHERE user_id = ${user} AND NOT (role = 'analyst' AND scope_id = ${association})))`;

/**
 * SQL true when grant row `g` is held inside association `association` (an SQL expression): the editor or
 * monitor role of a member community, or the association's analyst role. An admin invites only such users.
 */
const grantWithin = (g: string, association: string) =>
  `((${g}.role = 'analyst' AND ${g}.scope_id = ${association})
    OR (${g}.role IN ('editor', 'monitor')
        AND ${g}.scope_id IN (SELECT community_id FROM memberships WHERE association_id = ${association})))`;

/**
 * A user as an association sees them for an invitation: `within` when they hold a grant inside it
 * (`grantWithin`), `analystOnly` when all their grants are its analyst role (`onlyAnalystOf`). Null for an
 * unknown user.
 */
export async function invitee(
  db: D1Database,
  userId: string,
  associationId: string,
): Promise<{ user: Actor; within: boolean; analystOnly: boolean } | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.name,
         EXISTS (SELECT 1 FROM grants g WHERE g.user_id = ?1 AND ${grantWithin("g", "?2")}) AS within,
         ${onlyAnalystOf("?1", "?2")} AS analystOnly
       FROM users u WHERE u.id = ?1`,
    )
    .bind(userId, associationId)
    .first<InviteeRow>();
  return row && { user: { id: row.id, name: row.name }, within: row.within === 1, analystOnly: row.analystOnly === 1 };
}

interface InviteeRoleRow {
  user_id: string;
  user_name: string;
  role: InviteeRole["role"];
  community_id: string | null;
  community_name: string | null;
}

/** One row per grant, ordered by user: each user once, with their roles in the rows' order. */
function toInvitees(rows: readonly InviteeRoleRow[]): Invitee[] {
  const byUser = new Map<string, Invitee>();
  for (const r of rows) {
    const role: InviteeRole = {
      role: r.role,
      community: r.community_id !== null && r.community_name !== null ? { id: r.community_id, name: r.community_name } : null,
    };
    const known = byUser.get(r.user_id);
    if (known) known.roles.push(role);
    else byUser.set(r.user_id, { user: { id: r.user_id, name: r.user_name }, roles: [role] });
  }
  return [...byUser.values()];
}

/**
 * The users a caller may create a code for through association `associationId`, by name, with their
 * roles inside it: for an admin every user holding a role inside it (`invitee`'s `within`), for an analyst
 * only those whose every role is its analyst (`analystOnly`), the same rules the create route applies.
 */
export async function listInvitees(db: D1Database, associationId: string, asAdmin: boolean): Promise<Invitee[]> {
  const { results } = await db
    .prepare(
      `SELECT u.id AS user_id, u.name AS user_name, g.role, c.id AS community_id, c.name AS community_name
       FROM users u
       JOIN grants g ON g.user_id = u.id AND ${grantWithin("g", "?1")}
       LEFT JOIN communities c ON g.role IN ('editor', 'monitor') AND c.id = g.scope_id
       ${asAdmin ? "" : `WHERE ${onlyAnalystOf("u.id", "?1")}`}
       ORDER BY u.name, u.id, g.role, c.name`,
    )
    .bind(associationId)
    .all<InviteeRoleRow>();
  return toInvitees(results);
}

/**
 * Exchanges a code (its hash) for a new token of the code's user, in one batch: the UPDATE is guarded on
 * the code being unused and unexpired, so of two concurrent redeems exactly one changes the row; the token
 * is inserted only for the invitation that UPDATE marked with it. The guard also checks again that the
 * code's creator may still create it (the route's rule at creation): the CLI's always, an admin's while
 * they are admin, an analyst's while they are the association's analyst and the user's every role is that
 * association's analyst. Null for a code that is unknown, used, expired or no longer allowed (not told apart).
 */
export async function redeemInvitation(
  db: D1Database,
  redeem: {
    codeHash: string;
    from: string | null;
    label: string;
    at: string;
    tokenExpiresAt: string;
    /** The attempt `countAttempt` counted: forgotten in the same batch when the code is good. */
    attemptId: string;
  },
): Promise<{ token: string; tokenId: string; user: Actor } | null> {
  const token = newToken();
  const tokenId = crypto.randomUUID();
  const [, , , owner] = await db.batch([
    db
      .prepare(
        `UPDATE invitations SET used_at = ?2, used_from = ?3, token_id = ?4
         WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2
           AND (created_by IS NULL
                OR EXISTS (SELECT 1 FROM grants WHERE user_id = invitations.created_by AND role = 'admin')
                OR (EXISTS (SELECT 1 FROM grants WHERE user_id = invitations.created_by
                            AND role = 'analyst' AND scope_id = invitations.association_id)
                    AND ${onlyAnalystOf("invitations.user_id", "invitations.association_id")}))`,
      )
      .bind(redeem.codeHash, redeem.at, redeem.from, tokenId),
    db
      .prepare(
        `INSERT INTO tokens (id, user_id, token_hash, label, created_at, expires_at)
         SELECT ?1, user_id, ?2, ?3, ?4, ?5 FROM invitations WHERE token_id = ?1`,
      )
      .bind(tokenId, await sha256Hex(token), redeem.label, redeem.at, redeem.tokenExpiresAt),
    db
      .prepare("DELETE FROM invitation_failures WHERE attempt_id = ?1 AND EXISTS (SELECT 1 FROM invitations WHERE token_id = ?2)")
      .bind(redeem.attemptId, tokenId),
    db
      .prepare("SELECT u.id, u.name FROM invitations i JOIN users u ON u.id = i.user_id WHERE i.token_id = ?1")
      .bind(tokenId),
  ]);
  const user = (owner!.results as unknown as Actor[])[0];
  return user ? { token, tokenId, user: { id: user.id, name: user.name } } : null;
}

/**
 * Counts a redeem attempt before its code is checked, in one batch: forgets rows older than the window,
 * writes this attempt's row and counts the window's rows (this one included) from `source` and from
 * everyone. D1 runs a batch as one transaction, so of parallel attempts each sees those before it.
 */
export async function countAttempt(
  db: D1Database,
  attempt: { id: string; source: string; at: string; windowStart: string },
): Promise<{ fromSource: number; overall: number }> {
  const [, , counts] = await db.batch([
    db.prepare("DELETE FROM invitation_failures WHERE at <= ?1").bind(attempt.windowStart),
    db
      .prepare("INSERT INTO invitation_failures (attempt_id, source, at) VALUES (?1, ?2, ?3)")
      .bind(attempt.id, attempt.source, attempt.at),
    db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM invitation_failures WHERE source = ?1 AND at > ?2) AS fromSource,
                (SELECT COUNT(*) FROM invitation_failures WHERE at > ?2) AS overall`,
      )
      .bind(attempt.source, attempt.windowStart),
  ]);
  return (counts!.results as unknown as { fromSource: number; overall: number }[])[0]!;
}

/** Removes an attempt's row: it was refused before any code was checked, so it guessed nothing. */
export async function forgetAttempt(db: D1Database, attemptId: string): Promise<void> {
  await db.prepare("DELETE FROM invitation_failures WHERE attempt_id = ?1").bind(attemptId).run();
}
