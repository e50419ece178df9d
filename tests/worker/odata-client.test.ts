import { env } from "cloudflare:test";
import { OData } from "@odata/client";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import app from "../../worker/src/index.ts";
import { memberPlan } from "../support/member-plan.ts";
import { api, createPlan, run, userWithToken, uuid } from "./support/world.ts";
import { populationEntry } from "../support/catalogue-entry.ts";

/**
 * The feed read by an OData client that no one here wrote (@odata/client): its own query builder,
 * request headers, response parsing and error handling, against the Worker. The library fetches with
 * the global `fetch`, routed here to the Worker's app with the test's bindings.
 */

const entry = populationEntry({ sharing: "named" });
/** Bета's official code (of the right shape). */
const TERRITORY_B = "UA71020010000037786";

let world: { root: string; ids: { a: string; b: string }; token: string };

beforeAll(async () => {
  const at = new Date().toISOString();
  const associationId = uuid();
  const ids = { a: uuid(), b: uuid() };
  await run([
    tenancy.association(associationId, "Асоціація", at),
    tenancy.community(ids.a, "Альфа", at),
    tenancy.community(ids.b, "Бета", at),
    tenancy.membership(associationId, ids.a),
    tenancy.membership(associationId, ids.b),
    tenancy.territoryCode(ids.b, TERRITORY_B),
  ]);
  const admin = await userWithToken([["admin", null]]);
  const analyst = await userWithToken([["analyst", associationId]]);
  await createPlan(admin.token, memberPlan(ids.a, { name: "Альфа", kind: "city", region: "North", values: { POP: { 2020: 10, 2021: 11, 2022: 12 } } }, { firstYear: 2020, lastYear: 2022 }));
  await createPlan(admin.token, memberPlan(ids.b, { name: "Бета", kind: "city", region: "North", values: { POP: { 2020: 20, 2021: 21 } } }, { firstYear: 2020, lastYear: 2022 }));
  expect((await api(`/v1/associations/${associationId}/catalogue/POP`, { method: "PUT", token: analyst.token, body: entry })).status).toBe(201);
  world = { root: `http://localhost/v1/associations/${associationId}/odata/`, ids, token: analyst.token };
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function client(token = world.token) {
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => app.request(String(input), init, env));
  return OData.New4({ serviceEndpoint: world.root, commonHeaders: { Authorization: `Bearer ${token}` } });
}

describe("the feed through @odata/client", () => {
  it("reads entity sets, with the library's own filter, select, paging and count", async () => {
    const odata = client();
    const members = (await odata.getEntitySet("Members").query()) as { communityId: string; name: string }[];
    expect(members.map((m) => m.name).sort()).toEqual(["Альфа", "Бета"]);
    const byCode = odata.newFilter().property("territoryCode").eqString(TERRITORY_B);
    expect(await odata.getEntitySet("Members").query(odata.newOptions().filter(byCode).select(["communityId", "territoryCode"]))).toEqual([
      { communityId: world.ids.b, territoryCode: TERRITORY_B },
    ]);

    const observations = odata.getEntitySet("Observations");
    // The builder writes "code eq 'POP' and (year ge 2021 and year le 2022)".
    const filter = odata.newFilter().property("code").eqString("POP").property("year").ge(2021).property("year").le(2022);
    const rows = (await observations.query(odata.newOptions().filter(filter).select(["communityId", "year", "value"]))) as Record<string, unknown>[];
    const byName = new Map([[world.ids.a, "A"], [world.ids.b, "B"]]);
    expect(rows.map((r) => `${byName.get(r.communityId as string)} ${r.year} ${r.value}`).sort()).toEqual(["A 2021 11", "A 2022 12", "B 2021 21"]);
    expect(Object.keys(rows[0]!).sort()).toEqual(["communityId", "value", "year"]);
    expect(await observations.count(filter)).toBe(3);

    const ordered = (await observations.query()) as { id: string }[];
    expect(ordered).toHaveLength(5);
    const page = (await observations.query(odata.newOptions().skip(2).top(2))) as { id: string }[];
    expect(page.map((r) => r.id)).toEqual(ordered.slice(2, 4).map((r) => r.id));
  });

  it("surfaces the feed's refusals as the library's errors, with the feed's message", async () => {
    const odata = client();
    // Two values of one property become "or" in the library's builder: the feed takes only "and".
    const either = odata.newFilter().property("code").eqString("POP").property("code").eqString("WASTE");
    await expect(odata.getEntitySet("Observations").query(either)).rejects.toThrow(/\$filter: only 'and' joins comparisons/);
    await expect(client("not-a-token").getEntitySet("Observations").query()).rejects.toThrow(/not valid/);
  });
});
