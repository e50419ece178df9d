import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import type { SheetKind, SheetValues } from "../../shared/layout/grid.ts";
import { type SheetOptions, buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import { LANGUAGES, type Language, type PlanDocument } from "../../shared/model/plan.ts";
import { planDocument } from "../support/arbitraries.ts";
import { asExcelReturns } from "../support/excel-values.ts";

function roundTrip(doc: PlanDocument, language: Language, options: SheetOptions = {}) {
  const sheets: Partial<Record<SheetKind, SheetValues>> = {};
  for (const grid of buildWorkbook(doc, language, {}, options)) sheets[grid.kind] = asExcelReturns(grid);
  return readWorkbook(doc, sheets, { ...options, newId: () => { throw new Error("a round trip must create nothing"); } });
}

describe("plan → grid → plan", () => {
  for (const language of LANGUAGES)
    it(`keeps the AMU strategy unchanged (sheets in ${language})`, () => {
      const { changes, problems, doc } = roundTrip(amuPlan, language);
      expect(problems).toEqual([]);
      expect(changes).toEqual([]);
      expect(doc).toEqual(amuPlan);
    });

  for (const language of LANGUAGES)
    it(`keeps the AMU strategy with values and committee notes unchanged, its notes column shown (sheets in ${language})`, () => {
      const indicators = amuPlan.indicators.slice(0, 4);
      const doc: PlanDocument = {
        ...amuPlan,
        observations: indicators.map((i, k) => ({
          id: `00000000-0000-4000-8000-0000000091${k}0`,
          indicatorId: i.id,
          period: { year: 2014 },
          value: k === 3 ? null : 10 + k,
          ...(k === 2 ? {} : { note: `=примітка ${k}: «дані»\nрядок 2` }),
        })),
      };
      const sheets = buildWorkbook(doc, language, {}, { monitoring: { year: 2014 } });
      expect(sheets.find((g) => g.kind === "indicators")!.cells[0]).toContain({ uk: "Примітки комітету 2014", en: "Committee notes 2014", lt: "Komiteto pastabos 2014" }[language]);
      const { changes, problems, doc: back } = roundTrip(doc, language, { monitoring: { year: 2014 } });
      expect(problems).toEqual([]);
      expect(changes).toEqual([]);
      expect(back).toEqual(doc);
    });

  it("keeps generated plans unchanged: formulas-looking text, quotes, Cyrillic, emoji, newlines, empty cells", () => {
    fc.assert(
      fc.property(planDocument, fc.nat(6), fc.boolean(), (doc, offset, monitored) => {
        // With the notes column of a year of the plan (or of none) shown.
        const year = doc.plan.firstYear + Math.min(offset, doc.plan.lastYear - doc.plan.firstYear);
        const { changes, problems } = roundTrip(doc, doc.plan.language, monitored ? { monitoring: { year } } : {});
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
