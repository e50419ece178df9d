import { describe, expect, it } from "vitest";
import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import fc from "fast-check";
import { cellFormat, cellRef, columnLetter, excelInput, literalText, parseNumber, parsePeriod, sheetNameProblem } from "../../shared/layout/cells.ts";
import type { SheetGrid } from "../../shared/layout/grid.ts";
import { SHEET_NAMES, buildWorkbook } from "../../shared/layout/workbook.ts";
import { LANGUAGES } from "../../shared/model/plan.ts";
import { writeCell } from "../support/excel/cells.ts";
import { EXCEL_PROFILES } from "../support/fake-excel.ts";

const byKind = (grids: SheetGrid[]) => Object.fromEntries(grids.map((g) => [g.kind, g])) as Record<SheetGrid["kind"], SheetGrid>;

describe("Excel's rules", () => {
  it("sheet names: at most 31 characters, none of []:*?/\\", () => {
    for (const names of Object.values(SHEET_NAMES)) for (const n of Object.values(names)) expect(sheetNameProblem(n), n).toBeUndefined();
    expect(sheetNameProblem("a".repeat(32))).toMatch(/31/);
    expect(sheetNameProblem("Plan [draft]")).toMatch(/must not contain/);
    expect(sheetNameProblem("History")).toMatch(/reserves/);
  });

  it("user text that Excel would take as a formula, number, date, time, error or boolean gets the quote prefix", () => {
    const converted = ["=SUM(A1)", "+380", "-5", "@x", "\tx", "\rx", "\nx", "'x", "#N/A", "0012", "1.10", "TRUE", " false ", "ІСТИНА", "tiesa", ".5"];
    const widened = [" 12", "(12)", "$12", "₴12", "12%", "1e3", "Jan 5", "5 May", "1-2", "1/2", "5/1/2014", "01.05.2014", "2014-05-01", "12:30", "Стратегія 2020"];
    for (const s of [...converted, ...widened]) expect(literalText(s), JSON.stringify(s)).toBe(`'${s}`);
    for (const s of ["Київ", "a=b", "x-y", " =x", "Jan", "truest"]) expect(literalText(s)).toBe(s);
  });

  it("a General cell reads back whatever text is written, with the strict host's conversions (both profiles)", () => {
    const tricky = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 12 }),
      fc.constantFrom(" 12", "(12)", "$12", "12%", "1e3", "Jan 5", "5-Jan", "TRUE", "1-2", "5/1/2014", "01.05.2014", "12:30 PM", "-x", "+1", "@a", "''", "'"),
    );
    for (const behaviour of Object.values(EXCEL_PROFILES))
      fc.assert(
        fc.property(tricky, (s) => {
          const input = excelInput(s, "General");
          const stored = writeCell("General", input, "values", behaviour);
          const expected = behaviour.carriageReturn === "normalized" ? s.replace(/\r\n?/g, "\n") : s;
          expect(stored?.value ?? "", JSON.stringify(s)).toBe(expected);
          expect(stored?.formula).toBeUndefined();
        }),
        { numRuns: 2_000 },
      );
  });

  it("text goes into Text (@) cells as it is, or, starting with ', into a General cell with the quote prefix", () => {
    expect(excelInput("=SUM(A1)", "@")).toBe("=SUM(A1)");
    expect(excelInput("0012", "@")).toBe("0012");
    expect(cellFormat("0012", "@")).toBe("@");
    expect(cellFormat("'quoted'", "@")).toBe("General");
    expect(excelInput("'quoted'", cellFormat("'quoted'", "@"))).toBe("''quoted'");
    expect(excelInput(12, "General")).toBe(12);
    expect(excelInput("0012", "0")).toBe("'0012");
  });

  it("no text is written to parse as a formula: only formula columns hold formulas, the rest is Text or quoted", () => {
    const evil = { ...amuPlan, swot: amuPlan.swot.map((s) => ({ ...s, text: `=HYPERLINK("http://x","${s.text.slice(0, 5)}")` })) };
    for (const language of LANGUAGES)
      for (const grid of buildWorkbook(evil, language))
        grid.cells.forEach((row, r) =>
          row.forEach((cell, c) => {
            const column = grid.columns[c]!;
            const where = `${grid.name} ${cellRef(grid.name, r, c)}`;
            if (r > 0 && column.formula) expect(cell, where).toMatch(/^=/);
            else {
              const format = cellFormat(cell, column.numberFormat);
              const input = excelInput(cell, format);
              if (typeof input === "string" && /^[=+\-@\t\r]/.test(input)) expect(format, where).toBe("@");
            }
          }),
        );
  });

  it("parses numbers and periods as people type them", () => {
    expect(parseNumber("1 234,5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber("1,234.5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber("abc")).toEqual({ ok: false, message: { en: "'abc' is not a number", uk: "'abc' — не число", lt: "'abc' nėra skaičius" } });
    expect(parsePeriod("2014-Q2")).toEqual({ ok: true, value: { year: 2014, quarter: 2 } });
    expect(parsePeriod("Q3 2015")).toEqual({ ok: true, value: { year: 2015, quarter: 3 } });
    expect(parsePeriod(2016)).toEqual({ ok: true, value: { year: 2016 } });
    expect(parsePeriod("весна")).toMatchObject({ ok: false });
    expect([columnLetter(0), columnLetter(25), columnLetter(26), columnLetter(701), columnLetter(702)]).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(cellRef("Vision & Mission", 2, 1)).toBe("'Vision & Mission'!B3");
  });
});

