import { QualityRules } from "../../../shared/api/catalogue.ts";
import type { CellState, ComparedEntry, FlaggedRule, Member, QualityFlag, Quartile, YearStats } from "../../../shared/api/compare.ts";
import { PER_CAPITA_SCALE } from "../../../shared/api/compare.ts";
import type { DueDate } from "../../../shared/api/deadlines.ts";
import type { RoundStatus } from "../../../shared/api/rounds.ts";
import type { CommunityKind, MissingReason } from "../../../shared/model/plan.ts";
import { valueBreaks } from "../../../shared/quality/rules.ts";
import type { D1Database, D1PreparedStatement } from "../env.ts";
import { dueDatesStatement, readDueDates } from "./deadlines.ts";

/**
 * The association's consolidation queries. Every statistic (values per capita, median, quartiles, ranks,
 * quartile of each value, completeness) is computed by SQLite; the Worker only shapes the answer.
 * The rules are documented in shared/api/compare.ts.
 *
 * `INDEXED BY` pins the lookups to the partial indexes on the generated columns: without statistics
 * SQLite's planner otherwise walks every observation of a plan through the primary key, computing the
 * JSON-derived columns of each (seconds at 1,500 members instead of milliseconds), and a pinned index
 * that stops applying fails loudly instead of silently getting slow.
 *
 * Parameters shared by every query (numbered, as the CTEs below use them):
 *   ?1 association id   ?2 regions (JSON array or NULL)   ?3 kinds (JSON array or NULL)
 *   ?4 min population (or NULL)   ?5 max population (or NULL)
 */

export const MEMBERS = `members AS (
  SELECT c.id AS community_id, c.name, c.territory_code, p.id AS plan_id,
    json_extract(ce.data, '$.region') AS region, json_extract(ce.data, '$.kind') AS kind,
    json_extract(ce.data, '$.population') AS population
  FROM memberships m
  JOIN communities c ON c.id = m.community_id
  LEFT JOIN plans p ON p.community_id = c.id
  LEFT JOIN entities ce ON ce.plan_id = p.id AND ce.kind = 'community' AND ce.id = c.id AND ce.deleted = 0
  WHERE m.association_id = ?1
),
selected AS (
  SELECT * FROM members
  WHERE (?2 IS NULL OR region IN (SELECT value FROM json_each(?2)))
    AND (?3 IS NULL OR kind IN (SELECT value FROM json_each(?3)))
    AND (?4 IS NULL OR population >= ?4)
    AND (?5 IS NULL OR population <= ?5)
)`;

/**
 * A plan's indicator for a catalogue code: a top-level indicator carrying the code (`ind_code` is NULL for
 * breakdowns), the first by id if a plan has several (so no member counts twice). `i` must be the
 * indicator row, `s` the member.
 */
export const LINKED_INDICATOR = `i.kind = 'indicators' AND i.plan_id = s.plan_id AND i.deleted = 0
    AND i.id = (SELECT MIN(i2.id) FROM entities i2 INDEXED BY entities_indicator_code WHERE i2.kind = 'indicators'
      AND i2.ind_code = i.ind_code AND i2.plan_id = i.plan_id AND i2.deleted = 0)`;

/** QUARTILE.INC at `p` from the `cuts` columns `<name>_lo` / `<name>_hi` (the values at and after (n − 1)·p). */
const interpolated = (name: string, p: number) =>
  `${name}_lo + ((n - 1) * ${p} - CAST((n - 1) * ${p} AS INTEGER)) * (COALESCE(${name}_hi, ${name}_lo) - ${name}_lo) AS ${name}`;
const cut = (name: string, p: number) =>
  `MAX(CASE WHEN rn = CAST((n - 1) * ${p} AS INTEGER) THEN value END) AS ${name}_lo,
    MAX(CASE WHEN rn = CAST((n - 1) * ${p} AS INTEGER) + 1 THEN value END) AS ${name}_hi`;

/** The catalogue's active codes: what completeness asks for and a release freezes. */
export const ACTIVE_CODES = "SELECT code FROM catalogue_entries WHERE association_id = ?1 AND status = 'active'";

