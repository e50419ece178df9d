import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { PullResponse, PushResponse, UpsertMutation } from "../../shared/api/sync.ts";
import { MAX_BODY_BYTES, MAX_MUTATIONS_PER_PUSH } from "../../shared/api/sync.ts";
import type { Observation } from "../../shared/model/plan.ts";
import { type RowWrite, rowWriteStatements } from "../../worker/src/db/writes.ts";
import { push as pushNow } from "../../worker/src/sync/push.ts";
import { heldWrites, watchedDb } from "./support/watched-db.ts";
import { api, countLog, errorOf, json, makeWorld, openRound, push, pushBody, stored, uuid, valueUpdate, type World } from "./support/world.ts";

describe("push", () => {
  it("applies a batch, bumping each row's version and logging who, which client, before and after", async () => {
    const w = await makeWorld();
    const goal = w.doc.goals[0]!;
    const newRisk = { id: uuid(), kind: "external" as const, risk: "Нова загроза", order: 99 };
    const { results } = await push(w, w.tokens.editor, [
      valueUpdate(w, 77),
      { mutationId: uuid(), kind: "goals", entityId: goal.id, op: "upsert", baseVersion: 1, fields: { title: "Нова ціль" } },
      { mutationId: uuid(), kind: "risks", entityId: newRisk.id, op: "upsert", baseVersion: 0, fields: newRisk },
      { mutationId: uuid(), kind: "swot", entityId: w.doc.swot[0]!.id, op: "delete", baseVersion: 1 },
    ]);
    expect(results.map((r) => (r.status === "applied" ? r.version : r.status))).toEqual([2, 2, 1, 2]);
    expect(JSON.parse((await stored(w.ids.plan, "goals", goal.id))!.data)).toEqual({ ...goal, title: "Нова ціль" });
    expect((await stored(w.ids.plan, "swot", w.doc.swot[0]!.id))!.deleted).toBe(1);
    const log = await env.DB.prepare(
      "SELECT op, actor, client_id, old_data, new_data FROM change_log WHERE plan_id = ?1 AND entity_id = ?2 ORDER BY seq",
    )
      .bind(w.ids.plan, goal.id)
      .all<{ op: string; actor: string; client_id: string; old_data: string; new_data: string }>();
    expect(log.results.map((r) => [r.op, r.actor, r.client_id])).toEqual([
      ["create", w.users.admin, "test"],
      ["update", w.users.editor, "workbook-1"],
    ]);
    expect(JSON.parse(log.results[1]!.old_data).title).toBe(goal.title);
    expect(JSON.parse(log.results[1]!.new_data).title).toBe("Нова ціль");
  });

  it("returns a stale base version as a conflict with the server's row and overwrites nothing", async () => {
    const w = await makeWorld();
    // The monitor fills 2013 and 2014 (observations 0 and 1): their rounds are open.
    await openRound(w, 2013);
    await openRound(w, 2014);
    await push(w, w.tokens.editor, [valueUpdate(w, 10)]);
    const before = await countLog(w.ids.plan);
    const { results } = await push(w, w.tokens.monitor, [valueUpdate(w, 99, 1), valueUpdate(w, 5, 1, 1)]);
    expect(results[0]).toMatchObject({
      status: "conflict",
      current: { kind: "observations", version: 2, deleted: false, data: { value: 10 }, updatedBy: { id: w.users.editor, name: "User editor" } },
    });
    expect(results[1]).toMatchObject({ status: "applied", version: 2 });
    expect(JSON.parse((await stored(w.ids.plan, "observations", w.doc.observations[0]!.id))!.data).value).toBe(10);
    expect(await countLog(w.ids.plan)).toBe(before + 1);
  });

  it("validates before deciding on the version: a stale mutation with an invalid field is 400 naming it, never a conflict", async () => {
    const w = await makeWorld();
    await push(w, w.tokens.editor, [valueUpdate(w, 10)]);
    // Stale (the row is at version 2) and invalid: the client must hear about the field, not queue it
    // across a conflict.
    const stale = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([{ ...valueUpdate(w, 1, 1), fields: { value: "many" } }]) });
    expect(stale.status).toBe(400);
    expect(await errorOf(stale)).toMatchObject({ code: "bad_request", field: "mutations[0].fields.value" });
    // A create of a row that exists already, with an invalid entity: the same.
    const [existing] = w.doc.observations;
    const create = await api(`/v1/plans/${w.ids.plan}/push`, {
      token: w.tokens.editor,
      body: pushBody([{ mutationId: uuid(), kind: "observations", entityId: existing!.id, op: "upsert", baseVersion: 0, fields: { ...existing, period: { year: 1800 } } }]),
    });
    expect(create.status).toBe(400);
    expect((await errorOf(create)).field).toBe("mutations[0].fields.period.year");
    // And a refused role does not hide it either: the monitor's invalid note on a year without a round.
    const monitor = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.monitor, body: pushBody([{ ...valueUpdate(w, 1, 2), fields: { note: 5 } }]) });
    expect((await errorOf(monitor)).field).toBe("mutations[0].fields.note");
  });

  it("validates before deciding on the version: removing a required field, and a plan period sent backwards", async () => {
    const w = await makeWorld();
    const goal = w.doc.goals[0]!;
    await push(w, w.tokens.editor, [
      { mutationId: uuid(), kind: "goals", entityId: goal.id, op: "upsert", baseVersion: 1, fields: { title: "Нова ціль" } },
      { mutationId: uuid(), kind: "plan", entityId: w.ids.plan, op: "upsert", baseVersion: 1, fields: { title: "Новий план" } },
    ]);
    const send = (mutation: Omit<UpsertMutation, "mutationId" | "op">) => api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([{ mutationId: uuid(), op: "upsert", ...mutation }]) });
    // Both stale (the rows are at version 2): 400 naming the field, never a conflict.
    const unset = await send({ kind: "goals", entityId: goal.id, baseVersion: 1, fields: {}, unset: ["title"] });
    expect(unset.status).toBe(400);
    expect(await errorOf(unset)).toMatchObject({ code: "bad_request", field: "mutations[0].fields.title" });
    expect((await errorOf(await send({ kind: "goals", entityId: goal.id, baseVersion: 2, fields: {}, unset: ["title"] }))).field).toBe("mutations[0].fields.title");
    const backwards = await send({ kind: "plan", entityId: w.ids.plan, baseVersion: 1, fields: { firstYear: 2030, lastYear: 2020 } });
    expect(backwards.status).toBe(400);
    expect(await errorOf(backwards)).toMatchObject({ code: "bad_request", field: "mutations[0].fields.lastYear" });
    // Unsetting an optional field and sending a period the right way round are decided on the version.
    const vision = await json<PushResponse>(await send({ kind: "plan", entityId: w.ids.plan, baseVersion: 1, fields: {}, unset: ["vision"] }));
    expect(vision.results[0]!.status).toBe("conflict");
    const period = await json<PushResponse>(await send({ kind: "plan", entityId: w.ids.plan, baseVersion: 2, fields: { firstYear: 2014, lastYear: 2020 } }));
    expect(period.results[0]!.status).toBe("applied");
  });

  it("answers a retry with the original results and writes nothing twice", async () => {
    const w = await makeWorld();
    const mutations = [valueUpdate(w, 11), valueUpdate(w, 12, 5, 1)];
    const first = await push(w, w.tokens.editor, mutations);
    const logged = await countLog(w.ids.plan);
    // Someone else writes meanwhile: the retry still answers what was decided the first time.
    await push(w, w.tokens.editor, [valueUpdate(w, 13, 2)]);
    const retry = await push(w, w.tokens.editor, mutations);
    expect(retry).toEqual(first);
    expect(first.results.map((r) => r.status)).toEqual(["applied", "conflict"]);
    expect(await countLog(w.ids.plan)).toBe(logged + 1);
  });

  it("refuses a mutation id reused with a different body", async () => {
    const w = await makeWorld();
    const m = valueUpdate(w, 20);
    await push(w, w.tokens.editor, [m]);
    const res = await api(`/v1/plans/${w.ids.plan}/push`, {
      token: w.tokens.editor,
      body: pushBody([valueUpdate(w, 1, 1, 2), { ...m, fields: { value: 21 } }]),
    });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({ code: "idempotency_mismatch", field: "mutations[1].mutationId" });
    expect(JSON.parse((await stored(w.ids.plan, "observations", w.doc.observations[2]!.id))!.data).value).toBe(15);
  });

  it("writes nothing of a batch when one merged entity is invalid, and names its field", async () => {
    const w = await makeWorld();
    const logged = await countLog(w.ids.plan);
    const res = await api(`/v1/plans/${w.ids.plan}/push`, {
      token: w.tokens.editor,
      body: pushBody([valueUpdate(w, 1), { ...valueUpdate(w, 2, 1, 1), fields: { value: "many" } }, valueUpdate(w, 3, 1, 2)]),
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "bad_request", field: "mutations[1].fields.value" });
    expect((await stored(w.ids.plan, "observations", w.doc.observations[0]!.id))!.version).toBe(1);
    expect(await countLog(w.ids.plan)).toBe(logged);
  });

  it("refuses two changes of one row in one push, naming the second", async () => {
    const w = await makeWorld();
    const res = await api(`/v1/plans/${w.ids.plan}/push`, {
      token: w.tokens.editor,
      body: pushBody([valueUpdate(w, 1), valueUpdate(w, 2, 2)]),
    });
    expect(await errorOf(res)).toMatchObject({ code: "bad_request", field: "mutations[1].entityId" });
  });

  it.each([
    ["a field the kind does not have", { fields: { colour: "red" } }, "mutations[0].fields.colour"],
    ["a changed id", { fields: { id: "00000000-0000-4000-8000-000000000999" } }, "mutations[0].fields.id"],
    ["a required field unset", { unset: ["indicatorId"] }, "mutations[0].fields.indicatorId"],
    ["a delete without a base version", { op: "delete", baseVersion: 0 }, "mutations[0].baseVersion"],
    ["an unknown kind", { kind: "budgets" }, "mutations[0].kind"],
    ["a non-uuid mutation id", { mutationId: "1" }, "mutations[0].mutationId"],
  ])("refuses %s with 400 naming the field", async (_name, patch, field) => {
    const w = await makeWorld();
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([{ ...valueUpdate(w, 1), ...patch } as never]) });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe(field);
  });

  it("keeps a tombstone: a write to a deleted row is a conflict carrying the tombstone", async () => {
    const w = await makeWorld();
    const risk = w.doc.risks[0]!;
    await push(w, w.tokens.editor, [{ mutationId: uuid(), kind: "risks", entityId: risk.id, op: "delete", baseVersion: 1 }]);
    const { results } = await push(w, w.tokens.editor, [
      { mutationId: uuid(), kind: "risks", entityId: risk.id, op: "upsert", baseVersion: 2, fields: { risk: "x" } },
    ]);
    expect(results[0]).toMatchObject({ status: "conflict", current: { deleted: true, version: 2, data: risk } });
  });

  it("refuses the plan header moving to another community", async () => {
    const w = await makeWorld();
    const res = await api(`/v1/plans/${w.ids.plan}/push`, {
      token: w.tokens.editor,
      body: pushBody([{ mutationId: uuid(), kind: "plan", entityId: w.ids.plan, op: "upsert", baseVersion: 1, fields: { communityId: w.ids.otherCommunity } }]),
    });
    expect((await errorOf(res)).field).toBe("mutations[0].fields.communityId");
  });
});

