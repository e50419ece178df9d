import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { type ImportRow, batches, importable, inBatches, merge } from "../../addin/src/features/compare/useImportWorkbooks.ts";
import { type ImportFile, type ImportFileResult, MAX_IMPORT_OBSERVATIONS_PER_FILE } from "../../shared/api/imports.ts";
import { LONG_COLUMN, LONG_COLUMNS, OBS_STATUS_OF_REASON, templateTable } from "../../shared/export/long.ts";
import { toXlsx } from "../../shared/export/xlsx.ts";
import { type FileRead, IMPORT_MESSAGES, readMemberFile } from "../../shared/import/read.ts";
import { readXlsx } from "../../shared/import/xlsx.ts";
import { join } from "../../shared/i18n/problems.ts";
import { columnLetter } from "../../shared/layout/cells.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import { memberPlan } from "../support/member-plan.ts";
import { memberWorkbook } from "../support/member-workbook.ts";

const COMMUNITY = "6f1c1b9e-4a55-4f0e-9d0c-2a7c1e5b3d01";

/** A member's plan with values, a reason for none, a blank year and a breakdown. */
function plan(): PlanDocument {
  const doc = memberPlan(COMMUNITY, { name: "Громада-член 03", kind: "amalgamated_community", region: "Полтавська", values: { POP: { 2020: 15200, 2021: 15150, 2022: null }, WASTE: { 2020: 310 } } }, { firstYear: 2020, lastYear: 2023 });
  const waste = doc.indicators.find((i) => i.code === "WASTE")!;
  const breakdown = { ...waste, id: crypto.randomUUID(), code: undefined, name: "з них: пластик", parentId: waste.id, order: 5 };
  return {
    ...doc,
    indicators: [...doc.indicators, breakdown],
    observations: [
      ...doc.observations,
      { id: crypto.randomUUID(), indicatorId: waste.id, period: { year: 2021 }, value: null, missing: "confidential" },
      { id: crypto.randomUUID(), indicatorId: breakdown.id, period: { year: 2020 }, value: 41 },
    ],
  };
}

const read = (name: string, bytes: Uint8Array) => readMemberFile(name, bytes);

/** What an observation says, without where it was read. */
const said = (r: FileRead) =>
  r.observations.map(({ source: _s, ...o }) => o).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The cell a source names, read from the file by the reader's own first stage. */
