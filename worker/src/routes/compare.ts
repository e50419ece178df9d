import { createRoute, z } from "@hono/zod-openapi";
import { AssociationParams } from "../../../shared/api/catalogue.ts";
import {
  type CellState,
  type ComparedEntry,
  ComparisonQuery,
  ComparisonResponse,
  CompletenessQuery,
  CompletenessResponse,
  PositionQuery,
  MAX_COMPARED_VALUES,
  MIN_SHARED_GROUP,
  PositionResponse,
  type QualityFlag,
  type YearStats,
} from "../../../shared/api/compare.ts";
import { summarizeTimeliness, timelinessOf } from "../../../shared/api/deadlines.ts";
import { associationAccess, isAdmin, requireCurator } from "../access.ts";
import type { Principal } from "../db/auth.ts";
import { type Comparison, type ReadEntry, compare, comparedEntries, completeness, countSelected } from "../db/compare.ts";
import { releasedPosition } from "../db/releases.ts";
import type { D1Database } from "../env.ts";
import type { MissingReason } from "../../../shared/model/plan.ts";
import { badRequest, forbidden, notFound } from "../errors.ts";
import { comparisonTable, completenessTable } from "../../../shared/export/consolidated.ts";
import { toCsv } from "../../../shared/export/csv.ts";
import type { ExportTable } from "../../../shared/export/table.ts";
import { toXlsx } from "../../../shared/export/xlsx.ts";
import { bearer, newRouter, ok, refusals } from "../openapi.ts";

/**
 * The association's consolidation of its members' indicator values. Analysts (and admins) see
 * everything; a member's editors and monitors see the named comparison only of entries shared as
 * `named`, and their own position for entries shared as `position` or `named`.
 */

const emptyStats = (year: number): YearStats => ({ year, count: 0, min: null, q1: null, median: null, q3: null, max: null });

const yearsOf = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The entries named by `codes`, in that order; 404 naming the first code the catalogue lacks. */
async function entriesFor(db: D1Database, associationId: string, codes: readonly string[]) {
  const found = new Map((await comparedEntries(db, associationId, codes)).map((e) => [e.code, e]));
  const missing = codes.find((c) => !found.has(c));
  if (missing) throw notFound(`catalogue entry ${missing}`, "codes");
  return codes.map((c) => found.get(c)!);
}

const asCompared = ({ sharing: _, rules: _rules, ...entry }: ReadEntry): ComparedEntry => entry;

/** Shapes the SQL's rows into the response: every selected member once per series, nulls where no value. */
function comparisonResponse(
  associationId: string,
  q: ComparisonQuery,
  entries: ComparedEntry[],
  result: Comparison,
): ComparisonResponse {
  const years = yearsOf(q.from, q.to);
  const column = new Map(years.map((y, i) => [y, i]));
  const indicators = entries.map((entry) => {
    const rows = new Map(
      result.members.map((m) => [
        m.communityId,
        {
          communityId: m.communityId,
          values: years.map(() => null as number | null),
          ranks: years.map(() => null as number | null),
          quartiles: years.map(() => null as 1 | 2 | 3 | 4 | null),
          missing: undefined as (MissingReason | null)[] | undefined,
          flags: undefined as (QualityFlag & { year: number })[] | undefined,
        },
      ]),
    );
    const reasons = years.map(() => 0);
    for (const r of result.reasons) {
      if (r.code !== entry.code) continue;
      const i = column.get(r.year)!;
      const row = rows.get(r.communityId)!;
      (row.missing ??= years.map(() => null))[i] = r.missing;
      reasons[i]!++;
    }
    for (const v of result.values) {
      if (v.code !== entry.code) continue;
      const row = rows.get(v.communityId)!;
      const i = column.get(v.year)!;
      row.values[i] = v.value;
      row.ranks[i] = v.rank;
      row.quartiles[i] = v.quartile;
    }
    // In the order of the years: the rows the SQL read come in no promised order.
    for (const { code, communityId, ...flag } of [...result.flags].sort((a, b) => a.year - b.year))
      if (code === entry.code) (rows.get(communityId)!.flags ??= []).push(flag);
    const stats = new Map(result.stats.filter((s) => s.code === entry.code).map(({ code: _, ...s }) => [s.year, s]));
    return { entry, stats: years.map((y) => stats.get(y) ?? emptyStats(y)), reasons, rows: [...rows.values()] };
  });
  return { associationId, years, perCapita: q.perCapita, members: result.members, indicators, generatedAt: new Date().toISOString() };
}

