import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { ComparisonResponse, CompletenessResponse } from "../../shared/api/compare.ts";
import { sheetNameProblem } from "../../shared/layout/cells.ts";
import { comparisonTable, completenessTable } from "../../shared/export/consolidated.ts";
import { toCsv } from "../../shared/export/csv.ts";
import type { ExportCell, ExportTable } from "../../shared/export/table.ts";
import { safeSheetName, toXlsx } from "../../shared/export/xlsx.ts";
import { text } from "../support/arbitraries.ts";
import { readCsv } from "../support/csv.ts";

// The property tests generate hundreds of tables: a slow, busy machine must not fail them on vitest's 5 s default.
vi.setConfig({ testTimeout: 60_000 });

const INJECTIONS = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"];

/** Every shape of text that CSV and XML must carry through. */
const sample: ExportTable = {
  sheetName: "Порівняння: 2014/2015 [v1]?",
  header: ["Громада", "Value, \"raw\"", "Note"],
  rows: [
    ["Київ", 2_952_301, "рядок\nз переносом"],
    ["Львів, м.", -12.5, '"у лапках"'],
    ["Ґрунтовний «аналіз»", null, "a\r\nb"],
    ...INJECTIONS.map((s, i): ExportCell[] => [s, i, null]),
    ["<tag> & 'apos'", 0.1, "_x0041_ stays literal"],
  ],
  numberFormats: [undefined, "#,##0.##", undefined],
};

// The test's own reading of the rules, so it does not just repeat the code under test.
const FORMULA_START = /^[=+\-@\t\r\0]/;
const ILLEGAL_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

// ---- CSV ------------------------------------------------------------------------------------------

function expectedCsvField(cell: ExportCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

const expectedCsv = (t: ExportTable) => [t.header, ...t.rows].map((row) => row.map(expectedCsvField));

describe("toCsv", () => {
  it("starts with a BOM, ends every record with CRLF and quotes only what needs it", () => {
    const csv = toCsv({ sheetName: "s", header: ["a", "b,c", 'd"e'], rows: [["x", 1.5, null], ["line\nbreak", -3, "cr\rhere"]] });
    expect(csv).toBe('\uFEFFa,"b,c","d""e"\r\nx,1.5,\r\n"line\nbreak",-3,"cr\rhere"\r\n');
  });

  it("puts ' before every formula-looking text, and leaves negative numbers alone", () => {
    const csv = toCsv({ sheetName: "s", header: ["t", "n"], rows: INJECTIONS.map((s) => [s, -1]) });
    const lines = csv.slice(1).split("\r\n");
    expect(lines.slice(1, 5)).toEqual(["'=1+1,-1", "'+cmd,-1", "'-2+3,-1", "'@SUM(A1),-1"]);
    expect(lines[5]).toBe("'\t=1,-1");
    expect(lines[6]).toBe("\"'\r=1\",-1");
    expect(lines[7]).toBe(`"'=HYPERLINK(""http://x"",""y"")",-1`);
    // ASVS 5.0 adds NUL to the set.
    expect(toCsv({ sheetName: "s", header: ["t"], rows: [["\u0000=1"], ["a\u0000"]] })).toBe("\uFEFFt\r\n'\u0000=1\r\na\u0000\r\n");
    expect(readCsv(csv).slice(1).map((r) => r[0])).toEqual(INJECTIONS.map((s) => `'${s}`));
  });

  it("also guards the header, and does not prefix text that merely contains a trigger", () => {
    const csv = toCsv({ sheetName: "s", header: ["-CODE", "a=b"], rows: [["x-1", "1+1"]] });
    expect(readCsv(csv)).toEqual([["'-CODE", "a=b"], ["x-1", "1+1"]]);
  });

  it("writes numbers as JavaScript prints them, with a point for decimals", () => {
    const csv = toCsv({ sheetName: "s", header: ["n"], rows: [[0], [-0], [1234567.25], [-0.001], [1e21], [2 ** 53]] });
    expect(readCsv(csv).flat()).toEqual(["n", "0", "0", "1234567.25", "-0.001", "1e+21", "9007199254740992"]);
  });

  it("reads back cell by cell: Ukrainian text, quotes, commas, newlines, empty cells", () => {
    expect(readCsv(toCsv(sample))).toEqual(expectedCsv(sample));
  });

  it("refuses non-finite numbers and ragged rows, naming the cell", () => {
    for (const n of [Number.NaN, Infinity, -Infinity])
      expect(() => toCsv({ sheetName: "s", header: ["a", "b"], rows: [["x", n]] })).toThrow(/row 2, column B \("b"\)/);
    expect(() => toCsv({ sheetName: "s", header: ["a", "b"], rows: [["x"]] })).toThrow(RangeError);
    expect(() => toCsv({ sheetName: "s", header: [], rows: [] })).toThrow(RangeError);
  });
});

const tricky = fc.constantFrom(...INJECTIONS, '"', ",", "\r\n", "\n", "\r", "'", "''=x", "_x000D_", "", " ");
const anyText = fc.oneof(text, tricky, fc.string({ unit: "binary", maxLength: 20 }));
const anyCell: fc.Arbitrary<ExportCell> = fc.oneof(
  anyText,
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(null),
);
const anyTable: fc.Arbitrary<ExportTable> = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.record({
    sheetName: fc.string({ unit: "binary", maxLength: 40 }),
    header: fc.array(anyText, { minLength: n, maxLength: n }),
    rows: fc.array(fc.array(anyCell, { minLength: n, maxLength: n }), { maxLength: 8 }),
    numberFormats: fc.array(fc.option(fc.constantFrom("#,##0", "0.0", '0.00 "грн"', "#,##0.##"), { nil: undefined }), {
      minLength: n,
      maxLength: n,
    }),
  }),
);

