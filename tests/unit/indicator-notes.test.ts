import { describe, expect, it } from "vitest";
import { amuPlan, fixtureId } from "../../shared/fixtures/amu-plan.ts";
import type { SheetGrid, SheetValues } from "../../shared/layout/grid.ts";
import { notesHeader } from "../../shared/layout/indicators.ts";
import { type SheetOptions, buildWorkbook, readWorkbook } from "../../shared/layout/workbook.ts";
import type { Language, PlanDocument } from "../../shared/model/plan.ts";
import { asExcelReturns, headerIndex } from "../support/excel-values.ts";

/**
 * The AMU plan with units of each kind on its first indicators (700: people, 701: percent, 702: a
 * scaled count, which takes any number), and 2014 values, two with the committee's notes.
 */
const units = ["осіб", "%", "тис. осіб"];
const doc: PlanDocument = {
  ...amuPlan,
  indicators: amuPlan.indicators.map((i, k) => (k < units.length ? { ...i, unit: units[k] } : i)),
  observations: [
    { id: fixtureId(5000), indicatorId: fixtureId(700), period: { year: 2014 }, value: 12, note: "за даними комітету" },
    { id: fixtureId(5001), indicatorId: fixtureId(701), period: { year: 2014 }, value: 55.5 },
    { id: fixtureId(5002), indicatorId: fixtureId(702), period: { year: 2014 }, value: null, note: "дані очікуються" },
    { id: fixtureId(5003), indicatorId: fixtureId(700), period: { year: 2013 }, value: 10, note: "2013: без змін" },
  ],
};
const monitoring2014: SheetOptions = { monitoring: { year: 2014 } };

const indicatorsGrid = (language: Language, options: SheetOptions = monitoring2014): SheetGrid =>
  buildWorkbook(doc, language, {}, options).find((g) => g.kind === "indicators")!;
const sheetOf = (language: Language, options: SheetOptions = monitoring2014): SheetValues => asExcelReturns(indicatorsGrid(language, options));
const ids = () => {
  let n = 0;
  return () => fixtureId(900_000 + ++n);
};
const read = (sheet: SheetValues, options: SheetOptions = monitoring2014) => readWorkbook(doc, { indicators: sheet }, { ...options, newId: ids() });
const rowOf = (sheet: SheetValues, id: string) => sheet.values.findIndex((r) => r[0] === id);
const obs = (d: PlanDocument, indicatorId: string, year: number) => d.observations.filter((o) => o.indicatorId === indicatorId && o.period.year === year && !o.period.quarter);

