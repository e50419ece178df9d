import { describe, expect, it } from "vitest";
import type { CatalogueEntry } from "../../shared/api/catalogue.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { Indicator, type PlanDocument } from "../../shared/model/plan.ts";
import { addFromCatalogue, alignWithCatalogue, catalogueChoices, indicatorFromCatalogue } from "../../shared/sync/catalogue.ts";
import { initialSyncState, prepareOutgoing, versionKey } from "../../shared/sync/engine.ts";

const ASSOCIATION_A = fixtureId(9001);
const ASSOCIATION_B = fixtureId(9002);

const entry = (code: string, overrides: Partial<CatalogueEntry> = {}): CatalogueEntry => ({
  associationId: ASSOCIATION_A,
  code,
  nameUk: "Чисельність наявного населення",
  nameEn: "Resident population",
  nameLt: "",
  rules: {},
  unit: "тис. осіб",
  direction: "keep",
  frequency: "annual_monthly_average",
  definition: "",
  sharing: "analysts",
  status: "active",
  version: 2,
  updatedAt: "2026-07-01T10:00:00.000Z",
  updatedBy: { id: "analyst", name: "Аналітик" },
  ...overrides,
});

/** The AMU plan whose first indicator is linked to POP and holds a target, a baseline and values. */
const POP_ID = fixtureId(700);
const linked: PlanDocument = {
  ...amuPlan,
  indicators: amuPlan.indicators.map((i) =>
    i.id === POP_ID ? { ...i, code: "POP", baselineValue: 12, targetValue: 20, targetYear: 2015 } : i,
  ),
  observations: [2013, 2014].map((year) => ({ id: fixtureId(800 + year - 2013), indicatorId: POP_ID, period: { year }, value: year - 2000 })),
};
const pop = (doc: PlanDocument) => doc.indicators.find((i) => i.id === POP_ID)!;
let seq = 0;
const newId = () => fixtureId(50_000 + seq++);

describe("a catalogue entry as a plan indicator", () => {
  it("takes the name in the plan's language (Ukrainian, else English), the entry's unit, direction and frequency", () => {
    const goal = { kind: "goal" as const, id: fixtureId(300) };
    const e = entry("POP");
    const uk = indicatorFromCatalogue(e, "uk", goal, 7, fixtureId(990));
    expect(uk).toEqual({
      id: fixtureId(990),
      code: "POP",
      name: "Чисельність наявного населення",
      unit: "тис. осіб",
      measures: goal,
      direction: "keep",
      frequency: "annual_monthly_average",
      order: 7,
    });
    expect(Indicator.parse(uk)).toEqual(uk);
    expect(indicatorFromCatalogue(e, "en", goal, 0, fixtureId(991)).name).toBe("Resident population");
    expect(indicatorFromCatalogue(e, "lt", goal, 0, fixtureId(992)).name).toBe("Resident population");
    expect("measures" in indicatorFromCatalogue(e, "uk", undefined, 0, fixtureId(993))).toBe(false);
  });

  it("is added last, once: an entry already in the plan or retired is refused", () => {
    const added = addFromCatalogue(linked, entry("EDU.2"), { kind: "priority", id: fixtureId(201) }, fixtureId(994));
    const last = added.indicators.at(-1)!;
    expect(last).toMatchObject({ id: fixtureId(994), code: "EDU.2", unit: "тис. осіб", order: Math.max(...linked.indicators.map((i) => i.order)) + 1 });
    expect(added.indicators.slice(0, -1)).toEqual(linked.indicators);
    expect(() => addFromCatalogue(added, entry("EDU.2"), undefined, fixtureId(995))).toThrow(/already has .*EDU\.2/);
    expect(() => addFromCatalogue(linked, entry("OLD", { status: "retired" }), undefined, fixtureId(996))).toThrow(/retired OLD/);
  });

  it("is offered once per code: added if the plan has it, retired if retired, addable otherwise", () => {
    const entries = [entry("SME"), entry("POP"), entry("OLD", { status: "retired" }), entry("SME", { associationId: ASSOCIATION_B, nameUk: "Інша назва" })];
    const choices = catalogueChoices(linked, entries);
    expect(choices.map((c) => [c.entry.code, c.state])).toEqual([
      ["OLD", "retired"],
      ["POP", "added"],
      ["SME", "addable"],
    ]);
    expect(choices[2]!.entry.associationId).toBe(ASSOCIATION_A);
  });
});

