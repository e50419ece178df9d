import { describe, expect, it } from "vitest";
import type { Role } from "../../shared/api/access.ts";
import type { CatalogueList } from "../../shared/api/catalogue.ts";
import { type ApiClient, ApiError } from "../../shared/api/client.ts";
import type { Mutation } from "../../shared/api/sync.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { ENTITY_KINDS, type PlanDocument } from "../../shared/model/plan.ts";
import { addFromCatalogue, catalogueChoices } from "../../shared/sync/catalogue.ts";
import { initialSyncState, versionKey } from "../../shared/sync/engine.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { SyncController } from "../../addin/src/sync.ts";
import { CATALOGUE_ASSOCIATION, catalogueEntry } from "../support/catalogue-entry.ts";
import { FakeExcel } from "../support/fake-excel.ts";

const ASSOCIATION_A = CATALOGUE_ASSOCIATION;
const ASSOCIATION_B = fixtureId(9002);
const ASSOCIATION_ELSEWHERE = fixtureId(9003);
const POP_ID = fixtureId(700);

/** The catalogue's entry for the population, under the name the sync brings the linked indicator to. */
const POPULATION = { nameUk: "Чисельність населення", nameEn: "Population" };

/** The Indicators sheet's rows as records by column header. */
function indicatorRows(fake: FakeExcel): Record<string, unknown>[] {
  const [header, ...rows] = fake.values("Показники");
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i]])));
}

/** A workbook whose plan (POP linked on its first indicator) is synced with a server at version 1 throughout. */
async function linkedWorkbook() {
  const doc: PlanDocument = { ...amuPlan, indicators: amuPlan.indicators.map((i) => (i.id === POP_ID ? { ...i, code: "POP" } : i)) };
  const versions: Record<string, number> = { [versionKey("plan", doc.plan.id)]: 1, [versionKey("community", doc.community.id)]: 1 };
  for (const kind of ENTITY_KINDS) for (const e of doc[kind]) versions[versionKey(kind, e.id)] = 1;
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  await session.open();
  await session.write(doc, "uk", {}, { clientId: "workbook-test", sync: { server: "http://muniplan.test", engine: initialSyncState(doc.plan.id, doc, versions, 1) } });
  return { fake, session, doc };
}

/** A server that answers as the plan community's `roles`, serves `catalogue` and applies every push. */
function fakeServer(doc: PlanDocument, roles: Role[], catalogue: (associationId: string) => CatalogueList) {
  const calls = { catalogues: [] as string[], pushed: [] as Mutation[] };
  const client: Partial<ApiClient> = {
    me: async () => ({
      user: { id: "u", name: "Оксана" },
      token: { id: "t", expiresAt: "2027-01-01T00:00:00.000Z" },
      grants: [],
      communities: [
        { id: fixtureId(9100), name: "Інша громада", planId: null, roles, memberOf: [ASSOCIATION_ELSEWHERE] },
        { id: doc.community.id, name: doc.community.name, planId: doc.plan.id, roles, memberOf: [ASSOCIATION_A, ASSOCIATION_B] },
      ],
      associations: [],
    }),
    catalogue: async (associationId) => {
      calls.catalogues.push(associationId);
      return catalogue(associationId);
    },
    push: async (_planId, body) => {
      calls.pushed.push(...body.mutations);
      return { results: body.mutations.map((m) => ({ mutationId: m.mutationId, status: "applied" as const, version: m.baseVersion + 1 })) };
    },
    pull: async (_planId, since) => ({ changes: [], cursor: since, hasMore: false }),
  };
  return { client: client as ApiClient, calls };
}

function controller(session: PlanSession, client: ApiClient) {
  const tokens = { get: () => "token", set: () => undefined, remove: () => undefined };
  return new SyncController(session, tokens, () => client);
}

