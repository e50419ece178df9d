import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { MemberSpec } from "../support/member-plan.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import { catalogueEntry, openDataWorld } from "./support/open-data-world.ts";
import { api, json, run } from "./support/world.ts";

/**
 * The association's OData feed (worker/src/routes/odata.ts). Members A, B, C of a fresh association;
 * POP is shared `named`, WASTE with the analysts only. A's POP 2020 and B's POP 2020 carry notes; B's
 * POP 2021 has no value, for a reason.
 */
const MEMBERS: Record<string, MemberSpec> = {
  A: { name: "Альфа", kind: "city", region: "North", population: 1000, values: { POP: { 2020: 10, 2021: 11, 2022: 12 }, WASTE: { 2020: 3 } } },
  B: { name: "Бета", kind: "town", region: "South", population: 2000, values: { POP: { 2020: 20, 2021: null, 2022: 22 }, WASTE: { 2020: 1 } } },
  C: { name: "Гамма", kind: "village", region: "South", values: { POP: { 2020: 30 } } },
};
const NOTES: Record<string, string> = { A: "A's note", B: "B's note" };
const UNITS: Record<string, string> = { POP: "од.", WASTE: "од." };

async function feedWorld() {
  const world = await openDataWorld({ members: MEMBERS, notes: NOTES, units: UNITS });
  return { ...world, root: `http://localhost/v1/associations/${world.associationId}/odata/` };
}
type FeedWorld = Awaited<ReturnType<typeof feedWorld>>;

interface Observation {
  id: string;
  communityId: string;
  code: string;
  year: number;
  value: number | null;
  missing: string | null;
  note: string | null;
  updatedAt: string;
}
interface Collection<T> {
  "@odata.context": string;
  "@odata.count"?: number;
  "@odata.nextLink"?: string;
  value: T[];
}

async function get<T>(url: string, token: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await api(url, { token, headers });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("odata-version")).toBe("4.0");
  return json<T>(res);
}

const observations = (w: FeedWorld, query = "", token = w.tokens.analyst, headers: Record<string, string> = {}) =>
  get<Collection<Observation>>(`${w.root}Observations${query}`, token, headers);

/** "A POP 2020" per row, in the feed's order, with the member's key instead of its id. */
const described = (w: FeedWorld, rows: Observation[]) => {
  const key = new Map(Object.entries(w.ids).map(([k, id]) => [id, k]));
  return rows.map((r) => `${key.get(r.communityId)} ${r.code} ${r.year}`);
};

