import { env } from "cloudflare:test";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { PutCatalogueEntryInput } from "../../shared/api/catalogue.ts";
import type { ComparisonResponse, CompletenessResponse, PositionResponse } from "../../shared/api/compare.ts";
import type { Indicator, Observation } from "../../shared/model/plan.ts";
import type { MeResponse } from "../../shared/api/access.ts";
import type { PlanSnapshot } from "../../shared/api/plans.ts";
import type { PullResponse } from "../../shared/api/sync.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { largeDemoStatements } from "../../worker/tools/large-demo.ts";
import { type MemberSpec, memberPlan } from "../support/member-plan.ts";
import { api, associationOf, createPlan, errorOf, json, run, userWithToken, uuid } from "./support/world.ts";

/**
 * The association's consolidation against hand-computed numbers. Members A–F of a fresh association;
 * every statistic below is worked out in the comments (QUARTILE.INC: h = (n − 1)·p, x[⌊h⌋] + frac·(x[⌊h⌋+1] − x[⌊h⌋])).
 */

const MEMBERS: Record<string, MemberSpec> = {
  A: { name: "Альфа", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 10, 2021: 5 }, WASTE: { 2020: 3 } } },
  B: { name: "Бета", kind: "city", region: "North", population: 2000, values: { POP: { 2020: 20 }, WASTE: { 2020: 1 } } },
  C: { name: "Гамма", kind: "village", region: "South", population: 4000, values: { POP: { 2020: 20 }, WASTE: { 2020: 2 } } },
  D: { name: "Дельта", kind: "town", region: "South", values: { POP: { 2020: 40 } } },
  E: { name: "Епсилон", kind: "city", region: "East", population: 500, values: { POP: { 2020: null } } },
  F: { name: "Фі", kind: "city", region: "East", noPlan: true },
};
const KEYS = Object.keys(MEMBERS);

const entry = (code: string, direction: "increase" | "decrease", sharing: "analysts" | "position" | "named"): PutCatalogueEntryInput => ({
  nameUk: `Показник ${code}`,
  nameEn: `Indicator ${code}`,
  unit: "од.",
  direction,
  frequency: "annually",
  definition: "",
  sharing,
  baseVersion: 0,
});

/** A fresh association with members A–F, the entries POP (increase, shared by position) and WASTE (decrease, analysts only). */
async function compareWorld(options: { popSharing?: "analysts" | "position" | "named"; extra?: Parameters<typeof memberPlan>[3] } = {}) {
  const { associationId, ids, admin, analyst } = await associationOf(KEYS, (k) => MEMBERS[k]!.name);
  const editorB = await userWithToken([["editor", ids.B!]]);
  const monitorB = await userWithToken([["monitor", ids.B!]]);
  const foreignAnalyst = await userWithToken([["analyst", uuid()]]);
  const plans: Record<string, string> = {};
  for (const k of KEYS) {
    const spec = MEMBERS[k]!;
    if (!spec.noPlan) plans[k] = (await createPlan(admin.token, memberPlan(ids[k]!, spec, { firstYear: 2020, lastYear: 2022 }, k === "A" ? options.extra : {}))).document.plan.id;
  }
  for (const [code, body] of [
    ["POP", entry("POP", "increase", options.popSharing ?? "position")],
    ["WASTE", entry("WASTE", "decrease", "analysts")],
  ] as const) {
    const res = await api(`/v1/associations/${associationId}/catalogue/${code}`, { method: "PUT", token: analyst.token, body });
    expect(res.status).toBe(201);
  }
  const tokens = { admin: admin.token, analyst: analyst.token, editorB: editorB.token, monitorB: monitorB.token, foreignAnalyst: foreignAnalyst.token };
  return { associationId, ids, plans, tokens };
}
type CompareWorld = Awaited<ReturnType<typeof compareWorld>>;

const comparisonUrl = (w: CompareWorld, query: string) => `/v1/associations/${w.associationId}/comparison?${query}`;

