import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { CompletenessResponse } from "../../shared/api/compare.ts";
import type { DueDate, DueDateCleared, DueDateList } from "../../shared/api/deadlines.ts";
import type { RoundAction, RoundStatus } from "../../shared/api/rounds.ts";
import type { Principal } from "../../worker/src/db/auth.ts";
import { completenessFor } from "../../worker/src/routes/compare.ts";
import { memberPlan } from "../support/member-plan.ts";
import { api, associationOf, createPlan, errorOf, json, makeWorld, type Persona } from "./support/world.ts";
import { populationEntry } from "../support/catalogue-entry.ts";

/**
 * Due dates (issue 14, timeliness): who may set, clear and read them, and completeness's on time / late /
 * missing / not due / none per member with the association's on-time rate. Rounds' steps are stored with
 * fixed timestamps and completeness is asked at fixed instants, so nothing depends on the real clock.
 */

const dueDates = (associationId: string, year?: number) =>
  `/v1/associations/${associationId}/due-dates${year === undefined ? "" : `/${year}`}`;

describe("due dates: access", () => {
  // Association A has the world's community (editor, monitor) and the outsider's (its editor is a member
  // too); the foreign analyst's association B does not reach A.
  const expected: Record<Persona, { get: number; put: number; del: number }> = {
    admin: { get: 200, put: 200, del: 200 },
    analyst: { get: 200, put: 200, del: 200 },
    editor: { get: 200, put: 403, del: 403 },
    monitor: { get: 200, put: 403, del: 403 },
    outsider: { get: 200, put: 403, del: 403 },
    foreignAnalyst: { get: 404, put: 404, del: 404 },
    expired: { get: 401, put: 401, del: 401 },
    revoked: { get: 401, put: 401, del: 401 },
    anonymous: { get: 401, put: 401, del: 401 },
  };
  it("analysts and admins set and clear, members read, everyone else gets the missing association's 404", async () => {
    const w = await makeWorld({ plan: false });
    const a = w.ids.associationA;
    for (const [persona, want] of Object.entries(expected) as [Persona, (typeof expected)[Persona]][]) {
      const token = w.tokens[persona];
      const got = {
        get: (await api(dueDates(a), { token })).status,
        put: (await api(dueDates(a, 2021), { method: "PUT", token, body: { dueOn: "2022-03-31" } })).status,
        del: (await api(dueDates(a, 2020), { method: "DELETE", token })).status,
      };
      expect(got, persona).toEqual(want);
    }
    const hidden = await api(dueDates(a), { token: w.tokens.foreignAnalyst });
    expect(await errorOf(hidden)).toMatchObject({ code: "not_found", field: "associationId" });
    // A member reads the year's due date: when its round is due.
    const read = await json<DueDateList>(await api(`${dueDates(a)}?year=2021`, { token: w.tokens.monitor }));
    expect(read.dueDates.map((d) => [d.year, d.dueOn])).toEqual([[2021, "2022-03-31"]]);
  });

  it("tells the analysts and admins who set a date and when, and members' editors and monitors only the date", async () => {
    const w = await makeWorld({ plan: false });
    const a = w.ids.associationA;
    await api(dueDates(a, 2021), { method: "PUT", token: w.tokens.analyst, body: { dueOn: "2022-03-31" } });
    for (const persona of ["admin", "analyst", "editor", "monitor", "outsider"] as const) {
      const [date] = (await json<DueDateList>(await api(dueDates(a), { token: w.tokens[persona] }))).dueDates;
      const curator = persona === "admin" || persona === "analyst";
      expect(Object.keys(date!).sort(), persona).toEqual(curator ? ["dueEnd", "dueOn", "updatedAt", "updatedBy", "year"] : ["dueEnd", "dueOn", "year"]);
      if (curator) expect(date!.updatedBy, persona).toEqual({ id: w.users.analyst, name: "User analyst" });
    }
  });
});

