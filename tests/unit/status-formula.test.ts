import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import { INDICATOR_STATUS_LABELS } from "../../shared/i18n/labels.ts";
import { buildIndicators } from "../../shared/layout/indicators.ts";
import { DIRECTIONS, type PlanDocument } from "../../shared/model/plan.ts";
import { indicatorProgress, indicatorStatus } from "../../shared/monitoring/status.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";

/**
 * The Indicators sheet's progress and status formulas, evaluated by a spreadsheet engine (HyperFormula,
 * GPL-3.0 — a test-only dependency, never shipped), must agree with the TypeScript rule the server uses.
 */
const value = fc.oneof(fc.integer({ min: -50, max: 200 }), fc.constant(0));
const caseArb = fc.record({
  direction: fc.constantFrom(...DIRECTIONS),
  baselineValue: fc.option(value, { nil: undefined }),
  targetValue: fc.option(value, { nil: undefined }),
  baselineYear: fc.option(fc.integer({ min: 2010, max: 2013 }), { nil: undefined }),
  targetYear: fc.option(fc.integer({ min: 2013, max: 2017 }), { nil: undefined }),
  values: fc.array(fc.option(value, { nil: null }), { minLength: 3, maxLength: 3 }),
});

function evaluate(doc: PlanDocument) {
  const grid = buildIndicators(doc, "en");
  // Excel's text headers ("'2013") and quote-prefixed text are stored without the quote.
  const sheet = grid.cells.map((row) => row.map((c) => (typeof c === "string" && c.startsWith("'") ? c.slice(1) : c)));
  const hf = HyperFormula.buildFromArray(sheet as (string | number | null)[][], { licenseKey: "gpl-v3" });
  const cols = grid.columns.length;
  return grid.cells.slice(1).map((_, i) => ({
    progress: hf.getCellValue({ sheet: 0, row: i + 1, col: cols - 2 }),
    status: hf.getCellValue({ sheet: 0, row: i + 1, col: cols - 1 }),
  }));
}

describe("status formulas agree with the TypeScript rule", () => {
  it("on generated indicators (directions, missing baselines and targets, gaps, met targets)", () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 20 }), (cases) => {
        const indicators = cases.map((c, i) => ({
          id: fixtureId(90_000 + i),
          name: `I${i}`,
          direction: c.direction,
          frequency: "annually" as const,
          baselineValue: c.baselineValue,
          targetValue: c.targetValue,
          baselineYear: c.baselineYear,
          targetYear: c.targetYear,
          order: i,
        }));
        const observations = cases.flatMap((c, i) =>
          c.values.map((v, k) => ({ id: fixtureId(95_000 + i * 3 + k), indicatorId: indicators[i]!.id, period: { year: 2013 + k }, value: v })),
        );
        const doc: PlanDocument = { ...amuPlan, indicators, observations, plan: { ...amuPlan.plan, firstYear: 2013, lastYear: 2015 } };
        const sheet = evaluate(doc);
        cases.forEach((c, i) => {
          const input = { ...c, values: c.values.map((v, k) => ({ year: 2013 + k, value: v })), plan: doc.plan };
          expect(sheet[i]!.status, JSON.stringify(c)).toBe(INDICATOR_STATUS_LABELS[indicatorStatus(input)].en);
          const p = indicatorProgress(input);
          if (p === undefined) expect(sheet[i]!.progress, JSON.stringify(c)).toBe("");
          else expect(sheet[i]!.progress as number).toBeCloseTo(p, 9);
        });
      }),
      { numRuns: 200 },
    );
    // 200 spreadsheet-engine runs take ~2 s alone and several times that beside the other test files on 2 cores.
  }, 60_000);
});
