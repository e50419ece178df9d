// Query-module tests: the SQL of worker/src/db against the real local D1, without the HTTP layer.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { lookupToken } from "../../worker/src/db/auth.ts";
import { currentRows, pullPage } from "../../worker/src/db/entities.ts";
import { historyPage } from "../../worker/src/db/history.ts";
import { insertPlan } from "../../worker/src/db/plans.ts";
import { MAX_BOUND_PARAMETERS, multiRowInsert } from "../../worker/src/db/sql.ts";
import { issueToken, tenancy } from "../../worker/src/db/tenancy.ts";
import { rowWriteStatements, type RowWrite, type WriteContext } from "../../worker/src/db/writes.ts";
import type { D1Database } from "../../worker/src/env.ts";
import { run, uuid } from "./support/world.ts";

const db = env.DB;

async function freshPlan(): Promise<WriteContext> {
  const at = new Date().toISOString();
  const ctx = { planId: uuid(), communityId: uuid(), actorId: uuid(), clientId: "db-test", at };
  await run([tenancy.community(ctx.communityId, "C", at), tenancy.user(ctx.actorId, "Actor", at)]);
  await insertPlan(db, { id: ctx.planId, communityId: ctx.communityId, at }).run();
  return ctx;
}

const risk = (n: number, text = `Ризик ${n}`) => ({ id: uuid(), kind: "internal", risk: text, order: n });
const created = <T extends { id: string }>(data: T, kind: RowWrite["kind"] = "risks"): RowWrite => ({ kind, id: data.id, version: 1, deleted: false, data });

const logOf = (planId: string) =>
  db.prepare("SELECT seq, entity_id, version, op, old_data, new_data FROM change_log WHERE plan_id = ?1 ORDER BY seq").bind(planId).all<{
    seq: number;
    entity_id: string;
    version: number;
    op: string;
    old_data: string | null;
    new_data: string | null;
  }>();

