import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ApiError, createClient, Unreachable } from "../../shared/api/client.ts";
import app from "../../worker/src/index.ts";
import { makeWorld, uuid, valueUpdate } from "./support/world.ts";

// The add-in's typed client against the real worker and D1, inside workerd.
const clientFor = (token: string) =>
  createClient({ baseUrl: "http://muniplan.test/", token, fetch: (input, init) => Promise.resolve(app.request(input, init, env)) });

describe("the typed API client", () => {
  it("reads who the token is, the plan, pushes and pulls, each parsed by the shared schemas", async () => {
    const world = await makeWorld();
    const client = clientFor(world.tokens.editor!);
    const me = await client.me();
    expect(me.grants).toContainEqual(expect.objectContaining({ role: "editor", communityId: world.ids.community }));
    const snapshot = await client.getPlan(world.ids.plan);
    expect(snapshot.document.plan.id).toBe(world.ids.plan);
    const pushed = await client.push(world.ids.plan, { clientId: "workbook-1", mutations: [valueUpdate(world, 42)] });
    expect(pushed.results).toEqual([expect.objectContaining({ status: "applied", version: 2 })]);
    const page = await client.pull(world.ids.plan, snapshot.cursor);
    expect(page.changes.map((r) => [r.kind, r.version])).toEqual([["observations", 2]]);
    const history = await client.history(world.ids.plan, { entityId: world.doc.observations[0]!.id });
    expect(history.entries.length).toBeGreaterThanOrEqual(2);
  });

  it("turns an error answer into an ApiError naming the code and field", async () => {
    const world = await makeWorld();
    const client = clientFor(world.tokens.editor!);
    const bad = { ...valueUpdate(world, 1), baseVersion: -1 };
    const error = await client.push(world.ids.plan, { clientId: "workbook-1", mutations: [bad] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, field: "mutations[0].baseVersion" });
    const missing = await clientFor(world.tokens.outsider!).getPlan(world.ids.plan).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: "not_found" });
  });

  it("says the server is unreachable when the request never got an answer", async () => {
    const client = createClient({ baseUrl: "http://muniplan.test", token: "t", fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
    await expect(client.me()).rejects.toBeInstanceOf(Unreachable);
    await expect(clientFor("mpt_unknown").getPlan(uuid())).rejects.toMatchObject({ status: 401 });
  });
});

describe("the typed client and the association's catalogue", () => {
  it("lets the association's analyst publish and retire an entry that member editors read", async () => {
    const world = await makeWorld();
    const analyst = clientFor(world.tokens.analyst!);
    const code = `POP${uuid().slice(0, 4).toUpperCase()}`;
    const created = await analyst.putCatalogueEntry(world.ids.associationA, code, {
      nameUk: "Чисельність населення",
      nameEn: "Population",
      unit: "осіб",
      direction: "increase",
      frequency: "annually",
      definition: "На 1 січня",
      baseVersion: 0,
    });
    expect(created).toMatchObject({ code, version: 1, status: "active" });
    const read = await clientFor(world.tokens.editor!).catalogue(world.ids.associationA);
    expect(read.entries.map((e) => e.code)).toContain(code);
    const retired = await analyst.retireCatalogueEntry(world.ids.associationA, code, 1);
    expect(retired).toMatchObject({ status: "retired", version: 2 });
    const refused = await clientFor(world.tokens.editor!)
      .retireCatalogueEntry(world.ids.associationA, code, 2)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
  });
});
