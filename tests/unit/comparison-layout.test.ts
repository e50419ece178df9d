import { describe, expect, it } from "vitest";
import { ComparisonResponse, CompletenessResponse } from "../../shared/api/compare.ts";
import { storedValue } from "../../shared/layout/cells.ts";
import { comparisonTable, completenessTable } from "../../shared/export/consolidated.ts";
import { MAX_CHART_COMMUNITIES, buildComparison } from "../../shared/layout/comparison.ts";
import { buildCompleteness } from "../../shared/layout/completeness.ts";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const EVIL = '=HYPERLINK("x")';

const BROVARY = "UA32020030000083742";
const IRPIN = "UA32080010000034567";

/**
 * Three members: one with values, one named like a formula with no data at all (and no territory code
 * yet), one with a reason for a gap.
 */
function comparison(perCapita = false): ComparisonResponse {
  return ComparisonResponse.parse({
    associationId: id(1),
    years: [2022, 2023, 2024],
    perCapita,
    generatedAt: "2025-03-01T10:00:00.000Z",
    members: [
      { communityId: id(11), name: "Бровари", territoryCode: BROVARY, region: "Київська", kind: "city", population: 109000 },
      { communityId: id(12), name: EVIL, territoryCode: null, region: null, kind: null, population: null },
      { communityId: id(13), name: "Ірпінь", territoryCode: IRPIN, region: "+380 Київська", kind: "amalgamated_community", population: 62000 },
    ],
    indicators: [
      {
        entry: { code: "BUD-OWN", nameUk: "Власні доходи бюджету", nameEn: "Own budget revenue", unit: "тис. грн", direction: "increase", status: "active" },
        stats: [
          { year: 2022, count: 2, min: 100, q1: 125, median: 150, q3: 175, max: 200 },
          { year: 2023, count: 1, min: 120, q1: 120, median: 120, q3: 120, max: 120 },
          { year: 2024, count: 2, min: 130, q1: 155.5, median: 181, q3: 206.5, max: 232 },
        ],
        reasons: [0, 1, 0],
        // The formula-named member has no row at all: it is listed with empty cells all the same.
        rows: [
          { communityId: id(11), values: [200, 120, 130], ranks: [1, 1, 2], quartiles: [1, 1, 4] },
          { communityId: id(13), values: [100, null, 232], ranks: [2, null, 1], quartiles: [4, null, 1], missing: [null, "confidential", null] },
        ],
      },
    ],
  });
}