describe("toCsv, generated tables", () => {
  it("reads back as written, formula-looking text with its ' prefix", () => {
    fc.assert(
      fc.property(anyTable, (table) => {
        expect(readCsv(toCsv(table))).toEqual(expectedCsv(table));
      }),
      { numRuns: 300 },
    );
  });
});

// ---- xlsx -----------------------------------------------------------------------------------------

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => ["row", "c", "col", "numFmt", "xf", "font", "Override", "Relationship", "sheet", "definedName"].includes(name),
});

type Xml = Record<string, any>;

interface ReadCell {
  type: string | undefined;
  style: number;
  value: string;
}

function unzip(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]));
}

/** What Excel shows for a string: `_xHHHH_` is an escaped character. */
const excelString = (s: string) => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

function readSheet(parts: Record<string, string>): { sheet: Xml; cells: Map<string, ReadCell> } {
  const sheet = xml.parse(parts["xl/worksheets/sheet1.xml"]!).worksheet;
  const cells = new Map<string, ReadCell>();
  for (const row of sheet.sheetData.row ?? [])
    for (const c of row.c ?? []) {
      const value = c["@t"] === "inlineStr" ? excelString(c.is.t["#text"] ?? "") : c.v;
      cells.set(c["@r"], { type: c["@t"], style: Number(c["@s"] ?? 0), value });
    }
  return { sheet, cells };
}

const columnName = (c: number) => String.fromCharCode(65 + c);

/** The cells the table should come back as: text exactly, "" as no cell. */
function expectedCells(table: ExportTable): Map<string, { type: string | undefined; value: string }> {
  const cells = new Map<string, { type: string | undefined; value: string }>();
  [table.header, ...table.rows].forEach((row, r) =>
    row.forEach((cell, c) => {
      const ref = `${columnName(c)}${r + 1}`;
      if (typeof cell === "number") cells.set(ref, { type: undefined, value: String(cell) });
      else if (cell !== null && cell !== "") cells.set(ref, { type: "inlineStr", value: cell });
    }),
  );
  return cells;
}

