import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { CatalogueConflict, CatalogueEntry, CatalogueList, PutCatalogueEntryInput } from "../../shared/api/catalogue.ts";
import {
  api,
  communityOutsideAssociations,
  errorOf,
  json,
  makeWorld,
  userWithToken,
  uuid,
  type World,
} from "./support/world.ts";

/**
 * Personas against association A's catalogue (makeWorld: A has communities C and D, B has D):
 * `editor`/`monitor` hold C and `outsider` holds D, all members of A; `nonMemberEditor` holds a
 * community of no association; `foreignAnalyst` is B's analyst.
 */
const CATALOGUE_PERSONAS = [
  "admin",
  "analyst",
  "foreignAnalyst",
  "editor",
  "monitor",
  "outsider",
  "nonMemberEditor",
  "expired",
  "revoked",
  "anonymous",
] as const;
type CataloguePersona = (typeof CATALOGUE_PERSONAS)[number];

interface CatalogueWorld {
  world: World;
  associationId: string;
  tokens: Record<CataloguePersona, string | null>;
}

async function catalogueWorld(): Promise<CatalogueWorld> {
  const world = await makeWorld({ plan: false });
  const nonMember = await userWithToken([["editor", await communityOutsideAssociations()]]);
  const tokens = Object.fromEntries(
    CATALOGUE_PERSONAS.map((p) => [p, p === "nonMemberEditor" ? nonMember.token : world.tokens[p]]),
  ) as Record<CataloguePersona, string | null>;
  return { world, associationId: world.ids.associationA, tokens };
}

const entryBody = (overrides: Partial<PutCatalogueEntryInput> = {}): PutCatalogueEntryInput => ({
  nameUk: "Чисельність населення",
  nameEn: "Population",
  unit: "осіб",
  direction: "increase",
  frequency: "annually",
  definition: "Наявне населення на 1 січня, за даними Держстату.",
  baseVersion: 0,
  ...overrides,
});

const catalogueUrl = (associationId: string, code?: string) =>
  `/v1/associations/${associationId}/catalogue${code === undefined ? "" : `/${encodeURIComponent(code)}`}`;

const putEntry = (associationId: string, code: string, token: string | null, body: unknown) =>
  api(catalogueUrl(associationId, code), { method: "PUT", token, body });

const retireEntry = (associationId: string, code: string, token: string | null, baseVersion: unknown) =>
  api(`${catalogueUrl(associationId, code)}/retire`, { method: "POST", token, body: { baseVersion } });

const listEntries = async (associationId: string, token: string | null): Promise<CatalogueEntry[]> => {
  const res = await api(catalogueUrl(associationId), { token });
  expect(res.status).toBe(200);
  return (await json<CatalogueList>(res)).entries;
};

/** A fresh catalogue code (storage is shared by the tests of this file, catalogues are per association). */
const freshCode = () => `T-${uuid().slice(0, 8).toUpperCase()}`;

async function created(w: CatalogueWorld, code: string, token = w.tokens.analyst): Promise<CatalogueEntry> {
  const res = await putEntry(w.associationId, code, token, entryBody());
  expect(res.status).toBe(201);
  return json<CatalogueEntry>(res);
}

async function storedEntry(associationId: string, code: string) {
  return env.DB.prepare("SELECT version, status, name_uk FROM catalogue_entries WHERE association_id = ?1 AND code = ?2")
    .bind(associationId, code)
    .first<{ version: number; status: string; name_uk: string }>();
}

interface RouteCase {
  name: string;
  /** Sends the request for the entry `POP` (created by the admin at version 1 before each case). */
  request: (w: CatalogueWorld, token: string | null) => Promise<Response>;
  expect: Record<CataloguePersona, number>;
}

const UNAUTHENTICATED = { expired: 401, revoked: 401, anonymous: 401 } as const;
const CURATORS_WRITE = { foreignAnalyst: 404, editor: 403, monitor: 403, outsider: 403, nonMemberEditor: 404, ...UNAUTHENTICATED } as const;