describe("the committee's notes column of the monitoring year", () => {
  it("comes right after the year columns, in the sheet's language, holding that year's notes", () => {
    const expected = { uk: "Примітки комітету 2014", en: "Committee notes 2014", lt: "Komiteto pastabos 2014" };
    for (const language of ["uk", "en", "lt"] as const) {
      const grid = indicatorsGrid(language);
      expect(grid.cells[0]!.slice(13, 19)).toEqual(["2013", "2014", "2015", expected[language], expect.any(String), expect.any(String)]);
      expect(grid.columns[16]).toMatchObject({ key: "notes2014", header: expected[language], numberFormat: "@", wrap: true, computed: false, hidden: false });
      expect(notesHeader(2014)[language]).toBe(expected[language]);
    }
    const sheet = sheetOf("uk");
    const col = headerIndex(sheet, "Примітки комітету 2014");
    expect(sheet.values[rowOf(sheet, fixtureId(700))]![col]).toBe("за даними комітету");
    expect(sheet.values[rowOf(sheet, fixtureId(701))]![col]).toBe("");
    expect(sheet.values[rowOf(sheet, fixtureId(702))]![col]).toBe("дані очікуються");
    // The progress and status formulas still see the year columns, not the notes.
    const grid = indicatorsGrid("en");
    for (const formula of grid.cells[1]!.slice(17, 19)) {
      expect(formula).toContain("N2:P2");
      expect(formula).not.toMatch(/\bQ2\b/);
    }
  });

  it("is absent without a monitoring year, or with one outside the plan period", () => {
    for (const options of [{}, { monitoring: { year: 2016 } }, { monitoring: { year: 2012 } }]) {
      const grid = indicatorsGrid("uk", options);
      expect(grid.cells[0]!.slice(13, 18)).toEqual(["2013", "2014", "2015", "Прогрес", "Статус"]);
      expect(grid.columns.some((c) => c.key.startsWith("notes"))).toBe(false);
    }
  });

  it("reads edited, cleared and new notes back; a note alone makes an observation without a value", () => {
    const sheet = sheetOf("en");
    const col = headerIndex(sheet, "Committee notes 2014");
    sheet.values[rowOf(sheet, fixtureId(700))]![col] = "перевірено: 12 осіб";
    sheet.values[rowOf(sheet, fixtureId(702))]![col] = "";
    sheet.values[rowOf(sheet, fixtureId(703))]![col] = "немає даних за рік";
    // A value and a note typed together on a row that had neither.
    sheet.values[rowOf(sheet, fixtureId(704))]![col] = "нове";
    sheet.values[rowOf(sheet, fixtureId(704))]![headerIndex(sheet, "2014")] = 3;
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    expect(obs(r.doc, fixtureId(700), 2014)).toEqual([{ id: fixtureId(5000), indicatorId: fixtureId(700), period: { year: 2014 }, value: 12, note: "перевірено: 12 осіб" }]);
    expect(obs(r.doc, fixtureId(702), 2014)).toEqual([{ id: fixtureId(5002), indicatorId: fixtureId(702), period: { year: 2014 }, value: null }]);
    expect(obs(r.doc, fixtureId(703), 2014)).toEqual([{ id: fixtureId(900_001), indicatorId: fixtureId(703), period: { year: 2014 }, value: null, note: "немає даних за рік" }]);
    expect(obs(r.doc, fixtureId(704), 2014)).toEqual([{ id: fixtureId(900_002), indicatorId: fixtureId(704), period: { year: 2014 }, value: 3, note: "нове" }]);
    // Other years' notes are not on the sheet and stay as they were.
    expect(obs(r.doc, fixtureId(700), 2013)).toEqual([doc.observations[3]]);
    expect(r.changes.map((c) => `${c.op} ${c.kind} ${c.op === "create" ? c.entity.id : c.id}`)).toEqual([
      `update observations ${fixtureId(5000)}`,
      `update observations ${fixtureId(5002)}`,
      `create observations ${fixtureId(900_001)}`,
      `create observations ${fixtureId(900_002)}`,
    ]);
  });

  it("reads the notes even when the year's value column is gone", () => {
    const sheet = sheetOf("uk");
    const y2014 = headerIndex(sheet, "2014");
    for (const row of sheet.values) row.splice(y2014, 1);
    sheet.values[rowOf(sheet, fixtureId(700))]![headerIndex(sheet, "Примітки комітету 2014")] = "уточнено";
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    expect(obs(r.doc, fixtureId(700), 2014)).toEqual([{ ...doc.observations[0], note: "уточнено" }]);
    expect(obs(r.doc, fixtureId(701), 2014)).toEqual([doc.observations[1]]);
    expect(r.changes).toHaveLength(1);
  });

  it("leaves notes unchanged when the column is not there", () => {
    // Deleted by the user while the workbook follows 2014.
    const sheet = sheetOf("uk");
    const col = headerIndex(sheet, "Примітки комітету 2014");
    for (const row of sheet.values) row.splice(col, 1);
    const deleted = read(sheet);
    expect(deleted.problems).toEqual([]);
    expect(deleted.changes).toEqual([]);
    // A sheet built without a monitoring year, read without one.
    const none = read(sheetOf("uk", {}), {});
    expect(none.problems).toEqual([]);
    expect(none.changes).toEqual([]);
    expect(none.doc.observations).toEqual(doc.observations);
  });

  it("recognises its header in any of the three languages, whatever the sheet's language", () => {
    for (const header of ["Committee notes 2014", "Komiteto pastabos 2014", "примітки  КОМІТЕТУ 2014"]) {
      const sheet = sheetOf("uk");
      const col = headerIndex(sheet, "Примітки комітету 2014");
      sheet.values[0]![col] = header;
      sheet.values[rowOf(sheet, fixtureId(701))]![col] = "з іншої мови";
      const r = read(sheet);
      expect(r.problems, header).toEqual([]);
      expect(obs(r.doc, fixtureId(701), 2014)[0]!.note, header).toBe("з іншої мови");
      expect(r.userColumns.indicators, header).toEqual([]);
    }
  });

  it("a notes header of another year than the monitoring year is the user's own column, kept as such", () => {
    const sheet = sheetOf("uk");
    sheet.values[0]![headerIndex(sheet, "Примітки комітету 2014")] = "Примітки комітету 2015";
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    expect(r.changes).toEqual([]);
    expect(r.userColumns.indicators!.map((u) => u.header)).toEqual(["Примітки комітету 2015"]);
  });
});

