import type {
  ImportChange,
  ImportedValue,
  ImportFile,
  ImportFileResult,
  ImportObservation,
  ImportProblem,
  ImportProblemCode,
  ImportRequest,
  ImportResponse,
} from "../../../shared/api/imports.ts";
import type { Mutation, MutationResult, SyncRow } from "../../../shared/api/sync.ts";
import { Observation } from "../../../shared/model/plan.ts";
import { normalizeTerritoryCode, territoryCodeProblem } from "../../../shared/model/territory.ts";
import type { Access } from "../access.ts";
import { canonicalJson, sha256Hex } from "../crypto.ts";
import type { D1Database } from "../env.ts";
import { ApiError } from "../errors.ts";
import { decide, type PushScope } from "../sync/decide.ts";
import { push } from "../sync/push.ts";
import { LINKED_INDICATOR } from "./compare.ts";
import { SELECT_ROW, toSyncRow } from "./entities.ts";
import { roundStates } from "./rounds.ts";

/**
 * Importing members' workbooks (shared/api/imports.ts has the contract and its rules). Each file is
 * decided here by the sync push's own rules (sync/decide.ts) against the member's rows and monitoring
 * rounds, so the preview and the write cannot disagree; a file without problems is then written as one
 * push (sync/push.ts): one transaction, versioned, logged with the analyst as the actor and the pane's
 * client id, its mutation ids kept as any push's are.
 *
 * Atomicity: a file is written whole or not at all. Its values are decided before anything is written,
 * and a file with any problem is not sent. The push decides again from its own read (the rows and
 * rounds are guarded in its batch, so nothing is written over a change it did not see), and is asked
 * for all or nothing (`whole`): a change committed between the two reads (a round approved, a value
 * typed) that makes it refuse one value writes none of the file; the refused values are the problems.
 *
 * Idempotency: a value equal to the store's is skipped, so the same file imported again writes nothing
 * (no version, no change_log row). Mutation and new observation ids are derived from what is written
 * (client id, member's plan, row, base version, fields), so a retry of a request whose first attempt
 * was committed meets its own stored results (push's `push_mutations`), never a second write.
 */

/**
 * The push rules an import is held to: a monitoring committee's (an import fills a member's values as
 * its committee would): only values, reasons and notes; a year only while its round is open or returned.
 */
const IMPORT_ACCESS: Access = "monitor";

/** Who imports: written into the audit log as each value's actor. */
export interface Importer {
  userId: string;
  admin: boolean;
}

interface Member {
  communityId: string;
  name: string;
  territoryCode: string | null;
  planId: string | null;
}

/** A plan's indicator an imported value goes to. */
interface Target {
  indicatorId: string;
  code: string | null;
  name: string;
}

