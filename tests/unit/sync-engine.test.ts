import { describe, expect, it } from "vitest";
import type { Actor } from "../../shared/api/access.ts";
import type { PlanVersions } from "../../shared/api/plans.ts";
import {
  ENTITY_SCHEMAS,
  MONITOR_FIELDS,
  SYNC_KINDS,
  type Mutation,
  type MutationResult,
  type SyncKind,
  type SyncRow,
} from "../../shared/api/sync.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { ENTITY_KINDS, PlanDocument, type EntityKind, type EntityOf, type Observation, type Task } from "../../shared/model/plan.ts";
import {
  applyPushResults,
  conflictValues,
  flattenVersions,
  initialSyncState,
  mergePull,
  nextPush,
  outgoingSummary,
  prepareOutgoing,
  releaseRefused,
  resolveConflict,
  SyncState,
  versionKey,
} from "../../shared/sync/engine.ts";

// ---------------------------------------------------------------------------------------------------
// A tiny in-memory model of the Worker's sync (worker/src/sync/decide.ts): versioned rows, tombstones
// never written again, idempotent mutation ids, one change per row per push, a change feed.

const PLAN = amuPlan.plan.id;
const ADMIN: Actor = { id: "admin", name: "Адміністратор" };
const OKSANA: Actor = { id: "u-a", name: "Оксана" };
const PETRO: Actor = { id: "u-b", name: "Петро" };

type Role = "editor" | "monitor";

class FakeServer {
  private rows = new Map<string, SyncRow>();
  private seqOf = new Map<string, number>();
  private seq = 0;
  private answers = new Map<string, { body: string; result: MutationResult }>();
  pushes = 0;

  constructor(doc: PlanDocument) {
    this.write("plan", doc.plan, 1, false, ADMIN);
    this.write("community", doc.community, 1, false, ADMIN);
    for (const kind of ENTITY_KINDS) for (const e of doc[kind]) this.write(kind, e, 1, false, ADMIN);
  }

  private write(kind: SyncKind, data: { id: string }, version: number, deleted: boolean, actor: Actor): void {
    const key = versionKey(kind, data.id);
    const row = { kind, id: data.id, version, deleted, data, updatedAt: "2026-07-01T10:00:00.000Z", updatedBy: actor };
    this.rows.set(key, structuredClone(row) as SyncRow);
    this.seqOf.delete(key);
    this.seqOf.set(key, ++this.seq);
  }

  snapshot(): { doc: PlanDocument; versions: Record<string, number>; cursor: number } {
    const versions: Record<string, number> = {};
    for (const [key, row] of this.rows) if (!row.deleted) versions[key] = row.version;
    return { doc: this.doc(), versions, cursor: this.seq };
  }

  doc(): PlanDocument {
    const live = [...this.rows.values()].filter((r) => !r.deleted);
    const of = (kind: SyncKind) => live.filter((r) => r.kind === kind).map((r) => structuredClone(r.data));
    return PlanDocument.parse({
      plan: of("plan")[0],
      community: of("community")[0],
      ...Object.fromEntries(ENTITY_KINDS.map((k) => [k, of(k)])),
    });
  }

  row(kind: SyncKind, id: string): SyncRow | undefined {
    return this.rows.get(versionKey(kind, id));
  }

  push(mutations: readonly Mutation[], actor: Actor, role: Role = "editor"): MutationResult[] {
    this.pushes++;
    const keys = mutations.map((m) => versionKey(m.kind, m.entityId));
    if (new Set(keys).size !== keys.length) throw new Error("one change per row per push");
    return mutations.map((m) => {
      const body = JSON.stringify({ ...m, mutationId: undefined });
      const prior = this.answers.get(m.mutationId);
      if (prior) {
        if (prior.body !== body) throw new Error(`idempotency mismatch for ${m.mutationId}`);
        return prior.result;
      }
      const result = this.decide(m, actor, role);
      this.answers.set(m.mutationId, { body, result });
      return result;
    });
  }

  private decide(m: Mutation, actor: Actor, role: Role): MutationResult {
    const changed = m.op === "upsert" ? [...Object.keys(m.fields), ...(m.unset ?? [])] : [];
    if (role === "monitor") {
      if (m.kind !== "observations") return { mutationId: m.mutationId, status: "forbidden", rule: "monitor_not_observation", reason: "a monitor may only fill observations (values and notes)" };
      if (m.op === "delete") return { mutationId: m.mutationId, status: "forbidden", rule: "monitor_no_delete", reason: "a monitor may not delete observations" };
      if (m.baseVersion > 0 && !changed.every((k) => (MONITOR_FIELDS as readonly string[]).includes(k)))
        return { mutationId: m.mutationId, status: "forbidden", rule: "monitor_fields", reason: "a monitor may only change an observation's value and note" };
    }
    const current = this.rows.get(versionKey(m.kind, m.entityId));
    if (current?.deleted || m.baseVersion !== (current?.version ?? 0))
      return { mutationId: m.mutationId, status: "conflict", current: current ? structuredClone(current) : null };
    const version = m.baseVersion + 1;
    if (m.op === "delete") this.write(m.kind, current!.data, version, true, actor);
    else {
      const merged: Record<string, unknown> = { ...(current?.data ?? {}), ...m.fields, id: m.entityId };
      for (const k of m.unset ?? []) delete merged[k];
      this.write(m.kind, ENTITY_SCHEMAS[m.kind].parse(merged) as { id: string }, version, false, actor);
    }
    return { mutationId: m.mutationId, status: "applied", version };
  }

  pull(since: number): { rows: SyncRow[]; cursor: number } {
    const after = [...this.seqOf].filter(([, s]) => s > since).sort((a, b) => a[1] - b[1]);
    return { rows: after.map(([k]) => structuredClone(this.rows.get(k)!)), cursor: after.at(-1)?.[1] ?? since };
  }
}

