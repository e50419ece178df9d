import { createRoute } from "@hono/zod-openapi";
import {
  AssociationParams,
  CatalogueConflict,
  CatalogueEntry,
  CatalogueEntryParams,
  CatalogueList,
  PutCatalogueEntryRequest,
  RetireCatalogueEntryRequest,
} from "../../../shared/api/catalogue.ts";
import { ErrorBody } from "../../../shared/api/errors.ts";
import { associationAccess, requireCurator } from "../access.ts";
import { listCatalogue, putEntry, retireEntry, type CatalogueWrite } from "../db/catalogue.ts";
import { notFound } from "../errors.ts";
import { bearer, jsonBody, newRouter, ok, refusals } from "../openapi.ts";

const conflictDoc = ok(
  CatalogueConflict,
  "`baseVersion` is not the entry's version (0 for a code in use): the error, with the entry as it stands in `current`",
);

const list = createRoute({
  method: "get",
  path: "/{associationId}/catalogue",
  operationId: "listCatalogue",
  summary: "The association's indicator catalogue, retired entries included (admin, its analysts, members' editors and monitors)",
  security: bearer,
  request: { params: AssociationParams },
  responses: { 200: ok(CatalogueList, "Every entry, by code"), ...refusals },
});

const put = createRoute({
  method: "put",
  path: "/{associationId}/catalogue/{code}",
  operationId: "putCatalogueEntry",
  summary: "Create a catalogue entry (baseVersion 0) or replace its content (admin, the association's analysts)",
  description:
    "The entry comes back active: a PUT re-activates a retired entry. A PUT that changes nothing leaves the " +
    "version as it is. Members' editors and monitors get 403. `rules` (the association's quality rules for members' " +
    "values: range, largest change from the previous year in %, comparisons with other codes) are checked when a " +
    "member's monitoring round is submitted. `externalCode` is the indicator's code in an outside scheme " +
    "(ISO 37120, a statistics office). `nameLt`, `rules` and `externalCode` left out keep the entry's (none " +
    "on create); `\"\"` and `{}` clear them.",
  security: bearer,
  request: { params: CatalogueEntryParams, body: jsonBody(PutCatalogueEntryRequest) },
  responses: {
    200: ok(CatalogueEntry, "The updated entry"),
    201: ok(CatalogueEntry, "The new entry, at version 1"),
    ...refusals,
    404: ok(ErrorBody, "No such association (or out of its reach), or, for a baseVersion above 0, no entry with this code"),
    409: conflictDoc,
  },
});

const retire = createRoute({
  method: "post",
  path: "/{associationId}/catalogue/{code}/retire",
  operationId: "retireCatalogueEntry",
  summary: "Retire a catalogue entry (admin, the association's analysts); it stays listed as retired",
  security: bearer,
  request: { params: CatalogueEntryParams, body: jsonBody(RetireCatalogueEntryRequest) },
  responses: {
    200: ok(CatalogueEntry, "The retired entry (unchanged if it was retired already)"),
    ...refusals,
    404: ok(ErrorBody, "No such association (or out of its reach), or no entry with this code"),
    409: conflictDoc,
  },
});

/** An applied write's entry, or why not: no such entry (404), nothing to change (the entry), stale (409). */
function outcome(write: CatalogueWrite, baseVersion: number, code: string) {
  if (write.applied) return { entry: write.entry } as const;
  const { current } = write;
  if (!current) throw notFound(`catalogue entry ${code}`, "code");
  if (current.version === baseVersion) return { entry: current } as const;
  const message =
    baseVersion === 0
      ? `catalogue entry ${code} already exists (version ${current.version}); send its version as baseVersion to change it`
      : `catalogue entry ${code} is at version ${current.version}, not ${baseVersion}`;
  const conflict: CatalogueConflict = { error: { code: "conflict", message, field: "baseVersion" }, current };
  return { conflict } as const;
}

export const catalogue = newRouter()
  .openapi(list, async (c) => {
    const { associationId } = c.req.valid("param");
    await associationAccess(c.env.DB, c.get("principal"), associationId);
    return c.json({ entries: await listCatalogue(c.env.DB, associationId) }, 200);
  })
  .openapi(put, async (c) => {
    const { associationId, code } = c.req.valid("param");
    const p = c.get("principal");
    await requireCurator(c.env.DB, p, associationId, "change it");
    const body = c.req.valid("json");
    const by = { userId: p.userId, at: new Date().toISOString() };
    const result = outcome(await putEntry(c.env.DB, { associationId, code }, body, by), body.baseVersion, code);
    if ("conflict" in result) return c.json(result.conflict, 409);
    return c.json(result.entry, body.baseVersion === 0 ? 201 : 200);
  })
  .openapi(retire, async (c) => {
    const { associationId, code } = c.req.valid("param");
    const p = c.get("principal");
    await requireCurator(c.env.DB, p, associationId, "change it");
    const { baseVersion } = c.req.valid("json");
    const by = { userId: p.userId, at: new Date().toISOString() };
    const result = outcome(await retireEntry(c.env.DB, { associationId, code }, baseVersion, by), baseVersion, code);
    if ("conflict" in result) return c.json(result.conflict, 409);
    return c.json(result.entry, 200);
  });