describe("aligning a plan with its associations' catalogues", () => {
  it("renames the linked indicator and fixes its unit, direction and frequency; keeps its id, values and targets", () => {
    const { doc, updated, notices } = alignWithCatalogue(linked, [entry("POP")], "uk");
    expect(updated).toEqual([{ indicatorId: POP_ID, code: "POP", fields: ["name", "unit", "direction", "frequency"] }]);
    expect(notices).toEqual([]);
    expect(pop(doc)).toEqual({
      ...pop(linked),
      name: "Чисельність наявного населення",
      unit: "тис. осіб",
      direction: "keep",
      frequency: "annual_monthly_average",
    });
    expect(doc.observations).toBe(linked.observations);
    expect(doc.indicators.filter((i) => i.id !== POP_ID)).toEqual(linked.indicators.filter((i) => i.id !== POP_ID));
    expect(alignWithCatalogue(linked, [entry("POP")], "en").doc.indicators.find((i) => i.id === POP_ID)!.name).toBe("Resident population");
  });

  it("changes nothing when the plan already says what the catalogue says, so a sync queues no edit of its own", () => {
    const once = alignWithCatalogue(linked, [entry("POP")], "uk").doc;
    const again = alignWithCatalogue(once, [entry("POP")], "uk");
    expect(again.doc).toBe(once);
    expect(again.updated).toEqual([]);
    const state = initialSyncState(once.plan.id, once, { [versionKey("indicators", POP_ID)]: 1 }, 0);
    expect(prepareOutgoing(state, again.doc, newId).added).toEqual([]);
  });

  it("turns a catalogue change into an ordinary update of the changed fields only", () => {
    const once = alignWithCatalogue(linked, [entry("POP")], "uk").doc;
    const state = initialSyncState(once.plan.id, once, { [versionKey("indicators", POP_ID)]: 3 }, 0);
    const renamed = alignWithCatalogue(once, [entry("POP", { nameUk: "Населення", unit: "осіб" })], "uk");
    expect(renamed.updated).toEqual([{ indicatorId: POP_ID, code: "POP", fields: ["name", "unit"] }]);
    expect(prepareOutgoing(state, renamed.doc, newId).added).toMatchObject([
      { kind: "indicators", entityId: POP_ID, op: "upsert", baseVersion: 3, fields: { name: "Населення", unit: "осіб" } },
    ]);
  });

  it("keeps a retired entry's indicator and its values as they are, and says so", () => {
    const { doc, updated, notices } = alignWithCatalogue(linked, [entry("POP", { status: "retired" })], "uk");
    expect(doc).toBe(linked);
    expect(updated).toEqual([]);
    expect(notices).toEqual([{ kind: "retired", code: "POP", indicatorIds: [POP_ID] }]);
  });

  it("leaves a code no catalogue knows alone (it may be the member's own), without a notice", () => {
    const local = { ...linked, indicators: linked.indicators.map((i) => (i.id === POP_ID ? { ...i, code: "OUR-1" } : i)) };
    const result = alignWithCatalogue(local, [entry("POP"), entry("SME")], "uk");
    expect(result).toEqual({ doc: local, updated: [], notices: [] });
    expect(result.doc).toBe(local);
  });

  it("leaves a breakdown carrying a catalogue code alone: only top-level indicators are compared", () => {
    const child = { ...linked.indicators.find((i) => i.id === POP_ID)!, id: "00000000-0000-4000-8000-0000000000c1", parentId: POP_ID, name: "Власна розбивка", order: 99 };
    const withChild = { ...linked, indicators: [...linked.indicators, child] };
    const result = alignWithCatalogue(withChild, [entry("POP", { nameUk: "Нова назва" })], "uk");
    expect(result.doc.indicators.find((i) => i.id === child.id)).toEqual(child);
    expect(result.updated.map((u) => u.indicatorId)).toEqual([POP_ID]);
  });

  it("follows the first association by id where two catalogues define a code differently, and says so", () => {
    const a = entry("POP");
    const b = entry("POP", { associationId: ASSOCIATION_B, nameUk: "Населення громади", unit: "осіб" });
    for (const entries of [[a, b], [b, a]]) {
      const { doc, notices } = alignWithCatalogue(linked, entries, "uk");
      expect(pop(doc)).toMatchObject({ name: a.nameUk, unit: a.unit });
      expect(notices).toEqual([
        { kind: "differs", code: "POP", associationId: ASSOCIATION_A, otherAssociationIds: [ASSOCIATION_B], name: a.nameUk, unit: a.unit },
      ]);
    }
  });

  it("follows an active entry over a retired one, and gives no notice for differences the plan does not show", () => {
    const retiredA = entry("POP", { status: "retired", unit: "осіб" });
    const activeB = entry("POP", { associationId: ASSOCIATION_B });
    const kept = alignWithCatalogue(linked, [retiredA, activeB], "uk");
    expect(pop(kept.doc).unit).toBe(activeB.unit);
    expect(kept.notices).toEqual([]);
    // Only the English names differ: a Ukrainian plan reads the same from both.
    const englishOnly = alignWithCatalogue(linked, [entry("POP"), entry("POP", { associationId: ASSOCIATION_B, nameEn: "Population" })], "uk");
    expect(englishOnly.notices).toEqual([]);
    expect(alignWithCatalogue(linked, [entry("POP"), entry("POP", { associationId: ASSOCIATION_B, nameEn: "Population" })], "en").notices).toHaveLength(1);
  });

  it("names a Lithuanian plan's linked indicator by the entry's Lithuanian name, by the English one while it has none", () => {
    expect(pop(alignWithCatalogue(linked, [entry("POP", { nameLt: "Gyventojų skaičius" })], "lt").doc).name).toBe("Gyventojų skaičius");
    expect(pop(alignWithCatalogue(linked, [entry("POP")], "lt").doc).name).toBe("Resident population");
  });
});