/** Deterministic ids from a range of its own (mutation ids and re-created entities). */
function idsFrom(start: number): () => string {
  let n = start;
  return () => fixtureId(n++);
}

/** A workbook: the sheets' plan, the sync state, and a sync cycle (prepare, push, pull). */
class Client {
  state: SyncState;
  current: PlanDocument;
  readonly newId: () => string;

  constructor(
    readonly server: FakeServer,
    readonly actor: Actor,
    idStart: number,
    readonly role: Role = "editor",
  ) {
    const snap = server.snapshot();
    this.state = initialSyncState(PLAN, snap.doc, snap.versions, snap.cursor);
    this.current = snap.doc;
    this.newId = idsFrom(idStart);
  }

  edit(change: (doc: PlanDocument) => PlanDocument): void {
    this.current = change(this.current);
  }

  prepare(): Mutation[] {
    const r = prepareOutgoing(this.state, this.current, this.newId);
    this.state = r.state;
    return r.added;
  }

  push(): MutationResult[] {
    const all: MutationResult[] = [];
    while (this.state.outbox.length > 0) {
      const batch = nextPush(this.state.outbox);
      const results = this.server.push(batch, this.actor, this.role);
      this.state = applyPushResults(this.state, batch, results);
      all.push(...results);
    }
    return all;
  }

  pull() {
    const { rows, cursor } = this.server.pull(this.state.cursor);
    const r = mergePull(this.state, this.current, rows, cursor);
    this.state = r.state;
    this.current = r.current;
    return r.conflicts;
  }

  /** One "Sync now": pull first (fewer stale bases), then prepare and push what is left. */
  sync() {
    const pulled = this.pull();
    this.prepare();
    const before = new Set(this.state.conflicts.map((c) => c.key));
    const results = this.push();
    return { results, conflicts: [...pulled, ...this.state.conflicts.filter((c) => !before.has(c.key))] };
  }

  resolve(key: string, choice: "mine" | "theirs"): void {
    const r = resolveConflict(this.state, this.current, key, choice, this.newId);
    this.state = r.state;
    this.current = r.current;
  }
}