function readStyles(parts: Record<string, string>) {
  const styles = xml.parse(parts["xl/styles.xml"]!).styleSheet;
  const formats = new Map<string, string>((styles.numFmts?.numFmt ?? []).map((f: Xml) => [f["@numFmtId"], f["@formatCode"]]));
  const xfs: Xml[] = styles.cellXfs.xf;
  return {
    bold: (style: number) => "b" in styles.fonts.font[Number(xfs[style]!["@fontId"])],
    format: (style: number) => formats.get(xfs[style]!["@numFmtId"]),
  };
}

describe("toXlsx", () => {
  const parts = unzip(toXlsx(sample));
  const { sheet, cells } = readSheet(parts);

  it("has the package parts Excel needs, each well-formed XML, and no formula anywhere", () => {
    expect(Object.keys(parts).sort()).toEqual(
      ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"].sort(),
    );
    for (const [path, text] of Object.entries(parts)) {
      expect(XMLValidator.validate(text), path).toBe(true);
      expect(text, path).not.toMatch(/<f[\s>/]/);
    }
    const types = xml.parse(parts["[Content_Types].xml"]!).Types.Override.map((o: Xml) => o["@PartName"]);
    expect(types.sort()).toEqual(["/xl/styles.xml", "/xl/workbook.xml", "/xl/worksheets/sheet1.xml"]);
    const rels = xml.parse(parts["xl/_rels/workbook.xml.rels"]!).Relationships.Relationship.map((r: Xml) => r["@Target"]);
    expect(rels.sort()).toEqual(["styles.xml", "worksheets/sheet1.xml"]);
  });

  it("names the sheet by Excel's rules, and the filter range after it", () => {
    const workbook = xml.parse(parts["xl/workbook.xml"]!).workbook;
    expect(workbook.sheets.sheet[0]["@name"]).toBe("Порівняння_ 2014_2015 _v1__");
    expect(workbook.definedNames.definedName[0]["#text"]).toBe("'Порівняння_ 2014_2015 _v1__'!$A$1:$C$12");
  });

  it("stores every cell as the table has it: numbers numeric, text as inline strings", () => {
    expect(new Map([...cells].map(([ref, c]) => [ref, { type: c.type, value: c.value }]))).toEqual(expectedCells(sample));
    expect(cells.get("A3")?.value).toBe("Львів, м.");
    expect(cells.get("B3")).toMatchObject({ type: undefined, value: "-12.5" });
    expect(cells.get("C4")?.value).toBe("a\r\nb");
    expect(cells.has("B4")).toBe(false);
  });

  it("keeps formula-looking text verbatim and inert", () => {
    INJECTIONS.forEach((s, i) => expect(cells.get(`A${i + 5}`)).toMatchObject({ type: "inlineStr", value: s }));
  });

  it("makes the header bold, frozen and filterable, and formats numbers by column", () => {
    const styles = readStyles(parts);
    for (const ref of ["A1", "B1", "C1"]) expect(styles.bold(cells.get(ref)!.style), ref).toBe(true);
    expect(styles.bold(cells.get("A2")!.style)).toBe(false);
    expect(styles.format(cells.get("B2")!.style)).toBe("#,##0.##");
    expect(styles.format(cells.get("B5")!.style)).toBe("#,##0.##");
    expect(sheet.sheetViews.sheetView.pane).toMatchObject({ "@ySplit": "1", "@topLeftCell": "A2", "@state": "frozen" });
    expect(sheet.autoFilter["@ref"]).toBe("A1:C12");
    expect(sheet.dimension["@ref"]).toBe("A1:C12");
  });

  it("escapes characters XML 1.0 cannot hold, so the file is well-formed and Excel reads the text back exactly", () => {
    const odd = "a\u0001b\u000Bc\u001Fd\uFFFEe\uFFFF\uD800f\tg\nh _x0001_";
    const parts = unzip(toXlsx({ sheetName: "s\u0001", header: ["h\u0000"], rows: [[odd], ["\u0007"]] }));
    for (const text of Object.values(parts)) {
      expect(XMLValidator.validate(text)).toBe(true);
      // Nothing XML cannot hold reaches a part raw.
      expect(text).not.toMatch(new RegExp(ILLEGAL_IN_XML.source, "u"));
    }
    const { cells } = readSheet(parts);
    expect(cells.get("A1")?.value).toBe("h\u0000");
    expect(cells.get("A2")?.value).toBe(odd);
    expect(cells.get("A3")?.value).toBe("\u0007");
    expect(parts["xl/worksheets/sheet1.xml"]).toContain("a_x0001_b_x000B_c_x001F_d_x" + "FFFE_e_x" + "FFFF__xD800_f");
  });

  it("escapes every underscore that would start `_xHHHH_`, also where an escaped character follows it", () => {
    const odd = [
      "_x0041\u0001",
      "_x0041\uFFFE",
      "_x0041\uD800",
      "__x0041_",
      "_x0041__x0042_",
      "_x004\u0001_",
      "\u0001x0041_",
      "_x0041_x0042_",
      "_x00411_",
      "_xabcd_ _XABCD_ _x005F_",
      "x_x0041\u0001\u0002_",
    ];
    const { cells } = readSheet(unzip(toXlsx({ sheetName: "s", header: ["h"], rows: odd.map((s) => [s]) })));
    odd.forEach((s, i) => expect(cells.get(`A${i + 2}`)?.value, JSON.stringify(s)).toBe(s));
    const sheet = unzip(toXlsx({ sheetName: "s", header: ["_x0041\u0001"], rows: [] }))["xl/worksheets/sheet1.xml"]!;
    expect(sheet).toContain("_x005F_x0041_x0001_");
  });

  it("reads back exactly whatever mix of underscores, hex digits and escaped characters a cell holds", () => {
    const pieces = fc.constantFrom("_", "x", "X", "0", "4", "1", "A", "f", "\u0001", "\uFFFE", "\uD800", "_x0041_", " ");
    fc.assert(
      fc.property(fc.array(fc.array(pieces, { minLength: 1, maxLength: 12 }).map((p) => p.join("")), { minLength: 1, maxLength: 6 }), (texts) => {
        const { cells } = readSheet(unzip(toXlsx({ sheetName: "s", header: ["h"], rows: texts.map((t) => [t]) })));
        texts.forEach((t, i) => expect(cells.get(`A${i + 2}`)?.value).toBe(t));
      }),
      { numRuns: 300 },
    );
  });

  it("takes 32,767 characters in a cell and refuses 32,768, naming the cell", () => {
    const table = (s: string): ExportTable => ({ sheetName: "s", header: ["a", "b"], rows: [[1, "x"], [2, s]] });
    const longest = `=${"Ї".repeat(32_766)}`;
    expect(readSheet(unzip(toXlsx(table(longest)))).cells.get("B3")?.value).toBe(longest);
    // A character XML cannot hold is one character of the cell, whatever its escape's length in the file.
    expect(readSheet(unzip(toXlsx(table(`\u0001${longest.slice(1)}`)))).cells.get("B3")?.value).toBe(`\u0001${longest.slice(1)}`);
    expect(() => toXlsx(table(`${longest}\u0001`))).toThrow(RangeError);
    expect(() => toXlsx(table(`${longest}x`))).toThrow(RangeError);
    expect(() => toXlsx(table(`${longest}x`))).toThrow(/row 3, column B \("b"\): 32768 characters/);
    expect(() => toXlsx({ sheetName: "s", header: ["x".repeat(32_768)], rows: [] })).toThrow(/row 1, column A/);
  });

  it("refuses non-finite numbers", () => {
    expect(() => toXlsx({ sheetName: "s", header: ["a"], rows: [[Number.NaN]] })).toThrow(RangeError);
  });

  it("reads back generated tables cell by cell", () => {
    fc.assert(
      fc.property(anyTable, (table) => {
        const parts = unzip(toXlsx(table));
        const { cells } = readSheet(parts);
        expect(new Map([...cells].map(([ref, c]) => [ref, { type: c.type, value: c.value }]))).toEqual(expectedCells(table));
        const styles = readStyles(parts);
        table.rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            if (typeof cell === "number") expect(styles.format(cells.get(`${columnName(c)}${r + 2}`)!.style)).toBe(table.numberFormats?.[c]);
          }),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe("safeSheetName", () => {
  it("keeps a fitting name and fixes each kind of unfit one", () => {
    expect(safeSheetName("Заповненість 2024")).toBe("Заповненість 2024");
    expect(safeSheetName("a[b]c:d*e?f/g\\h")).toBe("a_b_c_d_e_f_g_h");
    expect(safeSheetName("x".repeat(40))).toBe("x".repeat(31));
    expect(safeSheetName(`${"x".repeat(30)}😀`)).toBe("x".repeat(30));
    expect(safeSheetName("'quoted'")).toBe("quoted");
    expect(safeSheetName("")).toBe("Sheet1");
    expect(safeSheetName("  ")).toBe("Sheet1");
    expect(safeSheetName("History")).toBe("History_");
  });

  it("always gives a name Excel accepts", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 50 }), (name) => {
        expect(sheetNameProblem(safeSheetName(name))).toBeUndefined();
      }),
    );
  });
});

