import { describe, expect, it } from "vitest";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import type { SheetValues } from "../../shared/layout/grid.ts";
import { targetHeader } from "../../shared/layout/indicators.ts";
import { buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import { Indicator, type Language, type PlanDocument } from "../../shared/model/plan.ts";
import { roundReport } from "../../shared/monitoring/report.ts";
import { editable, headerIndex, asExcelReturns } from "../support/excel-values.ts";

/**
 * Yearly targets (a target path): the Indicators sheet's "Target <year>" block after the status, read
 * back by header in any language, each bad cell named; the model's one order; the report's status.
 */
const PEOPLE = fixtureId(700);
const PERCENT = fixtureId(701);
const doc: PlanDocument = {
  ...amuPlan,
  indicators: amuPlan.indicators.map((i) =>
    i.id === PEOPLE
      ? { ...i, unit: "осіб", targets: [{ year: 2013, value: 100 }, { year: 2015, value: 140 }] }
      : i.id === PERCENT
        ? { ...i, unit: "%", targets: [{ year: 2014, value: 55.5 }] }
        : i,
  ),
  observations: [],
};

const sheetOf = (language: Language, d: PlanDocument = doc): SheetValues =>
  editable(asExcelReturns(buildWorkbook(d, language).find((g) => g.kind === "indicators")!));
const ids = () => {
  let n = 0;
  return () => fixtureId(910_000 + ++n);
};
const read = (sheet: SheetValues, base: PlanDocument = doc) => readWorkbook(base, { indicators: sheet }, { newId: ids() });
const rowOf = (sheet: SheetValues, id: string) => sheet.values.findIndex((r) => r[0] === id);
const targetsOf = (d: PlanDocument, id: string) => d.indicators.find((i) => i.id === id)!.targets;

describe("the target path in the Indicators sheet", () => {
  it("is written one column per plan year after the status and reads back unchanged in uk, en and lt", () => {
    for (const language of ["uk", "en", "lt"] as const) {
      const sheet = sheetOf(language);
      const row = sheet.values[rowOf(sheet, PEOPLE)]!;
      expect([2013, 2014, 2015].map((y) => row[headerIndex(sheet, targetHeader(y)[language])])).toEqual([100, "", 140]);
      const r = read(sheet);
      expect(r.problems).toEqual([]);
      expect(r.changes).toEqual([]);
    }
  });

  it("takes a typed, changed or cleared target, whatever the language of the header", () => {
    const sheet = sheetOf("uk");
    // A user who renamed the headers to English (any of the three languages is recognised).
    for (const y of [2013, 2014, 2015]) sheet.values[0]![headerIndex(sheet, targetHeader(y).uk)] = targetHeader(y).en;
    const people = sheet.values[rowOf(sheet, PEOPLE)]!;
    const percent = sheet.values[rowOf(sheet, PERCENT)]!;
    people[headerIndex(sheet, "Target 2014")] = 120;
    people[headerIndex(sheet, "Target 2015")] = "";
    percent[headerIndex(sheet, "Target 2014")] = "";
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    expect(targetsOf(r.doc, PEOPLE)).toEqual([{ year: 2013, value: 100 }, { year: 2014, value: 120 }]);
    // No target left: the field is gone, not an empty list.
    expect(targetsOf(r.doc, PERCENT)).toBeUndefined();
    expect(r.changes.map((c) => (c.op === "update" ? [c.id, c.fields] : c.op))).toEqual([
      [PEOPLE, ["targets"]],
      [PERCENT, ["targets"]],
    ]);
  });

  it("names a target cell that is not a number, or does not fit the unit, in each language, and keeps the year's last target", () => {
    const sheet = sheetOf("uk");
    const people = sheet.values[rowOf(sheet, PEOPLE)]!;
    const percent = sheet.values[rowOf(sheet, PERCENT)]!;
    people[headerIndex(sheet, "Цільове значення 2013")] = "сто";
    people[headerIndex(sheet, "Цільове значення 2015")] = 2.5;
    percent[headerIndex(sheet, "Цільове значення 2014")] = 120;
    const r = read(sheet);
    expect(r.problems.map((p) => [p.ref, p.text.uk])).toEqual([
      ["Показники!S2", "'сто' — не число; залишено попереднє значення"],
      ["Показники!U2", "'2.5' — не кількість: одиниця «осіб» допускає лише цілі числа від 0; залишено попереднє значення"],
      ["Показники!T3", "'120' — не відсоток: одиниця «%» допускає значення від 0 до 100; залишено попереднє значення"],
    ]);
    expect(r.problems[0]!.message).toBe("'сто' is not a number; the previous value is kept");
    expect(r.problems[2]!.text.lt).toBe("'120' nėra procentinė reikšmė: vienetui „%“ tinka reikšmės nuo 0 iki 100; paliekama ankstesnė reikšmė");
    expect(r.changes).toEqual([]);
    expect(targetsOf(r.doc, PEOPLE)).toEqual(targetsOf(doc, PEOPLE));
  });

  it("keeps the targets of years the sheet has no column for (a period shortened since)", () => {
    const sheet = sheetOf("en");
    const at = headerIndex(sheet, "Target 2015");
    for (const row of sheet.values) row.splice(at, 1);
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    expect(targetsOf(r.doc, PEOPLE)).toEqual(targetsOf(doc, PEOPLE));
  });

  it("reads a target column of a year outside the plan period by its header", () => {
    const sheet = sheetOf("lt");
    sheet.values.forEach((row, r) => row.push(r === 0 ? targetHeader(2016).lt : r === rowOf(sheet, PEOPLE) ? 150 : ""));
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    expect(targetsOf(r.doc, PEOPLE)).toEqual([...targetsOf(doc, PEOPLE)!, { year: 2016, value: 150 }]);
  });
});

describe("the target path in the model", () => {
  const base = doc.indicators.find((i) => i.id === PEOPLE)!;
  it("holds years in ascending order, each once, so an equal path is an equal field", () => {
    expect(Indicator.safeParse(base).success).toBe(true);
    const paths = (targets: unknown) => Indicator.safeParse({ ...base, targets }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(paths([{ year: 2015, value: 1 }, { year: 2013, value: 2 }])).toEqual([["targets", "years must be in ascending order, each year once"]]);
    expect(paths([{ year: 2013, value: 1 }, { year: 2013, value: 2 }])).toEqual([["targets", "years must be in ascending order, each year once"]]);
    expect(paths([])).toEqual([["targets", "remove the field for no yearly targets"]]);
    expect(paths([{ year: 2013, value: Number.POSITIVE_INFINITY }])?.[0]?.[0]).toBe("targets.0.value");
    expect(paths([{ year: 13, value: 1 }])?.[0]?.[0]).toBe("targets.0.year");
  });
});

describe("the round report with a target path", () => {
  it("measures a year's value against that year's target, else the final one", () => {
    const plan = {
      ...doc,
      indicators: [
        { ...doc.indicators.find((i) => i.id === PEOPLE)!, parentId: undefined, baselineValue: 50, targetValue: 400, targetYear: 2015, direction: "increase" as const },
      ],
      observations: [
        { id: fixtureId(920_001), indicatorId: PEOPLE, period: { year: 2013 }, value: 100 },
        { id: fixtureId(920_002), indicatorId: PEOPLE, period: { year: 2014 }, value: 110 },
      ],
    };
    const lineOf = (year: number) => {
      const r = roundReport(plan, year, null);
      return [...r.unlinked, ...r.priorities.flatMap((p) => [...p.indicators, ...p.goals.flatMap((g) => g.indicators)])][0]!;
    };
    // 2013: 100 meets the 2013 target of 100 (against the final 400 it would be behind).
    expect(lineOf(2013)).toMatchObject({ status: "on_track", progress: 1 });
    // 2014 has no target of its own: the final target of 400 in 2015; (110 − 50) / 350 ≈ 0.17 against an expected 2/3.
    expect(lineOf(2014)).toMatchObject({ status: "off_track" });
    expect(lineOf(2014).progress).toBeCloseTo(60 / 350, 12);
  });
});
