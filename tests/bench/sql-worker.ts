/**
 * Bench-only worker: runs the API's query modules on the D1 binding inside workerd, with no HTTP
 * routing, auth or validation — the "same SQL, directly" side of tests/bench/worker.ts.
 */
import type { PushRequest } from "../../shared/api/sync.ts";
import { type ComparisonParams, comparisonStatements, completenessStatements } from "../../worker/src/db/compare.ts";
import { pullPage } from "../../worker/src/db/entities.ts";
import type { Env } from "../../worker/src/env.ts";
import { push } from "../../worker/src/sync/push.ts";
import type { PushScope } from "../../worker/src/sync/decide.ts";

type Job =
  | { op: "push"; scope: PushScope; userId: string; request: PushRequest }
  | { op: "pull"; planId: string; since: number; limit: number }
  | { op: "comparison"; associationId: string; query: ComparisonParams }
  | { op: "completeness"; associationId: string; year: number };

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const job = (await request.json()) as Job;
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
