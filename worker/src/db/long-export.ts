import type { Condition } from "../../../shared/api/odata.ts";
import type { LongObservation } from "../../../shared/export/long.ts";
import type { MissingReason } from "../../../shared/model/plan.ts";
import type { D1Database } from "../env.ts";
import { type FeedReader, readEntitySet, sortKey } from "./odata.ts";

/**
 * The long export's reads (worker/src/routes/long-export.ts), all through the OData feed's queries
 * (worker/src/db/odata.ts, itself the comparison's members and linked indicators): the observations
 * page by page through its seek, the members and their territory codes as its Members. One SQL for
 * both, so the feed and the file always hold the same rows.
 */

/**
 * Rows per read. D1 answers a statement with its whole result in one message, and an observation row
 * is about 200 bytes as D1 returns it: 5,000 rows is about 1 MB per read, a Worker holds one page at a
 * time while the response streams, and the largest association's 641,250 answered observations (1,500
 * members × 30 indicators × 15 years, one in twenty empty) take 129 reads, well within D1's 1,000 queries
 * per invocation. Measured (tests/bench/open-data.ts), the 129 reads cost 1.5–1.8 times one statement for
 * all rows; walking the codes one by one (so no page sorts rows beyond its code) was no faster.
 */
export const LONG_EXPORT_PAGE = 5000;

/** Which rows: one catalogue code, a range of years, one member; any left out is all. */
export interface LongFilter {
  code?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  member?: string | undefined;
}

/** The filter as the feed's `$filter` conditions (properties of its Observations entity set). */
function conditionsOf(f: LongFilter): Condition[] {
  const conditions: Condition[] = [];
  if (f.code !== undefined) conditions.push({ property: "code", op: "eq", value: f.code });
  if (f.member !== undefined) conditions.push({ property: "communityId", op: "eq", value: f.member });
  if (f.from !== undefined) conditions.push({ property: "year", op: "ge", value: f.from });
  if (f.to !== undefined) conditions.push({ property: "year", op: "le", value: f.to });
  return conditions;
}

/** The association's members as the feed lists them (Members: community id, territory code), `filter` applied. */
async function members(db: D1Database, associationId: string, filter: Condition[]): Promise<{ communityId: string; territoryCode: string | null }[]> {
  const reader: FeedReader = { namedOnly: false, notesOf: null };
  const { rows } = await readEntitySet(db, "Members", associationId, reader, { filter, withNotes: false, count: false }, {
    // Every member in one read: an association has at most a few thousand.
    limit: 1_000_000,
    offset: 0,
    after: null,
  });
  return rows.map((r) => ({ communityId: r.communityId as string, territoryCode: (r.territoryCode as string | null) ?? null }));
}

/** The official territory codes of the association's members that have one, by community id. */
export async function territoryCodes(db: D1Database, associationId: string): Promise<Map<string, string>> {
  return new Map((await members(db, associationId, [])).flatMap((m) => (m.territoryCode ? [[m.communityId, m.territoryCode] as const] : [])));
}

/** The association's member `communityId` with its territory code, or null when it is not one. */
export async function memberOf(db: D1Database, associationId: string, communityId: string): Promise<{ communityId: string; territoryCode: string | null } | null> {
  return (await members(db, associationId, [{ property: "communityId", op: "eq", value: communityId }]))[0] ?? null;
}

/** How many rows the filter selects for `reader`: what an .xlsx is checked on before it is built. */
export async function countLongRows(db: D1Database, associationId: string, reader: FeedReader, filter: LongFilter): Promise<number> {
  const { count } = await readEntitySet(
    db,
    "Observations",
    associationId,
    reader,
    { filter: conditionsOf(filter), withNotes: false, count: true },
    { limit: 0, offset: 0, after: null },
  );
  return count!;
}

/** What a row needs beside the observation: the catalogue's units and the members' territory codes. */
export interface LongContext {
  units: ReadonlyMap<string, string>;
  territories: ReadonlyMap<string, string>;
}

/**
 * The rows, a page at a time, each page starting after the last row of the one before (the feed's sort
 * key, unique per row): no row twice and none skipped that exists throughout the walk, and every read
 * costs the same however late in the walk. A write between two reads may show in the later page only.
 */
export async function* longPages(
  db: D1Database,
  associationId: string,
  reader: FeedReader,
  filter: LongFilter,
  context: LongContext,
  pageSize = LONG_EXPORT_PAGE,
): AsyncGenerator<LongObservation[]> {
  const conditions = conditionsOf(filter);
  let after: (string | number)[] | null = null;
  for (;;) {
    const { rows } = await readEntitySet(db, "Observations", associationId, reader, { filter: conditions, withNotes: true, count: false }, {
      limit: pageSize,
      offset: 0,
      after,
    });
    if (rows.length > 0)
      yield rows.map((r) => ({
        communityId: r.communityId as string,
        territoryCode: context.territories.get(r.communityId as string) ?? null,
        code: r.code as string,
        unit: context.units.get(r.code as string) ?? "",
        year: r.year as number,
        value: r.value as number | null,
        missing: r.missing as MissingReason | null,
        note: r.note as string | null,
        updatedAt: r.updatedAt as string,
      }));
    if (rows.length < pageSize) return;
    after = sortKey("Observations", rows[rows.length - 1]!);
  }
}
