import { describe, expect, it } from "vitest";
import type { ReportIndicator, Round } from "../../shared/api/rounds.ts";
import { RoundReport } from "../../shared/api/rounds.ts";
import { fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { roundReport } from "../../shared/monitoring/report.ts";
import type { Indicator, Observation, PlanDocument } from "../../shared/model/plan.ts";

const P1 = fixtureId(1);
const P2 = fixtureId(2);
const G1A = fixtureId(11);
const G1B = fixtureId(12);
const G2 = fixtureId(21);

let next = 1000;
const indicator = (over: Partial<Indicator> & Pick<Indicator, "name">): Indicator => ({
  id: fixtureId(next++),
  direction: "increase",
  frequency: "annually",
  baselineYear: 2012,
  targetYear: 2015,
  order: 0,
  ...over,
});

// Plan 2013–2015, baseline year 2012, target year 2015: in 2014, 2 of 3 years have elapsed (expected 2/3).
const INC = indicator({ name: "increase, behind", measures: { kind: "goal", id: G1A }, baselineValue: 10, targetValue: 40 });
const DEC = indicator({ name: "decrease, on schedule", measures: { kind: "priority", id: P1 }, direction: "decrease", baselineValue: 100, targetValue: 70 });
const KEEP = indicator({ name: "keep, within 10 %", measures: { kind: "goal", id: G1B }, direction: "keep", targetValue: 100 });
const OFF = indicator({ name: "increase, far behind", measures: { kind: "priority", id: P2 }, baselineValue: 10, targetValue: 40 });
const NO_BASELINE = indicator({ name: "no baseline", measures: { kind: "goal", id: G2 }, targetValue: 50, order: 0 });
const MET = indicator({ name: "met in an earlier year", measures: { kind: "goal", id: G2 }, baselineValue: 10, targetValue: 40, order: 1, code: "MET", unit: "%" });
const NO_VALUES = indicator({ name: "no values", measures: { kind: "goal", id: G2 }, baselineValue: 1, targetValue: 2, order: 2 });
const BREAKDOWN = indicator({ name: "of which: part", measures: { kind: "goal", id: G1A }, parentId: INC.id, baselineValue: 1, targetValue: 2 });
const UNLINKED = indicator({ name: "measures nothing", order: 5 });

const obs = (i: Indicator, year: number, value: number | null, extra: Partial<Observation> = {}): Observation => ({
  id: fixtureId(next++),
  indicatorId: i.id,
  period: { year },
  value,
  ...extra,
});

const doc: PlanDocument = {
  community: { id: fixtureId(90), name: "Громада", kind: "city", country: "UA" },
  plan: { id: fixtureId(91), communityId: fixtureId(90), title: "План", firstYear: 2013, lastYear: 2015, language: "uk" },
  swot: [],
  // Out of order on purpose: the report orders by `order`.
  priorities: [
    { id: P2, title: "Пріоритет 2", order: 1 },
    { id: P1, title: "Пріоритет 1", order: 0 },
  ],
  goals: [
    { id: G2, priorityId: P2, title: "Ціль 2.1", order: 0 },
    { id: G1B, priorityId: P1, title: "Ціль 1.2", order: 1 },
    { id: G1A, priorityId: P1, title: "Ціль 1.1", order: 0 },
  ],
  tasks: [],
  risks: [],
  indicators: [UNLINKED, NO_VALUES, MET, NO_BASELINE, BREAKDOWN, OFF, KEEP, DEC, INC],
  observations: [
    obs(INC, 2013, 20),
    obs(INC, 2014, 22, { note: "уточнено" }),
    // After the round's year: would make INC on track (45 ≥ 40) if it counted.
    obs(INC, 2015, 45),
    // A quarter is not the year's value.
    obs(INC, 2014, 999, { period: { year: 2014, quarter: 1 } }),
    obs(DEC, 2013, 85),
    obs(DEC, 2014, 78),
    obs(KEEP, 2014, 93),
    obs(OFF, 2014, 12),
    obs(NO_BASELINE, 2014, 30),
    obs(MET, 2013, 45),
    obs(MET, 2014, null),
    obs(BREAKDOWN, 2014, 2),
    obs(UNLINKED, 2014, 5),
  ],
};

const line = (i: Indicator, over: Partial<ReportIndicator>): ReportIndicator => ({
  indicatorId: i.id,
  code: i.code ?? null,
  name: i.name,
  unit: i.unit ?? null,
  baselineYear: i.baselineYear ?? null,
  baselineValue: i.baselineValue ?? null,
  targetYear: i.targetYear ?? null,
  targetValue: i.targetValue ?? null,
  yearTarget: null,
  value: null,
  missing: null,
  note: null,
  progress: null,
  status: "no_data",
  ...over,
});

describe("the annual monitoring report", () => {
  const report = roundReport(doc, 2014, null);

  it("groups top-level indicators by priority and goal, each by order, and lists the unlinked ones after", () => {
    expect(
      report.priorities.map((p) => [p.title, p.indicators.map((i) => i.name), p.goals.map((g) => [g.title, g.indicators.map((i) => i.name)])]),
    ).toEqual([
      ["Пріоритет 1", ["decrease, on schedule"], [["Ціль 1.1", ["increase, behind"]], ["Ціль 1.2", ["keep, within 10 %"]]]],
      ["Пріоритет 2", ["increase, far behind"], [["Ціль 2.1", ["no baseline", "met in an earlier year", "no values"]]]],
    ]);
    expect(report.unlinked.map((i) => i.name)).toEqual(["measures nothing"]);
    // The breakdown is part of its parent's value, not reported on its own.
    expect(JSON.stringify(report)).not.toContain(BREAKDOWN.id);
  });

  it("computes each indicator's progress and status by hand-checked values over the years up to the round's", () => {
    const lines = new Map(
      [...report.priorities.flatMap((p) => [...p.indicators, ...p.goals.flatMap((g) => g.indicators)]), ...report.unlinked].map((i) => [i.indicatorId, i]),
    );
    const progress = (i: Indicator) => lines.get(i.id)!.progress;
    // increase: (22 − 10) / (40 − 10) = 0.4; expected 2/3, 0.4 ≥ 1/3 → at risk. The 2015 value (45) and the quarter do not count.
    expect(lines.get(INC.id)).toEqual(line(INC, { value: 22, note: "уточнено", progress: expect.any(Number), status: "at_risk" }));
    expect(progress(INC)).toBeCloseTo(0.4, 12);
    // decrease: (78 − 100) / (70 − 100) = 22/30 ≥ 2/3 → on track.
    expect(lines.get(DEC.id)).toMatchObject({ value: 78, status: "on_track" });
    expect(progress(DEC)).toBeCloseTo(22 / 30, 12);
    // keep: |93 − 100| = 7, more than 5 % and at most 10 % of 100 → at risk; keep has no progress.
    expect(lines.get(KEEP.id)).toEqual(line(KEEP, { value: 93, status: "at_risk" }));
    // increase: (12 − 10) / 30 = 1/15 < 1/3 → off track.
    expect(lines.get(OFF.id)).toMatchObject({ value: 12, status: "off_track" });
    expect(progress(OFF)).toBeCloseTo(1 / 15, 12);
    // Not met and no baseline value: no data, no progress, the year's value still shown.
    expect(lines.get(NO_BASELINE.id)).toEqual(line(NO_BASELINE, { value: 30, status: "no_data" }));
    // Met in 2013 (45 ≥ 40), the 2014 cell empty: on track from the latest filled year, (45 − 10) / 30.
    expect(lines.get(MET.id)).toEqual(line(MET, { progress: expect.any(Number), status: "on_track" }));
    expect(progress(MET)).toBeCloseTo(35 / 30, 12);
    expect(lines.get(NO_VALUES.id)).toEqual(line(NO_VALUES, { status: "no_data" }));
    expect(lines.get(UNLINKED.id)).toEqual(line(UNLINKED, { value: 5, status: "no_data" }));
  });

  it("counts every reported indicator once per status, all four statuses present", () => {
    expect(report.summary).toEqual({ on_track: 2, at_risk: 2, off_track: 1, no_data: 3 });
    expect(roundReport({ ...doc, indicators: [], observations: [] }, 2014, null).summary).toEqual({ on_track: 0, at_risk: 0, off_track: 0, no_data: 0 });
  });

  it("reads a later year with the later values, and carries the plan, year and round", () => {
    const round: Round = {
      planId: doc.plan.id,
      year: 2015,
      status: "approved",
      version: 4,
      updatedAt: "2016-02-01T10:00:00.000Z",
      updatedBy: { id: "u1", name: "Редактор" },
      events: [],
    };
    const later = roundReport(doc, 2015, round);
    expect(later).toMatchObject({ planId: doc.plan.id, year: 2015, round });
    expect(later.priorities[0]!.goals[0]!.indicators[0]).toMatchObject({ value: 45, status: "on_track", progress: 35 / 30 });
    expect(RoundReport.parse(later)).toEqual(later);
    expect(RoundReport.parse(report)).toEqual(report);
  });
});

describe("the report's year target and reasons for no value", () => {
  // Baseline 10 in 2012, final target 40 in 2015, and a target path: 20 in 2014, 35 in 2015.
  const PATH = indicator({ name: "with a target path", baselineValue: 10, targetValue: 40, targets: [{ year: 2014, value: 20 }, { year: 2015, value: 35 }] });
  const REASON = indicator({ name: "confidential in 2014", baselineValue: 10, targetValue: 40 });
  const plan: PlanDocument = {
    ...doc,
    indicators: [PATH, REASON],
    observations: [
      obs(PATH, 2013, 14),
      obs(PATH, 2014, 22),
      obs(REASON, 2013, 30, { note: "за даними 2013" }),
      obs(REASON, 2014, null, { missing: "confidential", note: "дані закриті" }),
    ],
  };
  const lineOf = (i: Indicator, year: number) => roundReport(plan, year, null).unlinked.find((l) => l.indicatorId === i.id)!;

  it("gives the round year's own target, and the status and progress are judged against it", () => {
    // 2014: 22 meets the year's 20 → on track, (22 − 10) / (20 − 10) = 1.2. Against the final 40 it would
    // be (22 − 10) / 30 = 0.4 of an expected 2/3 → at risk.
    expect(lineOf(PATH, 2014)).toEqual(line(PATH, { yearTarget: 20, value: 22, progress: expect.any(Number), status: "on_track" }));
    expect(lineOf(PATH, 2014).progress).toBeCloseTo(1.2, 12);
    const finalOnly = roundReport({ ...plan, indicators: [{ ...PATH, targets: undefined }] }, 2014, null).unlinked[0]!;
    expect(finalOnly).toMatchObject({ yearTarget: null, targetValue: 40, status: "at_risk" });
    // 2013 has no target of its own: null, the final target applies, (14 − 10) / 30 against 1/3 → off track.
    expect(lineOf(PATH, 2013)).toMatchObject({ yearTarget: null, targetValue: 40, value: 14, status: "off_track" });
    // The report of 2015 shows 2015's target though its latest value is 2014's.
    expect(lineOf(PATH, 2015)).toMatchObject({ yearTarget: 35, value: null, status: "on_track" });
  });

  it("carries the year's reason for no value, which counts as no value for progress and status", () => {
    // The status comes from 2013's 30: (30 − 10) / 30 = 2/3 ≥ the expected 1/3 in 2013 → on track.
    expect(lineOf(REASON, 2014)).toEqual(line(REASON, { missing: "confidential", note: "дані закриті", progress: expect.any(Number), status: "on_track" }));
    expect(lineOf(REASON, 2013)).toMatchObject({ missing: null, value: 30, note: "за даними 2013" });
    const report = roundReport(plan, 2014, null);
    expect(RoundReport.parse(report)).toEqual(report);
  });
});
