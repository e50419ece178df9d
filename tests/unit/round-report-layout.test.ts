import { describe, expect, it } from "vitest";
import { REPORT_STATUSES, type ReportIndicator, RoundReport } from "../../shared/api/rounds.ts";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import { buildIndicators } from "../../shared/layout/indicators.ts";
import { STATUS_COLOURS, buildRoundReport } from "../../shared/layout/round-report.ts";
import { roundReport } from "../../shared/monitoring/report.ts";
import { MISSING_REASONS } from "../../shared/model/plan.ts";

const line = (n: number, over: Partial<ReportIndicator>): ReportIndicator => ({
  indicatorId: fixtureId(700 + n),
  code: null,
  name: `Показник ${n}`,
  unit: null,
  baselineYear: 2012,
  baselineValue: 10,
  targetYear: 2015,
  targetValue: 40,
  yearTarget: null,
  value: null,
  missing: null,
  note: null,
  progress: null,
  status: "no_data",
  ...over,
});

const round = {
  planId: fixtureId(2),
  year: 2014,
  status: "approved" as const,
  version: 4,
  updatedAt: "2015-02-10T09:30:00.000Z",
  updatedBy: { id: "u-editor", name: "Олена Редактор" },
  events: [],
};

/** Two priorities (the first measured itself, by one goal, and one empty goal), and one indicator measuring nothing. */
const report: RoundReport = RoundReport.parse({
  planId: fixtureId(2),
  year: 2014,
  round,
  priorities: [
    {
      priorityId: fixtureId(200),
      title: "Розвиток місцевого самоврядування",
      indicators: [line(1, { code: "P-1", unit: "%", yearTarget: 30, value: 25, progress: 0.75, status: "at_risk", note: "=дані ЦВК" })],
      goals: [
        { goalId: fixtureId(300), title: "Ціль перша", indicators: [line(2, { value: 45, progress: 7 / 6, status: "on_track", note: "перевищено" })] },
        { goalId: fixtureId(301), title: "Ціль без показників", indicators: [] },
      ],
    },
    { priorityId: fixtureId(201), title: "Пріоритет другий", indicators: [], goals: [{ goalId: fixtureId(302), title: "Ціль друга", indicators: [line(3, { value: 11, progress: 1 / 30, status: "off_track" })] }] },
  ],
  unlinked: [line(4, { baselineYear: null, baselineValue: null, targetYear: null, targetValue: null, unit: "2 од.", missing: "not_applicable" })],
  summary: { on_track: 1, at_risk: 1, off_track: 1, no_data: 1 },
});

