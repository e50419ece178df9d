import { describe, expect, it } from "vitest";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { formatProblem, type SheetKind, type SheetValues } from "../../shared/layout/grid.ts";
import { LayoutError } from "../../shared/layout/table.ts";
import { buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { asExcelReturns, headerIndex } from "../support/excel-values.ts";

function sheetsOf(doc: PlanDocument, language: "uk" | "en" = "uk") {
  const sheets = {} as Record<SheetKind, SheetValues>;
  for (const grid of buildWorkbook(doc, language)) sheets[grid.kind] = asExcelReturns(grid);
  return sheets;
}
const ids = () => {
  let n = 0;
  return () => fixtureId(900_000 + ++n);
};
const summary = (r: ReturnType<typeof readWorkbook>) =>
  r.changes.map((c) => `${c.op} ${c.kind} ${c.op === "create" ? c.entity.id : c.id}${c.op === "update" ? ` ${c.fields.join(",")}` : ""}`);

describe("user edits in the sheets come back as exactly those changes", () => {
  it("a moved SWOT row changes the order of the rows it passed, nothing else", () => {
    const sheets = sheetsOf(amuPlan);
    const rows = sheets.swot.values;
    // Move the 3rd strength to the top of the strengths.
    const [moved] = rows.splice(3, 1);
    rows.splice(1, 0, moved!);
    const r = readWorkbook(amuPlan, { swot: sheets.swot });
    expect(r.problems).toEqual([]);
    expect(summary(r).sort()).toEqual([
      `update swot ${fixtureId(100)} order`,
      `update swot ${fixtureId(101)} order`,
      `update swot ${fixtureId(102)} order`,
    ]);
    expect(r.doc.swot.find((s) => s.id === fixtureId(102))!.order).toBe(0);
  });

  it("an inserted row without id is a new entity; a deleted row is a deletion; an edited cell an update", () => {
    const sheets = sheetsOf(amuPlan, "en");
    const risks = sheets.risks.values;
    const risk = headerIndex(sheets.risks, "Risk");
    risks[1]![risk] = "Відсутність потреби у стратегічному плануванні (переглянуто)";
    risks.splice(3, 1); // the third risk
    risks.push(["", "External", "=Війна", "- евакуація архівів\n- резервні офіси"]);
    const r = readWorkbook(amuPlan, { risks: sheets.risks }, { newId: ids() });
    expect(r.problems).toEqual([]);
    expect(summary(r)).toEqual([
      `update risks ${fixtureId(600)} risk`,
      `update risks ${fixtureId(603)} order`,
      `update risks ${fixtureId(604)} order`,
      `update risks ${fixtureId(605)} order`,
      `update risks ${fixtureId(606)} order`,
      `create risks ${fixtureId(900_001)}`,
      `delete risks ${fixtureId(602)}`,
    ]);
    const created = r.doc.risks.find((x) => x.id === fixtureId(900_001))!;
    expect(created).toEqual({
      id: fixtureId(900_001),
      kind: "external",
      risk: "=Війна",
      mitigation: "- евакуація архівів\n- резервні офіси",
      order: 6,
    });
  });

  it("moving a task under another goal re-parents it; a new goal row takes the tasks below it", () => {
    const sheets = sheetsOf(amuPlan, "en");
    const v = sheets.goals.values;
    const title = headerIndex(sheets.goals, "Title");
    const level = headerIndex(sheets.goals, "Level");
    // Row 2 is priority 1, row 3 goal 1.1, rows 4-6 its tasks; goal 1.2 follows.
    expect(v[2]![level]).toBe("Goal");
    const firstTaskOfGoal12 = v.findIndex((row, i) => i > 3 && row[level] === "Goal") + 1;
    const [task] = v.splice(firstTaskOfGoal12, 1);
    v.splice(3, 0, task!); // now the first task of goal 1.1
    const newGoal = v[0]!.map(() => "" as string | number);
    newGoal[level] = "Ціль"; // typed in Ukrainian into an English sheet
    newGoal[title] = "Нова ціль";
    v.splice(6, 0, newGoal); // before the last task of goal 1.1 -> takes it
    const r = readWorkbook(amuPlan, { goals: sheets.goals }, { newId: ids() });
    expect(r.problems).toEqual([]);
    const movedTask = r.doc.tasks.find((t) => t.id === task![0])!;
    expect(movedTask.goalId).toBe(fixtureId(300));
    expect(movedTask.order).toBe(0);
    const created = r.doc.goals.find((g) => g.id === fixtureId(900_001))!;
    expect(created).toMatchObject({ priorityId: fixtureId(200), title: "Нова ціль", order: 1 });
    const lastTaskOf11 = r.doc.tasks.find((t) => t.id === fixtureId(402))!;
    expect(lastTaskOf11.goalId).toBe(created.id);
    const creates = r.changes.filter((c) => c.op === "create");
    expect(creates).toHaveLength(1);
    expect(r.changes.filter((c) => c.op === "delete")).toHaveLength(0);
  });

  it("filling yearly values creates observations; clearing one keeps its note", () => {
    // An indicator in hryvnias, whose values may have fractions (a count's may not, see units.ts).
    const withValue: PlanDocument = {
      ...amuPlan,
      observations: [{ id: fixtureId(5000), indicatorId: fixtureId(711), period: { year: 2013 }, value: 12, note: "за даними АЦ" }],
    };
    const sheets = sheetsOf(withValue, "uk");
    const y2013 = headerIndex(sheets.indicators, "2013");
    const y2014 = headerIndex(sheets.indicators, "2014");
    const row = sheets.indicators.values.findIndex((r) => r[0] === fixtureId(711));
    sheets.indicators.values[row]![y2013] = "";
    sheets.indicators.values[row]![y2014] = "1 234,5";
    const r = readWorkbook(withValue, { indicators: sheets.indicators }, { newId: ids() });
    expect(r.problems).toEqual([]);
    expect(r.doc.observations).toEqual([
      { id: fixtureId(5000), indicatorId: fixtureId(711), period: { year: 2013 }, value: null, note: "за даними АЦ" },
      { id: fixtureId(900_001), indicatorId: fixtureId(711), period: { year: 2014 }, value: 1234.5 },
    ]);
  });

  it("a copied row (its hidden id pasted along) becomes a new entity", () => {
    const sheets = sheetsOf(amuPlan);
    sheets.swot.values.push([...sheets.swot.values[1]!]);
    const r = readWorkbook(amuPlan, { swot: sheets.swot }, { newId: ids() });
    expect(summary(r)).toEqual([`create swot ${fixtureId(900_001)}`]);
  });
});

describe("bad cells are named and lose nothing", () => {
  it("names sheet and cell, keeps the last good value, and reads every other row", () => {
    const sheets = sheetsOf(amuPlan, "en");
    const ind = sheets.indicators;
    const base = headerIndex(ind, "Baseline value");
    const name = headerIndex(ind, "Indicator");
    ind.values[6]![base] = "abc";
    ind.values[2]![name] = "Кількість прийнятих законів (уточнено)";
    ind.values[3]![headerIndex(ind, "Direction")] = "upwards";
    const r = readWorkbook(amuPlan, { indicators: ind });
    expect(r.problems.map(formatProblem)).toEqual([
      "Indicators!K4: 'upwards' is not one of Increase, Decrease, Keep; the previous value is kept",
      "Indicators!H7: 'abc' is not a number; the previous value is kept",
    ]);
    expect(summary(r)).toEqual([`update indicators ${fixtureId(701)} name`]);
  });

  it("a new row with a bad required cell is not added, and says so", () => {
    const sheets = sheetsOf(amuPlan, "en");
    sheets.swot.values.push(["", "Strenght", "", "Нова сильна сторона"]);
    sheets.swot.values.push(["", "Threat", "", "Нова загроза"]);
    const r = readWorkbook(amuPlan, { swot: sheets.swot }, { newId: ids() });
    expect(r.problems.map(formatProblem)).toEqual([
      "SWOT!B36: 'Strenght' is not one of Strength, Weakness, Opportunity, Threat; the row was not added",
    ]);
    expect(summary(r)).toEqual([`create swot ${fixtureId(900_002)}`]);
  });

  it("clearing a required cell keeps the old text", () => {
    const sheets = sheetsOf(amuPlan, "en");
    sheets.swot.values[5]![headerIndex(sheets.swot, "Item")] = "   ";
    const r = readWorkbook(amuPlan, { swot: sheets.swot });
    expect(r.problems.map(formatProblem)).toEqual(["SWOT!D6: 'Item' must be filled in; the previous value is kept"]);
    expect(r.changes).toEqual([]);
  });

  it("a sheet whose id column was deleted is not read at all: no row is taken as deleted", () => {
    const sheets = sheetsOf(amuPlan, "en");
    for (const row of sheets.risks.values) row.splice(0, 1);
    const r = readWorkbook(amuPlan, { risks: sheets.risks });
    expect(r.changes).toEqual([]);
    expect(r.problems.map(formatProblem)).toEqual([expect.stringMatching(/^Risks!A1: the column 'MuniPlan ID'.* is missing; the sheet was not read$/)]);
  });

  it("a cell that only some levels have is reported, not silently dropped", () => {
    const sheets = sheetsOf(amuPlan, "en");
    sheets.goals.values[1]![headerIndex(sheets.goals, "Responsible unit")] = "Аналітичний центр";
    const r = readWorkbook(amuPlan, { goals: sheets.goals });
    expect(r.problems.map(formatProblem)).toEqual(["'Priorities-Goals-Tasks'!F2: a priority row has no 'Responsible unit'; this cell is not kept"]);
  });

  it("an indicator measuring a deleted goal is unlinked and named", () => {
    const sheets = sheetsOf(amuPlan, "en");
    const goal = amuPlan.goals[0]!;
    const doc: PlanDocument = { ...amuPlan, indicators: amuPlan.indicators.map((i, k) => (k === 0 ? { ...i, measures: { kind: "goal", id: goal.id } } : i)) };
    // Delete goal 1.1 with its three tasks.
    const goalRow = sheets.goals.values.findIndex((row) => row[0] === goal.id);
    sheets.goals.values.splice(goalRow, 4);
    const r = readWorkbook(doc, { goals: sheets.goals });
    expect(r.problems.map(formatProblem)).toEqual([
      "Показники!A1: 'Кількість розроблених АМУ законопроектів' measured a priority or goal that was deleted; it now measures nothing",
    ]);
    expect(r.doc.indicators[0]!.measures).toBeUndefined();
    expect(r.changes.filter((c) => c.op === "delete").map((c) => c.kind)).toEqual(["goals", "tasks", "tasks", "tasks"]);
  });

  it("a deleted goal whose tasks were left behind (with no goal above them) is kept", () => {
    const sheets = sheetsOf(amuPlan, "en");
    const goal = amuPlan.goals[0]!;
    sheets.goals.values.splice(sheets.goals.values.findIndex((row) => row[0] === goal.id), 1);
    const r = readWorkbook(amuPlan, { goals: sheets.goals });
    expect(r.changes).toEqual([]);
    expect(r.problems.map(formatProblem)).toEqual([
      "'Priorities-Goals-Tasks'!B3: a task must stand below a goal row; it stays where it was",
      "'Priorities-Goals-Tasks'!B4: a task must stand below a goal row; it stays where it was",
      "'Priorities-Goals-Tasks'!B5: a task must stand below a goal row; it stays where it was",
      `'Priorities-Goals-Tasks'!B1: the goal '${goal.title}' was deleted, but its task '${amuPlan.tasks[0]!.title}' was not: the goal is kept`,
    ]);
  });

  it("text longer than a cell holds is refused when the sheet is built, never cut", () => {
    const doc: PlanDocument = { ...amuPlan, risks: amuPlan.risks.map((x, i) => (i === 1 ? { ...x, mitigation: "я".repeat(32_768) } : x)) };
    expect(() => buildWorkbook(doc, "uk")).toThrow(LayoutError);
    try {
      buildWorkbook(doc, "uk");
    } catch (e) {
      expect((e as LayoutError).problems.map(formatProblem)).toEqual([
        "Ризики!D3: the text has 32,768 characters; Excel holds at most 32,767 in a cell",
      ]);
    }
  });
});