/**
 * Values, ranks and the association's statistics, per code and year, for the codes `codes` selects
 * (by default the JSON array ?6). More parameters:
 *   ?6 codes (JSON array)   ?7 first year   ?8 last year   ?9 per capita (1) or as reported (0)
 */
export const statistics = (codes = "SELECT value FROM json_each(?6)") => `${MEMBERS},
vals AS (
  SELECT i.ind_code AS code, s.community_id, o.obs_year AS year,
    CASE WHEN ?9 = 0 THEN o.obs_value WHEN s.population > 0 THEN o.obs_value * ${PER_CAPITA_SCALE}.0 / s.population END AS value
  FROM selected s
  JOIN entities i INDEXED BY entities_indicator_code ON i.ind_code IN (${codes}) AND ${LINKED_INDICATOR}
  JOIN entities o INDEXED BY entities_observations ON o.kind = 'observations' AND o.plan_id = i.plan_id AND o.obs_indicator_id = i.id AND o.deleted = 0
    AND o.obs_quarter IS NULL AND o.obs_year BETWEEN ?7 AND ?8
),
ranked AS (
  SELECT v.code, v.community_id, v.year, v.value, e.direction,
    RANK() OVER (PARTITION BY v.code, v.year
      ORDER BY CASE WHEN e.direction = 'decrease' THEN v.value ELSE -v.value END) AS rank,
    ROW_NUMBER() OVER (PARTITION BY v.code, v.year ORDER BY v.value) - 1 AS rn,
    COUNT(*) OVER (PARTITION BY v.code, v.year) AS n
  FROM vals v JOIN catalogue_entries e ON e.association_id = ?1 AND e.code = v.code
  WHERE v.value IS NOT NULL
),
cuts AS (
  SELECT code, year, MAX(n) AS n, MIN(value) AS min, MAX(value) AS max,
    ${cut("q1", 0.25)}, ${cut("median", 0.5)}, ${cut("q3", 0.75)}
  FROM ranked GROUP BY code, year
),
stats AS (
  SELECT code, year, n, min, max, ${interpolated("q1", 0.25)}, ${interpolated("median", 0.5)}, ${interpolated("q3", 0.75)}
  FROM cuts
)`;

/** The quartile of `r.value` against `s`'s cut points, 1 the best by `r.direction`. */
export const QUARTILE = `CASE WHEN r.value IS NULL THEN NULL
  WHEN r.direction = 'decrease' THEN
    CASE WHEN r.value <= s.q1 THEN 1 WHEN r.value <= s.median THEN 2 WHEN r.value <= s.q3 THEN 3 ELSE 4 END
  ELSE CASE WHEN r.value >= s.q3 THEN 1 WHEN r.value >= s.median THEN 2 WHEN r.value >= s.q1 THEN 3 ELSE 4 END
  END`;

const STATS_COLUMNS = "s.code, s.year, s.n, s.min, s.q1, s.median, s.q3, s.max";

export interface MemberFilterParams {
  regions?: readonly string[] | undefined;
  kinds?: readonly string[] | undefined;
  minPopulation?: number | undefined;
  maxPopulation?: number | undefined;
}

export const filterParams = (associationId: string, f: MemberFilterParams) => [
  associationId,
  f.regions?.length ? JSON.stringify(f.regions) : null,
  f.kinds?.length ? JSON.stringify(f.kinds) : null,
  f.minPopulation ?? null,
  f.maxPopulation ?? null,
];

interface MemberRow {
  community_id: string;
  name: string;
  plan_id: string | null;
  region: string | null;
  kind: CommunityKind | null;
  population: number | null;
  territory_code: string | null;
}
const toMember = (r: MemberRow): Member => ({
  communityId: r.community_id,
  name: r.name,
  region: r.region,
  kind: r.kind,
  population: r.population,
  territoryCode: r.territory_code,
});

