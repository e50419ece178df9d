import { Hono, type Context } from "hono";
import {
  ENTITY_SETS,
  type EntitySetName,
  isEntitySet,
  metadataXml,
  ODATA_PAGE_SIZE,
  ODataQueryError,
  encodeSkipToken,
  parseODataQuery,
} from "../../../shared/api/odata.ts";
import { accessTo, associationAccess } from "../access.ts";
import type { Principal } from "../db/auth.ts";
import { type FeedReader, readEntitySet, sortKey, sortKeyLength } from "../db/odata.ts";
import { ApiError, notFound } from "../errors.ts";
import type { AppEnv } from "../openapi.ts";

/**
 * The association's read-only OData v4 feed for Excel's and Power BI's Get Data → From OData Feed, at
 * /v1/associations/:associationId/odata/ (service document, `$metadata`, entity sets Members, Catalogue,
 * Observations). Same token and the same access as the comparison (routes/compare.ts): the
 * association's analysts and admins read every entry; members' editors and monitors only entries
 * shared `named`, and no other member's notes; anyone else the 404 of a missing association.
 *
 * Not in /openapi.json: an OData client learns the feed from `$metadata`, which describes it exactly.
 */

const ODATA_VERSION = { "OData-Version": "4.0" };
const JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/** The feed's root as the caller addressed it (an absolute URL ending in `/odata/`), for contexts and links. */
function serviceRoot(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  return `${url.origin}${url.pathname.slice(0, url.pathname.indexOf("/odata") + "/odata".length)}/`;
}

function reply(c: Context<AppEnv>, body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { "content-type": JSON_TYPE, ...ODATA_VERSION } });
}

/** What the caller may read of the association's members' data, by the comparison's rules. */
export async function readerOf(c: Context<AppEnv>, associationId: string): Promise<FeedReader> {
  const p: Principal = c.get("principal");
  if ((await associationAccess(c.env.DB, p, associationId)) === "curate") return { namedOnly: false, notesOf: null };
  // A member's own notes are its editors' and monitors' to read already (in their plan); nobody else's.
  const own = p.grants.flatMap((g) => ("communityId" in g && accessTo(p, g.communityId, false) ? [g.communityId] : []));
  return { namedOnly: true, notesOf: own };
}

/** `Prefer: odata.maxpagesize=N` (OData 4.01 §8.2.8.3): honoured below the feed's own page size. */
function preferredPageSize(c: Context<AppEnv>): number | null {
  const m = c.req.header("prefer")?.match(/(?:^|[,;\s])odata\.maxpagesize=(\d{1,9})/);
  const n = m ? Number(m[1]) : null;
  return n && n < ODATA_PAGE_SIZE ? n : null;
}

async function entitySet(c: Context<AppEnv>, associationId: string, set: EntitySetName): Promise<Response> {
  const q = parseODataQuery(ENTITY_SETS[set], new URL(c.req.url).searchParams, sortKeyLength(set));
  const reader = await readerOf(c, associationId);
  const preferred = preferredPageSize(c);
  const pageSize = Math.min(preferred ?? ODATA_PAGE_SIZE, q.top ?? Infinity);
  // One row more than the page tells whether another page follows, without counting.
  const { rows, count } = await readEntitySet(
    c.env.DB,
    set,
    associationId,
    reader,
    { filter: q.filter, withNotes: q.select.includes("note"), count: q.count },
    // A token already counts the rows a first page's $skip passed over.
    { limit: pageSize + 1, offset: q.after ? 0 : q.skip, after: q.after },
  );
  const root = serviceRoot(c);
  const all = q.select.length === Object.keys(ENTITY_SETS[set].properties).length;
  const body: Record<string, unknown> = { "@odata.context": `${root}$metadata#${set}${all ? "" : `(${q.select.join(",")})`}` };
  if (count !== null) body["@odata.count"] = count;
  body.value = rows.slice(0, pageSize).map((r) => Object.fromEntries(q.select.map((p) => [p, r[p]])));
  if (rows.length > pageSize && (q.top === null || q.top > pageSize)) {
    // The next page starts after this one's last row: a seek, where an offset would walk every row before it.
    const next = new URL(c.req.url);
    next.searchParams.delete("$skip");
    next.searchParams.set("$skiptoken", encodeSkipToken(sortKey(set, rows[pageSize - 1]!)));
    if (q.top !== null) next.searchParams.set("$top", String(q.top - pageSize));
    body["@odata.nextLink"] = next.toString();
  }
  const res = reply(c, body);
  if (preferred !== null) res.headers.set("Preference-Applied", `odata.maxpagesize=${preferred}`);
  return res;
}

const router = new Hono<AppEnv>();

const serviceDocument = async (c: Context<AppEnv>) => {
  const associationId = c.req.param("associationId")!;
  await associationAccess(c.env.DB, c.get("principal"), associationId);
  return reply(c, {
    "@odata.context": `${serviceRoot(c)}$metadata`,
    value: Object.keys(ENTITY_SETS).map((name) => ({ name, kind: "EntitySet", url: name })),
  });
};
router.get("/:associationId/odata", serviceDocument);
router.get("/:associationId/odata/", serviceDocument);

router.get("/:associationId/odata/:resource", async (c) => {
  const { associationId, resource } = c.req.param();
  if (resource === "$metadata") {
    // The same 404 as everything else here: the document says nothing, but its existence would.
    await associationAccess(c.env.DB, c.get("principal"), associationId);
    return new Response(metadataXml(), { headers: { "content-type": "application/xml;charset=utf-8", ...ODATA_VERSION } });
  }
  if (!isEntitySet(resource)) throw notFound(`OData resource ${resource} (${Object.keys(ENTITY_SETS).join(", ")})`, "resource");
  return entitySet(c, associationId, resource);
});

// A collection's row count alone (OData 4.01 §11.2.10), as Power Query asks for "Count Rows": $filter applies.
router.get("/:associationId/odata/:resource/:segment", async (c) => {
  const { associationId, resource, segment } = c.req.param();
  if (!isEntitySet(resource) || segment !== "$count") throw notFound(`OData resource ${resource}/${segment}`, "resource");
  const q = parseODataQuery(ENTITY_SETS[resource], new URL(c.req.url).searchParams, sortKeyLength(resource));
  const { count } = await readEntitySet(
    c.env.DB,
    resource,
    associationId,
    await readerOf(c, associationId),
    { filter: q.filter, withNotes: false, count: true },
    { limit: 0, offset: 0, after: null },
  );
  return new Response(String(count), { headers: { "content-type": "text/plain;charset=utf-8", ...ODATA_VERSION } });
});

/** Refusals in OData's JSON error shape (`target` names the query option or input). */
router.onError((err, c) => {
  const error =
    err instanceof ODataQueryError
      ? { status: 400, code: "bad_request", message: err.message, target: err.option }
      : err instanceof ApiError
        ? { status: err.status, code: err.code, message: err.message, target: err.field }
        : null;
  if (!error) {
    console.error("unhandled error", err);
    return c.json({ error: { code: "internal", message: "internal error" } }, 500, ODATA_VERSION);
  }
  const { status, ...body } = error;
  return c.json({ error: body }, status as 400, ODATA_VERSION);
});

export const odata = router;
