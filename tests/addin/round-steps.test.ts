import { describe, expect, it } from "vitest";
import { ROUND_ACTIONS, ROUND_STATUSES, type RoundAction, type RoundStatus } from "../../shared/api/rounds.ts";
import {
  allowedSteps,
  defaultRoundYear,
  earliestDue,
  memberDueDates,
  monitorYears,
  needsComment,
  roundActor,
  submitBlocker,
} from "../../addin/src/features/monitoring/round-steps.ts";
import { ApiError, createClient } from "../../shared/api/client.ts";

/** The contract's state machine (shared/api/rounds.ts), written out as its comment draws it. */
const TRANSITIONS: [RoundStatus | null, RoundAction, RoundStatus][] = [
  [null, "open", "open"],
  ["open", "submit", "submitted"],
  ["submitted", "approve", "approved"],
  ["submitted", "return", "returned"],
  ["returned", "submit", "submitted"],
  ["approved", "reopen", "open"],
];
/** Who may act: open, return, approve, reopen — editors (and admins); submit — monitors and editors. */
const MAY: Record<RoundAction, ("editor" | "monitor")[]> = {
  open: ["editor"],
  return: ["editor"],
  approve: ["editor"],
  reopen: ["editor"],
  submit: ["monitor", "editor"],
};

describe("the Monitoring section's steps", () => {
  it("offers exactly the contract's steps for every status and role", () => {
    for (const status of [null, ...ROUND_STATUSES])
      for (const actor of ["editor", "monitor", undefined] as const) {
        const expected = ROUND_ACTIONS.filter((a) => TRANSITIONS.some(([from, action]) => from === status && action === a) && actor && MAY[a].includes(actor));
        expect(new Set(allowedSteps(status, actor)), `${status} / ${actor}`).toEqual(new Set(expected));
      }
    expect(allowedSteps("submitted", "editor")).toEqual(["return", "approve"]);
    expect(allowedSteps("submitted", "monitor")).toEqual([]);
    expect(allowedSteps(null, "monitor")).toEqual([]);
  });

  it("acts as editor for editors and admins, as monitor for monitors only, not at all for analysts", () => {
    expect(roundActor(["editor"])).toBe("editor");
    expect(roundActor(["admin"])).toBe("editor");
    expect(roundActor(["monitor", "editor"])).toBe("editor");
    expect(roundActor(["monitor"])).toBe("monitor");
    expect(roundActor(["analyst"])).toBeUndefined();
    expect(roundActor([])).toBeUndefined();
  });

  it("protects a monitor's sheet but for the years whose round is open or returned; nobody else's", () => {
    const rounds = ROUND_STATUSES.map((status, i) => ({ year: 2013 + i, status }));
    expect(monitorYears("monitor", rounds)).toEqual([2013, 2015]);
    expect(monitorYears("monitor", [])).toEqual([]);
    expect(monitorYears("editor", rounds)).toBeUndefined();
    expect(monitorYears(undefined, rounds)).toBeUndefined();
  });

  it("asks for a comment to return and to reopen only", () => {
    expect(ROUND_ACTIONS.filter(needsComment)).toEqual(["return", "reopen"]);
  });

  it("opens on the last year up to now without an approved round, else the current year within the plan", () => {
    const plan = { firstYear: 2013, lastYear: 2015 };
    const approved = (year: number) => ({ year, status: "approved" as const });
    expect(defaultRoundYear(plan, [], 2026)).toBe(2015);
    expect(defaultRoundYear(plan, [approved(2015)], 2026)).toBe(2014);
    expect(defaultRoundYear(plan, [approved(2015), { year: 2014, status: "returned" }], 2026)).toBe(2014);
    expect(defaultRoundYear(plan, [approved(2013), approved(2014), approved(2015)], 2026)).toBe(2015);
    expect(defaultRoundYear(plan, [], 2014)).toBe(2014);
    expect(defaultRoundYear(plan, [approved(2014)], 2014)).toBe(2013);
    expect(defaultRoundYear(plan, [], 2010)).toBe(2013);
  });

  it("submits only when the sync before it left every value on the server", () => {
    const clean = { problems: [], offline: false, queued: 0, conflicts: [], refused: [] };
    expect(submitBlocker(clean)).toBeUndefined();
    expect(submitBlocker({ ...clean, problems: [{} as never] })).toBe("problems");
    expect(submitBlocker({ ...clean, offline: true, queued: 3 })).toBe("offline");
    expect(submitBlocker({ ...clean, queued: 1 })).toBe("offline");
    expect(submitBlocker({ ...clean, conflicts: [{} as never] })).toBe("conflicts");
    expect(submitBlocker({ ...clean, refused: [{} as never] })).toBe("refused");
  });
});

