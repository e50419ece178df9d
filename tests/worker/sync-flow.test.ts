import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createClient } from "../../shared/api/client.ts";
import type { HistoryPage } from "../../shared/api/history.ts";
import { storageTokenStore } from "../../addin/src/credentials.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { SyncController } from "../../addin/src/sync.ts";
import app from "../../worker/src/index.ts";
import { FakeExcel } from "../support/fake-excel.ts";
import { api, json, makeWorld, openRound, planDocument, stored, uuid, type World } from "./support/world.ts";

// Whole workbooks (the fake Excel host, the pane's session and sync) against the real worker and D1.
const SERVER = "http://muniplan.test";

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

/** A workbook in Excel with the pane open; `fetch` may be swapped to inject faults. */
function workbook(fake = new FakeExcel(), storage = memoryStorage()) {
  const net = { fetch: (input: string, init: RequestInit) => Promise.resolve(app.request(input, init, env)) };
  const session = new PlanSession({ run: fake.run });
  const sync = new SyncController(session, storageTokenStore(storage), (baseUrl, token) =>
    createClient({ baseUrl, token, fetch: (i, init) => net.fetch(i, init) }),
  );
  return { fake, storage, session, sync, net };
}

/** Workbook A creates the plan and sends it; workbook B brings it in. */
async function twoWorkbooks(world: World) {
  const a = workbook();
  await a.session.open();
  await a.session.write(planDocument(world.ids.community, uuid()), "uk");
  const me = await a.sync.connect(SERVER, world.tokens.editor!);
  const community = me.communities.find((c) => c.id === world.ids.community)!;
  expect(await a.sync.linkTo(community)).toBe("sent");
  const b = workbook();
  await b.session.open();
  const meB = await b.sync.connect(SERVER, world.tokens.editor!);
  expect(await b.sync.linkTo(meB.communities.find((c) => c.id === world.ids.community)!)).toBe("received");
  return { a, b };
}

const risksOf = (w: ReturnType<typeof workbook>) => w.fake.values("Ризики").map((r) => r.slice(1));

describe("two workbooks syncing one plan", () => {
  it("converge: each one's sheet edits reach the other, and the status counts them", async () => {
    const world = await makeWorld({ plan: false });
    const { a, b } = await twoWorkbooks(world);
    expect(risksOf(b)).toEqual(risksOf(a));

    a.fake.type("Ризики", "C2", "Відсутність потреби у плануванні (A)");
    b.fake.type("SWOT-аналіз", "D3", "Авторитетність АМУ (B)");
    const sentA = await a.sync.syncNow();
    expect(sentA).toMatchObject({ problems: [], sent: 1, offline: false, queued: 0, conflicts: [] });
    const syncB = await b.sync.syncNow();
    expect(syncB).toMatchObject({ sent: 1, received: 1, conflicts: [] });
    await a.sync.syncNow();
    expect(a.session.state!.doc).toEqual(b.session.state!.doc);
    expect(a.fake.values("SWOT-аналіз")).toEqual(b.fake.values("SWOT-аналіз"));
    expect(risksOf(b)[1]![1]).toBe("Відсутність потреби у плануванні (A)");
    expect(a.session.state!.sync!.last).toMatchObject({ sent: 0, received: 1, conflicts: 0, offline: false });
  });

  it("a same-field edit is a conflict with both values and who changed the server's; either choice converges", async () => {
    const world = await makeWorld({ plan: false });
    const { a, b } = await twoWorkbooks(world);
    a.fake.type("Ризики", "C3", "Версія A");
    b.fake.type("Ризики", "C3", "Версія B");
    await a.sync.syncNow();
    const outcome = await b.sync.syncNow();
    expect(outcome.conflicts).toHaveLength(1);
    const conflict = outcome.conflicts[0]!;
    expect(conflict.fields).toEqual(["risk"]);
    expect(conflict.server?.data).toMatchObject({ risk: "Версія A" });
    expect(conflict.server?.updatedBy.name).toBe("User editor");
    // Until resolved, B's sheet keeps B's value: nothing is lost.
    expect(risksOf(b)[2]![1]).toBe("Версія B");

    await b.sync.resolve(conflict.key, "mine");
    await b.sync.syncNow();
    await a.sync.syncNow();
    expect(risksOf(a)[2]![1]).toBe("Версія B");
    expect(a.session.state!.doc).toEqual(b.session.state!.doc);

    a.fake.type("Ризики", "C3", "Знову A");
    b.fake.type("Ризики", "C3", "Знову B");
    await a.sync.syncNow();
    const again = await b.sync.syncNow();
    await b.sync.resolve(again.conflicts[0]!.key, "theirs");
    expect(risksOf(b)[2]![1]).toBe("Знову A");
    await b.sync.syncNow();
    expect(b.session.state!.sync!.engine!.conflicts).toEqual([]);
  });
});

