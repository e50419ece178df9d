import { describe, expect, it } from "vitest";
import { formToEntity, remove, upsert } from "../../addin/src/edits.ts";
import { PlanSession } from "../../addin/src/session.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { FakeExcel } from "../support/fake-excel.ts";

async function opened() {
  const fake = new FakeExcel();
  const session = new PlanSession({ run: fake.run });
  await session.open();
  await session.write(amuPlan, "uk");
  return { fake, session };
}
const required = { required: (f: string) => `${f} is required`, language: "en" as const };

describe("the pane's session with a workbook", () => {
  it("a pane edit keeps what the user typed in the sheet meanwhile", async () => {
    const { fake, session } = await opened();
    fake.type("Ризики", "C2", "Відсутність потреби у плануванні (з аркуша)");
    const item = { id: fixtureId(990), quadrant: "threat" as const, text: "Нова загроза з панелі", order: 0 };
    const result = await session.edit((d) => upsert(d, "swot", item));
    expect(result.problems).toEqual([]);
    expect(result.doc.risks[0]!.risk).toBe("Відсутність потреби у плануванні (з аркуша)");
    expect(fake.values("Ризики")[1]![2]).toBe("Відсутність потреби у плануванні (з аркуша)");
    expect(fake.values("SWOT-аналіз").at(-1)!.slice(1)).toEqual(["Загроза", "", "Нова загроза з панелі"]);
  });

  it("writes nothing while the sheets hold a problem, so the bad cell is not overwritten", async () => {
    const { fake, session } = await opened();
    fake.type("Показники", "N2", "дванадцять");
    const before = fake.stats.syncs;
    const result = await session.edit((d) => remove(d, "risks", fixtureId(600)));
    expect(result.problems.map((p) => p.ref)).toEqual(["Показники!N2"]);
    expect(fake.values("Показники")[1]![13]).toBe("дванадцять");
    expect(fake.values("Ризики")).toHaveLength(8);
    expect(fake.stats.syncs - before).toBe(2); // only the read
  });

  it("a row the user inserted gets its id on refresh, so the next refresh creates nothing twice", async () => {
    const { fake, session } = await opened();
    fake.insertRows("Ризики", 3);
    fake.type("Ризики", "B3", "Зовнішній");
    fake.type("Ризики", "C3", "Війна");
    const first = await session.refresh();
    expect(first.changes.filter((c) => c.op === "create").map((c) => c.kind)).toEqual(["risks"]);
    expect(String(fake.values("Ризики")[2]![0])).toMatch(/^[0-9a-f-]{36}$/);
    const second = await session.refresh();
    expect(second.changes).toEqual([]);
    expect(session.state!.doc.risks.filter((r) => r.risk === "Війна")).toHaveLength(1);
  });

  it("says which cell a plan-check finding is about, under the sheet's current name", async () => {
    const { fake, session } = await opened();
    fake.sheet("Показники")!.name = "Показники 2013";
    await session.refresh();
    const findings = session.check("en");
    expect(findings.find((f) => f.rule === "indicator_without_target_value")!.ref).toBe("'Показники 2013'!I2");
  });
});

describe("pane forms", () => {
  const taskFields = [
    { name: "goalId", type: "choice" as const, required: true },
    { name: "title", type: "text" as const, required: true },
    { name: "start", type: "period" as const },
    { name: "budget.amount", type: "number" as const },
    { name: "budget.currency", type: "text" as const },
    { name: "status", type: "choice" as const, required: true },
  ];
  it("parse like the sheets do and name the bad field", () => {
    const ok = formToEntity("tasks", taskFields, { goalId: fixtureId(300), title: "Ремонт", start: "2014-Q2", "budget.amount": "1 234,5", "budget.currency": "uah", status: "planned" }, { id: fixtureId(991), order: 0 }, required);
    expect(ok).toEqual({ entity: { id: fixtureId(991), goalId: fixtureId(300), title: "Ремонт", start: { year: 2014, quarter: 2 }, budget: { amount: 1234.5, currency: "UAH" }, status: "planned", order: 0 } });
    const bad = formToEntity("tasks", taskFields, { goalId: fixtureId(300), title: "", start: "весна", "budget.amount": "5", "budget.currency": "", status: "planned" }, { id: fixtureId(992), order: 0 }, required);
    expect(bad).toEqual({ errors: { title: "title is required", start: "'весна' is not a year or a year and quarter such as 2014-Q2" } });
  });

  it("add new items last in their group and delete what depends on a deleted item", () => {
    const withGoal = upsert(amuPlan, "goals", { id: fixtureId(993), priorityId: fixtureId(200), title: "Нова ціль", order: 0 });
    expect(withGoal.goals.find((g) => g.id === fixtureId(993))!.order).toBe(5);
    const without = remove(amuPlan, "priorities", fixtureId(200));
    expect(without.goals.some((g) => g.priorityId === fixtureId(200))).toBe(false);
    expect(without.tasks).toHaveLength(amuPlan.tasks.length - 25);
    expect(without.indicators.filter((i) => i.measures?.id === fixtureId(200))).toEqual([]);
    expect(without.priorities.map((p) => p.order)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("the user's own columns", () => {
  it("survive a rewrite of a MuniPlan sheet, row by row, new rows included", async () => {
    const { fake, session } = await opened();
    // A "Коментар" column typed beside the Risks table, one note on the second risk.
    fake.type("Ризики", "E1", "Коментар");
    fake.type("Ризики", "E3", "перевірити з юристом");
    // A new risk row with its own note, then a pane edit that rewrites the sheets.
    fake.type("Ризики", "B9", "Зовнішній");
    fake.type("Ризики", "C9", "Пандемія");
    fake.type("Ризики", "E9", "нова");
    await session.edit((d) => d);
    const values = fake.values("Ризики");
    expect(values[0]![4]).toBe("Коментар");
    expect(values[2]![4]).toBe("перевірити з юристом");
    expect(values[8]!.slice(2)).toEqual(["Пандемія", "", "нова"]);
    expect(String(values[8]![0])).toMatch(/^[0-9a-f-]{36}$/);
    // And again: the column is read back as the user's, never as plan data.
    const again = await session.refresh();
    expect(again.changes).toEqual([]);
    expect(fake.values("Ризики")[2]![4]).toBe("перевірити з юристом");
  });
});