// Plain edits of a plan document, as a pane or the sheets would make them.
function patch<K extends EntityKind>(doc: PlanDocument, kind: K, id: string, change: Record<string, unknown>): PlanDocument {
  let found = false;
  const list = (doc[kind] as EntityOf<K>[]).map((e) => {
    if (e.id !== id) return e;
    found = true;
    const next: Record<string, unknown> = { ...e, ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete next[k];
    return next as EntityOf<K>;
  });
  if (!found) throw new Error(`no ${kind} ${id}`);
  return { ...doc, [kind]: list };
}
const add = <K extends EntityKind>(doc: PlanDocument, kind: K, entity: EntityOf<K>): PlanDocument => ({
  ...doc,
  [kind]: [...doc[kind], entity],
});
const remove = (doc: PlanDocument, kind: EntityKind, ...ids: string[]): PlanDocument => ({
  ...doc,
  [kind]: (doc[kind] as { id: string }[]).filter((e) => !ids.includes(e.id)),
});
const find = <K extends EntityKind>(doc: PlanDocument, kind: K, id: string) =>
  (doc[kind] as EntityOf<K>[]).find((e) => e.id === id);

/** The plan regardless of array order (only the `order` fields are synced, not positions in arrays). */
function normalized(doc: PlanDocument): PlanDocument {
  const out = structuredClone(doc);
  for (const kind of ENTITY_KINDS) (out[kind] as { id: string }[]).sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

const describeM = (ms: readonly Mutation[]) => ms.map((m) => `${m.op === "delete" ? "delete" : m.baseVersion === 0 ? "create" : "update"} ${m.kind} ${m.entityId}`);

const goal0 = amuPlan.goals[0]!;
const goal1 = amuPlan.goals[1]!;
const tasksOf = (goalId: string) => amuPlan.tasks.filter((t) => t.goalId === goalId);
const task = tasksOf(goal1.id)[0]!;
const risk = amuPlan.risks[0]!;
const indicator = amuPlan.indicators[0]!;

function fresh(idStart = 50_000) {
  return { state: initialSyncState(PLAN, amuPlan, new FakeServer(amuPlan).snapshot().versions, 0), newId: idsFrom(idStart) };
}

// ---------------------------------------------------------------------------------------------------

describe("prepareOutgoing", () => {
  it("turns creates, updates and deletes into exactly those mutations, parents first and deletes child-first", () => {
    const { state, newId } = fresh();
    const newPriority = { id: fixtureId(9001), title: "Нова пріоритетна сфера", order: 6 };
    const newGoal = { id: fixtureId(9002), priorityId: newPriority.id, title: "Нова ціль", order: 0 };
    const newTask: Task = { id: fixtureId(9003), goalId: newGoal.id, title: "Нове завдання", status: "planned", order: 0 };
    const parentIndicator = { id: fixtureId(9004), name: "Кількість звернень", direction: "increase" as const, frequency: "annually" as const, order: 30 };
    const breakdown = { ...parentIndicator, id: fixtureId(9005), name: "з них: письмових", parentId: parentIndicator.id, order: 31 };
    let doc = amuPlan;
    doc = add(doc, "tasks", newTask); // the child is added first in the sheets …
    doc = add(doc, "goals", newGoal);
    doc = add(doc, "priorities", newPriority);
    doc = add(doc, "indicators", breakdown); // … and a breakdown sits above its parent
    doc = add(doc, "indicators", parentIndicator);
    doc = patch(doc, "risks", risk.id, { risk: "Оновлений ризик", mitigation: undefined });
    doc = remove(doc, "goals", goal0.id);
    doc = remove(doc, "tasks", ...tasksOf(goal0.id).map((t) => t.id));
    doc = { ...doc, plan: { ...doc.plan, title: "Стратегія розвитку АМУ 2013–2016", lastYear: 2016 } };

    const { state: next, added } = prepareOutgoing(state, doc, newId);

    expect(describeM(added)).toEqual([
      `update plan ${PLAN}`,
      `create priorities ${newPriority.id}`,
      `create goals ${newGoal.id}`,
      `create tasks ${newTask.id}`,
      `update risks ${risk.id}`,
      `create indicators ${parentIndicator.id}`,
      `create indicators ${breakdown.id}`,
      ...tasksOf(goal0.id).map((t) => `delete tasks ${t.id}`),
      `delete goals ${goal0.id}`,
    ]);
    // Ids are handed out in the order sent.
    expect(added.map((m) => m.mutationId)).toEqual(added.map((_, i) => fixtureId(50_000 + i)));
    expect(added[0]).toEqual({
      mutationId: fixtureId(50_000),
      kind: "plan",
      entityId: PLAN,
      baseVersion: 1,
      op: "upsert",
      fields: { title: "Стратегія розвитку АМУ 2013–2016", lastYear: 2016 },
    });
    expect(added[3]).toEqual({ mutationId: fixtureId(50_003), kind: "tasks", entityId: newTask.id, baseVersion: 0, op: "upsert", fields: newTask });
    expect(added[4]).toEqual({
      mutationId: fixtureId(50_004),
      kind: "risks",
      entityId: risk.id,
      baseVersion: 1,
      op: "upsert",
      fields: { risk: "Оновлений ризик" },
      unset: ["mitigation"],
    });
    expect(added.at(-1)).toEqual({ mutationId: fixtureId(50_000 + added.length - 1), kind: "goals", entityId: goal0.id, baseVersion: 1, op: "delete" });
    expect(next.outbox).toEqual(added);
    expect(next.synced).toBe(amuPlan); // nothing counts as synced before the server answers

    expect(outgoingSummary(added)).toMatchObject({
      plan: { created: 0, changed: 1, deleted: 0 },
      priorities: { created: 1, changed: 0, deleted: 0 },
      goals: { created: 1, changed: 0, deleted: 1 },
      tasks: { created: 1, changed: 0, deleted: tasksOf(goal0.id).length },
      risks: { created: 0, changed: 1, deleted: 0 },
      indicators: { created: 2, changed: 0, deleted: 0 },
      observations: { created: 0, changed: 0, deleted: 0 },
    });
    expect(Object.keys(outgoingSummary([])).sort()).toEqual([...SYNC_KINDS].sort());
  });

  it("prepares nothing when nothing changed", () => {
    const { state, newId } = fresh();
    const r = prepareOutgoing(state, structuredClone(amuPlan), newId);
    expect(r.added).toEqual([]);
    expect(r.state).toBe(state);
  });

  it("keeps one mutation per entity: a newer edit waits until the first is answered, then goes against the new version", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    a.edit((d) => patch(d, "tasks", task.id, { status: "in_progress" }));
    expect(describeM(a.prepare())).toEqual([`update tasks ${task.id}`]);
    a.edit((d) => patch(d, "tasks", task.id, { status: "done", title: "Інша назва" }));
    a.edit((d) => patch(d, "risks", risk.id, { order: 5 }));
    // The task waits; the risk, not in the outbox, is prepared.
    expect(describeM(a.prepare())).toEqual([`update risks ${risk.id}`]);
    expect(a.state.outbox.filter((m) => m.entityId === task.id)).toHaveLength(1);

    a.push();
    expect(a.state.outbox).toEqual([]);
    expect(a.state.versions[versionKey("tasks", task.id)]).toBe(2);
    const [next] = a.prepare();
    expect(next).toEqual({
      mutationId: fixtureId(50_002),
      kind: "tasks",
      entityId: task.id,
      baseVersion: 2,
      op: "upsert",
      fields: { status: "done", title: "Інша назва" },
    });
    a.push();
    expect(server.row("tasks", task.id)).toMatchObject({ version: 3, data: { status: "done", title: "Інша назва" } });
  });

  it("resends the same mutations with the same ids after a lost answer, and the server applies them once", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const obs: Observation = { id: fixtureId(9100), indicatorId: indicator.id, period: { year: 2014 }, value: 12 };
    a.edit((d) => add(patch(d, "tasks", task.id, { title: "Нова назва" }), "observations", obs));
    const first = a.prepare();
    const outbox = structuredClone(a.state.outbox);
    server.push(first, OKSANA); // committed, but the answer never arrives

    // The workbook is saved and reopened while offline: the state goes through JSON and the schema.
    a.state = SyncState.parse(JSON.parse(JSON.stringify(a.state)));
    expect(a.prepare()).toEqual([]);
    expect(a.state.outbox).toEqual(outbox);

    const results = a.push();
    expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(results.map((r) => r.mutationId)).toEqual(first.map((m) => m.mutationId));
    expect(server.row("tasks", task.id)!.version).toBe(2); // not 3
    expect(server.row("observations", obs.id)!.version).toBe(1);
    expect(a.state.outbox).toEqual([]);
    expect(a.state.synced).toEqual(a.current);
    expect(a.prepare()).toEqual([]);
  });
});