function cellAt(bytes: Uint8Array, sheet: string, cell: string) {
  const values = readXlsx(bytes).sheets.find((s) => s.name === sheet)!.values;
  const [, col, row] = /^([A-Z]+)(\d+)$/.exec(cell)!;
  const colIndex = [...col!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return values[Number(row) - 1]?.[colIndex];
}

describe("a MuniPlan workbook", () => {
  it("round trip: the layout's sheet as .xlsx reads back as the plan's observations, each from its cell", async () => {
    const doc = plan();
    const bytes = memberWorkbook(doc);
    const r = await read("Громада-член 03.xlsx", bytes);
    expect(r.problems).toEqual([]);
    expect(r.layout).toBe("muniplan");
    expect(r.member).toEqual({ communityId: COMMUNITY });
    expect(r.memberName).toBe("Громада-член 03");
    // Every annual observation with something to say, by the indicator's id in the member's plan; the blank 2022 says nothing.
    const expected = doc.observations
      .filter((o) => o.value !== null || o.missing)
      .map((o) => ({ indicator: { entityId: o.indicatorId }, year: o.period.year, value: o.value, ...(o.missing ? { reason: o.missing } : {}) }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(said(r)).toEqual(expected);
    for (const o of r.observations) {
      expect(o.source.sheet).toBe("Показники");
      const shown = cellAt(bytes, o.source.sheet, o.source.cell);
      expect(o.value === null ? typeof shown : shown).toBe(o.value === null ? "string" : o.value);
    }
  });

  it("takes what the member typed into the sheet since, and names a bad cell by file, sheet and cell without importing it", async () => {
    const doc = plan();
    const pop = doc.indicators.find((i) => i.code === "POP")!;
    let edited = { row: 0, col: 0 };
    const bytes = memberWorkbook(doc, {
      sheetName: "Мої показники",
      edit: (table) => {
        const row = table.rows.findIndex((r) => r[0] === pop.id);
        table.rows[row]![table.header.indexOf("2022")] = 15100;
        table.rows[row]![table.header.indexOf("2023")] = "15 тис.";
        edited = { row: row + 2, col: table.header.indexOf("2023") };
      },
    });
    const r = await read("member.xlsx", bytes);
    // Found by its mark under the member's own sheet name.
    expect(r.observations.every((o) => o.source.sheet === "Мої показники")).toBe(true);
    expect(r.observations.find((o) => "entityId" in o.indicator && o.indicator.entityId === pop.id && o.year === 2022)?.value).toBe(15100);
    expect(r.observations.some((o) => o.year === 2023)).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: "member.xlsx", sheet: "Мої показники", cell: `${columnLetter(edited.col)}${edited.row}` });
    expect(r.problems[0]!.text.uk).toContain("'15 тис.' — не число");
    expect(r.problems[0]!.text.uk).toContain(IMPORT_MESSAGES.cellNotImported.uk);
  });

  it("an Indicators sheet without MuniPlan's data names no member, and says so", async () => {
    const r = await read("copy.xlsx", memberWorkbook(plan(), { withoutState: true }));
    expect(r.member).toBeUndefined();
    expect(r.observations).toEqual([]);
    expect(r.problems).toEqual([{ file: "copy.xlsx", sheet: "Показники", text: IMPORT_MESSAGES.noState }]);
  });
});

describe("the long-format template", () => {
  const CODE = "UA05020030000063857";
  /** The association's template for one member, filled by `fill` per row (indicator, year). */
  function template(fill: (row: (string | number | null)[], code: string, year: number) => void) {
    const table = templateTable(
      { associationId: "assoc-1", member: { communityId: COMMUNITY, territoryCode: CODE }, entries: [{ code: "POP", unit: "осіб" }, { code: "WASTE", unit: "т" }], years: [2020, 2021] },
      "uk",
    );
    for (const row of table.rows) fill(row, String(row[LONG_COLUMN.INDICATOR]), Number(row[LONG_COLUMN.TIME_PERIOD]));
    return toXlsx(table);
  }

  it("reads the member by REF_AREA, values, reasons by OBS_STATUS and notes; unanswered rows say nothing", async () => {
    const bytes = template((row, code, year) => {
      if (code === "POP") row[LONG_COLUMN.OBS_VALUE] = year === 2020 ? 15200 : "15 150,5";
      if (code === "WASTE" && year === 2020) {
        row[LONG_COLUMN.OBS_STATUS] = OBS_STATUS_OF_REASON.not_available;
        row[LONG_COLUMN.COMMENT] = "немає даних: полігон не зважує";
      }
    });
    const r = await read("template.xlsx", bytes);
    expect(r.problems).toEqual([]);
    expect(r.layout).toBe("long");
    expect(r.member).toEqual({ territoryCode: CODE });
    expect(said(r)).toEqual([
      { indicator: { code: "POP" }, year: 2020, value: 15200 },
      { indicator: { code: "POP" }, year: 2021, value: 15150.5 },
      { indicator: { code: "WASTE" }, year: 2020, value: null, reason: "not_available", note: "полігон не зважує" },
    ]);
    const valueColumn = columnLetter(LONG_COLUMNS.indexOf("OBS_VALUE"));
    expect(r.observations.map((o) => o.source)).toContainEqual({ sheet: "Шаблон", cell: `${valueColumn}2` });
  });

  it("names each bad cell by file, sheet and cell and imports the rest", async () => {
    const bytes = template((row, code, year) => {
      row[LONG_COLUMN.OBS_VALUE] = 1;
      if (code === "POP" && year === 2020) row[LONG_COLUMN.OBS_VALUE] = "багато";
      if (code === "POP" && year === 2021) row[LONG_COLUMN.TIME_PERIOD] = 1850;
      if (code === "WASTE" && year === 2020) row[LONG_COLUMN.OBS_STATUS] = "L";
      if (code === "WASTE" && year === 2021) row[LONG_COLUMN.REF_AREA] = "LT-13";
    });
    const r = await read("bad.xlsx", bytes);
    const at = (column: keyof typeof LONG_COLUMN, row: number) => `${columnLetter(LONG_COLUMN[column])}${row}`;
    expect(r.problems.map((p) => [p.file, p.sheet, p.cell])).toEqual([
      ["bad.xlsx", "Шаблон", at("OBS_VALUE", 2)],
      ["bad.xlsx", "Шаблон", at("TIME_PERIOD", 3)],
      ["bad.xlsx", "Шаблон", at("OBS_STATUS", 4)],
      ["bad.xlsx", "Шаблон", at("REF_AREA", 5)],
    ]);
    expect(r.problems[1]!.text.en).toContain("not a year between 1900 and 2200");
    expect(r.problems[3]!.text.uk).toContain("інша громада");
    // All four rows had a problem: none is imported, and the file's member is still the first row's.
    expect(r.observations).toEqual([]);
    expect(r.member).toEqual({ territoryCode: CODE });
  });

  it("refuses an INDICATOR or REF_AREA that Excel turned into a number (1.10 from a CSV is 1.1), naming the cell", async () => {
    const bytes = template((row, code, year) => {
      row[LONG_COLUMN.OBS_VALUE] = 1;
      if (code === "POP" && year === 2021) row[LONG_COLUMN.INDICATOR] = 1.1;
      if (code === "WASTE" && year === 2020) row[LONG_COLUMN.REF_AREA] = 5020030000063857;
    });
    const r = await read("csv-saved.xlsx", bytes);
    const at = (column: keyof typeof LONG_COLUMN, row: number) => `${columnLetter(LONG_COLUMN[column])}${row}`;
    expect(r.problems).toEqual([
      { file: "csv-saved.xlsx", sheet: "Шаблон", cell: at("INDICATOR", 3), text: join(IMPORT_MESSAGES.codeIsNumber("INDICATOR", 1.1), IMPORT_MESSAGES.notImported) },
      { file: "csv-saved.xlsx", sheet: "Шаблон", cell: at("REF_AREA", 4), text: join(IMPORT_MESSAGES.codeIsNumber("REF_AREA", 5020030000063857), IMPORT_MESSAGES.notImported) },
    ]);
    expect(IMPORT_MESSAGES.codeIsNumber("INDICATOR", 1.1).uk).toContain("шаблон .xlsx");
    // Only the rows whose codes are text are imported: 1.1 may be another indicator's code than the member typed.
    expect(said(r).map((o) => [o.indicator, o.year])).toEqual([
      [{ code: "POP" }, 2020],
      [{ code: "WASTE" }, 2021],
    ]);
  });

  it("a template with a key column lost says which", async () => {
    const table = templateTable({ associationId: "a", member: { communityId: COMMUNITY, territoryCode: null }, entries: [{ code: "POP", unit: "" }], years: [2020] }, "en");
    const header = table.header.filter((h) => h !== "TIME_PERIOD");
    const rows = table.rows.map((r) => r.filter((_, i) => i !== LONG_COLUMN.TIME_PERIOD));
    const r = await read("t.xlsx", toXlsx({ ...table, header, rows }));
    expect(r.problems).toEqual([{ file: "t.xlsx", sheet: "Template", cell: "A1", text: IMPORT_MESSAGES.columnsLacking(["TIME_PERIOD"]) }]);
  });
});

describe("files that are neither", () => {
  it("bytes that are no .xlsx name the file", async () => {
    const r = await read("дані.csv", strToU8("REF_AREA;INDICATOR\nUA05020030000063857;POP\n"));
    expect(r).toEqual({ file: "дані.csv", observations: [], problems: [{ file: "дані.csv", text: IMPORT_MESSAGES.notXlsx }] });
  });

  it("a workbook of another layout names the file", async () => {
    const r = await read("звіт.xlsx", toXlsx({ sheetName: "Звіт", header: ["Громада", "2020"], rows: [["Х", 1]] }));
    expect(r.problems).toEqual([{ file: "звіт.xlsx", text: IMPORT_MESSAGES.unknownLayout }]);
  });

  it("damaged MuniPlan data (a part of its only generation missing) is said, not guessed around", async () => {
    const xml = `<?xml version="1.0"?><muniplan xmlns="urn:muniplan:state:v1" generation="5" part="1" of="2">{"version":1,</muniplan>`;
    const bytes = withParts(toXlsx({ sheetName: "Показники", header: ["x"], rows: [] }), { "customXml/item1.xml": strToU8(xml) });
    expect((await read("d.xlsx", bytes)).problems).toEqual([{ file: "d.xlsx", text: IMPORT_MESSAGES.stateDamaged }]);
  });
});

/** The zip with parts added or replaced. */
function withParts(xlsx: Uint8Array, parts: Record<string, Uint8Array>): Uint8Array {
  return zipSync({ ...unzipSync(xlsx), ...parts });
}

describe("the .xlsx reader", () => {
  const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  /** A workbook as Excel itself writes one: shared strings, rich text, booleans, formulas, merges, two sheets whose parts are not in sheet order. */
  const excelLike = () =>
    zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "xl/workbook.xml": strToU8(
        `<workbook ${MAIN}><sheets><sheet name="Перший" sheetId="7" r:id="rId9"/><sheet name="Second" sheetId="2" r:id="rId1"/></sheets>` +
          `<definedNames><definedName name="MuniPlanSheet_indicators" localSheetId="1">"indicators"</definedName><definedName name="Global">Second!$A$1</definedName></definedNames></workbook>`,
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
          `<Relationship Id="rId9" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
      "xl/sharedStrings.xml": strToU8(
        `<sst ${MAIN}><si><t>plain</t></si><si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and not</t></r></si>` +
          `<si><t xml:space="preserve">  spaced &amp; &lt;escaped&gt; _x000D_CR _x005F_x0041_ </t><rPh><t>ignored</t></rPh></si></sst>`,
      ),
      "xl/worksheets/sheet2.xml": strToU8(
        `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
          `<row r="3"><c r="A3"><v>44927</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="str"><f>A1&amp;"x"</f><v>plainx</v></c><c r="D3" t="e"><v>#N/A</v></c>` +
          `<c r="E3" t="inlineStr"><is><t>inline</t></is></c><c r="F3" s="2"><v>-1.5E-3</v></c></row>` +
          `<row><c t="s"><v>2</v></c><c><v>7</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`,
      ),
      "xl/worksheets/sheet1.xml": strToU8(`<worksheet ${MAIN}><sheetData/></worksheet>`),
      // Office may keep a custom XML part in UTF-16 with its byte order mark.
      "customXml/item2.xml": new Uint8Array([0xff, 0xfe, ...[..."<b/>"].flatMap((c) => [c.charCodeAt(0), 0])]),
      "customXml/item1.xml": strToU8("<a/>"),
      "customXml/itemProps1.xml": strToU8("<props/>"),
    });

  it("reads sheets in workbook order with their values as Excel's range.values gives them", () => {
    const book = readXlsx(excelLike());
    expect(book.sheets.map((s) => s.name)).toEqual(["Перший", "Second"]);
    const second = book.sheets[1]!;
    expect(second.values).toEqual([
      ["plain", null, "Bold and not"],
      [],
      [44927, true, "plainx", "#N/A", "inline", -0.0015],
      ["  spaced & <escaped> \rCR _x0041_ ", 7],
    ]);
    expect(second.merged).toEqual(["A1:B1"]);
    expect(book.sheets[0]!.values).toEqual([]);
    expect(book.names).toEqual([
      { name: "MuniPlanSheet_indicators", sheet: 1, formula: '"indicators"' },
      { name: "Global", sheet: undefined, formula: "Second!$A$1" },
    ]);
    expect(book.customXml).toEqual(["<a/>", "<b/>"]);
  });

  /** A workbook of one sheet, "Дані", whose sheetData holds `rows` (row elements as XML). */
  const oneSheet = (rows: string) =>
    zipSync({
      "xl/workbook.xml": strToU8(`<workbook ${MAIN}><sheets><sheet name="Дані" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      "xl/worksheets/sheet1.xml": strToU8(`<worksheet ${MAIN}><sheetData>${rows}</sheetData></worksheet>`),
    });

  it("a small file whose few cells lie far apart is refused as too large, by file and sheet, instead of filling the pane's memory", async () => {
    // 3,000 cells, one per row in the last column: a few KB zipped, 49 million cells as range.values would give them.
    const spread = oneSheet(Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join(""));
    expect(spread.length).toBeLessThan(20_000);
    expect(() => readXlsx(spread)).toThrow(expect.objectContaining({ reason: "sheetTooLarge", sheet: "Дані", cell: "XFD3000" }));
    expect((await read("spread.xlsx", spread)).problems).toEqual([{ file: "spread.xlsx", sheet: "Дані", text: IMPORT_MESSAGES.sheetTooLarge("XFD3000") }]);
    // The last column and a sheet's worth of cells are still read.
    expect(readXlsx(oneSheet(`<row r="2"><c r="XFD2"><v>7</v></c></row>`)).sheets[0]!.values).toEqual([[], [...Array<null>(16383).fill(null), 7]]);
  });

  it("a cell outside Excel's grid (row 1 to 1,048,576, column A to XFD) is refused by file and sheet", async () => {
    const outside = {
      XFE1: `<row r="1"><c r="XFE1"><v>1</v></c></row>`,
      A1048577: `<row r="1048577"><c r="A1048577"><v>1</v></c></row>`,
      A4294967295: `<row r="4294967295"><c r="A4294967295"><v>1</v></c></row>`,
      A0: `<row r="1"><c r="A0"><v>1</v></c></row>`,
      // A cell without a position follows the one before it: past XFD here, past the last row in the next.
      XFE2: `<row r="2"><c r="XFD2"><v>1</v></c><c><v>2</v></c></row>`,
      "row 1048577": `<row r="1048577"><c><v>1</v></c></row>`,
    };
    for (const [where, rows] of Object.entries(outside)) {
      expect(() => readXlsx(oneSheet(rows)), where).toThrow(expect.objectContaining({ reason: "outsideGrid", sheet: "Дані" }));
      const r = await read("x.xlsx", oneSheet(rows));
      expect(r.problems, where).toEqual([{ file: "x.xlsx", sheet: "Дані", text: IMPORT_MESSAGES.outsideGrid }]);
    }
  });

  it("reads back what our writer wrote, text exactly", () => {
    const rows = [["=1+1", 2.5, "a\r\nb"], ["_x0041_ stays", -3, "Ґ «лапки» & <tag>"]];
    const book = readXlsx(toXlsx({ sheetName: "Дані", header: ["A", "B", "C"], rows }));
    expect(book.sheets).toEqual([{ name: "Дані", values: [["A", "B", "C"], ...rows], merged: [] }]);
  });
});

describe("the pane's requests", () => {
  const file = (name: string, values: number): ImportFile => ({
    file: name,
    member: { communityId: COMMUNITY },
    observations: Array.from({ length: values }, (_, i) => ({ indicator: { code: "POP" }, year: 2000 + i, value: i, source: { sheet: "S", cell: `A${i + 1}` } })),
  });

  it("sends a folder in requests within the limits of files and values, in the order dropped", () => {
    const files = [file("a", 3), file("b", 3), file("c", 1), file("d", 5), file("e", 0), file("f", 9)];
    const sent = batches(files, { files: 3, observations: 7 }).map((b) => b.map((f) => f.file));
    expect(sent).toEqual([["a", "b", "c"], ["d", "e"], ["f"]]);
  });

  /** The server's answer for a file: `written` values, and `problems` refusals (conflicts). */
  const answer = (name: string, written = 0, problems = 0): ImportFileResult => ({
    file: name,
    member: null,
    changes: [],
    written,
    unchanged: 0,
    blank: 0,
    problems: Array.from({ length: problems }, () => ({ file: name, sheet: null, cell: null, field: "files[0]", code: "conflict" as const, message: "changed meanwhile" })),
  });

  it("a request that fails leaves what the earlier ones answered in hand, and says why", async () => {
    const files = [file("a", 3), file("b", 3), file("c", 3)];
    const answered: string[][] = [];
    const down = new Error("network down");
    const request = async (batch: ImportFile[]) => {
      if (batch.some((f) => f.file === "c")) throw down;
      return batch.map((f) => answer(f.file, f.observations.length));
    };
    await expect(inBatches(files, { files: 2, observations: 100 }, request, (answers) => answered.push(answers.map((a) => a.file)))).rejects.toBe(down);
    expect(answered).toEqual([["a", "b"]]);
  });

  it("files chosen later join the list: one of a name already listed replaces it where it stands, with what the server said of it", () => {
    const row = (name: string, problems = 0): ImportRow => ({
      read: { file: name, observations: [], problems: Array.from({ length: problems }, () => ({ file: name, text: IMPORT_MESSAGES.notXlsx })) },
    });
    const before = [{ ...row("a"), result: answer("a", 1) }, row("b", 1), row("c")];
    const fixed = row("b");
    const merged = merge(before, [fixed, row("d")]);
    expect(merged.map((r) => r.read.file)).toEqual(["a", "b", "c", "d"]);
    expect(merged[0]).toBe(before[0]);
    expect(merged[1]).toBe(fixed);
    expect(merged[2]).toBe(before[2]);
  });

  it("a file written is left out of what Import sends; one held back by a problem stays out too", () => {
    const read = { file: "a", member: { communityId: COMMUNITY }, observations: [], problems: [] };
    expect(importable({ read, preview: answer("a") })).toBe(true);
    expect(importable({ read, preview: answer("a"), result: answer("a", 2) })).toBe(false);
    expect(importable({ read, preview: answer("a", 0, 1) })).toBe(false);
    expect(importable({ read })).toBe(false);
  });

  it("a file of more values than one may send keeps none and says so", async () => {
    const doc = memberPlan(COMMUNITY, { name: "Велика", kind: "city", region: "Північ", values: { POP: Object.fromEntries(Array.from({ length: 181 }, (_, y) => [1901 + y, y])) } }, { firstYear: 1901, lastYear: 2081 });
    const many = { ...doc, indicators: Array.from({ length: 12 }, (_, k) => ({ ...doc.indicators[0]!, id: crypto.randomUUID(), code: `C${k}`, order: k })) };
    const r = await read("big.xlsx", memberWorkbook({ ...many, observations: many.indicators.flatMap((i) => doc.observations.map((o) => ({ ...o, id: crypto.randomUUID(), indicatorId: i.id }))) }));
    expect(r.observations).toEqual([]);
    expect(r.member).toEqual({ communityId: COMMUNITY });
    expect(r.problems).toEqual([{ file: "big.xlsx", text: IMPORT_MESSAGES.tooManyValues(12 * 181, MAX_IMPORT_OBSERVATIONS_PER_FILE) }]);
  });
});