// ---- consolidated tables --------------------------------------------------------------------------

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

// Territory codes of the right shape, not the real ones; Гатне has none yet, Нова comes from a Worker older than codes.
const members = [
  { communityId: id(1), name: "Бориспіль", region: "Київська", kind: "city", population: 64_000, territoryCode: "UA32020030000083742" },
  { communityId: id(2), name: "Гатне", region: null, kind: "village", population: 3_000, territoryCode: null },
  { communityId: id(3), name: "Нова", region: "Львівська", kind: null, population: null },
] as const;

const entry = (code: string, nameEn: string, nameUk: string, unit: string) => ({
  code,
  nameEn,
  nameUk,
  unit,
  direction: "increase" as const,
  status: "active" as const,
});

const stats = (year: number, count: number, v: number | null) => ({ year, count, min: v, q1: v, median: v, q3: v, max: v });

function comparison(perCapita: boolean): ComparisonResponse {
  return ComparisonResponse.parse({
    associationId: id(9),
    years: [2014, 2015],
    perCapita,
    members,
    indicators: [
      {
        entry: entry("BUD", "Own revenue", "Власні доходи", "UAH"),
        stats: [
          { year: 2014, count: 2, min: 10, q1: 12.5, median: 15, q3: 17.5, max: 20 },
          { year: 2015, count: 1, min: 30, q1: 30, median: 30, q3: 30, max: 30 },
        ],
        reasons: [0, 1],
        rows: [
          { communityId: id(2), values: [10, null], ranks: [2, null], quartiles: [4, null], missing: [null, "not_available"] },
          { communityId: id(1), values: [20, 30], ranks: [1, 1], quartiles: [1, 1] },
        ],
      },
      { entry: entry("EDU.2", "Schools", "Школи", "units"), stats: [stats(2014, 0, null), stats(2015, 0, null)], reasons: [0, 0], rows: [] },
    ],
    generatedAt: "2026-01-01T00:00:00.000Z",
  });
}