describe("adding an indicator from the catalogue", () => {
  it("writes its row with the code and the catalogue's unit, once: the same entry cannot be added again", async () => {
    const { fake, session } = await linkedWorkbook();
    const sme = catalogueEntry("SME", {}, { nameUk: "Кількість малих підприємств", unit: "одиниць" });
    const goal = { kind: "goal" as const, id: fixtureId(300) };
    await session.edit((d) => addFromCatalogue(d, sme, goal, fixtureId(990)));
    const rows = indicatorRows(fake);
    expect(rows.at(-1)).toMatchObject({ "MuniPlan ID": fixtureId(990), Код: "SME", "Назва показника": "Кількість малих підприємств", "Одиниця виміру": "одиниць" });
    expect(rows).toHaveLength(amuPlan.indicators.length + 1);
    // Read back from the sheet, the entry shows as added and adding it again is refused.
    const read = await session.refresh();
    expect(catalogueChoices(read.doc, [sme]).map((c) => c.state)).toEqual(["added"]);
    await expect(session.edit((d) => addFromCatalogue(d, sme, goal, fixtureId(991)))).rejects.toThrow(/already has the catalogue indicator SME/);
    expect(indicatorRows(fake)).toHaveLength(amuPlan.indicators.length + 1);
  });

  it("checks the sheets as they are now: a code the user typed meanwhile is not added twice", async () => {
    const { fake, session } = await linkedWorkbook();
    fake.type("Показники", "C3", "SME");
    await expect(session.edit((d) => addFromCatalogue(d, catalogueEntry("SME"), undefined, fixtureId(992)))).rejects.toThrow(/already has/);
    expect(indicatorRows(fake).filter((r) => r.Код === "SME")).toHaveLength(1);
  });
});

describe("the catalogues in a sync", () => {
  it("are those of the associations the plan's community is a member of", async () => {
    const { session, doc } = await linkedWorkbook();
    const { client, calls } = fakeServer(doc, ["editor"], (id) => ({ entries: [catalogueEntry(id === ASSOCIATION_A ? "POP" : "SME", {}, { associationId: id })] }));
    const found = await controller(session, client).catalogues();
    expect(calls.catalogues).toEqual([ASSOCIATION_A, ASSOCIATION_B]);
    expect(found).toEqual({ entries: [catalogueEntry("POP"), catalogueEntry("SME", {}, { associationId: ASSOCIATION_B })], mayEdit: true });
  });

  it("that cannot be read leave the plan as it is and the sync goes on, saying why", async () => {
    const { fake, session, doc } = await linkedWorkbook();
    const { client, calls } = fakeServer(doc, ["editor"], () => {
      throw new ApiError(404, "not_found", "No such association", "associationId");
    });
    fake.type("Ризики", "C2", "Змінено на аркуші");
    const outcome = await controller(session, client).syncNow();
    expect(outcome).toMatchObject({ sent: 1, offline: false, queued: 0, catalogue: { updated: [], notices: [], unchecked: "No such association" } });
    expect(calls.pushed).toMatchObject([{ kind: "risks", fields: { risk: "Змінено на аркуші" } }]);
  });

  it("bring an editor's linked indicators in line and send that with the sheets' edits", async () => {
    const { fake, session, doc } = await linkedWorkbook();
    const { client, calls } = fakeServer(doc, ["editor"], (id) => ({ entries: id === ASSOCIATION_A ? [catalogueEntry("POP", {}, POPULATION)] : [] }));
    const outcome = await controller(session, client).syncNow();
    expect(outcome.catalogue).toEqual({ updated: [{ indicatorId: POP_ID, code: "POP", fields: ["name", "unit"] }], notices: [] });
    expect(calls.pushed).toMatchObject([{ kind: "indicators", entityId: POP_ID, baseVersion: 1, fields: { name: "Чисельність населення", unit: "осіб" } }]);
    expect(indicatorRows(fake)[0]).toMatchObject({ Код: "POP", "Назва показника": "Чисельність населення", "Одиниця виміру": "осіб" });
    expect(session.state!.sync!.engine!.synced.indicators[0]).toMatchObject({ name: "Чисельність населення" });
  });

  it("leave a monitor's plan to an editor's sync (its edits would be refused), but still say what was retired", async () => {
    const { fake, session, doc } = await linkedWorkbook();
    const before = indicatorRows(fake);
    const { client, calls } = fakeServer(doc, ["monitor"], (id) => ({ entries: id === ASSOCIATION_A ? [catalogueEntry("POP", {}, { status: "retired" })] : [] }));
    const outcome = await controller(session, client).syncNow();
    expect(outcome.catalogue).toEqual({ updated: [], notices: [{ kind: "retired", code: "POP", indicatorIds: [POP_ID] }] });
    expect(calls.pushed).toEqual([]);
    expect(indicatorRows(fake)).toEqual(before);
  });
});