describe("offline and faults", () => {
  it("a push whose answer is lost is sent again with the same ids after reopening the workbook: nothing twice", async () => {
    const world = await makeWorld({ plan: false });
    const { a } = await twoWorkbooks(world);
    a.fake.type("Ризики", "C2", "Записано, але відповідь загубилася");
    // The server commits the push, then the connection drops before the answer arrives.
    a.net.fetch = async (input, init) => {
      const res = await app.request(input, init, env);
      if (input.includes("/push")) throw new TypeError("network connection lost");
      return res;
    };
    const lost = await a.sync.syncNow();
    expect(lost).toMatchObject({ offline: true, queued: 1, sent: 0 });
    const queued = a.session.state!.sync!.engine!.outbox.map((m) => m.mutationId);

    // Close the workbook (drop the pane's memory), reopen it with the server back.
    const reopened = workbook(a.fake, a.storage);
    await reopened.session.open();
    expect(reopened.session.state!.sync!.engine!.outbox.map((m) => m.mutationId)).toEqual(queued);
    const retried = await reopened.sync.syncNow();
    expect(retried).toMatchObject({ offline: false, queued: 0, sent: 1, conflicts: [] });
    const riskId = reopened.session.state!.doc.risks[0]!.id;
    const history = await json<HistoryPage>(
      await api(`/v1/plans/${reopened.session.state!.sync!.engine!.planId}/history?entityId=${riskId}`, { token: world.tokens.editor }),
    );
    expect(history.entries.filter((e) => e.op !== "create")).toHaveLength(1);
  });

  it("a monitor's value goes up; a monitor's other edits are refused with the reason and kept in the queue", async () => {
    const world = await makeWorld({ plan: false });
    const { a } = await twoWorkbooks(world);
    // N2 is the first indicator's 2013 value: the editor opens the 2013 round for the committee.
    await openRound(world, 2013, a.session.state!.sync!.engine!.planId);
    const m = workbook();
    await m.session.open();
    const me = await m.sync.connect(SERVER, world.tokens.monitor!);
    await m.sync.linkTo(me.communities.find((c) => c.id === world.ids.community)!);
    m.fake.type("Показники", "N2", 17);
    m.fake.type("Ризики", "C2", "Монітор змінив ризик");
    const outcome = await m.sync.syncNow();
    expect(outcome.sent).toBe(1);
    expect(outcome.refused).toHaveLength(1);
    expect(outcome.refused[0]!.reason).toMatch(/monitor/);
    // Kept, not dropped, and not sent again and again.
    const again = await m.sync.syncNow();
    expect(again.refused).toHaveLength(1);
    expect(again.sent).toBe(0);
    await a.sync.syncNow();
    expect(a.fake.values("Показники")[1]![13]).toBe(17);
    expect(risksOf(a)[1]![1]).not.toBe("Монітор змінив ризик");

    // An editor reviews the monitor's workbook: connects with an editor's token and sends the change.
    await m.sync.connect(SERVER, world.tokens.editor!);
    await m.sync.releaseRefused();
    const reviewed = await m.sync.syncNow();
    expect(reviewed).toMatchObject({ sent: 1, refused: [] });
    await a.sync.syncNow();
    expect(risksOf(a)[1]![1]).toBe("Монітор змінив ризик");
  });
});

