import { describe, expect, it } from "vitest";
import { readPlanSheets, writePlanSheets } from "../../addin/excel/sheets.ts";
import { loadState } from "../../addin/excel/state.ts";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import { columnLetter } from "../../shared/layout/cells.ts";
import { MATRIX_TITLE } from "../../shared/layout/swot.ts";
import { buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import { FakeExcel } from "../support/fake-excel.ts";

/* Sheets for people on the strict host (both profiles; and an ExcelApi 1.9 host, the manifest's minimum). */

async function build(fake: FakeExcel, language: "uk" | "en" = "uk") {
  const existing = await loadState(fake.run);
  const state = { version: 1 as const, language, doc: amuPlan, sheets: existing?.sheets };
  return writePlanSheets(fake.run, buildWorkbook(amuPlan, language), state, {}, fake);
}

const headerAt = (fake: FakeExcel, sheet: string, text: string) => fake.values(sheet)[0]!.indexOf(text);

describe("frozen columns", () => {
  it("the layouts freeze through the indicator's name and the goal's title, the hidden id column counted", () => {
    const grids = new Map(buildWorkbook(amuPlan, "en").map((g) => [g.kind, g]));
    const through = (kind: "goals" | "indicators", key: string) => grids.get(kind)!.columns.findIndex((c) => c.key === key) + 1;
    expect(grids.get("indicators")!.frozenColumns).toBe(through("indicators", "name"));
    expect(grids.get("indicators")!.columns.slice(0, 4).map((c) => c.header)).toEqual(["MuniPlan ID", "Level", "Code", "Indicator"]);
    expect(grids.get("goals")!.frozenColumns).toBe(through("goals", "title"));
    expect(grids.get("goals")!.columns.slice(0, 4).map((c) => c.header)).toEqual(["MuniPlan ID", "Level", "No.", "Title"]);
    for (const kind of ["swot", "risks"] as const) expect(grids.get(kind)!.frozenColumns ?? 0).toBe(0);
  });

  for (const excelApi of [undefined, "1.9"]) {
    it(`Excel freezes the header row and those columns together${excelApi ? ` (ExcelApi ${excelApi} host)` : ""}`, async () => {
      const fake = new FakeExcel(excelApi ? { excelApi } : {});
      await build(fake);
      const indicators = fake.sheet("Показники")!;
      expect(indicators.frozenRows).toBe(1);
      expect(indicators.frozenColumns).toBe(headerAt(fake, "Показники", "Назва показника") + 1);
      expect(indicators.frozenColumns).toBe(4);
      const goals = fake.sheet("Пріоритети-цілі-завдання")!;
      expect([goals.frozenRows, goals.frozenColumns]).toEqual([1, headerAt(fake, "Пріоритети-цілі-завдання", "Назва") + 1]);
      expect([fake.sheet("Ризики")!.frozenRows, fake.sheet("Ризики")!.frozenColumns]).toEqual([1, 0]);
      expect([fake.sheet("SWOT-аналіз")!.frozenRows, fake.sheet("SWOT-аналіз")!.frozenColumns]).toEqual([1, 0]);
    });
  }
});

describe("the SWOT matrix in Excel", () => {
  it("sits right of the table after an empty column, text as text, headings bold and coloured, outside the table", async () => {
    const fake = new FakeExcel();
    await build(fake);
    const name = "SWOT-аналіз";
    const swot = fake.sheet(name)!;
    const values = fake.values(name);
    const at = headerAt(fake, name, MATRIX_TITLE.uk);
    expect(at).toBe(5); // table A:D, E empty, matrix F:G
    expect(values.every((row) => (row[4] ?? "") === "")).toBe(true);
    expect(values[0]![at + 1]).toBe("Матриця будується з таблиці ліворуч; редагуйте таблицю");
    expect([values[1]![at], values[1]![at + 1]]).toEqual(["Сильні сторони", "Слабкі сторони"]);
    const lower = values.findIndex((row) => row[at] === "Можливості");
    expect(values[lower]![at + 1]).toBe("Загрози");
    // Every item is there once, as typed in the table.
    const items = values.slice(1).map((row) => row[3]);
    const bullets = values.flatMap((row) => [row[at], row[at + 1]]).filter((v) => typeof v === "string" && v.startsWith("• "));
    expect(bullets.map((b) => (b as string).slice(2)).sort()).toEqual([...items].sort());
    expect(swot.tables).toEqual([{ name: "MuniPlan_swot", address: `A1:D${amuPlan.swot.length + 1}`, style: "TableStyleMedium2" }]);
    // The strict host names a one-cell range as a box ("F2:F2").
    const cell = (col: number, row: number) => `${columnLetter(col)}${row}:${columnLetter(col)}${row}`;
    expect(swot.cells.get(`2,${at}`)?.numberFormat).toBe("@");
    expect(swot.wrapColumns.has(at) && swot.wrapColumns.has(at + 1)).toBe(true);
    expect(swot.fills).toEqual(
      expect.arrayContaining([
        { address: cell(at, 2), color: "#E2EFDA" },
        { address: cell(at + 1, 2), color: "#FCE4D6" },
        { address: cell(at, lower + 1), color: "#DDEBF7" },
        { address: cell(at + 1, lower + 1), color: "#FFF2CC" },
      ]),
    );
    const firstGroup = amuPlan.swot.find((s) => s.quadrant === "strength" && s.group)!.group!;
    const groupRow = values.findIndex((row) => row[at] === firstGroup);
    expect(swot.boldRanges).toEqual(expect.arrayContaining([cell(at, 1), cell(at, 2), cell(at + 1, 2), cell(at, groupRow + 1)]));
    // Bullets are not headings.
    expect(swot.boldRanges).not.toContain(cell(at, groupRow + 2));
  });

  it("reads back as the plan: no change, no user column, even after the user edits the matrix; a rebuild restores it", async () => {
    const fake = new FakeExcel();
    await build(fake);
    const name = "SWOT-аналіз";
    const at = headerAt(fake, name, MATRIX_TITLE.uk);
    const before = fake.values(name);
    const state = (await loadState(fake.run))!;
    const clean = readWorkbook(state.doc, (await readPlanSheets(fake.run, state.sheets)).sheets);
    expect(clean.changes).toEqual([]);
    expect(clean.problems).toEqual([]);
    expect(clean.userColumns.swot).toEqual([]);

    fake.type(name, `${columnLetter(at)}3`, "змінено в матриці");
    fake.type(name, `${columnLetter(at + 1)}60`, "дописано під матрицею");
    const edited = readWorkbook(state.doc, (await readPlanSheets(fake.run, state.sheets)).sheets);
    expect(edited.changes).toEqual([]);
    expect(edited.problems).toEqual([]);
    expect(edited.userColumns.swot).toEqual([]);

    await build(fake);
    expect(fake.values(name)).toEqual(before);
  });
});
