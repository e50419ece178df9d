import { describe, expect, it } from "vitest";
import { formToEntity, remove, upsert } from "../../addin/src/edits.ts";
import { loadState } from "../../addin/excel/state.ts";
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
    // Columns B:D are the table; the SWOT matrix stands beside it.
    expect(fake.values("SWOT-аналіз").at(-1)!.slice(1, 4)).toEqual(["Загроза", "", "Нова загроза з панелі"]);
  });

  it("writes nothing while the sheets hold a problem, so the bad cell is not overwritten", async () => {
    const { fake, session } = await opened();
    fake.type("Показники", "N2", "дванадцять");
    const before = fake.stats.syncs;
    const result = await session.edit((d) => remove(d, "risks", fixtureId(600)));
    expect(result.problems.map((p) => p.ref)).toEqual(["Показники!N2"]);
    expect(fake.values("Показники")[1]![13]).toBe("дванадцять");
    expect(fake.values("Ризики")).toHaveLength(8);
    expect(fake.stats.syncs - before).toBe(3); // only the read
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
    const findings = await session.check("en");
    expect(findings.find((f) => f.rule === "indicator_without_target_value")!.ref).toBe("'Показники 2013'!I2");
  });
});

describe("the monitoring year", () => {
  it("shows the year's committee notes on the Indicators sheet, kept in the workbook, and reads them back", async () => {
    const { fake, session } = await opened();
    expect(fake.values("Показники")[0]!.slice(13, 18)).toEqual(["2013", "2014", "2015", "Прогрес", "Статус"]);
    const shown = await session.monitor(2014);
    expect(shown).toMatchObject({ changes: [], problems: [] });
    expect(fake.values("Показники")[0]!.slice(13, 19)).toEqual(["2013", "2014", "2015", "Примітки комітету 2014", "Прогрес", "Статус"]);
    expect((await loadState(fake.run))!.monitoring).toEqual({ year: 2014 });
    // Following the same year again costs nothing.
    const before = fake.stats.syncs;
    expect(await session.monitor(2014)).toBeUndefined();
    expect(fake.stats.syncs).toBe(before);

    // The committee types a note alone, then a value and a note.
    fake.type("Показники", "Q2", "дані очікуються");
    fake.type("Показники", "O3", 4);
    fake.type("Показники", "Q3", "за звітом");
    const refreshed = await session.refresh();
    expect(refreshed.problems).toEqual([]);
    const of = (id: string) => refreshed.doc.observations.filter((o) => o.indicatorId === id).map(({ value, note, period }) => ({ value, note, period }));
    expect(of(fixtureId(700))).toEqual([{ value: null, note: "дані очікуються", period: { year: 2014 } }]);
    expect(of(fixtureId(701))).toEqual([{ value: 4, note: "за звітом", period: { year: 2014 } }]);

    // Any later rewrite (a sync's, a pane edit's) keeps the column and its notes.
    await session.write(refreshed.doc, "en");
    expect(fake.values("Показники")[0]![16]).toBe("Committee notes 2014");
    expect(fake.values("Показники")[2]![16]).toBe("за звітом");
  });

  it("a note typed under the previous year is taken before the column moves to the next", async () => {
    const { fake, session } = await opened();
    await session.monitor(2014);
    fake.type("Показники", "Q2", "остання примітка 2014");
    const moved = await session.monitor(2015);
    expect(moved!.problems).toEqual([]);
    expect(fake.values("Показники")[0]![16]).toBe("Примітки комітету 2015");
    expect(fake.values("Показники")[1]![16]).toBe("");
    expect(session.state!.doc.observations).toMatchObject([{ indicatorId: fixtureId(700), period: { year: 2014 }, value: null, note: "остання примітка 2014" }]);
  });

  it("does not move while the sheets hold a problem, so nothing typed is lost", async () => {
    const { fake, session } = await opened();
    await session.monitor(2014);
    fake.type("Показники", "O2", -1);
    fake.type("Показники", "Q2", "від'ємне?");
    const refused = await session.monitor(2015);
    expect(refused!.problems.map((p) => p.ref)).toEqual(["Показники!O2"]);
    expect(session.state!.monitoring).toEqual({ year: 2014 });
    expect(fake.values("Показники")[1]!.slice(14, 17)).toEqual([-1, "", "від'ємне?"]);
  });

  it("writes Excel's validation of values by unit: whole counts of 0 or more; on year cells, which take a reason («н/д»), an open list of reasons", async () => {
    const { fake } = await opened();
    const rows = fake.values("Показники").length;
    const validations = fake.sheet("Показники")!.validations;
    const rules = validations.filter((v) => JSON.stringify(v.rule).includes('"formula1":0,"operator":"GreaterThanOrEqualTo"'));
    // Rows 2.. are counts ("кількість") up to the hryvnia indicator: baseline and target.
    expect(rules[0]!.address).toMatch(/^H2:I\d+$/);
    expect(rules[0]!.rule).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    expect(rules.every((v) => Number(/\d+$/.exec(v.address)![0]) <= rows)).toBe(true);
    // The year columns (N:P, 2013–2015) carry no rule that would refuse a reason typed there: the reasons
    // are a list with Excel's error alert off, so a number goes in too.
    expect(fake.values("Показники")[0]!.slice(13, 16)).toEqual(["2013", "2014", "2015"]);
    const years = validations.filter((v) => /^[NOP]\d/.test(v.address));
    expect(years.map((v) => v.address)).toEqual(["N", "O", "P"].map((c) => `${c}2:${c}${rows}`));
    for (const v of years) expect([v.rule, v.errorAlert]).toEqual([{ list: { inCellDropDown: true, source: "н/д,н/з,конф.,строк не настав" } }, { showAlert: false, style: "Stop", title: "", message: "" }]);
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