describe("applyPushResults", () => {
  it("applied: the version and the synced plan take the change, the outbox lets it go", () => {
    const { state, newId } = fresh();
    const doc = remove(patch(amuPlan, "risks", risk.id, { mitigation: undefined }), "swot", amuPlan.swot[0]!.id);
    const { state: prepared, added } = prepareOutgoing(state, doc, newId);
    const next = applyPushResults(
      prepared,
      added,
      added.map((m) => ({ mutationId: m.mutationId, status: "applied", version: 2 })),
    );
    expect(next.outbox).toEqual([]);
    expect(next.versions[versionKey("risks", risk.id)]).toBe(2);
    expect(next.versions[versionKey("swot", amuPlan.swot[0]!.id)]).toBe(2);
    expect(next.synced).toEqual(doc);
    expect(prepareOutgoing(next, doc, newId).added).toEqual([]);
  });

  it("conflict: the mutation leaves the outbox for the conflicts, with the server's row and the fields both sides changed", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    a.edit((d) => patch(d, "risks", risk.id, { risk: "Ризик за Оксаною", order: 3 }));
    a.sync();
    b.edit((d) => patch(d, "risks", risk.id, { risk: "Ризик за Петром" }));
    b.prepare();
    const [result] = b.push();
    expect(result).toMatchObject({ status: "conflict", current: { version: 2, updatedBy: OKSANA } });
    expect(b.state.outbox).toEqual([]);
    expect(b.state.conflicts).toHaveLength(1);
    const conflict = b.state.conflicts[0]!;
    expect(conflict).toMatchObject({
      key: versionKey("risks", risk.id),
      kind: "risks",
      entityId: risk.id,
      fields: ["risk"],
      local: { ...risk, risk: "Ризик за Петром" },
      server: { version: 2, updatedBy: { name: "Оксана" }, data: { risk: "Ризик за Оксаною" } },
      mutation: { kind: "risks", entityId: risk.id, fields: { risk: "Ризик за Петром" } },
    });
    expect(conflictValues(conflict)).toEqual([{ field: "risk", local: "Ризик за Петром", server: "Ризик за Оксаною" }]);
    // Nothing is lost and nothing is resent while the conflict is open.
    expect(b.current.risks[0]!.risk).toBe("Ризик за Петром");
    expect(b.prepare()).toEqual([]);
    expect(b.state.synced.risks[0]).toEqual(risk);
  });

  it("forbidden: the mutation is kept in refused, the same change is not prepared again, other changes go", () => {
    const server = new FakeServer(amuPlan);
    const monitor = new Client(server, PETRO, 60_000, "monitor");
    const obs: Observation = { id: fixtureId(9100), indicatorId: indicator.id, period: { year: 2014 }, value: 3 };
    monitor.edit((d) => add(patch(d, "tasks", task.id, { status: "done" }), "observations", obs));
    const results = monitor.sync().results;
    expect(results.map((r) => r.status)).toEqual(["forbidden", "applied"]);
    expect(monitor.state.refused).toEqual([
      {
        mutation: { mutationId: fixtureId(60_000), kind: "tasks", entityId: task.id, baseVersion: 1, op: "upsert", fields: { status: "done" } },
        reason: "a monitor may only fill observations (values and notes)",
        rule: "monitor_not_observation",
      },
    ]);
    expect(find(monitor.current, "tasks", task.id)!.status).toBe("done"); // the sheet keeps the value
    expect(server.row("tasks", task.id)!.data).toEqual(task);

    monitor.edit((d) => patch(d, "observations", obs.id, { value: 4, note: "уточнено" }));
    expect(describeM(monitor.prepare())).toEqual([`update observations ${obs.id}`]);
    expect(monitor.push().map((r) => r.status)).toEqual(["applied"]);
    expect(monitor.prepare()).toEqual([]);
    expect(monitor.state.refused).toHaveLength(1);

    // A further edit of the refused entity is a different change: it is prepared (and refused in turn).
    monitor.edit((d) => patch(d, "tasks", task.id, { status: "postponed" }));
    expect(monitor.prepare()).toMatchObject([{ entityId: task.id, fields: { status: "postponed" } }]);
    monitor.push();
    expect(monitor.state.refused.map((r) => r.mutation.op === "upsert" && r.mutation.fields)).toEqual([{ status: "done" }, { status: "postponed" }]);

    // An editor reviewing the queue releases it: it is prepared anew and goes.
    const editor = new Client(server, OKSANA, 70_000);
    editor.state = releaseRefused(monitor.state, monitor.state.refused.map((r) => r.mutation.mutationId));
    editor.current = monitor.current;
    expect(editor.sync().results.map((r) => r.status)).toEqual(["applied"]);
    expect(server.row("tasks", task.id)!.data).toMatchObject({ status: "postponed" });
    expect(editor.state.refused).toEqual([]);
  });

  it("throws on answers that do not match what was sent", () => {
    const { state, newId } = fresh();
    const { state: prepared, added } = prepareOutgoing(state, patch(amuPlan, "risks", risk.id, { order: 9 }), newId);
    expect(() => applyPushResults(prepared, added, [])).toThrow(/1 mutations/);
    expect(() =>
      applyPushResults(prepared, added, [{ mutationId: fixtureId(1), status: "applied", version: 2 }]),
    ).toThrow(/answers mutation/);
    // An answer to a mutation no longer in the outbox (answered before) changes nothing.
    const once = applyPushResults(prepared, added, [{ mutationId: added[0]!.mutationId, status: "applied", version: 2 }]);
    expect(applyPushResults(once, added, [{ mutationId: added[0]!.mutationId, status: "applied", version: 2 }])).toEqual(once);
  });
});

