import type { SyncKind } from "../../../shared/api/sync.ts";
import type { D1Database, D1PreparedStatement } from "../env.ts";
import { multiRowInsert } from "./sql.ts";

/** A row's next state, decided by the caller after checking its base version. */
export interface RowWrite {
  kind: SyncKind;
  id: string;
  /** The row's current version + 1 (1 for a new row). */
  version: number;
  deleted: boolean;
  /** The validated entity; for a delete, its last value (kept in the tombstone). */
  data: object;
}

export interface WriteContext {
  planId: string;
  communityId: string;
  actorId: string;
  clientId: string | null;
  at: string;
}

/**
 * The statements that write rows and record each write in the change log. Run them in one
 * `db.batch` (one transaction) with whatever else must commit with them.
 *
 * The version guard: an upsert onto an existing row sets `version` to NULL unless the stored version is
 * exactly the one before the new one (and the row is not a tombstone). `version` is NOT NULL, so a
 * stale write fails its statement and with it the whole batch; a create onto an existing row fails the
 * same way. A 0-row UPDATE would not abort a batch, which is why the guard is not a WHERE clause.
 */
export function rowWriteStatements(db: D1Database, ctx: WriteContext, writes: readonly RowWrite[]): D1PreparedStatement[] {
  if (writes.length === 0) return [];
  const upserts = multiRowInsert(db, {
    into: "entities (plan_id, community_id, updated_at, updated_by, kind, id, version, deleted, data)",
    shared: [ctx.planId, ctx.communityId, ctx.at, ctx.actorId],
    rows: writes.map((w) => [w.kind, w.id, w.version, w.deleted ? 1 : 0, JSON.stringify(w.data)]),
    suffix: `ON CONFLICT (plan_id, kind, id) DO UPDATE SET
      version = CASE WHEN entities.version + 1 = excluded.version AND entities.deleted = 0 THEN excluded.version END,
      deleted = excluded.deleted, data = excluded.data, prev_data = entities.data,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by, last_seq = NULL`,
  });
  // The rows just written are the plan's only rows with last_seq NULL: log them from the table itself
  // (one statement however many rows, no JSON bound twice), then point each at its log entry.
  const log = db
    .prepare(
      `INSERT INTO change_log (plan_id, community_id, kind, entity_id, version, op, actor, client_id, old_data, new_data, at)
       SELECT plan_id, community_id, kind, id, version,
         CASE WHEN deleted = 1 THEN 'delete' WHEN version = 1 THEN 'create' ELSE 'update' END,
         updated_by, ?2, prev_data, CASE WHEN deleted = 1 THEN NULL ELSE data END, updated_at
       FROM entities WHERE plan_id = ?1 AND last_seq IS NULL ORDER BY rowid`,
    )
    .bind(ctx.planId, ctx.clientId);
  const link = db
    .prepare(
      `UPDATE entities SET prev_data = NULL, last_seq = (SELECT c.seq FROM change_log c
         WHERE c.plan_id = entities.plan_id AND c.kind = entities.kind AND c.entity_id = entities.id
           AND c.version = entities.version)
       WHERE plan_id = ?1 AND last_seq IS NULL`,
    )
    .bind(ctx.planId);
  // The tenant directory keeps the community's name (for /v1/me) in step with its synced row.
  const renames = writes
    .filter((w) => w.kind === "community" && !w.deleted)
    .map((w) =>
      db.prepare("UPDATE communities SET name = ?2 WHERE id = ?1").bind(w.id, (w.data as { name: string }).name),
    );
  return [...upserts, log, link, ...renames];
}
