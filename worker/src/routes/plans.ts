import { createRoute } from "@hono/zod-openapi";
import { HistoryPage, HistoryQuery } from "../../../shared/api/history.ts";
import { CreatePlanRequest, PlanParams, PlanSnapshot } from "../../../shared/api/plans.ts";
import { ANALYST_KINDS, PullQuery, PullResponse, PushRequest, PushResponse } from "../../../shared/api/sync.ts";
import { ErrorBody } from "../../../shared/api/errors.ts";
import { communityAccess, isAdmin, planAccess, requireAccess } from "../access.ts";
import { pullPage } from "../db/entities.ts";
import { historyPage } from "../db/history.ts";
import { bearer, jsonBody, newRouter, ok, refusals } from "../openapi.ts";
import { createPlan } from "../sync/create-plan.ts";
import { push } from "../sync/push.ts";
import { planSnapshot } from "../sync/snapshot.ts";

const create = createRoute({
  method: "post",
  path: "/",
  operationId: "createPlan",
  summary: "Create a community's plan from a whole plan document (editor of the community, or admin)",
  security: bearer,
  request: { body: jsonBody(CreatePlanRequest) },
  responses: {
    201: ok(PlanSnapshot, "The stored plan, every row at version 1"),
    ...refusals,
    409: ok(ErrorBody, "The community already has a plan, or the plan id is in use"),
  },
});

const get = createRoute({
  method: "get",
  path: "/{planId}",
  operationId: "getPlan",
  summary: "The whole current plan with each row's version (editor, monitor, admin)",
  security: bearer,
  request: { params: PlanParams },
  responses: { 200: ok(PlanSnapshot, "The plan as it stands"), ...refusals },
});

const pushRoute = createRoute({
  method: "post",
  path: "/{planId}/push",
  operationId: "pushPlan",
  summary: "Apply a batch of mutations: all applicable ones together, or none",
  description:
    "Editors and admins may change every row of the plan; monitors only observations' values and notes " +
    "(other mutations come back `forbidden`). Analysts get 403. A stale base version comes back as a " +
    "`conflict` with the server's row. A retry with the same mutation ids returns the first results.",
  security: bearer,
  request: { params: PlanParams, body: jsonBody(PushRequest) },
  responses: {
    200: ok(PushResponse, "One result per mutation, in the order sent"),
    ...refusals,
    409: ok(ErrorBody, "Concurrent writers kept winning; send the push again"),
    422: ok(ErrorBody, "A mutation id was already used for a different mutation"),
  },
});

const pull = createRoute({
  method: "get",
  path: "/{planId}/pull",
  operationId: "pullPlan",
  summary: "Rows changed since a cursor (tombstones included), paged; analysts see indicators and observations only",
  security: bearer,
  request: { params: PlanParams, query: PullQuery },
  responses: { 200: ok(PullResponse, "One page of the change feed"), ...refusals },
});

const history = createRoute({
  method: "get",
  path: "/{planId}/history",
  operationId: "listPlanHistory",
  summary: "The audit log of a plan or of one of its rows, newest first (editor, monitor, admin)",
  security: bearer,
  request: { params: PlanParams, query: HistoryQuery },
  responses: { 200: ok(HistoryPage, "One page of the audit log"), ...refusals },
});

export const plans = newRouter()
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const p = c.get("principal");
    const { community, access } = await communityAccess(c.env.DB, p, body.document.community.id, "document.community.id");
    requireAccess(access, ["edit"], "create the community's plan");
    const planId = await createPlan(c.env.DB, body, { userId: p.userId, existingPlanId: community.planId });
    return c.json(await planSnapshot(c.env.DB, planId), 201);
  })
  .openapi(get, async (c) => {
    const { plan, access } = await planAccess(c.env.DB, c.get("principal"), c.req.valid("param").planId);
    requireAccess(access, ["edit", "monitor"], "read the whole plan (analysts pull indicators and observations)");
    return c.json(await planSnapshot(c.env.DB, plan.id), 200);
  })
  .openapi(pushRoute, async (c) => {
    const p = c.get("principal");
    const { plan, access } = await planAccess(c.env.DB, p, c.req.valid("param").planId);
    requireAccess(access, ["edit", "monitor"], "write to this plan");
    const body = c.req.valid("json");
    const scope = { planId: plan.id, communityId: plan.communityId, access, admin: isAdmin(p) };
    return c.json(await push(c.env.DB, scope, { userId: p.userId, clientId: body.clientId }, body), 200);
  })
  .openapi(pull, async (c) => {
    const { plan, access } = await planAccess(c.env.DB, c.get("principal"), c.req.valid("param").planId);
    const { since, limit } = c.req.valid("query");
    const kinds = access === "analyst" ? ANALYST_KINDS : null;
    return c.json(await pullPage(c.env.DB, plan.id, since, limit, kinds), 200);
  })
  .openapi(history, async (c) => {
    const { plan, access } = await planAccess(c.env.DB, c.get("principal"), c.req.valid("param").planId);
    requireAccess(access, ["edit", "monitor"], "read the plan's audit log");
    const { entityId, before, limit } = c.req.valid("query");
    return c.json(await historyPage(c.env.DB, { planId: plan.id, entityId }, { before, limit }), 200);
  });