async function comparison(w: CompareWorld, query: string, token = w.tokens.analyst): Promise<ComparisonResponse> {
  const res = await api(comparisonUrl(w, query), { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<ComparisonResponse>(res);
}

/** Per member name: the series' values, ranks and quartiles for one year. */
function byName(res: ComparisonResponse, code: string, year: number) {
  const series = res.indicators.find((s) => s.entry.code === code)!;
  const i = res.years.indexOf(year);
  return Object.fromEntries(
    series.rows.map((r) => [
      res.members.find((m) => m.communityId === r.communityId)!.name,
      { value: r.values[i], rank: r.ranks[i], quartile: r.quartiles[i] },
    ]),
  );
}
const statsOf = (res: ComparisonResponse, code: string, year: number) =>
  res.indicators.find((s) => s.entry.code === code)!.stats.find((s) => s.year === year);

describe("comparison", () => {
  it("computes median, quartiles (QUARTILE.INC) and ranks with ties (RANK.EQ) for an increase indicator", async () => {
    const w = await compareWorld();
    const res = await comparison(w, "codes=POP&from=2020&to=2022");
    expect(res.years).toEqual([2020, 2021, 2022]);
    // Every member is listed, by name, whether it has data or even a plan.
    expect(res.members.map((m) => m.name)).toEqual(["Альфа", "Бета", "Гамма", "Дельта", "Епсилон", "Фі"]);
    expect(res.members.find((m) => m.name === "Фі")).toEqual({ communityId: w.ids.F, name: "Фі", region: null, kind: null, population: null, territoryCode: null });
    // 2020: 10, 20, 20, 40 (E's value is empty, F has no plan). n = 4:
    // Q1: h = 0.75 → 10 + 0.75·10 = 17.5; median: h = 1.5 → 20; Q3: h = 2.25 → 20 + 0.25·20 = 25.
    expect(statsOf(res, "POP", 2020)).toEqual({ year: 2020, count: 4, min: 10, q1: 17.5, median: 20, q3: 25, max: 40 });
    // Ranks, highest first, ties shared and the next skipped: 40 → 1, 20 → 2, 20 → 2, 10 → 4.
    // Quartiles: 40 ≥ Q3 → 1; 20 ≥ median → 2; 10 < Q1 → 4.
    expect(byName(res, "POP", 2020)).toEqual({
      Альфа: { value: 10, rank: 4, quartile: 4 },
      Бета: { value: 20, rank: 2, quartile: 2 },
      Гамма: { value: 20, rank: 2, quartile: 2 },
      Дельта: { value: 40, rank: 1, quartile: 1 },
      Епсилон: { value: null, rank: null, quartile: null },
      Фі: { value: null, rank: null, quartile: null },
    });
    // 2021: one value; 2022: nobody reported — statistics are empty, not zero.
    expect(statsOf(res, "POP", 2021)).toEqual({ year: 2021, count: 1, min: 5, q1: 5, median: 5, q3: 5, max: 5 });
    expect(byName(res, "POP", 2021).Альфа).toEqual({ value: 5, rank: 1, quartile: 1 });
    expect(statsOf(res, "POP", 2022)).toEqual({ year: 2022, count: 0, min: null, q1: null, median: null, q3: null, max: null });
  });

  it("ranks a decrease indicator lowest first and flips the quartiles", async () => {
    const w = await compareWorld();
    const res = await comparison(w, "codes=WASTE&from=2020&to=2020");
    // 1, 2, 3: Q1 = 1.5, median = 2, Q3 = 2.5. Lowest is best: 1 → rank 1, quartile 1 (≤ Q1);
    // 2 → rank 2, quartile 2 (≤ median); 3 → rank 3, quartile 4 (> Q3).
    expect(statsOf(res, "WASTE", 2020)).toEqual({ year: 2020, count: 3, min: 1, q1: 1.5, median: 2, q3: 2.5, max: 3 });
    const rows = byName(res, "WASTE", 2020);
    expect([rows.Бета, rows.Гамма, rows.Альфа]).toEqual([
      { value: 1, rank: 1, quartile: 1 },
      { value: 2, rank: 2, quartile: 2 },
      { value: 3, rank: 3, quartile: 4 },
    ]);
    expect(res.indicators[0]!.entry).toEqual({ code: "WASTE", nameUk: "Показник WASTE", nameEn: "Indicator WASTE", nameLt: "", unit: "од.", direction: "decrease", status: "active" });
  });

  it("compares per 1,000 residents, leaving out members without a population", async () => {
    const w = await compareWorld();
    const res = await comparison(w, "codes=POP&from=2020&to=2020&perCapita=true");
    expect(res.perCapita).toBe(true);
    // A 10·1000/1000 = 10, B 20·1000/2000 = 10, C 20·1000/4000 = 5, D has no population.
    // 5, 10, 10: Q1 h = 0.5 → 7.5, median 10, Q3 h = 1.5 → 10. Ranks 1, 1, 3.
    expect(statsOf(res, "POP", 2020)).toEqual({ year: 2020, count: 3, min: 5, q1: 7.5, median: 10, q3: 10, max: 10 });
    const rows = byName(res, "POP", 2020);
    expect([rows.Альфа, rows.Бета, rows.Гамма, rows.Дельта]).toEqual([
      { value: 10, rank: 1, quartile: 1 },
      { value: 10, rank: 1, quartile: 1 },
      { value: 5, rank: 3, quartile: 4 },
      { value: null, rank: null, quartile: null },
    ]);
  });

  it("filters members by region, kind and population band, and computes the statistics over them only", async () => {
    const w = await compareWorld();
    const north = await comparison(w, "codes=POP&from=2020&to=2020&regions=North");
    expect(north.members.map((m) => m.name)).toEqual(["Альфа", "Бета"]);
    expect(statsOf(north, "POP", 2020)).toMatchObject({ count: 2, median: 15, q1: 12.5, q3: 17.5 });
    const kinds = await comparison(w, "codes=POP&from=2020&to=2020&kinds=village,town");
    expect(kinds.members.map((m) => m.name)).toEqual(["Гамма", "Дельта"]);
    // The band is inclusive; D (no population) is outside any band.
    const band = await comparison(w, "codes=POP&from=2020&to=2020&minPopulation=1000&maxPopulation=2000");
    expect(band.members.map((m) => m.name)).toEqual(["Альфа", "Бета"]);
    expect(byName(band, "POP", 2020).Бета).toEqual({ value: 20, rank: 1, quartile: 1 });
  });

  it("counts each member once when its plan has a second indicator with the same code", async () => {
    const goalPlaceholder = { kind: "goal" as const, id: uuid() };
    const duplicate: Indicator = { id: "ffffffff-ffff-4fff-bfff-ffffffffffff", code: "POP", name: "Дубль", measures: goalPlaceholder, direction: "increase", frequency: "annually", order: 9 };
    const duplicateValue: Observation = { id: uuid(), indicatorId: duplicate.id, period: { year: 2020 }, value: 1000 };
    const quarter: Observation = { id: uuid(), indicatorId: duplicate.id, period: { year: 2021, quarter: 1 }, value: 1000 };
    const w = await compareWorld({ extra: { indicators: [duplicate], observations: [duplicateValue, quarter] } });
    const res = await comparison(w, "codes=POP&from=2020&to=2020");
    // A's first POP indicator (by id) is compared; the duplicate's 1000 never appears.
    expect(statsOf(res, "POP", 2020)).toMatchObject({ count: 4, max: 40 });
    expect(byName(res, "POP", 2020).Альфа!.value).toBe(10);
  });

  it("compares several indicators at once, in the order asked", async () => {
    const w = await compareWorld();
    const res = await comparison(w, "codes=WASTE,POP&from=2020&to=2021");
    expect(res.indicators.map((s) => s.entry.code)).toEqual(["WASTE", "POP"]);
    expect(res.indicators.every((s) => s.rows.length === 6 && s.rows.every((r) => r.values.length === 2))).toBe(true);
  });

  it("refuses bad queries naming the field", async () => {
    const w = await compareWorld();
    const cases: [string, number, string][] = [
      ["from=2020&to=2021", 400, "codes"],
      ["codes=&from=2020&to=2021", 400, "codes"],
      ["codes=pop&from=2020&to=2021", 400, "codes[0]"],
      ["codes=POP&from=2021&to=2020", 400, "to"],
      ["codes=POP&from=1990&to=2030", 400, "to"],
      ["codes=POP&from=abc&to=2020", 400, "from"],
      ["codes=POP&from=2020&to=2020&kinds=castle", 400, "kinds[0]"],
      ["codes=POP&from=2020&to=2020&minPopulation=5&maxPopulation=1", 400, "maxPopulation"],
      ["codes=POP&from=2020&to=2020&perCapita=maybe", 400, "perCapita"],
      ["codes=POP,NOPE&from=2020&to=2020", 404, "codes"],
    ];
    for (const [query, status, field] of cases) {
      const res = await api(comparisonUrl(w, query), { token: w.tokens.analyst });
      expect(res.status, query).toBe(status);
      expect((await errorOf(res)).field, query).toBe(field);
    }
  });
});

describe("who sees the consolidation", () => {
  it("lets analysts and admins compare any entry, members only entries shared by name, and hides the association from others", async () => {
    const w = await compareWorld({ popSharing: "position" });
    const query = "codes=POP&from=2020&to=2020";
    expect((await api(comparisonUrl(w, query), { token: w.tokens.admin })).status).toBe(200);
    expect((await api(comparisonUrl(w, query), { token: w.tokens.analyst })).status).toBe(200);
    const member = await api(comparisonUrl(w, query), { token: w.tokens.editorB });
    expect(member.status).toBe(403);
    expect((await errorOf(member)).message).toMatch(/POP/);
    expect((await api(comparisonUrl(w, query), { token: w.tokens.foreignAnalyst })).status).toBe(404);
    expect((await api(comparisonUrl(w, query), { token: null })).status).toBe(401);
    const outsider = await userWithToken([["editor", uuid()]]);
    expect((await api(comparisonUrl(w, query), { token: outsider.token })).status).toBe(404);

    const named = await compareWorld({ popSharing: "named" });
    const seen = await comparison(named, query, named.tokens.monitorB);
    expect(seen.indicators[0]!.rows).toHaveLength(6);
    // Shared by name does not open the other entries.
    expect((await api(comparisonUrl(named, "codes=POP,WASTE&from=2020&to=2020"), { token: named.tokens.monitorB })).status).toBe(403);
  });

  it("shows a member its own rank and quartile, and the association's statistics, without any other member's value", async () => {
    const w = await compareWorld({ popSharing: "position" });
    // Positions come from the year's release (position-release.test.ts): the analyst publishes 2020.
    expect((await api(`/v1/associations/${w.associationId}/releases/2020`, { method: "POST", token: w.tokens.analyst })).status).toBe(201);
    const url = `/v1/associations/${w.associationId}/position?communityId=${w.ids.B}&year=2020`;
    const res = await api(url, { token: w.tokens.editorB });
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    const position = await json<PositionResponse>(res);
    // WASTE is kept to analysts: only POP is listed.
    expect(position.items).toEqual([
      {
        entry: { code: "POP", nameUk: "Показник POP", nameEn: "Indicator POP", nameLt: "", unit: "од.", direction: "increase", status: "active" },
        value: 20,
        rank: 2,
        quartile: 2,
        // Four values: too few to show a member the quartiles (two values and the median would give the
        // other's), and never the extremes, each one member's exact value.
        stats: { year: 2020, count: 4, min: null, q1: null, median: null, q3: null, max: null },
      },
    ]);
    for (const k of ["A", "C", "D", "E", "F"]) expect(text).not.toContain(w.ids[k]!);
    for (const name of ["Альфа", "Гамма", "Дельта"]) expect(text).not.toContain(name);

    // A year released without any value: the item is there, with no position; a year never released has no items.
    expect((await api(`/v1/associations/${w.associationId}/releases/2030`, { method: "POST", token: w.tokens.admin })).status).toBe(201);
    const empty = await json<PositionResponse>(await api(url.replace("2020", "2030"), { token: w.tokens.monitorB }));
    expect(empty.items[0]).toMatchObject({ value: null, rank: null, quartile: null, stats: { count: 0, median: null } });
    expect(await json<PositionResponse>(await api(url.replace("2020", "2029"), { token: w.tokens.monitorB }))).toMatchObject({ release: null, items: [] });

    // Another member's position is out of reach (the 404 of a missing community); the analyst sees any.
    const other = `/v1/associations/${w.associationId}/position?communityId=${w.ids.A}&year=2020`;
    expect((await api(other, { token: w.tokens.editorB })).status).toBe(404);
    expect((await json<PositionResponse>(await api(other, { token: w.tokens.analyst }))).items[0]).toMatchObject({
      value: 10,
      rank: 4,
      quartile: 4,
      stats: { count: 4, min: 10, q1: 17.5, median: 20, q3: 25, max: 40 },
    });
  });

  it("shows a member the association's quartiles over enough values, still without the extremes", async () => {
    const admin = await userWithToken([["admin", null]]);
    const associationId = uuid();
    const demo = { associationId, associationName: "Асоціація 12", communities: 12, indicators: 1, firstYear: 2010, years: 1, userId: admin.userId, at: new Date().toISOString() };
    await run(largeDemoStatements(demo));
    const me = await json<MeResponse>(await api("/v1/me", { token: admin.token }));
    const member = me.communities.find((c) => c.memberOf.includes(associationId))!;
    const editor = await userWithToken([["editor", member.id]]);
    expect((await api(`/v1/associations/${associationId}/releases/2010`, { method: "POST", token: admin.token })).status).toBe(201);
    const url = `/v1/associations/${associationId}/position?communityId=${member.id}&year=2010`;
    const own = (await json<PositionResponse>(await api(url, { token: editor.token }))).items[0]!;
    const full = (await json<PositionResponse>(await api(url, { token: admin.token }))).items[0]!;
    expect(full.stats.count).toBeGreaterThanOrEqual(5);
    expect(own.stats).toEqual({ ...full.stats, min: null, max: null });
    expect([own.stats.q1, own.stats.median, own.stats.q3].every((v) => typeof v === "number")).toBe(true);
    expect(own.rank).toBe(full.rank);
  });
});

describe("completeness", () => {
  it("tells, per member and active entry, whether the year's value is filled, empty or not in the plan", async () => {
    const w = await compareWorld();
    // A retired entry is no longer asked for.
    await api(`/v1/associations/${w.associationId}/catalogue/OLD`, { method: "PUT", token: w.tokens.analyst, body: entry("OLD", "increase", "analysts") });
    await api(`/v1/associations/${w.associationId}/catalogue/OLD/retire`, { token: w.tokens.analyst, body: { baseVersion: 1 } });
    const res = await api(`/v1/associations/${w.associationId}/completeness?year=2020`, { token: w.tokens.analyst });
    expect(res.status).toBe(200);
    const report = await json<CompletenessResponse>(res);
    expect(report.entries.map((e) => e.code)).toEqual(["POP", "WASTE"]);
    expect(report.rows.every((r) => r.round === null)).toBe(true);
    const rows = Object.fromEntries(report.rows.map((r) => [r.name, [r.hasPlan, ...r.cells, r.filled]]));
    expect(rows).toEqual({
      Альфа: [true, "filled", "filled", 2],
      Бета: [true, "filled", "filled", 2],
      Гамма: [true, "filled", "filled", 2],
      Дельта: [true, "filled", "not_in_plan", 1],
      Епсилон: [true, "empty", "not_in_plan", 0],
      Фі: [false, "not_in_plan", "not_in_plan", 0],
    });
    const y2021 = await json<CompletenessResponse>(
      await api(`/v1/associations/${w.associationId}/completeness?year=2021&regions=North`, { token: w.tokens.analyst }),
    );
    expect(y2021.rows.map((r) => [r.name, ...r.cells])).toEqual([
      ["Альфа", "filled", "empty"],
      ["Бета", "empty", "empty"],
    ]);
  });

  it("counts only the annual value: a quarter alone leaves the year empty", async () => {
    const w = await compareWorld();
    const plan = await json<PlanSnapshot>(await api(`/v1/plans/${w.plans.A}`, { token: w.tokens.admin }));
    const pop = plan.document.indicators.find((i) => i.code === "POP")!;
    const quarter = { id: uuid(), indicatorId: pop.id, period: { year: 2022, quarter: 1 }, value: 7 };
    const pushed = await api(`/v1/plans/${w.plans.A}/push`, {
      token: w.tokens.admin,
      body: { clientId: "test", mutations: [{ mutationId: uuid(), kind: "observations", entityId: quarter.id, op: "upsert", baseVersion: 0, fields: quarter }] },
    });
    expect((await json<{ results: { status: string }[] }>(pushed)).results[0]!.status).toBe("applied");
    const report = await json<CompletenessResponse>(await api(`/v1/associations/${w.associationId}/completeness?year=2022`, { token: w.tokens.analyst }));
    expect(report.rows.find((r) => r.name === "Альфа")!.cells).toEqual(["empty", "empty"]);
    const compared = await comparison(w, "codes=POP&from=2022&to=2022");
    expect(statsOf(compared, "POP", 2022)!.count).toBe(0);
  });

  it("says where each member's monitoring round of the year stands", async () => {
    const w = await compareWorld();
    const step = async (k: string, action: string, baseVersion: number) => {
      const res = await api(`/v1/plans/${w.plans[k]}/rounds/2020`, { token: w.tokens.admin, body: { action, baseVersion } });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    };
    await step("A", "open", 0);
    await step("A", "submit", 1);
    await step("A", "approve", 2);
    await step("B", "open", 0);
    const report = await json<CompletenessResponse>(await api(`/v1/associations/${w.associationId}/completeness?year=2020`, { token: w.tokens.analyst }));
    expect(Object.fromEntries(report.rows.map((r) => [r.name, r.round]))).toEqual({
      Альфа: "approved",
      Бета: "open",
      Гамма: null,
      Дельта: null,
      Епсилон: null,
      Фі: null,
    });
    // Another year's rounds are another question.
    const other = await json<CompletenessResponse>(await api(`/v1/associations/${w.associationId}/completeness?year=2021`, { token: w.tokens.analyst }));
    expect(other.rows.every((r) => r.round === null)).toBe(true);
  });

  it("is the association's analysts' and admins' report only", async () => {
    const w = await compareWorld();
    const url = `/v1/associations/${w.associationId}/completeness?year=2020`;
    expect((await api(url, { token: w.tokens.admin })).status).toBe(200);
    expect((await api(url, { token: w.tokens.editorB })).status).toBe(403);
    expect((await api(url, { token: w.tokens.foreignAnalyst })).status).toBe(404);
    const bad = await api(`/v1/associations/${w.associationId}/completeness?year=twenty`, { token: w.tokens.analyst });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe("year");
  });
});

describe("the large demo data (generated by SQL)", () => {
  it("is ordinary synced rows: a generated plan loads through the API and compares like any other", async () => {
    const admin = await userWithToken([["admin", null]]);
    const associationId = uuid();
    const demo = { associationId, associationName: "Велика асоціація", communities: 12, indicators: 4, firstYear: 2010, years: 3, userId: admin.userId, at: new Date().toISOString() };
    await run(largeDemoStatements(demo));
    const me = await json<MeResponse>(await api("/v1/me", { token: admin.token }));
    const members = me.communities.filter((c) => c.memberOf.includes(associationId));
    expect(members).toHaveLength(12);
    // A plan reads back through the API's schemas: header, community, 4 indicators × 3 years of values.
    const snapshot = await json<PlanSnapshot>(await api(`/v1/plans/${members[0]!.planId}`, { token: admin.token }));
    expect(snapshot.document.indicators.map((i) => i.code)).toEqual(["K01", "K02", "K03", "K04"]);
    expect(snapshot.document.observations).toHaveLength(12);
    const pulled = await json<PullResponse>(await api(`/v1/plans/${members[0]!.planId}/pull?since=0`, { token: admin.token }));
    expect(pulled.changes).toHaveLength(4 + snapshot.document.observations.length + 4);
    const res = await comparison({ associationId, ids: {}, tokens: { analyst: admin.token } } as unknown as CompareWorld, "codes=K01,K03&from=2010&to=2012");
    expect(res.members).toHaveLength(12);
    expect(res.indicators.map((s) => s.entry.direction)).toEqual(["increase", "decrease"]);
    const counted = res.indicators[0]!.rows.flatMap((r) => r.values).filter((v) => v !== null).length;
    expect(res.indicators[0]!.stats.reduce((sum, s) => sum + s.count, 0)).toBe(counted);
  });
});

describe("the comparison's response budget", () => {
  it("answers up to MAX_COMPARED_VALUES values (members × indicators × years) and refuses more with 400 naming codes", async () => {
    // 800 members × 10 indicators: 28 years is 224,000 values (within 225,000), 29 years 232,000.
    const admin = await userWithToken([["admin", null]]);
    const associationId = uuid();
    const demo = { associationId, associationName: "Бюджет", communities: 800, indicators: 10, firstYear: 2000, years: 1, userId: admin.userId, at: new Date().toISOString() };
    await run(largeDemoStatements(demo));
    const codes = Array.from({ length: 10 }, (_, i) => `K${String(i + 1).padStart(2, "0")}`).join(",");
    const url = (to: number, filter = "") => `/v1/associations/${associationId}/comparison?codes=${codes}&from=2000&to=${to}${filter}`;
    const over = await api(url(2028), { token: admin.token });
    expect(over.status).toBe(400);
    const error = await errorOf(over);
    expect(error).toMatchObject({ code: "bad_request", field: "codes" });
    expect(error.message).toMatch(/800 members × 10 indicators × 29 years is 232,000 values; a comparison holds at most 225,000/);
    // The same as a download is refused alike, before anything is computed.
    expect((await api(url(2028).replace("comparison?", "comparison.xlsx?"), { token: admin.token })).status).toBe(400);
    const within = await api(url(2027), { token: admin.token });
    expect(within.status).toBe(200);
    const body = await json<ComparisonResponse>(within);
    expect(body.members.length * body.indicators.length * body.years.length).toBe(224_000);
  });
});

describe("exports", () => {
  it("serves the comparison as CSV and .xlsx with the JSON route's numbers, text never a formula", async () => {
    const w = await compareWorld();
    const hostile = "=HYPERLINK(\"http://evil.example\",\"x\")";
    await env.DB.prepare("UPDATE communities SET name = ?1 WHERE id = ?2").bind(hostile, w.ids.F!).run();
    const query = "codes=POP&from=2020&to=2021&lang=en";
    const csv = await api(`/v1/associations/${w.associationId}/comparison.csv?${query}`, { token: w.tokens.analyst });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="comparison-POP-2020-2021.csv"');
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toMatch(/^Code,Indicator,Unit,Community,Territory code,Region,Kind,Population,2020,2021,/);
    // Values per year, then the last year's rank and quartile (Дельта reported only 2020).
    expect(lines.find((l) => l.includes("Альфа"))).toMatch(/,1000,10,5,1,1$/);
    expect(lines.find((l) => l.includes("Дельта"))).toMatch(/,40,,,$/);
    // The hostile name is inert text: quoted with its leading apostrophe, never a bare formula.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines.some((l) => l.includes(",=HYPERLINK"))).toBe(false);

    const xlsx = await api(`/v1/associations/${w.associationId}/comparison.xlsx?${query}`, { token: w.tokens.analyst });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const files = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
    const sheet = new TextDecoder().decode(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet).not.toMatch(/<f[ >]/);
    expect(sheet).toContain("=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)");
    expect(sheet).toContain("<v>40</v>");
  });

  it("keeps the JSON routes' access and validation", async () => {
    const w = await compareWorld({ popSharing: "position" });
    const member = await api(`/v1/associations/${w.associationId}/comparison.csv?codes=POP&from=2020&to=2020`, { token: w.tokens.editorB });
    expect(member.status).toBe(403);
    expect(member.headers.get("content-type")).toMatch(/application\/json/);
    expect((await api(`/v1/associations/${w.associationId}/completeness.xlsx?year=2020`, { token: w.tokens.editorB })).status).toBe(403);
    const bad = await api(`/v1/associations/${w.associationId}/comparison.xlsx?codes=POP&from=2020`, { token: w.tokens.analyst });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe("to");
    const completenessCsv = await api(`/v1/associations/${w.associationId}/completeness.csv?year=2020&lang=uk`, { token: w.tokens.analyst });
    expect(completenessCsv.status).toBe(200);
    const rows = (await completenessCsv.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(rows[0]).toMatch(/^Громада,Код території,Регіон,Тип,Населення,/);
    expect(rows.find((r) => r.startsWith("Фі,"))).toContain("немає в плані");
  });
});

describe("territory codes (issue 15)", () => {
  it("name each member in the comparison, completeness and their exports; null until set", async () => {
    const w = await compareWorld();
    // Codes of the right shape (shared/model/territory.ts); one Lithuanian member.
    const codes: Record<string, string> = { A: "UA05020030000063857", B: "UA71020010000037786", C: "LT-13" };
    await run(Object.entries(codes).map(([k, code]) => tenancy.territoryCode(w.ids[k]!, code)));
    const res = await comparison(w, "codes=POP&from=2020&to=2020");
    expect(Object.fromEntries(res.members.map((m) => [m.name, m.territoryCode]))).toEqual({
      Альфа: codes.A,
      Бета: codes.B,
      Гамма: codes.C,
      Дельта: null,
      Епсилон: null,
      Фі: null,
    });
    const report = await json<CompletenessResponse>(await api(`/v1/associations/${w.associationId}/completeness?year=2020`, { token: w.tokens.analyst }));
    expect(report.rows.map((r) => [r.name, r.territoryCode])).toEqual(res.members.map((m) => [m.name, m.territoryCode]));

    const csv = (await (await api(`/v1/associations/${w.associationId}/comparison.csv?codes=POP&from=2020&to=2020&lang=en`, { token: w.tokens.analyst })).text()).split("\r\n");
    expect(csv.find((l) => l.includes("Альфа"))).toContain(`,Альфа,${codes.A},North,`);
    expect(csv.find((l) => l.includes("Дельта"))).toContain(",Дельта,,South,");
    const completenessCsv = (await (await api(`/v1/associations/${w.associationId}/completeness.csv?year=2020&lang=uk`, { token: w.tokens.analyst })).text()).split("\r\n");
    expect(completenessCsv.find((l) => l.includes("Гамма"))).toMatch(/^Гамма,LT-13,South,/);
  });
});
