import { createRoute } from "@hono/zod-openapi";
import { AssociationParams } from "../../../shared/api/catalogue.ts";
import {
  DueDate,
  DueDateCleared,
  DueDateList,
  DueDateListQuery,
  DueDateParams,
  dueOnProblem,
  MAX_DUE_YEARS_AFTER,
  PutDueDateRequest,
} from "../../../shared/api/deadlines.ts";
import { associationAccess, requireCurator } from "../access.ts";
import { clearDueDate, listDueDates, setDueDate } from "../db/deadlines.ts";
import { badRequest } from "../errors.ts";
import { bearer, jsonBody, newRouter, ok, refusals } from "../openapi.ts";

/** The association's due dates per reporting year (shared/api/deadlines.ts): its analysts set them, its members read them. */

const list = createRoute({
  method: "get",
  path: "/{associationId}/due-dates",
  operationId: "listDueDates",
  summary: "The association's due dates of its members' monitoring rounds, by year, or of one year (admin, its analysts, members' editors and monitors)",
  security: bearer,
  request: { params: AssociationParams, query: DueDateListQuery },
  responses: { 200: ok(DueDateList, "Due dates by year (none or one with `year`)"), ...refusals },
});

const put = createRoute({
  method: "put",
  path: "/{associationId}/due-dates/{year}",
  operationId: "putDueDate",
  summary: "Set the year's due date, replacing any before (admin, the association's analysts)",
  description:
    "A calendar date in the year or up to 5 years after it; the day ends at midnight in Europe/Kyiv (`dueEnd`). " +
    "Completeness tells each member on time, late, missing or not yet due by it. Members' editors and monitors get 403.",
  security: bearer,
  request: { params: DueDateParams, body: jsonBody(PutDueDateRequest) },
  responses: { 200: ok(DueDate, "The year's due date as stored"), ...refusals },
});

const clear = createRoute({
  method: "delete",
  path: "/{associationId}/due-dates/{year}",
  operationId: "clearDueDate",
  summary: "Clear the year's due date (admin, the association's analysts); clearing a year without one is no error",
  security: bearer,
  request: { params: DueDateParams },
  responses: { 200: ok(DueDateCleared, "Whether the year had a due date"), ...refusals },
});

export const deadlines = newRouter()
  .openapi(list, async (c) => {
    const { associationId } = c.req.valid("param");
    const { year } = c.req.valid("query");
    const db = c.env.DB;
    // Members read them too: a member needs to know when its round is due, not which analyst set it
    // (an analyst's name and id are the association's own). Anyone else: 404.
    const access = await associationAccess(db, c.get("principal"), associationId);
    const dueDates = await listDueDates(db, associationId, year ?? null);
    return c.json({ dueDates: access === "curate" ? dueDates : dueDates.map(({ updatedAt: _at, updatedBy: _by, ...date }) => date) }, 200);
  })
  .openapi(put, async (c) => {
    const { associationId, year } = c.req.valid("param");
    const { dueOn } = c.req.valid("json");
    const p = c.get("principal");
    await requireCurator(c.env.DB, p, associationId, "set its due dates");
    const problem = dueOnProblem(year, dueOn);
    if (problem === "before_year") throw badRequest(`dueOn: a due date of ${year}'s round cannot lie before ${year}`, "dueOn");
    if (problem === "too_late") throw badRequest(`dueOn: a due date of ${year}'s round lies at most ${MAX_DUE_YEARS_AFTER} years after it`, "dueOn");
    return c.json(await setDueDate(c.env.DB, { associationId, year }, dueOn, { userId: p.userId, at: new Date().toISOString() }), 200);
  })
  .openapi(clear, async (c) => {
    const { associationId, year } = c.req.valid("param");
    const p = c.get("principal");
    await requireCurator(c.env.DB, p, associationId, "clear its due dates");
    const cleared = await clearDueDate(c.env.DB, { associationId, year }, { userId: p.userId, at: new Date().toISOString() });
    return c.json({ year, cleared }, 200);
  });
