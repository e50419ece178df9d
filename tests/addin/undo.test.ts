import { describe, expect, it } from "vitest";
import { remove, removeWithUndo, restore, upsert } from "../../addin/src/edits.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { ENTITY_KINDS, type PlanDocument } from "../../shared/model/plan.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/** The plan's entities by kind, in a fixed order, so two plans compare field by field. */
const byId = (doc: PlanDocument) => Object.fromEntries(ENTITY_KINDS.map((k) => [k, [...(doc[k] as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id))]));

describe("undoing a delete made in the pane", () => {
  it("deletes exactly as remove does", () => {
    for (const [kind, id] of [["risks", fixtureId(600)], ["priorities", fixtureId(200)]] as const)
      expect(removeWithUndo(amuPlan, kind, id).doc).toEqual(remove(amuPlan, kind, id));
  });

  it("gives back a risk with its id, fields and place", () => {
    const second = [...amuPlan.risks].sort((a, b) => a.order - b.order)[1]!;
    const { doc, removal } = removeWithUndo(amuPlan, "risks", second.id);
    expect(doc.risks.some((r) => r.id === second.id)).toBe(false);
    expect(byId(restore(doc, removal))).toEqual(byId(amuPlan));
  });

  it("gives back a priority with its goals, their tasks and what its indicators measured", () => {
    const { doc, removal } = removeWithUndo(amuPlan, "priorities", fixtureId(200));
    expect(removal.taken.goals!.length).toBeGreaterThan(0);
    expect(removal.taken.tasks).toHaveLength(25);
    expect(removal.unlinked.length).toBeGreaterThan(0);
    expect(byId(restore(doc, removal))).toEqual(byId(amuPlan));
  });

  it("gives back an indicator with its breakdowns and values", () => {
    const child = amuPlan.indicators.find((i) => i.parentId)!;
    const plan = { ...amuPlan, observations: [{ id: fixtureId(996), indicatorId: child.id, period: { year: 2014 }, value: 5, note: "за звітом" }] };
    const { doc, removal } = removeWithUndo(plan, "indicators", child.parentId!);
    expect(removal.taken.indicators!.map((i) => i.id)).toContain(child.id);
    expect(removal.taken.observations).toEqual(plan.observations);
    expect(byId(restore(doc, removal))).toEqual(byId(plan));
  });

  it("keeps the edits made since the delete", () => {
    const { doc, removal } = removeWithUndo(amuPlan, "risks", fixtureId(600));
    const added = { id: fixtureId(995), kind: "external" as const, risk: "Новий ризик після видалення", order: 0 };
    const restored = restore(upsert(doc, "risks", added), removal);
    expect(restored.risks.map((r) => r.id)).toEqual(expect.arrayContaining([fixtureId(600), fixtureId(995)]));
    expect(new Set(restored.risks.map((r) => r.order)).size).toBe(restored.risks.length);
    expect(restored.risks.find((r) => r.id === fixtureId(600))).toEqual(amuPlan.risks.find((r) => r.id === fixtureId(600)));
  });

  it("goes through the session like an edit: the sheet has the row back with its id", async () => {
    const fake = new FakeExcel();
    const session = new PlanSession({ run: fake.run });
    await session.open();
    await session.write(amuPlan, "uk");
    const before = fake.values("Ризики");
    let removal: ReturnType<typeof removeWithUndo>["removal"] | undefined;
    await session.edit((d) => {
      const r = removeWithUndo(d, "risks", fixtureId(600));
      removal = r.removal;
      return r.doc;
    });
    expect(fake.values("Ризики").map((row) => row[0])).not.toContain(fixtureId(600));
    await session.edit((d) => restore(d, removal!));
    expect(fake.values("Ризики")).toEqual(before);
  });
});
