import { describe, expect, it } from "vitest";
import type { ComparisonResponse, CompletenessResponse, PositionResponse } from "../../shared/api/compare.ts";
import type { PullResponse, PushResponse } from "../../shared/api/sync.ts";
import type { MissingReason, PlanDocument } from "../../shared/model/plan.ts";
import { type MemberSpec, memberPlan } from "../support/member-plan.ts";
import { api, associationOf, createPlan, errorOf, json, pushBody, userWithToken, uuid } from "./support/world.ts";
import { populationEntry } from "../support/catalogue-entry.ts";

/**
 * Reasons for a missing value (issue 14) through the store: synced and validated at the edge, outside
 * the comparison's statistics and counted beside them, a state of their own in completeness, named in
 * the exports, and nothing new in a member's position.
 *
 * Members of a fresh association and their POP values for 2020: A 10, B 20, C 30, D 40 (its editor later
 * replaces it with "not available"), E confidential (so created), G empty (null, no reason); F's plan
 * lacks POP.
 */
const MEMBERS: Record<string, MemberSpec & { reason?: MissingReason }> = {
  A: { name: "Альфа", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 10 } } },
  B: { name: "Бета", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 20 } } },
  C: { name: "Гамма", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 30 } } },
  D: { name: "Дельта", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 40 } } },
  E: { name: "Епсилон", kind: "city", region: "North", population: 1000, values: { POP: { 2020: null } }, reason: "confidential" },
  F: { name: "Фі", kind: "city", region: "North", population: 1000, values: { WASTE: { 2020: 1 } } },
  G: { name: "Гама-2", kind: "city", region: "North", population: 1000, values: { POP: { 2020: null } } },
};
const KEYS = Object.keys(MEMBERS);

const popEntry = populationEntry({ sharing: "position" });

async function reasonsWorld() {
  const { associationId, ids, admin, analyst } = await associationOf(KEYS, (k) => MEMBERS[k]!.name);
  const editorD = await userWithToken([["editor", ids.D!]]);
  const editorA = await userWithToken([["editor", ids.A!]]);
  const docs: Record<string, PlanDocument> = {};
  for (const k of KEYS) {
    const { reason, ...spec } = MEMBERS[k]!;
    const doc = memberPlan(ids[k]!, spec, { firstYear: 2020, lastYear: 2021 });
    docs[k] = reason ? { ...doc, observations: doc.observations.map((o) => ({ ...o, value: null, missing: reason })) } : doc;
    await createPlan(admin.token, docs[k]!);
  }
  expect((await api(`/v1/associations/${associationId}/catalogue/POP`, { method: "PUT", token: analyst.token, body: popEntry })).status).toBe(201);
  return { associationId, ids, docs, tokens: { analyst: analyst.token, editorD: editorD.token, editorA: editorA.token } };
}
type ReasonsWorld = Awaited<ReturnType<typeof reasonsWorld>>;

/** D's editor replaces D's 2020 value (version 1) with `fields`. */
async function pushD(w: ReasonsWorld, fields: Record<string, unknown>, unset?: string[]) {
  const o = w.docs.D!.observations[0]!;
  return api(`/v1/plans/${w.docs.D!.plan.id}/push`, {
    token: w.tokens.editorD,
    body: pushBody([{ mutationId: uuid(), kind: "observations", entityId: o.id, op: "upsert", baseVersion: 1, fields, ...(unset ? { unset } : {}) }]),
  });
}

