import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AssociationRounds, Round, RoundConflict, RoundList, RoundReport } from "../../shared/api/rounds.ts";
import type { Mutation, PushResponse } from "../../shared/api/sync.ts";
import { roundsAsRead, roundStates } from "../../worker/src/db/rounds.ts";
import { tenancy } from "../../worker/src/db/tenancy.ts";
import {
  api,
  countLog,
  errorOf,
  json,
  makeWorld,
  openRound,
  PERSONAS,
  push,
  pushBody,
  run,
  stored,
  uuid,
  valueUpdate,
  type Persona,
  type World,
} from "./support/world.ts";

// makeWorld's plan has observations of the first indicator for 2013, 2014, 2015 (indexes 0, 1, 2).
const YEAR = 2015;
const OBS = 2;

const roundUrl = (w: World, year: number, planId = w.ids.plan) => `/v1/plans/${planId}/rounds/${year}`;

const step = (w: World, token: string | null, year: number, body: Record<string, unknown>) =>
  api(roundUrl(w, year), { token, body });

/** A step that must apply; the round it left. */
async function stepped(w: World, token: string | null, year: number, body: Record<string, unknown>): Promise<Round> {
  const res = await step(w, token, year, body);
  if (res.status !== 200) throw new Error(`${String(body.action)}: ${res.status} ${await res.text()}`);
  return json<Round>(res);
}

/** The round of `year` taken to `status` by the editor (and the monitor's submit). */
async function roundAt(w: World, year: number, status: "open" | "submitted" | "returned" | "approved"): Promise<Round> {
  let round = await openRound(w, year);
  if (status === "open") return round;
  round = await stepped(w, w.tokens.monitor, year, { action: "submit", baseVersion: round.version });
  if (status === "submitted") return round;
  if (status === "returned") return stepped(w, w.tokens.editor, year, { action: "return", baseVersion: round.version, comment: "ще раз" });
  return stepped(w, w.tokens.editor, year, { action: "approve", baseVersion: round.version });
}

const storedValue = async (w: World, index = OBS) =>
  JSON.parse((await stored(w.ids.plan, "observations", w.doc.observations[index]!.id))!.data) as { value: number | null; note?: string };

/** A forbidden result whose reason matches `reason`. */
const refused = (reason: RegExp) => ({ status: "forbidden", reason: expect.stringMatching(reason) });

