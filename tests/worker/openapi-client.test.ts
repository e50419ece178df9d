import { env } from "cloudflare:test";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import type { paths } from "../../shared/api/generated/openapi.ts";
import app from "../../worker/src/index.ts";
import { makeWorld, uuid } from "./support/world.ts";

/**
 * A client as a third party would build it: types generated from /openapi.json (openapi-typescript), calls
 * through openapi-fetch, nothing from shared/api. Its requests go to the Worker inside workerd.
 */
const clientOf = (token: string) =>
  createClient<paths>({
    baseUrl: "https://muniplan.test",
    headers: { authorization: `Bearer ${token}` },
    fetch: (request) => Promise.resolve(app.request(request, undefined, env)),
  });

describe("a client generated from the OpenAPI document", () => {
  it("reads who the token is, writes and reads the catalogue, pushes, and gets refusals typed", async () => {
    const w = await makeWorld();
    const editor = clientOf(w.tokens.editor!);
    const analyst = clientOf(w.tokens.analyst!);

    const me = await editor.GET("/v1/me");
    expect(me.response.status).toBe(200);
    expect(me.data?.user.id).toBe(w.users.editor);
    expect(me.data?.grants).toEqual([{ role: "editor", communityId: w.ids.community }]);

    const associationId = w.ids.associationA;
    const put = await analyst.PUT("/v1/associations/{associationId}/catalogue/{code}", {
      params: { path: { associationId, code: "POP" } },
      body: {
        nameUk: "Населення",
        nameEn: "Population",
        unit: "осіб",
        direction: "increase",
        frequency: "annually",
        definition: "Residents on 1 January",
        sharing: "named",
        baseVersion: 0,
      },
    });
    expect(put.response.status).toBe(201);
    const listed = await editor.GET("/v1/associations/{associationId}/catalogue", { params: { path: { associationId } } });
    expect(listed.data?.entries.map((e) => [e.code, e.nameEn, e.version])).toEqual([["POP", "Population", 1]]);

    const observation = w.doc.observations[0]!;
    const mutationId = uuid();
    const pushed = await editor.POST("/v1/plans/{planId}/push", {
      params: { path: { planId: w.ids.plan } },
      body: {
        clientId: "generated-client",
        mutations: [{ mutationId, kind: "observations", entityId: observation.id, op: "upsert", baseVersion: 1, fields: { value: 42 } }],
      },
    });
    expect(pushed.data?.results).toEqual([{ mutationId, status: "applied", version: 2 }]);
    const plan = await editor.GET("/v1/plans/{planId}", { params: { path: { planId: w.ids.plan } } });
    expect(plan.data?.document.observations.find((o) => o.id === observation.id)?.value).toBe(42);

    // A refusal arrives as the documented error shape, in `error`.
    const refused = await editor.GET("/v1/plans/{planId}", { params: { path: { planId: uuid() } } });
    expect(refused.response.status).toBe(404);
    expect(refused.error?.error.code).toBe("not_found");
  });
});
