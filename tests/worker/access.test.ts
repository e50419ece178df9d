import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { MeResponse } from "../../shared/api/access.ts";
import type { PlanSnapshot } from "../../shared/api/plans.ts";
import type { PullResponse, PushResponse } from "../../shared/api/sync.ts";
import { sha256Hex } from "../../worker/src/crypto.ts";
import { api, errorOf, json, makeWorld, openRound, PERSONAS, planDocument, pushBody, uuid, valueUpdate, type Persona, type World } from "./support/world.ts";

interface RouteCase {
  name: string;
  /** The world the route runs in: creating a plan needs a community without one. */
  plan: boolean;
  request: (w: World, token: string | null) => Promise<Response>;
  /** Expected status per persona. */
  expect: Record<Persona, number>;
}

const UNAUTHENTICATED = { expired: 401, revoked: 401, anonymous: 401 } as const;

const ROUTES: RouteCase[] = [
  {
    name: "GET /v1/me",
    plan: true,
    request: (_w, token) => api("/v1/me", { token }),
    expect: { admin: 200, editor: 200, monitor: 200, analyst: 200, outsider: 200, foreignAnalyst: 200, ...UNAUTHENTICATED },
  },
  {
    name: "POST /v1/plans",
    plan: false,
    request: (w, token) => api("/v1/plans", { token, body: { clientId: "t", document: w.doc } }),
    expect: { admin: 201, editor: 201, monitor: 403, analyst: 403, outsider: 404, foreignAnalyst: 404, ...UNAUTHENTICATED },
  },
  {
    name: "GET /v1/plans/:planId",
    plan: true,
    request: (w, token) => api(`/v1/plans/${w.ids.plan}`, { token }),
    expect: { admin: 200, editor: 200, monitor: 200, analyst: 403, outsider: 404, foreignAnalyst: 404, ...UNAUTHENTICATED },
  },
  {
    name: "POST /v1/plans/:planId/push",
    plan: true,
    // The value is of 2013, whose round is open: the monitor fills values of an open round.
    request: async (w, token) => {
      await openRound(w, 2013);
      return api(`/v1/plans/${w.ids.plan}/push`, { token, body: pushBody([valueUpdate(w, 42)]) });
    },
    expect: { admin: 200, editor: 200, monitor: 200, analyst: 403, outsider: 404, foreignAnalyst: 404, ...UNAUTHENTICATED },
  },
  {
    name: "GET /v1/plans/:planId/pull",
    plan: true,
    request: (w, token) => api(`/v1/plans/${w.ids.plan}/pull`, { token }),
    expect: { admin: 200, editor: 200, monitor: 200, analyst: 200, outsider: 404, foreignAnalyst: 404, ...UNAUTHENTICATED },
  },
  {
    name: "GET /v1/plans/:planId/history",
    plan: true,
    request: (w, token) => api(`/v1/plans/${w.ids.plan}/history`, { token }),
    expect: { admin: 200, editor: 200, monitor: 200, analyst: 403, outsider: 404, foreignAnalyst: 404, ...UNAUTHENTICATED },
  },
  {
    name: "GET /v1/communities/:communityId/history",
    plan: true,
    request: (w, token) => api(`/v1/communities/${w.ids.community}/history`, { token }),
    expect: { admin: 200, editor: 200, monitor: 200, analyst: 403, outsider: 404, foreignAnalyst: 404, ...UNAUTHENTICATED },
  },
];

const CODES: Record<number, string> = { 401: "unauthorized", 403: "forbidden", 404: "not_found" };

describe.each(ROUTES)("$name", (route) => {
  it.each(PERSONAS.map((p) => [p, route.expect[p]] as const))("%s → %i", async (persona, status) => {
    const world = await makeWorld({ plan: route.plan });
    const res = await route.request(world, world.tokens[persona]);
    expect(res.status).toBe(status);
    if (status >= 400) expect((await errorOf(res)).code).toBe(CODES[status]);
    // A push answered 200 must also have been applied: every role that may push may fill a value.
    if (route.name.endsWith("/push") && status === 200)
      expect((await json<PushResponse>(res)).results.map((r) => r.status)).toEqual(["applied"]);
  });
});