/** A UUID (version 8, "custom") made of a SHA-256: the same inputs always give the same id. */
async function derivedId(parts: unknown): Promise<string> {
  const h = await sha256Hex(canonicalJson(parts));
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The association's members named by the files (by community id or normalized territory code). */
async function findMembers(db: D1Database, associationId: string, files: readonly ImportFile[]) {
  const ids = files.flatMap((f) => ("communityId" in f.member ? [f.member.communityId] : []));
  const codes = files.flatMap((f) => ("territoryCode" in f.member ? [normalizeTerritoryCode(f.member.territoryCode)] : []));
  const { results } = await db
    .prepare(
      `SELECT c.id, c.name, c.territory_code, p.id AS plan_id
       FROM memberships m JOIN communities c ON c.id = m.community_id LEFT JOIN plans p ON p.community_id = c.id
       WHERE m.association_id = ?1
         AND (c.id IN (SELECT value FROM json_each(?2)) OR c.territory_code IN (SELECT value FROM json_each(?3)))`,
    )
    .bind(associationId, JSON.stringify(ids), JSON.stringify(codes))
    .all<{ id: string; name: string; territory_code: string | null; plan_id: string | null }>();
  const members = results.map((r): Member => ({ communityId: r.id, name: r.name, territoryCode: r.territory_code, planId: r.plan_id }));
  return {
    byId: new Map(members.map((m) => [m.communityId, m])),
    byCode: new Map(members.flatMap((m) => (m.territoryCode ? [[m.territoryCode, m] as const] : []))),
  };
}

/** Which of `codes` the association's catalogue has (active or retired: a retired entry keeps its values). */
async function catalogueCodes(db: D1Database, associationId: string, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const { results } = await db
    .prepare("SELECT code FROM catalogue_entries WHERE association_id = ?1 AND code IN (SELECT value FROM json_each(?2))")
    .bind(associationId, JSON.stringify(codes))
    .all<{ code: string }>();
  return new Set(results.map((r) => r.code));
}

/**
 * A plan's indicators for catalogue codes (the comparison's linked indicator, compare.ts) and for
 * entity ids (any live indicator of the plan), in one statement.
 */
async function findTargets(db: D1Database, planId: string, codes: readonly string[], ids: readonly string[]) {
  const { results } = await db
    .prepare(
      `SELECT 'code' AS by, i.ind_code AS key, i.id, i.ind_code AS code, json_extract(i.data, '$.name') AS name
       FROM (SELECT ?1 AS plan_id) s
       JOIN entities i INDEXED BY entities_indicator_code ON i.ind_code IN (SELECT value FROM json_each(?2)) AND ${LINKED_INDICATOR}
       UNION ALL
       SELECT 'id', i.id, i.id, i.ind_code, json_extract(i.data, '$.name') FROM entities i
       WHERE i.plan_id = ?1 AND i.kind = 'indicators' AND i.deleted = 0 AND i.id IN (SELECT value FROM json_each(?3))`,
    )
    .bind(planId, JSON.stringify(codes), JSON.stringify(ids))
    .all<{ by: "code" | "id"; key: string; id: string; code: string | null; name: string }>();
  const byCode = new Map<string, Target>();
  const byId = new Map<string, Target>();
  for (const r of results) (r.by === "code" ? byCode : byId).set(r.key, { indicatorId: r.id, code: r.code, name: r.name });
  return { byCode, byId };
}

/** The live annual observations of `indicatorIds`, and the rows (any state) holding one of `ids`. */
async function currentObservations(db: D1Database, planId: string, indicatorIds: readonly string[], ids: readonly string[]) {
  const { results } = await db
    .prepare(
      `${SELECT_ROW} WHERE e.plan_id = ?1 AND e.kind = 'observations' AND (e.id IN (SELECT value FROM json_each(?3))
         OR (e.deleted = 0 AND e.obs_quarter IS NULL AND e.obs_indicator_id IN (SELECT value FROM json_each(?2))))`,
    )
    .bind(planId, JSON.stringify(indicatorIds), JSON.stringify(ids))
    .all<Parameters<typeof toSyncRow>[0]>();
  const rows = results.map(toSyncRow) as Extract<SyncRow, { kind: "observations" }>[];
  return {
    byPeriod: new Map(rows.filter((r) => !r.deleted && r.data.period.quarter === undefined).map((r) => [periodKey(r.data.indicatorId, r.data.period.year), r])),
    ids: new Set(rows.map((r) => r.id)),
  };
}

const periodKey = (indicatorId: string, year: number) => `${indicatorId}|${year}`;

/** An empty note is no note: a file's empty cell never clears a stored one. */
const noteOf = (o: ImportObservation) => (o.note?.trim() ? o.note : null);
const isBlank = (o: ImportObservation) => o.value === null && o.reason === undefined && noteOf(o) === null;
/** A cell as Excel writes a reference to it ('Показники'!F12, a quote in the sheet's name doubled). */
const where = (o: ImportObservation) => `'${o.source.sheet.replaceAll("'", "''")}'!${o.source.cell}`;

/** The observation's field each of its schema's paths comes from in the file. */
const FILE_FIELD: Record<string, keyof ImportObservation> = { period: "year", value: "value", missing: "reason", note: "note" };

const storedValue = (data: Observation): ImportedValue => ({ value: data.value, reason: data.missing ?? null, note: data.note ?? null });
const sameValue = (a: ImportedValue, b: ImportedValue) => a.value === b.value && a.reason === b.reason && a.note === b.note;

/** A value the file writes: its mutation and what the answer shows of it. */
interface Planned {
  index: number;
  mutation: Mutation;
  change: ImportChange;
}

interface FileOutcome {
  result: ImportFileResult;
  scope: PushScope | null;
  planned: Planned[];
}

/**
 * Decides one file against its member's plan: every value resolved, checked and compared with the
 * store, and each changed one decided by the push's rules. Writes nothing.
 */
async function decideFile(
  db: D1Database,
  ctx: { importer: Importer; clientId: string; catalogue: ReadonlySet<string> },
  file: ImportFile,
  fileIndex: number,
  member: Member,
  planId: string,
): Promise<FileOutcome> {
  const problems: ImportProblem[] = [];
  const problem = cellProblems(file, fileIndex, problems);
  const filled = file.observations.flatMap((o, j) => (isBlank(o) ? [] : [{ o, j }]));
  const codes = [...new Set(filled.flatMap(({ o }) => ("code" in o.indicator && ctx.catalogue.has(o.indicator.code) ? [o.indicator.code] : [])))];
  const ids = [...new Set(filled.flatMap(({ o }) => ("entityId" in o.indicator ? [o.indicator.entityId] : [])))];
  const [targets, rounds] = await Promise.all([findTargets(db, planId, codes, ids), roundStates(db, planId)]);

  // Each filled value resolved to its indicator and checked by the observation's own rules.
  const seen = new Map<string, ImportObservation>();
  const valid: { o: ImportObservation; j: number; target: Target; checked: Observation; newId: string }[] = [];
  for (const { o, j } of filled) {
    const target = "code" in o.indicator ? targets.byCode.get(o.indicator.code) : targets.byId.get(o.indicator.entityId);
    if (!target) {
      if ("entityId" in o.indicator) problem(j, "indicator_unknown", "indicator.entityId", `no indicator ${o.indicator.entityId} in the member's plan`);
      else if (!ctx.catalogue.has(o.indicator.code)) problem(j, "code_not_in_catalogue", "indicator.code", `${o.indicator.code} is not a code of the association's catalogue`);
      else problem(j, "indicator_not_in_plan", "indicator.code", `the member's plan has no indicator linked to the catalogue's ${o.indicator.code}; its editor adds it from the catalogue`);
      continue;
    }
    const candidate = { id: target.indicatorId, indicatorId: target.indicatorId, period: { year: o.year }, value: o.value, missing: o.reason, note: noteOf(o) ?? undefined };
    const parsed = Observation.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = FILE_FIELD[String(issue.path[0])] ?? "value";
      problem(j, "invalid_value", field, `${field}: ${issue.message}`);
      continue;
    }
    const key = periodKey(target.indicatorId, o.year);
    const first = seen.get(key);
    if (first) {
      problem(j, "duplicate_value", "year", `a second value for ${target.code ?? target.name} in ${o.year}; the first is at ${where(first)}`);
      continue;
    }
    seen.set(key, o);
    valid.push({ o, j, target, checked: parsed.data, newId: await derivedId({ planId, indicatorId: target.indicatorId, year: o.year }) });
  }

  const current = await currentObservations(db, planId, [...new Set(valid.map((v) => v.target.indicatorId))], valid.map((v) => v.newId));
  const scope: PushScope = { planId, communityId: member.communityId, access: IMPORT_ACCESS, admin: ctx.importer.admin };
  const planned: Planned[] = [];
  let unchanged = 0;
  for (const { o, j, target, checked, newId } of valid) {
    const row = current.byPeriod.get(periodKey(target.indicatorId, o.year));
    const before = row ? storedValue(row.data) : null;
    // A note alone (its value cell left blank) keeps the stored answer: an import never clears a value.
    const answer = checked.value === null && checked.missing === undefined && before ? before : { value: checked.value, reason: checked.missing ?? null };
    const after: ImportedValue = { value: answer.value, reason: answer.reason, note: checked.note ?? before?.note ?? null };
    if (before && sameValue(before, after)) {
      unchanged++;
      continue;
    }
    // A new value's id is derived from its period; one held by another row (a deleted value, a value
    // moved to another year) is never reused: a tombstone is never written again.
    const entityId = row?.id ?? (current.ids.has(newId) ? crypto.randomUUID() : newId);
    const { fields, unset } = row ? updateOf(before!, after) : { fields: createOf(entityId, target.indicatorId, o.year, after), unset: [] };
    const body = { kind: "observations" as const, entityId, op: "upsert" as const, baseVersion: row?.version ?? 0, fields, ...(unset.length ? { unset } : {}) };
    const mutation: Mutation = { mutationId: await derivedId({ clientId: ctx.clientId, planId, ...body }), ...body };
    const decision = decide(mutation, j, row, scope, rounds);
    if (decision.result.status === "applied")
      planned.push({ index: j, mutation, change: { source: o.source, indicatorId: target.indicatorId, code: target.code, indicatorName: target.name, year: o.year, before, after } });
    else refused(decision.result, j, problem);
  }
  return {
    result: { file: file.file, member: memberOf(member), changes: planned.map((p) => p.change), written: 0, unchanged, blank: file.observations.length - filled.length, problems },
    scope,
    planned,
  };
}