describe("mergePull", () => {
  it("takes server rows into synced and the sheets where nothing changed locally; tombstones remove", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    const newRisk = { id: fixtureId(9200), kind: "external" as const, risk: "Новий ризик", order: 7 };
    a.edit((d) => add(remove(patch(d, "goals", goal1.id, { title: "Змінена ціль" }), "swot", amuPlan.swot[1]!.id), "risks", newRisk));
    a.sync();

    const conflicts = b.pull();
    expect(conflicts).toEqual([]);
    expect(find(b.current, "goals", goal1.id)!.title).toBe("Змінена ціль");
    expect(find(b.current, "swot", amuPlan.swot[1]!.id)).toBeUndefined();
    expect(b.current.risks.at(-1)).toEqual(newRisk);
    expect(b.state.synced).toEqual(b.current);
    expect(b.state.versions[versionKey("swot", amuPlan.swot[1]!.id)]).toBe(2);
    expect(b.state.cursor).toBe(server.pull(0).cursor);
    expect(b.prepare()).toEqual([]);
    // A pull of the same rows again (or of our own) changes nothing.
    const again = mergePull(b.state, b.current, server.pull(0).rows, b.state.cursor);
    expect(again.current).toEqual(b.current);
    expect(again.state).toEqual(b.state);
  });

  it("keeps a local change next to a server change to other fields, and sends it against the new version", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    a.edit((d) => patch(d, "tasks", task.id, { status: "in_progress" }));
    a.sync();
    b.edit((d) => patch(d, "tasks", task.id, { title: "Назва від Петра", budget: { amount: 1000, currency: "UAH" } }));

    expect(b.pull()).toEqual([]);
    expect(find(b.current, "tasks", task.id)).toEqual({ ...task, status: "in_progress", title: "Назва від Петра", budget: { amount: 1000, currency: "UAH" } });
    expect(find(b.state.synced, "tasks", task.id)).toEqual({ ...task, status: "in_progress" });
    expect(b.prepare()).toEqual([
      {
        mutationId: fixtureId(60_000),
        kind: "tasks",
        entityId: task.id,
        baseVersion: 2,
        op: "upsert",
        fields: { title: "Назва від Петра", budget: { amount: 1000, currency: "UAH" } },
      },
    ]);
    expect(b.push().map((r) => r.status)).toEqual(["applied"]);
    a.pull();
    expect(find(a.current, "tasks", task.id)).toEqual(find(b.current, "tasks", task.id));
    expect(server.row("tasks", task.id)!.version).toBe(3);
  });

  it("a same-field edit is a conflict with both values; 'mine' sends the local value against the server's version", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    a.edit((d) => patch(d, "goals", goal1.id, { title: "Ціль Оксани", order: 4 }));
    a.sync();
    b.edit((d) => patch(d, "goals", goal1.id, { title: "Ціль Петра", expectedResults: undefined }));

    const conflicts = b.pull();
    const key = versionKey("goals", goal1.id);
    expect(conflicts.map((c) => [c.key, c.fields])).toEqual([[key, ["title"]]]);
    expect(conflictValues(conflicts[0]!)).toEqual([{ field: "title", local: "Ціль Петра", server: "Ціль Оксани" }]);
    expect(conflicts[0]!.server!.updatedBy).toEqual(OKSANA);
    // The server's other field comes in, the local value stays until the user chooses.
    const merged = find(b.current, "goals", goal1.id)!;
    expect(merged).toMatchObject({ title: "Ціль Петра", order: 4 });
    expect(merged.expectedResults).toBeUndefined();
    expect(b.prepare()).toEqual([]);
    // A second pull does not lose the conflict.
    expect(b.pull()).toEqual([]);
    expect(b.state.conflicts.map((c) => c.key)).toEqual([key]);

    b.resolve(key, "mine");
    expect(b.state.conflicts).toEqual([]);
    expect(b.state.outbox).toEqual([
      {
        mutationId: fixtureId(60_000),
        kind: "goals",
        entityId: goal1.id,
        baseVersion: 2,
        op: "upsert",
        fields: { title: "Ціль Петра" },
        unset: ["expectedResults"],
      },
    ]);
    expect(b.push().map((r) => r.status)).toEqual(["applied"]);
    a.pull();
    expect(find(a.current, "goals", goal1.id)).toEqual(find(b.current, "goals", goal1.id));
    expect(find(a.current, "goals", goal1.id)).toMatchObject({ title: "Ціль Петра", order: 4 });
    expect(find(a.current, "goals", goal1.id)!.expectedResults).toBeUndefined();
  });

  it("'theirs' takes the server's value for the conflicting fields and keeps the other local edits", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    a.edit((d) => patch(d, "goals", goal1.id, { title: "Ціль Оксани" }));
    a.sync();
    b.edit((d) => patch(d, "goals", goal1.id, { title: "Ціль Петра", order: 9 }));
    const key = versionKey("goals", goal1.id);
    expect(b.pull().map((c) => c.fields)).toEqual([["title"]]);

    b.resolve(key, "theirs");
    expect(find(b.current, "goals", goal1.id)).toEqual({ ...goal1, title: "Ціль Оксани", order: 9 });
    expect(b.state.outbox).toEqual([
      { mutationId: fixtureId(60_000), kind: "goals", entityId: goal1.id, baseVersion: 2, op: "upsert", fields: { order: 9 } },
    ]);
    b.push();
    a.pull();
    expect(find(a.current, "goals", goal1.id)).toEqual({ ...goal1, title: "Ціль Оксани", order: 9 });
    expect(normalized(a.current)).toEqual(normalized(b.current));
  });

  it("a conflict met on push is settled by the next pull when the server changed other fields only", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    a.edit((d) => patch(d, "risks", risk.id, { kind: "external" }));
    a.sync();
    b.edit((d) => patch(d, "risks", risk.id, { mitigation: "Інші заходи" }));
    b.prepare();
    expect(b.push().map((r) => r.status)).toEqual(["conflict"]); // pushed before pulling: a stale base
    expect(b.state.conflicts).toMatchObject([{ key: versionKey("risks", risk.id), fields: [] }]);
    expect(b.prepare()).toEqual([]); // held back until the pull
    expect(b.pull()).toEqual([]);
    expect(b.state.conflicts).toEqual([]);
    expect(find(b.current, "risks", risk.id)).toEqual({ ...risk, kind: "external", mitigation: "Інші заходи" });
    expect(b.sync().results.map((r) => r.status)).toEqual(["applied"]);
    a.pull();
    expect(find(a.current, "risks", risk.id)).toEqual({ ...risk, kind: "external", mitigation: "Інші заходи" });
  });

  it("a committed push whose answer was lost is recognised in the pull; the late answer changes nothing", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    a.edit((d) => patch(d, "risks", risk.id, { order: 11 }));
    const sent = a.prepare();
    const results = server.push(sent, OKSANA); // committed, answer lost
    a.edit((d) => patch(d, "risks", risk.id, { order: 12 })); // edited again meanwhile
    expect(a.pull()).toEqual([]);
    expect(a.state.outbox).toEqual([]);
    expect(a.state.versions[versionKey("risks", risk.id)]).toBe(2);
    expect(find(a.current, "risks", risk.id)!.order).toBe(12);
    const late = applyPushResults(a.state, sent, results);
    expect(late).toEqual(a.state);
    expect(a.prepare()).toMatchObject([{ entityId: risk.id, baseVersion: 2, fields: { order: 12 } }]);
  });

  it("a stale outbox mutation is left for the server to answer; the answer only removes it", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    a.edit((d) => patch(d, "risks", risk.id, { order: 20 }));
    a.sync();
    b.edit((d) => patch(d, "risks", risk.id, { mitigation: "Заходи Петра" }));
    const queued = b.prepare(); // queued offline, then a pull arrives first
    expect(b.pull()).toEqual([]);
    expect(b.state.outbox).toEqual(queued);
    expect(b.push().map((r) => r.status)).toEqual(["conflict"]);
    expect(b.state.conflicts).toEqual([]);
    expect(b.prepare()).toMatchObject([{ entityId: risk.id, baseVersion: 2, fields: { mitigation: "Заходи Петра" } }]);
    b.push();
    expect(server.row("risks", risk.id)).toMatchObject({ version: 3, data: { order: 20, mitigation: "Заходи Петра" } });
  });

  it("a server delete against a local edit is a conflict; 'mine' re-creates it under a new id and re-points its children", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    const children = tasksOf(goal1.id).map((t) => t.id);
    a.edit((d) => remove(remove(d, "tasks", ...children), "goals", goal1.id));
    expect(describeM(a.prepare()).at(-1)).toBe(`delete goals ${goal1.id}`);
    a.push();
    const newTask: Task = { id: fixtureId(9300), goalId: goal1.id, title: "Завдання Петра", status: "planned", order: 9 };
    b.edit((d) => add(patch(d, "goals", goal1.id, { title: "Ціль Петра" }), "tasks", newTask));

    const { results, conflicts } = b.sync();
    expect(results.map((r) => r.status)).toEqual(["applied"]); // the new task went up; the goal waits
    const key = versionKey("goals", goal1.id);
    expect(conflicts).toMatchObject([{ key, fields: ["title"], local: { title: "Ціль Петра" }, server: { deleted: true, version: 2, updatedBy: OKSANA } }]);
    expect(find(b.current, "goals", goal1.id)!.title).toBe("Ціль Петра"); // kept until chosen
    for (const id of children) expect(find(b.current, "tasks", id)).toBeUndefined(); // unedited: deleted

    b.resolve(key, "mine");
    const reborn = fixtureId(60_001);
    expect(find(b.current, "goals", goal1.id)).toBeUndefined();
    expect(find(b.current, "goals", reborn)).toEqual({ ...goal1, id: reborn, title: "Ціль Петра" });
    expect(find(b.current, "tasks", newTask.id)!.goalId).toBe(reborn);
    expect(b.state.outbox).toEqual([
      { mutationId: fixtureId(60_002), kind: "goals", entityId: reborn, baseVersion: 0, op: "upsert", fields: { ...goal1, id: reborn, title: "Ціль Петра" } },
    ]);
    // One push: the re-created goal, then the task now pointing at it.
    expect(b.sync().results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(b.state.outbox).toEqual([]);
    expect(server.row("goals", reborn)).toMatchObject({ version: 1, data: { title: "Ціль Петра" } });
    expect(server.row("tasks", newTask.id)).toMatchObject({ version: 2, data: { goalId: reborn } });
    a.sync();
    expect(find(a.current, "tasks", newTask.id)!.goalId).toBe(reborn);
    expect(normalized(a.current)).toEqual(normalized(b.current));
    expect(normalized(server.doc())).toEqual(normalized(a.current));
  });

  it("a server delete against a local edit, resolved 'theirs', removes it", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    a.edit((d) => remove(d, "risks", risk.id));
    a.sync();
    b.edit((d) => patch(d, "risks", risk.id, { order: 42 }));
    expect(b.pull().map((c) => c.key)).toEqual([versionKey("risks", risk.id)]);
    b.resolve(versionKey("risks", risk.id), "theirs");
    expect(find(b.current, "risks", risk.id)).toBeUndefined();
    expect(b.state.outbox).toEqual([]);
    expect(b.state.conflicts).toEqual([]);
    expect(b.prepare()).toEqual([]);
    expect(b.current).toEqual(b.state.synced);
  });

  it("a local delete against a server edit is a conflict: 'theirs' brings the row back, 'mine' deletes the new version", () => {
    for (const choice of ["theirs", "mine"] as const) {
      const server = new FakeServer(amuPlan);
      const a = new Client(server, OKSANA, 50_000);
      const b = new Client(server, PETRO, 60_000);
      a.edit((d) => patch(d, "risks", risk.id, { mitigation: "Нові заходи" }));
      a.sync();
      b.edit((d) => remove(d, "risks", risk.id));
      const key = versionKey("risks", risk.id);
      const [conflict] = b.pull();
      expect(conflict).toMatchObject({ key, local: null, fields: ["mitigation"], server: { deleted: false, version: 2 } });
      expect(find(b.current, "risks", risk.id)).toBeUndefined();
      b.resolve(key, choice);
      if (choice === "theirs") {
        expect(find(b.current, "risks", risk.id)).toEqual({ ...risk, mitigation: "Нові заходи" });
        expect(b.state.outbox).toEqual([]);
      } else {
        expect(find(b.current, "risks", risk.id)).toBeUndefined();
        expect(b.state.outbox).toEqual([{ mutationId: fixtureId(60_000), kind: "risks", entityId: risk.id, baseVersion: 2, op: "delete" }]);
        b.push();
        expect(server.row("risks", risk.id)).toMatchObject({ deleted: true, version: 3 });
      }
      a.pull();
      expect(normalized(a.current)).toEqual(normalized(b.current));
    }
  });
});

