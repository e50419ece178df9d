import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AssociationParams } from "../../../shared/api/catalogue.ts";
import { toCsv } from "../../../shared/export/csv.ts";
import { LONG_XLSX_MAX_ROWS, type LongObservation, LongExportQuery, LongTemplateQuery, longTable, templateTable } from "../../../shared/export/long.ts";
import { requireCurator } from "../access.ts";
import { comparedEntries } from "../db/compare.ts";
import { countLongRows, type LongContext, type LongFilter, longPages, memberOf, territoryCodes } from "../db/long-export.ts";
import type { FeedReader } from "../db/odata.ts";
import { badRequest, forbidden, notFound } from "../errors.ts";
import { type AppEnv, bearer, newRouter, refusals } from "../openapi.ts";
import { download, FORMATS } from "./compare.ts";
import { readerOf } from "./odata.ts";

/**
 * The association's data in long format (shared/export/long.ts: SDMX-CSV columns, one row per territory ×
 * indicator × year) as a download, for statistics offices' tools and people without the add-in.
 *
 * Access is the comparison's and the OData feed's (readerOf): analysts and admins read every entry and
 * note; members' editors and monitors the entries shared `named`, every member's values of them, and
 * their own notes only; anyone else the 404 of a missing association. Injection safety is the other
 * exports': CSV text that could start a formula gets a leading ', the .xlsx holds typed cells only.
 *
 * The CSV streams: each page of rows (worker/src/db/long-export.ts, LONG_EXPORT_PAGE) is read only when
 * the client has taken the one before, so the Worker holds one page however large the association; the
 * whole 675,000-row file of the largest association would be about 100 MB as one string, near a
 * Worker's 128 MB. The .xlsx is built whole by the shared writer, so it has a row limit instead.
 */

/** Who reads what, and which catalogue entries and members the filter may name. */
async function exportContext(c: Context<AppEnv>, associationId: string, q: LongExportQuery): Promise<{ reader: FeedReader; context: LongContext }> {
  const db = c.env.DB;
  const reader = await readerOf(c, associationId);
  const entries = await comparedEntries(db, associationId, null);
  if (q.code !== undefined) {
    const entry = entries.find((e) => e.code === q.code);
    if (!entry) throw notFound(`catalogue entry ${q.code}`, "code");
    if (reader.namedOnly && entry.sharing !== "named")
      throw forbidden(`the association shares ${q.code}'s values with its members only as their own position, not by name (code)`);
  }
  if (q.member !== undefined) {
    if (!(await memberOf(db, associationId, q.member))) throw notFound("member", "member");
  }
  return { reader, context: { units: new Map(entries.map((e) => [e.code, e.unit])), territories: await territoryCodes(db, associationId) } };
}

const filterOf = (q: LongExportQuery): LongFilter => ({ code: q.code, from: q.from, to: q.to, member: q.member });

/** The file's name says what it holds: `observations[-CODE][-FROM-TO][-member]`. */
function filename(q: LongExportQuery): string {
  const years = q.from !== undefined || q.to !== undefined ? `-${q.from ?? ""}-${q.to ?? ""}` : "";
  return `observations${q.code ? `-${q.code}` : ""}${years}${q.member ? `-${q.member.slice(0, 8)}` : ""}`;
}

const spec = (format: "csv" | "xlsx") =>
  createRoute({
    method: "get",
    path: `/{associationId}/exports/observations.${format}`,
    operationId: format === "csv" ? "exportObservationsCsv" : "exportObservationsXlsx",
    summary: `The association's observations in long format (SDMX-CSV columns, one row per territory × indicator × year) as .${format}`,
    description:
      "Columns DATAFLOW, REF_AREA (the official territory code, else the community id), INDICATOR (catalogue code), TIME_PERIOD, " +
      "OBS_VALUE, UNIT_MEASURE, OBS_STATUS (CL_OBS_STATUS: A a value; L not available, M not applicable, Q confidential, O not yet due), " +
      "COMMENT (the reason's name in `lang`, and the note where the caller may read it), LAST UPDATE. Same access as the comparison: " +
      "members read entries shared `named` only (403 for another `code`). Text cells can never run as formulas. " +
      (format === "csv"
        ? "Streamed, any size."
        : `At most ${LONG_XLSX_MAX_ROWS.toLocaleString("en")} rows; more is 400: filter, or take the .csv.`),
    security: bearer,
    request: { params: AssociationParams, query: LongExportQuery },
    responses: {
      200: { content: { [FORMATS[format].type]: { schema: z.string().meta({ format: "binary" }) } }, description: `The observations as .${format}` },
      ...refusals,
    },
  });