describe("the monitoring round, step by step", () => {
  it("opens, takes the committee's values, goes back and forth, locks the approved values until reopened with a reason, and keeps every step", async () => {
    const w = await makeWorld();
    const opened = await step(w, w.tokens.editor, YEAR, { action: "open", baseVersion: 0 });
    expect(opened.status).toBe(201);
    let round = await json<Round>(opened);
    expect(round).toMatchObject({ planId: w.ids.plan, year: YEAR, status: "open", version: 1, updatedBy: { id: w.users.editor, name: "User editor" } });

    // The committee fills the year's value and its note.
    const filled = await push(w, w.tokens.monitor, [{ ...valueUpdate(w, 150, 1, OBS), fields: { value: 150, note: "за даними ЦНАП" } }]);
    expect(filled.results[0]).toMatchObject({ status: "applied", version: 2 });
    round = await stepped(w, w.tokens.monitor, YEAR, { action: "submit", baseVersion: 1 });
    expect(round).toMatchObject({ status: "submitted", version: 2, updatedBy: { id: w.users.monitor } });

    // Returning needs a comment saying what to fix.
    for (const comment of [undefined, "   "]) {
      const bare = await step(w, w.tokens.editor, YEAR, { action: "return", baseVersion: 2, comment });
      expect(bare.status).toBe(400);
      expect(await errorOf(bare)).toMatchObject({ code: "bad_request", field: "comment" });
    }
    round = await stepped(w, w.tokens.editor, YEAR, { action: "return", baseVersion: 2, comment: "Перевірте значення: 150 замість 15?" });
    expect(round).toMatchObject({ status: "returned", version: 3 });

    // A returned round takes the committee's correction, and its submit again.
    expect((await push(w, w.tokens.monitor, [valueUpdate(w, 15, 2, OBS)])).results[0]).toMatchObject({ status: "applied", version: 3 });
    round = await stepped(w, w.tokens.monitor, YEAR, { action: "submit", baseVersion: 3 });
    round = await stepped(w, w.tokens.editor, YEAR, { action: "approve", baseVersion: 4 });
    expect(round).toMatchObject({ status: "approved", version: 5 });

    // Approved: nobody writes the year's observations, neither the committee nor the editor; the rest of a push goes on.
    const logged = await countLog(w.ids.plan);
    const lockedReason = /2015.*approved.*reopen/;
    const byMonitor = await push(w, w.tokens.monitor, [valueUpdate(w, 16, 3, OBS), valueUpdate(w, 99, 1, 0)]);
    expect(byMonitor.results[0]).toMatchObject(refused(lockedReason));
    const goal = w.doc.goals[0]!;
    const byEditor = await push(w, w.tokens.editor, [
      valueUpdate(w, 17, 3, OBS),
      { mutationId: uuid(), kind: "goals", entityId: goal.id, op: "upsert", baseVersion: 1, fields: { title: "Інша ціль" } },
    ]);
    expect(byEditor.results[0]).toMatchObject(refused(lockedReason));
    expect(byEditor.results[1]).toMatchObject({ status: "applied", version: 2 });
    const deletion = await push(w, w.tokens.editor, [
      { mutationId: uuid(), kind: "observations", entityId: w.doc.observations[OBS]!.id, op: "delete", baseVersion: 3 },
    ]);
    expect(deletion.results[0]).toMatchObject(refused(lockedReason));
    expect(await storedValue(w)).toMatchObject({ value: 15, note: "за даними ЦНАП" });
    expect((await stored(w.ids.plan, "observations", w.doc.observations[OBS]!.id))!).toMatchObject({ version: 3, deleted: 0 });
    // 2013 has no round: the monitor's write of it is refused too; only the editor's goal title was written.
    expect(byMonitor.results[1]).toMatchObject(refused(/no monitoring round is open for 2013/));
    expect(await countLog(w.ids.plan)).toBe(logged + 1);

    // Reopening needs a reason; with one, the round is open again and the editor corrects the value.
    const reasonless = await step(w, w.tokens.editor, YEAR, { action: "reopen", baseVersion: 5 });
    expect(reasonless.status).toBe(400);
    expect(await errorOf(reasonless)).toMatchObject({ code: "bad_request", field: "comment" });
    round = await stepped(w, w.tokens.editor, YEAR, { action: "reopen", baseVersion: 5, comment: "Держстат уточнив дані за 2015 рік" });
    expect(round).toMatchObject({ status: "open", version: 6 });
    expect((await push(w, w.tokens.editor, [valueUpdate(w, 16, 3, OBS)])).results[0]).toMatchObject({ status: "applied", version: 4 });
    expect((await storedValue(w)).value).toBe(16);

    // The audit trail: every step, who took it, what it left, with the comments.
    const { rounds } = await json<RoundList>(await api(`/v1/plans/${w.ids.plan}/rounds`, { token: w.tokens.monitor }));
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toEqual(round);
    expect(round.events.map((e) => [e.action, e.status, e.by.id, e.comment])).toEqual([
      ["open", "open", w.users.editor, null],
      ["submit", "submitted", w.users.monitor, null],
      ["return", "returned", w.users.editor, "Перевірте значення: 150 замість 15?"],
      ["submit", "submitted", w.users.monitor, null],
      ["approve", "approved", w.users.editor, null],
      ["reopen", "open", w.users.editor, "Держстат уточнив дані за 2015 рік"],
    ]);
    expect(round.events.every((e) => e.by.name.startsWith("User "))).toBe(true);
    expect(round.events.at(-1)!.at).toBe(round.updatedAt);
  });

  it("lists the plan's rounds by year", async () => {
    const w = await makeWorld();
    await roundAt(w, 2015, "approved");
    await openRound(w, 2014);
    const { rounds } = await json<RoundList>(await api(`/v1/plans/${w.ids.plan}/rounds`, { token: w.tokens.editor }));
    expect(rounds.map((r) => [r.year, r.status, r.version, r.events.length])).toEqual([
      [2014, "open", 1, 1],
      [2015, "approved", 3, 3],
    ]);
    const other = await json<RoundList>(await api(`/v1/plans/${w.ids.otherPlan}/rounds`, { token: w.tokens.admin }));
    expect(other.rounds).toEqual([]);
  });
});