describe("multiRowInsert", () => {
  it("never binds more than D1's 100 parameters in one statement, shared values bound once", () => {
    const bound: number[] = [];
    const sqls: string[] = [];
    const fake = {
      prepare: (sql: string) => ({ bind: (...params: unknown[]) => (sqls.push(sql), bound.push(params.length), {}) }),
    } as unknown as D1Database;
    const rows = Array.from({ length: 250 }, (_, i) => [`k${i}`, i, "x", "y", "z"]);
    multiRowInsert(fake, { into: "t (a, b, c, d, e, f, g, h, i)", shared: [1, 2, 3, 4], rows });
    expect(Math.max(...bound)).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
    expect(bound.reduce((a, b) => a + b - 4, 0)).toBe(250 * 5);
    expect(sqls[0]).toMatch(/^INSERT INTO t \(a, b, c, d, e, f, g, h, i\) VALUES \(\?1, \?2, \?3, \?4, \?5, \?6, \?7, \?8, \?9\), \(\?1, \?2, \?3, \?4, \?10,/);
  });
});

describe("rowWriteStatements", () => {
  it("writes hundreds of rows and logs each once, linking every row to its log entry", async () => {
    const ctx = await freshPlan();
    const risks = Array.from({ length: 250 }, (_, i) => risk(i));
    await db.batch(rowWriteStatements(db, ctx, risks.map((r) => created(r))));
    const log = await logOf(ctx.planId);
    expect(log.results.map((r) => r.entity_id)).toEqual(risks.map((r) => r.id));
    expect(log.results.every((r) => r.op === "create" && r.version === 1 && r.old_data === null)).toBe(true);
    const unlinked = await db.prepare("SELECT COUNT(*) AS n FROM entities WHERE plan_id = ?1 AND (last_seq IS NULL OR prev_data IS NOT NULL)").bind(ctx.planId).first("n");
    expect(unlinked).toBe(0);
    const page = await pullPage(db, ctx.planId, 0, 1000, null);
    expect(page.changes.map((c) => c.id)).toEqual(risks.map((r) => r.id));
    expect(page.cursor).toBe(log.results.at(-1)!.seq);
  });

  it("aborts the whole batch when one write's version guard fails (a stale write)", async () => {
    const ctx = await freshPlan();
    const [a, b] = [risk(1), risk(2)];
    await db.batch(rowWriteStatements(db, ctx, [created(a), created(b)]));
    await db.batch(rowWriteStatements(db, ctx, [{ ...created({ ...a, risk: "v2" }), version: 2 }]));
    const before = (await logOf(ctx.planId)).results.length;
    // b moves to 2 legitimately; a claims version 2 again, as a writer that read version 1 would.
    const stale = rowWriteStatements(db, ctx, [
      { ...created({ ...b, risk: "b2" }), version: 2 },
      { ...created({ ...a, risk: "lost update" }), version: 2 },
    ]);
    await expect(db.batch(stale)).rejects.toThrow(/NOT NULL constraint failed: entities.version/);
    const rows = await currentRows(db, ctx.planId, [a.id, b.id]);
    expect([rows.get(`risks:${a.id}`)!.data, rows.get(`risks:${b.id}`)!.version]).toEqual([{ ...a, risk: "v2" }, 1]);
    expect((await logOf(ctx.planId)).results).toHaveLength(before);
  });

  it("aborts a create onto an existing row and any write onto a tombstone", async () => {
    const ctx = await freshPlan();
    const a = risk(1);
    await db.batch(rowWriteStatements(db, ctx, [created(a)]));
    await expect(db.batch(rowWriteStatements(db, ctx, [created(a)]))).rejects.toThrow(/constraint failed/);
    await db.batch(rowWriteStatements(db, ctx, [{ ...created(a), version: 2, deleted: true }]));
    await expect(db.batch(rowWriteStatements(db, ctx, [{ ...created(a), version: 3 }]))).rejects.toThrow(/constraint failed/);
    const log = await logOf(ctx.planId);
    expect(log.results.map((r) => [r.op, r.version, r.new_data === null])).toEqual([
      ["create", 1, false],
      ["delete", 2, true],
    ]);
    expect(JSON.parse(log.results[1]!.old_data!)).toEqual(a);
  });

  it("keeps the community directory's name in step with the community row", async () => {
    const ctx = await freshPlan();
    const community = { id: ctx.communityId, name: "Житомир", kind: "city", country: "UA" };
    await db.batch(rowWriteStatements(db, ctx, [created(community, "community")]));
    expect(await db.prepare("SELECT name FROM communities WHERE id = ?1").bind(ctx.communityId).first("name")).toBe("Житомир");
  });

  it("exposes observations as typed columns for SQL aggregation", async () => {
    const ctx = await freshPlan();
    const indicatorId = uuid();
    const observations = [
      { id: uuid(), indicatorId, period: { year: 2014, quarter: 2 }, value: 12.5 },
      { id: uuid(), indicatorId, period: { year: 2015 }, value: null },
    ];
    await db.batch(rowWriteStatements(db, ctx, observations.map((o) => created(o, "observations"))));
    const { results } = await db
      .prepare("SELECT obs_indicator_id, obs_year, obs_quarter, obs_value FROM entities WHERE plan_id = ?1 AND kind = 'observations' ORDER BY obs_year")
      .bind(ctx.planId)
      .all();
    expect(results).toEqual([
      { obs_indicator_id: indicatorId, obs_year: 2014, obs_quarter: 2, obs_value: 12.5 },
      { obs_indicator_id: indicatorId, obs_year: 2015, obs_quarter: null, obs_value: null },
    ]);
  });
});

describe("pullPage and historyPage", () => {
  it("gives each row once in its latest state, narrowed to the kinds asked for", async () => {
    const ctx = await freshPlan();
    const a = risk(1);
    const o = { id: uuid(), indicatorId: uuid(), period: { year: 2014 }, value: 1 };
    await db.batch(rowWriteStatements(db, ctx, [created(a), created(o, "observations")]));
    await db.batch(rowWriteStatements(db, ctx, [{ ...created({ ...a, risk: "v2" }), version: 2 }]));
    const all = await pullPage(db, ctx.planId, 0, 10, null);
    expect(all.changes.map((c) => [c.kind, c.version])).toEqual([["observations", 1], ["risks", 2]]);
    const narrowed = await pullPage(db, ctx.planId, 0, 10, ["observations"]);
    expect(narrowed.changes.map((c) => c.id)).toEqual([o.id]);
  });

  it("pages history newest first and stops with next = null", async () => {
    const ctx = await freshPlan();
    const a = risk(1);
    await db.batch(rowWriteStatements(db, ctx, [created(a)]));
    for (const version of [2, 3, 4]) await db.batch(rowWriteStatements(db, ctx, [{ ...created({ ...a, order: version }), version }]));
    const first = await historyPage(db, { planId: ctx.planId, entityId: a.id }, { limit: 3 });
    expect(first.entries.map((e) => e.version)).toEqual([4, 3, 2]);
    const second = await historyPage(db, { planId: ctx.planId, entityId: a.id }, { before: first.next!, limit: 3 });
    expect([second.entries.map((e) => e.version), second.next]).toEqual([[1], null]);
  });
});

describe("lookupToken", () => {
  it("finds a token by its hash and tells unknown, revoked and expired apart", async () => {
    const at = new Date().toISOString();
    const userId = uuid();
    const communityId = uuid();
    const live = await issueToken({ userId, label: "t", expiresAt: "2999-01-01T00:00:00.000Z", at });
    const old = await issueToken({ userId, label: "t", expiresAt: "2000-01-01T00:00:00.000Z", at });
    const gone = await issueToken({ userId, label: "t", expiresAt: "2999-01-01T00:00:00.000Z", at });
    await run([
      tenancy.user(userId, "U", at),
      tenancy.community(communityId, "C", at),
      tenancy.grant(userId, "monitor", communityId),
      live.statement,
      old.statement,
      gone.statement,
      tenancy.revokeToken(gone.tokenId, at),
    ]);
    const hashOf = (s: { params: unknown[] }) => s.params[2] as string;
    const found = await lookupToken(db, hashOf(live.statement), at);
    expect(found).toEqual({
      status: "ok",
      principal: { userId, userName: "U", tokenId: live.tokenId, tokenExpiresAt: "2999-01-01T00:00:00.000Z", grants: [{ role: "monitor", communityId }] },
    });
    expect((await lookupToken(db, hashOf(old.statement), at)).status).toBe("expired");
    expect((await lookupToken(db, hashOf(gone.statement), at)).status).toBe("revoked");
    expect((await lookupToken(db, "0".repeat(64), at)).status).toBe("unknown");
  });
});
