import { strToU8, zipSync } from "fflate";
import { columnLetter, EXCEL_MAX_SHEET_NAME } from "../layout/cells.ts";
import { EXCEL_MAX_CELL_TEXT } from "../model/plan.ts";
import { UNSTORABLE_TEXT } from "../model/text.ts";
import { cellPosition, checkTable, type ExportCell, type ExportTable } from "./table.ts";

/**
 * A one-sheet .xlsx written by hand: the few SpreadsheetML parts Excel needs, zipped by fflate's
 * synchronous zip (pure JS, so it runs in workerd and the browser). Every cell is a value, never a
 * formula, so text such as "=HYPERLINK(…)" stays inert without any prefix.
 */

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// What XML 1.0 cannot hold is what the text rule refuses (shared/model/text.ts). The store refuses it;
// the writer escapes it anyway, whatever the table's text came from.
const NOT_IN_XML = UNSTORABLE_TEXT.source;
/**
 * In one pass, each character XML cannot hold, and each `_` that would start `_xHHHH_` in the output:
 * followed by `xHHHH` and then `_` or a character that is itself escaped (its escape starts with `_`).
 * Escaping the underscores first and the characters after missed "_x0041\u0001", written `_x0041_x0001_`.
 */
const TO_ESCAPE = new RegExp(`_(?=x[0-9A-Fa-f]{4}(?:_|${NOT_IN_XML}))|${NOT_IN_XML}`, "gu");
const MARKUP: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;" };