describe("values by the indicator's unit", () => {
  it("a count takes whole numbers of 0 or more, a percentage 0 to 100; a bad cell is named in each language and keeps its last good value", () => {
    const problemsIn = (language: "uk" | "en") => {
      const sheet = sheetOf(language);
      const y2014 = headerIndex(sheet, "2014");
      const base = headerIndex(sheet, language === "uk" ? "Базове значення" : "Baseline value");
      const people = rowOf(sheet, fixtureId(700));
      const percent = rowOf(sheet, fixtureId(701));
      sheet.values[people]![y2014] = -1;
      sheet.values[people]![base] = 2.5;
      sheet.values[percent]![y2014] = 101;
      sheet.values[percent]![base] = "abc";
      return read(sheet);
    };
    const uk = problemsIn("uk");
    expect(uk.problems.map((p) => [p.ref, p.text.uk])).toEqual([
      ["Показники!H2", "'2.5' — не кількість: одиниця «осіб» допускає лише цілі числа від 0; залишено попереднє значення"],
      ["Показники!O2", "'-1' — не кількість: одиниця «осіб» допускає лише цілі числа від 0; залишено попереднє значення"],
      ["Показники!H3", "'abc' — не число; залишено попереднє значення"],
      ["Показники!O3", "'101' — не відсоток: одиниця «%» допускає значення від 0 до 100; залишено попереднє значення"],
    ]);
    const en = problemsIn("en");
    expect(en.problems.map((p) => [p.ref, p.message])).toEqual([
      ["Indicators!H2", "'2.5' is not a count: the unit 'осіб' takes whole numbers of 0 or more; the previous value is kept"],
      ["Indicators!O2", "'-1' is not a count: the unit 'осіб' takes whole numbers of 0 or more; the previous value is kept"],
      ["Indicators!H3", "'abc' is not a number; the previous value is kept"],
      ["Indicators!O3", "'101' is not a percentage: the unit '%' takes values from 0 to 100; the previous value is kept"],
    ]);
    expect(en.problems[3]!.text.lt).toBe("'101' nėra procentinė reikšmė: vienetui „%“ tinka reikšmės nuo 0 iki 100; paliekama ankstesnė reikšmė");
    // The last good values are kept: nothing of the bad cells is taken.
    expect(en.changes).toEqual([]);
    expect(obs(en.doc, fixtureId(700), 2014)[0]!.value).toBe(12);
    expect(obs(en.doc, fixtureId(701), 2014)[0]!.value).toBe(55.5);
  });

  it("takes what fits: 0 and whole counts, 0 and 100 %, fractions and negatives for other units", () => {
    const sheet = sheetOf("en");
    const y2015 = headerIndex(sheet, "2015");
    const target = headerIndex(sheet, "Target value");
    sheet.values[rowOf(sheet, fixtureId(700))]![y2015] = "1 234";
    sheet.values[rowOf(sheet, fixtureId(700))]![target] = 0;
    sheet.values[rowOf(sheet, fixtureId(701))]![y2015] = "100";
    sheet.values[rowOf(sheet, fixtureId(701))]![target] = 0;
    sheet.values[rowOf(sheet, fixtureId(702))]![y2015] = "2,5";
    sheet.values[rowOf(sheet, fixtureId(702))]![target] = -3;
    const r = read(sheet);
    expect(r.problems).toEqual([]);
    expect([700, 701, 702].map((n) => obs(r.doc, fixtureId(n), 2015)[0]!.value)).toEqual([1234, 100, 2.5]);
    expect([700, 701, 702].map((n) => r.doc.indicators.find((i) => i.id === fixtureId(n))!.targetValue)).toEqual([0, 0, -3]);
  });

  it("a new row with a bad value leaves that cell empty and says so", () => {
    const sheet = sheetOf("en");
    const row = Array.from({ length: sheet.values[0]!.length }, () => "" as string | number);
    row[headerIndex(sheet, "Indicator")] = "Нові учасники";
    row[headerIndex(sheet, "Unit")] = "persons";
    row[headerIndex(sheet, "2014")] = 7.5;
    sheet.values.push(row);
    const r = read(sheet);
    expect(r.problems.map((p) => p.message)).toEqual(["'7.5' is not a count: the unit 'persons' takes whole numbers of 0 or more; the cell is left empty"]);
    const created = r.doc.indicators.find((i) => i.name === "Нові учасники")!;
    expect(r.doc.observations.filter((o) => o.indicatorId === created.id)).toEqual([]);
  });

  it("a unit changed in the sheet applies to the row's values read with it", () => {
    const sheet = sheetOf("en");
    const row = rowOf(sheet, fixtureId(702));
    sheet.values[row]![headerIndex(sheet, "Unit")] = "%";
    sheet.values[row]![headerIndex(sheet, "2015")] = 140;
    const r = read(sheet);
    expect(r.problems.map((p) => p.ref)).toEqual([`Indicators!P${row + 1}`]);
  });

  it("the sheet gets Excel's validation of those cells: blocks of rows of one kind, baseline and targets; year cells an open list of reasons", () => {
    const grid = indicatorsGrid("uk");
    // Rows 2 (people), 3 (percent); 4 is a scaled count (any number); the AMU plan's "кількість" rows are counts.
    const count = { type: "wholeNumber", min: 0 };
    const percent = { type: "decimal", min: 0, max: 100 };
    // Baseline and target (H:I), and the target path (T:V, after the notes of 2014, progress and status).
    const last = grid.cellValidations[4]!.lastRow;
    expect(grid.cellValidations.slice(0, 6).map(({ validation: { ...v }, ...at }) => ({ ...at, validation: JSON.parse(JSON.stringify(v)) }))).toEqual([
      { row: 1, lastRow: 1, col: 7, lastCol: 8, validation: count },
      { row: 1, lastRow: 1, col: 19, lastCol: 21, validation: count },
      { row: 2, lastRow: 2, col: 7, lastCol: 8, validation: percent },
      { row: 2, lastRow: 2, col: 19, lastCol: 21, validation: percent },
      { row: 4, lastRow: last, col: 7, lastCol: 8, validation: count },
      { row: 4, lastRow: last, col: 19, lastCol: 21, validation: count },
    ]);
    expect(grid.columns.slice(19, 22).map((c) => c.key)).toEqual(["target2013", "target2014", "target2015"]);
    expect(last).toBeGreaterThan(4);
    // Excel's decimal rule would refuse «н/д» typed into a year cell: a year column offers the reasons
    // of the sheet's language as an open list (numbers go in too), and no number rule covers it.
    const yearCols = grid.columns.flatMap((c, k) => (/^y\d{4}$/.test(c.key) ? [k] : []));
    expect(yearCols.length).toBeGreaterThan(0);
    for (const k of yearCols)
      expect(grid.columns[k]!.validation, grid.columns[k]!.key).toEqual({ type: "list", values: ["н/д", "н/з", "конф.", "строк не настав"], open: true });
    expect(indicatorsGrid("lt").columns[yearCols[0]!]!.validation).toEqual({ type: "list", values: ["n/d", "netaikoma", "konf.", "terminas nesuėjo"], open: true });
    for (const v of grid.cellValidations) expect(yearCols.some((k) => k >= v.col && k <= (v.lastCol ?? v.col)), JSON.stringify(v)).toBe(false);
    // Every data row is covered or takes any number, by its unit; no block reaches past the sheet.
    const covered = new Set(grid.cellValidations.flatMap((v) => Array.from({ length: v.lastRow! - v.row + 1 }, (_, k) => v.row + k)));
    const ordered = sheetOf("uk").values.slice(1).map((r) => doc.indicators.find((i) => i.id === r[0])!);
    ordered.forEach((i, k) => expect(covered.has(k + 1), `${i.name} (${i.unit})`).toBe(i.unit === "кількість" || i.unit === "осіб" || i.unit === "%"));
  });
});
