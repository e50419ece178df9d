import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { CatalogueEntry, PutCatalogueEntryInput, QualityRules } from "../../shared/api/catalogue.ts";
import { type Round, RoundConflict, type RoundUnexplained } from "../../shared/api/rounds.ts";
import type { Observation, PlanDocument } from "../../shared/model/plan.ts";
import { findRound, stepRound } from "../../worker/src/db/rounds.ts";
import type { D1Database } from "../../worker/src/env.ts";
import { CHECKED_ATTEMPTS } from "../../worker/src/routes/rounds.ts";
import { planSnapshot } from "../../worker/src/sync/snapshot.ts";
import { api, createPlan, errorOf, json, makeWorld, openRound, planDocument, push, uuid, type World } from "./support/world.ts";

/**
 * The association's quality rules through the Worker: the same cases as tests/unit/quality-rules.test.ts,
 * on a member's plan in D1, refusing the committee's submit until each flagged value has a note.
 */

const YEAR = 2015;

/** C's plan with its first two indicators linked to ENR and POP, and the given values (year → [ENR, POP]). */
async function qualityWorld(values: Record<number, [number | null | "n/a", number | null]>, rules: Record<"ENR" | "POP", QualityRules>) {
  const world = await makeWorld({ plan: false });
  const base = planDocument(world.ids.community, world.ids.plan);
  const [enr, pop] = [base.indicators[0]!, base.indicators[1]!];
  const observations: Observation[] = Object.entries(values).flatMap(([year, [e, p]]) => [
    e === "n/a"
      ? { id: uuid(), indicatorId: enr.id, period: { year: Number(year) }, value: null, missing: "not_available" as const }
      : { id: uuid(), indicatorId: enr.id, period: { year: Number(year) }, value: e },
    { id: uuid(), indicatorId: pop.id, period: { year: Number(year) }, value: p },
  ]);
  const doc: PlanDocument = {
    ...base,
    indicators: base.indicators.map((i) => (i.id === enr.id ? { ...i, code: "ENR" } : i.id === pop.id ? { ...i, code: "POP" } : i)),
    observations,
  };
  await createPlan(world.tokens.admin!, doc);
  for (const code of ["ENR", "POP"] as const) {
    const res = await putEntry(world, code, { rules: rules[code] });
    expect(res.status).toBe(201);
  }
  await openRound(world, YEAR);
  return { world, doc, enr: enr.id };
}

const entryBody = (overrides: Partial<PutCatalogueEntryInput> = {}): PutCatalogueEntryInput => ({
  nameUk: "Учні",
  nameEn: "Pupils",
  unit: "осіб",
  direction: "increase",
  frequency: "annually",
  definition: "",
  baseVersion: 0,
  ...overrides,
});
const putEntry = (w: World, code: string, overrides: Partial<PutCatalogueEntryInput>) =>
  api(`/v1/associations/${w.ids.associationA}/catalogue/${code}`, { method: "PUT", token: w.tokens.analyst, body: entryBody(overrides) });
const submit = (w: World, baseVersion = 1, db?: D1Database) =>
  api(`/v1/plans/${w.ids.plan}/rounds/${YEAR}`, { token: w.tokens.monitor, body: { action: "submit", baseVersion } }, db ? { DB: db } : {});
const approve = (w: World, baseVersion = 2) => api(`/v1/plans/${w.ids.plan}/rounds/${YEAR}`, { token: w.tokens.editor, body: { action: "approve", baseVersion } });

const ENR_RULES: QualityRules = { min: 0, max: 100, maxChangePct: 50, compare: [{ op: "<=", code: "POP" }] };