describe("sync state", () => {
  it("survives the workbook (JSON and the schema) with an outbox, refused mutations and conflicts", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000, "monitor");
    a.edit((d) => remove(patch(d, "goals", goal1.id, { title: "A" }), "risks", risk.id));
    a.sync();
    b.edit((d) => patch(patch(d, "goals", goal1.id, { title: "B" }), "risks", risk.id, { order: 3 }));
    b.pull();
    b.edit((d) => patch(d, "tasks", task.id, { status: "done" }));
    b.sync();
    b.edit((d) => patch(d, "swot", amuPlan.swot[0]!.id, { order: 30 }));
    b.prepare();
    expect(b.state.conflicts).toHaveLength(2);
    expect(b.state.refused).toHaveLength(1);
    expect(b.state.outbox).toHaveLength(1);
    const loaded = SyncState.parse(JSON.parse(JSON.stringify(b.state)));
    expect(loaded).toEqual(JSON.parse(JSON.stringify(b.state)));
    expect(() => SyncState.parse({ ...loaded, cursor: -1 })).toThrow();
  });

  it("flattenVersions turns a snapshot's versions into the state's keys", () => {
    expect(flattenVersions({ plan: { [PLAN]: 3 }, risks: { [risk.id]: 2 } } as PlanVersions)).toEqual({
      [versionKey("plan", PLAN)]: 3,
      [versionKey("risks", risk.id)]: 2,
    });
  });

  it("an update of a row the server does not have is a conflict; 'mine' creates it", () => {
    const { state, newId } = fresh();
    const doc = patch(amuPlan, "risks", risk.id, { order: 5 });
    const { state: prepared, added } = prepareOutgoing(state, doc, newId);
    const next = applyPushResults(prepared, added, [{ mutationId: added[0]!.mutationId, status: "conflict", current: null }]);
    expect(next.conflicts).toMatchObject([{ key: versionKey("risks", risk.id), server: null, fields: ["order"], local: { order: 5 } }]);
    const resolved = resolveConflict(next, doc, versionKey("risks", risk.id), "mine", newId);
    expect(resolved.state.outbox).toEqual([
      { mutationId: fixtureId(50_001), kind: "risks", entityId: risk.id, baseVersion: 0, op: "upsert", fields: { ...risk, order: 5 } },
    ]);
    expect(resolved.state.versions[versionKey("risks", risk.id)]).toBeUndefined();
    const done = applyPushResults(resolved.state, resolved.state.outbox, [{ mutationId: fixtureId(50_001), status: "applied", version: 1 }]);
    expect(done.versions[versionKey("risks", risk.id)]).toBe(1);
    expect(normalized(done.synced)).toEqual(normalized(doc)); // re-created: now last in the array
  });

  it("nextPush keeps within the API's limits", () => {
    const { state, newId } = fresh();
    let doc = amuPlan;
    for (const t of amuPlan.tasks) doc = patch(doc, "tasks", t.id, { order: t.order + 100 });
    const { state: prepared } = prepareOutgoing(state, doc, newId);
    expect(prepared.outbox).toHaveLength(amuPlan.tasks.length);
    expect(nextPush(prepared.outbox, 10)).toEqual(prepared.outbox.slice(0, 10));
    const oneSize = JSON.stringify(prepared.outbox[0]).length;
    expect(nextPush(prepared.outbox, 500, oneSize * 3 + 10)).toHaveLength(3);
    expect(nextPush(prepared.outbox, 500, 1)).toHaveLength(1);
  });

  it("a year's value and its reason for none are one answer: a conflict over them keeps one side's pair, never a number beside a reason", () => {
    const indicatorId = amuPlan.indicators[0]!.id;
    const obs: Observation = { id: fixtureId(6_000), indicatorId, period: { year: 2013 }, value: 5 };
    const doc: PlanDocument = { ...amuPlan, observations: [obs] };
    const key = versionKey("observations", obs.id);
    const cases: [string, Observation, Observation][] = [
      ["a local reason against the server's number", { ...obs, value: null, missing: "not_available" }, { ...obs, value: 7 }],
      ["a local number against the server's reason", { ...obs, value: 6 }, { ...obs, value: null, missing: "confidential" }],
    ];
    for (const [name, local, server] of cases) {
      const state = initialSyncState(PLAN, doc, { [key]: 1 }, 0);
      const row = { kind: "observations", id: obs.id, version: 2, deleted: false, data: server, updatedAt: "2026-12-01T00:00:00.000Z", updatedBy: PETRO } as SyncRow;
      const merged = mergePull(state, { ...doc, observations: [local] }, [row], 2);
      expect(merged.conflicts.map((c) => c.fields), name).toEqual([["value", "missing"]]);
      let n = 0;
      for (const [choice, expected] of [["mine", local], ["theirs", server]] as const) {
        const r = resolveConflict(merged.state, merged.current, key, choice, () => fixtureId(60_000 + ++n));
        expect(r.current.observations[0], `${name}, ${choice}`).toEqual(expected);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------

/** A small deterministic generator, so that a failing run can be replayed by its seed. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function settle(clients: Client[], choose: () => "mine" | "theirs"): void {
  for (let round = 0; round < 10; round++) {
    for (const c of clients) {
      c.sync();
      for (const conflict of [...c.state.conflicts]) c.resolve(conflict.key, choose());
    }
    const quiet = clients.every((c) => c.state.outbox.length === 0 && c.state.conflicts.length === 0);
    const pulls = clients.map((c) => c.server.pull(c.state.cursor).rows.length);
    const local = clients.map((c) => prepareOutgoing(c.state, c.current, () => fixtureId(1)).added.length);
    if (quiet && pulls.every((n) => n === 0) && local.every((n) => n === 0)) return;
  }
  throw new Error("clients did not settle in 10 rounds");
}

describe("two clients converge through the server", () => {
  it("scripted: edits, creates and deletes on both sides; two conflicts, resolved one each way", () => {
    const server = new FakeServer(amuPlan);
    const a = new Client(server, OKSANA, 50_000);
    const b = new Client(server, PETRO, 60_000);
    const obs: Observation = { id: fixtureId(9400), indicatorId: indicator.id, period: { year: 2013 }, value: 5 };
    a.edit((d) => add(patch(d, "tasks", task.id, { title: "A: назва" }), "observations", obs));
    a.edit((d) => remove(d, "swot", amuPlan.swot[2]!.id));
    b.edit((d) => patch(d, "tasks", task.id, { status: "done" }));
    b.edit((d) => patch(d, "risks", risk.id, { risk: "B: ризик" }));
    b.edit((d) => add(d, "risks", { id: fixtureId(9401), kind: "internal", risk: "B: новий", order: 8 }));

    a.sync();
    b.sync();
    a.sync();
    expect(normalized(a.current)).toEqual(normalized(b.current));
    expect(find(a.current, "tasks", task.id)).toEqual({ ...task, title: "A: назва", status: "done" });

    // Same field on both sides, in both directions.
    a.edit((d) => patch(d, "risks", risk.id, { risk: "A: ризик" }));
    b.edit((d) => patch(d, "risks", risk.id, { risk: "B: ще раз" }));
    a.edit((d) => patch(d, "observations", obs.id, { value: 6 }));
    b.edit((d) => patch(d, "observations", obs.id, { value: 7 }));
    a.sync();
    const { conflicts } = b.sync();
    expect(conflicts.map((c) => c.key).sort()).toEqual([versionKey("observations", obs.id), versionKey("risks", risk.id)].sort());
    b.resolve(versionKey("risks", risk.id), "mine");
    b.resolve(versionKey("observations", obs.id), "theirs");
    b.sync();
    a.sync();
    expect(normalized(a.current)).toEqual(normalized(b.current));
    expect(normalized(server.doc())).toEqual(normalized(a.current));
    expect(find(a.current, "risks", risk.id)!.risk).toBe("B: ще раз");
    expect(find(a.current, "observations", obs.id)!.value).toBe(6);
    for (const c of [a, b]) {
      expect(c.state.outbox).toEqual([]);
      expect(c.state.conflicts).toEqual([]);
      expect(c.state.synced).toEqual(c.current);
    }
  });

  it("random edits on both sides, with lost answers and conflicts resolved either way, end equal", () => {
    for (let seed = 1; seed <= 25; seed++) {
      const random = rng(seed);
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const server = new FakeServer(amuPlan);
      const clients = [new Client(server, OKSANA, 100_000), new Client(server, PETRO, 200_000)];
      let created = 0;
      const edit = (c: Client, who: number) => {
        const doc = c.current;
        const r = random();
        if (r < 0.25 && doc.tasks.length) {
          const t = pick(doc.tasks.slice(0, 4)); // few entities, so that edits collide
          c.edit((d) => patch(d, "tasks", t.id, pick([{ title: `${who}:${seed}:${created++}` }, { status: pick(["done", "planned", "postponed"]) }, { order: Math.floor(random() * 5) }])));
        } else if (r < 0.4 && doc.risks.length) {
          const x = pick(doc.risks);
          c.edit((d) => patch(d, "risks", x.id, pick([{ mitigation: undefined }, { mitigation: `m${who}` }, { risk: `r${who}:${created++}` }])));
        } else if (r < 0.5 && doc.risks.length) {
          c.edit((d) => remove(d, "risks", pick(doc.risks).id));
        } else if (r < 0.6) {
          c.edit((d) => add(d, "risks", { id: fixtureId(300_000 + who * 10_000 + created++), kind: "internal", risk: `new ${who}`, order: 1 }));
        } else if (r < 0.75 && doc.observations.length) {
          const o = pick(doc.observations);
          c.edit((d) => patch(d, "observations", o.id, { value: Math.floor(random() * 100) }));
        } else if (r < 0.85) {
          const ind = pick(doc.indicators);
          c.edit((d) => add(d, "observations", { id: fixtureId(400_000 + who * 10_000 + created++), indicatorId: ind.id, period: { year: 2013 + Math.floor(random() * 3) }, value: 1 }));
        } else if (r < 0.9 && doc.swot.length) {
          c.edit((d) => remove(d, "swot", pick(doc.swot).id));
        } else {
          c.edit((d) => ({ ...d, plan: { ...d.plan, vision: `vision ${who}:${created++}` } }));
        }
      };
      for (let round = 0; round < 12; round++) {
        const who = Math.floor(random() * 2);
        const c = clients[who]!;
        for (let i = 0; i < 1 + Math.floor(random() * 4); i++) edit(c, who);
        const step = random();
        if (step < 0.2) {
          // Push, but the answer is lost; the workbook is reopened from its stored state.
          c.prepare();
          server.push(nextPush(c.state.outbox), c.actor);
          c.state = SyncState.parse(JSON.parse(JSON.stringify(c.state)));
        } else if (step < 0.4) c.pull();
        else if (step < 0.5) c.prepare();
        else c.sync();
        for (const conflict of [...c.state.conflicts]) if (random() < 0.5) c.resolve(conflict.key, random() < 0.5 ? "mine" : "theirs");
      }
      settle(clients, () => (random() < 0.5 ? "mine" : "theirs"));
      const [a, b] = clients as [Client, Client];
      expect(normalized(a.current), `seed ${seed}`).toEqual(normalized(b.current));
      expect(normalized(server.doc()), `seed ${seed}`).toEqual(normalized(a.current));
      expect(PlanDocument.safeParse(a.current).success).toBe(true);
    }
  });
});