async function getJson<T>(path: string, token: string): Promise<T> {
  const res = await api(path, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<T>(res);
}

const comparison = (w: ReasonsWorld, query = "codes=POP&from=2020&to=2021") =>
  getJson<ComparisonResponse>(`/v1/associations/${w.associationId}/comparison?${query}`, w.tokens.analyst);
const completeness = (w: ReasonsWorld) => getJson<CompletenessResponse>(`/v1/associations/${w.associationId}/completeness?year=2020`, w.tokens.analyst);

describe("reasons for a missing value in the store", () => {
  it("sync: a reason replaces a value, is pulled back, and a number replaces it again", async () => {
    const w = await reasonsWorld();
    const res = await pushD(w, { value: null, missing: "not_available" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json<PushResponse>(res)).results[0]).toMatchObject({ status: "applied", version: 2 });
    const pulled = await getJson<PullResponse>(`/v1/plans/${w.docs.D!.plan.id}/pull?since=0`, w.tokens.editorD);
    const row = pulled.changes.find((r) => r.id === w.docs.D!.observations[0]!.id)!;
    expect(row.data).toMatchObject({ value: null, missing: "not_available" });
    const back = await api(`/v1/plans/${w.docs.D!.plan.id}/push`, {
      token: w.tokens.editorD,
      body: pushBody([{ mutationId: uuid(), kind: "observations", entityId: row.id, op: "upsert", baseVersion: 2, fields: { value: 41 }, unset: ["missing"] }]),
    });
    expect(back.status, await back.clone().text()).toBe(200);
    const again = await getJson<PullResponse>(`/v1/plans/${w.docs.D!.plan.id}/pull?since=0`, w.tokens.editorD);
    expect(again.changes.find((r) => r.id === row.id)!.data).not.toHaveProperty("missing");
  });

  it("the edge refuses an unknown reason, and a value with a reason, with 400 naming the field", async () => {
    const w = await reasonsWorld();
    for (const fields of [{ value: null, missing: "lost" }, { value: null, missing: "н/д" }, { value: 5, missing: "confidential" }, { missing: "not_available" }]) {
      const res = await pushD(w, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect((await errorOf(res)).field, JSON.stringify(fields)).toBe("mutations[0].fields.missing");
    }
    // A plan created with an invalid reason is refused too.
    const admin = await userWithToken([["admin", null]]);
    const doc = w.docs.A!;
    const bad = { ...doc, plan: { ...doc.plan, id: uuid() }, observations: doc.observations.map((o) => ({ ...o, id: uuid(), missing: "confidential" })) };
    const created = await api("/v1/plans", { token: admin.token, body: { clientId: "test", document: bad } });
    expect(created.status).toBe(400);
    expect((await errorOf(created)).field).toBe("document.observations[0].missing");
  });

  it("comparison: reasons are outside the statistics, ranks and quartiles, and counted per year", async () => {
    const w = await reasonsWorld();
    const before = await comparison(w);
    // 2020: A 10, B 20, C 30, D 40; E's reason and G's empty value are no values. n = 4, median 25.
    expect(before.indicators[0]!.stats[0]).toMatchObject({ year: 2020, count: 4, median: 25, min: 10, max: 40 });
    expect(before.indicators[0]!.reasons).toEqual([1, 0]);
    expect((await pushD(w, { value: null, missing: "not_available" })).status).toBe(200);
    const res = await comparison(w);
    const series = res.indicators[0]!;
    // D's value is gone from the statistics: 10, 20, 30, median 20, max 30; A, B, C ranked 3, 2, 1.
    expect(series.stats[0]).toEqual({ year: 2020, count: 3, min: 10, q1: 15, median: 20, q3: 25, max: 30 });
    expect(series.reasons).toEqual([2, 0]);
    const named = Object.fromEntries(
      series.rows.map((r) => [res.members.find((m) => m.communityId === r.communityId)!.name, [r.values[0], r.ranks[0], r.missing?.[0] ?? null]]),
    );
    expect(named).toEqual({
      Альфа: [10, 3, null],
      Бета: [20, 2, null],
      Гамма: [30, 1, null],
      Дельта: [null, null, "not_available"],
      Епсилон: [null, null, "confidential"],
      Фі: [null, null, null],
      "Гама-2": [null, null, null],
    });
    // Only a member that gave a reason carries `missing` (the largest comparison's JSON stays as it was).
    expect(series.rows.filter((r) => r.missing).map((r) => r.missing)).toEqual([["not_available", null], ["confidential", null]]);
    // Per capita changes no reason.
    expect((await comparison(w, "codes=POP&from=2020&to=2021&perCapita=true")).indicators[0]!.reasons).toEqual([2, 0]);
  });

  it("completeness: filled, reason (named), empty and not in plan, with counts", async () => {
    const w = await reasonsWorld();
    expect((await pushD(w, { value: null, missing: "not_available" })).status).toBe(200);
    const res = await completeness(w);
    expect(res.entries.map((e) => e.code)).toEqual(["POP"]);
    const rows = Object.fromEntries(res.rows.map((r) => [r.name, [r.cells[0], r.missing?.[0] ?? null, r.filled, r.withReason, r.empty]]));
    expect(res.rows.filter((r) => r.missing).map((r) => r.name)).toEqual(["Дельта", "Епсилон"]);
    expect(rows).toEqual({
      Альфа: ["filled", null, 1, 0, 0],
      Бета: ["filled", null, 1, 0, 0],
      Гамма: ["filled", null, 1, 0, 0],
      Дельта: ["reason", "not_available", 0, 1, 0],
      Епсилон: ["reason", "confidential", 0, 1, 0],
      Фі: ["not_in_plan", null, 0, 0, 0],
      "Гама-2": ["empty", null, 0, 0, 1],
    });
  });

  it("exports name the reason in the export's language", async () => {
    const w = await reasonsWorld();
    const csv = async (path: string) => {
      const res = await api(`/v1/associations/${w.associationId}/${path}`, { token: w.tokens.analyst });
      expect(res.status).toBe(200);
      return res.text();
    };
    const completenessUk = await csv("completeness.csv?year=2020&lang=uk");
    expect(completenessUk).toContain("Епсилон,,North,Місто,1000,Так,не відкрито,причина: конфіденційно,0,1,0,0");
    expect(completenessUk).toContain("З причиною відсутності");
    const comparisonEn = await csv("comparison.csv?codes=POP&from=2020&to=2021&lang=en");
    expect(comparisonEn).toContain("Епсилон,,North,City,1000,confidential,");
    expect(comparisonEn).toContain("Members with a reason for no value,,,,,1,0");
    const xlsx = await api(`/v1/associations/${w.associationId}/completeness.xlsx?year=2020&lang=en`, { token: w.tokens.analyst });
    expect(xlsx.status).toBe(200);
  });

  it("a member's position carries nothing new: the release's statistics skip reasons, and no reason is shared", async () => {
    const w = await reasonsWorld();
    expect((await pushD(w, { value: null, missing: "not_available" })).status).toBe(200);
    expect((await api(`/v1/associations/${w.associationId}/releases/2020`, { method: "POST", token: w.tokens.analyst })).status).toBe(201);
    const res = await getJson<PositionResponse>(`/v1/associations/${w.associationId}/position?communityId=${w.ids.A}&year=2020`, w.tokens.editorA);
    const item = res.items[0]!;
    expect(Object.keys(item).sort()).toEqual(["entry", "quartile", "rank", "stats", "value"]);
    expect(Object.keys(item.stats).sort()).toEqual(["count", "max", "median", "min", "q1", "q3", "year"]);
    // A (10) among 10, 20, 30: rank 3; 3 values are under the 5 a member may see statistics over.
    expect(item).toMatchObject({ value: 10, rank: 3, stats: { count: 3, median: null, min: null, max: null } });
    expect(JSON.stringify(res)).not.toMatch(/not_available|confidential|missing|reason/);
  });
});
