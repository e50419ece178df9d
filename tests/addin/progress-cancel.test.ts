import { describe, expect, it } from "vitest";
import type { MeResponse } from "../../shared/api/access.ts";
import { createClient } from "../../shared/api/client.ts";
import type { Mutation, PushRequest, PushResponse, PullResponse } from "../../shared/api/sync.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { ENTITY_KINDS } from "../../shared/model/plan.ts";
import { initialSyncState, versionKey } from "../../shared/sync/engine.ts";
import { loadState } from "../../addin/excel/state.ts";
import { Cancelled, describeError, isAbort } from "../../addin/src/errors.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { type StepState, Steps } from "../../addin/src/state/progress.ts";
import { strings } from "../../addin/src/strings.ts";
import { SyncController } from "../../addin/src/sync.ts";
import { FakeExcel } from "../support/fake-excel.ts";

const SERVER = "http://muniplan.test";
const en = strings("en");

/** A workbook whose plan is synced with the server at version 1 throughout. */
async function linkedWorkbook() {
  const doc = amuPlan;
  const versions: Record<string, number> = { [versionKey("plan", doc.plan.id)]: 1, [versionKey("community", doc.community.id)]: 1 };
  for (const kind of ENTITY_KINDS) for (const e of doc[kind]) versions[versionKey(kind, e.id)] = 1;
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  await session.open();
  await session.write(doc, "uk", {}, { clientId: "workbook-test", sync: { server: SERVER, engine: initialSyncState(doc.plan.id, doc, versions, 1) } });
  return { fake, session };
}

const reply = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

/**
 * The server behind a real API client, over a fetch that honours the request's signal as a browser's
 * does (an aborted request rejects with an AbortError). `hold` keeps the answer to the first request
 * whose path ends with it until that request is aborted; `onRequest` sees every request as it starts.
 */
function server(options: { hold?: string; onRequest?: (path: string) => void } = {}) {
  const requests: string[] = [];
  const pushed: Mutation[][] = [];
  let held = false;
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const path = new URL(input).pathname;
    requests.push(path);
    if (path.endsWith("/push")) pushed.push((JSON.parse(String(init.body)) as PushRequest).mutations);
    options.onRequest?.(path);
    if (options.hold && path.endsWith(options.hold) && !held) {
      held = true;
      return new Promise((_, reject) => {
        const abort = () => reject(new DOMException("The user aborted a request.", "AbortError"));
        if (init.signal?.aborted) abort();
        init.signal?.addEventListener("abort", abort);
      });
    }
    if (path === "/v1/me")
      return reply({
        user: { id: "u", name: "Оксана" },
        token: { id: "t", expiresAt: "2027-01-01T00:00:00.000Z" },
        grants: [],
        communities: [{ id: amuPlan.community.id, name: amuPlan.community.name, planId: amuPlan.plan.id, roles: ["editor"], memberOf: [] }],
        associations: [],
      } satisfies MeResponse);
    if (path.endsWith("/push")) {
      const { mutations } = JSON.parse(String(init.body)) as PushRequest;
      return reply({ results: mutations.map((m) => ({ mutationId: m.mutationId, status: "applied", version: m.baseVersion + 1 })) } satisfies PushResponse);
    }
    if (path.endsWith("/pull")) return reply({ changes: [], cursor: 1, hasMore: false } satisfies PullResponse);
    return new Response("{}", { status: 404 });
  };
  return { fetch, requests, pushed };
}

function controller(session: PlanSession, fetch: (input: string, init: RequestInit) => Promise<Response>) {
  const tokens = { get: () => "token", set: () => undefined, remove: () => undefined };
  // The pane's own wiring: the action's signal goes with every request of the client.
  return new SyncController(session, tokens, (baseUrl, token, signal) => createClient({ baseUrl, token, fetch: (input, init) => fetch(input, { ...init, signal }) }));
}

/** A sync's steps as the pane shows them, in English. */
const shown = (events: StepState[]) => events.map((e) => [e.step, e.of, e.label?.(en), e.cancellable]);