const membersStatement = (db: D1Database, params: unknown[]) =>
  db.prepare(`WITH ${MEMBERS} SELECT * FROM selected ORDER BY name, community_id`).bind(...params);

/** How many members the filter selects: what a comparison's size is checked on before it is computed. */
export async function countSelected(db: D1Database, associationId: string, filter: MemberFilterParams): Promise<number> {
  const row = await db.prepare(`WITH ${MEMBERS} SELECT COUNT(*) AS n FROM selected`).bind(...filterParams(associationId, filter)).first<{ n: number }>();
  return row!.n;
}

export interface StatsRow {
  code: string;
  year: number;
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}
export const toStats = (r: StatsRow): YearStats => ({
  year: r.year,
  count: r.n,
  min: r.min,
  q1: r.q1,
  median: r.median,
  q3: r.q3,
  max: r.max,
});

/** One member's value for a code and year with its rank and quartile, and that year's statistics. */
export interface RankedValue {
  code: string;
  communityId: string;
  year: number;
  value: number;
  rank: number;
  quartile: Quartile;
}

/** A member's reason for having no value of a code in a year (shared/model/plan.ts MissingReason). */
export interface GivenReason {
  code: string;
  communityId: string;
  year: number;
  missing: MissingReason;
}

export interface Comparison {
  members: Member[];
  values: RankedValue[];
  stats: (YearStats & { code: string })[];
  /** Reasons given instead of a value: outside every statistic, counted per year by the caller. */
  reasons: GivenReason[];
  /** Values breaking their entry's quality rules, in the years compared. */
  flags: FlaggedValue[];
}

export interface ComparisonParams extends MemberFilterParams {
  codes: readonly string[];
  from: number;
  to: number;
  perCapita: boolean;
}

/**
 * The statements of a comparison, for the route and for the benchmark's bare-SQL baseline; with the
 * statement reading what the quality rules of `entries` need last, where they have any.
 */
export function comparisonStatements(db: D1Database, associationId: string, q: ComparisonParams, entries: readonly ReadEntry[] = []): D1PreparedStatement[] {
  const params = filterParams(associationId, q);
  const all = [...params, JSON.stringify(q.codes), q.from, q.to, q.perCapita ? 1 : 0];
  return [
    membersStatement(db, params),
    // Each value row carries its year's statistics: every (code, year) with statistics has a value, so
    // one pass gives both, where a second statement would compute the whole ranking again.
    db
      .prepare(
        `WITH ${statistics()}
         SELECT ${STATS_COLUMNS}, r.community_id, r.value, r.rank, ${QUARTILE} AS quartile
         FROM ranked r JOIN stats s ON s.code = r.code AND s.year = r.year`,
      )
      .bind(...all),
    // Reasons have no value (obs_value is NULL), so the statistics above never see them; they are read
    // from their own small index. Per capita changes no reason, so ?9 is not bound.
    db
      .prepare(
        `WITH ${MEMBERS}
         SELECT i.ind_code AS code, s.community_id, o.obs_year AS year, o.obs_missing AS missing
         FROM selected s
         JOIN entities i INDEXED BY entities_indicator_code ON i.ind_code IN (SELECT value FROM json_each(?6)) AND ${LINKED_INDICATOR}
         JOIN entities o INDEXED BY entities_observation_reasons ON o.kind = 'observations' AND o.plan_id = i.plan_id
           AND o.obs_indicator_id = i.id AND o.deleted = 0 AND o.obs_quarter IS NULL AND o.obs_year BETWEEN ?7 AND ?8
           AND o.obs_missing IS NOT NULL`,
      )
      .bind(...all.slice(0, 8)),
    ...[qualityStatement(db, params, entries, q.from, q.to) ?? []].flat(),
  ];
}

/**
 * Members, their ranked values, the statistics and the values `entries`' rules flag, read in one batch
 * (one consistent snapshot).
 */
