import { describe, expect, it } from "vitest";
import { loadState } from "../../addin/excel/state.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { SyncController } from "../../addin/src/sync.ts";
import type { ApiClient } from "../../shared/api/client.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { ENTITY_KINDS, type PlanDocument } from "../../shared/model/plan.ts";
import { initialSyncState, versionKey } from "../../shared/sync/engine.ts";
import type { Mutation } from "../../shared/api/sync.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/**
 * Issue 11 §2: MuniPlan's sheets are found again when Excel gives them other ids (a saved and reopened
 * file), and the ids kept in the workbook follow. The adapter before this fix found its sheets by id
 * alone: with worksheetIdsOnReopen=changed every sheet read as deleted and the rebuild refused every
 * name as taken; with nullObjectChildren=fails even its look-up of a missing id failed.
 */

const NAMES = ["Бачення і місія", "SWOT-аналіз", "Пріоритети-цілі-завдання", "Ризики", "Показники"];

function linked(doc: PlanDocument = amuPlan) {
  const versions: Record<string, number> = { [versionKey("plan", doc.plan.id)]: 1, [versionKey("community", doc.community.id)]: 1 };
  for (const kind of ENTITY_KINDS) for (const e of doc[kind]) versions[versionKey(kind, e.id)] = 1;
  return { clientId: "workbook-test", sync: { server: "http://muniplan.test", engine: initialSyncState(doc.plan.id, doc, versions, 1) } };
}

/** A server that applies every push and has nothing new. */
function server() {
  const pushed: Mutation[] = [];
  const client: Partial<ApiClient> = {
    me: async () => ({
      user: { id: "u", name: "Оксана" },
      token: { id: "t", expiresAt: "2027-01-01T00:00:00.000Z" },
      grants: [],
      communities: [{ id: amuPlan.community.id, name: amuPlan.community.name, planId: amuPlan.plan.id, roles: ["editor"], memberOf: [] }],
      associations: [],
    }),
    push: async (_planId, body) => {
      pushed.push(...body.mutations);
      return { results: body.mutations.map((m) => ({ mutationId: m.mutationId, status: "applied" as const, version: m.baseVersion + 1 })) };
    },
    pull: async (_planId, since) => ({ changes: [], cursor: since, hasMore: false }),
  };
  return { client: client as ApiClient, pushed };
}

async function reopened(behaviour: ConstructorParameters<typeof FakeExcel>[0] = {}) {
  const fake = new FakeExcel({ worksheetIdsOnReopen: "changed", ...behaviour });
  const first = new PlanSession({ run: fake.run, isSetSupported: fake.isSetSupported });
  await first.open();
  await first.write(amuPlan, "uk", {}, linked());
  const before = Object.fromEntries(fake.sheets.map((s) => [s.name, s.id]));
  fake.reopen();
  const session = new PlanSession({ run: fake.run, isSetSupported: fake.isSetSupported });
  await session.open();
  return { fake, session, before };
}

describe("a saved and reopened workbook whose sheets Excel gave other ids", () => {
  for (const nullObjectChildren of ["ok", "fails"] as const)
    it(`Refresh reads the user's edits, deletes nothing, and the ids kept follow (nullObjectChildren=${nullObjectChildren})`, async () => {
      const { fake, session, before } = await reopened({ nullObjectChildren });
      expect(fake.sheets.map((s) => s.id)).not.toEqual(Object.values(before));
      fake.type("Ризики", "C2", "Змінено після відкриття");
      const refreshed = await session.refresh();
      expect(refreshed.missing).toEqual([]);
      expect(refreshed.problems).toEqual([]);
      expect(refreshed.changes.map((c) => `${c.op} ${c.kind}`)).toEqual(["update risks"]);
      // Rebuilt in place: no sheet added, no name refused, and the workbook now keeps the new ids.
      expect(fake.sheets.map((s) => s.name)).toEqual(NAMES);
      const kept = (await loadState(fake.run))!.sheets;
      for (const [kind, record] of Object.entries(kept)) expect(fake.sheet(record.id)?.name, kind).toBe(record.name);
      expect(fake.values("Ризики")[1]![2]).toBe("Змінено після відкриття");
    });

  it("Sync reads, sends and writes as before", async () => {
    const { fake, session } = await reopened();
    fake.type("Ризики", "C2", "Змінено після відкриття");
    const { client, pushed } = server();
    const sync = new SyncController(session, { get: () => "token", set: () => undefined, remove: () => undefined }, () => client);
    const outcome = await sync.syncNow();
    expect(outcome).toMatchObject({ problems: [], sent: 1, offline: false, queued: 0 });
    expect(pushed).toMatchObject([{ kind: "risks", fields: { risk: "Змінено після відкриття" } }]);
    expect(fake.sheets.map((s) => s.name)).toEqual(NAMES);
    const kept = (await loadState(fake.run))!;
    expect(kept.sheets.risks!.id).toBe(fake.sheet("Ризики")!.id);
    expect(kept.sync!.engine!.outbox).toEqual([]);
  });

  it("a renamed sheet keeps its new name, found by its table whatever its id", async () => {
    const { fake, session } = await reopened();
    fake.renameSheet("Ризики", "Ризики 2013");
    const refreshed = await session.refresh();
    expect(refreshed).toMatchObject({ changes: [], missing: [], problems: [] });
    await session.edit((d) => d);
    expect(fake.sheets.map((s) => s.name)).toEqual(NAMES.map((n) => (n === "Ризики" ? "Ризики 2013" : n)));
    expect(session.state!.sheets.risks).toMatchObject({ id: fake.sheet("Ризики 2013")!.id, name: "Ризики 2013" });
  });

  // Old adapter: `tables.load` on the null object of a deleted sheet's id, in the same sync as its check.
  it("a sheet the user deleted is rebuilt, even where Excel refuses children of a null object (nullObjectChildren=fails)", async () => {
    const fake = new FakeExcel({ nullObjectChildren: "fails" });
    const session = new PlanSession({ run: fake.run, isSetSupported: fake.isSetSupported });
    await session.open();
    await session.write(amuPlan, "uk");
    fake.sheets = fake.sheets.filter((s) => s.name !== "Ризики");
    const refreshed = await session.refresh();
    expect(refreshed.missing).toEqual(["risks"]);
    expect(fake.sheets.map((s) => s.name).sort()).toEqual([...NAMES].sort());
    expect(fake.values("Ризики")).toHaveLength(amuPlan.risks.length + 1);
  });
});
