import type { Grant } from "../../../shared/api/access.ts";
import type { D1Database } from "../env.ts";

export interface Principal {
  userId: string;
  userName: string;
  tokenId: string;
  tokenExpiresAt: string;
  grants: Grant[];
}

export type TokenLookup =
  | { status: "ok"; principal: Principal }
  | { status: "unknown" | "revoked" | "expired" };

interface TokenRow {
  token_id: string;
  expires_at: string;
  revoked_at: string | null;
  user_id: string;
  user_name: string;
}
interface GrantRow {
  role: Grant["role"];
  scope_id: string;
}

function toGrant(row: GrantRow): Grant {
  switch (row.role) {
    case "admin":
      return { role: "admin" };
    case "editor":
    case "monitor":
      return { role: row.role, communityId: row.scope_id };
    case "analyst":
      return { role: "analyst", associationId: row.scope_id };
  }
}

/** The token's user and grants, in one round trip; the token is looked up by its hash only. */
export async function lookupToken(db: D1Database, tokenHash: string, now: string): Promise<TokenLookup> {
  const [tokens, grants] = await db.batch([
    db
      .prepare(
        `SELECT t.id AS token_id, t.expires_at, t.revoked_at, u.id AS user_id, u.name AS user_name
         FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1`,
      )
      .bind(tokenHash),
    db
      .prepare(
        `SELECT g.role, g.scope_id FROM grants g JOIN tokens t ON t.user_id = g.user_id
         WHERE t.token_hash = ?1 ORDER BY g.role, g.scope_id`,
      )
      .bind(tokenHash),
  ]);
  const token = (tokens!.results as unknown as TokenRow[])[0];
  if (!token) return { status: "unknown" };
  if (token.revoked_at !== null) return { status: "revoked" };
  if (token.expires_at <= now) return { status: "expired" };
  return {
    status: "ok",
    principal: {
      userId: token.user_id,
      userName: token.user_name,
      tokenId: token.token_id,
      tokenExpiresAt: token.expires_at,
      grants: (grants!.results as unknown as GrantRow[]).map(toGrant),
    },
  };
}