const ROUTES: RouteCase[] = [
  {
    name: "GET /v1/associations/:associationId/catalogue",
    request: (w, token) => api(catalogueUrl(w.associationId), { token }),
    expect: { admin: 200, analyst: 200, foreignAnalyst: 404, editor: 200, monitor: 200, outsider: 200, nonMemberEditor: 404, ...UNAUTHENTICATED },
  },
  {
    name: "PUT /v1/associations/:associationId/catalogue/:code (create)",
    request: (w, token) => putEntry(w.associationId, "SME", token, entryBody({ nameEn: "Small businesses" })),
    expect: { admin: 201, analyst: 201, ...CURATORS_WRITE },
  },
  {
    name: "PUT /v1/associations/:associationId/catalogue/:code (update)",
    request: (w, token) => putEntry(w.associationId, "POP", token, entryBody({ nameEn: "Resident population", baseVersion: 1 })),
    expect: { admin: 200, analyst: 200, ...CURATORS_WRITE },
  },
  {
    name: "POST /v1/associations/:associationId/catalogue/:code/retire",
    request: (w, token) => retireEntry(w.associationId, "POP", token, 1),
    expect: { admin: 200, analyst: 200, ...CURATORS_WRITE },
  },
];

const CODES: Record<number, string> = { 401: "unauthorized", 403: "forbidden", 404: "not_found" };

describe.each(ROUTES)("$name", (route) => {
  it.each(CATALOGUE_PERSONAS.map((p) => [p, route.expect[p]] as const))("%s → %i", async (persona, status) => {
    const w = await catalogueWorld();
    await created(w, "POP", w.tokens.admin);
    const res = await route.request(w, w.tokens[persona]);
    expect(res.status).toBe(status);
    if (status >= 400) {
      const error = await errorOf(res);
      expect(error.code).toBe(CODES[status]);
      if (status === 404) expect(error).toMatchObject({ message: "association not found", field: "associationId" });
    }
    // A refused write wrote nothing.
    const pop = await storedEntry(w.associationId, "POP");
    if (status >= 400) {
      expect(pop).toMatchObject({ version: 1, status: "active" });
      expect(await storedEntry(w.associationId, "SME")).toBeNull();
    }
  });
});

describe("object-level access", () => {
  it("answers an out-of-reach association exactly like one that does not exist", async () => {
    const w = await catalogueWorld();
    await created(w, "POP");
    const missing = uuid();
    for (const persona of ["foreignAnalyst", "nonMemberEditor"] as const) {
      const token = w.tokens[persona];
      const pairs = [
        [api(catalogueUrl(w.associationId), { token }), api(catalogueUrl(missing), { token })],
        [putEntry(w.associationId, "POP", token, entryBody({ baseVersion: 1 })), putEntry(missing, "POP", token, entryBody({ baseVersion: 1 }))],
        [retireEntry(w.associationId, "POP", token, 1), retireEntry(missing, "POP", token, 1)],
      ];
      for (const [existing, absent] of pairs) {
        const [a, b] = await Promise.all([existing!, absent!]);
        expect([a.status, await a.text()]).toEqual([b.status, await b.text()]);
        expect(a.status).toBe(404);
      }
    }
  });

  it("answers 404 even to an admin for an association that does not exist", async () => {
    const w = await catalogueWorld();
    const res = await api(catalogueUrl(uuid()), { token: w.tokens.admin });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: "not_found", message: "association not found", field: "associationId" });
  });

  it("gives each association its own catalogue, the same code included", async () => {
    const w = await catalogueWorld();
    await created(w, "POP");
    const other = await putEntry(w.world.ids.associationB, "POP", w.tokens.foreignAnalyst, entryBody({ unit: "тис. осіб" }));
    expect(other.status).toBe(201);
    expect((await listEntries(w.associationId, w.tokens.analyst)).map((e) => [e.code, e.unit])).toEqual([["POP", "осіб"]]);
    expect((await listEntries(w.world.ids.associationB, w.tokens.foreignAnalyst)).map((e) => [e.code, e.unit])).toEqual([
      ["POP", "тис. осіб"],
    ]);
    // D's editor is a member of both associations and reads both; C's editor only A's.
    expect(await listEntries(w.world.ids.associationB, w.tokens.outsider)).toHaveLength(1);
    expect((await api(catalogueUrl(w.world.ids.associationB), { token: w.tokens.editor })).status).toBe(404);
  });

  it("lets an analyst of several associations keep each of their catalogues", async () => {
    const w = await catalogueWorld();
    const both = await userWithToken([
      ["analyst", w.associationId],
      ["analyst", w.world.ids.associationB],
    ]);
    for (const id of [w.associationId, w.world.ids.associationB])
      expect((await putEntry(id, freshCode(), both.token, entryBody())).status).toBe(201);
  });
});

