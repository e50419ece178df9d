import { describe, expect, it } from "vitest";
import { readPlanSheets, SheetNameTaken, writePlanSheets, groupRuns } from "../../addin/excel/sheets.ts";
import { loadState } from "../../addin/excel/state.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { syntheticPlan } from "../bench/layout.ts";
import { FakeExcel } from "../support/fake-excel.ts";

// Whole-workbook writes of thousands of rows: their figures are the point, not their speed on a busy machine.
const HEAVY = 120_000;

const stateOf = (doc: PlanDocument) => ({ version: 1 as const, language: "uk" as const, doc });

async function build(fake: FakeExcel, doc: PlanDocument = amuPlan, language: "uk" | "en" = "uk") {
  const existing = await loadState(fake.run);
  return writePlanSheets(fake.run, buildWorkbook(doc, language), { ...stateOf(doc), language, sheets: existing?.sheets }, {}, fake);
}

describe("writing the plan's sheets", () => {
  it("costs four syncs for the whole AMU plan: look (two), write, save state", async () => {
    const fake = new FakeExcel();
    const result = await build(fake);
    expect(result.syncs).toBe(4);
    expect(fake.stats.syncs).toBe(1 + 4); // and one to find no earlier state
    expect(fake.sheets.map((s) => s.name)).toEqual(["Бачення і місія", "SWOT-аналіз", "Пріоритети-цілі-завдання", "Ризики", "Показники"]);
    expect(fake.enableEvents).toBe(true);
    expect(fake.stats.pausedSyncs).toBe(2); // the write and the state save; not the look-up
    expect(fake.activeSheet).toBe("Бачення і місія");
  });

  it("makes real work products: table, hidden id column, validation, colours, frozen header, outline, print settings", async () => {
    const fake = new FakeExcel();
    await build(fake);
    const goals = fake.sheet("Пріоритети-цілі-завдання")!;
    expect(goals.tables).toEqual([{ name: "MuniPlan_goals", address: "A1:L116", style: "TableStyleMedium2" }]);
    expect([...goals.hiddenColumns]).toEqual([0]);
    expect(goals.frozenRows).toBe(1);
    expect(goals.page).toEqual({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$1:$1" });
    expect(goals.validations.map((v) => v.address)).toEqual(["B2:B116", "I2:I116", "L2:L116"]);
    expect(goals.validations[1]!.rule).toEqual({ decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    expect(goals.validations[2]!.rule).toEqual({ list: { inCellDropDown: true, source: "Заплановано,Виконується,Виконано,Відкладено,Скасовано" } });
    expect(goals.conditionalFormats).toHaveLength(4);
    expect(goals.conditionalFormats[0]).toEqual({ address: "L2:L116", rule: { formula1: '="Виконано"', operator: "EqualTo" }, fill: "#C6EFCE", font: "#006100" });
    // 6 priority groups of goals+tasks, and one group per goal's run of tasks, where Excel has outlines (ExcelApi 1.10)
    expect(goals.groups.length).toBe(fake.isSetSupported("ExcelApi", "1.10") ? 6 + 22 : 0);
    expect(goals.cells.get("0,3")?.numberFormat).toBe("@");
    const indicators = fake.sheet("Показники")!;
    expect(indicators.validations.find((v) => v.address === "G2:G23")!.rule).toEqual({ wholeNumber: { formula1: 1900, formula2: 2200, operator: "Between" } });
  });

  it("writes user text as text: formulas-looking text stays literal (values and formulas read it back as typed)", async () => {
    const evil = "=HYPERLINK(\"http://evil.example\",\"click\")";
    const doc = { ...amuPlan, swot: amuPlan.swot.map((s, i) => (i === 0 ? { ...s, text: evil, group: "+380 44" } : s)) };
    const fake = new FakeExcel();
    await build(fake, doc);
    const swot = fake.sheet("SWOT-аналіз")!;
    // A Text (@) cell takes it as it is: no quote prefix, which Excel might keep as a character.
    expect(swot.cells.get("1,3")).toMatchObject({ value: evil, numberFormat: "@" });
    expect(swot.cells.get("1,3")!.quotePrefix).toBeUndefined();
    expect(swot.cells.get("1,3")!.formula).toBeUndefined();
    expect(fake.values("SWOT-аналіз")[1]![3]).toBe(evil);
    expect(fake.formulas("SWOT-аналіз")[1]![2]).toBe("+380 44");
    // Only the computed columns hold formulas.
    const formulas = fake.formulas("Показники").flatMap((row, r) => row.map((f, c) => ({ f, r, c }))).filter((x) => typeof x.f === "string" && x.f.startsWith("=") && fake.sheet("Показники")!.cells.get(`${x.r},${x.c}`)?.formula);
    expect(new Set(formulas.map((x) => x.c))).toEqual(new Set([16, 17]));
  });

  it("never touches a sheet that is not MuniPlan's: a taken name is refused before anything is written", async () => {
    const fake = new FakeExcel();
    const mine = fake.addSheet("Ризики");
    fake.type("Ризики", "A1", "мої дані");
    await expect(build(fake)).rejects.toBeInstanceOf(SheetNameTaken);
    expect(fake.sheets).toEqual([mine]);
    expect(fake.values("Ризики")).toEqual([["мої дані"]]);
    // With another name chosen for the risks sheet, the plan is built beside it.
    const result = await writePlanSheets(fake.run, buildWorkbook(amuPlan, "uk"), stateOf(amuPlan), { risks: "Ризики плану" });
    expect(result.sheets.risks!.name).toBe("Ризики плану");
    expect(fake.values("Ризики")).toEqual([["мої дані"]]);
  });

  it("rebuilds its own sheets in place, keeping a name the user gave them", async () => {
    const fake = new FakeExcel();
    await build(fake);
    fake.sheet("Ризики")!.name = "Ризики 2013";
    const second = await build(fake);
    expect(fake.sheets).toHaveLength(5);
    expect(second.sheets.risks!.name).toBe("Ризики 2013");
    expect(fake.sheet("Ризики 2013")!.tables).toHaveLength(1);
    expect(fake.customXml).toHaveLength(1);
  });

  it("splits a 10,000-row sheet into requests under Excel on the web's 5 MB limit, syncs growing with bytes, not rows", async () => {
    const fake = new FakeExcel();
    const doc = syntheticPlan(40_000);
    const result = await writePlanSheets(fake.run, buildWorkbook(doc, "uk"), stateOf(doc));
    expect(fake.stats.maxRequestBytes).toBeLessThan(5_000_000);
    expect(fake.stats.pausedSyncs).toBe(result.syncs - 2);
    // One sync per full request, not per row or per sheet: requests average over 1.5 MB.
    expect(result.syncs).toBeLessThanOrEqual(2 + Math.ceil(fake.stats.totalBytes / 1_500_000));
  }, HEAVY);
});

describe("reading the sheets back", () => {
  it("reads what the user left, by sheet id, and the layouts turn it into changes", async () => {
    const fake = new FakeExcel();
    await build(fake);
    const state = (await loadState(fake.run))!;
    fake.sheet("SWOT-аналіз")!.name = "SWOT 2013";
    fake.type("SWOT 2013", "D2", "єдина організація (уточнено)");
    fake.deleteRows("Ризики", 3);
    fake.type("Показники", "N2", "abc");
    const read = await readPlanSheets(fake.run, state.sheets);
    expect(read.syncs).toBe(3);
    expect(read.missing).toEqual([]);
    const result = readWorkbook(state.doc, read.sheets);
    expect(result.changes.map((c) => `${c.op} ${c.kind}`)).toEqual([
      "update swot",
      "update risks",
      "update risks",
      "update risks",
      "update risks",
      "update risks",
      "delete risks",
    ]);
    expect(result.problems.map((p) => p.ref)).toEqual(["Показники!N2"]);
  });

  it("says which sheets the user deleted", async () => {
    const fake = new FakeExcel();
    await build(fake);
    const state = (await loadState(fake.run))!;
    fake.sheets = fake.sheets.filter((s) => s.name !== "Ризики");
    const read = await readPlanSheets(fake.run, state.sheets);
    expect(read.missing).toEqual(["risks"]);
  });
});

describe("outline grouping", () => {
  it("groups each level's runs of rows", () => {
    expect(groupRuns([0, 1, 2, 2, 1, 0, 1])).toEqual([[3, 6], [8, 8], [4, 5]]);
    expect(groupRuns([0, 0])).toEqual([]);
  });
});