describe("steps that do not apply", () => {
  it("answers a stale base version with 409 and the round as it stands, and changes nothing", async () => {
    const w = await makeWorld();
    const submitted = await roundAt(w, YEAR, "submitted");
    const res = await step(w, w.tokens.editor, YEAR, { action: "approve", baseVersion: 1 });
    expect(res.status).toBe(409);
    const body = await json<RoundConflict>(res);
    expect(body.error).toEqual({ code: "conflict", field: "baseVersion", message: "the 2015 round is at version 2 (submitted), not 1" });
    expect(body.current).toEqual(submitted);
  });

  it("answers a step the status does not allow with 409 saying the status and the allowed steps", async () => {
    const w = await makeWorld();
    const open = await openRound(w, YEAR);
    const res = await step(w, w.tokens.editor, YEAR, { action: "approve", baseVersion: 1 });
    expect(res.status).toBe(409);
    const body = await json<RoundConflict>(res);
    expect(body.error).toMatchObject({ code: "conflict", field: "action" });
    expect(body.error.message).toBe("the 2015 round is open: approve applies to a round that is submitted; allowed from open: submit");
    expect(body.current).toEqual(open);
    const reopen = await json<RoundConflict>(await step(w, w.tokens.editor, YEAR, { action: "reopen", baseVersion: 1, comment: "x" }));
    expect(reopen.error.message).toMatch(/reopen applies to a round that is approved/);
  });

  it("refuses opening a year twice, and a step on a year without a round", async () => {
    const w = await makeWorld();
    const approved = await roundAt(w, YEAR, "approved");
    const again = await step(w, w.tokens.editor, YEAR, { action: "open", baseVersion: 0 });
    expect(again.status).toBe(409);
    const body = await json<RoundConflict>(again);
    expect(body.error).toMatchObject({ field: "action", message: expect.stringMatching(/opened already: it is approved.*allowed from approved: reopen/) });
    expect(body.current).toEqual(approved);

    const none = await step(w, w.tokens.monitor, 2016, { action: "submit", baseVersion: 1 });
    expect(none.status).toBe(409);
    expect(await json<RoundConflict>(none)).toMatchObject({ error: { field: "year", message: expect.stringContaining("there is no 2016 round") }, current: null });
    const { rounds } = await json<RoundList>(await api(`/v1/plans/${w.ids.plan}/rounds`, { token: w.tokens.editor }));
    expect(rounds.map((r) => [r.year, r.version, r.events.length])).toEqual([[YEAR, 3, 3]]);
  });

  it("refuses bad input with 400 naming the field", async () => {
    const w = await makeWorld();
    const cases: [string, Record<string, unknown>, string][] = [
      [roundUrl(w, YEAR), { action: "open", baseVersion: 1 }, "baseVersion"],
      [roundUrl(w, YEAR), { action: "close", baseVersion: 0 }, "action"],
      [roundUrl(w, YEAR), { action: "submit", baseVersion: -1 }, "baseVersion"],
      [roundUrl(w, YEAR), { action: "return", baseVersion: 1, comment: "x".repeat(4001) }, "comment"],
      [roundUrl(w, 1800), { action: "open", baseVersion: 0 }, "year"],
      [`/v1/plans/${w.ids.plan}/rounds/twenty`, { action: "open", baseVersion: 0 }, "year"],
    ];
    for (const [url, body, field] of cases) {
      const res = await api(url, { token: w.tokens.editor, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
    const { rounds } = await json<RoundList>(await api(`/v1/plans/${w.ids.plan}/rounds`, { token: w.tokens.editor }));
    expect(rounds).toEqual([]);
  });
});

describe("who may see rounds and take which step", () => {
  const UNAUTHENTICATED = { expired: 401, revoked: 401, anonymous: 401 } as const;
  const COMMUNITY_ONLY = { analyst: 403, outsider: 404, foreignAnalyst: 404, ...UNAUTHENTICATED } as const;
  const cases: { name: string; request: (w: World, token: string | null, year: number) => Promise<Response>; expect: Record<Persona, number> }[] = [
    {
      name: "GET /v1/plans/:planId/rounds",
      request: (w, token) => api(`/v1/plans/${w.ids.plan}/rounds`, { token }),
      expect: { admin: 200, editor: 200, monitor: 200, ...COMMUNITY_ONLY },
    },
    {
      name: "POST /v1/plans/:planId/rounds/:year (open)",
      request: (w, token, year) => step(w, token, year, { action: "open", baseVersion: 0 }),
      expect: { admin: 201, editor: 201, monitor: 403, ...COMMUNITY_ONLY },
    },
    {
      name: "GET /v1/plans/:planId/rounds/:year/report",
      request: (w, token, year) => api(`${roundUrl(w, year)}/report`, { token }),
      expect: { admin: 200, editor: 200, monitor: 200, ...COMMUNITY_ONLY },
    },
    {
      name: "GET /v1/associations/:associationId/rounds",
      request: (w, token, year) => api(`/v1/associations/${w.ids.associationA}/rounds?year=${year}`, { token }),
      // Members' editors and monitors (outsider edits member D) see the association, not its members' rounds.
      expect: { admin: 200, analyst: 200, editor: 403, monitor: 403, outsider: 403, foreignAnalyst: 404, ...UNAUTHENTICATED },
    },
  ];

  it.each(cases)("$name", async ({ request, expect: statuses }) => {
    const w = await makeWorld();
    for (const [i, persona] of PERSONAS.entries()) {
      // A year per persona, so that each one's open finds the year without a round.
      const res = await request(w, w.tokens[persona], 2013 + i);
      expect(res.status, persona).toBe(statuses[persona]);
      if (res.status >= 400) expect((await errorOf(res)).code, persona).toBe({ 401: "unauthorized", 403: "forbidden", 404: "not_found" }[res.status]);
    }
  });

  it("answers an out-of-reach plan's rounds exactly like a missing plan's", async () => {
    const w = await makeWorld();
    await openRound(w, YEAR);
    for (const path of ["/rounds", `/rounds/${YEAR}/report`]) {
      const existing = await api(`/v1/plans/${w.ids.plan}${path}`, { token: w.tokens.outsider });
      const missing = await api(`/v1/plans/${uuid()}${path}`, { token: w.tokens.outsider });
      expect([existing.status, await existing.text()]).toEqual([missing.status, await missing.text()]);
    }
    const body = { action: "submit", baseVersion: 1 };
    const existing = await step(w, w.tokens.foreignAnalyst, YEAR, body);
    const missing = await api(`/v1/plans/${uuid()}/rounds/${YEAR}`, { token: w.tokens.foreignAnalyst, body });
    expect([existing.status, await existing.text()]).toEqual([missing.status, await missing.text()]);
  });

  it("lets the monitor submit but not open, return, approve or reopen; refusals change nothing", async () => {
    const w = await makeWorld();
    await roundAt(w, 2013, "submitted");
    await roundAt(w, 2014, "approved");
    const refusedSteps: [number, Record<string, unknown>][] = [
      [2016, { action: "open", baseVersion: 0 }],
      [2013, { action: "return", baseVersion: 2, comment: "ні" }],
      [2013, { action: "approve", baseVersion: 2 }],
      [2014, { action: "reopen", baseVersion: 3, comment: "хочу змінити" }],
    ];
    for (const [year, body] of refusedSteps) {
      const res = await step(w, w.tokens.monitor, year, body);
      expect(res.status, String(body.action)).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: "forbidden", message: expect.stringContaining(`may not ${String(body.action)} the ${year} monitoring round (its editors do)`) });
    }
    const { rounds } = await json<RoundList>(await api(`/v1/plans/${w.ids.plan}/rounds`, { token: w.tokens.monitor }));
    expect(rounds.map((r) => [r.year, r.status, r.version])).toEqual([
      [2013, "submitted", 2],
      [2014, "approved", 3],
    ]);
    // The editor submits too (for a committee that sent its values on paper).
    await openRound(w, 2015);
    expect((await stepped(w, w.tokens.editor, 2015, { action: "submit", baseVersion: 1 })).status).toBe("submitted");
  });
});

describe("who may write the observations of a round's year", () => {
  const newObservation = (w: World, year: number): Mutation => {
    const id = uuid();
    return {
      mutationId: uuid(),
      kind: "observations",
      entityId: id,
      op: "upsert",
      baseVersion: 0,
      fields: { id, indicatorId: w.doc.observations[0]!.indicatorId, period: { year }, value: 1 },
    };
  };

  it("refuses the monitor a year without a round, and takes its values and notes once the round is open", async () => {
    const w = await makeWorld();
    const logged = await countLog(w.ids.plan);
    const before = await push(w, w.tokens.monitor, [valueUpdate(w, 151, 1, OBS), newObservation(w, 2016)]);
    expect(before.results).toEqual([
      expect.objectContaining(refused(/^no monitoring round is open for 2015: an editor opens the 2015 round/)),
      expect.objectContaining(refused(/no monitoring round is open for 2016/)),
    ]);
    expect(await countLog(w.ids.plan)).toBe(logged);
    // Editors write a year without a round as before.
    expect((await push(w, w.tokens.editor, [valueUpdate(w, 150, 1, OBS)])).results[0]).toMatchObject({ status: "applied" });

    await openRound(w, YEAR);
    const after = await push(w, w.tokens.monitor, [{ ...valueUpdate(w, 151, 2, OBS), fields: { value: 151, note: "перевірено" } }]);
    expect(after.results[0]).toMatchObject({ status: "applied", version: 3 });
    expect(await storedValue(w)).toMatchObject({ value: 151, note: "перевірено" });
  });

  it("refuses the monitor other years than the open round's, and a submitted round's year", async () => {
    const w = await makeWorld();
    await openRound(w, YEAR);
    const other = await push(w, w.tokens.monitor, [valueUpdate(w, 1, 1, 1), newObservation(w, 2016), valueUpdate(w, 150, 1, OBS)]);
    expect(other.results.map((r) => r.status)).toEqual(["forbidden", "forbidden", "applied"]);
    expect(other.results[0]).toMatchObject(refused(/no monitoring round is open for 2014/));
    await stepped(w, w.tokens.monitor, YEAR, { action: "submit", baseVersion: 1 });
    const submitted = await push(w, w.tokens.monitor, [valueUpdate(w, 160, 2, OBS)]);
    expect(submitted.results[0]).toMatchObject(refused(/the 2015 monitoring round is submitted: a monitor fills values only while the round is open or returned/));
    // The editor still may, until the round is approved.
    expect((await push(w, w.tokens.editor, [valueUpdate(w, 155, 2, OBS)])).results[0]).toMatchObject({ status: "applied" });
    expect((await storedValue(w)).value).toBe(155);
  });

  it("refuses the monitor an indicator's target while a round is open, and writes nothing of it", async () => {
    const w = await makeWorld();
    await openRound(w, YEAR);
    const indicator = w.doc.indicators[0]!;
    const logged = await countLog(w.ids.plan);
    const res = await push(w, w.tokens.monitor, [
      { mutationId: uuid(), kind: "indicators", entityId: indicator.id, op: "upsert", baseVersion: 1, fields: { targetValue: 1 } },
      { mutationId: uuid(), kind: "observations", entityId: w.doc.observations[OBS]!.id, op: "upsert", baseVersion: 1, fields: { period: { year: 2016 } } },
    ]);
    expect(res.results).toEqual([
      expect.objectContaining(refused(/^a monitor may only fill observations \(values and notes\)$/)),
      expect.objectContaining(refused(/^a monitor may only change an observation's value \(or its reason for no value\) and note$/)),
    ]);
    expect(await stored(w.ids.plan, "indicators", indicator.id)).toMatchObject({ version: 1, data: JSON.stringify(indicator) });
    expect(await countLog(w.ids.plan)).toBe(logged);
  });

  it("refuses the editor moving an observation out of an approved year, or into one", async () => {
    const w = await makeWorld();
    await roundAt(w, 2014, "approved");
    const move = (index: number, year: number): Mutation => ({
      mutationId: uuid(),
      kind: "observations",
      entityId: w.doc.observations[index]!.id,
      op: "upsert",
      baseVersion: 1,
      fields: { period: { year } },
    });
    const res = await push(w, w.tokens.editor, [move(1, 2016), move(0, 2014), newObservation(w, 2014)]);
    expect(res.results).toEqual([
      expect.objectContaining(refused(/2014 values are locked/)),
      expect.objectContaining(refused(/2014 values are locked/)),
      expect.objectContaining(refused(/2014 values are locked/)),
    ]);
    expect((await stored(w.ids.plan, "observations", w.doc.observations[1]!.id))!.version).toBe(1);
  });

  it("re-decides a push against an approval committed between its decision and its write", async () => {
    const w = await makeWorld();
    const submitted = await roundAt(w, YEAR, "submitted");
    // The editor's push reads the rounds (2015 submitted: editors may write), then another editor approves.
    let readRounds = false;
    let raced = false;
    const DB = new Proxy(env.DB, {
      get(target, key) {
        if (key === "prepare")
          return (sql: string) => {
            if (sql.startsWith("SELECT year, status, version FROM rounds")) readRounds = true;
            return target.prepare(sql);
          };
        if (key === "batch")
          return async (statements: Parameters<typeof target.batch>[0]) => {
            if (readRounds && !raced) {
              raced = true;
              await stepped(w, w.tokens.admin, YEAR, { action: "approve", baseVersion: submitted.version });
            }
            return target.batch(statements);
          };
        const value: unknown = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const logged = await countLog(w.ids.plan);
    const res = await api(`/v1/plans/${w.ids.plan}/push`, { token: w.tokens.editor, body: pushBody([valueUpdate(w, 999, 1, OBS)]) }, { DB });
    expect(raced).toBe(true);
    expect((await json<PushResponse>(res)).results[0]).toMatchObject(refused(/2015 values are locked/));
    expect((await storedValue(w)).value).toBe(w.doc.observations[OBS]!.value);
    expect(await countLog(w.ids.plan)).toBe(logged);
  });

  it("guards a push's batch on the written years' rounds as read: a changed or new round aborts it, an unchanged one is left as it is", async () => {
    const w = await makeWorld();
    await openRound(w, 2014);
    const read = await roundStates(env.DB, w.ids.plan);
    expect([...read]).toEqual([[2014, { status: "open", version: 1 }]]);
    await env.DB.batch(roundsAsRead(env.DB, w.ids.plan, read, new Set([2014, 2015])));
    expect(await roundStates(env.DB, w.ids.plan)).toEqual(read);

    await openRound(w, 2015);
    await expect(env.DB.batch(roundsAsRead(env.DB, w.ids.plan, read, new Set([2015])))).rejects.toThrow(/constraint failed/);
    await stepped(w, w.tokens.monitor, 2014, { action: "submit", baseVersion: 1 });
    await expect(env.DB.batch(roundsAsRead(env.DB, w.ids.plan, read, new Set([2014])))).rejects.toThrow(/constraint failed/);
    // A year the push did not write is not checked.
    await env.DB.batch(roundsAsRead(env.DB, w.ids.plan, read, new Set([2013])));
    expect(roundsAsRead(env.DB, w.ids.plan, read, new Set())).toEqual([]);
  });
});

describe("the association's view of its members' rounds", () => {
  it("gives each member's status and time for the year, null without a round or without a plan", async () => {
    const w = await makeWorld();
    const approved = await roundAt(w, YEAR, "approved");
    const planless = uuid();
    await run([tenancy.community(planless, "Громада без плану", new Date().toISOString()), tenancy.membership(w.ids.associationA, planless)]);

    const res = await api(`/v1/associations/${w.ids.associationA}/rounds?year=${YEAR}`, { token: w.tokens.analyst });
    expect(res.status).toBe(200);
    const body = await json<AssociationRounds>(res);
    expect(body).toMatchObject({ associationId: w.ids.associationA, year: YEAR });
    const byMember = new Map(body.members.map((m) => [m.communityId, m]));
    expect(body.members).toHaveLength(3);
    expect(byMember.get(w.ids.community)).toMatchObject({ status: "approved", updatedAt: approved.updatedAt });
    expect(byMember.get(w.ids.otherCommunity)).toMatchObject({ status: null, updatedAt: null });
    expect(byMember.get(planless)).toEqual({ communityId: planless, name: "Громада без плану", status: null, updatedAt: null });
    expect(body.members.map((m) => m.name)).toEqual(body.members.map((m) => m.name).sort());

    const otherYear = await json<AssociationRounds>(await api(`/v1/associations/${w.ids.associationA}/rounds?year=2014`, { token: w.tokens.admin }));
    expect(otherYear.members.map((m) => m.status)).toEqual([null, null, null]);
  });

  it("refuses a missing or bad year with 400 naming it", async () => {
    const w = await makeWorld();
    for (const query of ["", "?year=abc", "?year=3000"]) {
      const res = await api(`/v1/associations/${w.ids.associationA}/rounds${query}`, { token: w.tokens.analyst });
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).field).toBe("year");
    }
  });
});

describe("the round's report", () => {
  it("reports the year's values with progress and status over the years up to it, with the round", async () => {
    const w = await makeWorld();
    const indicator = w.doc.indicators[0]!;
    // Baseline 2012 → target 2015 (the plan's last year) from 10 to 20; the fixture's values are 13, 14, 15.
    await push(w, w.tokens.editor, [
      { mutationId: uuid(), kind: "indicators", entityId: indicator.id, op: "upsert", baseVersion: 1, fields: { baselineValue: 10, targetValue: 20 } },
    ]);
    const round = await openRound(w, 2014);
    const res = await api(`${roundUrl(w, 2014)}/report`, { token: w.tokens.monitor });
    expect(res.status).toBe(200);
    const report = await json<RoundReport>(res);
    expect(report).toMatchObject({ planId: w.ids.plan, year: 2014, round });
    const priority = report.priorities.find((p) => p.priorityId === indicator.measures!.id)!;
    // 2014: (14 − 10) / (20 − 10) = 0.4 against 2/3 of the time elapsed → at risk; 2015's 15 does not count.
    expect(priority.indicators[0]).toMatchObject({ indicatorId: indicator.id, value: 14, baselineValue: 10, targetValue: 20, status: "at_risk" });
    expect(priority.indicators[0]!.progress).toBeCloseTo(0.4, 12);
    expect(report.priorities.map((p) => p.priorityId)).toEqual([...w.doc.priorities].sort((a, b) => a.order - b.order).map((p) => p.id));
    const counted = Object.values(report.summary).reduce((a, b) => a + b, 0);
    expect(counted).toBe(w.doc.indicators.filter((i) => !i.parentId).length);

    const without = await json<RoundReport>(await api(`${roundUrl(w, 2013)}/report`, { token: w.tokens.editor }));
    expect(without.round).toBeNull();
    expect(without.priorities.find((p) => p.priorityId === priority.priorityId)!.indicators[0]).toMatchObject({ value: 13, status: "at_risk" });
  });

  it("gives the year's own target that the status was judged against, and the year's reason for no value", async () => {
    const w = await makeWorld();
    const indicator = w.doc.indicators[0]!;
    const lineOf = async (year: number) => {
      const report = await json<RoundReport>(await api(`${roundUrl(w, year)}/report`, { token: w.tokens.editor }));
      return report.priorities.find((p) => p.priorityId === indicator.measures!.id)!.indicators[0]!;
    };
    // Final target 20 in 2015 and 14 for 2014 of its own: 2014's 14 meets it, on track (against 20 at risk, as above).
    const targets = [{ year: 2014, value: 14 }];
    await push(w, w.tokens.editor, [
      { mutationId: uuid(), kind: "indicators", entityId: indicator.id, op: "upsert", baseVersion: 1, fields: { baselineValue: 10, targetValue: 20, targets } },
    ]);
    expect(await lineOf(2014)).toMatchObject({ targetValue: 20, yearTarget: 14, value: 14, missing: null, status: "on_track", progress: 1 });
    expect(await lineOf(2013)).toMatchObject({ targetValue: 20, yearTarget: null, value: 13 });

    // 2014's value becomes a reason: no value, the status from 2013's 13 against the final 20, (13 − 10) / 10 of 1/3 → at risk.
    const reason = await push(w, w.tokens.editor, [{ ...valueUpdate(w, 0, 1, 1), fields: { value: null, missing: "not_available" } }]);
    expect(reason.results[0]).toMatchObject({ status: "applied" });
    expect(await lineOf(2014)).toMatchObject({ yearTarget: 14, value: null, missing: "not_available", status: "at_risk" });
  });
});