describe("due dates: set and clear", () => {
  it("stores the date with who set it, ends the day at midnight in Kyiv, and keeps every change in the trail", async () => {
    const w = await makeWorld({ plan: false });
    const a = w.ids.associationA;
    const put = (year: number, dueOn: string, token = w.tokens.analyst) => api(dueDates(a, year), { method: "PUT", token, body: { dueOn } });

    const winter = await json<DueDate>(await put(2021, "2022-01-31"));
    // EET (UTC+2) in January: 1 February 00:00 in Kyiv is 31 January 22:00 UTC.
    expect(winter).toMatchObject({ year: 2021, dueOn: "2022-01-31", dueEnd: "2022-01-31T22:00:00.000Z", updatedBy: { id: w.users.analyst, name: "User analyst" } });
    const summer = await json<DueDate>(await put(2021, "2022-03-31", w.tokens.admin));
    // EEST (UTC+3) from 27 March 2022.
    expect(summer).toMatchObject({ dueOn: "2022-03-31", dueEnd: "2022-03-31T21:00:00.000Z", updatedBy: { id: w.users.admin } });
    // The same date again changes nothing and leaves no event.
    expect(await json<DueDate>(await put(2021, "2022-03-31"))).toMatchObject({ updatedBy: { id: w.users.admin } });
    await put(2022, "2023-03-31");

    const list = await json<DueDateList>(await api(dueDates(a), { token: w.tokens.editor }));
    expect(list.dueDates.map((d) => [d.year, d.dueOn])).toEqual([
      [2021, "2022-03-31"],
      [2022, "2023-03-31"],
    ]);

    expect(await json<DueDateCleared>(await api(dueDates(a, 2021), { method: "DELETE", token: w.tokens.analyst }))).toEqual({ year: 2021, cleared: true });
    expect(await json<DueDateCleared>(await api(dueDates(a, 2021), { method: "DELETE", token: w.tokens.analyst }))).toEqual({ year: 2021, cleared: false });
    expect((await json<DueDateList>(await api(`${dueDates(a)}?year=2021`, { token: w.tokens.analyst }))).dueDates).toEqual([]);

    const { results } = await env.DB.prepare("SELECT year, due_on, actor FROM due_date_events WHERE association_id = ?1 ORDER BY seq")
      .bind(a)
      .all<{ year: number; due_on: string | null; actor: string }>();
    expect(results).toEqual([
      { year: 2021, due_on: "2022-01-31", actor: w.users.analyst },
      { year: 2021, due_on: "2022-03-31", actor: w.users.admin },
      { year: 2022, due_on: "2023-03-31", actor: w.users.analyst },
      { year: 2021, due_on: null, actor: w.users.analyst },
    ]);
  });

  it("refuses what is not a date, or a date before its year or far after it, naming dueOn", async () => {
    const w = await makeWorld({ plan: false });
    for (const dueOn of ["31.03.2022", "2022-02-30", "2020-12-31", "2027-01-01"]) {
      const res = await api(dueDates(w.ids.associationA, 2021), { method: "PUT", token: w.tokens.analyst, body: { dueOn } });
      expect(res.status, dueOn).toBe(400);
      expect((await errorOf(res)).field, dueOn).toBe("dueOn");
    }
    expect((await api(dueDates(w.ids.associationA, 2026), { method: "PUT", token: w.tokens.analyst, body: { dueOn: "2031-12-31" } })).status).toBe(200);
  });
});

/**
 * Members and their 2021 rounds, each step stored at a fixed instant. The due date is 31 March 2022, whose
 * day ends at 2022-03-31T21:00:00Z (midnight in Kyiv, summer time).
 */
const DUE_END = "2022-03-31T21:00:00.000Z";
const ROUNDS: Record<string, [RoundAction, RoundStatus, string][] | "no plan"> = {
  // 23:59:59 in Kyiv on the day: on time.
  onTime: [["open", "open", "2022-01-10T08:00:00.000Z"], ["submit", "submitted", "2022-03-31T20:59:59.000Z"]],
  // Midnight in Kyiv: late (in UTC it would still be the 31st).
  late: [["open", "open", "2022-01-10T08:00:00.000Z"], ["submit", "submitted", DUE_END]],
  // Approved after the date, submitted before it: on time.
  approvedLater: [
    ["open", "open", "2022-01-10T08:00:00.000Z"],
    ["submit", "submitted", "2022-03-01T10:00:00.000Z"],
    ["approve", "approved", "2022-05-01T10:00:00.000Z"],
  ],
  // Submitted on time, returned, submitted again after the date: late, from its new submission.
  resubmittedLate: [
    ["open", "open", "2022-01-10T08:00:00.000Z"],
    ["submit", "submitted", "2022-03-01T10:00:00.000Z"],
    ["return", "returned", "2022-03-02T10:00:00.000Z"],
    ["submit", "submitted", "2022-04-02T10:00:00.000Z"],
  ],
  // Returned and not submitted again: not reported.
  returned: [
    ["open", "open", "2022-01-10T08:00:00.000Z"],
    ["submit", "submitted", "2022-03-01T10:00:00.000Z"],
    ["return", "returned", "2022-03-02T10:00:00.000Z"],
  ],
  notOpened: [],
  noPlan: "no plan",
};
const KEYS = Object.keys(ROUNDS);

const entry = populationEntry();