describe("quality rules on a submit", () => {
  it("refuses the committee's submit naming each unexplained value, and accepts it once a note explains them", async () => {
    // 2015: 120 is above 100, +100 % from 60 (at most 50 %), and more than POP's 100.
    const { world, doc, enr } = await qualityWorld({ 2014: [60, 1000], 2015: [120, 100] }, { ENR: ENR_RULES, POP: {} });
    const refused = await submit(world);
    expect(refused.status).toBe(422);
    const body = await json<RoundUnexplained>(refused);
    expect(body.error).toMatchObject({ code: "bad_request", field: "note" });
    expect(body.error.message).toMatch(/ENR 2015: 120 is above the maximum 100/);
    expect(body.violations.map((v) => v.rule)).toEqual(["max", "change", "compare"]);
    expect(body.violations.every((v) => v.indicatorId === enr && v.year === YEAR && v.value === 120)).toBe(true);
    expect(body.violations[2]).toMatchObject({ op: "<=", otherCode: "POP", otherValue: 100 });

    // A blank note explains nothing; a written one does.
    const obs = doc.observations.find((o) => o.indicatorId === enr && o.period.year === YEAR)!;
    const noted = (note: string, baseVersion: number) =>
      push(world, world.tokens.monitor, [{ mutationId: uuid(), kind: "observations", entityId: obs.id, op: "upsert", baseVersion, fields: { note } }]);
    expect((await noted("   ", 1)).results[0]).toMatchObject({ status: "applied" });
    expect((await submit(world)).status).toBe(422);
    expect((await noted("Відкрито нову школу; дані з реєстру", 2)).results[0]).toMatchObject({ status: "applied" });
    const accepted = await submit(world);
    expect(accepted.status).toBe(200);
    expect(await json<Round>(accepted)).toMatchObject({ status: "submitted", version: 2 });
  });

  it("accepts values at the bounds: the maximum, exactly the allowed change, and equality under ≤", async () => {
    const { world } = await qualityWorld({ 2014: [60, 1000], 2015: [90, 90] }, { ENR: { ...ENR_RULES, max: 90 }, POP: {} });
    expect((await submit(world)).status).toBe(200);
  });

  it("checks no reason instead of a value, and no change without the previous year's value", async () => {
    const reason = await qualityWorld({ 2014: [60, 1000], 2015: ["n/a", 10] }, { ENR: ENR_RULES, POP: {} });
    expect((await submit(reason.world)).status).toBe(200);
    const firstYear = await qualityWorld({ 2013: [1, 1000], 2015: [99, 1000] }, { ENR: ENR_RULES, POP: {} });
    expect((await submit(firstYear.world)).status).toBe(200);
  });

  it("checks only the round's year: a flagged value of another year does not stop it", async () => {
    const { world } = await qualityWorld({ 2014: [500, 1000], 2015: [80, 1000] }, { ENR: { max: 100 }, POP: {} });
    expect((await submit(world)).status).toBe(200);
  });
});

describe("quality rules on an approve", () => {
  it("refuses to approve a flagged value an editor wrote into the submitted year without a note, and approves it once explained", async () => {
    const { world, doc, enr } = await qualityWorld({ 2014: [60, 1000], 2015: [70, 1000] }, { ENR: ENR_RULES, POP: {} });
    expect((await submit(world)).status).toBe(200);
    // Editors may still write a submitted year: the editor changes the value to one the rules flag.
    const obs = doc.observations.find((o) => o.indicatorId === enr && o.period.year === YEAR)!;
    const edit = (fields: Record<string, unknown>, baseVersion: number) =>
      push(world, world.tokens.editor, [{ mutationId: uuid(), kind: "observations", entityId: obs.id, op: "upsert", baseVersion, fields }]);
    expect((await edit({ value: 999 }, 1)).results[0]).toMatchObject({ status: "applied" });
    const refused = await approve(world);
    expect(refused.status).toBe(422);
    const body = await json<RoundUnexplained>(refused);
    expect(body.error).toMatchObject({ code: "bad_request", field: "note" });
    expect(body.error.message).toMatch(/ENR 2015: 999 is above the maximum 100.*then approve again/);
    expect(body.violations.map((v) => [v.rule, v.value])).toEqual([["max", 999], ["change", 999]]);
    expect(await findRound(env.DB, world.ids.plan, YEAR)).toMatchObject({ status: "submitted", version: 2 });

    expect((await edit({ note: "Перевірено: нова школа" }, 2)).results[0]).toMatchObject({ status: "applied" });
    const approved = await approve(world);
    expect(approved.status).toBe(200);
    expect(await json<Round>(approved)).toMatchObject({ status: "approved", version: 3 });
  });
});