/** Escapes markup; CR as a character reference, since XML parsers turn a literal CR into LF. */
function escapeXml(s: string): string {
  return s.replace(/[&<>"\r]/g, (ch) => MARKUP[ch] ?? ch);
}

/** Excel's escape of one UTF-16 unit in a string (ECMA-376 ST_Xstring): `_xHHHH_`, read back as the unit. */
const excelEscape = (ch: string) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;

/**
 * Cell text as XML that Excel reads back exactly: an underscore that would start `_xHHHH_` is written as
 * its own escape (`_x005F_`, Excel's rule for a literal `_xHHHH_`), and each character XML cannot hold
 * becomes Excel's escape of it, so it reaches the file neither raw (a corrupt file) nor dropped.
 */
function escapeCellText(s: string): string {
  return escapeXml(s.replace(TO_ESCAPE, excelEscape));
}

// Excel's sheet-name rules (see sheetNameProblem), plus characters XML cannot hold.
const UNFIT_IN_SHEET_NAME = /[\u0000-\u001F[\]:*?/\\\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/** At most `max` UTF-16 units, without splitting a surrogate pair. */
function truncate(s: string, max: number): string {
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** A name Excel accepts for the sheet, as close to the asked one as its rules allow. */
export function safeSheetName(name: string): string {
  const cut = truncate(name.replace(UNFIT_IN_SHEET_NAME, "_"), EXCEL_MAX_SHEET_NAME).replace(/^'+|'+$/g, "");
  if (cut.trim() === "") return "Sheet1";
  return cut.toLowerCase() === "history" ? `${cut}_` : cut;
}

function checkCellText(table: ExportTable, text: string, rowIndex: number, colIndex: number): void {
  // Excel cannot hold more: it would cut the text or call the file damaged, so the caller hears of it here.
  if (text.length > EXCEL_MAX_CELL_TEXT)
    throw new RangeError(
      `${cellPosition(table, rowIndex, colIndex)}: ${text.length} characters, Excel holds at most ${EXCEL_MAX_CELL_TEXT} in a cell`,
    );
}

const HEADER_STYLE = 1;
const FIRST_CUSTOM_NUM_FMT = 164;

interface Styles {
  xml: string;
  /** Per column, the cellXfs index of its numeric cells. */
  numberStyles: number[];
}

function counted(tag: string, items: string[]): string {
  return `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
}

/** Style 0 plain, 1 the bold header, then one per distinct number format. */
function stylesPart(table: ExportTable): Styles {
  const formats = table.header.map((_, c) => table.numberFormats?.[c]);
  const codes = [...new Set(formats.filter((f) => f !== undefined))];
  const font = (bold: boolean) => `<font>${bold ? "<b/>" : ""}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
  const xf = (numFmtId: number, fontId: number) =>
    `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}/>`;
  const xml =
    `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">` +
    (codes.length
      ? counted("numFmts", codes.map((code, i) => `<numFmt numFmtId="${FIRST_CUSTOM_NUM_FMT + i}" formatCode="${escapeXml(code)}"/>`))
      : "") +
    counted("fonts", [font(false), font(true)]) +
    counted("fills", ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']) +
    counted("borders", ["<border><left/><right/><top/><bottom/><diagonal/></border>"]) +
    counted("cellStyleXfs", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']) +
    counted("cellXfs", [xf(0, 0), xf(0, 1), ...codes.map((_, i) => xf(FIRST_CUSTOM_NUM_FMT + i, 0))]) +
    counted("cellStyles", ['<cellStyle name="Normal" xfId="0" builtinId="0"/>']) +
    "</styleSheet>";
  return { xml, numberStyles: formats.map((f) => (f === undefined ? 0 : HEADER_STYLE + 1 + codes.indexOf(f))) };
}

function styleAttr(style: number): string {
  return style ? ` s="${style}"` : "";
}

function longestLine(s: string): number {
  return Math.max(...s.split("\n").map((line) => line.length));
}

/** Column widths from the longest line in each column, within reason. */
function colsPart(table: ExportTable): string {
  const cols = table.header.map((h, c) => {
    let longest = longestLine(h);
    for (const row of table.rows) longest = Math.max(longest, longestLine(String(row[c] ?? "")));
    const width = Math.min(60, Math.max(8, longest + 2));
    return `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`;
  });
  return `<cols>${cols.join("")}</cols>`;
}

interface RowStyles {
  text: number;
  numbers: number[];
}

/** A cell at `rowIndex` of the table's rows (-1 the header); empty text, like null, is no cell at all. */
function cellXml(table: ExportTable, cell: ExportCell, rowIndex: number, colIndex: number, styles: RowStyles): string {
  const ref = `${columnLetter(colIndex)}${rowIndex + 2}`;
  if (typeof cell === "number") return `<c r="${ref}"${styleAttr(styles.numbers[colIndex] ?? 0)}><v>${cell}</v></c>`;
  const text = cell ?? "";
  if (text === "") return "";
  checkCellText(table, text, rowIndex, colIndex);
  return `<c r="${ref}" t="inlineStr"${styleAttr(styles.text)}><is><t xml:space="preserve">${escapeCellText(text)}</t></is></c>`;
}

function rowXml(table: ExportTable, cells: ExportCell[], rowIndex: number, styles: RowStyles): string {
  return `<row r="${rowIndex + 2}">${cells.map((cell, c) => cellXml(table, cell, rowIndex, c, styles)).join("")}</row>`;
}

function sheetDataPart(table: ExportTable, numberStyles: number[]): string {
  const header = rowXml(table, table.header, -1, { text: HEADER_STYLE, numbers: [] });
  const rows = table.rows.map((row, r) => rowXml(table, row, r, { text: 0, numbers: numberStyles }));
  return `<sheetData>${header}${rows.join("")}</sheetData>`;
}

/** The table's whole range, header included: what the autofilter covers. */
function tableRange(table: ExportTable, absolute = ""): string {
  const [lastColumn, lastRow] = [columnLetter(table.header.length - 1), table.rows.length + 1];
  return `${absolute}A${absolute}1:${absolute}${lastColumn}${absolute}${lastRow}`;
}

function sheetPart(table: ExportTable, numberStyles: number[]): string {
  const range = tableRange(table);
  const frozenHeader =
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>';
  return (
    `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="${range}"/>${frozenHeader}<sheetFormatPr defaultRowHeight="15"/>${colsPart(table)}` +
    `${sheetDataPart(table, numberStyles)}<autoFilter ref="${range}"/></worksheet>`
  );
}

/** Excel keeps an autofilter's range in this hidden name; we write it as Excel does. */
function workbookPart(table: ExportTable, name: string): string {
  return (
    `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<sheets><sheet name="${escapeXml(name)}" sheetId="1" r:id="rId1"/></sheets>` +
    `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">` +
    `${escapeXml(`'${name.replace(/'/g, "''")}'!${tableRange(table, "$")}`)}</definedName></definedNames></workbook>`
  );
}

const CONTENT_TYPES =
  `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

function relationships(rels: [type: string, target: string][]): string {
  const items = rels.map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/${type}" Target="${target}"/>`);
  return `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
}

/**
 * The table as an .xlsx: header bold, frozen and filterable, numbers as numbers in their column's
 * format, text as strings, exactly (characters XML cannot carry as Excel's `_xHHHH_` escapes). Throws a
 * RangeError for a ragged row, a non-finite number or a text longer than a cell holds.
 */
export function toXlsx(table: ExportTable): Uint8Array {
  checkTable(table);
  const styles = stylesPart(table);
  const parts: Record<string, string> = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": relationships([["officeDocument", "xl/workbook.xml"]]),
    "xl/workbook.xml": workbookPart(table, safeSheetName(table.sheetName)),
    "xl/_rels/workbook.xml.rels": relationships([
      ["worksheet", "worksheets/sheet1.xml"],
      ["styles", "styles.xml"],
    ]),
    "xl/styles.xml": styles.xml,
    "xl/worksheets/sheet1.xml": sheetPart(table, styles.numberStyles),
  };
  return zipSync(Object.fromEntries(Object.entries(parts).map(([path, xml]) => [path, strToU8(xml)])));
}