describe("object-level access", () => {
  it("answers an out-of-reach plan exactly like a plan that does not exist", async () => {
    const w = await makeWorld();
    for (const path of ["", "/pull", "/history"]) {
      const existing = await api(`/v1/plans/${w.ids.plan}${path}`, { token: w.tokens.outsider });
      const missing = await api(`/v1/plans/${uuid()}${path}`, { token: w.tokens.outsider });
      expect([existing.status, await existing.text()]).toEqual([missing.status, await missing.text()]);
    }
  });

  it("lets an editor create a plan only for its own community", async () => {
    const w = await makeWorld({ plan: false });
    const foreign = planDocument(w.ids.otherCommunity, uuid());
    const res = await api("/v1/plans", { token: w.tokens.editor, body: { clientId: "t", document: foreign } });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).field).toBe("document.community.id");
  });

  it("shows an analyst only indicators and observations of a member's plan", async () => {
    const w = await makeWorld();
    const page = await json<PullResponse>(await api(`/v1/plans/${w.ids.plan}/pull`, { token: w.tokens.analyst }));
    const kinds = new Set(page.changes.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(["indicators", "observations"]);
    expect(page.changes).toHaveLength(w.doc.indicators.length + w.doc.observations.length);
  });

  it("refuses an analyst's push to a member's plan as a whole and writes nothing", async () => {
    const w = await makeWorld();
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.analyst, body: pushBody([valueUpdate(w, 7)]) });
    expect(res.status).toBe(403);
    const snapshot = await json<PlanSnapshot>(await api(`/v1/plans/${w.ids.plan}`, { token: w.tokens.editor }));
    expect(snapshot.document.observations[0]!.value).toBe(w.doc.observations[0]!.value);
  });

  it("lets the monitor change observations' values and notes and refuses the rest per mutation", async () => {
    const w = await makeWorld();
    await openRound(w, 2013);
    await openRound(w, 2016);
    const task = w.doc.tasks[0]!;
    const observation = w.doc.observations[1]!;
    const results = await json<PushResponse>(
      await api(`/v1/plans/${w.ids.plan}/push`, {
        token: w.tokens.monitor,
        body: pushBody([
          { ...valueUpdate(w, 5), fields: { value: 5, note: "перевірено" } },
          { mutationId: uuid(), kind: "tasks", entityId: task.id, op: "upsert", baseVersion: 1, fields: { status: "done" } },
          { mutationId: uuid(), kind: "observations", entityId: observation.id, op: "upsert", baseVersion: 1, fields: { period: { year: 2016 } } },
          { mutationId: uuid(), kind: "observations", entityId: w.doc.observations[2]!.id, op: "delete", baseVersion: 1 },
          {
            mutationId: uuid(),
            kind: "observations",
            entityId: uuid(),
            op: "upsert",
            baseVersion: 0,
            fields: { indicatorId: observation.indicatorId, period: { year: 2016 }, value: 1 },
          },
        ]),
      }),
    );
    expect(results.results.map((r) => r.status)).toEqual(["applied", "forbidden", "forbidden", "forbidden", "applied"]);
    expect(results.results[1]).toMatchObject({ reason: "a monitor may only fill observations (values and notes)" });
  });

  it("lets an editor rename the community but keeps its kind and country an admin's", async () => {
    const w = await makeWorld();
    const rename = { mutationId: uuid(), kind: "community" as const, entityId: w.ids.community, op: "upsert" as const, baseVersion: 1 };
    const byEditor = await json<PushResponse>(
      await api(`/v1/plans/${w.ids.plan}/push`, {
        token: w.tokens.editor,
        body: pushBody([{ ...rename, fields: { country: "LT" } }]),
      }),
    );
    expect(byEditor.results[0]!.status).toBe("forbidden");
    const renamed = await json<PushResponse>(
      await api(`/v1/plans/${w.ids.plan}/push`, {
        token: w.tokens.editor,
        body: pushBody([{ ...rename, mutationId: uuid(), fields: { name: "Нова назва" } }]),
      }),
    );
    expect(renamed.results[0]).toMatchObject({ status: "applied", version: 2 });
    const me = await json<MeResponse>(await api("/v1/me", { token: w.tokens.editor }));
    expect(me.communities).toEqual([{ id: w.ids.community, name: "Нова назва", planId: w.ids.plan, roles: ["editor"], memberOf: [w.ids.associationA] }]);
  });
});

describe("tokens", () => {
  it("are stored only as their SHA-256", async () => {
    const w = await makeWorld();
    const token = w.tokens.editor!;
    const row = await env.DB.prepare("SELECT * FROM tokens WHERE id = ?1").bind(w.issued.editor!.tokenId).first<Record<string, unknown>>();
    expect(row!.token_hash).toBe(await sha256Hex(token));
    expect(Object.values(row!).some((v) => typeof v === "string" && v.includes(token))).toBe(false);
  });

  it("say why they are refused: expired, revoked or unknown", async () => {
    const w = await makeWorld();
    expect((await errorOf(await api("/v1/me", { token: w.tokens.expired }))).message).toBe("the token has expired");
    expect((await errorOf(await api("/v1/me", { token: w.tokens.revoked }))).message).toBe("the token has been revoked");
    expect((await errorOf(await api("/v1/me", { token: "mpt_nonsense" }))).message).toBe("the token is not valid");
  });

  it("tell /v1/me the user's grants and reach, analysts' member communities included", async () => {
    const w = await makeWorld();
    const me = await json<MeResponse>(await api("/v1/me", { token: w.tokens.analyst }));
    expect(me.user).toEqual({ id: w.users.analyst, name: "User analyst" });
    expect(me.grants).toEqual([{ role: "analyst", associationId: w.ids.associationA }]);
    expect(me.associations).toEqual([{ id: w.ids.associationA, name: "Association A", memberCount: 2 }]);
    expect(me.communities).toHaveLength(2);
    expect(me.communities.map((c) => [c.id, c.planId, c.roles])).toEqual(
      expect.arrayContaining([
        [w.ids.community, w.ids.plan, ["analyst"]],
        [w.ids.otherCommunity, w.ids.otherPlan, ["analyst"]],
      ]),
    );
  });
});