/**
 * The plan's D1 database, with a push of a new note on `obs` made right before each of the step's guarded
 * batches (the one that writes a checked step, recognised by its cursor guard), at most `times` times: the
 * values change between the check and the write. `pushes()` says how many were made.
 */
function changingBetweenCheckAndWrite(world: World, obs: Observation, times: number) {
  let pushes = 0;
  let guarded = false;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare")
        return (sql: string) => {
          if (sql.includes("MAX(last_seq)") && sql.startsWith("UPDATE rounds")) guarded = true;
          return target.prepare(sql);
        };
      if (prop === "batch")
        return async (statements: Parameters<D1Database["batch"]>[0]) => {
          if (guarded && pushes < times) {
            pushes++;
            await push(world, world.tokens.monitor, [
              { mutationId: uuid(), kind: "observations", entityId: obs.id, op: "upsert", baseVersion: pushes, fields: { note: `правка ${pushes}` } },
            ]);
          }
          guarded = false;
          return target.batch(statements);
        };
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as D1Database;
  return { db, pushes: () => pushes };
}

describe("a submit decided on the values as read", () => {
  it("is written when no value changed since the check (the cursor read is the cursor at the write)", async () => {
    const { world } = await qualityWorld({ 2014: [60, 1000], 2015: [70, 1000] }, { ENR: ENR_RULES, POP: {} });
    const { cursor } = await planSnapshot(env.DB, world.ids.plan);
    const key = { planId: world.ids.plan, year: YEAR };
    const by = { userId: world.users.monitor, at: new Date().toISOString() };
    const write = await stepRound(env.DB, key, { action: "submit", baseVersion: 1, comment: null }, by, cursor);
    expect(write).toMatchObject({ applied: true, round: { status: "submitted", version: 2, events: [{ action: "open" }, { action: "submit" }] } });
  });

  it("is decided again when a value changed between the check and the write, and applies once they stay", async () => {
    const { world, doc, enr } = await qualityWorld({ 2014: [60, 1000], 2015: [70, 1000] }, { ENR: ENR_RULES, POP: {} });
    const obs = doc.observations.find((o) => o.indicatorId === enr && o.period.year === YEAR)!;
    const changing = changingBetweenCheckAndWrite(world, obs, CHECKED_ATTEMPTS - 1);
    const res = await submit(world, 1, changing.db);
    expect(res.status).toBe(200);
    expect(changing.pushes()).toBe(CHECKED_ATTEMPTS - 1);
    expect(await json<Round>(res)).toMatchObject({ status: "submitted", version: 2 });
  });

  it("gives up after the last attempt with a 409 carrying the round as it stands (RoundConflict)", async () => {
    const { world, doc, enr } = await qualityWorld({ 2014: [60, 1000], 2015: [70, 1000] }, { ENR: ENR_RULES, POP: {} });
    const obs = doc.observations.find((o) => o.indicatorId === enr && o.period.year === YEAR)!;
    const changing = changingBetweenCheckAndWrite(world, obs, Infinity);
    const res = await submit(world, 1, changing.db);
    expect(res.status).toBe(409);
    expect(changing.pushes()).toBe(CHECKED_ATTEMPTS);
    const body = RoundConflict.parse(await res.json());
    expect(body.error).toMatchObject({ code: "conflict", field: null });
    expect(body.error.message).toMatch(/kept changing during the submit/);
    expect(body.current).toMatchObject({ status: "open", version: 1, events: [{ action: "open" }] });
  });

  it("is not written if a value changed after the check: the step's batch fails and the round stays open", async () => {
    const { world, doc, enr } = await qualityWorld({ 2014: [60, 1000], 2015: [70, 1000] }, { ENR: ENR_RULES, POP: {} });
    const { cursor } = await planSnapshot(env.DB, world.ids.plan);
    // Between the check and the write, the committee types a value the rules flag.
    const obs = doc.observations.find((o) => o.indicatorId === enr && o.period.year === YEAR)!;
    await push(world, world.tokens.monitor, [{ mutationId: uuid(), kind: "observations", entityId: obs.id, op: "upsert", baseVersion: 1, fields: { value: 999 } }]);
    const key = { planId: world.ids.plan, year: YEAR };
    const by = { userId: world.users.monitor, at: new Date().toISOString() };
    await expect(stepRound(env.DB, key, { action: "submit", baseVersion: 1, comment: null }, by, cursor)).rejects.toThrow(/constraint/i);
    expect(await findRound(env.DB, world.ids.plan, YEAR)).toMatchObject({ status: "open", version: 1, events: [{ action: "open" }] });
    // Read again, the check sees the new value: the route refuses it.
    expect((await submit(world)).status).toBe(422);
  });
});