describe("OData feed", () => {
  it("answers the service document and well-formed $metadata describing the three entity sets", async () => {
    const w = await feedWorld();
    const res = await api(w.root, { token: w.tokens.analyst, headers: { accept: "application/json;odata.metadata=minimal" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json;odata\.metadata=minimal/);
    const doc = await json<Collection<{ name: string; kind: string; url: string }>>(res);
    expect(doc["@odata.context"]).toBe(`${w.root}$metadata`);
    expect(doc.value.map((s) => [s.name, s.kind, s.url])).toEqual([
      ["Members", "EntitySet", "Members"],
      ["Catalogue", "EntitySet", "Catalogue"],
      ["Observations", "EntitySet", "Observations"],
    ]);

    const meta = await api(`${w.root}$metadata`, { token: w.tokens.analyst });
    expect(meta.status).toBe(200);
    expect(meta.headers.get("content-type")).toMatch(/^application\/xml/);
    const xml = await meta.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["EntityType", "Property", "EntitySet"].includes(name) }).parse(xml);
    const schema = parsed["edmx:Edmx"]["edmx:DataServices"].Schema;
    const types = Object.fromEntries(
      (schema.EntityType as { "@_Name": string; Key: { PropertyRef: { "@_Name": string } }; Property: { "@_Name": string; "@_Type": string }[] }[]).map((t) => [
        t["@_Name"],
        { key: t.Key.PropertyRef["@_Name"], properties: t.Property.map((p) => `${p["@_Name"]}:${p["@_Type"]}`) },
      ]),
    );
    expect(types.Observation).toEqual({
      key: "id",
      properties: [
        "id:Edm.String",
        "communityId:Edm.String",
        "code:Edm.String",
        "year:Edm.Int32",
        "value:Edm.Double",
        "missing:Edm.String",
        "note:Edm.String",
        "updatedAt:Edm.DateTimeOffset",
      ],
    });
    expect(types.Member!.key).toBe("communityId");
    expect(types.CatalogueEntry!.properties).toContain("nameLt:Edm.String");
    expect(types.CatalogueEntry!.properties).toContain("externalCode:Edm.String");
    expect(types.Member!.properties).toContain("territoryCode:Edm.String");
    expect((schema.EntityContainer.EntitySet as { "@_Name": string; "@_EntityType": string }[]).map((s) => `${s["@_Name"]}:${s["@_EntityType"]}`)).toEqual([
      "Members:MuniPlan.Member",
      "Catalogue:MuniPlan.CatalogueEntry",
      "Observations:MuniPlan.Observation",
    ]);
  });

  it("lists members and the catalogue; observations as the comparison reads them, with reasons, notes and last change", async () => {
    const w = await feedWorld();
    const members = await get<Collection<Record<string, unknown>>>(`${w.root}Members`, w.tokens.analyst);
    expect(members["@odata.context"]).toBe(`${w.root}$metadata#Members`);
    expect(members.value).toEqual([
      { communityId: w.ids.A, name: "Альфа", region: "North", kind: "city", population: 1000, territoryCode: null },
      { communityId: w.ids.B, name: "Бета", region: "South", kind: "town", population: 2000, territoryCode: null },
      { communityId: w.ids.C, name: "Гамма", region: "South", kind: "village", population: null, territoryCode: null },
    ]);
    const catalogue = await get<Collection<Record<string, unknown>>>(`${w.root}Catalogue?$filter=code eq 'POP'`, w.tokens.analyst);
    expect(catalogue.value).toEqual([
      { code: "POP", nameUk: "Показник POP", nameEn: "Indicator POP", nameLt: "Rodiklis POP", unit: "од.", direction: "increase", frequency: "annually", externalCode: "" },
    ]);

    const all = await observations(w);
    expect(described(w, all.value).sort()).toEqual([
      "A POP 2020", "A POP 2021", "A POP 2022", "A WASTE 2020", "B POP 2020", "B POP 2021", "B POP 2022", "B WASTE 2020", "C POP 2020",
    ]);
    const b2021 = all.value.find((r) => r.communityId === w.ids.B && r.code === "POP" && r.year === 2021)!;
    expect(b2021).toMatchObject({ value: null, missing: "confidential", note: null });
    expect(Date.parse(b2021.updatedAt)).not.toBeNaN();
    expect(all.value.filter((r) => r.note !== null).map((r) => r.note).sort()).toEqual(["A's note", "B's note"]);
  });

  it("filters on code, member and years with eq, ge, le and and; $select narrows the rows and the context; $count counts", async () => {
    const w = await feedWorld();
    const years = await observations(w, `?$filter=code eq 'POP' and (year ge 2021 and year le 2022)&$count=true`);
    expect(described(w, years.value).sort()).toEqual(["A POP 2021", "A POP 2022", "B POP 2021", "B POP 2022"]);
    expect(years["@odata.count"]).toBe(4);
    const one = await observations(w, `?$filter=communityId eq '${w.ids.A}' and year eq 2020&$select=code,value`);
    expect(one["@odata.context"]).toBe(`${w.root}$metadata#Observations(code,value)`);
    expect(one.value).toEqual([
      { code: "POP", value: 10 },
      { code: "WASTE", value: 3 },
    ]);
    const members = await get<Collection<Record<string, unknown>>>(`${w.root}Members?$filter=communityId eq '${w.ids.C}'&$select=name`, w.tokens.analyst);
    expect(members.value).toEqual([{ name: "Гамма" }]);
    // The count alone, as Power Query asks for "Count Rows"; for a member, of the named entries only.
    const counted = await api(`${w.root}Observations/$count?$filter=year eq 2020`, { token: w.tokens.analyst });
    expect([counted.status, counted.headers.get("content-type"), await counted.text()]).toEqual([200, "text/plain;charset=utf-8", "5"]);
    expect(await (await api(`${w.root}Observations/$count?$filter=year eq 2020`, { token: w.tokens.editorB })).text()).toBe("3");
  });

  it("pages by server-driven nextLink to the end, and $top/$skip page with it", async () => {
    const w = await feedWorld();
    const whole = (await observations(w)).value;
    expect(whole).toHaveLength(9);
    const seen: Observation[] = [];
    let url: string | undefined = `${w.root}Observations`;
    let pages = 0;
    while (url) {
      const res = await api(url, { token: w.tokens.analyst, headers: { prefer: "odata.maxpagesize=2" } });
      expect(res.headers.get("preference-applied")).toBe("odata.maxpagesize=2");
      const page: Collection<Observation> = await json(res);
      expect(page.value.length).toBeLessThanOrEqual(2);
      seen.push(...page.value);
      url = page["@odata.nextLink"];
      pages++;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(whole);

    // Members page by name (Cyrillic in the page's start), one a page.
    const names: unknown[] = [];
    for (let link: string | undefined = `${w.root}Members?$select=name`; link; ) {
      const page: Collection<{ name: string }> = await get(link, w.tokens.analyst, { prefer: "odata.maxpagesize=1" });
      names.push(...page.value.map((m) => m.name));
      link = page["@odata.nextLink"];
    }
    expect(names).toEqual(["Альфа", "Бета", "Гамма"]);

    // $top 3 after $skip 1 in pages of 2: two pages, rows 2–4 of the whole, and no link after them.
    const first = await observations(w, "?$skip=1&$top=3", w.tokens.analyst, { prefer: "odata.maxpagesize=2" });
    expect(first.value).toEqual(whole.slice(1, 3));
    const next = new URL(first["@odata.nextLink"]!);
    expect([next.searchParams.get("$skip"), next.searchParams.get("$top")]).toEqual([null, "1"]);
    const last = await observations(w, next.search, w.tokens.analyst, { prefer: "odata.maxpagesize=2" });
    expect(last.value).toEqual(whole.slice(3, 4));
    expect(last["@odata.nextLink"]).toBeUndefined();
  });

  it("reads as the comparison: a member's editor sees named entries only and its own notes; an outsider gets 404", async () => {
    const w = await feedWorld();
    const asMember = await observations(w, "", w.tokens.editorB);
    expect(described(w, asMember.value).sort()).toEqual(["A POP 2020", "A POP 2021", "A POP 2022", "B POP 2020", "B POP 2021", "B POP 2022", "C POP 2020"]);
    expect(asMember.value.filter((r) => r.note !== null).map((r) => [r.communityId, r.note])).toEqual([[w.ids.B, "B's note"]]);
    expect((await observations(w, "?$filter=code eq 'WASTE'", w.tokens.editorB)).value).toEqual([]);
    // The analysts' own answer to the same question holds WASTE: the member's is filtered, not empty by accident.
    expect((await observations(w, "?$filter=code eq 'WASTE'")).value).toHaveLength(2);

    for (const path of ["", "$metadata", "Members", "Observations"]) {
      const res = await api(`${w.root}${path}`, { token: w.tokens.foreignAnalyst });
      expect(res.status, path).toBe(404);
      expect((await json<{ error: { code: string; target: string } }>(res)).error).toMatchObject({ code: "not_found", target: "associationId" });
    }
    expect((await api(`${w.root}Observations`, { token: null })).status).toBe(401);
  });

  it("refuses what it does not support with 400 in OData's error shape, naming the query option", async () => {
    const w = await feedWorld();
    const refused: [string, string][] = [
      ["$filter=year gt 2020", "$filter"],
      ["$filter=code eq 'POP' or code eq 'WASTE'", "$filter"],
      ["$filter=value eq 10", "$filter"],
      ["$filter=year eq '2020'", "$filter"],
      ["$filter=contains(code,'P')", "$filter"],
      ["$filter=(year eq 2020", "$filter"],
      ["$select=code,colour", "$select"],
      ["$orderby=year", "$orderby"],
      ["$expand=Members", "$expand"],
      ["$top=-1", "$top"],
      ["$count=yes", "$count"],
      ["$skiptoken=WyJQT1AiXQ", "$skiptoken"],
      ["$skiptoken=%%%", "$skiptoken"],
    ];
    for (const [query, option] of refused) {
      const res = await api(`${w.root}Observations?${query}`, { token: w.tokens.analyst });
      expect(res.status, query).toBe(400);
      const body = await json<{ error: { code: string; message: string; target: string } }>(res);
      expect(body.error.target, query).toBe(option);
      expect(body.error.message, query).toMatch(/\S/);
    }
    expect((await api(`${w.root}Unknown`, { token: w.tokens.analyst })).status).toBe(404);
  });
});

describe("OData feed: official codes (issue 15)", () => {
  it("serves each member's territory code and filters on it like communityId; the catalogue's external codes", async () => {
    const w = await feedWorld();
    const code = "UA05020030000063857";
    await run([tenancy.territoryCode(w.ids.B!, code)]);
    const put = await api(`/v1/associations/${w.associationId}/catalogue/POP`, {
      method: "PUT",
      token: w.tokens.analyst,
      body: { ...catalogueEntry("POP", "named", UNITS.POP!), externalCode: "ISO37120:5.1", baseVersion: 1 },
    });
    expect(put.status).toBe(200);

    const members = await get<Collection<Record<string, unknown>>>(`${w.root}Members?$select=name,territoryCode`, w.tokens.analyst);
    expect(members.value).toEqual([
      { name: "Альфа", territoryCode: null },
      { name: "Бета", territoryCode: code },
      { name: "Гамма", territoryCode: null },
    ]);
    const filtered = await get<Collection<Record<string, unknown>>>(`${w.root}Members?$filter=territoryCode eq '${code}'&$select=communityId`, w.tokens.analyst);
    expect(filtered.value).toEqual([{ communityId: w.ids.B }]);
    const none = await get<Collection<Record<string, unknown>>>(`${w.root}Members?$filter=territoryCode eq 'LT-13'`, w.tokens.analyst);
    expect(none.value).toEqual([]);
    const refused = await api(`${w.root}Members?$filter=territoryCode ge 'UA'`, { token: w.tokens.analyst });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/territoryCode takes eq only/);

    const catalogue = await get<Collection<Record<string, unknown>>>(`${w.root}Catalogue?$select=code,externalCode`, w.tokens.analyst);
    expect(catalogue.value).toEqual([
      { code: "POP", externalCode: "ISO37120:5.1" },
      { code: "WASTE", externalCode: "" },
    ]);
  });
});