describe("push limits and malformed bodies", () => {
  it(`refuses more than ${MAX_MUTATIONS_PER_PUSH} mutations with 400 naming mutations`, async () => {
    const w = await makeWorld();
    const mutations = Array.from({ length: MAX_MUTATIONS_PER_PUSH + 1 }, () => valueUpdate(w, 1));
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody(mutations) });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ field: "mutations", message: `mutations: at most ${MAX_MUTATIONS_PER_PUSH} mutations per push` });
  });

  it("refuses a body over the size limit with 413 in the error shape", async () => {
    const w = await makeWorld();
    const body = JSON.stringify(pushBody([{ ...valueUpdate(w, 1), fields: { note: "x".repeat(MAX_BODY_BYTES) } }]));
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: "payload_too_large", field: "body" });
  });

  it("refuses a body over the limit sent without Content-Length (chunked)", async () => {
    const w = await makeWorld();
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > MAX_BODY_BYTES / chunk.length + 1) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const { default: app } = await import("../../worker/src/index.ts");
    const res = await app.request(
      `/v1/plans/${w.ids.plan}/push`,
      { method: "POST", body: stream, headers: { authorization: `Bearer ${w.tokens.editor}`, "content-type": "application/json" }, duplex: "half" } as RequestInit,
      env,
    );
    expect(res.status).toBe(413);
  });

  it("refuses malformed JSON with 400 naming the body", async () => {
    const w = await makeWorld();
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: "{ not json" });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "bad_request", field: "body" });
  });

  it("refuses a body that is not JSON with 415", async () => {
    const w = await makeWorld();
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: "a=b", headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe("unsupported_media_type");
  });

  it("refuses a bad plan id in the path with 400 naming it", async () => {
    const w = await makeWorld();
    const res = await api("/v1/plans/not-a-uuid/pull", { token: w.tokens.editor });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe("planId");
  });

  it("never answers a raw zod dump or a stack", async () => {
    const w = await makeWorld();
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: { clientId: "", mutations: "none" } });
    const body = await json<Record<string, unknown>>(res);
    expect(Object.keys(body)).toEqual(["error"]);
    expect(Object.keys(body.error as object).sort()).toEqual(["code", "field", "message"]);
    expect(JSON.stringify(body)).not.toMatch(/issues|stack|at .*\.ts/);
  });
});