describe("comparisonTable", () => {
  it("lists each indicator's members in order (a reason by name where a value would be), then its statistics and reasons, in English", () => {
    const t = comparisonTable(comparison(false), "en");
    expect(t.sheetName).toBe("Comparison");
    expect(t.header).toEqual(["Code", "Indicator", "Unit", "Community", "Territory code", "Region", "Kind", "Population", "2014", "2015", "Rank 2015", "Quartile 2015"]);
    expect(t.numberFormats).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, "#,##0", undefined, undefined, undefined, undefined]);
    const bud = ["BUD", "Own revenue", "UAH"];
    const edu = ["EDU.2", "Schools", "units"];
    const none = [null, null, null, null];
    expect(t.rows).toEqual([
      [...bud, "Бориспіль", "UA32020030000083742", "Київська", "City", 64_000, 20, 30, 1, 1],
      [...bud, "Гатне", null, null, "Village", 3_000, 10, "not available", null, null],
      [...bud, "Нова", null, "Львівська", null, null, null, null, null, null],
      [...bud, "Median", ...none, 15, 30, null, null],
      [...bud, "Q1 (25%)", ...none, 12.5, 30, null, null],
      [...bud, "Q3 (75%)", ...none, 17.5, 30, null, null],
      [...bud, "Minimum", ...none, 10, 30, null, null],
      [...bud, "Maximum", ...none, 20, 30, null, null],
      [...bud, "Members with a value", ...none, 2, 1, null, null],
      [...bud, "Members with a reason for no value", ...none, 0, 1, null, null],
      [...edu, "Бориспіль", "UA32020030000083742", "Київська", "City", 64_000, null, null, null, null],
      [...edu, "Гатне", null, null, "Village", 3_000, null, null, null, null],
      [...edu, "Нова", null, "Львівська", null, null, null, null, null, null],
      [...edu, "Median", ...none, null, null, null, null],
      [...edu, "Q1 (25%)", ...none, null, null, null, null],
      [...edu, "Q3 (75%)", ...none, null, null, null, null],
      [...edu, "Minimum", ...none, null, null, null, null],
      [...edu, "Maximum", ...none, null, null, null, null],
      [...edu, "Members with a value", ...none, 0, 0, null, null],
      [...edu, "Members with a reason for no value", ...none, 0, 0, null, null],
    ]);
  });

  it("speaks Ukrainian and names the per-capita unit", () => {
    const t = comparisonTable(comparison(true), "uk");
    expect(t.sheetName).toBe("Порівняння");
    expect(t.header).toEqual(["Код", "Показник", "Одиниця", "Громада", "Код території", "Регіон", "Тип", "Населення", "2014", "2015", "Ранг 2015", "Квартиль 2015"]);
    expect(t.rows[0]).toEqual(["BUD", "Власні доходи", "UAH на 1 000 мешканців", "Бориспіль", "UA32020030000083742", "Київська", "Місто", 64_000, 20, 30, 1, 1]);
    expect(t.rows[1]!.slice(8, 10)).toEqual([10, "немає даних"]);
    expect(t.rows.slice(3, 10).map((r) => r[3])).toEqual([
      "Медіана",
      "Q1 (25 %)",
      "Q3 (75 %)",
      "Мінімум",
      "Максимум",
      "Громад зі значенням",
      "Громад із причиною відсутності значення",
    ]);
    expect(t.rows[10]!.slice(0, 3)).toEqual(["EDU.2", "Школи", "units на 1 000 мешканців"]);
    expect(comparisonTable(comparison(true), "en").rows[0]![2]).toBe("UAH per 1,000 residents");
  });

  it("leaves out the rank and quartile columns when no year is compared", () => {
    const t = comparisonTable({ ...comparison(false), years: [], indicators: [] }, "en");
    expect(t.header).toEqual(["Code", "Indicator", "Unit", "Community", "Territory code", "Region", "Kind", "Population"]);
    expect(t.rows).toEqual([]);
  });

  it("exports to both formats", () => {
    const t = comparisonTable(comparison(true), "uk");
    expect(readCsv(toCsv(t))).toEqual(expectedCsv(t));
    expect(new Map([...readSheet(unzip(toXlsx(t))).cells].map(([ref, c]) => [ref, { type: c.type, value: c.value }]))).toEqual(
      expectedCells(t),
    );
  });
});

