import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ImportRequest, ImportResponse } from "../../shared/api/imports.ts";
import { checkQuality } from "../../shared/quality/rules.ts";
import { listCatalogue } from "../../worker/src/db/catalogue.ts";
import { territoryCodeProblem, territoryCountry } from "../../shared/model/territory.ts";
import { ASSOCIATION_ID, DEMO_USERS, MEMBER_COUNT, MONITORING_YEAR, demoTenancy, memberPlanDocument, openMonitoringRounds } from "../../worker/tools/demo-data.ts";
import { largeDemoStatements } from "../../worker/tools/large-demo.ts";
import { api, createPlan, json, run, userWithToken, uuid } from "./support/world.ts";

/** `npm start`'s demo association (worker/tools/demo-data.ts), seeded as start.ts seeds it, on every start. */

const seed = () => run(demoTenancy(new Date().toISOString()));

describe("the demo association's catalogue", () => {
  it("has a Lithuanian name for every entry and quality rules on two, which a few members' values break", async () => {
    await seed();
    await seed();
    const entries = await listCatalogue(env.DB, ASSOCIATION_ID);
    expect(entries.map((e) => e.code)).toEqual(["BUD-OWN", "CNAP", "POP", "ROADS", "SME"]);
    expect(entries.every((e) => e.nameLt !== "" && e.version === 1)).toBe(true);
    expect(Object.fromEntries(entries.filter((e) => Object.keys(e.rules).length > 0).map((e) => [e.code, e.rules]))).toEqual({
      "BUD-OWN": { maxChangePct: 10 },
      ROADS: { min: 0, max: 100 },
    });
    // Enough flagged values to show the rules at work, too few to make the demo look broken.
    const flagged = Array.from({ length: MEMBER_COUNT }, (_, i) => checkQuality(memberPlanDocument(i + 1), entries)).flat();
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.length).toBeLessThan(MEMBER_COUNT / 2);
    expect(new Set(flagged.map((v) => v.rule))).toEqual(new Set(["change"]));
  });

  it("brings an entry still as seeded up to the seed, and keeps one an analyst has changed", async () => {
    await seed();
    // A store seeded before the names and rules existed, and an analyst's own rules on ROADS.
    await env.DB.prepare("UPDATE catalogue_entries SET name_lt = '', rules = '{}' WHERE association_id = ?1").bind(ASSOCIATION_ID).run();
    await env.DB.prepare(`UPDATE catalogue_entries SET rules = '{"max":50}', version = 2, updated_by = ?2 WHERE association_id = ?1 AND code = 'ROADS'`)
      .bind(ASSOCIATION_ID, DEMO_USERS[3].id)
      .run();
    await seed();
    const byCode = new Map((await listCatalogue(env.DB, ASSOCIATION_ID)).map((e) => [e.code, e]));
    expect(byCode.get("BUD-OWN")).toMatchObject({ nameLt: "Nuosavos biudžeto pajamos vienam gyventojui", rules: { maxChangePct: 10 }, version: 1 });
    expect(byCode.get("ROADS")).toMatchObject({ nameLt: "", rules: { max: 50 }, version: 2 });
  });
});

/** The territory codes of an association's members, by community id. */
async function memberCodes(associationId: string): Promise<Map<string, string | null>> {
  const { results } = await env.DB.prepare(
    "SELECT c.id, c.territory_code AS code FROM memberships m JOIN communities c ON c.id = m.community_id WHERE m.association_id = ?1",
  )
    .bind(associationId)
    .all<{ id: string; code: string | null }>();
  return new Map(results.map((r) => [r.id, r.code]));
}

/** Every code valid (shared/model/territory.ts), Ukrainian, and each held by one member only. */
function expectValidDistinctUkrainian(codes: (string | null)[]) {
  expect(codes.map((c) => (c === null ? "none" : territoryCodeProblem(c)))).toEqual(codes.map(() => null));
  expect(new Set(codes.map((c) => territoryCountry(c!)))).toEqual(new Set(["UA"]));
  expect(new Set(codes).size).toBe(codes.length);
}

describe("the demo members' territory codes (issue 15)", () => {
  it("gives every member a valid, distinct KATOTTH code in its own oblast, and seeding again keeps them", async () => {
    await seed();
    await seed();
    const codes = await memberCodes(ASSOCIATION_ID);
    expect(codes.size).toBe(MEMBER_COUNT);
    expectValidDistinctUkrainian([...codes.values()]);
    // In the member's oblast: Київська is 32 in KATOTTH.
    const kyivan = Array.from({ length: MEMBER_COUNT }, (_, i) => memberPlanDocument(i + 1)).find((d) => d.community.region === "Київська")!;
    expect(codes.get(kyivan.community.id)).toMatch(/^UA32/);
  });

  it("gives the large demo's members valid codes, distinct across two generated associations", async () => {
    const admin = await userWithToken([["admin", null]]);
    const generate = async () => {
      const associationId = uuid();
      const demo = { associationId, associationName: "Велика", communities: 60, indicators: 1, firstYear: 2010, years: 1, userId: admin.userId, at: new Date().toISOString() };
      await run(largeDemoStatements(demo));
      await run(largeDemoStatements(demo));
      return [...(await memberCodes(associationId)).values()];
    };
    const [first, second] = [await generate(), await generate()];
    expect(first).toHaveLength(60);
    expectValidDistinctUkrainian(first);
    expectValidDistinctUkrainian([...first, ...second]);
  });
});

describe("the demo's monitoring year (issue 15: importing members' workbooks)", () => {
  it("opens each member's round of the year being monitored, once, so the analyst's import writes that year", async () => {
    await seed();
    const admin = await userWithToken([["admin", null]]);
    for (let i = 1; i <= MEMBER_COUNT; i++) await createPlan(admin.token, memberPlanDocument(i));
    const post = (path: string, body: unknown) => api(path, { token: admin.token, body });
    expect(await openMonitoringRounds(post)).toBe(MEMBER_COUNT);
    // Every start opens them again: those opened before are left as they are.
    expect(await openMonitoringRounds(post)).toBe(0);

    const analyst = await userWithToken([["analyst", ASSOCIATION_ID]]);
    const member = memberPlanDocument(7).community.id;
    const value = (year: number, cell: string) => ({ indicator: { code: "POP" }, year, value: 123, source: { sheet: "Data", cell } });
    const request = (dryRun: boolean, observations: ReturnType<typeof value>[]): ImportRequest => ({
      clientId: "demo-test",
      dryRun,
      files: [{ file: "Громада-член 07.xlsx", member: { communityId: member }, observations }],
    });
    const importing = async (req: ImportRequest) => {
      const res = await api(`/v1/associations/${ASSOCIATION_ID}/imports`, { token: analyst.token, body: req });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await json<ImportResponse>(res)).files[0]!;
    };
    // The year being monitored is open to the import; an earlier one is not, and says so by cell.
    const preview = await importing(request(true, [value(MONITORING_YEAR, "D2"), value(MONITORING_YEAR - 1, "D3")]));
    expect(preview.changes.map((c) => c.year)).toEqual([MONITORING_YEAR]);
    expect(preview.problems.map((p) => [p.cell, p.code])).toEqual([["D3", "monitor_outside_round_year"]]);
    expect(await importing(request(false, [value(MONITORING_YEAR, "D2")]))).toMatchObject({ written: 1, problems: [] });
  });
});