describe("the catalogue's rules and Lithuanian names in D1", () => {
  it("stores and returns them; the same content again changes nothing; bad rules are refused by field", async () => {
    const world = await makeWorld({ plan: false });
    const rules: QualityRules = { min: 0, maxChangePct: 12.5, compare: [{ op: "<", code: "POP" }] };
    const created = await putEntry(world, "ENR", { nameLt: "Mokiniai", rules });
    expect(created.status).toBe(201);
    expect(await json<CatalogueEntry>(created)).toMatchObject({ nameLt: "Mokiniai", rules, version: 1 });
    // The same content (rules' keys in another order) is no change: 200 with the entry as it was.
    const same = await putEntry(world, "ENR", { nameLt: "Mokiniai", rules: { compare: rules.compare, maxChangePct: 12.5, min: 0 }, baseVersion: 1 });
    expect(same.status).toBe(200);
    expect((await json<CatalogueEntry>(same)).version).toBe(1);
    const changed = await putEntry(world, "ENR", { nameLt: "Mokiniai", rules: { max: 5 }, baseVersion: 1 });
    expect(await json<CatalogueEntry>(changed)).toMatchObject({ rules: { max: 5 }, version: 2 });
    const bad = await putEntry(world, "ENR", { rules: { min: 5, max: 1 }, baseVersion: 2 });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: "bad_request", field: "rules.max" });
  });

  it("keeps them on a PUT that leaves them out, and clears them on one that sends them empty", async () => {
    const world = await makeWorld({ plan: false });
    const rules: QualityRules = { max: 100, compare: [{ op: "<=", code: "POP" }] };
    expect(await json<CatalogueEntry>(await putEntry(world, "POP", {}))).toMatchObject({ nameLt: "", rules: {}, version: 1 });
    expect((await putEntry(world, "ENR", { nameLt: "Mokiniai", rules })).status).toBe(201);
    // A client that does not know them (sent neither) renames the entry: its rules and Lithuanian name stay.
    const renamed = await putEntry(world, "ENR", { nameUk: "Учні шкіл", baseVersion: 1 });
    expect(await json<CatalogueEntry>(renamed)).toMatchObject({ nameUk: "Учні шкіл", nameLt: "Mokiniai", rules, version: 2 });
    // Nothing else sent and nothing else changed: no change, the version stays.
    expect(await json<CatalogueEntry>(await putEntry(world, "ENR", { nameUk: "Учні шкіл", baseVersion: 2 }))).toMatchObject({ rules, version: 2 });
    const cleared = await putEntry(world, "ENR", { nameUk: "Учні шкіл", nameLt: "", rules: {}, baseVersion: 2 });
    expect(await json<CatalogueEntry>(cleared)).toMatchObject({ nameLt: "", rules: {}, version: 3 });
  });
});