const completeness: CompletenessResponse = CompletenessResponse.parse({
  associationId: id(9),
  year: 2024,
  entries: [entry("POP", "Population", "Населення", "persons"), entry("BUD", "Own revenue", "Власні доходи", "UAH"), entry("EDU.2", "Schools", "Школи", "units")],
  rows: [
    { ...members[0], hasPlan: true, round: "approved", cells: ["filled", "empty", "reason"], missing: [null, null, "confidential"], filled: 1, withReason: 1, empty: 1, timeliness: "on_time", reportedAt: "2025-03-01T10:00:00.000Z" },
    { ...members[1], hasPlan: true, round: "submitted", cells: ["filled", "filled", "filled"], filled: 3, withReason: 0, empty: 0, timeliness: "late", reportedAt: "2025-04-02T10:00:00.000Z" },
    { ...members[2], hasPlan: false, round: null, cells: ["not_in_plan", "not_in_plan", "not_in_plan"], missing: [null, null, null], filled: 0, withReason: 0, empty: 0, timeliness: "missing" },
  ],
  timeliness: { dueOn: "2025-03-31", dueEnd: "2025-03-31T21:00:00.000Z", expected: 3, onTime: 1, late: 1, missing: 1, notDue: 0, onTimeRate: 1 / 3 },
  generatedAt: "2026-01-01T00:00:00.000Z",
});