export async function compare(db: D1Database, associationId: string, q: ComparisonParams, entries: readonly ReadEntry[]): Promise<Comparison> {
  const [members, ranked, reasons, quality] = await db.batch(comparisonStatements(db, associationId, q, entries));
  type ValueRow = StatsRow & { community_id: string; value: number; rank: number; quartile: Quartile };
  const rows = ranked!.results as unknown as ValueRow[];
  const stats = new Map<string, YearStats & { code: string }>();
  for (const r of rows) stats.set(`${r.code} ${r.year}`, { code: r.code, ...toStats(r) });
  return {
    members: (members!.results as unknown as MemberRow[]).map(toMember),
    values: rows.map((r) => ({
      code: r.code,
      communityId: r.community_id,
      year: r.year,
      value: r.value,
      rank: r.rank,
      quartile: r.quartile,
    })),
    stats: [...stats.values()],
    reasons: (reasons!.results as unknown as { code: string; community_id: string; year: number; missing: MissingReason }[]).map((r) => ({
      code: r.code,
      communityId: r.community_id,
      year: r.year,
      missing: r.missing,
    })),
    flags: quality ? await withNotes(db, flagValues(quality.results as unknown as QualityInput[], entries, q.from)) : [],
  };
}

export interface Completeness {
  members: (Member & { hasPlan: boolean })[];
  /** Per member, per code linked in its plan: whether the year has a value, a reason for none, or neither. */
  cells: Map<string, Map<string, { state: CellState; missing: MissingReason | null }>>;
  /**
   * Per member with a round that year, its status and when it was reported (reached submitted or
   * approved in its latest run of such steps; null while open or returned): shared/api/deadlines.ts.
   */
  rounds: Map<string, { status: RoundStatus; reportedAt: string | null }>;
  /** The year's due date, if the association set one. */
  dueDate: DueDate | null;
  /** The year's values breaking their entry's quality rules. */
  flags: FlaggedValue[];
}

/** The statements of a completeness report (?6 the reporting year), the quality rules' of `entries` last where they have any. */
export function completenessStatements(db: D1Database, associationId: string, filter: MemberFilterParams, year: number, entries: readonly ReadEntry[] = []) {
  const params = filterParams(associationId, filter);
  return [
    membersStatement(db, params),
    db
      .prepare(
        `WITH ${MEMBERS}
         SELECT s.community_id, i.ind_code AS code,
           MAX(EXISTS (SELECT 1 FROM entities o INDEXED BY entities_observations WHERE o.kind = 'observations' AND o.plan_id = i.plan_id
             AND o.obs_indicator_id = i.id AND o.deleted = 0 AND o.obs_year = ?6 AND o.obs_quarter IS NULL
             AND o.obs_value IS NOT NULL)) AS filled,
           MAX((SELECT o.obs_missing FROM entities o INDEXED BY entities_observation_reasons WHERE o.kind = 'observations'
             AND o.plan_id = i.plan_id AND o.obs_indicator_id = i.id AND o.deleted = 0 AND o.obs_year = ?6
             AND o.obs_quarter IS NULL AND o.obs_missing IS NOT NULL)) AS missing
         FROM selected s
         JOIN entities i INDEXED BY entities_indicator_code ON i.ind_code IN (${ACTIVE_CODES})
           AND ${LINKED_INDICATOR}
         GROUP BY s.community_id, i.ind_code`,
      )
      .bind(...params, year),
    // Read-only over the rounds' audit trail: the first event after the last one that left the round
    // neither submitted nor approved (none while it is open or returned).
    db
      .prepare(
        `WITH ${MEMBERS}
         SELECT s.community_id, r.status,
           (SELECT e.at FROM round_events e WHERE e.plan_id = r.plan_id AND e.year = r.year
              AND e.seq > COALESCE((SELECT MAX(x.seq) FROM round_events x WHERE x.plan_id = r.plan_id AND x.year = r.year
                AND x.status NOT IN ('submitted', 'approved')), 0)
            ORDER BY e.seq LIMIT 1) AS reported_at
         FROM selected s JOIN rounds r ON r.plan_id = s.plan_id AND r.year = ?6`,
      )
      .bind(...params, year),
    dueDatesStatement(db, associationId, year),
    ...[qualityStatement(db, params, entries, year, year) ?? []].flat(),
  ];
}