describe("writing the catalogue", () => {
  it("creates an entry at version 1, active, by the caller, and lists it", async () => {
    const w = await catalogueWorld();
    const before = Date.now();
    const entry = await created(w, "POP");
    const { baseVersion: _, ...content } = entryBody();
    expect(entry).toEqual({
      associationId: w.associationId,
      code: "POP",
      ...content,
      sharing: "analysts",
      // Sent without them: no Lithuanian name, no quality rules.
      nameLt: "",
      rules: {},
      status: "active",
      version: 1,
      updatedAt: expect.any(String),
      updatedBy: { id: w.world.users.analyst, name: "User analyst" },
    });
    expect(Date.parse(entry.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(await listEntries(w.associationId, w.tokens.editor)).toEqual([entry]);
  });

  it("lists entries by code, for members too", async () => {
    const w = await catalogueWorld();
    for (const code of ["ROADS", "BUD-OWN", "POP", "CNAP"]) await created(w, code);
    expect((await listEntries(w.associationId, w.tokens.monitor)).map((e) => e.code)).toEqual(["BUD-OWN", "CNAP", "POP", "ROADS"]);
  });

  it("replaces an entry's content and moves its version by one", async () => {
    const w = await catalogueWorld();
    await created(w, "POP");
    const changed = entryBody({ nameUk: "Населення", unit: "тис. осіб", direction: "keep", frequency: "quarterly", definition: "", baseVersion: 1 });
    const res = await putEntry(w.associationId, "POP", w.tokens.admin, changed);
    expect(res.status).toBe(200);
    expect(await json<CatalogueEntry>(res)).toMatchObject({
      nameUk: "Населення",
      unit: "тис. осіб",
      direction: "keep",
      frequency: "quarterly",
      definition: "",
      status: "active",
      version: 2,
      updatedBy: { id: w.world.users.admin, name: "User admin" },
    });
    expect(await storedEntry(w.associationId, "POP")).toEqual({ version: 2, status: "active", name_uk: "Населення" });
  });

  it("leaves the version alone for a PUT that changes nothing", async () => {
    const w = await catalogueWorld();
    const entry = await created(w, "POP");
    const res = await putEntry(w.associationId, "POP", w.tokens.admin, entryBody({ baseVersion: 1 }));
    expect(res.status).toBe(200);
    expect(await json<CatalogueEntry>(res)).toEqual(entry);
  });

  it("refuses a stale baseVersion with 409 and the entry as it stands, writing nothing", async () => {
    const w = await catalogueWorld();
    await created(w, "POP");
    const v2 = await json<CatalogueEntry>(await putEntry(w.associationId, "POP", w.tokens.analyst, entryBody({ nameEn: "People", baseVersion: 1 })));
    const res = await putEntry(w.associationId, "POP", w.tokens.admin, entryBody({ nameEn: "Inhabitants", baseVersion: 1 }));
    expect(res.status).toBe(409);
    const body = await json<CatalogueConflict>(res);
    expect(body).toEqual({
      error: { code: "conflict", message: "catalogue entry POP is at version 2, not 1", field: "baseVersion" },
      current: v2,
    });
    expect(await storedEntry(w.associationId, "POP")).toMatchObject({ version: 2 });
    // A base version from the future is just as stale.
    expect((await putEntry(w.associationId, "POP", w.tokens.admin, entryBody({ baseVersion: 7 }))).status).toBe(409);
  });

  it("refuses to create a code that is in use (baseVersion 0) with 409 and the entry", async () => {
    const w = await catalogueWorld();
    const entry = await created(w, "POP");
    const res = await putEntry(w.associationId, "POP", w.tokens.admin, entryBody({ nameEn: "Other" }));
    expect(res.status).toBe(409);
    const body = await json<CatalogueConflict>(res);
    expect(body.error).toEqual({
      code: "conflict",
      message: "catalogue entry POP already exists (version 1); send its version as baseVersion to change it",
      field: "baseVersion",
    });
    expect(body.current).toEqual(entry);
  });

  it("answers 404 naming the code for an update of a code that does not exist", async () => {
    const w = await catalogueWorld();
    const res = await putEntry(w.associationId, "NOPE", w.tokens.analyst, entryBody({ baseVersion: 1 }));
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: "not_found", message: "catalogue entry NOPE not found", field: "code" });
    expect(await storedEntry(w.associationId, "NOPE")).toBeNull();
  });

  it("lets exactly one of two concurrent writers on the same version win", async () => {
    const w = await catalogueWorld();
    await created(w, "POP");
    const [a, b] = await Promise.all([
      putEntry(w.associationId, "POP", w.tokens.analyst, entryBody({ nameEn: "A", baseVersion: 1 })),
      putEntry(w.associationId, "POP", w.tokens.admin, entryBody({ nameEn: "B", baseVersion: 1 })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? "A" : "B";
    expect(await listEntries(w.associationId, w.tokens.analyst)).toMatchObject([{ nameEn: winner, version: 2 }]);
  });

  it("lets exactly one of two concurrent creators of a code win", async () => {
    const w = await catalogueWorld();
    const code = freshCode();
    const statuses = await Promise.all(
      ["A", "B", "C"].map(async (nameEn) => (await putEntry(w.associationId, code, w.tokens.analyst, entryBody({ nameEn }))).status),
    );
    expect(statuses.sort()).toEqual([201, 409, 409]);
  });
});

describe("retiring and re-activating", () => {
  it("retires an entry, keeps it listed for members, and re-activates it with a PUT", async () => {
    const w = await catalogueWorld();
    const entry = await created(w, "POP");
    const retired = await retireEntry(w.associationId, "POP", w.tokens.analyst, 1);
    expect(retired.status).toBe(200);
    expect(await json<CatalogueEntry>(retired)).toEqual({ ...entry, status: "retired", version: 2, updatedAt: expect.any(String) });
    expect(await listEntries(w.associationId, w.tokens.editor)).toMatchObject([{ code: "POP", status: "retired", version: 2, nameUk: entry.nameUk }]);

    const reactivated = await putEntry(w.associationId, "POP", w.tokens.admin, entryBody({ baseVersion: 2 }));
    expect(reactivated.status).toBe(200);
    expect(await json<CatalogueEntry>(reactivated)).toMatchObject({ status: "active", version: 3, updatedBy: { id: w.world.users.admin } });
    expect(await storedEntry(w.associationId, "POP")).toEqual({ version: 3, status: "active", name_uk: entry.nameUk });
  });

  it("answers a second retire on the current version with the entry unchanged", async () => {
    const w = await catalogueWorld();
    await created(w, "POP");
    const first = await json<CatalogueEntry>(await retireEntry(w.associationId, "POP", w.tokens.analyst, 1));
    const again = await retireEntry(w.associationId, "POP", w.tokens.analyst, 2);
    expect(again.status).toBe(200);
    expect(await json<CatalogueEntry>(again)).toEqual(first);
  });

  it("refuses a retire on a stale version with 409 and the entry", async () => {
    const w = await catalogueWorld();
    await created(w, "POP");
    const v2 = await json<CatalogueEntry>(await putEntry(w.associationId, "POP", w.tokens.analyst, entryBody({ unit: "тис. осіб", baseVersion: 1 })));
    const res = await retireEntry(w.associationId, "POP", w.tokens.admin, 1);
    expect(res.status).toBe(409);
    expect(await json<CatalogueConflict>(res)).toEqual({
      error: { code: "conflict", message: "catalogue entry POP is at version 2, not 1", field: "baseVersion" },
      current: v2,
    });
    expect(await storedEntry(w.associationId, "POP")).toMatchObject({ version: 2, status: "active" });
  });

  it("answers 404 naming the code for retiring a code that does not exist", async () => {
    const w = await catalogueWorld();
    const res = await retireEntry(w.associationId, "NOPE", w.tokens.admin, 1);
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: "not_found", message: "catalogue entry NOPE not found", field: "code" });
  });
});

describe("validation", () => {
  const BAD_PUTS: [string, (w: CatalogueWorld) => Promise<Response>, string][] = [
    ["a lower-case code", (w) => putEntry(w.associationId, "pop", w.tokens.analyst, entryBody()), "code"],
    ["a code with a space", (w) => putEntry(w.associationId, "PO P", w.tokens.analyst, entryBody()), "code"],
    ["a code with a letter outside A-Z", (w) => putEntry(w.associationId, "НАС", w.tokens.analyst, entryBody()), "code"],
    ["a code of 33 characters", (w) => putEntry(w.associationId, "A".repeat(33), w.tokens.analyst, entryBody()), "code"],
    ["a bad association id", (w) => putEntry("not-a-uuid", "POP", w.tokens.analyst, entryBody()), "associationId"],
    [
      "a missing nameUk",
      (w) => {
        const { nameUk: _, ...body } = entryBody();
        return putEntry(w.associationId, freshCode(), w.tokens.analyst, body);
      },
      "nameUk",
    ],
    ["a blank nameEn", (w) => putEntry(w.associationId, freshCode(), w.tokens.analyst, entryBody({ nameEn: "  " })), "nameEn"],
    ["an empty unit", (w) => putEntry(w.associationId, freshCode(), w.tokens.analyst, entryBody({ unit: "" })), "unit"],
    [
      "an unknown direction",
      (w) => putEntry(w.associationId, freshCode(), w.tokens.analyst, { ...entryBody(), direction: "up" }),
      "direction",
    ],
    [
      "an unknown frequency",
      (w) => putEntry(w.associationId, freshCode(), w.tokens.analyst, { ...entryBody(), frequency: "weekly" }),
      "frequency",
    ],
    [
      "a missing definition",
      (w) => {
        const { definition: _, ...body } = entryBody();
        return putEntry(w.associationId, freshCode(), w.tokens.analyst, body);
      },
      "definition",
    ],
    ["a negative baseVersion", (w) => putEntry(w.associationId, freshCode(), w.tokens.analyst, entryBody({ baseVersion: -1 })), "baseVersion"],
    ["a fractional baseVersion", (w) => putEntry(w.associationId, freshCode(), w.tokens.analyst, entryBody({ baseVersion: 1.5 })), "baseVersion"],
    ["a retire with baseVersion 0", (w) => retireEntry(w.associationId, "POP", w.tokens.analyst, 0), "baseVersion"],
    ["a retire without baseVersion", (w) => retireEntry(w.associationId, "POP", w.tokens.analyst, undefined), "baseVersion"],
    [
      "a body that is not JSON",
      (w) => api(catalogueUrl(w.associationId, "POP"), { method: "PUT", token: w.tokens.analyst, body: "{nope" }),
      "body",
    ],
  ];

  it.each(BAD_PUTS)("answers 400 naming the field for %s", async (_name, send, field) => {
    const w = await catalogueWorld();
    const res = await send(w);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: "bad_request", field });
    expect(await listEntries(w.associationId, w.tokens.analyst)).toEqual([]);
  });

  it("accepts codes of A-Z, 0-9, '.', '_' and '-' up to 32 characters", async () => {
    const w = await catalogueWorld();
    for (const code of ["A", "BUD-OWN", "EDU.2_B", "9".repeat(32)])
      expect((await putEntry(w.associationId, code, w.tokens.analyst, entryBody())).status).toBe(201);
  });

  it("keeps the same rules in the table, for writes that do not come through the API", async () => {
    const w = await catalogueWorld();
    const insert = (code: string, direction: string) =>
      env.DB.prepare(
        `INSERT INTO catalogue_entries (association_id, code, name_uk, name_en, unit, direction, frequency, version, updated_at, updated_by)
         VALUES (?1, ?2, 'н', 'n', 'u', ?3, 'annually', 1, '2026-01-01T00:00:00.000Z', ?4)`,
      )
        .bind(w.associationId, code, direction, w.world.users.admin)
        .run();
    await expect(insert("pop", "increase")).rejects.toThrow(/constraint/i);
    await expect(insert("A".repeat(33), "increase")).rejects.toThrow(/constraint/i);
    await expect(insert("POP", "up")).rejects.toThrow(/constraint/i);
    await expect(insert("POP", "increase")).resolves.toBeTruthy();
  });
});