/** The queue and plan the workbook keeps (read from the workbook's custom XML parts, as a reopened pane would). */
const kept = async (fake: FakeExcel) => (await loadState(fake.run))!.sync!.engine!;

describe("a sync shows its steps and can be cancelled between them", () => {
  it("shows each step in order, with no Cancel on the steps that write the workbook", async () => {
    const { fake, session } = await linkedWorkbook();
    fake.type("Показники", "C3", "SME");
    const events: StepState[] = [];
    const signal = new AbortController().signal;
    const outcome = await controller(session, server().fetch).syncNow({ signal, steps: new Steps(signal, (s) => events.push(s)) });
    expect(outcome.sent).toBe(1);
    expect(shown(events)).toEqual([
      [1, 5, "Reading the sheets", true],
      [2, 5, "Checking the indicator catalogue", true],
      // The queue's one part is planned once the queue is known.
      [2, 6, "Checking the indicator catalogue", true],
      [3, 6, "Keeping the changes to send in this workbook", false],
      [4, 6, "Sending the changes, part 1 of 1", true],
      [5, 6, "Receiving others' changes, page 1", true],
      [6, 6, "Writing the sheets", false],
    ]);
  });

  it("cancelled while sending: the request is aborted, the queue stays in the workbook with what was typed, and the next sync sends the same changes", async () => {
    const { fake, session } = await linkedWorkbook();
    fake.type("Показники", "C3", "SME");
    const cancel = new AbortController();
    const events: StepState[] = [];
    const first = server({ hold: "/push", onRequest: (path) => path.endsWith("/push") && queueMicrotask(() => cancel.abort()) });
    const error = await controller(session, first.fetch)
      .syncNow({ signal: cancel.signal, steps: new Steps(cancel.signal, (s) => events.push(s)) })
      .catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    // Stopped at the send: nothing received, nothing written after it.
    expect(first.requests.filter((p) => p.endsWith("/pull"))).toEqual([]);
    expect(events.at(-1)).toMatchObject({ step: 4, cancellable: true });
    expect(events.at(-1)!.ifCancelled!(strings("uk"))).toBe(strings("uk").feedback.ifCancelled.sending(0));

    // The workbook holds the queue with the change that was on its way, and the sheet still says what was typed.
    const queued = (await kept(fake)).outbox;
    expect(queued.map((m) => m.mutationId)).toEqual(first.pushed[0]!.map((m) => m.mutationId));
    expect(queued[0]).toMatchObject({ kind: "indicators", op: "upsert", fields: { code: "SME" } });
    const reopened = new PlanSession({ run: fake.run });
    await reopened.open();
    const read = await reopened.readSheets();
    expect(read.problems).toEqual([]);
    expect(read.doc.indicators.filter((i) => i.code === "SME").map((i) => i.id)).toEqual([queued[0]!.entityId]);

    // The next sync resumes: the same mutation ids go (a server that had applied them would replay its answer).
    const second = server();
    const outcome = await controller(reopened, second.fetch).syncNow();
    expect(second.pushed).toEqual([first.pushed[0]]);
    expect(outcome).toMatchObject({ sent: 1, offline: false, queued: 0 });
    expect((await kept(fake)).outbox).toEqual([]);
  });

  it("cancelled while Excel reads the sheets: the read ends, then nothing is asked, queued or written", async () => {
    const { fake, session } = await linkedWorkbook();
    fake.type("Показники", "C3", "SME");
    const before = await loadState(fake.run);
    const cancel = new AbortController();
    const events: StepState[] = [];
    // The user cancels as the read starts: an Excel batch cannot be stopped, the next step does not start.
    const steps = new Steps(cancel.signal, (s) => {
      events.push(s);
      if (s.step === 1) cancel.abort();
    });
    const reads = fake.stats.syncs;
    const net = server();
    const error = await controller(session, net.fetch).syncNow({ signal: cancel.signal, steps }).catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(fake.stats.syncs).toBeGreaterThan(reads);
    expect(events.map((e) => e.step)).toEqual([1]);
    expect(events[0]!.ifCancelled!(en)).toBe(en.feedback.ifCancelled.nothingSent);
    expect(net.requests).toEqual([]);
    expect(await loadState(fake.run)).toEqual(before);
    expect(fake.values("Показники")[2]![2]).toBe("SME");
  });

  it("the check before a sync, cancelled while Excel reads the sheets, ends cancelled: no preview is shown for it", async () => {
    const { fake, session } = await linkedWorkbook();
    fake.type("Показники", "C3", "SME");
    const cancel = new AbortController();
    const steps = new Steps(cancel.signal, (s) => s.step === 1 && cancel.abort());
    const answer = await controller(session, server().fetch).preview({ signal: cancel.signal, steps }).catch((e: unknown) => e);
    expect(isAbort(answer)).toBe(true);
  });

  it("a request cancelled is no lost connection: a cancel during the catalogue check stops the sync, it does not go on without it", async () => {
    const { fake, session } = await linkedWorkbook();
    fake.type("Показники", "C3", "SME");
    const before = await loadState(fake.run);
    const cancel = new AbortController();
    const net = server({ hold: "/v1/me", onRequest: (path) => path === "/v1/me" && queueMicrotask(() => cancel.abort()) });
    const error = await controller(session, net.fetch)
      .syncNow({ signal: cancel.signal, steps: new Steps(cancel.signal) })
      .catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(net.requests).toEqual(["/v1/me"]);
    expect(await loadState(fake.run)).toEqual(before);
  });
});

