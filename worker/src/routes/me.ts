import { createRoute } from "@hono/zod-openapi";
import { MeResponse, type Role } from "../../../shared/api/access.ts";
import { analystAssociations, isAdmin } from "../access.ts";
import { reachable } from "../db/me.ts";
import { bearer, newRouter, ok, refusals } from "../openapi.ts";

const getMe = createRoute({
  method: "get",
  path: "/",
  operationId: "getMe",
  summary: "Who the token is, and the communities and associations it reaches",
  security: bearer,
  responses: { 200: ok(MeResponse, "The token's user, grants and reach"), 401: refusals[401], 429: refusals[429] },
});

export const me = newRouter().openapi(getMe, async (c) => {
  const p = c.get("principal");
  const held = (role: Role, communityId: string) =>
    p.grants.some((g) => g.role === role && "communityId" in g && g.communityId === communityId);
  const reach = await reachable(c.env.DB, {
    admin: isAdmin(p),
    communities: p.grants.flatMap((g) => ("communityId" in g ? [g.communityId] : [])),
    associations: analystAssociations(p),
  });
  return c.json(
    {
      user: { id: p.userId, name: p.userName },
      token: { id: p.tokenId, expiresAt: p.tokenExpiresAt },
      grants: p.grants,
      communities: reach.communities.map(({ reachedAsAnalyst, ...community }) => ({
        ...community,
        roles: [
          ...(isAdmin(p) ? (["admin"] as const) : []),
          ...(["editor", "monitor"] as const).filter((r) => held(r, community.id)),
          ...(reachedAsAnalyst ? (["analyst"] as const) : []),
        ],
      })),
      associations: reach.associations,
    },
    200,
  );
});
