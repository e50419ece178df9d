import { describe, expect, it } from "vitest";
import { ComparisonResponse, CompletenessResponse } from "../../shared/api/compare.ts";
import { comparisonTable, completenessTable } from "../../shared/export/consolidated.ts";
import { FLAGGED_VALUE_FORMAT, buildComparison, entryName } from "../../shared/layout/comparison.ts";
import { buildCompleteness } from "../../shared/layout/completeness.ts";

/**
 * Quality flags and Lithuanian names in the analyst's sheets and exports (issue 14): a flagged value is
 * marked where it stands and explained in a column of its own; an answer without flags keeps the layout
 * it had (tests/unit/comparison-layout.test.ts).
 */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const ENTRY = { code: "BUD-OWN", nameUk: "Власні доходи", nameEn: "Own revenue", nameLt: "Nuosavos pajamos", unit: "тис. грн", direction: "increase", status: "active" };

function comparison(): ComparisonResponse {
  return ComparisonResponse.parse({
    associationId: id(1),
    years: [2023, 2024],
    perCapita: false,
    generatedAt: "2025-03-01T10:00:00.000Z",
    members: [
      { communityId: id(11), name: "Бровари", territoryCode: "UA32020030000083742", region: "Київська", kind: "city", population: 109000 },
      { communityId: id(12), name: "Ірпінь", territoryCode: null, region: "Київська", kind: "city", population: 62000 },
    ],
    indicators: [
      {
        entry: ENTRY,
        stats: [
          { year: 2023, count: 2, min: 100, q1: 125, median: 150, q3: 175, max: 200 },
          { year: 2024, count: 2, min: 130, q1: 155.5, median: 181, q3: 206.5, max: 232 },
        ],
        reasons: [0, 0],
        rows: [
          { communityId: id(11), values: [200, 130], ranks: [1, 2], quartiles: [1, 4], flags: [{ year: 2024, rules: ["change"], note: "Повернуто субвенцію" }] },
          { communityId: id(12), values: [100, 232], ranks: [2, 1], quartiles: [4, 1], flags: [{ year: 2023, rules: ["min", "compare"], note: null }, { year: 2024, rules: ["change"], note: null }] },
        ],
      },
    ],
  });
}