describe("loading a community's plan into a workbook", () => {
  it("cancelled while the plan downloads: the request is aborted and the workbook is left without a plan, as it was", async () => {
    const fake = new FakeExcel();
    const session = new PlanSession({ run: fake.run });
    await session.open();
    const planId = amuPlan.plan.id;
    const cancel = new AbortController();
    const events: StepState[] = [];
    const net = server({ hold: `/v1/plans/${planId}`, onRequest: (path) => path.endsWith(planId) && queueMicrotask(() => cancel.abort()) });
    const sync = controller(session, net.fetch);
    await sync.connect(SERVER, "token");
    const error = await sync
      .linkTo({ id: amuPlan.community.id, name: amuPlan.community.name, planId }, { signal: cancel.signal, steps: new Steps(cancel.signal, (s) => events.push(s)) })
      .catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(shown(events)).toEqual([[1, 2, "Asking the server", true]]);
    expect(events[0]!.ifCancelled!(en)).toBe(en.feedback.ifCancelled.nothingWritten);
    expect(session.state).toBeUndefined();
    expect(await loadState(fake.run)).toBeUndefined();
    expect(fake.sheets.map((s) => s.name)).toEqual([]);
  });
});

describe("steps", () => {
  it("count as they are learned and refuse to start once cancelled", () => {
    const cancel = new AbortController();
    const events: StepState[] = [];
    const steps = new Steps(cancel.signal, (s) => events.push(s));
    steps.plan(2);
    steps.next();
    steps.next();
    // More than planned: the count grows with the step, never shows "3 of 2".
    steps.next();
    expect(events.map((e) => [e.step, e.of])).toEqual([
      [1, 2],
      [2, 2],
      [3, 3],
    ]);
    cancel.abort();
    expect(() => steps.next()).toThrow(expect.objectContaining({ name: "AbortError" }));
    expect(events).toHaveLength(3);
  });

  it("a cancel is said as «Скасовано» with what was done, as information, not as a failure", () => {
    for (const language of ["uk", "en", "lt"] as const) {
      const t = strings(language);
      const cancelled = new Cancelled((w) => w.feedback.ifCancelled.nothingWritten);
      expect(describeError(cancelled, t)).toMatchObject({ title: t.feedback.cancelled, next: t.feedback.ifCancelled.nothingWritten });
      expect(isAbort(cancelled)).toBe(true);
    }
    expect(strings("uk").feedback.cancelled).toBe("Скасовано");
    expect(isAbort(new Error("boom"))).toBe(false);
  });
});