/** An update's changed fields: the answer (value and reason together, shared/model/plan.ts ONE_ANSWER_FIELDS) and the note. */
function updateOf(before: ImportedValue, after: ImportedValue): { fields: Record<string, unknown>; unset: string[] } {
  const fields: Record<string, unknown> = {};
  const unset: string[] = [];
  if (before.value !== after.value || before.reason !== after.reason) {
    fields.value = after.value;
    if (after.reason) fields.missing = after.reason;
    else if (before.reason) unset.push("missing");
  }
  if (after.note !== before.note) fields.note = after.note;
  return { fields, unset };
}

function createOf(id: string, indicatorId: string, year: number, after: ImportedValue): Record<string, unknown> {
  return {
    id,
    indicatorId,
    period: { year },
    value: after.value,
    ...(after.reason ? { missing: after.reason } : {}),
    ...(after.note !== null ? { note: after.note } : {}),
  };
}

type CellProblem = (j: number, code: ImportProblemCode, field: string, message: string) => void;

/** Adds to `problems` a problem of the file's value `j`, named by its sheet and cell. */
const cellProblems = (file: ImportFile, fileIndex: number, problems: ImportProblem[]): CellProblem => (j, code, field, message) => {
  const o = file.observations[j]!;
  problems.push({ file: file.file, sheet: o.source.sheet, cell: o.source.cell, field: `files[${fileIndex}].observations[${j}].${field}`, code, message: `${where(o)}: ${message}` });
};