describe("the OpenAPI document", () => {
  it("lists the catalogue routes and schemas", async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    }>(await api("/openapi.json"));
    expect(Object.keys(doc.paths["/v1/associations/{associationId}/catalogue"] ?? {})).toEqual(["get"]);
    expect(Object.keys(doc.paths["/v1/associations/{associationId}/catalogue/{code}"] ?? {})).toEqual(["put"]);
    expect(Object.keys(doc.paths["/v1/associations/{associationId}/catalogue/{code}/retire"] ?? {})).toEqual(["post"]);
    expect(Object.keys(doc.paths["/v1/associations/{associationId}/catalogue/{code}"]!.put!.responses)).toEqual(
      expect.arrayContaining(["200", "201", "400", "401", "403", "404", "409"]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["CatalogueEntry", "CatalogueList", "CatalogueConflict", "PutCatalogueEntryRequest", "RetireCatalogueEntryRequest"]),
    );
  });
});

describe("an entry's external code (issue 15)", () => {
  const storedCode = async (associationId: string, code: string) =>
    (await env.DB.prepare("SELECT external_code AS c FROM catalogue_entries WHERE association_id = ?1 AND code = ?2")
      .bind(associationId, code)
      .first<{ c: string }>())?.c;

  it("is stored, served, kept by a PUT that leaves it out, and cleared by an empty one", async () => {
    const w = await catalogueWorld();
    const res = await putEntry(w.associationId, "POP", w.tokens.analyst, entryBody({ externalCode: "ISO37120:5.1" }));
    expect(res.status).toBe(201);
    expect(await json<CatalogueEntry>(res)).toMatchObject({ externalCode: "ISO37120:5.1", version: 1 });
    expect((await listEntries(w.associationId, w.tokens.monitor))[0]).toMatchObject({ externalCode: "ISO37120:5.1" });

    // Left out: kept, and nothing else changed, so the version stays.
    const kept = await putEntry(w.associationId, "POP", w.tokens.analyst, entryBody({ baseVersion: 1 }));
    expect(await json<CatalogueEntry>(kept)).toMatchObject({ externalCode: "ISO37120:5.1", version: 1 });

    // Changed alone: a change.
    const changed = await putEntry(w.associationId, "POP", w.tokens.analyst, entryBody({ externalCode: "DSSU-0101", baseVersion: 1 }));
    expect(await json<CatalogueEntry>(changed)).toMatchObject({ externalCode: "DSSU-0101", version: 2 });

    // Cleared: left out of the entry served.
    const cleared = await json<CatalogueEntry>(await putEntry(w.associationId, "POP", w.tokens.analyst, entryBody({ externalCode: "", baseVersion: 2 })));
    expect(cleared.version).toBe(3);
    expect(cleared).not.toHaveProperty("externalCode");
    expect(await storedCode(w.associationId, "POP")).toBe("");
  });

  it("is none on an entry created without it", async () => {
    const w = await catalogueWorld();
    expect(await created(w, "POP")).not.toHaveProperty("externalCode");
    expect(await storedCode(w.associationId, "POP")).toBe("");
  });

  it.each([
    ["longer than 64 characters", "X".repeat(65), /at most 64 characters/],
    ["on two lines", "ISO37120:\n5.1", /one line/],
    ["with an edge space", "ISO37120:5.1 ", /must not start or end with a space/],
  ])("answers 400 naming externalCode for one %s", async (_what, externalCode, message) => {
    const w = await catalogueWorld();
    const res = await putEntry(w.associationId, "POP", w.tokens.analyst, entryBody({ externalCode }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: "bad_request", field: "externalCode" });
    expect(error.message).toMatch(message);
  });

  it("accepts 64 characters", async () => {
    const w = await catalogueWorld();
    expect((await putEntry(w.associationId, "POP", w.tokens.analyst, entryBody({ externalCode: "9".repeat(64) }))).status).toBe(201);
  });
});
