/**
 * Worker API figures: push and pull of a 2,000-row plan, and a pull with one changed row — time,
 * bytes on the wire, and the ratio of API time to the same SQL run directly on the D1 binding.
 *
 * Both sides run in one Miniflare (workerd + one local D1, in memory), timed from Node around one
 * `dispatchFetch` each: the API worker (routing, auth, access, validation, JSON), and a bench-only worker
 * (tests/bench/sql-worker.ts) that runs the same query modules on the same binding with none of that.
 * Both cross the same Node ↔ workerd hop, so the ratio is what the API layer adds to its own SQL.
 * (Calling the binding from Node instead would time Miniflare's proxy, one round trip per statement.)
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { CreatePlanRequest } from "../../shared/api/plans.ts";
import type { Mutation, PullResponse, PushRequest, SyncKind } from "../../shared/api/sync.ts";
import { MAX_MUTATIONS_PER_PUSH, MAX_PAGE_SIZE } from "../../shared/api/sync.ts";
import { ENTITY_KINDS, type PlanDocument } from "../../shared/model/plan.ts";
import { issueToken, tenancy } from "../../worker/src/db/tenancy.ts";
import { REPO } from "../../worker/tools/wrangler.ts";
import { startLocalWorker } from "../support/local-worker.ts";
import { syntheticPlan } from "./layout.ts";

const ROWS = 2000;
const ROUNDS = 5;

interface Sample {
  ms: number;
  sqlMs: number;
  sent: number;
  received: number;
  receivedGzip: number;
  requests: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => (n / 1024).toFixed(1);

function mutationsOf(doc: PlanDocument): Mutation[] {
  return ENTITY_KINDS.flatMap((kind) =>
    doc[kind].map((e): Mutation => ({ mutationId: crypto.randomUUID(), kind: kind as SyncKind, entityId: e.id, op: "upsert", baseVersion: 0, fields: e })),
  );
}

function withFreshHeader(doc: PlanDocument): PlanDocument {
  const communityId = crypto.randomUUID();
  return { ...doc, community: { ...doc.community, id: communityId }, plan: { ...doc.plan, id: crypto.randomUUID(), communityId } };
}

export async function benchWorker(): Promise<void> {
  const local = await startLocalWorker({ extraWorkers: [{ name: "sql", entry: join(REPO, "tests", "bench", "sql-worker.ts") }] });
  const { mf, db } = local;
  const sqlWorker = await mf.getWorker("sql");
  /** Wall time of one job on the bench-only worker. */
  const direct = async (job: unknown) => {
    const t = performance.now();
    const res = await sqlWorker.fetch("http://sql/", { method: "POST", body: JSON.stringify(job) });
    await res.text();
    if (!res.ok) throw new Error(`sql worker: ${res.status}`);
    return performance.now() - t;
  };
  try {
    const at = new Date().toISOString();
    const userId = crypto.randomUUID();
    const issued = await issueToken({ userId, label: "bench", expiresAt: "2999-01-01T00:00:00.000Z", at });
    await local.run([tenancy.user(userId, "Bench", at), tenancy.grant(userId, "admin", null), issued.statement]);
    const api = await mf.getWorker("api");
    const headers = { authorization: `Bearer ${issued.token}`, "content-type": "application/json" };
    const call = async (path: string, body?: unknown) => {
      const sent = body === undefined ? "" : JSON.stringify(body);
      const t = performance.now();
      const res = await api.fetch(`http://bench${path}`, { method: body === undefined ? "GET" : "POST", headers, body: sent || undefined });
      const text = await res.text();
      const ms = performance.now() - t;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
      return { ms, sent: Buffer.byteLength(sent), received: Buffer.byteLength(text), receivedGzip: gzipSync(text).length, json: JSON.parse(text) as unknown };
    };
    /** A plan with only its header, in a community of its own; the rows then come by push. */
    const newPlan = async (doc: PlanDocument) => {
      await db.batch([tenancy.community(doc.community.id, doc.community.name, at)].map((s) => db.prepare(s.sql).bind(...s.params)));
      const empty: PlanDocument = { ...doc, swot: [], priorities: [], goals: [], tasks: [], risks: [], indicators: [], observations: [] };
      await call("/v1/plans", { clientId: "bench", document: empty } satisfies CreatePlanRequest);
      return { planId: doc.plan.id, communityId: doc.community.id };
    };

    const source = syntheticPlan(ROWS);
    const sheetRows = source.swot.length + source.priorities.length + source.goals.length + source.tasks.length + source.risks.length + source.indicators.length;
    const results: Record<"push" | "pull" | "pullOne", Sample[]> = { push: [], pull: [], pullOne: [] };

    for (let round = 0; round < ROUNDS; round++) {
      const viaApi = await newPlan(withFreshHeader(source));
      const twin = await newPlan(withFreshHeader(source));
      const mutations = mutationsOf(source);
      const chunks = Array.from({ length: Math.ceil(mutations.length / MAX_MUTATIONS_PER_PUSH) }, (_, i) =>
        mutations.slice(i * MAX_MUTATIONS_PER_PUSH, (i + 1) * MAX_MUTATIONS_PER_PUSH),
      );

      const pushSample: Sample = { ms: 0, sqlMs: 0, sent: 0, received: 0, receivedGzip: 0, requests: 0 };
      for (const chunk of chunks) {
        const body: PushRequest = { clientId: "bench", mutations: chunk };
        const r = await call(`/v1/plans/${viaApi.planId}/push`, body);
        Object.assign(pushSample, { ms: pushSample.ms + r.ms, sent: pushSample.sent + r.sent, received: pushSample.received + r.received, receivedGzip: pushSample.receivedGzip + r.receivedGzip, requests: pushSample.requests + 1 });
        // The same push to the twin plan, minus routing, auth and validation: its lookups and its batch.
        const copy = chunk.map((m) => ({ ...m, mutationId: crypto.randomUUID() }));
        pushSample.sqlMs += await direct({ op: "push", scope: { ...twin, access: "edit", admin: true }, userId, request: { clientId: "bench", mutations: copy } });
      }
      results.push.push(pushSample);

      const pullAll = async (planId: string, since: number) => {
        const sample: Sample = { ms: 0, sqlMs: 0, sent: 0, received: 0, receivedGzip: 0, requests: 0 };
        let cursor = since;
        for (let more = true; more; ) {
          const r = await call(`/v1/plans/${planId}/pull?since=${cursor}&limit=${MAX_PAGE_SIZE}`);
          const page = r.json as PullResponse;
          Object.assign(sample, { ms: sample.ms + r.ms, received: sample.received + r.received, receivedGzip: sample.receivedGzip + r.receivedGzip, requests: sample.requests + 1 });
          sample.sqlMs += await direct({ op: "pull", planId, since: cursor, limit: MAX_PAGE_SIZE });
          cursor = page.cursor;
          more = page.hasMore;
        }
        return { sample, cursor };
      };
      const full = await pullAll(viaApi.planId, 0);
      results.pull.push(full.sample);

      const one = source.observations[round]!;
      const change: Mutation = { mutationId: crypto.randomUUID(), kind: "observations", entityId: one.id, op: "upsert", baseVersion: 1, fields: { value: 1000 + round } };
      await call(`/v1/plans/${viaApi.planId}/push`, { clientId: "bench", mutations: [change] } satisfies PushRequest);
      const after = await pullAll(viaApi.planId, full.cursor);
      results.pullOne.push(after.sample);
    }

    console.log(`\n## Worker API (Miniflare, local D1): ${sheetRows.toLocaleString("en")} sheet rows + ${source.observations.length.toLocaleString("en")} observations = ${mutationsOf(source).length.toLocaleString("en")} synced rows; median of ${ROUNDS} rounds\n`);
    console.log("| operation | requests | API ms | same SQL on the binding, ms | API / SQL | sent KB | received KB | received KB gzip |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
    const labels = { push: `push all rows (${MAX_MUTATIONS_PER_PUSH} per request)`, pull: `pull all from cursor 0 (${MAX_PAGE_SIZE} per page)`, pullOne: "pull after one changed row" };
    for (const key of ["push", "pull", "pullOne"] as const) {
      const s = results[key];
      const ms = median(s.map((x) => x.ms));
      const sqlMs = median(s.map((x) => x.sqlMs));
      console.log(`| ${labels[key]} | ${s[0]!.requests} | ${ms.toFixed(1)} | ${sqlMs.toFixed(1)} | ${(ms / sqlMs).toFixed(2)} | ${kb(median(s.map((x) => x.sent)))} | ${kb(median(s.map((x) => x.received)))} | ${kb(median(s.map((x) => x.receivedGzip)))} |`);
    }
  } finally {
    await local.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchWorker();