describe("the monitoring report sheet's layout", () => {
  it("lays out title, round, header, priorities, goals and indicators in Ukrainian", () => {
    const grid = buildRoundReport(report, { language: "uk", community: "Громада Н" });
    expect(grid.name).toBe("Звіт моніторингу 2014");
    expect(grid.cells[0]![0]).toBe("Звіт моніторингу за 2014 рік — Громада Н");
    expect(grid.cells[1]![0]).toBe("Стан раунду: затверджено (Олена Редактор, 2015-02-10 09:30 UTC)");
    expect(grid.cells[2]).toEqual([
      "Код",
      "Показник",
      "Одиниця виміру",
      "Базовий рік",
      "Базове значення",
      "Цільовий рік",
      "Цільове значення",
      "Цільове значення 2014",
      "Значення 2014",
      "Прогрес",
      "Статус",
      "Примітка комітету",
    ]);
    expect(grid.cells[3]).toEqual(["1", "Розвиток місцевого самоврядування", ...Array(10).fill(null)]);
    // The committee's note that looks like a formula stays text. The year's own target stands beside the final one.
    expect(grid.cells[4]).toEqual(["P-1", "Показник 1", "%", 2012, 10, 2015, 40, 30, 25, 0.75, "Під загрозою", "=дані ЦВК"]);
    expect(grid.cells[5]).toEqual(["1.1", "Ціль перша", ...Array(10).fill(null)]);
    // No target of the year's own: its cell is empty, the final target applies.
    expect(grid.cells[6]).toEqual([null, "Показник 2", null, 2012, 10, 2015, 40, null, 45, 7 / 6, "За планом", "перевищено"]);
    expect(grid.cells[7]!.slice(0, 2)).toEqual(["1.2", "Ціль без показників"]);
    expect(grid.cells[8]!.slice(0, 2)).toEqual(["2", "Пріоритет другий"]);
    expect(grid.cells[9]!.slice(0, 2)).toEqual(["2.1", "Ціль друга"]);
    expect(grid.cells[10]!.slice(8, 11)).toEqual([11, 1 / 30, "Відставання"]);
    expect(grid.cells[11]!.slice(0, 2)).toEqual([null, "Показники поза пріоритетами та цілями"]);
    // A unit starting with a digit would become a number in a General column: it is kept as text. A reason
    // for no value is named in the value cell.
    expect(grid.cells[12]).toEqual([null, "Показник 4", "2 од.", null, null, null, null, null, "не застосовується", null, "Немає даних", null]);
    expect(grid.cells[13]).toEqual(Array(12).fill(null));
    expect(grid.cells.slice(14).map((r) => r.slice(10))).toEqual([
      ["Показників за статусом", "Кількість"],
      ["За планом", 1],
      ["Під загрозою", 1],
      ["Відставання", 1],
      ["Немає даних", 1],
    ]);
    expect(grid.cells.every((r) => r.length === 12)).toBe(true);
    expect(grid.columns.find((c) => c.key === "progress")!.numberFormat).toBe("0%");
    expect(grid.bands).toEqual([
      { range: "A1:L1", style: "title" },
      { range: "A3:L3", style: "header" },
      { range: "A4:L4", style: "priority" },
      { range: "A6:L6", style: "goal" },
      { range: "A8:L8", style: "goal" },
      { range: "A9:L9", style: "priority" },
      { range: "A10:L10", style: "goal" },
      { range: "A12:L12", style: "priority" },
      { range: "K15:L15", style: "header" },
    ]);
  });

  it("charts the summary's counts by status and prints landscape, one page wide, title and header repeated", () => {
    const grid = buildRoundReport(report, { language: "en", community: "Town N" });
    expect(grid.chart).toEqual({
      name: "MuniPlan_round_report",
      type: "BarClustered",
      title: "Indicators by status, 2014",
      series: [{ name: "Count", values: "L16:L19", categories: "K16:K19" }],
      from: "B21",
      to: "E36",
      reverseCategories: true,
    });
    expect(grid.print).toEqual({ landscape: true, fitToWidth: true, repeatHeaderRows: 3 });
    // The year's target column came within the widths the report had before it: one page wide, same scale.
    expect(grid.columns.reduce((sum, c) => sum + c.width, 0)).toBeLessThanOrEqual(192);
    expect(grid.frozenRows).toBe(3);
    expect(grid.cells[0]![0]).toBe("Monitoring report 2014 — Town N");
    expect(grid.cells[1]![0]).toBe("Round: approved (Олена Редактор, 2015-02-10 09:30 UTC)");
    expect(grid.cells.slice(15, 19).map((r) => r.slice(10))).toEqual([
      ["On track", 1],
      ["At risk", 1],
      ["Off track", 1],
      ["No data", 1],
    ]);
    expect(grid.conditionalFormats).toEqual([
      {
        columnKey: "status",
        rules: [
          { equals: "On track", fill: "#C6EFCE", font: "#006100" },
          { equals: "At risk", fill: "#FFEB9C", font: "#9C5700" },
          { equals: "Off track", fill: "#FFC7CE", font: "#9C0006" },
          { equals: "No data", fill: "#EDEDED", font: "#595959" },
        ],
      },
    ]);
  });

  it("heads the year's target as the Indicators sheet does and names a reason for no value, in each language", () => {
    const words = {
      uk: { headers: ["Цільове значення", "Цільове значення 2014", "Значення 2014"], reason: "не застосовується" },
      en: { headers: ["Target value", "Target 2014", "Value 2014"], reason: "not applicable" },
      lt: { headers: ["Siektina reikšmė", "Siektina reikšmė 2014", "Reikšmė 2014"], reason: "netaikoma" },
    };
    for (const language of ["uk", "en", "lt"] as const) {
      const grid = buildRoundReport(report, { language, community: "x" });
      expect(grid.cells[2]!.slice(6, 9), language).toEqual(words[language].headers);
      expect(grid.cells[12]!.slice(7, 9), language).toEqual([null, words[language].reason]);
      expect(grid.cells[4]!.slice(6, 9), language).toEqual([40, 30, 25]);
    }
    // Every reason has its own name in each language.
    const reasons = MISSING_REASONS.map((missing) => buildRoundReport({ ...report, unlinked: [line(4, { missing })] }, { language: "lt", community: "x" }).cells[12]![8]);
    expect(reasons).toEqual(["nėra duomenų", "netaikoma", "konfidencialu", "terminas dar nesuėjo"]);
  });

  it("colours statuses exactly as the Indicators sheet does, in every language", () => {
    for (const language of ["uk", "en", "lt"] as const) {
      const indicators = buildIndicators(amuPlan, language).conditionalFormats.find((c) => c.columnKey === "status")!;
      const report = buildRoundReport(roundReport(amuPlan, 2014, null), { language, community: "x" }).conditionalFormats[0]!;
      expect(report.rules).toEqual(indicators.rules);
    }
    expect(Object.keys(STATUS_COLOURS)).toEqual([...REPORT_STATUSES]);
  });

  it("says when the year has no round, and counts every indicator of the plan once", () => {
    const built = roundReport(amuPlan, 2014, null);
    const grid = buildRoundReport(built, { language: "uk", community: amuPlan.community.name });
    expect(grid.cells[1]![0]).toBe("Раунд моніторингу за 2014 рік не відкрито");
    const indicatorRows = grid.cells.slice(3).filter((r) => r[3] !== null || r[10] !== null);
    const top = amuPlan.indicators.filter((i) => !i.parentId).length;
    // The indicators' rows and the summary's header and four statuses.
    expect(indicatorRows.length).toBe(top + 5);
    const counts = grid.cells.slice(-4).map((r) => r[11]);
    expect(counts.reduce((a, b) => Number(a) + Number(b), 0)).toBe(top);
    expect(counts).toEqual(REPORT_STATUSES.map((s) => built.summary[s]));
  });
});