/** A push's refusal of value `j`, as the file's problem: the push's rule, or a conflict. */
function refused(result: Exclude<MutationResult, { status: "applied" }>, j: number, problem: CellProblem): void {
  if (result.status === "forbidden") problem(j, result.rule ?? "conflict", "value", result.reason);
  else problem(j, "conflict", "value", "the value changed in the store while the file was imported; import the file again");
}

const memberOf = (m: Member): ImportFileResult["member"] => ({ communityId: m.communityId, name: m.name, territoryCode: m.territoryCode });

/** A file refused as a whole (its member): nothing of it is read further. */
function refusedFile(file: ImportFile, fileIndex: number, member: Member | null, code: ImportProblemCode, message: string): FileOutcome {
  const field = `files[${fileIndex}].member${"communityId" in file.member ? ".communityId" : ".territoryCode"}`;
  return {
    result: { file: file.file, member: member && memberOf(member), changes: [], written: 0, unchanged: 0, blank: 0, problems: [{ file: file.file, sheet: null, cell: null, field, code, message }] },
    scope: null,
    planned: [],
  };
}

/**
 * Sends a decided file as one push, all or nothing: what the push refused (a change in between) becomes
 * a problem, and its other values, withheld, are not written.
 */
async function writeFile(db: D1Database, importer: Importer, clientId: string, outcome: FileOutcome, file: ImportFile, fileIndex: number): Promise<void> {
  const { result, scope, planned } = outcome;
  if (!scope || planned.length === 0 || result.problems.length > 0) return;
  try {
    const mutations = planned.map((p) => p.mutation);
    const { results } = await push(db, scope, { userId: importer.userId, clientId }, { clientId, mutations }, { whole: true });
    const problem = cellProblems(file, fileIndex, result.problems);
    results.forEach((r, k) => {
      if (r.status === "applied") result.written++;
      else if (r.status !== "withheld") refused(r, planned[k]!.index, problem);
    });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    result.problems.push({ file: file.file, sheet: null, cell: null, field: `files[${fileIndex}]`, code: "conflict", message: `${error.message}; nothing of the file was written` });
  }
}