export async function completeness(
  db: D1Database,
  associationId: string,
  filter: MemberFilterParams,
  year: number,
  entries: readonly ReadEntry[],
): Promise<Completeness> {
  const [members, linked, rounds, due, quality] = await db.batch(completenessStatements(db, associationId, filter, year, entries));
  const cells: Completeness["cells"] = new Map();
  for (const r of linked!.results as unknown as { community_id: string; code: string; filled: number; missing: MissingReason | null }[]) {
    const row = cells.get(r.community_id) ?? new Map();
    // A year with a value is filled, whatever another observation of it says; an observation never holds both.
    row.set(r.code, r.filled === 1 ? { state: "filled", missing: null } : r.missing ? { state: "reason", missing: r.missing } : { state: "empty", missing: null });
    cells.set(r.community_id, row);
  }
  return {
    members: (members!.results as unknown as MemberRow[]).map((r) => ({ ...toMember(r), hasPlan: r.plan_id !== null })),
    cells,
    rounds: new Map(
      (rounds!.results as unknown as { community_id: string; status: RoundStatus; reported_at: string | null }[]).map((r) => [
        r.community_id,
        { status: r.status, reportedAt: r.reported_at },
      ]),
    ),
    dueDate: readDueDates(due!)[0] ?? null,
    flags: quality ? await withNotes(db, flagValues(quality.results as unknown as QualityInput[], entries, year)) : [],
  };
}

/** An entry as a consolidation reads it: as compared, with its sharing and its quality rules. */
export type ReadEntry = ComparedEntry & { sharing: string; rules: QualityRules };

