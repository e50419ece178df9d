import { describe, expect, it } from "vitest";
import type { PutCatalogueEntryInput } from "../../shared/api/catalogue.ts";
import type { ComparisonResponse, CompletenessResponse, PositionResponse } from "../../shared/api/compare.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { type MemberSpec, memberPlan } from "../support/member-plan.ts";
import { api, associationOf, createPlan, json, userWithToken } from "./support/world.ts";

/**
 * Quality flags in the association's reports (issue 14): the analyst sees which members' values break the
 * catalogue's rules, with the committee's note as the explanation, in the comparison, completeness and
 * their exports; members see neither their own flags nor anyone else's. Also Lithuanian names (`nameLt`,
 * English where there is none) and `lang=lt` exports.
 *
 * POP's rules: at most 100, at most 50 % change from the year before, and ≤ RES of the same member and
 * year. RES has none. Values (POP / RES):
 *   A 2020 10 / 50, 2021 30 / 50   → 2021 changes by 200 %: flagged, explained by its note.
 *   B 2020 120 / 200               → 2020 above 100: flagged, with a note («Перепис»).
 *   C 2020 60 / 40, 2021 60 / 100  → 2020 above RES: flagged, its note blank (so unexplained).
 *   D 2020 20 / 100, 2021 22 / –   → nothing (a 10 % change; 2021 has no RES to compare with).
 */
const MEMBERS: Record<string, MemberSpec & { notes?: Record<number, string> }> = {
  A: { name: "Альфа", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 10, 2021: 30 }, RES: { 2020: 50, 2021: 50 } }, notes: { 2021: "Нова методика" } },
  B: { name: "Бета", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 120 }, RES: { 2020: 200 } }, notes: { 2020: "Перепис" } },
  C: { name: "Гамма", kind: "city", region: "North", population: 2000, values: { POP: { 2020: 60, 2021: 60 }, RES: { 2020: 40, 2021: 100 } }, notes: { 2020: "   " } },
  D: { name: "Дельта", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 20, 2021: 22 }, RES: { 2020: 100 } } },
};
const KEYS = Object.keys(MEMBERS);

const entry = (nameEn: string, nameLt: string, rules: PutCatalogueEntryInput["rules"]): PutCatalogueEntryInput => ({
  nameUk: `Показник ${nameEn}`,
  nameEn,
  nameLt,
  unit: "од.",
  direction: "increase",
  frequency: "annually",
  definition: "",
  // Shared by name, so members may read the comparison itself: the flags must still stay the analysts'.
  sharing: "named",
  rules,
  baseVersion: 0,
});

