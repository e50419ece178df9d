import type { Role } from "../../../shared/api/access.ts";
import type { TerritoryCode } from "../../../shared/model/territory.ts";
import { newToken, sha256Hex } from "../crypto.ts";

/**
 * Writes to the tenant tables, as SQL with numbered parameters. The API has no admin routes: the admin
 * CLI runs these through `wrangler d1 execute` (parameters inlined as literals, see worker/tools/wrangler.ts),
 * the tests bind them to the D1 binding. One text for both, so both write the same rows.
 */
export interface Statement {
  sql: string;
  params: (string | number | null)[];
}

export const tenancy = {
  association: (id: string, name: string, at: string): Statement => ({
    sql: "INSERT INTO associations (id, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
    params: [id, name, at],
  }),
  community: (id: string, name: string, at: string): Statement => ({
    sql: "INSERT INTO communities (id, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
    params: [id, name, at],
  }),
  /**
   * Sets (or, with null, clears) a community's official territory code, already checked by
   * shared/model/territory.ts. A code another community holds is refused (migration 0015 says so), and so
   * is a community id that no community has (migration 0017's view: an UPDATE would change nothing, silently).
   */
  territoryCode: (communityId: string, code: TerritoryCode | null): Statement => ({
    sql: "INSERT INTO community_code_changes (community_id, territory_code) VALUES (?1, ?2)",
    params: [communityId, code],
  }),
  membership: (associationId: string, communityId: string): Statement => ({
    sql: "INSERT OR IGNORE INTO memberships (association_id, community_id) VALUES (?1, ?2)",
    params: [associationId, communityId],
  }),
  user: (id: string, name: string, at: string): Statement => ({
    sql: "INSERT INTO users (id, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
    params: [id, name, at],
  }),
  /** `scopeId`: a community for editor/monitor, an association for analyst, null for admin. */
  grant: (userId: string, role: Role, scopeId: string | null): Statement => ({
    sql: "INSERT OR IGNORE INTO grants (user_id, role, scope_id) VALUES (?1, ?2, ?3)",
    params: [userId, role, scopeId ?? ""],
  }),
  revokeToken: (tokenId: string, at: string): Statement => ({
    sql: "UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
    params: [tokenId, at],
  }),
  revokeTokensLabelled: (label: string, at: string): Statement => ({
    sql: "UPDATE tokens SET revoked_at = ?2 WHERE label = ?1 AND revoked_at IS NULL",
    params: [label, at],
  }),
};

/** A new token for a user: the secret (to show once) and the statement that stores only its hash. */
export async function issueToken(
  user: { userId: string; label: string; expiresAt: string; at: string },
): Promise<{ token: string; tokenId: string; statement: Statement }> {
  const token = newToken();
  const tokenId = crypto.randomUUID();
  return {
    token,
    tokenId,
    statement: {
      sql: "INSERT INTO tokens (id, user_id, token_hash, label, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      params: [tokenId, user.userId, await sha256Hex(token), user.label, user.at, user.expiresAt],
    },
  };
}
