import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { checkQuality } from "../../shared/quality/rules.ts";
import { listCatalogue } from "../../worker/src/db/catalogue.ts";
import { ASSOCIATION_ID, DEMO_USERS, MEMBER_COUNT, demoTenancy, memberPlanDocument } from "../../worker/tools/demo-data.ts";
import { run } from "./support/world.ts";

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