const templateSpec = (format: "csv" | "xlsx") =>
  createRoute({
    method: "get",
    path: `/{associationId}/exports/template.${format}`,
    operationId: format === "csv" ? "exportTemplateCsv" : "exportTemplateXlsx",
    summary: `A member's long-format template as .${format}: the export's columns, one row per active catalogue indicator × year, answers empty (admin, the association's analysts)`,
    description:
      "For a member without the add-in: it fills OBS_VALUE, or OBS_STATUS with a reason's code (L, M, Q, O) and no value, and COMMENT with a note, " +
      "and the analyst imports the file (POST imports). REF_AREA is the member's territory code, else its community id.",
    security: bearer,
    request: { params: AssociationParams, query: LongTemplateQuery },
    responses: {
      200: { content: { [FORMATS[format].type]: { schema: z.string().meta({ format: "binary" }) } }, description: `The template as .${format}` },
      ...refusals,
    },
  });

const encoder = new TextEncoder();

const router = newRouter()
  .openapi(spec("csv"), async (c) => {
    const { associationId } = c.req.valid("param");
    const q = c.req.valid("query");
    const { reader, context } = await exportContext(c, associationId, q);
    // Each page is written by the shared CSV writer as a table of its own (so its rules, the injection
    // guard first, apply unchanged) with the BOM and header that only the file's start carries cut off.
    const head = toCsv(longTable(associationId, [], q.lang));
    const pages = longPages(c.env.DB, associationId, reader, filterOf(q), context);
    let started = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(head));
          return;
        }
        const page = await pages.next();
        if (page.done) controller.close();
        else controller.enqueue(encoder.encode(toCsv(longTable(associationId, page.value, q.lang)).slice(head.length)));
      },
      async cancel() {
        await pages.return(undefined);
      },
    });
    return new Response(body, {
      headers: { "content-type": FORMATS.csv.type, "content-disposition": `attachment; filename="${filename(q)}.csv"` },
    });
  })
  .openapi(spec("xlsx"), async (c) => {
    const { associationId } = c.req.valid("param");
    const q = c.req.valid("query");
    const { reader, context } = await exportContext(c, associationId, q);
    const rows = await countLongRows(c.env.DB, associationId, reader, filterOf(q));
    if (rows > LONG_XLSX_MAX_ROWS)
      throw badRequest(
        `${rows.toLocaleString("en")} rows; an .xlsx export holds at most ${LONG_XLSX_MAX_ROWS.toLocaleString("en")}: ` +
          "download observations.csv, or ask for one indicator (code), fewer years (from, to) or one member",
        "code",
      );
    const all: LongObservation[] = [];
    for await (const page of longPages(c.env.DB, associationId, reader, filterOf(q), context)) all.push(...page);
    return download(longTable(associationId, all, q.lang), "xlsx", filename(q));
  });

for (const format of ["csv", "xlsx"] as const)
  router.openapi(templateSpec(format), async (c) => {
    const { associationId } = c.req.valid("param");
    const q = c.req.valid("query");
    const db = c.env.DB;
    await requireCurator(db, c.get("principal"), associationId, "make a member's template");
    const member = await memberOf(db, associationId, q.member);
    if (!member) throw notFound("member", "member");
    const entries = (await comparedEntries(db, associationId, null)).filter((e) => e.status === "active");
    const years = Array.from({ length: q.to - q.from + 1 }, (_, i) => q.from + i);
    const table = templateTable({ associationId, member, entries, years }, q.lang);
    return download(table, format, `template-${member.territoryCode ?? member.communityId.slice(0, 8)}-${q.from}-${q.to}`);
  });

export const longExport = router;