async function roundsWorld() {
  const { associationId, ids, admin, analyst } = await associationOf(KEYS, (k) => k);
  const at = new Date().toISOString();
  expect((await api(`/v1/associations/${associationId}/catalogue/POP`, { method: "PUT", token: analyst.token, body: entry })).status).toBe(201);
  for (const k of KEYS) {
    const steps = ROUNDS[k]!;
    if (steps === "no plan") continue;
    const doc = memberPlan(ids[k]!, { name: k, kind: "city", region: "North", values: { POP: { 2021: 1 } } }, { firstYear: 2020, lastYear: 2022 });
    await createPlan(admin.token, doc);
    const last = steps.at(-1);
    if (!last) continue;
    const planId = doc.plan.id;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO rounds (plan_id, year, status, version, updated_at, updated_by) VALUES (?1, 2021, ?2, ?3, ?4, ?5)").bind(
        planId,
        last[1],
        steps.length,
        last[2],
        admin.userId,
      ),
      ...steps.map(([action, status, when], i) =>
        env.DB.prepare("INSERT INTO round_events (plan_id, year, seq, action, status, actor, at) VALUES (?1, 2021, ?2, ?3, ?4, ?5, ?6)").bind(
          planId,
          i + 1,
          action,
          status,
          admin.userId,
          when,
        ),
      ),
    ]);
  }
  const principal: Principal = { userId: analyst.userId, userName: "analyst", tokenId: "t", tokenExpiresAt: at, grants: [{ role: "analyst", associationId }] };
  return { associationId, ids, analyst, principal };
}

const byName = (res: CompletenessResponse) => Object.fromEntries(res.rows.map((r) => [r.name, { timeliness: r.timeliness, reportedAt: r.reportedAt }]));

describe("completeness: timeliness", () => {
  it("tells each member on time, late, missing or not yet due by the day's end in Kyiv, with the on-time rate", async () => {
    const w = await roundsWorld();
    const ask = (now: string) => completenessFor(env.DB, w.principal, w.associationId, { year: 2021, lang: "uk" }, now);

    const none = await ask("2022-04-15T00:00:00.000Z");
    expect(none.timeliness).toBeNull();
    expect(new Set(none.rows.map((r) => r.timeliness))).toEqual(new Set(["none"]));

    expect((await api(dueDates(w.associationId, 2021), { method: "PUT", token: w.analyst.token, body: { dueOn: "2022-03-31" } })).status).toBe(200);

    // An hour before the day's end: the unreported are not yet due.
    const before = await ask("2022-03-31T20:00:00.000Z");
    expect(byName(before)).toEqual({
      onTime: { timeliness: "on_time", reportedAt: "2022-03-31T20:59:59.000Z" },
      late: { timeliness: "late", reportedAt: DUE_END },
      approvedLater: { timeliness: "on_time", reportedAt: "2022-03-01T10:00:00.000Z" },
      resubmittedLate: { timeliness: "late", reportedAt: "2022-04-02T10:00:00.000Z" },
      returned: { timeliness: "not_due", reportedAt: null },
      notOpened: { timeliness: "not_due", reportedAt: null },
      noPlan: { timeliness: "not_due", reportedAt: null },
    });
    expect(before.timeliness).toEqual({ dueOn: "2022-03-31", dueEnd: DUE_END, expected: 7, onTime: 2, late: 2, missing: 0, notDue: 3, onTimeRate: 2 / 7 });

    // At the day's end they are missing.
    const after = byName(await ask(DUE_END));
    expect([after.returned, after.notOpened, after.noPlan].map((r) => r?.timeliness)).toEqual(["missing", "missing", "missing"]);
    expect(after.onTime?.timeliness).toBe("on_time");
    expect((await ask(DUE_END)).timeliness).toMatchObject({ missing: 3, notDue: 0, onTimeRate: 2 / 7 });

    // The filter narrows the members expected, and the rate with them: the member without a plan has no kind.
    const cities = await completenessFor(env.DB, w.principal, w.associationId, { year: 2021, lang: "uk", kinds: ["city"] }, DUE_END);
    expect(cities.timeliness).toMatchObject({ expected: 6, onTime: 2, missing: 2, onTimeRate: 2 / 6 });
  });

  it("answers the same over HTTP and in the CSV export, against the real clock only where every date has passed", async () => {
    const w = await roundsWorld();
    expect((await api(dueDates(w.associationId, 2021), { method: "PUT", token: w.analyst.token, body: { dueOn: "2021-12-31" } })).status).toBe(200);
    const res = await api(`/v1/associations/${w.associationId}/completeness?year=2021`, { token: w.analyst.token });
    expect(res.status).toBe(200);
    const report = await json<CompletenessResponse>(res);
    // Every stored step is from 2022, after the 2021 due date; the unreported are missing by now.
    expect(Object.fromEntries(report.rows.map((r) => [r.name, r.timeliness]))).toEqual({
      onTime: "late",
      late: "late",
      approvedLater: "late",
      resubmittedLate: "late",
      returned: "missing",
      notOpened: "missing",
      noPlan: "missing",
    });
    expect(report.timeliness).toMatchObject({ dueOn: "2021-12-31", expected: 7, onTime: 0, late: 4, missing: 3, onTimeRate: 0 });
    const csv = await (await api(`/v1/associations/${w.associationId}/completeness.csv?year=2021&lang=en`, { token: w.analyst.token })).text();
    const [header, ...lines] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toContain("Timeliness (due 2021-12-31: 0 of 7 on time, 0%)");
    expect(lines.find((l) => l.startsWith("returned,"))).toMatch(/,missing$/);
  });
});