describe("the comparison sheet's layout", () => {
  it("lays out caption, title, header, one row per member and the statistics, in Ukrainian", () => {
    const grid = buildComparison(comparison(), { language: "uk", associationName: "Асоціація міст України", chart: "line" });
    expect(grid.name).toBe("Порівняння");
    expect(grid.cells).toEqual([
      ["Порівняння громад — Асоціація міст України, 2022–2024 (дані на 2025-03-01 10:00 UTC)", null, null, null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null, null, null, null],
      ["Власні доходи бюджету (BUD-OWN), тис. грн; ранг 1 — найбільше значення", null, null, null, null, null, null, null, null, null],
      ["Громада", "Код території", "Регіон", "Тип", "Населення", "2022", "2023", "2024", "Ранг 2024", "Квартиль 2024"],
      ["Бровари", BROVARY, "Київська", "Місто", 109000, 200, 120, 130, 2, 4],
      [EVIL, null, null, null, null, null, null, null, null, null],
      ["Ірпінь", IRPIN, "+380 Київська", "Територіальна громада", 62000, 100, null, 232, 1, 1],
      ["Медіана", null, null, null, null, 150, 120, 181, null, null],
      ["Нижній квартиль (Q1)", null, null, null, null, 125, 120, 155.5, null, null],
      ["Верхній квартиль (Q3)", null, null, null, null, 175, 120, 206.5, null, null],
      ["Мінімум", null, null, null, null, 100, 120, 130, null, null],
      ["Максимум", null, null, null, null, 200, 120, 232, null, null],
      ["Громад зі значенням", null, null, null, null, 2, 1, 2, null, null],
      // Ірпінь's 2023 reason is outside the statistics and counted here; its cell stays empty for the chart.
      ["Громад із причиною відсутності значення", null, null, null, null, 0, 1, 0, null, null],
    ]);
    // The grid holds text as it is; the adapter keeps it text in Excel (see excelInput).
    expect(storedValue(grid.cells[5]![0]!)).toBe(EVIL);
    // The code is text ("@"), wide enough for a whole KATOTTH code.
    expect(grid.columns.map((c) => c.numberFormat)).toEqual(["@", "@", "@", "@", "#,##0", "#,##0.00", "#,##0.00", "#,##0.00", "0", "0"]);
    expect(grid.columns[1]!.width).toBeGreaterThanOrEqual(BROVARY.length);
    expect(grid.rowFormats).toEqual([
      { row: 12, columns: [5, 7], format: "0" },
      { row: 13, columns: [5, 7], format: "0" },
    ]);
    expect(grid.bands).toEqual([
      { range: "A3:J3", style: "title" },
      { range: "A4:J4", style: "header" },
      { range: "A8:J14", style: "stats" },
    ]);
    expect(grid.quartileScales).toEqual(["J5:J7"]);
    expect(grid.frozen).toEqual({ rows: 4, columns: 1 });
    expect(grid.rowLevels).toHaveLength(grid.cells.length - 1);
  });

  it("says per capita in the unit, and writes English headers for an English sheet", () => {
    const grid = buildComparison(comparison(true), { language: "en", associationName: "AUC", chart: "line" });
    expect(grid.name).toBe("Comparison");
    expect(grid.cells[2]![0]).toBe("Own budget revenue (BUD-OWN), тис. грн per 1,000 residents; rank 1 is the highest value");
    expect(grid.cells[3]).toEqual(["Community", "Territory code", "Region", "Kind", "Population", "2022", "2023", "2024", "Rank 2024", "Quartile 2024"]);
    expect(grid.cells[4]!.slice(0, 4)).toEqual(["Бровари", BROVARY, "Київська", "City"]);
    expect(grid.cells.slice(7).map((r) => r[0])).toEqual(["Median", "Lower quartile (Q1)", "Upper quartile (Q3)", "Minimum", "Maximum", "Communities with a value", "Communities with a reason for no value"]);
    expect(grid.charts[0]!.title).toBe("Own budget revenue, тис. грн per 1,000 residents: 2022–2024");
    const uk = buildComparison(comparison(true), { language: "uk", associationName: "АМУ", chart: "line" });
    expect(uk.cells[2]![0]).toBe("Власні доходи бюджету (BUD-OWN), тис. грн на 1 000 жителів; ранг 1 — найбільше значення");
  });

  it("names a lower-is-better or retired indicator's rank rule in its title", () => {
    const r = comparison();
    r.indicators[0]!.entry = { ...r.indicators[0]!.entry, direction: "decrease", status: "retired" };
    const grid = buildComparison(r, { language: "uk", associationName: "АМУ", chart: "line" });
    expect(grid.cells[2]![0]).toBe("Власні доходи бюджету (BUD-OWN), тис. грн; ранг 1 — найменше значення; виведено з каталогу");
  });

  it("draws a line chart of the median, the quartiles and the communities picked, over the year columns", () => {
    const grid = buildComparison(comparison(), {
      language: "uk",
      associationName: "АМУ",
      chart: "line",
      communities: [id(13), id(99), id(13)], // an unknown id and a repeat are ignored
    });
    expect(grid.charts).toEqual([
      {
        name: "MuniPlan_comparison_1",
        type: "Line",
        title: "Власні доходи бюджету, тис. грн: 2022–2024",
        series: [
          { name: "Медіана", values: "F8:H8", categories: "F4:H4", line: "median" },
          { name: "Нижній квартиль (Q1)", values: "F9:H9", categories: "F4:H4", line: "quartile" },
          { name: "Верхній квартиль (Q3)", values: "F10:H10", categories: "F4:H4", line: "quartile" },
          { name: "Ірпінь", values: "F7:H7", categories: "F4:H4" },
        ],
        from: "L3",
        to: "S22",
        reverseCategories: false,
      },
    ]);
  });

  it("draws at most ten communities however many are asked for", () => {
    const base = comparison();
    const members = Array.from({ length: 15 }, (_, k) => ({ communityId: id(100 + k), name: `Громада ${k}`, region: null, kind: null, population: null }));
    const r = { ...base, members };
    const grid = buildComparison(r, { language: "uk", associationName: "АМУ", chart: "line", communities: members.map((m) => m.communityId) });
    expect(grid.charts[0]!.series).toHaveLength(3 + MAX_CHART_COMMUNITIES);
  });

  it("for a bar chart writes the last year's values by rank beside the table and charts them", () => {
    const grid = buildComparison(comparison(), { language: "uk", associationName: "АМУ", chart: "bar" });
    expect(grid.cells[3]!.slice(10)).toEqual([null, "Громада (за рангом 2024)", "2024"]);
    expect(grid.cells.slice(4, 7).map((r) => r.slice(10))).toEqual([
      [null, "Ірпінь", 232],
      [null, "Бровари", 130],
      [null, null, null],
    ]);
    expect(grid.bands).toContainEqual({ range: "L4:M4", style: "header" });
    expect(grid.charts).toEqual([
      {
        name: "MuniPlan_comparison_1",
        type: "BarClustered",
        title: "Власні доходи бюджету, тис. грн: 2024",
        series: [{ name: "2024", values: "M5:M6", categories: "L5:L6" }],
        from: "O3",
        to: "V17",
        reverseCategories: true,
      },
    ]);
  });

  it("stacks one block per indicator, each with its own chart, never overlapping the one above", () => {
    const r = comparison();
    r.indicators.push({ ...r.indicators[0]!, entry: { ...r.indicators[0]!.entry, code: "POP", nameUk: "Населення", unit: "осіб" } });
    const grid = buildComparison(r, { language: "uk", associationName: "АМУ", chart: "line" });
    // Block 2 starts after a blank row below block 1's reasons row (row 14).
    expect(grid.cells[15]![0]).toBe("Населення (POP), осіб; ранг 1 — найбільше значення");
    expect(grid.cells[16]![0]).toBe("Громада");
    expect(grid.charts.map((c) => [c.name, c.from, c.to])).toEqual([
      ["MuniPlan_comparison_1", "L3", "S22"],
      ["MuniPlan_comparison_2", "L24", "S43"],
    ]);
    expect(grid.charts[1]!.series[0]!.values).toBe("F21:H21");
    // Blocks have headers of their own: only the first column stays frozen.
    expect(grid.frozen).toEqual({ rows: 0, columns: 1 });
  });
});