/** Decides every file of the request (a preview) and, unless `dryRun`, writes each file without problems. */
export async function importFiles(db: D1Database, associationId: string, importer: Importer, req: ImportRequest): Promise<ImportResponse> {
  const codes = [...new Set(req.files.flatMap((f) => f.observations.flatMap((o) => ("code" in o.indicator ? [o.indicator.code] : []))))];
  const [members, catalogue] = await Promise.all([findMembers(db, associationId, req.files), catalogueCodes(db, associationId, codes)]);
  const ctx = { importer, clientId: req.clientId, catalogue };
  const claimed = new Map<string, string>();
  const outcomes = await Promise.all(
    req.files.map(async (file, i): Promise<FileOutcome> => {
      let member: Member | undefined;
      if ("communityId" in file.member) member = members.byId.get(file.member.communityId);
      else {
        const code = normalizeTerritoryCode(file.member.territoryCode);
        const invalid = territoryCodeProblem(code);
        if (invalid) return refusedFile(file, i, null, "territory_code_invalid", `the file's territory code ${code} ${invalid}`);
        member = members.byCode.get(code);
      }
      if (!member) return refusedFile(file, i, null, "not_a_member", "the file's community is not a member of this association; its values are not imported");
      const other = claimed.get(member.communityId);
      if (other !== undefined)
        return refusedFile(file, i, member, "member_twice", `${member.name} is also the member of ${other} in this request; import one file per member at a time`);
      claimed.set(member.communityId, file.file);
      if (!member.planId)
        return refusedFile(file, i, member, "no_plan", `${member.name} has no plan in the store to hold its values; its editor links its workbook first`);
      return decideFile(db, ctx, file, i, member, member.planId);
    }),
  );
  if (!req.dryRun) await Promise.all(outcomes.map((o, i) => writeFile(db, importer, req.clientId, o, req.files[i]!, i)));
  const files = outcomes.map((o) => o.result);
  const sum = (f: (r: ImportFileResult) => number) => files.reduce((n, r) => n + f(r), 0);
  return {
    dryRun: req.dryRun,
    files,
    totals: {
      files: files.length,
      filesWithProblems: sum((r) => (r.problems.length > 0 ? 1 : 0)),
      changes: sum((r) => r.changes.length),
      written: sum((r) => r.written),
      unchanged: sum((r) => r.unchanged),
      blank: sum((r) => r.blank),
      problems: sum((r) => r.problems.length),
    },
  };
}