/** The comparison a caller may see: all of it for analysts, `named` entries only for members. */
export async function comparisonFor(db: D1Database, p: Principal, associationId: string, q: ComparisonQuery) {
  const access = await associationAccess(db, p, associationId);
  const entries = await entriesFor(db, associationId, q.codes);
  const hidden = entries.find((e) => e.sharing !== "named");
  if (access === "read" && hidden)
    throw forbidden(`the association shares ${hidden.code}'s values with its members only as their own position, not by name (codes)`);
  const years = q.to - q.from + 1;
  const members = await countSelected(db, associationId, q);
  const values = members * q.codes.length * years;
  if (values > MAX_COMPARED_VALUES)
    throw badRequest(
      `codes: ${members} members × ${q.codes.length} indicators × ${years} years is ${values.toLocaleString("en")} values; a comparison holds at most ` +
        `${MAX_COMPARED_VALUES.toLocaleString("en")}: ask for fewer indicators or years, or filter the members`,
      "codes",
    );
  // Which values break the rules, and the committee's explanations, are the association's analysts' to
  // know: a member reading the named comparison is told neither, about itself or anyone else.
  const result = await compare(db, associationId, q, access === "curate" ? entries : []);
  return comparisonResponse(associationId, q, entries.map(asCompared), result);
}

/** Completeness as of `now` (an ISO instant), which decides only whether an unreported round is missing or not yet due. */
export async function completenessFor(db: D1Database, p: Principal, associationId: string, q: CompletenessQuery, now: string) {
  await requireCurator(db, p, associationId, "see whom it is missing");
  const read = (await comparedEntries(db, associationId, null)).filter((e) => e.status === "active");
  const entries = read.map(asCompared);
  const result = await completeness(db, associationId, q, q.year, read);
  const flagOf = new Map(result.flags.map(({ code, communityId, rules, note }) => [`${communityId}|${code}`, { rules, note }]));
  const end = result.dueDate?.dueEnd ?? null;
  const rows = result.members.map((m) => {
    const linked = result.cells.get(m.communityId);
    const found = entries.map((e) => linked?.get(e.code) ?? { state: "not_in_plan" as const, missing: null });
    const cells = found.map((c) => c.state);
    const flags = entries.map((e) => flagOf.get(`${m.communityId}|${e.code}`) ?? null);
    const count = (state: CellState) => cells.filter((c) => c === state).length;
    const round = result.rounds.get(m.communityId);
    const reportedAt = round?.reportedAt ?? null;
    return {
      ...m,
      round: round?.status ?? null,
      cells,
      ...(count("reason") ? { missing: found.map((c) => c.missing) } : {}),
      ...(flags.some((f) => f !== null) ? { flags } : {}),
      filled: count("filled"),
      withReason: count("reason"),
      empty: count("empty"),
      timeliness: timelinessOf(end, reportedAt, now),
      reportedAt,
    };
  });
  const timeliness = summarizeTimeliness(result.dueDate?.dueOn ?? null, rows.map((r) => r.timeliness));
  const response: CompletenessResponse = { associationId, year: q.year, entries, rows, timeliness, generatedAt: now };
  return response;
}

const comparison = createRoute({
  method: "get",
  path: "/{associationId}/comparison",
  operationId: "getComparison",
  summary: "Members' values of catalogue indicators over years, with the association's median, quartiles and ranks",
  description:
    "Analysts and admins: any catalogue entry. Members' editors and monitors: entries shared as `named` only (403 otherwise). " +
    `At most ${MAX_COMPARED_VALUES.toLocaleString("en")} values (selected members × indicators × years) per request; more is 400 (field \`codes\`). ` +
    "Rules (QUARTILE.INC, RANK.EQ by direction, per capita per 1,000 residents) as in the Comparison schema's source.",
  security: bearer,
  request: { params: AssociationParams, query: ComparisonQuery },
  responses: { 200: ok(ComparisonResponse, "Every selected member, by name, per indicator"), ...refusals },
});

const completenessRoute = createRoute({
  method: "get",
  path: "/{associationId}/completeness",
  operationId: "getCompleteness",
  summary: "Which members filled which active catalogue indicators for a reporting year, and whether their rounds came in by the year's due date (admin, the association's analysts)",
  security: bearer,
  request: { params: AssociationParams, query: CompletenessQuery },
  responses: { 200: ok(CompletenessResponse, "Every selected member, by name"), ...refusals },
});

const position = createRoute({
  method: "get",
  path: "/{associationId}/position",
  operationId: "getPosition",
  summary: "A member's own rank and quartile for the catalogue indicators the association shares back, from the year's latest release",
  description:
    "Entries shared as `position` or `named`; never another member's value. Read from the year's latest release only " +
    "(`release`; null with no items before the first), so a member's own writes do not move it until the next release.",
  security: bearer,
  request: { params: AssociationParams, query: PositionQuery },
  responses: { 200: ok(PositionResponse, "The member's standing per shared entry"), ...refusals },
});

export const FORMATS = {
  csv: { type: "text/csv; charset=utf-8", write: (t: ExportTable): string | Uint8Array => toCsv(t) },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write: (t: ExportTable): string | Uint8Array => toXlsx(t) },
} as const;
type Format = keyof typeof FORMATS;