describe("the completeness sheet's layout", () => {
  const response = CompletenessResponse.parse({
    associationId: id(1),
    year: 2024,
    generatedAt: "2025-03-01T10:00:00.000Z",
    entries: [
      { code: "POP", nameUk: "Чисельність населення", nameEn: "Population", unit: "осіб", direction: "keep", status: "active" },
      { code: "BUD-OWN", nameUk: "Власні доходи бюджету на одного жителя громади за рік", nameEn: "Own revenue", unit: "грн", direction: "increase", status: "active" },
    ],
    rows: [
      { communityId: id(11), name: "Бровари", territoryCode: BROVARY, region: "Київська", kind: "city", population: 109000, hasPlan: true, round: "approved", cells: ["filled", "empty"], missing: [null, null], filled: 1, withReason: 0, empty: 1, timeliness: "on_time", reportedAt: "2025-03-01T09:00:00.000Z" },
      { communityId: id(12), name: EVIL, region: null, kind: null, population: null, hasPlan: false, round: null, cells: ["not_in_plan", "not_in_plan"], missing: [null, null], filled: 0, withReason: 0, empty: 0, timeliness: "missing" },
      { communityId: id(13), name: "Ірпінь", region: null, kind: null, population: null, hasPlan: true, round: "open", cells: ["reason", "filled"], missing: ["not_yet_due", null], filled: 1, withReason: 1, empty: 0, timeliness: "not_due" },
    ],
    timeliness: { dueOn: "2025-03-31", dueEnd: "2025-03-31T21:00:00.000Z", expected: 3, onTime: 1, late: 0, missing: 1, notDue: 1, onTimeRate: 1 / 3 },
  });

  it("is a table with one column per catalogue code, states in words (a reason by name), the counts and the share filled", () => {
    const grid = buildCompleteness(response, "uk");
    expect(grid.name).toBe("Повнота");
    expect(grid.table).toBe(true);
    expect(grid.cells).toEqual([
      [
        "Громада",
        "Код території",
        "Регіон",
        "Тип",
        "Населення",
        "Є план",
        "Моніторинг 2024",
        "Чисельність населення (POP)",
        "Власні доходи бюджету на одного жителя… (BUD-OWN)",
        "Заповнено за 2024",
        "З причиною відсутності",
        "Порожніх",
        "Частка заповнених",
        "Вчасність (строк 31.03.2025: вчасно 1 з 3, 33 %)",
      ],
      ["Бровари", BROVARY, "Київська", "Місто", 109000, "так", "затверджено", "заповнено", "порожньо", 1, 0, 1, 0.5, "вчасно"],
      [EVIL, null, null, null, null, "ні", "не відкрито", "немає в плані", "немає в плані", 0, 0, 0, 0, "не подано"],
      ["Ірпінь", null, null, null, null, "так", "відкрито", "причина: строк ще не настав", "заповнено", 1, 1, 0, 0.5, "строк ще триває"],
    ]);
    expect(grid.columns.at(-2)!.numberFormat).toBe("0%");
    expect(grid.columns[1]).toMatchObject({ key: "territoryCode", numberFormat: "@", hidden: false });
    // Timeliness in the states' colours: on time as filled, late as a reason, missing as empty.
    expect(grid.conditionalFormats.find((f) => f.columnKey === "timeliness")).toEqual({
      columnKey: "timeliness",
      rules: [
        { equals: "вчасно", fill: "#C6EFCE", font: "#006100" },
        { equals: "із запізненням", fill: "#FFEB9C", font: "#9C5700" },
        { equals: "не подано", fill: "#FFC7CE", font: "#9C0006" },
        { equals: "строк ще триває", fill: "#EDEDED", font: "#595959" },
        { equals: "строк не встановлено", fill: "#EDEDED", font: "#595959" },
      ],
    });
    expect(grid.conditionalFormats[0]).toEqual({
      columnKey: "code:POP",
      rules: [
        { equals: "заповнено", fill: "#C6EFCE", font: "#006100" },
        { equals: "причина: немає даних", fill: "#FFEB9C", font: "#9C5700" },
        { equals: "причина: не застосовується", fill: "#FFEB9C", font: "#9C5700" },
        { equals: "причина: конфіденційно", fill: "#FFEB9C", font: "#9C5700" },
        { equals: "причина: строк ще не настав", fill: "#FFEB9C", font: "#9C5700" },
        { equals: "порожньо", fill: "#FFC7CE", font: "#9C0006" },
        { equals: "немає в плані", fill: "#EDEDED", font: "#595959" },
      ],
    });
    expect(grid.frozen).toEqual({ rows: 1, columns: 1 });
  });

  it("in English", () => {
    const grid = buildCompleteness(response, "en");
    expect(grid.name).toBe("Completeness");
    expect(grid.cells[0]!.slice(0, 2)).toEqual(["Community", "Territory code"]);
    expect(grid.cells[0]!.slice(5)).toEqual([
      "Has plan",
      "Monitoring 2024",
      "Population (POP)",
      "Own revenue (BUD-OWN)",
      "Filled for 2024",
      "With a reason for no value",
      "Empty",
      "Share filled",
      "Timeliness (due 2025-03-31: 1 of 3 on time, 33%)",
    ]);
    expect(grid.cells[1]!.slice(5, 9)).toEqual(["yes", "approved", "filled", "empty"]);
    expect(grid.cells.slice(1).map((r) => r.at(-1))).toEqual(["on time", "missing", "due date ahead"]);
    const lt = buildCompleteness(response, "lt");
    expect(lt.cells[0]!.at(-1)).toBe("Savalaikiškumas (terminas 2025-03-31: laiku 1 iš 3, 33 %)");
    expect(lt.cells.slice(1).map((r) => r.at(-1))).toEqual(["laiku", "nepateikta", "terminas dar nesibaigė"]);
    expect(grid.cells[3]![7]).toBe("reason: not yet due");
    expect(buildCompleteness(response, "lt").cells[3]![7]).toBe("priežastis: terminas dar nesuėjo");
  });

  it("names the territory code as the exports do, right after the name, in each language", () => {
    for (const language of ["uk", "en", "lt"] as const) {
      const sheet = buildCompleteness(response, language).cells[0]!.slice(0, 2);
      expect(sheet).toEqual(completenessTable(response, language).header.slice(0, 2));
      expect(buildComparison(comparison(), { language, associationName: "A", chart: "line" }).cells[3]!.slice(0, 2)).toEqual(
        comparisonTable(comparison(), language).header.slice(3, 5),
      );
    }
  });
});