async function flagsWorld() {
  const { associationId, ids, admin, analyst } = await associationOf(KEYS, (k) => MEMBERS[k]!.name);
  const editorA = await userWithToken([["editor", ids.A!]]);
  for (const k of KEYS) {
    const { notes = {}, ...spec } = MEMBERS[k]!;
    const doc: PlanDocument = memberPlan(ids[k]!, spec, { firstYear: 2020, lastYear: 2021 });
    const pop = doc.indicators.find((i) => i.code === "POP")!.id;
    const observations = doc.observations.map((o) => (o.indicatorId === pop && notes[o.period.year] !== undefined ? { ...o, note: notes[o.period.year]! } : o));
    await createPlan(admin.token, { ...doc, observations });
  }
  for (const [code, body] of [
    ["POP", entry("Population", "Gyventojai", { max: 100, maxChangePct: 50, compare: [{ op: "<=", code: "RES" }] })],
    ["RES", entry("Residents", "", {})],
  ] as const) {
    const res = await api(`/v1/associations/${associationId}/catalogue/${code}`, { method: "PUT", token: analyst.token, body });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  return { associationId, ids, tokens: { analyst: analyst.token, admin: admin.token, editorA: editorA.token } };
}
type FlagsWorld = Awaited<ReturnType<typeof flagsWorld>>;

async function getJson<T>(path: string, token: string): Promise<T> {
  const res = await api(path, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<T>(res);
}

async function getText(w: FlagsWorld, path: string): Promise<string> {
  const res = await api(`/v1/associations/${w.associationId}/${path}`, { token: w.tokens.analyst });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.text();
}

/** Each member's flags in the comparison's (only) series, by member key; members without any absent. */
function flagsByMember(w: FlagsWorld, res: ComparisonResponse) {
  const key = new Map(KEYS.map((k) => [w.ids[k]!, k]));
  return Object.fromEntries(res.indicators[0]!.rows.flatMap((r) => (r.flags ? [[key.get(r.communityId)!, r.flags]] : [])));
}

describe("quality flags: comparison", () => {
  it("flags each rule a value breaks with the committee's note, against the year before the first and other codes not compared", async () => {
    const w = await flagsWorld();
    const path = (query: string) => `/v1/associations/${w.associationId}/comparison?${query}`;
    const all = await getJson<ComparisonResponse>(path("codes=POP&from=2020&to=2021"), w.tokens.analyst);
    expect(flagsByMember(w, all)).toEqual({
      A: [{ year: 2021, rules: ["change"], note: "Нова методика" }],
      B: [{ year: 2020, rules: ["max"], note: "Перепис" }],
      // A blank note explains nothing.
      C: [{ year: 2020, rules: ["compare"], note: null }],
    });
    // 2021 alone: A's change is still made against 2020, which the comparison does not show.
    expect(flagsByMember(w, await getJson<ComparisonResponse>(path("codes=POP&from=2021&to=2021"), w.tokens.admin))).toEqual({
      A: [{ year: 2021, rules: ["change"], note: "Нова методика" }],
    });
    // Per capita, the rules still judge the values as reported (C's 60 is 30 per 1,000 residents, under RES's 40).
    const perCapita = await getJson<ComparisonResponse>(path("codes=POP&from=2020&to=2021&perCapita=true"), w.tokens.analyst);
    expect(flagsByMember(w, perCapita)).toEqual(flagsByMember(w, all));
    // RES has no rules: nothing flagged, no key.
    const res = await getJson<ComparisonResponse>(path("codes=RES&from=2020&to=2021"), w.tokens.analyst);
    expect(res.indicators[0]!.rows.some((r) => "flags" in r)).toBe(false);
  });

  it("names entries in Lithuanian, in English where the entry has no Lithuanian name, and exports in lt", async () => {
    const w = await flagsWorld();
    const res = await getJson<ComparisonResponse>(`/v1/associations/${w.associationId}/comparison?codes=POP,RES&from=2020&to=2021`, w.tokens.analyst);
    expect(res.indicators.map((s) => [s.entry.code, s.entry.nameLt])).toEqual([
      ["POP", "Gyventojai"],
      ["RES", ""],
    ]);
    const csv = await getText(w, "comparison.csv?codes=POP,RES&from=2020&to=2021&lang=lt");
    const [header, ...rows] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe("Kodas,Rodiklis,Matavimo vienetas,Bendruomenė,Teritorijos kodas,Regionas,Tipas,Gyventojų skaičius,2020,2021,Vieta 2021,Kvartilis 2021,Paaiškinimai");
    expect(rows).toContain("POP,Gyventojai,од.,Альфа,,North,Miestas,1000,10,30,2,2,2021: per didelis pokytis nuo ankstesnių metų — „Нова методика“");
    expect(rows).toContain("POP,Gyventojai,од.,Гамма,,North,Miestas,2000,60,60,1,1,2020: nesiderina su kitu rodikliu — be paaiškinimo");
    expect(rows).toContain("RES,Residents,од.,Дельта,,North,Miestas,1000,100,,,,");
    expect(rows).toContain("POP,Gyventojai,од.,Mediana,,,,,40,30,,,");
  });

  it("tells a member reading the named comparison no flag or note, its own or another's; its position neither", async () => {
    const w = await flagsWorld();
    const named = await getJson<ComparisonResponse>(`/v1/associations/${w.associationId}/comparison?codes=POP&from=2020&to=2021`, w.tokens.editorA);
    expect(named.indicators[0]!.rows.map((r) => r.values)).toHaveLength(4);
    const text = JSON.stringify(named);
    expect(text).not.toMatch(/flags|Нова методика|Перепис|"note"/);

    expect((await api(`/v1/associations/${w.associationId}/releases/2021`, { method: "POST", token: w.tokens.analyst })).status).toBe(201);
    const position = await getJson<PositionResponse>(`/v1/associations/${w.associationId}/position?communityId=${w.ids.A}&year=2021`, w.tokens.editorA);
    expect(position.items.map((i) => [i.entry.code, i.entry.nameLt, i.value])).toEqual([
      ["POP", "Gyventojai", 30],
      ["RES", "", 50],
    ]);
    for (const item of position.items) expect(Object.keys(item).sort()).toEqual(["entry", "quartile", "rank", "stats", "value"]);
    expect(Object.keys(position.items[0]!.entry).sort()).toEqual(["code", "direction", "nameEn", "nameLt", "nameUk", "status", "unit"]);
    expect(JSON.stringify(position)).not.toMatch(/flags|rules|Нова методика|Перепис|"note"/);
  });
});

describe("quality flags: completeness", () => {
  it("tells a filled value flagged or explained, aligned with the entries, and lists the explanations in the exports", async () => {
    const w = await flagsWorld();
    const completeness = (year: number) => getJson<CompletenessResponse>(`/v1/associations/${w.associationId}/completeness?year=${year}`, w.tokens.analyst);
    const byMember = (res: CompletenessResponse) => Object.fromEntries(res.rows.flatMap((r) => (r.flags ? [[r.name, r.flags]] : [])));
    const y2020 = await completeness(2020);
    expect(y2020.entries.map((e) => e.code)).toEqual(["POP", "RES"]);
    expect(byMember(y2020)).toEqual({
      Бета: [{ rules: ["max"], note: "Перепис" }, null],
      Гамма: [{ rules: ["compare"], note: null }, null],
    });
    // A flagged value is still filled.
    expect(y2020.rows.find((r) => r.name === "Гамма")).toMatchObject({ cells: ["filled", "filled"], filled: 2 });
    expect(byMember(await completeness(2021))).toEqual({ Альфа: [{ rules: ["change"], note: "Нова методика" }, null] });

    const uk = await getText(w, "completeness.csv?year=2020&lang=uk");
    expect(uk.split("\r\n")[0]).toMatch(/,Пояснення$/);
    expect(uk).toContain("Бета,,North,Місто,1000,Так,не відкрито,\"заповнено, пояснено\",заповнено,2,0,0,100,строк не встановлено,POP: вище допустимого максимуму — «Перепис»");
    expect(uk).toContain("Гамма,,North,Місто,2000,Так,не відкрито,\"заповнено, позначено\",заповнено,2,0,0,100,строк не встановлено,POP: не узгоджується з іншим показником — без пояснення");
    expect(uk).toContain("Дельта,,North,Місто,1000,Так,не відкрито,заповнено,заповнено,2,0,0,100,строк не встановлено,");
    const en = await getText(w, "completeness.csv?year=2021&lang=en");
    expect(en).toContain("Альфа,,North,City,1000,Yes,not opened,\"filled, explained\",filled,2,0,0,100,no due date,POP: too large a change from the year before — “Нова методика”");
    const xlsx = await api(`/v1/associations/${w.associationId}/completeness.xlsx?year=2020&lang=lt`, { token: w.tokens.analyst });
    expect(xlsx.status).toBe(200);
  });
});