/** What every download route documents: the same query and access as its JSON route, as a file. */
const exportSpec = (report: "comparison" | "completeness", format: Format) =>
  ({
    method: "get",
    path: `/{associationId}/${report}.${format}`,
    operationId: `export${report === "comparison" ? "Comparison" : "Completeness"}${format === "csv" ? "Csv" : "Xlsx"}`,
    summary: `The ${report} as a .${format} download (same query and access as its JSON route; headers in \`lang\`)`,
    description:
      "For people without the add-in. Text cells can never run as formulas: CSV text starting with = + - @ TAB or CR " +
      "gets a leading ', the .xlsx holds only typed string and number cells.",
    security: bearer,
    responses: {
      200: { content: { [FORMATS[format].type]: { schema: z.string().meta({ format: "binary" }) } }, description: `The ${report} as .${format}` },
      ...refusals,
    },
  }) as const;

export function download(table: ExportTable, format: Format, filename: string): Response {
  const body = FORMATS[format].write(table);
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: { "content-type": FORMATS[format].type, "content-disposition": `attachment; filename="${filename}.${format}"` },
  });
}

/** The statistics a member may see beside its own position (see MIN_SHARED_GROUP). */
function sharedStats(stats: YearStats): YearStats {
  const enough = stats.count >= MIN_SHARED_GROUP;
  return { ...stats, min: null, max: null, q1: enough ? stats.q1 : null, median: enough ? stats.median : null, q3: enough ? stats.q3 : null };
}

/** Whether the caller may see `communityId`'s own position: its editors, monitors, admins, the association's analysts. */
function seesOwnPosition(p: Principal, communityId: string, access: "curate" | "read"): boolean {
  return (
    access === "curate" ||
    isAdmin(p) ||
    p.grants.some((g) => (g.role === "editor" || g.role === "monitor") && g.communityId === communityId)
  );
}

const router = newRouter()
  .openapi(comparison, async (c) => {
    const { associationId } = c.req.valid("param");
    return c.json(await comparisonFor(c.env.DB, c.get("principal"), associationId, c.req.valid("query")), 200);
  })
  .openapi(completenessRoute, async (c) => {
    const { associationId } = c.req.valid("param");
    return c.json(await completenessFor(c.env.DB, c.get("principal"), associationId, c.req.valid("query"), new Date().toISOString()), 200);
  })
  .openapi(position, async (c) => {
    const { associationId } = c.req.valid("param");
    const { communityId, year } = c.req.valid("query");
    const db = c.env.DB;
    const p = c.get("principal");
    const access = await associationAccess(db, p, associationId);
    const member = await db
      .prepare("SELECT 1 FROM memberships WHERE association_id = ?1 AND community_id = ?2")
      .bind(associationId, communityId)
      .first();
    if (!member || !seesOwnPosition(p, communityId, access)) throw notFound("community", "communityId");
    // From the latest release only, for everyone: live values would let a member probe the others.
    const { release, standings } = await releasedPosition(db, associationId, communityId, year);
    if (!release) return c.json({ associationId, communityId, year, release, items: [] }, 200);
    const shared = (await comparedEntries(db, associationId, null)).filter(
      (e) => e.status === "active" && (e.sharing === "position" || e.sharing === "named"),
    );
    const standing = new Map(standings.map((s) => [s.code, s]));
    const items = shared.map((e) => {
      const s = standing.get(e.code);
      const stats = s?.stats ?? emptyStats(year);
      return {
        // The direction the released rank and quartile follow, which a later catalogue change must not contradict.
        entry: { ...asCompared(e), direction: s?.direction ?? e.direction },
        value: s?.value ?? null,
        rank: s?.rank ?? null,
        quartile: s?.quartile ?? null,
        stats: access === "curate" ? stats : sharedStats(stats),
      };
    });
    return c.json({ associationId, communityId, year, release, items }, 200);
  });

for (const format of ["csv", "xlsx"] as const) {
  const comparisonExport = createRoute({ ...exportSpec("comparison", format), request: { params: AssociationParams, query: ComparisonQuery } });
  const completenessExport = createRoute({ ...exportSpec("completeness", format), request: { params: AssociationParams, query: CompletenessQuery } });
  router.openapi(comparisonExport, async (c) => {
    const { associationId } = c.req.valid("param");
    const q = c.req.valid("query");
    const res = await comparisonFor(c.env.DB, c.get("principal"), associationId, q);
    return download(comparisonTable(res, q.lang), format, `comparison-${q.codes.join("-")}-${q.from}-${q.to}`);
  });
  router.openapi(completenessExport, async (c) => {
    const { associationId } = c.req.valid("param");
    const q = c.req.valid("query");
    const res = await completenessFor(c.env.DB, c.get("principal"), associationId, q, new Date().toISOString());
    return download(completenessTable(res, q.lang), format, `completeness-${q.year}`);
  });
}

export const consolidation = router;
