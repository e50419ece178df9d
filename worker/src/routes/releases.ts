import { createRoute } from "@hono/zod-openapi";
import { AssociationParams } from "../../../shared/api/catalogue.ts";
import { Release, ReleaseList, ReleaseListQuery, ReleaseParams } from "../../../shared/api/releases.ts";
import { requireCurator } from "../access.ts";
import { listReleases, publish } from "../db/releases.ts";
import { bearer, newRouter, ok, refusals } from "../openapi.ts";

/** The association's releases (shared/api/releases.ts): its analysts publish a year; members read positions from it. */

const list = createRoute({
  method: "get",
  path: "/{associationId}/releases",
  operationId: "listReleases",
  summary: "The association's releases, newest first, of one year or all (admin, the association's analysts)",
  security: bearer,
  request: { params: AssociationParams, query: ReleaseListQuery },
  responses: { 200: ok(ReleaseList, "Releases, newest first"), ...refusals },
});

const publishRoute = createRoute({
  method: "post",
  path: "/{associationId}/releases/{year}",
  operationId: "publishRelease",
  summary: "Publish the year: freeze every active catalogue indicator's values, ranks and statistics (admin, the association's analysts)",
  description:
    "Members' positions for the year come from its latest release from now on. Publishing again makes the next " +
    "release from the values as they stand then. Members' editors and monitors get 403.",
  security: bearer,
  request: { params: ReleaseParams },
  responses: { 201: ok(Release, "The new release"), ...refusals },
});

export const releases = newRouter()
  .openapi(list, async (c) => {
    const { associationId } = c.req.valid("param");
    await requireCurator(c.env.DB, c.get("principal"), associationId, "see its releases");
    return c.json({ releases: await listReleases(c.env.DB, associationId, c.req.valid("query").year ?? null) }, 200);
  })
  .openapi(publishRoute, async (c) => {
    const { associationId, year } = c.req.valid("param");
    const p = c.get("principal");
    await requireCurator(c.env.DB, p, associationId, "publish its figures");
    return c.json(await publish(c.env.DB, associationId, year, { userId: p.userId, at: new Date().toISOString() }), 201);
  });
