import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import { INDICATOR_STATUS_LABELS } from "../../shared/i18n/labels.ts";
import { buildIndicators } from "../../shared/layout/indicators.ts";
import { DIRECTIONS, type Direction, MISSING_REASONS, type MissingReason, type PlanDocument } from "../../shared/model/plan.ts";
import { type IndicatorStatus, indicatorProgress, indicatorStatus } from "../../shared/monitoring/status.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";

/**
 * The Indicators sheet's progress and status formulas, evaluated by a spreadsheet engine (HyperFormula,
 * GPL-3.0 — a test-only dependency, never shipped), must agree with the TypeScript rule the server uses.
 */
interface Case {
  direction: Direction;
  baselineValue?: number;
  targetValue?: number;
  baselineYear?: number;
  targetYear?: number;
  /** The values of 2013, 2014, … in order: a number, empty (null) or a reason for no value. */
  values: (number | null | MissingReason)[];
  /** The target path of 2013, 2014, … in order: a year's target or none (null). */
  targets?: (number | null)[];
}

const value = fc.oneof(fc.integer({ min: -50, max: 200 }), fc.constant(0));
const caseArb: fc.Arbitrary<Case> = fc.record({
  direction: fc.constantFrom(...DIRECTIONS),
  baselineValue: fc.option(value, { nil: undefined }),
  targetValue: fc.option(value, { nil: undefined }),
  baselineYear: fc.option(fc.integer({ min: 2010, max: 2013 }), { nil: undefined }),
  targetYear: fc.option(fc.integer({ min: 2013, max: 2017 }), { nil: undefined }),
  values: fc.array(fc.option(fc.oneof(value, fc.constantFrom(...MISSING_REASONS)), { nil: null }), { minLength: 3, maxLength: 3 }),
  targets: fc.option(fc.array(fc.option(value, { nil: null }), { minLength: 3, maxLength: 3 }), { nil: undefined }),
});

/** A case's target path as the model holds it: the years that have a target. */
const pathOf = (c: Case) => {
  const path = (c.targets ?? []).flatMap((t, k) => (t === null ? [] : [{ year: 2013 + k, value: t }]));
  return path.length ? path : undefined;
};

/** A plan of 2013 to 2013 + years − 1 with one indicator per case. */
function planOf(cases: Case[], years = 3): PlanDocument {
  const indicators = cases.map((c, i) => ({
    id: fixtureId(90_000 + i),
    name: `I${i}`,
    direction: c.direction,
    frequency: "annually" as const,
    baselineValue: c.baselineValue,
    targetValue: c.targetValue,
    baselineYear: c.baselineYear,
    targetYear: c.targetYear,
    targets: pathOf(c),
    order: i,
  }));
  const observations = cases.flatMap((c, i) =>
    c.values.map((v, k) => ({
      id: fixtureId(95_000 + i * 100 + k),
      indicatorId: indicators[i]!.id,
      period: { year: 2013 + k },
      ...(typeof v === "string" ? { value: null, missing: v } : { value: v }),
    })),
  );
  return { ...amuPlan, indicators, observations, plan: { ...amuPlan.plan, firstYear: 2013, lastYear: 2012 + years } };
}

/** The sheet's progress and status of each row, as a spreadsheet engine computes them. */
function evaluate(doc: PlanDocument) {
  const grid = buildIndicators(doc, "en");
  // Excel keeps headers ("2013") and written text as text: a leading apostrophe tells HyperFormula so.
  const sheet = grid.cells.map((row) => row.map((c) => (typeof c === "string" && !c.startsWith("=") && !c.startsWith("'") ? `'${c}` : c)));
  // Excel evaluates SUMPRODUCT's argument as an array; HyperFormula does so only with array arithmetic on.
  const hf = HyperFormula.buildFromArray(sheet as (string | number | null)[][], { licenseKey: "gpl-v3", useArrayArithmetic: true });
  const progressCol = grid.columns.findIndex((c) => c.key === "progress");
  const statusCol = grid.columns.findIndex((c) => c.key === "status");
  return grid.cells.slice(1).map((_, i) => ({
    progress: hf.getCellValue({ sheet: 0, row: i + 1, col: progressCol }),
    status: hf.getCellValue({ sheet: 0, row: i + 1, col: statusCol }),
  }));
}

