import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import type { SheetKind, SheetValues } from "../../shared/layout/grid.ts";
import { buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import { LANGUAGES, type Language, type PlanDocument } from "../../shared/model/plan.ts";
import { planDocument } from "../support/arbitraries.ts";
import { asExcelReturns } from "../support/excel-values.ts";

function roundTrip(doc: PlanDocument, language: Language) {
  const sheets: Partial<Record<SheetKind, SheetValues>> = {};
  for (const grid of buildWorkbook(doc, language)) sheets[grid.kind] = asExcelReturns(grid);
  return readWorkbook(doc, sheets, { newId: () => { throw new Error("a round trip must create nothing"); } });
}

describe("plan → grid → plan", () => {
  for (const language of LANGUAGES)
    it(`keeps the AMU strategy unchanged (sheets in ${language})`, () => {
      const { changes, problems, doc } = roundTrip(amuPlan, language);
      expect(problems).toEqual([]);
      expect(changes).toEqual([]);
      expect(doc).toEqual(amuPlan);
    });

  it("keeps generated plans unchanged: formulas-looking text, quotes, Cyrillic, emoji, newlines, empty cells", () => {
    fc.assert(
      fc.property(planDocument, (doc) => {
        const { changes, problems } = roundTrip(doc, doc.plan.language);
        expect(problems).toEqual([]);
        expect(changes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps text of exactly 32,767 characters, even when it starts with '='", () => {
    const long = `=${"Ї".repeat(32_766)}`;
    const doc: PlanDocument = {
      ...amuPlan,
      plan: { ...amuPlan.plan, vision: long, mission: "x".repeat(32_767) },
      swot: amuPlan.swot.map((s, i) => (i === 0 ? { ...s, text: long } : s)),
    };
    const { changes, problems } = roundTrip(doc, "uk");
    expect(problems).toEqual([]);
    expect(changes).toEqual([]);
  });

  it("reads a sheet built in one language whatever language its labels are now in", () => {
    const sheets: Partial<Record<SheetKind, SheetValues>> = {};
    for (const grid of buildWorkbook(amuPlan, "en")) sheets[grid.kind] = asExcelReturns(grid);
    // A colleague typed some quadrants in Ukrainian and Lithuanian, in other letter cases.
    const swot = sheets.swot!;
    swot.values[1]![1] = "СИЛЬНА СТОРОНА";
    swot.values[2]![1] = "stiprybė";
    const { changes, problems } = readWorkbook(amuPlan, sheets);
    expect(problems).toEqual([]);
    expect(changes).toEqual([]);
  });
});