describe("create plan", () => {
  it("refuses a second plan for a community with 409", async () => {
    const w = await makeWorld();
    const res = await api("/v1/plans", { token: w.tokens.editor, body: { clientId: "t", document: { ...w.doc, plan: { ...w.doc.plan, id: uuid() } } } });
    expect(res.status).toBe(409);
  });

  it("refuses duplicate ids in a document, naming the second, and writes nothing", async () => {
    const w = await makeWorld({ plan: false });
    const document = { ...w.doc, risks: [w.doc.risks[0]!, w.doc.risks[0]!] };
    const res = await api("/v1/plans", { token: w.tokens.editor, body: { clientId: "t", document } });
    expect(await errorOf(res)).toMatchObject({ code: "bad_request", field: "document.risks[1].id" });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM plans WHERE id = ?1").bind(w.ids.plan).first("n")).toBe(0);
  });

  it("refuses a second value for an indicator's period in a document, naming it, and writes nothing", async () => {
    const w = await makeWorld({ plan: false });
    const [first] = w.doc.observations;
    const quarter = { ...first!, id: uuid(), period: { year: first!.period.year, quarter: 1 } };
    const document = { ...w.doc, observations: [...w.doc.observations, quarter, { ...first!, id: uuid(), value: 99 }] };
    const res = await api("/v1/plans", { token: w.tokens.editor, body: { clientId: "t", document } });
    expect(await errorOf(res)).toMatchObject({ code: "bad_request", field: `document.observations[${document.observations.length - 1}].period` });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM plans WHERE id = ?1").bind(w.ids.plan).first("n")).toBe(0);
  });

  it("names an invalid field of the document", async () => {
    const w = await makeWorld({ plan: false });
    const document = { ...w.doc, tasks: [{ ...w.doc.tasks[0]!, status: "dreaming" }] };
    const res = await api("/v1/plans", { token: w.tokens.editor, body: { clientId: "t", document } });
    expect((await errorOf(res)).field).toBe("document.tasks[0].status");
  });
});