describe("the client's round calls", () => {
  const round = {
    planId: "00000000-0000-4000-8000-000000000002",
    year: 2014,
    status: "open",
    version: 1,
    updatedAt: "2015-01-10T10:00:00.000Z",
    updatedBy: { id: "u1", name: "Олена" },
    events: [{ action: "open", status: "open", by: { id: "u1", name: "Олена" }, at: "2015-01-10T10:00:00.000Z", comment: null }],
  };
  function recording(status: number, body: unknown) {
    const calls: { url: string; method: string; body?: unknown }[] = [];
    const client = createClient({
      baseUrl: "http://store.test/",
      token: "t",
      fetch: async (url, init) => {
        calls.push({ url, method: String(init.method), body: init.body ? JSON.parse(String(init.body)) : undefined });
        return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
      },
    });
    return { client, calls };
  }

  it("calls the contract's paths and parses the answers by its schemas", async () => {
    const step = recording(200, round);
    await expect(step.client.roundStep(round.planId, 2014, { action: "submit", baseVersion: 1 })).resolves.toMatchObject({ status: "open", version: 1 });
    expect(step.calls).toEqual([{ url: `http://store.test/v1/plans/${round.planId}/rounds/2014`, method: "POST", body: { action: "submit", baseVersion: 1 } }]);

    const list = recording(200, { rounds: [round] });
    await expect(list.client.rounds(round.planId)).resolves.toEqual({ rounds: [round] });
    expect(list.calls[0]).toMatchObject({ url: `http://store.test/v1/plans/${round.planId}/rounds`, method: "GET" });

    const members = { associationId: "00000000-0000-4000-8000-000000000009", year: 2014, members: [] };
    const association = recording(200, members);
    await expect(association.client.associationRounds(members.associationId, 2014)).resolves.toEqual(members);
    expect(association.calls[0]!.url).toBe(`http://store.test/v1/associations/${members.associationId}/rounds?year=2014`);

    const report = { planId: round.planId, year: 2014, round, priorities: [], unlinked: [], summary: { on_track: 0, at_risk: 0, off_track: 0, no_data: 0 } };
    const got = recording(200, report);
    await expect(got.client.roundReport(round.planId, 2014)).resolves.toEqual(report);
    expect(got.calls[0]!.url).toBe(`http://store.test/v1/plans/${round.planId}/rounds/2014/report`);
    // An answer that drifted from the contract fails loudly.
    await expect(recording(200, { ...round, status: "closed" }).client.roundStep(round.planId, 2014, { action: "open", baseVersion: 0 })).rejects.toThrow();
  });

  it("a 409 is an ApiError with the server's message", async () => {
    const conflict = recording(409, { error: { code: "conflict", message: "The round is at version 2", field: null }, current: round });
    const error = await conflict.client.roundStep(round.planId, 2014, { action: "approve", baseVersion: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, message: "The round is at version 2" });
  });
});

describe("the association's due date in a member's Monitoring section", () => {
  const [A, B, C] = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b", "00000000-0000-4000-8000-00000000000c"];
  const due = (year: number, dueOn: string) => ({ year, dueOn, dueEnd: `${dueOn}T21:00:00.000Z` });
  /** A store where A and B set due dates and C's cannot be read (500). */
  const store = () => {
    const asked: string[] = [];
    const lists: Record<string, unknown> = { [A]: { dueDates: [due(2014, "2015-03-31"), due(2015, "2016-03-31")] }, [B]: { dueDates: [due(2014, "2015-02-28")] } };
    const client = createClient({
      baseUrl: "http://store.test",
      token: "mpt_test",
      fetch: async (url) => {
        const id = /associations\/([^/]+)\/due-dates/.exec(url)![1]!;
        asked.push(id);
        const body = lists[id];
        return new Response(JSON.stringify(body ?? { error: { code: "internal", message: "down", field: null } }), { status: body ? 200 : 500 });
      },
    });
    return { client, asked };
  };

  it("reads every association of the community, leaving out one whose dates cannot be read", async () => {
    const { client, asked } = store();
    const dates = await memberDueDates(client, [A, C, B]);
    expect(asked.sort()).toEqual([A, B, C].sort());
    expect(dates.map((d) => [d.year, d.dueOn]).sort()).toEqual([
      [2014, "2015-02-28"],
      [2014, "2015-03-31"],
      [2015, "2016-03-31"],
    ]);
    expect(await memberDueDates(client, [])).toEqual([]);
  });

  it("shows the year's earliest, none for a year without one", async () => {
    const dates = await memberDueDates(store().client, [A, B]);
    expect(earliestDue(dates, 2014)?.dueOn).toBe("2015-02-28");
    expect(earliestDue(dates, 2015)?.dueOn).toBe("2016-03-31");
    expect(earliestDue(dates, 2016)).toBeUndefined();
    expect(earliestDue(dates, undefined)).toBeUndefined();
  });
});
