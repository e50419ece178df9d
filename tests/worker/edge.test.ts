import { describe, expect, it, vi } from "vitest";
import { api, errorOf, json, makeWorld } from "./support/world.ts";

describe("the edge", () => {
  it("allows CORS only for the configured origin", async () => {
    const w = await makeWorld();
    const allowed = await api("/v1/me", { token: w.tokens.editor, headers: { origin: "https://localhost:3000" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
    const other = await api("/v1/me", { token: w.tokens.editor, headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight without a token", async () => {
    const res = await api("/v1/me", {
      method: "OPTIONS",
      headers: { origin: "https://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });

  it("sends secure headers", async () => {
    const res = await api("/openapi.json");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toContain("max-age");
  });

  it("answers an unknown route in the error shape", async () => {
    const res = await api("/v2/nothing");
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: "not_found", message: "route not found", field: null });
  });

  it("publishes an OpenAPI document generated from the shared schemas", async () => {
    const doc = await json<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>(
      await api("/openapi.json"),
    );
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/v1/associations/{associationId}/catalogue",
      "/v1/associations/{associationId}/catalogue/{code}",
      "/v1/associations/{associationId}/catalogue/{code}/retire",
      "/v1/associations/{associationId}/comparison",
      "/v1/associations/{associationId}/comparison.csv",
      "/v1/associations/{associationId}/comparison.xlsx",
      "/v1/associations/{associationId}/completeness",
      "/v1/associations/{associationId}/completeness.csv",
      "/v1/associations/{associationId}/completeness.xlsx",
      "/v1/associations/{associationId}/due-dates",
      "/v1/associations/{associationId}/due-dates/{year}",
      "/v1/associations/{associationId}/exports/observations.csv",
      "/v1/associations/{associationId}/exports/observations.xlsx",
      "/v1/associations/{associationId}/exports/template.csv",
      "/v1/associations/{associationId}/exports/template.xlsx",
      "/v1/associations/{associationId}/imports",
      "/v1/associations/{associationId}/invitations",
      "/v1/associations/{associationId}/invitees",
      "/v1/associations/{associationId}/position",
      "/v1/associations/{associationId}/releases",
      "/v1/associations/{associationId}/releases/{year}",
      "/v1/associations/{associationId}/rounds",
      "/v1/communities/{communityId}/history",
      "/v1/invitations/redeem",
      "/v1/me",
      "/v1/plans",
      "/v1/plans/{planId}",
      "/v1/plans/{planId}/history",
      "/v1/plans/{planId}/pull",
      "/v1/plans/{planId}/push",
      "/v1/plans/{planId}/rounds",
      "/v1/plans/{planId}/rounds/{year}",
      "/v1/plans/{planId}/rounds/{year}/report",
    ]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Error", "PushRequest", "PullResponse", "SyncRow", "Me", "Round", "RoundConflict", "RoundReport", "Release", "ReleaseList"]));
  });

  it("limits requests per token with the rate-limit binding, keyed by token id", async () => {
    const w = await makeWorld();
    const limit = vi.fn(async ({ key }: { key: string }) => ({ success: key !== w.issued.monitor!.tokenId }));
    const limiter = { RATE_LIMITER: { limit } };
    expect((await api("/v1/me", { token: w.tokens.editor }, limiter)).status).toBe(200);
    const refused = await api("/v1/me", { token: w.tokens.monitor }, limiter);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect((await errorOf(refused)).code).toBe("rate_limited");
    expect(limit.mock.calls.map(([o]) => o.key)).toEqual([w.issued.editor!.tokenId, w.issued.monitor!.tokenId]);
  });
});