describe("the sheets a plan becomes", () => {
  const uk = byKind(buildWorkbook(amuPlan, "uk"));
  const en = byKind(buildWorkbook(amuPlan, "en"));

  it("have a hidden id column, a frozen header, tables, print settings and widths", () => {
    for (const g of [uk.swot, uk.goals, uk.risks, uk.indicators]) {
      expect(g.columns[0]).toMatchObject({ key: "id", hidden: true, numberFormat: "@" });
      expect(g.frozenRows).toBe(1);
      expect(g.table).toBe(true);
      expect(g.print).toEqual({ landscape: true, fitToWidth: true, repeatHeaderRows: 1 });
      expect(g.columns.every((c) => c.width > 0)).toBe(true);
      expect(g.rowLevels).toHaveLength(g.cells.length - 1);
    }
    expect(en.goals.cells[0]!.slice(1, 4)).toEqual(["Level", "No.", "Title"]);
    expect(uk.goals.cells[0]!.slice(1, 4)).toEqual(["Рівень", "№", "Назва"]);
  });

  it("outline the priority → goal → task hierarchy and number it", () => {
    expect(uk.goals.rowLevels.slice(0, 6)).toEqual([0, 1, 2, 2, 2, 1]);
    expect(uk.goals.cells.slice(1, 4).map((r) => r[2])).toEqual(["1", "1.1", "1.1.1"]);
    expect(uk.goals.rowLevels.filter((l) => l === 0)).toHaveLength(6);
    expect(uk.goals.rowLevels.filter((l) => l === 2)).toHaveLength(87);
  });

  it("offer dropdowns for quadrant, status, direction, frequency in the sheet's language", () => {
    const list = (g: SheetGrid, key: string) => g.columns.find((c) => c.key === key)!.validation;
    expect(list(uk.swot, "quadrant")).toEqual({ type: "list", values: ["Сильна сторона", "Слабка сторона", "Можливість", "Загроза"] });
    expect(list(en.goals, "status")).toEqual({ type: "list", values: ["Planned", "In progress", "Done", "Postponed", "Cancelled"] });
    expect(list(uk.indicators, "direction")).toEqual({ type: "list", values: ["Зростання", "Зменшення", "Збереження"] });
    expect(list(en.indicators, "frequency")).toMatchObject({ type: "list", values: expect.arrayContaining(["Annually", "Quarterly"]) });
    expect(list(en.indicators, "measures")).toMatchObject({ type: "list", values: expect.arrayContaining(["1", "1.1", "6.2"]) });
    expect(list(en.indicators, "baselineYear")).toEqual({ type: "wholeNumber", min: 1900, max: 2200 });
    expect(uk.goals.conditionalFormats[0]!.rules.map((r) => r.equals)).toEqual(["Виконано", "Виконується", "Відкладено", "Скасовано"]);
  });

  it("give the indicators one column per plan year, then progress and status formulas, then the target path", () => {
    const headers = en.indicators.cells[0]!;
    expect(headers.slice(-8)).toEqual(["2013", "2014", "2015", "Progress", "Status", "Target 2013", "Target 2014", "Target 2015"]);
    expect(uk.indicators.cells[0]!.slice(-3)).toEqual(["Цільове значення 2013", "Цільове значення 2014", "Цільове значення 2015"]);
    const row2 = en.indicators.cells[1]!;
    // Formulas over the row's year cells (N2:P2) and its target path (S2:U2), in English syntax, in the
    // sheet's language for labels.
    expect(row2.at(-5)).toMatch(/^=IF\(.*N2:P2.*S2:U2/);
    expect(row2.at(-4)).toMatch(/^=IF\(.*N2:P2.*S2:U2.*"No data"/);
    expect(en.indicators.columns.at(-5)).toMatchObject({ key: "progress", computed: true, formula: true, numberFormat: "0%" });
    expect(en.indicators.columns.at(-1)).toMatchObject({ key: "target2015", computed: false, numberFormat: "General" });
    expect(en.indicators.rowLevels.filter((l) => l === 1)).toHaveLength(4);
    expect(uk.indicators.cells[1]!.at(-4)).toContain('"Немає даних"');
  });
});