describe("flagged values on the comparison sheet", () => {
  it("marks each flagged value by its number format, explains it in its member's row, and says what the mark means", () => {
    const grid = buildComparison(comparison(), { language: "uk", associationName: "АМУ", chart: "line" });
    expect(grid.columns.map((c) => c.key)).toEqual(["community", "territoryCode", "region", "kind", "population", "y2023", "y2024", "rank", "quartile", "explanations"]);
    expect(grid.cells[3]).toEqual(["Громада", "Код території", "Регіон", "Тип", "Населення", "2023", "2024", "Ранг 2024", "Квартиль 2024", "Пояснення"]);
    expect(grid.cells[4]).toEqual(["Бровари", "UA32020030000083742", "Київська", "Місто", 109000, 200, 130, 2, 4, "2024: завелика зміна від попереднього року — «Повернуто субвенцію»"]);
    expect(grid.cells[5]).toEqual([
      "Ірпінь",
      null,
      "Київська",
      "Місто",
      62000,
      100,
      232,
      1,
      1,
      "2023: нижче допустимого мінімуму, не узгоджується з іншим показником — без пояснення\n2024: завелика зміна від попереднього року — без пояснення",
    ]);
    // The values stay numbers (charts draw them); each flagged cell alone gets the red, starred format.
    expect(grid.rowFormats.filter((f) => f.format === FLAGGED_VALUE_FORMAT)).toEqual([
      { row: 4, columns: [6, 6], format: FLAGGED_VALUE_FORMAT },
      { row: 5, columns: [5, 5], format: FLAGGED_VALUE_FORMAT },
      { row: 5, columns: [6, 6], format: FLAGGED_VALUE_FORMAT },
    ]);
    expect(FLAGGED_VALUE_FORMAT).toMatch(/^\[Red\].*"\*"$/);
    // The legend under the statistics counts them: 3 flagged, 1 explained.
    expect(grid.cells.at(-1)![0]).toBe("* Червоним — значення, що порушує правила якості асоціації: 3, з них пояснено 1; пояснення громади — у стовпці «Пояснення»");
    expect(grid.cells.at(-2)![0]).toBe("Громад із причиною відсутності значення");
  });

  it("puts the bar chart's helper columns after the explanations", () => {
    const grid = buildComparison(comparison(), { language: "en", associationName: "A", chart: "bar" });
    expect(grid.columns.map((c) => c.key).slice(8)).toEqual(["quartile", "explanations", "gap", "byRank", "value"]);
    expect(grid.charts[0]!.series[0]!.values).toBe("M5:M6");
    expect(grid.cells.at(-1)![0]).toMatch(/^\* In red: values breaking the association's quality rules: 3, of which 1 explained; .*“Explanations”/);
  });

  it("names the entry in Lithuanian, and in English where it has no Lithuanian name", () => {
    expect(entryName(ENTRY, "lt")).toBe("Nuosavos pajamos");
    expect(entryName({ ...ENTRY, nameLt: "" }, "lt")).toBe("Own revenue");
    expect(entryName({ nameUk: "Власні доходи", nameEn: "Own revenue" }, "lt")).toBe("Own revenue");
    expect(entryName(ENTRY, "uk")).toBe("Власні доходи");
    const grid = buildComparison(comparison(), { language: "lt", associationName: "A", chart: "line" });
    expect(grid.cells[2]![0]).toMatch(/^Nuosavos pajamos \(BUD-OWN\)/);
    expect(grid.cells[3]!.at(-1)).toBe("Paaiškinimai");
  });

  it("exports the explanations column in the export's language, and none without flags", () => {
    const table = comparisonTable(comparison(), "lt");
    expect(table.header.at(-1)).toBe("Paaiškinimai");
    expect(table.rows[0]!.slice(0, 2)).toEqual(["BUD-OWN", "Nuosavos pajamos"]);
    expect(table.rows[0]!.at(-1)).toBe("2024: per didelis pokytis nuo ankstesnių metų — „Повернуто субвенцію“");
    // Statistic rows leave it empty.
    expect(table.rows.slice(2).every((r) => r.at(-1) === null)).toBe(true);
    const plain = comparison();
    for (const r of plain.indicators[0]!.rows) delete r.flags;
    expect(comparisonTable(plain, "en").header).not.toContain("Explanations");
    expect(buildComparison(plain, { language: "en", associationName: "A", chart: "line" }).columns.map((c) => c.key)).not.toContain("explanations");
  });
});

describe("flagged values on the completeness sheet", () => {
  const response = CompletenessResponse.parse({
    associationId: id(1),
    year: 2024,
    generatedAt: "2025-03-01T10:00:00.000Z",
    entries: [ENTRY, { ...ENTRY, code: "POP", nameUk: "Населення", nameEn: "Population", nameLt: "" }],
    rows: [
      { communityId: id(11), name: "Бровари", region: null, kind: null, population: null, hasPlan: true, round: null, cells: ["filled", "filled"], flags: [{ rules: ["max"], note: "Перепис" }, { rules: ["change"], note: null }], filled: 2, withReason: 0, empty: 0 },
      { communityId: id(12), name: "Ірпінь", region: null, kind: null, population: null, hasPlan: true, round: null, cells: ["filled", "empty"], filled: 1, withReason: 0, empty: 1 },
    ],
  });

  it("tells a flagged value from an explained one in its cell, coloured, and lists the explanations by code", () => {
    const grid = buildCompleteness(response, "uk");
    expect(grid.columns.at(-1)!.key).toBe("explanations");
    expect(grid.cells[0]!.at(-1)).toBe("Пояснення");
    expect(grid.cells[1]!.slice(7, 9)).toEqual(["заповнено, пояснено", "заповнено, позначено"]);
    expect(grid.cells[1]!.at(-1)).toBe("BUD-OWN: вище допустимого максимуму — «Перепис»\nPOP: завелика зміна від попереднього року — без пояснення");
    expect(grid.cells[2]!.slice(7, 9)).toEqual(["заповнено", "порожньо"]);
    expect(grid.cells[2]!.at(-1)).toBeNull();
    const rules = grid.conditionalFormats.find((f) => f.columnKey === "code:POP")!.rules;
    expect(rules).toContainEqual({ equals: "заповнено, позначено", fill: "#FFC7CE", font: "#9C0006" });
    expect(rules).toContainEqual({ equals: "заповнено, пояснено", fill: "#FFEB9C", font: "#9C5700" });
    // Lithuanian headers take the Lithuanian name, the English one where there is none.
    const lt = buildCompleteness(response, "lt");
    expect(lt.cells[0]!.slice(7, 9)).toEqual(["Nuosavos pajamos (BUD-OWN)", "Population (POP)"]);
    expect(lt.cells[1]!.slice(7, 9)).toEqual(["užpildyta, paaiškinta", "užpildyta, pažymėta"]);
  });

  it("exports the same words and explanations", () => {
    const table = completenessTable(response, "en");
    expect(table.header.at(-1)).toBe("Explanations");
    expect(table.rows[0]!.slice(7, 9)).toEqual(["filled, explained", "filled, flagged"]);
    expect(table.rows[0]!.at(-1)).toBe("BUD-OWN: above the valid maximum — “Перепис”\nPOP: too large a change from the year before — no explanation");
    expect(table.rows[1]!.at(-1)).toBeNull();
  });
});