describe("completenessTable", () => {
  it("gives each member's state per entry (a reason by name), its counts and share, in English", () => {
    const t = completenessTable(completeness, "en");
    expect(t.sheetName).toBe("Completeness 2024");
    expect(t.header).toEqual([
      "Community",
      "Territory code",
      "Region",
      "Kind",
      "Population",
      "Has a plan",
      "Monitoring 2024",
      "POP",
      "BUD",
      "EDU.2",
      "Filled (of 3)",
      "With a reason for no value",
      "Empty",
      "Share %",
      "Timeliness (due 2025-03-31: 1 of 3 on time, 33%)",
    ]);
    expect(t.numberFormats).toEqual([undefined, undefined, undefined, undefined, "#,##0", undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, "0.0", undefined]);
    expect(t.rows).toEqual([
      ["Бориспіль", "UA32020030000083742", "Київська", "City", 64_000, "Yes", "approved", "filled", "empty", "reason: confidential", 1, 1, 1, 33.3, "on time"],
      ["Гатне", null, null, "Village", 3_000, "Yes", "submitted for review", "filled", "filled", "filled", 3, 0, 0, 100, "late"],
      ["Нова", null, "Львівська", null, null, "No", "not opened", "not in plan", "not in plan", "not in plan", 0, 0, 0, 0, "missing"],
    ]);
  });

  it("speaks Ukrainian", () => {
    const t = completenessTable(completeness, "uk");
    expect(t.sheetName).toBe("Заповненість 2024");
    expect(t.header.slice(0, 2)).toEqual(["Громада", "Код території"]);
    expect(t.header.slice(10)).toEqual(["Заповнено (з 3)", "З причиною відсутності", "Порожніх", "Частка %", "Вчасність (строк 31.03.2025: вчасно 1 з 3, 33 %)"]);
    expect(t.rows).toEqual([
      ["Бориспіль", "UA32020030000083742", "Київська", "Місто", 64_000, "Так", "затверджено", "заповнено", "порожньо", "причина: конфіденційно", 1, 1, 1, 33.3, "вчасно"],
      ["Гатне", null, null, "Село", 3_000, "Так", "подано на розгляд", "заповнено", "заповнено", "заповнено", 3, 0, 0, 100, "із запізненням"],
      ["Нова", null, "Львівська", null, null, "Ні", "не відкрито", "немає в плані", "немає в плані", "немає в плані", 0, 0, 0, 0, "не подано"],
    ]);
  });

  it("says so without a due date, also for an answer from a Worker older than due dates", () => {
    const { timeliness: _, ...older } = completeness;
    const parsed = CompletenessResponse.parse({ ...older, rows: completeness.rows.map(({ timeliness: _t, reportedAt: _r, ...row }) => row) });
    const t = completenessTable(parsed, "uk");
    expect(t.header.at(-1)).toBe("Вчасність");
    expect(t.rows.map((r) => r.at(-1))).toEqual(["строк не встановлено", "строк не встановлено", "строк не встановлено"]);
  });

  it("has no share when the catalogue has no active entry", () => {
    const t = completenessTable(
      { ...completeness, entries: [], rows: completeness.rows.map((r) => ({ ...r, cells: [], missing: [], filled: 0, withReason: 0, empty: 0 })) },
      "en",
    );
    expect(t.header.slice(0, -1)).toEqual(["Community", "Territory code", "Region", "Kind", "Population", "Has a plan", "Monitoring 2024", "Filled (of 0)", "With a reason for no value", "Empty", "Share %"]);
    expect(t.rows.map((r) => r.slice(-3, -1))).toEqual([[0, null], [0, null], [0, null]]);
  });
});
