import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HistoryPage } from "../../shared/api/history.ts";
import {
  type ImportFile,
  type ImportObservation,
  type ImportRequest,
  type ImportResponse,
  MAX_IMPORT_FILES,
  MAX_IMPORT_OBSERVATIONS,
  MAX_IMPORT_OBSERVATIONS_PER_FILE,
} from "../../shared/api/imports.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { populationEntry } from "../support/catalogue-entry.ts";
import { memberPlan } from "../support/member-plan.ts";
import { heldWrites, watchedDb } from "./support/watched-db.ts";
import { api, associationOf, communityOutsideAssociations, countLog, createPlan, errorOf, json, run, userWithToken } from "./support/world.ts";

/**
 * Importing members' workbooks (issue 15) against the real local D1: members A (POP 2020 = 10, 2021
 * empty; WASTE, not in the catalogue, 2020 = 5), B (a KATOTTH code of its own, POP 2020 = 7) and C (no plan)
 * of a fresh association whose catalogue has POP; the monitoring rounds of 2020 to 2022 are open for
 * both, as an import writes a member's values by its committee's rules.
 */
async function importWorld() {
  // The tests of a file share their storage, and a code is one community's: each world's B gets its own.
  const codeB = `UA050200300000${String(Math.floor(Math.random() * 100_000)).padStart(5, "0")}`;
  const { associationId, ids, admin, analyst } = await associationOf(["A", "B", "C"], (k) => `Громада ${k}`);
  const docs: Record<"A" | "B", PlanDocument> = {
    A: memberPlan(ids.A!, { name: "Громада A", kind: "city", region: "North", values: { POP: { 2020: 10, 2021: null }, WASTE: { 2020: 5 } } }, { firstYear: 2020, lastYear: 2022 }),
    B: memberPlan(ids.B!, { name: "Громада B", kind: "city", region: "North", values: { POP: { 2020: 7 } } }, { firstYear: 2020, lastYear: 2022 }),
  };
  const editors = { A: await userWithToken([["editor", ids.A!]]), B: await userWithToken([["editor", ids.B!]]) };
  const monitorA = await userWithToken([["monitor", ids.A!]]);
  for (const k of ["A", "B"] as const) {
    await createPlan(admin.token, docs[k]);
    for (const year of [2020, 2021, 2022]) {
      const res = await api(`/v1/plans/${docs[k].plan.id}/rounds/${year}`, { token: editors[k].token, body: { action: "open", baseVersion: 0 } });
      expect(res.status, await res.clone().text()).toBe(201);
    }
  }
  await run([tenancy.territoryCode(ids.B!, codeB)]);
  expect((await api(`/v1/associations/${associationId}/catalogue/POP`, { method: "PUT", token: analyst.token, body: populationEntry() })).status).toBe(201);
  return { associationId, ids, docs, admin, analyst, editors, monitorA, codeB };
}
type World = Awaited<ReturnType<typeof importWorld>>;

const cell = (c: string, sheet = "Показники") => ({ sheet, cell: c });
const pop = (year: number, value: number | null, at: string, extra: Partial<ImportObservation> = {}): ImportObservation => ({
  indicator: { code: "POP" },
  year,
  value,
  source: cell(at),
  ...extra,
});

/** Member A's workbook: POP 2020 changed to 12, 2021 filled with 14, 2022 a blank cell. */
const fileA = (w: World, observations: ImportObservation[] = [pop(2020, 12, "E5"), pop(2021, 14, "F5"), pop(2022, null, "G5")]): ImportFile => ({
  file: "Громада A.xlsx",
  member: { communityId: w.ids.A! },
  observations,
});

const body = (files: ImportFile[], dryRun: boolean, clientId = "import-pane"): ImportRequest => ({ clientId, dryRun, files });

async function importAs(w: World, token: string, request: unknown): Promise<Response> {
  return api(`/v1/associations/${w.associationId}/imports`, { token, body: request });
}