describe("push results for the sync client", () => {
  it("come back in the order sent, one per mutation", async () => {
    const w = await makeWorld();
    const mutations = [valueUpdate(w, 1, 1, 2), valueUpdate(w, 2, 9, 0), valueUpdate(w, 3, 1, 1)];
    const res = await json<PushResponse>(await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody(mutations) }));
    expect(res.results.map((r) => r.mutationId)).toEqual(mutations.map((m) => m.mutationId));
  });
});

describe("push, all or nothing (the import's `whole`)", () => {
  it("writes nothing when one new mutation is not applied, answers the others withheld and keeps none as decided", async () => {
    const w = await makeWorld();
    await openRound(w, 2013);
    const scope = { planId: w.ids.plan, communityId: w.ids.community, access: "monitor" as const, admin: false };
    const pusher = { userId: w.users.monitor, clientId: "import-pane" };
    // Observations 0 and 1 are 2013's (open) and 2014's (no round: a monitor may not fill it).
    const req = { clientId: "import-pane", mutations: [valueUpdate(w, 50, 1, 0), valueUpdate(w, 51, 1, 1)] };
    const before = await countLog(w.ids.plan);
    const first = await pushNow(env.DB, scope, pusher, req, { whole: true });
    expect(first.results.map((r) => [r.mutationId, r.status, "rule" in r ? r.rule : null])).toEqual([
      [req.mutations[0]!.mutationId, "withheld", null],
      [req.mutations[1]!.mutationId, "forbidden", "monitor_outside_round_year"],
    ]);
    expect(await countLog(w.ids.plan)).toBe(before);
    expect(await stored(w.ids.plan, "observations", w.doc.observations[0]!.id)).toMatchObject({ version: 1 });
    // Sent again once 2014's round is open, the same mutations are decided afresh and written together.
    await openRound(w, 2014);
    const again = await pushNow(env.DB, scope, pusher, req, { whole: true });
    expect(again.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(await countLog(w.ids.plan)).toBe(before + 2);
  });
});

/** A new observation of the plan's first indicator for `year`, under an id of its own. */
function firstValue(w: World, year: number, value: number): UpsertMutation {
  const id = uuid();
  return { mutationId: uuid(), kind: "observations", entityId: id, op: "upsert", baseVersion: 0, fields: { id, indicatorId: w.doc.observations[0]!.indicatorId, period: { year }, value } };
}

/** The plan's live values of its first indicator for `year` (the year's own, not a quarter's). */
async function liveValues(planId: string, indicatorId: string, year: number) {
  const { results } = await env.DB.prepare(
    "SELECT id, obs_value AS value FROM entities WHERE plan_id = ?1 AND kind = 'observations' AND deleted = 0 AND obs_indicator_id = ?2 AND obs_year = ?3 AND obs_quarter IS NULL",
  )
    .bind(planId, indicatorId, year)
    .all<{ id: string; value: number }>();
  return results;
}

describe("one value per indicator and period (migration 0016)", () => {
  it("writes one value when two pushes race to create a year's first value under ids of their own; the other is refused as period_taken", async () => {
    const w = await makeWorld();
    const indicatorId = w.doc.observations[0]!.indicatorId;
    // Both pushes read and decide (2016 has no value yet) before either writes.
    const held = heldWrites(2);
    const DB = watchedDb(env.DB, held);
    const sent = [firstValue(w, 2016, 1), firstValue(w, 2016, 2)];
    const answers = await Promise.all(
      sent.map((m, k) => api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([m], `workbook-${k}`) }, { DB })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(held.arrived()).toBe(2);
    const results = await Promise.all(answers.map(async (a) => (await json<PushResponse>(a)).results[0]!));
    const winner = results.findIndex((r) => r.status === "applied");
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(results[1 - winner]).toMatchObject({ status: "forbidden", rule: "period_taken" });
    expect(await liveValues(w.ids.plan, indicatorId, 2016)).toEqual([{ id: sent[winner]!.entityId, value: winner + 1 }]);
  });

  it("turns values already doubled into tombstones, keeping the newest, logged as deletes that the next pull carries", async () => {
    const w = await makeWorld();
    const [original, single] = w.doc.observations;
    const { indicatorId } = original!;
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0016_"))!;
    // A store from before 0016: two more 2013 values, written one after the other as pushes wrote them,
    // and a first-quarter value of 2013 (another period).
    await env.DB.prepare("DROP INDEX entities_one_value_per_period").run();
    const ctx = (actorId: string) => ({ planId: w.ids.plan, communityId: w.ids.community, actorId, clientId: "workbook-1", at: new Date().toISOString() });
    const row = (data: Observation): RowWrite => ({ kind: "observations", id: data.id, version: 1, deleted: false, data });
    const older = { id: uuid(), indicatorId, period: { year: 2013 }, value: 100 };
    const newest = { id: uuid(), indicatorId, period: { year: 2013 }, value: 200 };
    const quarter = { id: uuid(), indicatorId, period: { year: 2013, quarter: 1 }, value: 5 };
    await env.DB.batch(rowWriteStatements(env.DB, ctx(w.users.monitor), [row(older)]));
    await env.DB.batch(rowWriteStatements(env.DB, ctx(w.users.editor), [row(newest), row(quarter)]));
    // A live value with no last_seq, as a seed interrupted before its backfill leaves it (worker/tools/large-demo.ts).
    const lastSeqOf = async (id: string) =>
      (await env.DB.prepare("SELECT last_seq FROM entities WHERE plan_id = ?1 AND id = ?2").bind(w.ids.plan, id).first<{ last_seq: number | null }>())!.last_seq;
    await env.DB.prepare("UPDATE entities SET last_seq = NULL WHERE plan_id = ?1 AND id = ?2").bind(w.ids.plan, single!.id).run();
    const cursor = (await env.DB.prepare("SELECT MAX(seq) AS seq FROM change_log WHERE plan_id = ?1").bind(w.ids.plan).first<{ seq: number }>())!.seq;

    for (const query of migration.queries) await env.DB.prepare(query).run();

    // The half-seeded value is no doubled one: live and untouched, its last_seq still for the seed to fill.
    expect(await stored(w.ids.plan, "observations", single!.id)).toMatchObject({ version: 1, deleted: 0 });
    expect(await lastSeqOf(single!.id)).toBeNull();

    expect(await liveValues(w.ids.plan, indicatorId, 2013)).toEqual([{ id: newest.id, value: 200 }]);
    for (const id of [original!.id, older.id]) expect(await stored(w.ids.plan, "observations", id)).toMatchObject({ version: 2, deleted: 1 });
    expect(await stored(w.ids.plan, "observations", quarter.id)).toMatchObject({ version: 1, deleted: 0 });
    // The other plan's 2013 value (the same indicator id) is another member's: untouched.
    expect(await liveValues(w.ids.otherPlan, indicatorId, 2013)).toHaveLength(1);
    const { results: log } = await env.DB.prepare(
      "SELECT entity_id, version, op, actor, client_id, old_data, new_data FROM change_log WHERE plan_id = ?1 AND seq > ?2 ORDER BY seq",
    )
      .bind(w.ids.plan, cursor)
      .all<{ entity_id: string; version: number; op: string; actor: string; client_id: string; old_data: string; new_data: string | null }>();
    expect(log.map((l) => [l.entity_id, l.version, l.op, l.actor, l.client_id, JSON.parse(l.old_data).value, l.new_data]).sort()).toEqual(
      [
        [original!.id, 2, "delete", w.users.editor, "migration:0016_one_value_per_period", original!.value, null],
        [older.id, 2, "delete", w.users.editor, "migration:0016_one_value_per_period", 100, null],
      ].sort(),
    );
    const pulled = await json<PullResponse>(await api(`/v1/plans/${w.ids.plan}/pull?since=${cursor}`, { token: w.tokens.editor }));
    expect(pulled.changes.map((c) => [c.id, c.version, c.deleted]).sort()).toEqual([[original!.id, 2, true], [older.id, 2, true]].sort());
    // The index is back: a third 2013 value written without the push's check fails its batch.
    await expect(env.DB.batch(rowWriteStatements(env.DB, ctx(w.users.editor), [row({ ...newest, id: uuid() })]))).rejects.toThrow(/constraint failed/i);
  });
});
