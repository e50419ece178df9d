import type { Condition, EntitySetName } from "../../../shared/api/odata.ts";
import type { D1Database } from "../env.ts";
import { filterParams, LINKED_INDICATOR, MEMBERS } from "./compare.ts";

/**
 * The OData feed's queries (worker/src/routes/odata.ts): one page of an entity set, filtered by the
 * parsed `$filter`, with bound parameters only. Property names reach the SQL only through the column
 * maps below, never from the request.
 *
 * Members and observations are read as the comparison reads them (worker/src/db/compare.ts, its member
 * filters ?2–?5 bound as NULL: the feed serves every member): a member's values of
 * a catalogue code are the annual observations of its top-level indicator carrying the code, found
 * through the same partial indexes on the generated columns (`INDEXED BY`, so an index that stops
 * applying fails loudly rather than getting slow). No JSON is parsed for a value: a reason only when
 * there is no value, a note only when the caller may read it and asked for it.
 */

/** Who reads: analysts and admins every entry and note; members `named` entries and their own notes. */
export interface FeedReader {
  namedOnly: boolean;
  /** Whose notes may be read: null for every member's, else these communities'. */
  notesOf: readonly string[] | null;
}

/**
 * Where a page starts: after the row whose sort key is `after` (a `$skiptoken`: each page then seeks
 * to its start, where an offset would walk every row before it), else `offset` rows in (`$skip`).
 */
export interface Page {
  limit: number;
  offset: number;
  after: readonly (string | number)[] | null;
}

const OBSERVATIONS = `WITH ${MEMBERS}
  SELECT o.id, s.community_id, i.ind_code AS code, o.obs_year AS year, o.obs_value AS value,
    CASE WHEN o.obs_value IS NULL THEN o.obs_missing END AS missing,
    CASE WHEN ?7 = 1 AND (?8 IS NULL OR s.community_id IN (SELECT value FROM json_each(?8))) THEN json_extract(o.data, '$.note') END AS note,
    o.updated_at
  FROM selected s
  JOIN entities i INDEXED BY entities_indicator_code ON i.ind_code IN
      (SELECT code FROM catalogue_entries WHERE association_id = ?1 AND (?6 = 0 OR sharing = 'named') AND (?9 IS NULL OR code >= ?9))
    AND ${LINKED_INDICATOR}
  JOIN entities o INDEXED BY entities_observations ON o.kind = 'observations' AND o.plan_id = i.plan_id AND o.obs_indicator_id = i.id
    AND o.deleted = 0 AND o.obs_quarter IS NULL
  WHERE (o.obs_value IS NOT NULL OR o.obs_missing IS NOT NULL)`;

interface SetQuery {
  /** The rows, with the caller's parameters from ?10 on (?9: the first sort key of a page's start, or NULL). */
  sql: string;
  /** Property → SQL column, for `$filter`. */
  columns: Record<string, string>;
  /** The sort key, unique per row: [SQL expression, property]. */
  order: readonly (readonly [string, string])[];
}

const QUERIES: Record<EntitySetName, SetQuery> = {
  Members: {
    sql: `WITH ${MEMBERS} SELECT * FROM selected s WHERE 1`,
    columns: { communityId: "s.community_id", territoryCode: "s.territory_code" },
    order: [["s.name", "name"], ["s.community_id", "communityId"]],
  },
  Catalogue: {
    sql: `SELECT code, name_uk, name_en, name_lt, unit, direction, frequency, external_code FROM catalogue_entries e WHERE e.association_id = ?1`,
    columns: { code: "e.code" },
    order: [["e.code", "code"]],
  },
  Observations: {
    sql: OBSERVATIONS,
    columns: { communityId: "s.community_id", code: "i.ind_code", year: "o.obs_year" },
    // Codes first: a page's start skips whole codes in the catalogue subquery (?9), so late pages cost as little as early ones.
    order: [["i.ind_code", "code"], ["s.community_id", "communityId"], ["o.obs_year", "year"], ["o.id", "id"]],
  },
};

/** SQLite counts a statement's parameters up to the highest number it names; D1 refuses more bindings than that. */
const highestParameter = (sql: string) => Math.max(...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));

const SQL_OP = { eq: "=", ge: ">=", le: "<=" } as const;

/**
 * The statement's text and parameters: ?1 the association, ?2–?5 the member filters (NULL), ?6–?8 the
 * reader, ?9 the start's first key, then the filter's values.
 */
function statement(set: EntitySetName, associationId: string, reader: FeedReader, withNotes: boolean, filter: readonly Condition[]) {
  const q = QUERIES[set];
  const params: unknown[] = [
    ...filterParams(associationId, {}),
    reader.namedOnly ? 1 : 0,
    withNotes ? 1 : 0,
    reader.notesOf ? JSON.stringify(reader.notesOf) : null,
    null,
  ];
  const where = filter.map((c) => {
    params.push(c.value);
    return ` AND ${q.columns[c.property]!} ${SQL_OP[c.op]} ?${params.length}`;
  });
  return { sql: q.sql + where.join(""), params };
}

/** The sort key of a row of `set` as the feed answers it: what a next page starts after. */
export const sortKey = (set: EntitySetName, row: Record<string, unknown>) => QUERIES[set].order.map(([, property]) => row[property] as string | number);
export const sortKeyLength = (set: EntitySetName) => QUERIES[set].order.length;

/** One page of `set` and, when `count`, how many rows the filter selects in all (one snapshot: one batch). */
export async function readEntitySet(
  db: D1Database,
  set: EntitySetName,
  associationId: string,
  reader: FeedReader,
  q: { filter: readonly Condition[]; withNotes: boolean; count: boolean },
  page: Page,
): Promise<{ rows: Record<string, unknown>[]; count: number | null }> {
  const { sql, params } = statement(set, associationId, reader, q.withNotes, q.filter);
  const keys = QUERIES[set].order.map(([expr]) => expr);
  const start = [...params];
  let after = "";
  if (page.after) {
    start[8] = page.after[0];
    after = ` AND (${keys.join(", ")}) > (${page.after.map((v) => { start.push(v); return `?${start.length}`; }).join(", ")})`;
  }
  const n = start.length;
  const rows = db.prepare(`${sql}${after} ORDER BY ${keys.join(", ")} LIMIT ?${n + 1} OFFSET ?${n + 2}`).bind(...start, page.limit, page.offset);
  const counting = `SELECT COUNT(*) AS n FROM (${sql})`;
  const statements = q.count ? [rows, db.prepare(counting).bind(...params.slice(0, highestParameter(counting)))] : [rows];
  const [read, counted] = await db.batch(statements);
  return {
    rows: (read!.results as Record<string, unknown>[]).map(ROW_MAPPERS[set]),
    count: counted ? (counted.results[0] as { n: number }).n : null,
  };
}

const ROW_MAPPERS: Record<EntitySetName, (r: Record<string, unknown>) => Record<string, unknown>> = {
  Members: (r) => ({
    communityId: r.community_id,
    name: r.name,
    region: r.region ?? null,
    kind: r.kind ?? null,
    population: r.population ?? null,
    territoryCode: r.territory_code,
  }),
  Catalogue: (r) => ({
    code: r.code,
    nameUk: r.name_uk,
    nameEn: r.name_en,
    nameLt: r.name_lt,
    unit: r.unit,
    direction: r.direction,
    frequency: r.frequency,
    externalCode: r.external_code,
  }),
  Observations: (r) => ({
    id: r.id,
    communityId: r.community_id,
    code: r.code,
    year: r.year,
    value: r.value,
    missing: r.missing,
    note: r.note,
    updatedAt: r.updated_at,
  }),
};
