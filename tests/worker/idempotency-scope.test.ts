import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Mutation, PushResponse } from "../../shared/api/sync.ts";
import { api, errorOf, json, makeWorld, openRound, pushBody, stored, uuid, valueUpdate, type World } from "./support/world.ts";

/**
 * Issue 12: mutation ids are scoped to the plan and the user sending them. Before, one global table of
 * ids told another tenant that an id existed (422 `idempotency_mismatch`), and whoever learned a queued
 * id (the queue travels inside the workbook file) could use it first and have the owner's retry refused
 * forever.
 */

const pushAs = (planId: string, token: string | null, mutations: Mutation[], clientId = "workbook-1") =>
  api(`/v1/plans/${planId}/push`, { token, body: pushBody(mutations, clientId) });

/** D's plan's first observation, updated with `id`: another tenant's perfectly ordinary mutation. */
async function otherTenantsUpdate(w: World, mutationId: string, value: number): Promise<Mutation> {
  const row = await env.DB.prepare("SELECT id FROM entities WHERE plan_id = ?1 AND kind = 'observations' ORDER BY id LIMIT 1")
    .bind(w.ids.otherPlan)
    .first<{ id: string }>();
  return { mutationId, kind: "observations", entityId: row!.id, op: "upsert", baseVersion: 1, fields: { value } };
}

describe("mutation ids are scoped to the plan and the sending user", () => {
  it("tells another tenant nothing: an id used in plan C is a new mutation in plan D, whatever its body", async () => {
    const w = await makeWorld();
    const used = valueUpdate(w, 30);
    expect((await pushAs(w.ids.plan, w.tokens.editor, [used])).status).toBe(200);
    // The other community's editor sends the same id (with its own body): applied there, no 422 oracle.
    const res = await pushAs(w.ids.otherPlan, w.tokens.outsider, [await otherTenantsUpdate(w, used.mutationId, 7)]);
    expect(res.status).toBe(200);
    expect((await json<PushResponse>(res)).results[0]).toEqual({ mutationId: used.mutationId, status: "applied", version: 2 });
    // And an id nobody used answers exactly alike: the two cannot be told apart.
    const fresh = await pushAs(w.ids.otherPlan, w.tokens.outsider, [{ ...(await otherTenantsUpdate(w, uuid(), 8)), baseVersion: 2 }]);
    expect((await json<PushResponse>(fresh)).results[0]).toMatchObject({ status: "applied", version: 3 });
  });

  it("keeps the owner's mutation when someone who learned its queued id uses the id first", async () => {
    const w = await makeWorld();
    await openRound(w, 2013);
    // The editor's change waits in the workbook's queue; the monitor, who has the file, sends its id first.
    const queued = valueUpdate(w, 44);
    const hijack = await pushAs(w.ids.plan, w.tokens.monitor, [{ ...queued, fields: { value: 1 } }], "workbook-1");
    expect((await json<PushResponse>(hijack)).results[0]).toMatchObject({ status: "applied", version: 2 });
    // Another tenant's editor uses it too, in its own plan.
    expect((await pushAs(w.ids.otherPlan, w.tokens.outsider, [await otherTenantsUpdate(w, queued.mutationId, 9)])).status).toBe(200);
    // The owner's push is a new mutation in its own scope: decided on its merits (here a conflict: the
    // monitor's write moved the row), never refused as a reused id.
    const owner = await pushAs(w.ids.plan, w.tokens.editor, [queued]);
    expect(owner.status).toBe(200);
    const first = await json<PushResponse>(owner);
    expect(first.results[0]).toMatchObject({ mutationId: queued.mutationId, status: "conflict", current: { version: 2, data: { value: 1 } } });
    // Rebased, with a fresh id as the client does after a conflict, it applies; and a retry of either
    // returns its stored result and writes nothing.
    const rebased = { ...queued, mutationId: uuid(), baseVersion: 2 };
    const applied = await json<PushResponse>(await pushAs(w.ids.plan, w.tokens.editor, [rebased]));
    expect(applied.results[0]).toMatchObject({ status: "applied", version: 3 });
    expect(await json<PushResponse>(await pushAs(w.ids.plan, w.tokens.editor, [queued]))).toEqual(first);
    expect(await json<PushResponse>(await pushAs(w.ids.plan, w.tokens.editor, [rebased]))).toEqual(applied);
    expect((await stored(w.ids.plan, "observations", queued.entityId))!.version).toBe(3);
  });

  it("applies the owner's queued mutation sent after another tenant used its id", async () => {
    const w = await makeWorld();
    const queued = valueUpdate(w, 55);
    expect((await pushAs(w.ids.otherPlan, w.tokens.outsider, [await otherTenantsUpdate(w, queued.mutationId, 3)])).status).toBe(200);
    const owner = await json<PushResponse>(await pushAs(w.ids.plan, w.tokens.editor, [queued]));
    expect(owner.results[0]).toEqual({ mutationId: queued.mutationId, status: "applied", version: 2 });
    expect(JSON.parse((await stored(w.ids.plan, "observations", queued.entityId))!.data).value).toBe(55);
  });

  it("keeps every guarantee within one scope: the same id and body replays, another body is refused, from any workbook of the user", async () => {
    const w = await makeWorld();
    const m = valueUpdate(w, 60);
    const first = await json<PushResponse>(await pushAs(w.ids.plan, w.tokens.editor, [m], "workbook-1"));
    // The client id is not part of the scope: the same user's retry from a copy of the workbook replays.
    expect(await json<PushResponse>(await pushAs(w.ids.plan, w.tokens.editor, [m], "workbook-copy"))).toEqual(first);
    const other = await pushAs(w.ids.plan, w.tokens.editor, [{ ...m, fields: { value: 61 } }]);
    expect(other.status).toBe(422);
    expect(await errorOf(other)).toMatchObject({ code: "idempotency_mismatch", field: "mutations[0].mutationId" });
    expect((await stored(w.ids.plan, "observations", m.entityId))!.version).toBe(2);
  });
});
