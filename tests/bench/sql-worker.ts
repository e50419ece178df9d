/**
 * Bench-only worker: runs the API's query modules on the D1 binding inside workerd, with no HTTP
 * routing, auth or validation — the "same SQL, directly" side of tests/bench/worker.ts, compare.ts and
 * open-data.ts.
 */
import type { Condition } from "../../shared/api/odata.ts";
import type { PushRequest } from "../../shared/api/sync.ts";
import { type ComparisonParams, comparisonStatements, completenessStatements } from "../../worker/src/db/compare.ts";
import { pullPage } from "../../worker/src/db/entities.ts";
import { readEntitySet, sortKey } from "../../worker/src/db/odata.ts";
import type { D1Database, Env } from "../../worker/src/env.ts";
import { push } from "../../worker/src/sync/push.ts";
import type { PushScope } from "../../worker/src/sync/decide.ts";

/**
 * The statement the long export and the OData feed read observations with (worker/src/db/odata.ts
 * readEntitySet), with no access checks or encoding: as one statement for every row, or page after page
 * by the same seek the routes use.
 */
export interface ObservationsJob {
  op: "observations";
  associationId: string;
  filter: Condition[];
  /** Rows per read; null for one statement. */
  pageSize: number | null;
}

type Job =
  | { op: "push"; scope: PushScope; userId: string; request: PushRequest }
  | { op: "pull"; planId: string; since: number; limit: number }
  | { op: "comparison"; associationId: string; query: ComparisonParams }
  | { op: "completeness"; associationId: string; year: number }
  | ObservationsJob;

/** How many rows and reads an ObservationsJob took; the rows stay here, as the routes' own reads stay in the Worker. */
async function observations(db: D1Database, job: ObservationsJob): Promise<{ rows: number; reads: number }> {
  const reader = { namedOnly: false, notesOf: null };
  let rows = 0;
  let reads = 0;
  let after: (string | number)[] | null = null;
  for (;;) {
    const page = await readEntitySet(db, "Observations", job.associationId, reader, { filter: job.filter, withNotes: true, count: false }, {
      limit: job.pageSize ?? 10_000_000,
      offset: 0,
      after,
    });
    reads++;
    rows += page.rows.length;
    if (job.pageSize === null || page.rows.length < job.pageSize) return { rows, reads };
    after = sortKey("Observations", page.rows.at(-1)!);
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const job = (await request.json()) as Job;
    if (job.op === "observations") return Response.json(await observations(env.DB, job));
    const result =
      job.op === "push"
        ? await push(env.DB, job.scope, { userId: job.userId, clientId: job.request.clientId }, job.request)
        : job.op === "pull"
          ? await pullPage(env.DB, job.planId, job.since, job.limit, null)
          : job.op === "comparison"
            ? (await env.DB.batch(comparisonStatements(env.DB, job.associationId, job.query))).map((r) => r.results)
            : (await env.DB.batch(completenessStatements(env.DB, job.associationId, {}, job.year))).map((r) => r.results);
    return new Response(String(JSON.stringify(result).length));
  },
};
