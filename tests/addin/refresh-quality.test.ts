import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "../../shared/api/client.ts";
import type { MeResponse } from "../../shared/api/access.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { notesHeader } from "../../shared/layout/indicators.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { initialSyncState } from "../../shared/sync/engine.ts";
import { KEPT_PLANS, rulesCache } from "../../addin/src/features/quality/cache.ts";
import { refreshQuality, rulesDate } from "../../addin/src/features/quality/refresh.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { uk } from "../../addin/src/strings/uk.ts";
import { SyncController } from "../../addin/src/sync.ts";
import { catalogueEntry } from "../support/catalogue-entry.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/**
 * *Refresh from sheets* checks the association's quality rules as last received (kept in the pane's
 * storage when the catalogues were read), with no request: a value typed out of range is named by its
 * cell in the pane's language, offline; an explained one is not asked for again; no rules, nothing said.
 */

const YEAR = 2015;
const SERVER = "https://muniplan.example";
const ASSOCIATION = fixtureId(9001);
const [ENR, POP] = [amuPlan.indicators[0]!, amuPlan.indicators[1]!];
const CATALOGUE = [catalogueEntry("ENR", { max: 100, compare: [{ op: "<=", code: "POP" }] }), catalogueEntry("POP")];
const RECEIVED = new Date("2026-11-30T09:00:00.000Z");

/** The pane's browser storage, as a Map. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

/** The store: answers `me` and the catalogue while online, and counts every client made after it went offline. */
function server() {
  const state = { online: true, madeOffline: 0 };
  const me = { communities: [{ id: amuPlan.community.id, name: amuPlan.community.name, planId: amuPlan.plan.id, roles: ["monitor"], memberOf: [ASSOCIATION] }] } as unknown as MeResponse;
  const client = { me: async () => me, catalogue: async () => ({ entries: CATALOGUE }) } as unknown as ApiClient;
  const makeClient = () => {
    if (state.online) return client;
    state.madeOffline++;
    throw new TypeError("Failed to fetch");
  };
  return { state, makeClient };
}

/** A Ukrainian workbook linked to the store and following the 2015 round, ENR and POP carrying catalogue codes, POP 2015 = 90. */
async function linkedWorkbook(storage = memoryStorage(), linked = true) {
  const doc: PlanDocument = {
    ...amuPlan,
    indicators: amuPlan.indicators.map((i) => (i.id === ENR.id ? { ...i, code: "ENR" } : i.id === POP.id ? { ...i, code: "POP" } : i)),
    observations: [{ id: fixtureId(9502), indicatorId: POP.id, period: { year: YEAR }, value: 90 }],
  };
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  await session.open();
  const sync = linked ? { server: SERVER, engine: initialSyncState(doc.plan.id, doc, {}, 0) } : undefined;
  await session.write(doc, "uk", {}, { clientId: "workbook-refresh", monitoring: { year: YEAR }, ...(sync ? { sync } : {}) });
  const store = server();
  const controller = new SyncController(session, { get: () => "token", set: () => undefined, remove: () => undefined }, store.makeClient, undefined, storage);
  const [header, ...rows] = fake.values("Показники");
  const column = (title: string) => header!.findIndex((h) => String(h) === title);
  const row = rows.findIndex((r) => r.includes(ENR.name)) + 2;
  const cell = (title: string) => `${String.fromCharCode(65 + column(title))}${row}`;
  return { fake, session, sync: controller, store, storage, value: cell(String(YEAR)), note: cell(notesHeader(YEAR).uk) };
}

/** What the pane's Refresh does: read the sheets, then check the clean read by the rules kept. */
async function refresh(w: Awaited<ReturnType<typeof linkedWorkbook>>) {
  const read = await w.session.refresh();
  expect(read.problems).toEqual([]);
  return refreshQuality(w.session, w.sync, read.doc, "uk");
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("Refresh from sheets checks the association's quality rules last received", () => {
  it("names a value typed out of range by its cell, offline, by the rules as of the day they were received", async () => {
    const w = await linkedWorkbook();
    vi.useFakeTimers({ toFake: ["Date"], now: RECEIVED });
    await w.sync.catalogues();
    vi.useRealTimers();
    w.store.state.online = false;
    const fetch = vi.spyOn(globalThis, "fetch");

    w.fake.type("Показники", w.value, 120);
    const flags = (await refresh(w))!;
    expect(flags.located.map((p) => [p.ref, p.violation.rule])).toEqual([
      [`Показники!${w.value}`, "max"],
      [`Показники!${w.value}`, "compare"],
    ]);
    expect(flags.located[0]!.text.uk).toBe(`ENR: 120 — більше за максимум 100; перевірте значення або поясніть його в «${notesHeader(YEAR).uk}»`);
    expect(uk.refreshQuality.asOf(rulesDate(flags.savedAt, "uk"))).toContain("станом на 30.11.2026");
    // Nothing was asked of the store: no client, no request.
    expect(w.store.state.madeOffline).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("does not ask again for a value the committee's note explains", async () => {
    const w = await linkedWorkbook();
    await w.sync.catalogues();
    w.store.state.online = false;
    w.fake.type("Показники", w.value, 120);
    w.fake.type("Показники", w.note, "Відкрито новий корпус школи");
    const flags = (await refresh(w))!;
    expect(flags.located).toHaveLength(2);
    expect(flags.located.every((p) => p.violation.note !== undefined)).toBe(true);
    for (const p of flags.located) {
      expect(p.text.uk).toContain("(пояснено в примітці)");
      expect(p.text.uk).not.toContain("поясніть");
    }
  });

  it("says nothing without rules received, for a value within them, or for a plan not linked", async () => {
    const unknown = await linkedWorkbook();
    unknown.store.state.online = false;
    unknown.fake.type("Показники", unknown.value, 120);
    expect(await refresh(unknown)).toBeUndefined();

    const within = await linkedWorkbook();
    await within.sync.catalogues();
    within.fake.type("Показники", within.value, 80);
    expect((await refresh(within))!.located).toEqual([]);

    // Rules kept for this plan id do not speak for a workbook that is not linked to the store.
    const shared = memoryStorage();
    rulesCache(shared, "").put(SERVER, amuPlan.plan.id, CATALOGUE);
    const local = await linkedWorkbook(shared, false);
    local.fake.type("Показники", local.value, 120);
    expect(await refresh(local)).toBeUndefined();
  });
});

describe("the rules kept in the pane's storage", () => {
  it("keeps the last plans' catalogues, forgets the oldest, and reads back only what its schema accepts", () => {
    const storage = memoryStorage();
    const cache = rulesCache(storage, "part:");
    for (let i = 0; i <= KEPT_PLANS; i++) cache.put(SERVER, `plan-${i}`, CATALOGUE, RECEIVED);
    expect(cache.get(SERVER, "plan-0")).toBeUndefined();
    expect(cache.get(SERVER, `plan-${KEPT_PLANS}`)).toEqual({ entries: CATALOGUE, savedAt: RECEIVED.toISOString() });
    expect([...storage.items.keys()].every((k) => k.startsWith("part:muniplan:rules:"))).toBe(true);
    expect(storage.items.size).toBe(KEPT_PLANS + 1);

    storage.setItem(`part:muniplan:rules:${SERVER}:plan-1`, JSON.stringify({ entries: [{ code: "ENR" }], savedAt: RECEIVED.toISOString() }));
    expect(cache.get(SERVER, "plan-1")).toBeUndefined();
  });
});
