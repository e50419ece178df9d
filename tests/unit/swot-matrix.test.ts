import { describe, expect, it } from "vitest";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import type { Cell } from "../../shared/layout/cells.ts";
import type { SheetGrid, SheetValues } from "../../shared/layout/grid.ts";
import { MATRIX_TITLE, buildSwot } from "../../shared/layout/swot.ts";
import { type UserColumns, buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import type { Language, PlanDocument, Quadrant } from "../../shared/model/plan.ts";
import { asExcelReturns, editable } from "../support/excel-values.ts";

/** What Excel's `values` gives back for the SWOT sheet: the table and, beside it, the matrix. */
function sheetOf(grid: SheetGrid): SheetValues {
  const block = grid.beside!;
  const values: Cell[][] = asExcelReturns(grid).values;
  const width = block.col + block.widths.length;
  const rows = Math.max(values.length, block.cells.length);
  return {
    name: grid.name,
    values: Array.from({ length: rows }, (_, r) => {
      const row = [...(values[r] ?? [])];
      while (row.length < width) row.push("");
      block.cells[r]?.forEach((c, i) => (row[block.col + i] = c ?? ""));
      return row;
    }),
  };
}

const readSwotSheet = (base: PlanDocument, swot: SheetValues) => readWorkbook(base, { swot });

/** A column of the matrix as lines, with whether each is bold (a heading). */
function column(grid: SheetGrid, c: number): { text: string | null; heading: boolean }[] {
  const block = grid.beside!;
  return block.cells.map((row, r) => ({ text: row[c] ?? null, heading: block.headings.some((h) => h.row === r && h.col === c) }));
}

const TITLES: Record<Language, Record<Quadrant, string>> = {
  uk: { strength: "Сильні сторони", weakness: "Слабкі сторони", opportunity: "Можливості", threat: "Загрози" },
  en: { strength: "Strengths", weakness: "Weaknesses", opportunity: "Opportunities", threat: "Threats" },
  lt: { strength: "Stiprybės", weakness: "Silpnybės", opportunity: "Galimybės", threat: "Grėsmės" },
};
const SIDE: Record<Quadrant, number> = { strength: 0, weakness: 1, opportunity: 0, threat: 1 };

describe("the SWOT matrix beside the SWOT table", () => {
  for (const language of ["uk", "en"] as const) {
    it(`lays out the AMU SWOT as 2 × 2, items under their groups, in plan order (${language})`, () => {
      const grid = buildSwot(amuPlan, language);
      const block = grid.beside!;
      // One empty column between the table and the matrix.
      expect(block.col).toBe(grid.columns.length + 1);
      expect(block.cells[0]![0]).toBe(MATRIX_TITLE[language]);
      expect(block.cells[0]![1]).toBe(language === "uk" ? "Матриця будується з таблиці ліворуч; редагуйте таблицю" : "The matrix is built from the table on the left; edit the table");
      // Strengths | Weaknesses on row 2; Opportunities | Threats after the longer list and an empty row.
      expect(block.cells[1]).toEqual([TITLES[language].strength, TITLES[language].weakness]);
      const lower = block.cells.findIndex((row) => row[0] === TITLES[language].opportunity);
      expect(block.cells[lower]).toEqual([TITLES[language].opportunity, TITLES[language].threat]);
      expect(block.cells[lower - 1]).toEqual([null, null]);
      for (const [q, count] of [["strength", 15], ["weakness", 9], ["opportunity", 4], ["threat", 6]] as const)
        expect(amuPlan.swot.filter((s) => s.quadrant === q)).toHaveLength(count);
      expect(lower).toBe(2 + Math.max(15 + 5, 9) + 1); // 15 strengths in 5 groups, 9 weaknesses with none

      for (const q of ["strength", "weakness", "opportunity", "threat"] as const) {
        const [from, to] = q === "strength" || q === "weakness" ? [2, lower - 1] : [lower + 1, block.cells.length];
        const lines = column(grid, SIDE[q]).slice(from, to).filter((l) => l.text !== null);
        const items = amuPlan.swot.filter((s) => s.quadrant === q).sort((a, b) => a.order - b.order);
        // Every item once, as a bullet, below the heading of its own group (none above it if it has none).
        expect(lines.filter((l) => !l.heading).map((l) => l.text)).toHaveLength(items.length);
        for (const item of items) {
          const at = lines.findIndex((l) => l.text === `• ${item.text}`);
          expect(at, item.text).toBeGreaterThanOrEqual(0);
          const heading = lines.slice(0, at).reverse().find((l) => l.heading);
          expect(heading?.text ?? undefined).toBe(item.group);
        }
        // Each group's heading once; its items in plan order.
        const groups = [...new Set(items.flatMap((s) => (s.group ? [s.group] : [])))];
        expect(lines.filter((l) => l.heading).map((l) => l.text)).toEqual(groups);
        for (const group of [...groups, undefined]) {
          const mine = items.filter((s) => s.group === group).map((s) => `• ${s.text}`);
          expect(lines.map((l) => l.text).filter((t) => mine.includes(t!))).toEqual(mine);
        }
      }
      // The quadrant headings carry their quadrant's colour, as the table's quadrant cells do.
      expect(block.headings.filter((h) => h.fill).map((h) => h.fill)).toEqual(["#E2EFDA", "#FCE4D6", "#DDEBF7", "#FFF2CC"]);
    });
  }

  it("is rebuilt with the plan: a changed item shows in the matrix", () => {
    const doc = { ...amuPlan, swot: amuPlan.swot.map((s) => (s.quadrant === "threat" && s.order === 0 ? { ...s, text: "нова загроза" } : s)) };
    const lines = buildSwot(doc, "uk").beside!.cells.map((row) => row[1]);
    expect(lines).toContain("• нова загроза");
    expect(buildSwot(amuPlan, "uk").beside!.cells.map((row) => row[1])).not.toContain("• нова загроза");
  });
});

describe("reading the SWOT sheet back ignores the matrix", () => {
  for (const language of ["uk", "en", "lt"] as const) {
    it(`gives the same plan and no user columns (${language})`, () => {
      const result = readSwotSheet(amuPlan, sheetOf(buildSwot(amuPlan, language)));
      expect(result.problems).toEqual([]);
      expect(result.changes).toEqual([]);
      expect(result.userColumns.swot).toEqual([]);
      expect(result.doc.swot).toEqual(amuPlan.swot);
    });
  }

  it("is the matrix's title that marks it: without it the matrix would be kept as a user column", () => {
    const sheet = editable(sheetOf(buildSwot(amuPlan, "uk")));
    sheet.values[0]![buildSwot(amuPlan, "uk").beside!.col] = "";
    const result = readSwotSheet(amuPlan, sheet);
    expect(result.userColumns.swot!.map((u) => u.header)).toEqual(["Матриця будується з таблиці ліворуч; редагуйте таблицю"]);
  });

  it("takes no edit of a matrix cell, nor a row typed below it, as a change to the plan", () => {
    const grid = buildSwot(amuPlan, "uk");
    const col = grid.beside!.col;
    const sheet = editable(sheetOf(grid));
    sheet.values[2]![col] = "• змінено в матриці";
    sheet.values[1]![col + 1] = "ще одна слабка сторона";
    sheet.values.push(sheet.values[0]!.map((_, i) => (i === col ? "нова сильна сторона" : "")));
    const result = readSwotSheet(amuPlan, sheet);
    expect(result.problems).toEqual([]);
    expect(result.changes).toEqual([]);
    expect(result.userColumns.swot).toEqual([]);
  });

  it("still keeps a user's own column between the table and the matrix, and moves the matrix right of it", () => {
    const grid = buildSwot(amuPlan, "uk");
    const sheet = editable(sheetOf(grid));
    const gap = grid.columns.length;
    sheet.values[0]![gap] = "Коментар";
    sheet.values[3]![gap] = "перевірити";
    const first = readSwotSheet(amuPlan, sheet);
    expect(first.changes).toEqual([]);
    const user: UserColumns = first.userColumns;
    expect(user.swot).toEqual([{ header: "Коментар", byId: { [String(grid.cells[3]![0])]: "перевірити" } }]);

    const rebuilt = buildSwot(amuPlan, "uk", user.swot);
    expect(rebuilt.cells[0]![gap]).toBe("Коментар");
    expect(rebuilt.beside!.col).toBe(gap + 2);
    const again = readSwotSheet(amuPlan, sheetOf(rebuilt));
    expect(again.changes).toEqual([]);
    expect(again.userColumns.swot).toEqual(user.swot);
  });

  it("is part of the workbook the plan becomes", () => {
    const swot = buildWorkbook(amuPlan, "uk").find((g) => g.kind === "swot")!;
    expect(swot.beside?.cells[0]![0]).toBe(MATRIX_TITLE.uk);
  });
});
