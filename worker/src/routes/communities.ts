import { createRoute } from "@hono/zod-openapi";
import { CommunityParams, HistoryPage, PageQuery } from "../../../shared/api/history.ts";
import { communityAccess, requireAccess } from "../access.ts";
import { historyPage } from "../db/history.ts";
import { bearer, newRouter, ok, refusals } from "../openapi.ts";

const history = createRoute({
  method: "get",
  path: "/{communityId}/history",
  operationId: "listCommunityHistory",
  summary: "The audit log of everything in a community, newest first (editor, monitor, admin)",
  security: bearer,
  request: { params: CommunityParams, query: PageQuery },
  responses: { 200: ok(HistoryPage, "One page of the audit log"), ...refusals },
});

export const communities = newRouter().openapi(history, async (c) => {
  const { communityId } = c.req.valid("param");
  const { community, access } = await communityAccess(c.env.DB, c.get("principal"), communityId, "communityId");
  requireAccess(access, ["edit", "monitor"], "read the community's audit log");
  const { before, limit } = c.req.valid("query");
  return c.json(await historyPage(c.env.DB, { communityId: community.id }, { before, limit }), 200);
});