/** The entries a comparison names, as compared, with their sharing and rules; codes not in the catalogue are left out. */
export async function comparedEntries(db: D1Database, associationId: string, codes: readonly string[] | null): Promise<ReadEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT code, name_uk, name_en, name_lt, unit, direction, status, sharing, rules FROM catalogue_entries
       WHERE association_id = ?1 AND (?2 IS NULL OR code IN (SELECT value FROM json_each(?2))) ORDER BY code`,
    )
    .bind(associationId, codes ? JSON.stringify(codes) : null)
    .all<{
      code: string;
      name_uk: string;
      name_en: string;
      name_lt: string;
      unit: string;
      direction: ComparedEntry["direction"];
      status: ComparedEntry["status"];
      sharing: string;
      rules: string;
    }>();
  return results.map((r) => ({
    code: r.code,
    nameUk: r.name_uk,
    nameEn: r.name_en,
    nameLt: r.name_lt,
    unit: r.unit,
    direction: r.direction,
    status: r.status,
    sharing: r.sharing,
    rules: QualityRules.parse(JSON.parse(r.rules)),
  }));
}

/**
 * What quality flags are computed from: each selected member's values as reported (never per capita) of
 * the codes ?6 from the year before ?7 (a change is made against it) to ?8, and the rowid of those of the
 * checked codes ?9 from ?7 on, all read from the observations' covering index. Their notes are read
 * afterwards for the flagged values only (withNotes): reading a note seeks the row itself and parses its
 * JSON, which for every checked value cost more than the comparison's own query.
 *
 * One row per member, its values as one JSON array of [code, year, value, rowid]: handing rows over from
 * SQLite costs per row, and one row per value (42,750 for one code and the code it is compared with, at
 * 1,500 members × 15 years) took longer than the comparison's own query; grouped, it is a fraction of it.
 * CROSS JOIN keeps the members outermost (SQLite never reorders it): left to itself the planner starts
 * from every indicator of each code and reads the member's community row (its region, kind and
 * population, in JSON) again for each observation, 90,000 times for completeness's 30 codes × 2 years.
 */
const QUALITY_INPUTS = `WITH ${MEMBERS}
  SELECT s.community_id, json_group_array(json_array(i.ind_code, o.obs_year, o.obs_value,
    CASE WHEN o.obs_year >= ?7 AND i.ind_code IN (SELECT value FROM json_each(?9)) THEN o.rowid END)) AS obs
  FROM selected s
  CROSS JOIN entities i INDEXED BY entities_indicator_code ON i.ind_code IN (SELECT value FROM json_each(?6)) AND ${LINKED_INDICATOR}
  JOIN entities o INDEXED BY entities_observations ON o.kind = 'observations' AND o.plan_id = i.plan_id AND o.obs_indicator_id = i.id
    AND o.deleted = 0 AND o.obs_quarter IS NULL AND o.obs_year BETWEEN ?7 - 1 AND ?8 AND o.obs_value IS NOT NULL
  GROUP BY s.community_id`;

interface QualityInput {
  community_id: string;
  /** JSON: [code, year, value, rowid][] */
  obs: string;
}

/** A flagged value of a member (QualityFlag, where it is). */
export type FlaggedValue = QualityFlag & { code: string; communityId: string; year: number };

/** A flagged value before its note is read: the observation's rowid instead. */
type Unexplained = Omit<FlaggedValue, "note"> & { rowid: number };

/**
 * The flagged values with their notes, read by rowid in one statement, none when nothing is flagged. It
 * runs after the batch, so a note written in between is the newer one: a note explains, it never
 * decides whether a value is flagged.
 */
async function withNotes(db: D1Database, flagged: readonly Unexplained[]): Promise<FlaggedValue[]> {
  if (flagged.length === 0) return [];
  const { results } = await db
    .prepare("SELECT rowid AS r, json_extract(data, '$.note') AS note FROM entities WHERE rowid IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(flagged.map((f) => f.rowid)))
    .all<{ r: number; note: unknown }>();
  const notes = new Map(results.map((n) => [n.r, typeof n.note === "string" && n.note.trim() ? n.note : null]));
  return flagged.map(({ rowid, ...f }) => ({ ...f, note: notes.get(rowid) ?? null }));
}

/** The entries whose rules are checked: active ones with a rule (a retired entry's are not, as in shared/quality/rules.ts). */
const checked = (entries: readonly ReadEntry[]) => entries.filter((e) => e.status === "active" && Object.keys(e.rules).length > 0);

/**
 * The statement reading what `entries`' rules need over the years `from`–`to`, or null when none of
 * them has a rule (no cost at all then). Bound after the member filter's ?1–?5.
 */
function qualityStatement(db: D1Database, params: unknown[], entries: readonly ReadEntry[], from: number, to: number): D1PreparedStatement | null {
  const rules = checked(entries);
  if (rules.length === 0) return null;
  const read = new Set(rules.flatMap((e) => [e.code, ...(e.rules.compare ?? []).map((c) => c.code)]));
  return db.prepare(QUALITY_INPUTS).bind(...params, JSON.stringify([...read]), from, to, JSON.stringify(rules.map((e) => e.code)));
}

/**
 * The flagged values among the rows: one rule (shared/quality/rules.ts valueBreaks) run over the numbers
 * the query read, so the Worker flags exactly what the member's sheet flags. Years from `from` on only.
 */
function flagValues(rows: readonly QualityInput[], entries: readonly ReadEntry[], from: number): Unexplained[] {
  const rulesOf = new Map(checked(entries).map((e) => [e.code, e.rules]));
  const flagged: Unexplained[] = [];
  for (const { community_id: communityId, obs } of rows) {
    const values = JSON.parse(obs) as [code: string, year: number, value: number, rowid: number][];
    const value = new Map(values.map(([code, year, v]) => [`${code}|${year}`, v]));
    const valueOf = (code: string, year: number) => value.get(`${code}|${year}`) ?? null;
    for (const [code, year, v, rowid] of values) {
      const rules = rulesOf.get(code);
      if (!rules || year < from) continue;
      const breaks = valueBreaks(rules, v, valueOf(code, year - 1), (other) => valueOf(other, year));
      if (breaks.length === 0) continue;
      flagged.push({ code, communityId, year, rules: [...new Set<FlaggedRule>(breaks.map((b) => b.rule))], rowid });
    }
  }
  return flagged;
}
