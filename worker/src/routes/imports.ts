import { createRoute } from "@hono/zod-openapi";
import { AssociationParams } from "../../../shared/api/catalogue.ts";
import { ImportRequest, ImportResponse, MAX_IMPORT_FILES, MAX_IMPORT_OBSERVATIONS, MAX_IMPORT_OBSERVATIONS_PER_FILE } from "../../../shared/api/imports.ts";
import { isAdmin, requireCurator } from "../access.ts";
import { importFiles } from "../db/imports.ts";
import { bearer, jsonBody, newRouter, ok, refusals } from "../openapi.ts";

const importRoute = createRoute({
  method: "post",
  path: "/{associationId}/imports",
  operationId: "importObservations",
  summary: "Import members' workbooks as their observations, or preview the import (admin, the association's analysts)",
  description:
    "The cells the pane read from members' .xlsx files, per file. `dryRun: true` answers what would be written and writes nothing. " +
    "Each value is decided by the sync push's rules as a monitoring committee's value (a year's round must be open or returned; " +
    "an approved year is locked) and written as one push per file, versioned and logged with the caller as the actor. A file " +
    "with any problem (named by file, sheet and cell) writes nothing; a value equal to the store's is skipped, so importing a " +
    "file again writes nothing. A file whose community is not a member of the association is refused. " +
    `At most ${MAX_IMPORT_FILES} files, ${MAX_IMPORT_OBSERVATIONS_PER_FILE} values a file and ${MAX_IMPORT_OBSERVATIONS} a request (400 naming the field).`,
  security: bearer,
  request: { params: AssociationParams, body: jsonBody(ImportRequest) },
  responses: { 200: ok(ImportResponse, "Per file: its member, what is (or would be) written, skipped, and its problems"), ...refusals },
});

export const imports = newRouter().openapi(importRoute, async (c) => {
  const p = c.get("principal");
  const { associationId } = c.req.valid("param");
  await requireCurator(c.env.DB, p, associationId, "import members' workbooks");
  return c.json(await importFiles(c.env.DB, associationId, { userId: p.userId, admin: isAdmin(p) }, c.req.valid("json")), 200);
});