// A reason is no value for the rule, as the model holds it (value null).
const inputOf = (c: Case, doc: PlanDocument) => ({
  ...c,
  targets: pathOf(c),
  values: c.values.map((v, k) => ({ year: 2013 + k, value: typeof v === "string" ? null : v })),
  plan: doc.plan,
});

/** Checks that the sheet says what the TypeScript rule says, case by case. */
function expectAgreement(cases: Case[], years = 3): void {
  const doc = planOf(cases, years);
  const sheet = evaluate(doc);
  cases.forEach((c, i) => {
    const input = inputOf(c, doc);
    expect(sheet[i]!.status, JSON.stringify(c)).toBe(INDICATOR_STATUS_LABELS[indicatorStatus(input)].en);
    const p = indicatorProgress(input);
    if (p === undefined) expect(sheet[i]!.progress, JSON.stringify(c)).toBe("");
    else expect(sheet[i]!.progress as number, JSON.stringify(c)).toBeCloseTo(p, 9);
  });
}

describe("status formulas agree with the TypeScript rule", () => {
  it("on generated indicators (directions, missing baselines and targets, gaps, met targets)", () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 20 }), (cases) => expectAgreement(cases)),
      { numRuns: 200 },
    );
    // 200 spreadsheet-engine runs take ~2 s alone and several times that beside the other test files on 2 cores.
  }, 60_000);

  // At a threshold, exact arithmetic and Excel's tolerance part ways unless both sides round first.
  const at = (direction: Direction, targetValue: number, latest: number, over: Partial<Case> = {}): Case => ({
    direction,
    targetValue,
    values: [latest, null, null],
    ...over,
  });
  const thresholds: [string, Case, IndicatorStatus][] = [
    ["increase: 6.3 meets a target of 6 × 1.05", at("increase", 6 * 1.05, 6.3), "on_track"],
    ["decrease: 6 × 1.05 meets a target of 6.3", at("decrease", 6.3, 6 * 1.05), "on_track"],
    ["keep: 0.735 is within 5 % of 0.7", at("keep", 0.7, 0.735), "on_track"],
    ["keep: 1.045 is within 5 % of 1.1", at("keep", 1.1, 1.045), "on_track"],
    ["keep: 3.465 is within 5 % of 3.3", at("keep", 3.3, 3.465), "on_track"],
    ["keep: 21 is within 5 % of 20", at("keep", 20, 21), "on_track"],
    ["keep: 0.33 is within 10 % of 0.3", at("keep", 0.3, 0.33), "at_risk"],
    ["keep: 22 is within 10 % of 20", at("keep", 20, 22), "at_risk"],
    ["keep: 22.01 is not", at("keep", 20, 22.01), "off_track"],
    // 3 of 4 years elapsed: expected 0.75; progress 0.3 / 0.4 = 0.7499999999999999.
    ["progress exactly as expected", at("increase", 0.4, 0.3, { baselineValue: 0, baselineYear: 2012, targetYear: 2016, values: [null, null, 0.3] }), "on_track"],
    // (0.2 − 0.5) / (0.1 − 0.5) = 0.7499999999999999.
    ["decrease exactly as expected", at("decrease", 0.1, 0.2, { baselineValue: 0.5, baselineYear: 2012, targetYear: 2016, values: [null, null, 0.2] }), "on_track"],
    // 2 of 5 years elapsed: half of expected is 0.2; progress 0.3 / 1.5 = 0.19999999999999998.
    ["progress exactly half of expected", at("increase", 1.5, 0.3, { baselineValue: 0, baselineYear: 2012, targetYear: 2017, values: [null, 0.3, null] }), "at_risk"],
  ];
  // A year's own target (2015 here, the latest value's year) stands for the final target and its year.
  const path = (latest: number, yearTarget: number, over: Partial<Case> = {}): Case => ({
    direction: "increase",
    targetValue: 1000,
    targetYear: 2015,
    baselineValue: 0,
    values: [null, null, latest],
    targets: [null, null, yearTarget],
    ...over,
  });
  const yearly: [string, Case, IndicatorStatus][] = [
    ["increase: 6.3 meets the year's target of 6 × 1.05 (the final 1000 is far)", path(6.3, 6 * 1.05), "on_track"],
    ["decrease: 6 × 1.05 meets the year's target of 6.3", path(6 * 1.05, 6.3, { direction: "decrease", targetValue: 0, baselineValue: 50 }), "on_track"],
    ["keep: 0.735 is within 5 % of the year's 0.7", path(0.735, 0.7, { direction: "keep" }), "on_track"],
    ["keep: 22 is within 10 % of the year's 20", path(22, 20, { direction: "keep" }), "at_risk"],
    // The year's target is due that year (expected share 1): (0.3 − 0.1) / (0.5 − 0.1) = 0.49999999999999994, twice that is 1.
    ["progress exactly half of the year's target", path(0.3, 0.5, { baselineValue: 0.1 }), "at_risk"],
    ["less than half of the year's target", path(2, 5, { baselineValue: 0 }), "off_track"],
    ["the year's target without a final target", path(5, 5, { targetValue: undefined, targetYear: undefined }), "on_track"],
    ["the year's target equal to the baseline, not met", path(4, 5, { baselineValue: 5 }), "off_track"],
    // Only 2014 has a target: 2015's value is measured against the final target, due 2017 (3 of 5 years).
    ["a path without the latest year falls back to the final target", path(30, 10, { targetValue: 50, targetYear: 2017, targets: [null, 10, null], baselineYear: 2012 }), "on_track"],
    ["a path year after the latest value is not used", path(10, 0, { values: [null, 10, null], targets: [null, null, 5], targetValue: 100 }), "off_track"],
  ];
  it.each(yearly)("with a target path, %s (TypeScript and the sheet)", (_name, c, status) => {
    const doc = planOf([c]);
    expect(indicatorStatus(inputOf(c, doc))).toBe(status);
    expectAgreement([c]);
  });

  it.each(thresholds)("at a threshold, %s (TypeScript and the sheet)", (_name, c, status) => {
    const doc = planOf([c]);
    expect(indicatorStatus(inputOf(c, doc))).toBe(status);
    expectAgreement([c]);
  });

  it("a reason for no value («н/д» in the sheet) is no value: the latest number before it counts, in TypeScript and the sheet", () => {
    const c = at("increase", 10, 0, { baselineValue: 0, values: [4, 12, "not_available"] });
    const doc = planOf([c]);
    // 12 in 2014 is the latest value and meets the target: the 2015 reason is skipped, as an empty cell is.
    expect(indicatorStatus(inputOf(c, doc))).toBe("on_track");
    expect(buildIndicators(doc, "uk").cells[1]).toContain("н/д");
    expectAgreement([c, at("decrease", 5, 0, { baselineValue: 10, values: ["confidential", "not_yet_due", "not_applicable"] })]);
  });

  it("formulas do not grow with the plan's years and stay under Excel's 8,192 characters", () => {
    const formulas = [3, 30, 60].map((years) => {
      const doc = planOf([at("increase", 40, 20, { baselineValue: 10 })], years);
      const grid = buildIndicators(doc, "uk");
      const row = grid.cells[1]!;
      return ["progress", "status"].map((key) => String(row[grid.columns.findIndex((c) => c.key === key)]));
    });
    for (const f of formulas.flat()) expect(f.length).toBeLessThan(8_192);
    // Only cell references (P2 for 2015, BU2 for 2072) and the plan's last year differ.
    const shape = (f: string) => f.replace(/\$?[A-Z]{1,3}\$?\d+/g, "ref").replace(/\b20\d\d\b/g, "year");
    for (const [progress, status] of formulas.slice(1)) {
      expect(shape(progress!)).toBe(shape(formulas[0]![0]!));
      expect(shape(status!)).toBe(shape(formulas[0]![1]!));
    }
    expect(formulas[2]!.map((f) => f.length)).toEqual(formulas[1]!.map((f) => f.length));
  });

  it("agree over a 60-year plan (the latest value is found across the whole range)", () => {
    const values = (filled: number[]) => Array.from({ length: 60 }, (_, k) => (filled.includes(k) ? k * 3 : null));
    expectAgreement(
      [
        at("increase", 200, 0, { baselineValue: 0, values: values([0, 5, 41]) }),
        at("increase", 200, 0, { baselineValue: 0, values: values([59]) }),
        at("keep", 100, 0, { values: values([10, 33]) }),
        at("decrease", 0, 0, { baselineValue: 200, values: values([]) }),
      ],
      60,
    );
  });
});
