import type { HistoryEntry } from "../../../shared/api/history.ts";
import type { D1Database } from "../env.ts";

interface ChangeRow {
  seq: number;
  kind: HistoryEntry["kind"];
  entity_id: string;
  version: number;
  op: HistoryEntry["op"];
  actor: string;
  actor_name: string;
  client_id: string | null;
  old_data: string | null;
  new_data: string | null;
  at: string;
}

const toHistoryEntry = (r: ChangeRow): HistoryEntry => ({
  seq: r.seq,
  kind: r.kind,
  entityId: r.entity_id,
  version: r.version,
  op: r.op,
  actor: { id: r.actor, name: r.actor_name },
  clientId: r.client_id,
  before: r.old_data === null ? null : JSON.parse(r.old_data),
  after: r.new_data === null ? null : JSON.parse(r.new_data),
  at: r.at,
});

/** Whose history: a plan (optionally one of its rows) or a whole community. */
export type HistoryScope = { planId: string; entityId?: string | undefined } | { communityId: string };

/** Newest first, `limit` entries older than `before`; `next` continues the listing. */
export async function historyPage(
  db: D1Database,
  scope: HistoryScope,
  page: { before?: number | undefined; limit: number },
): Promise<{ entries: HistoryEntry[]; next: number | null }> {
  // Each scope has its own index (see the migration), so each gets its own WHERE rather than ORs.
  const [where, params] =
    "communityId" in scope
      ? ["c.community_id = ?3", [scope.communityId]]
      : scope.entityId
        ? ["c.plan_id = ?3 AND c.entity_id = ?4", [scope.planId, scope.entityId]]
        : ["c.plan_id = ?3", [scope.planId]];
  const { results } = await db
    .prepare(
      `SELECT c.seq, c.kind, c.entity_id, c.version, c.op, c.actor, u.name AS actor_name, c.client_id,
         c.old_data, c.new_data, c.at
       FROM change_log c JOIN users u ON u.id = c.actor
       WHERE ${where} AND c.seq < ?1 ORDER BY c.seq DESC LIMIT ?2`,
    )
    .bind(page.before ?? Number.MAX_SAFE_INTEGER, page.limit + 1, ...params)
    .all<ChangeRow>();
  const entries = results.slice(0, page.limit).map(toHistoryEntry);
  return { entries, next: results.length > page.limit ? entries.at(-1)!.seq : null };
}