async function imported(w: World, request: ImportRequest, token = w.analyst.token): Promise<ImportResponse> {
  const res = await importAs(w, token, request);
  expect(res.status, await res.clone().text()).toBe(200);
  return json<ImportResponse>(res);
}

/** A member's live annual observations as stored: value, reason, note and version, by indicator code and year. */
async function storedValues(doc: PlanDocument) {
  const { results } = await env.DB.prepare(
    `SELECT o.obs_year AS year, o.obs_value AS value, o.obs_missing AS missing, json_extract(o.data, '$.note') AS note, o.version, i.ind_code AS code
     FROM entities o JOIN entities i ON i.plan_id = o.plan_id AND i.kind = 'indicators' AND i.id = o.obs_indicator_id
     WHERE o.plan_id = ?1 AND o.kind = 'observations' AND o.deleted = 0 ORDER BY code, year`,
  )
    .bind(doc.plan.id)
    .all<{ year: number; value: number | null; missing: string | null; note: string | null; version: number; code: string }>();
  return results;
}

describe("importing members' workbooks", () => {
  it("previews what a file would write, by cell, and writes nothing", async () => {
    const w = await importWorld();
    const before = { log: await countLog(w.docs.A.plan.id), values: await storedValues(w.docs.A) };
    const res = await imported(w, body([fileA(w)], true));
    expect(res.dryRun).toBe(true);
    const [file] = res.files;
    expect(file).toMatchObject({ file: "Громада A.xlsx", member: { communityId: w.ids.A, name: "Громада A", territoryCode: null }, written: 0, unchanged: 0, blank: 1, problems: [] });
    expect(file!.changes.map((c) => [c.source.cell, c.code, c.year, c.before, c.after])).toEqual([
      ["E5", "POP", 2020, { value: 10, reason: null, note: null }, { value: 12, reason: null, note: null }],
      ["F5", "POP", 2021, { value: null, reason: null, note: null }, { value: 14, reason: null, note: null }],
    ]);
    expect(res.totals).toEqual({ files: 1, filesWithProblems: 0, changes: 2, written: 0, unchanged: 0, blank: 1, problems: 0 });
    expect(await countLog(w.docs.A.plan.id)).toBe(before.log);
    expect(await storedValues(w.docs.A)).toEqual(before.values);
  });

  it("writes a file's values as the member's, versioned and logged with the analyst as the actor; the same file again writes nothing", async () => {
    const w = await importWorld();
    const logBefore = await countLog(w.docs.A.plan.id);
    const first = await imported(w, body([fileA(w, [pop(2020, 12, "E5"), pop(2021, 14, "F5"), pop(2022, 3, "G5", { note: "за оцінкою" })])], false));
    expect(first.files[0]).toMatchObject({ written: 3, unchanged: 0, problems: [] });
    expect((await storedValues(w.docs.A)).filter((v) => v.code === "POP").map((v) => [v.year, v.value, v.note, v.version])).toEqual([
      [2020, 12, null, 2],
      [2021, 14, null, 2],
      [2022, 3, "за оцінкою", 1],
    ]);
    // The member's own history (its editor reads it) names the analyst and the pane's client id.
    const res = await api(`/v1/plans/${w.docs.A.plan.id}/history`, { token: w.editors.A.token });
    const history = await json<HistoryPage>(res);
    expect(history.entries.slice(0, 3).map((e) => [e.op, e.actor.id, e.clientId])).toEqual([
      ["create", w.analyst.userId, "import-pane"],
      ["update", w.analyst.userId, "import-pane"],
      ["update", w.analyst.userId, "import-pane"],
    ]);
    expect(await countLog(w.docs.A.plan.id)).toBe(logBefore + 3);

    // Again, from the same pane and from another: nothing is written, not even a version.
    const values = await storedValues(w.docs.A);
    for (const clientId of ["import-pane", "another-pane"]) {
      const again = await imported(w, body([fileA(w, [pop(2020, 12, "E5"), pop(2021, 14, "F5"), pop(2022, 3, "G5", { note: "за оцінкою" })])], false, clientId));
      expect(again.files[0]).toMatchObject({ changes: [], written: 0, unchanged: 3, problems: [] });
      expect(await countLog(w.docs.A.plan.id)).toBe(logBefore + 3);
      expect(await storedValues(w.docs.A)).toEqual(values);
    }
  });

  it("keeps the push's idempotency: each written value is a stored mutation of the analyst in the member's plan", async () => {
    const w = await importWorld();
    await imported(w, body([fileA(w)], false));
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM push_mutations WHERE plan_id = ?1 AND user_id = ?2")
      .bind(w.docs.A.plan.id, w.analyst.userId)
      .first<{ n: number }>();
    expect(row!.n).toBe(2);
  });

  it("writes a value once when a retry races its first attempt: both decided before either writes", async () => {
    const w = await importWorld();
    const logBefore = await countLog(w.docs.A.plan.id);
    // Each attempt's write batch waits until both have read and decided; then they commit one after the other.
    const held = heldWrites(2);
    const DB = watchedDb(env.DB, held);
    // 2022 has no value yet: both attempts create it, under the id derived from its period, so the
    // second meets the first's row and then its stored results, instead of adding a second 2022 value.
    const request = body([fileA(w, [pop(2022, 3, "G5")])], false);
    const answers = await Promise.all([1, 2].map(() => api(`/v1/associations/${w.associationId}/imports`, { token: w.analyst.token, body: request }, { DB })));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(held.arrived()).toBe(2);
    expect(await countLog(w.docs.A.plan.id)).toBe(logBefore + 1);
    expect((await storedValues(w.docs.A)).filter((v) => v.code === "POP").map((v) => [v.year, v.value, v.version])).toEqual([
      [2020, 10, 1],
      [2021, null, 1],
      [2022, 3, 1],
    ]);
    for (const a of answers) expect((await json<ImportResponse>(a)).files[0]).toMatchObject({ written: 1, problems: [] });
  });

  it("never clears a stored value: a blank cell is skipped, and a note alone keeps the value", async () => {
    const w = await importWorld();
    const res = await imported(w, body([fileA(w, [pop(2020, null, "E5"), pop(2020, null, "E6", { note: "уточнено" })])], false));
    expect(res.files[0]).toMatchObject({ written: 1, blank: 1, problems: [] });
    expect(res.files[0]!.changes[0]!.after).toEqual({ value: 10, reason: null, note: "уточнено" });
    expect((await storedValues(w.docs.A)).find((v) => v.code === "POP" && v.year === 2020)).toMatchObject({ value: 10, note: "уточнено", version: 2 });
  });

  it("finds a member by its territory code as typed, and writes a reason for no value", async () => {
    const w = await importWorld();
    const file: ImportFile = { file: "b.xlsx", member: { territoryCode: ` ${w.codeB.toLowerCase()} ` }, observations: [pop(2020, null, "C3", { reason: "confidential" })] };
    const res = await imported(w, body([file], false));
    expect(res.files[0]).toMatchObject({ member: { communityId: w.ids.B, territoryCode: w.codeB }, written: 1, problems: [] });
    expect((await storedValues(w.docs.B))[0]).toMatchObject({ year: 2020, value: null, missing: "confidential" });
  });

  it("refuses, by file, a file of a community outside the association and a malformed territory code; the other files are written", async () => {
    const w = await importWorld();
    const outsider = await communityOutsideAssociations();
    const res = await imported(w, body([
      { file: "чужа.xlsx", member: { communityId: outsider }, observations: [pop(2020, 1, "E5")] },
      { file: "код.xlsx", member: { territoryCode: "UA123" }, observations: [pop(2020, 1, "E5")] },
      fileA(w),
    ], false));
    expect(res.files.map((f) => [f.file, f.member?.communityId ?? null, f.written, f.problems.map((p) => [p.code, p.sheet, p.cell, p.field])])).toEqual([
      ["чужа.xlsx", null, 0, [["not_a_member", null, null, "files[0].member.communityId"]]],
      ["код.xlsx", null, 0, [["territory_code_invalid", null, null, "files[1].member.territoryCode"]]],
      ["Громада A.xlsx", w.ids.A, 2, []],
    ]);
    expect(res.totals).toMatchObject({ files: 3, filesWithProblems: 2, written: 2 });
  });

  it("writes a MuniPlan workbook's values by the indicators' ids in the member's plan, catalogue code or not", async () => {
    const w = await importWorld();
    const waste = w.docs.A.indicators.find((i) => i.code === "WASTE")!;
    const res = await imported(w, body([fileA(w, [{ indicator: { entityId: waste.id }, year: 2021, value: 4, source: cell("F6") }])], false));
    expect(res.files[0]!.changes.map((c) => [c.indicatorId, c.code, c.indicatorName, c.year])).toEqual([[waste.id, "WASTE", waste.name, 2021]]);
    expect(res.files[0]!.written).toBe(1);
    expect((await storedValues(w.docs.A)).filter((v) => v.code === "WASTE").map((v) => [v.year, v.value])).toEqual([
      [2020, 5],
      [2021, 4],
    ]);
  });

  it("refuses by file a member without a plan, and a second file of the same member in one request", async () => {
    const w = await importWorld();
    const res = await imported(w, body([
      fileA(w),
      { ...fileA(w), file: "A, ще раз.xlsx" },
      { file: "c.xlsx", member: { communityId: w.ids.C! }, observations: [pop(2020, 1, "E5")] },
    ], true));
    expect(res.files.map((f) => [f.file, f.member?.name ?? null, f.problems.map((p) => [p.code, p.field])])).toEqual([
      ["Громада A.xlsx", "Громада A", []],
      ["A, ще раз.xlsx", "Громада A", [["member_twice", "files[1].member.communityId"]]],
      ["c.xlsx", "Громада C", [["no_plan", "files[2].member.communityId"]]],
    ]);
    expect(res.files[1]!.problems[0]!.message).toContain("Громада A.xlsx");
  });

  it("names each bad cell by file, sheet and cell and writes nothing of that file", async () => {
    const w = await importWorld();
    const logBefore = await countLog(w.docs.A.plan.id);
    const unknownId = crypto.randomUUID();
    const res = await imported(w, body([fileA(w, [
      pop(2020, 12, "E5"),
      { indicator: { code: "ROADS" }, year: 2020, value: 1, source: cell("E6") },
      { indicator: { code: "WASTE" }, year: 2020, value: 1, source: cell("E7") },
      { indicator: { entityId: unknownId }, year: 2020, value: 1, source: cell("E8") },
      pop(1800, 1, "E9"),
      pop(2020.5, 1, "E10"),
      pop(2021, null, "E11", { reason: "lost" }),
      pop(2021, 3, "E12", { reason: "confidential" }),
      pop(2020, 13, "E13"),
    ])], false));
    const [file] = res.files;
    expect(file!.written).toBe(0);
    expect(file!.problems.map((p) => [p.file, p.sheet, p.cell, p.code, p.field])).toEqual([
      ["Громада A.xlsx", "Показники", "E6", "code_not_in_catalogue", "files[0].observations[1].indicator.code"],
      ["Громада A.xlsx", "Показники", "E7", "code_not_in_catalogue", "files[0].observations[2].indicator.code"],
      ["Громада A.xlsx", "Показники", "E8", "indicator_unknown", "files[0].observations[3].indicator.entityId"],
      ["Громада A.xlsx", "Показники", "E9", "invalid_value", "files[0].observations[4].year"],
      ["Громада A.xlsx", "Показники", "E10", "invalid_value", "files[0].observations[5].year"],
      ["Громада A.xlsx", "Показники", "E11", "invalid_value", "files[0].observations[6].reason"],
      ["Громада A.xlsx", "Показники", "E12", "invalid_value", "files[0].observations[7].reason"],
      ["Громада A.xlsx", "Показники", "E13", "duplicate_value", "files[0].observations[8].year"],
    ]);
    expect(file!.problems[0]!.message).toBe("'Показники'!E6: ROADS is not a code of the association's catalogue");
    expect(file!.problems.at(-1)!.message).toContain("the first is at 'Показники'!E5");
    expect(await countLog(w.docs.A.plan.id)).toBe(logBefore);
  });

  it("tells a catalogue code the member's plan lacks from one the catalogue lacks", async () => {
    const w = await importWorld();
    await api(`/v1/associations/${w.associationId}/catalogue/SME`, { method: "PUT", token: w.analyst.token, body: populationEntry({ nameUk: "МСП", nameEn: "SME" }) });
    const res = await imported(w, body([fileA(w, [{ indicator: { code: "SME" }, year: 2020, value: 1, source: cell("H2") }])], true));
    expect(res.files[0]!.problems.map((p) => [p.cell, p.code])).toEqual([["H2", "indicator_not_in_plan"]]);
  });

  it("applies the push's monitoring-round rules by cell: no round open for the year, an approved year", async () => {
    const w = await importWorld();
    const approve = async (action: string, baseVersion: number) => {
      const res = await api(`/v1/plans/${w.docs.A.plan.id}/rounds/2020`, { token: w.editors.A.token, body: { action, baseVersion } });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await approve("submit", 1);
    await approve("approve", 2);
    const res = await imported(w, body([fileA(w, [pop(2020, 12, "E5"), pop(2023, 1, "H5")])], false));
    expect(res.files[0]!.problems.map((p) => [p.cell, p.code])).toEqual([
      ["E5", "round_approved"],
      ["H5", "monitor_outside_round_year"],
    ]);
    expect(res.files[0]!.written).toBe(0);
  });

  it("writes nothing of a file when one of its values is refused between the check and the write: a round approved meanwhile", async () => {
    const w = await importWorld();
    const before = { log: await countLog(w.docs.A.plan.id), values: await storedValues(w.docs.A) };
    // The file is checked with 2020 and 2021 open; just before its write batch runs, A's editor approves 2021.
    let approved = false;
    const DB = watchedDb(env.DB, {
      async beforeBatch(sql) {
        if (approved || !sql.some((s) => s.startsWith("INSERT INTO entities"))) return;
        approved = true;
        for (const [action, baseVersion] of [["submit", 1], ["approve", 2]] as const) {
          const res = await api(`/v1/plans/${w.docs.A.plan.id}/rounds/2021`, { token: w.editors.A.token, body: { action, baseVersion } });
          expect(res.status, await res.clone().text()).toBe(200);
        }
      },
    });
    const res = await api(`/v1/associations/${w.associationId}/imports`, { token: w.analyst.token, body: body([fileA(w)], false) }, { DB });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(approved).toBe(true);
    const [file] = (await json<ImportResponse>(res)).files;
    // 2020's value was still allowed, and is not written either: the file is written whole or not at all.
    expect(file!.written).toBe(0);
    expect(file!.problems.map((p) => [p.sheet, p.cell, p.code, p.field])).toEqual([["Показники", "F5", "round_approved", "files[0].observations[1].value"]]);
    expect(await countLog(w.docs.A.plan.id)).toBe(before.log);
    expect(await storedValues(w.docs.A)).toEqual(before.values);
    // Nothing is kept as decided: the file imported again (once 2021 is reopened) is decided afresh.
    const decided = await env.DB.prepare("SELECT COUNT(*) AS n FROM push_mutations WHERE plan_id = ?1").bind(w.docs.A.plan.id).first<{ n: number }>();
    expect(decided!.n).toBe(0);
  });

  it("is for the association's analysts and admins: a member's editor or monitor gets 403, another association's analyst 404", async () => {
    const w = await importWorld();
    const foreign = await userWithToken([["analyst", crypto.randomUUID()]]);
    for (const [token, status] of [[w.editors.A.token, 403], [w.monitorA.token, 403], [foreign.token, 404]] as const) {
      const res = await importAs(w, token, body([fileA(w)], false));
      expect(res.status).toBe(status);
      expect((await errorOf(res)).code).toBe(status === 403 ? "forbidden" : "not_found");
    }
    expect((await imported(w, body([fileA(w)], false), w.admin.token)).totals.written).toBe(2);
  });

  it("stays within D1's 1,000 queries per invocation at its limits: 20 files of 200 values, each written", async () => {
    const keys = Array.from({ length: MAX_IMPORT_FILES }, (_, k) => `M${k}`);
    const codes = Array.from({ length: 20 }, (_, k) => `K${String(k).padStart(2, "0")}`);
    const years = Array.from({ length: MAX_IMPORT_OBSERVATIONS / MAX_IMPORT_FILES / codes.length }, (_, k) => 2001 + k);
    const { associationId, ids, admin, analyst } = await associationOf(keys, (k) => `Громада ${k}`);
    for (const code of codes)
      expect((await api(`/v1/associations/${associationId}/catalogue/${code}`, { method: "PUT", token: analyst.token, body: populationEntry() })).status).toBe(201);
    const at = new Date().toISOString();
    for (const k of keys) {
      const doc = memberPlan(ids[k]!, { name: k, kind: "city", region: "North", values: Object.fromEntries(codes.map((c) => [c, {}])) }, { firstYear: 2001, lastYear: 2010 });
      await createPlan(admin.token, doc);
      await run(years.map((year) => ({
        sql: "INSERT INTO rounds (plan_id, year, status, version, updated_at, updated_by) VALUES (?1, ?2, 'open', 1, ?3, ?4)",
        params: [doc.plan.id, year, at, admin.userId],
      })));
    }
    const files = keys.map((k): ImportFile => ({
      file: `${k}.xlsx`,
      member: { communityId: ids[k]! },
      observations: codes.flatMap((code, r) => years.map((year, c) => ({ indicator: { code }, year, value: r * 100 + c, source: cell(`${String.fromCharCode(69 + c)}${r + 2}`) }))),
    }));
    let queries = 0;
    const res = await api(`/v1/associations/${associationId}/imports`, { token: analyst.token, body: body(files, false) }, { DB: watchedDb(env.DB, { ran: (n) => void (queries += n) }) });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json<ImportResponse>(res)).totals).toMatchObject({ written: MAX_IMPORT_OBSERVATIONS, problems: 0 });
    // At least the rows' inserts (19 values a statement, db/writes.ts): the count sees the batches.
    expect(queries).toBeGreaterThan(MAX_IMPORT_OBSERVATIONS / 19);
    expect(queries).toBeLessThanOrEqual(1000);
  });

  it("refuses a request over its limits or of the wrong shape with a 400 naming the field", async () => {
    const w = await importWorld();
    const many = (n: number) => Array.from({ length: n }, (_, k) => pop(2020, k, "E5"));
    const cases: [unknown, string][] = [
      [body(Array.from({ length: MAX_IMPORT_FILES + 1 }, (_, k) => ({ ...fileA(w), file: `f${k}.xlsx` })), true), "files"],
      [body([fileA(w, many(MAX_IMPORT_OBSERVATIONS_PER_FILE + 1))], true), "files[0].observations"],
      [body(Array.from({ length: MAX_IMPORT_OBSERVATIONS / MAX_IMPORT_OBSERVATIONS_PER_FILE + 1 }, (_, k) => ({ ...fileA(w, many(MAX_IMPORT_OBSERVATIONS_PER_FILE)), file: `f${k}.xlsx` })), true), "files"],
      [body([fileA(w), fileA(w)], true), "files[1].file"],
      [{ ...body([fileA(w)], true), files: [{ ...fileA(w), observations: [{ ...pop(2020, 1, "E5"), value: "1,5" }] }] }, "files[0].observations[0].value"],
      [{ ...body([fileA(w)], true), files: [{ ...fileA(w), observations: [{ ...pop(2020, 1, "5E") }] }] }, "files[0].observations[0].source.cell"],
    ];
    for (const [request, field] of cases) {
      const res = await importAs(w, w.analyst.token, request);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const error = await errorOf(res);
      expect(error.field, error.message).toBe(field);
    }
  });
});
