import { describe, expect, it } from "vitest";
import type { PlanSnapshot } from "../../shared/api/plans.ts";
import type { Mutation, PushResponse } from "../../shared/api/sync.ts";
import type { Observation } from "../../shared/model/plan.ts";
import { api, errorOf, json, makeWorld, openRound, planDocument, pushBody, stored, uuid } from "./support/world.ts";

// References between rows stay whole, and odd input is a 400 naming the field, never a 500.
describe("references between rows", () => {
  it("refuses a row pointing at a row the plan does not have, with the reason, and writes nothing of it", async () => {
    const w = await makeWorld();
    await openRound(w, 2014);
    const entityId = uuid();
    const orphan: Mutation = {
      mutationId: uuid(),
      kind: "observations",
      entityId,
      op: "upsert",
      baseVersion: 0,
      fields: { id: entityId, indicatorId: uuid(), period: { year: 2014 }, value: 3 },
    };
    for (const token of [w.tokens.monitor, w.tokens.editor]) {
      const res = await api(`/v1/plans/${w.ids.plan}/push`, { token, body: pushBody([{ ...orphan, mutationId: uuid() }]) });
      expect(res.status).toBe(200);
      const [result] = (await json<PushResponse>(res)).results;
      expect(result).toMatchObject({ status: "forbidden", reason: expect.stringContaining("indicatorId") });
    }
    const history = await api(`/v1/plans/${w.ids.plan}/history?entityId=${entityId}`, { token: w.tokens.editor });
    expect((await json<{ entries: unknown[] }>(history)).entries).toEqual([]);
  });

  it("refuses deleting a goal whose tasks stay, and its new tasks with it; accepts it with its tasks in one push", async () => {
    const w = await makeWorld();
    const goal = w.doc.goals[0]!;
    const tasks = w.doc.tasks.filter((t) => t.goalId === goal.id);
    const del = (kind: Mutation["kind"], id: string): Mutation => ({ mutationId: uuid(), kind, entityId: id, op: "delete", baseVersion: 1 });
    const newTaskId = uuid();
    const newTask: Mutation = {
      mutationId: uuid(),
      kind: "tasks",
      entityId: newTaskId,
      op: "upsert",
      baseVersion: 0,
      fields: { id: newTaskId, goalId: w.doc.goals[1]!.id, title: "Нове завдання", status: "planned", order: 9 },
    };
    const alone = await json<PushResponse>(
      await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([del("goals", goal.id), newTask]) }),
    );
    expect(alone.results.map((r) => r.status)).toEqual(["forbidden", "applied"]);
    expect(alone.results[0]).toMatchObject({ reason: expect.stringContaining("goalId") });
    const whole = await json<PushResponse>(
      await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([...tasks.map((t) => del("tasks", t.id)), del("goals", goal.id)]) }),
    );
    expect(whole.results.every((r) => r.status === "applied")).toBe(true);
    // A task created under the now deleted goal is refused, not written.
    const lateId = uuid();
    const late = await json<PushResponse>(
      await api(`/v1/plans/${w.ids.plan}/push`, {
        token: w.tokens.editor,
        body: pushBody([{ ...newTask, mutationId: uuid(), entityId: lateId, fields: { ...newTask.fields, id: lateId, goalId: goal.id } }]),
      }),
    );
    expect(late.results[0]).toMatchObject({ status: "forbidden", reason: expect.stringContaining("goalId") });
  });

  it("refuses a new plan whose rows point outside it", async () => {
    const w = await makeWorld({ plan: false });
    const doc = planDocument(w.ids.community, w.ids.plan);
    const broken = { ...doc, tasks: doc.tasks.map((t, i) => (i === 2 ? { ...t, goalId: uuid() } : t)) };
    const res = await api("/v1/plans", { token: w.tokens.editor, body: { clientId: "t", document: broken } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe("document.tasks[2].goalId");
  });
});

describe("no oracle and no 500 on odd input", () => {
  it("stores a plan whose id another community's plan has under a new id, saying which", async () => {
    const w = await makeWorld();
    // The outsider (editor of D) has a plan already; make it plan-less by using a fresh community world.
    const fresh = await makeWorld({ plan: false });
    const doc = planDocument(fresh.ids.community, w.ids.plan); // w's plan id, which fresh's editor cannot see
    const res = await api("/v1/plans", { token: fresh.tokens.editor, body: { clientId: "t", document: doc } });
    expect(res.status).toBe(201);
    const snapshot = await json<PlanSnapshot>(res);
    expect(snapshot.document.plan.id).not.toBe(w.ids.plan);
    expect(snapshot.document.plan.communityId).toBe(fresh.ids.community);
  });

  it("answers JSON nested deeper than the stack with 400, and prototype keys as unknown fields", async () => {
    const w = await makeWorld();
    const obs = w.doc.observations[0]!;
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const body = `{"clientId":"x","mutations":[{"mutationId":"${uuid()}","kind":"observations","entityId":"${obs.id}","op":"upsert","baseVersion":1,"fields":{"value":${deep}}}]}`;
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe("mutations[0].fields");
    const proto = await api(`/v1/plans/${w.ids.plan}/push`, {
      token: w.tokens.editor,
      body: pushBody([{ mutationId: uuid(), kind: "observations", entityId: obs.id, op: "upsert", baseVersion: 1, fields: { constructor: 1 } }]),
    });
    expect(proto.status).toBe(400);
    expect((await errorOf(proto)).field).toBe("mutations[0].fields.constructor");
  });
});

describe("one value per indicator and period", () => {
  it("refuses a second observation for a period that has one, and a doubled one within a push", async () => {
    const w = await makeWorld();
    await openRound(w, 2013);
    await openRound(w, 2016);
    const existing = w.doc.observations[0]!;
    const create = (year: number): Mutation => {
      const id = uuid();
      return { mutationId: uuid(), kind: "observations", entityId: id, op: "upsert", baseVersion: 0, fields: { id, indicatorId: existing.indicatorId, period: { year }, value: 1 } };
    };
    const res = await json<PushResponse>(
      await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.monitor, body: pushBody([create(existing.period.year), create(2016), create(2016)]) }),
    );
    expect(res.results.map((r) => r.status)).toEqual(["forbidden", "applied", "forbidden"]);
    expect(res.results[0]).toMatchObject({ reason: expect.stringContaining(existing.id) });
  });

  it("refuses an edit that moves a value onto a period that has one, and keeps both values as they were", async () => {
    const w = await makeWorld();
    const [first, second] = w.doc.observations as [Observation, Observation];
    const move: Mutation = { mutationId: uuid(), kind: "observations", entityId: first.id, op: "upsert", baseVersion: 1, fields: { period: second.period } };
    const stay: Mutation = { mutationId: uuid(), kind: "observations", entityId: second.id, op: "upsert", baseVersion: 1, fields: { value: 99 } };
    const res = await json<PushResponse>(await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([move, stay]) }));
    expect(res.results.map((r) => r.status)).toEqual(["forbidden", "applied"]);
    expect(res.results[0]).toMatchObject({ reason: expect.stringContaining(second.id) });
    expect(JSON.parse((await stored(w.ids.plan, "observations", first.id))!.data).period).toEqual(first.period);
  });
});
