import type { SyncKind, SyncRow } from "../../../shared/api/sync.ts";
import type { D1Database } from "../env.ts";

interface EntityRow {
  kind: SyncKind;
  id: string;
  version: number;
  deleted: number;
  data: string;
  updated_at: string;
  updated_by: string;
  updated_by_name: string;
  last_seq: number;
}

export const SELECT_ROW = `SELECT e.kind, e.id, e.version, e.deleted, e.data, e.updated_at, e.updated_by,
  u.name AS updated_by_name, e.last_seq FROM entities e JOIN users u ON u.id = e.updated_by`;

/** Stored JSON was validated with the kind's schema when written, so it is not parsed with zod again. */
export function toSyncRow(row: EntityRow): SyncRow {
  return {
    kind: row.kind,
    id: row.id,
    version: row.version,
    deleted: row.deleted === 1,
    data: JSON.parse(row.data),
    updatedAt: row.updated_at,
    updatedBy: { id: row.updated_by, name: row.updated_by_name },
  } as SyncRow;
}

export const rowKey = (kind: string, id: string) => `${kind}:${id}`;

/** The current rows (tombstones included) with these ids, by `kind:id`. */
export async function currentRows(db: D1Database, planId: string, ids: readonly string[]): Promise<Map<string, SyncRow>> {
  // The ids travel as one JSON parameter, so a 500-mutation push is one lookup, not six chunks.
  const { results } = await db
    .prepare(`${SELECT_ROW} WHERE e.plan_id = ?1 AND e.id IN (SELECT value FROM json_each(?2))`)
    .bind(planId, JSON.stringify(ids))
    .all<EntityRow>();
  return new Map(results.map((r) => [rowKey(r.kind, r.id), toSyncRow(r)]));
}

/**
 * One page of the change feed: rows whose latest write is after `since`, oldest first, each once.
 * `kinds` narrows the feed (an analyst's); null means every kind.
 */
export async function pullPage(
  db: D1Database,
  planId: string,
  since: number,
  limit: number,
  kinds: readonly SyncKind[] | null,
): Promise<{ changes: SyncRow[]; cursor: number; hasMore: boolean }> {
  const kindFilter = kinds ? "AND e.kind IN (SELECT value FROM json_each(?4))" : "";
  const params: unknown[] = [planId, since, limit + 1];
  if (kinds) params.push(JSON.stringify(kinds));
  const { results } = await db
    .prepare(`${SELECT_ROW} WHERE e.plan_id = ?1 AND e.last_seq > ?2 ${kindFilter} ORDER BY e.last_seq LIMIT ?3`)
    .bind(...params)
    .all<EntityRow>();
  const page = results.slice(0, limit);
  return {
    changes: page.map(toSyncRow),
    cursor: page.at(-1)?.last_seq ?? since,
    hasMore: results.length > limit,
  };
}

/** Every live row of a plan in insertion order, and the feed cursor they were read at (one transaction). */
export async function planRows(db: D1Database, planId: string): Promise<{ rows: SyncRow[]; cursor: number }> {
  const [rows, cursor] = await db.batch([
    db.prepare(`${SELECT_ROW} WHERE e.plan_id = ?1 AND e.deleted = 0 ORDER BY e.rowid`).bind(planId),
    db.prepare("SELECT COALESCE(MAX(last_seq), 0) AS cursor FROM entities WHERE plan_id = ?1").bind(planId),
  ]);
  return {
    rows: (rows!.results as unknown as EntityRow[]).map(toSyncRow),
    cursor: (cursor!.results[0] as { cursor: number }).cursor,
  };
}

/** Live rows of a plan that point at any of `ids` (see sync/references.ts for which fields point). */
export async function referencingRows(
  db: D1Database,
  planId: string,
  ids: readonly string[],
): Promise<{ kind: SyncKind; id: string; data: Record<string, unknown> }[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT kind, id, data FROM entities WHERE plan_id = ?1 AND deleted = 0 AND (
         json_extract(data, '$.priorityId') IN (SELECT value FROM json_each(?2))
         OR json_extract(data, '$.goalId') IN (SELECT value FROM json_each(?2))
         OR json_extract(data, '$.parentId') IN (SELECT value FROM json_each(?2))
         OR json_extract(data, '$.measures.id') IN (SELECT value FROM json_each(?2))
         OR json_extract(data, '$.indicatorId') IN (SELECT value FROM json_each(?2)))`,
    )
    .bind(planId, JSON.stringify(ids))
    .all<{ kind: SyncKind; id: string; data: string }>();
  return results.map((r) => ({ kind: r.kind, id: r.id, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** Live observations of a plan for these (indicator, year, quarter) periods: one value per period. */
export async function observationsAt(
  db: D1Database,
  planId: string,
  periods: readonly { indicatorId: string; year: number; quarter: number | null }[],
): Promise<{ id: string; indicatorId: string; year: number; quarter: number | null }[]> {
  if (periods.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT e.id, e.obs_indicator_id AS indicatorId, e.obs_year AS year, e.obs_quarter AS quarter
       FROM entities e JOIN json_each(?2) p
         ON e.obs_indicator_id = json_extract(p.value, '$.indicatorId') AND e.obs_year = json_extract(p.value, '$.year')
        AND e.obs_quarter IS json_extract(p.value, '$.quarter')
       WHERE e.plan_id = ?1 AND e.kind = 'observations' AND e.deleted = 0`,
    )
    .bind(planId, JSON.stringify(periods))
    .all<{ id: string; indicatorId: string; year: number; quarter: number | null }>();
  return results;
}