describe("indicators from the association's catalogue", () => {
  /** The Indicators sheet's row of a catalogue code, by column header. */
  const indicatorRow = (w: ReturnType<typeof workbook>, code: string) => {
    const [header, ...rows] = w.fake.values("Показники");
    const row = rows.find((r) => r[header!.indexOf("Код")] === code)!;
    return Object.fromEntries(header!.map((h, i) => [String(h), row[i]]));
  };

  it("follow a renamed entry at the members' next syncs, in the sheet and on the server; a retired one keeps its values and says so", async () => {
    const world = await makeWorld({ plan: false });
    const { a, b } = await twoWorkbooks(world);
    const entryUrl = `/v1/associations/${world.ids.associationA}/catalogue/POP`;
    const entry = { nameUk: "Чисельність населення", nameEn: "Population", unit: "осіб", direction: "increase", frequency: "annually", definition: "" };
    expect((await api(entryUrl, { method: "PUT", token: world.tokens.analyst, body: { ...entry, baseVersion: 0 } })).status).toBe(201);

    // A member links its first indicator (the one with values) to the catalogue by its code.
    const indicator = a.session.state!.doc.indicators.find((i) => i.order === 0)!;
    a.fake.type("Показники", "C2", "POP");
    const linked = await a.sync.syncNow();
    expect(linked).toMatchObject({ sent: 1, catalogue: { updated: [{ indicatorId: indicator.id, code: "POP", fields: ["name", "unit"] }], notices: [] } });
    await b.sync.syncNow();
    const values = { 2013: 13, 2014: 14, 2015: 15 };
    expect(indicatorRow(a, "POP")).toMatchObject({ "Назва показника": "Чисельність населення", "Одиниця виміру": "осіб", ...values });

    // The analyst renames the entry: each member's next sync brings the indicator in line, without a conflict.
    const renamed = { ...entry, nameUk: "Чисельність наявного населення", unit: "тис. осіб" };
    expect((await api(entryUrl, { method: "PUT", token: world.tokens.analyst, body: { ...renamed, baseVersion: 1 } })).status).toBe(200);
    const planId = a.session.state!.sync!.engine!.planId;
    const observations = await Promise.all(a.session.state!.doc.observations.map((o) => stored(planId, "observations", o.id)));
    const followed = await a.sync.syncNow();
    expect(followed).toMatchObject({ sent: 1, conflicts: [], catalogue: { updated: [{ code: "POP", fields: ["name", "unit"] }], notices: [] } });
    expect(indicatorRow(a, "POP")).toMatchObject({ "MuniPlan ID": indicator.id, "Назва показника": renamed.nameUk, "Одиниця виміру": renamed.unit, ...values });
    const onServer = await stored(planId, "indicators", indicator.id);
    expect(JSON.parse(onServer!.data)).toMatchObject({ code: "POP", name: renamed.nameUk, unit: renamed.unit, baselineYear: indicator.baselineYear });
    expect(await Promise.all(a.session.state!.doc.observations.map((o) => stored(planId, "observations", o.id)))).toEqual(observations);
    // B makes the same edit from the catalogue as A: the two meet without a conflict and converge.
    const other = await b.sync.syncNow();
    expect(other.conflicts).toEqual([]);
    expect(b.session.state!.sync!.engine!.conflicts).toEqual([]);
    expect(b.session.state!.doc).toEqual(a.session.state!.doc);

    // The analyst retires it: the indicator and its values stay, and the pane is told.
    expect((await api(`${entryUrl}/retire`, { token: world.tokens.analyst, body: { baseVersion: 2 } })).status).toBe(200);
    const before = a.fake.values("Показники");
    const retired = await a.sync.syncNow();
    expect(retired).toMatchObject({ sent: 0, catalogue: { updated: [], notices: [{ kind: "retired", code: "POP", indicatorIds: [indicator.id] }] } });
    expect(a.fake.values("Показники")).toEqual(before);
    expect(await stored(planId, "indicators", indicator.id)).toEqual(onServer);
  });

  it("a catalogue that cannot be read does not stop the sync: the sheets' edits go, and the outcome says why", async () => {
    const world = await makeWorld({ plan: false });
    const { a } = await twoWorkbooks(world);
    a.net.fetch = async (input, init) => {
      if (input.includes("/catalogue")) throw new TypeError("network connection lost");
      return app.request(input, init, env);
    };
    a.fake.type("Ризики", "C2", "Змінено без каталогу");
    const outcome = await a.sync.syncNow();
    expect(outcome).toMatchObject({ sent: 1, offline: false, queued: 0, catalogue: { updated: [], notices: [] } });
    expect(outcome.catalogue.unchecked).toMatch(/could not be reached/);
  });
});
