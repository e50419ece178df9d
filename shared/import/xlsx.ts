import { unzipSync } from "fflate";
import { XMLParser } from "fast-xml-parser";
import { type Cell, columnLetter } from "../layout/cells.ts";
import type { SheetValues } from "../layout/grid.ts";

/**
 * An .xlsx read without Excel: the zip (fflate) and the few SpreadsheetML parts that hold cell values
 * (fast-xml-parser), in the pane or a Worker alike. Cells come out as Excel's `range.values` gives them to
 * the layouts' readers (shared/layout/table.ts), so a member's workbook is read by the same code as an
 * open one: text, numbers, booleans; a date is its serial number (as `values` gives it); a formula its
 * last computed value; an error its text ("#N/A"); a merged area its value in its top-left cell only.
 */

/** One worksheet: its cells from A1 (null where empty) and its merged areas ("A1:B2"). */
export interface XlsxSheet extends SheetValues {
  merged: string[];
}

export interface XlsxWorkbook {
  /** Worksheets in workbook order (chart sheets and the like are left out). */
  sheets: XlsxSheet[];
  /** Workbook-level and sheet-scoped names: `sheet` is the index in `sheets` of the sheet a name belongs to. */
  names: { name: string; sheet?: number; formula: string }[];
  /** The custom XML parts the file carries (customXml/item*.xml), as text. */
  customXml: string[];
}

/** Why bytes are not a workbook this reader can take, in words for the person who chose the file. */
export class NotXlsx extends Error {
  constructor(
    readonly reason: "notZip" | "notSpreadsheet" | "tooLarge" | "sheetTooLarge" | "outsideGrid",
    /** The sheet at fault (sheetTooLarge, outsideGrid), and the farthest cell it reaches (sheetTooLarge). */
    readonly sheet?: string,
    readonly cell?: string,
  ) {
    super(
      {
        notZip: "the file is not an .xlsx workbook (not a zip package)",
        notSpreadsheet: "the file is a zip package but no Excel workbook (no xl/workbook.xml)",
        tooLarge: `the workbook unpacks to more than ${MAX_UNPACKED / 1e6} MB`,
        sheetTooLarge: `the sheet '${sheet}' reaches cell ${cell}, more than ${MAX_SHEET_CELLS} cells from A1`,
        outsideGrid: `the sheet '${sheet}' has a cell outside Excel's grid (rows 1 to ${MAX_ROWS}, columns A to XFD)`,
      }[reason],
    );
    this.name = "NotXlsx";
  }
}

/**
 * What a member's workbook may unpack to: a plan of thousands of indicators is a few MB, so this is far
 * beyond any real one and stops a zip bomb before it fills the pane's memory (parsed XML takes several
 * times its size).
 */
export const MAX_UNPACKED = 50_000_000;

/** Excel's grid (ECMA-376 ST_CellRef; Excel's specifications and limits): a position beyond it is no sheet Excel wrote. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/**
 * The most cells a sheet's values may span from A1. A sheet comes out dense, as `range.values` gives it to
 * the layouts' readers, so its size is its extent, not its cells: a few thousand cells far apart in a file
 * of some KB would be tens of millions of them. A member's sheet (at most 2,000 values a file) is far below.
 */
export const MAX_SHEET_CELLS = 2_000_000;

const LISTS = new Set(["row", "c", "si", "r", "sheet", "Relationship", "definedName", "mergeCell"]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Values stay text: "007" is read by its cell's type, never guessed by the parser.
  parseTagValue: false,
  parseAttributeValue: false,
  // A cell's leading and trailing spaces are its text.
  trimValues: false,
  // Character references (&#13; for CR) as well as the five XML entities.
  htmlEntities: true,
  removeNSPrefix: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && LISTS.has(name),
});

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : []);
const node = (v: unknown): Node => (v && typeof v === "object" ? (v as Node) : {});
/** An element's text: `<t>x</t>` parses to "x", `<t xml:space="preserve">x</t>` to { "#text": "x" }. */
const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "object" && v ? String((v as Node)["#text"] ?? "") : "");

/** Excel's `_xHHHH_` escape of a UTF-16 unit in cell text (ECMA-376 ST_Xstring); `_x005F_` is a literal `_`. */
const unescapeExcel = (s: string) => (s.includes("_x") ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s);

/** A shared or inline string: plain (`<t>`) or rich text (runs `<r><t>`); phonetic runs are not its text. */
function stringItem(si: Node): string {
  const runs = list(si.r);
  return unescapeExcel(runs.length ? runs.map((r) => text(r.t)).join("") : text(si.t));
}

/** Text of a part, whatever encoding its byte order mark names (custom XML parts may be UTF-16). */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder().decode(bytes);
}

/** "B7" → [row 6, column 1], wherever it lies (see inGrid). */
export function parseRef(ref: string): [row: number, col: number] | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]) - 1, col - 1];
}

const inGrid = (row: number, col: number) => Number.isInteger(row) && row >= 0 && row < MAX_ROWS && col >= 0 && col < MAX_COLUMNS;

function cellValue(c: Node, shared: readonly string[]): Cell {
  const type = String(c["@_t"] ?? "n");
  if (type === "inlineStr") return stringItem(node(c.is));
  const v = c.v === undefined ? undefined : text(c.v);
  if (v === undefined) return null;
  switch (type) {
    case "s":
      return shared[Number(v)] ?? null;
    case "b":
      return v === "1" || v.toLowerCase() === "true";
    case "str":
    case "e":
      return unescapeExcel(v);
    case "d":
      // An ISO date (strict Open XML): kept as written, since `values` of a date is a serial we cannot know here without the 1900/1904 base.
      return v;
    default: {
      const n = Number(v);
      return v.trim() !== "" && Number.isFinite(n) ? n : v;
    }
  }
}

function sheetOf(name: string, xml: string, shared: readonly string[]): XlsxSheet {
  const ws = node(node(parser.parse(xml)).worksheet);
  // Sparse while read (rows and cells by position), dense once the sheet's extent is known to be within MAX_SHEET_CELLS.
  const values: Cell[][] = [];
  let columns = 0;
  let nextRow = 0;
  for (const row of list(node(ws.sheetData).row)) {
    // Rows and cells may omit their positions: each then follows the one before.
    const r = row["@_r"] === undefined ? nextRow : Number(row["@_r"]) - 1;
    nextRow = r + 1;
    let nextCol = 0;
    for (const c of list(row.c)) {
      const at = c["@_r"] === undefined ? ([r, nextCol] as const) : parseRef(String(c["@_r"]));
      if (!at) continue;
      // Beyond the grid the part is no sheet Excel wrote, and a position there would size the values by it.
      if (!inGrid(...at)) throw new NotXlsx("outsideGrid", name);
      const [rowIndex, colIndex] = at;
      nextCol = colIndex + 1;
      const value = cellValue(c, shared);
      if (value === null || value === "") continue;
      const cells = (values[rowIndex] ??= []);
      cells[colIndex] = value;
      columns = Math.max(columns, colIndex + 1);
    }
  }
  if (values.length * columns > MAX_SHEET_CELLS) throw new NotXlsx("sheetTooLarge", name, `${columnLetter(columns - 1)}${values.length}`);
  // Dense rows from A1, as range.values: holes are empty cells.
  const dense = Array.from(values, (row) => Array.from(row ?? [], (c) => c ?? null));
  const merged = list(node(ws.mergeCells).mergeCell).map((m) => String(m["@_ref"] ?? ""));
  return { name, values: dense, merged };
}

/** A relationship's target as a zip path, relative to the part `from` (e.g. "xl/workbook.xml"). */
function resolveTarget(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const p of target.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

/** The workbook's parts, unpacked: only those the reader uses, within MAX_UNPACKED. */
function unpack(bytes: Uint8Array): Record<string, Uint8Array> {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const wanted = /^(xl\/|customXml\/item\d+\.xml$|_rels\/)/i.test(f.name) && !/\.(bin|png|jpe?g|emf|wmf|gif)$/i.test(f.name);
        if (wanted) total += f.originalSize;
        if (total > MAX_UNPACKED) throw new NotXlsx("tooLarge");
        return wanted;
      },
    });
  } catch (error) {
    if (error instanceof NotXlsx) throw error;
    throw new NotXlsx("notZip");
  }
  return files;
}

/**
 * The workbook in `bytes`: its worksheets' cells, names and custom XML parts. Throws NotXlsx for bytes
 * that are no .xlsx (a .xls, a CSV, a damaged download).
 */
export function readXlsx(bytes: Uint8Array): XlsxWorkbook {
  const files = unpack(bytes);
  const part = (path: string) => {
    const found = files[path] ?? Object.entries(files).find(([name]) => name.toLowerCase() === path.toLowerCase())?.[1];
    return found && decode(found);
  };
  const workbookPath = "xl/workbook.xml";
  const workbookXml = part(workbookPath);
  if (!workbookXml) throw new NotXlsx("notSpreadsheet");
  const workbook = node(node(parser.parse(workbookXml)).workbook);
  const rels = new Map(
    list(node(node(parser.parse(part("xl/_rels/workbook.xml.rels") ?? "")).Relationships).Relationship).map((r) => [
      String(r["@_Id"]),
      { target: resolveTarget(workbookPath, String(r["@_Target"] ?? "")), type: String(r["@_Type"] ?? "") },
    ]),
  );
  const sstPath = [...rels.values()].find((r) => r.type.endsWith("/sharedStrings"))?.target ?? "xl/sharedStrings.xml";
  const sstXml = part(sstPath);
  const shared = sstXml ? list(node(node(parser.parse(sstXml)).sst).si).map(stringItem) : [];

  const sheets: XlsxSheet[] = [];
  const positions = new Map<number, number>();
  list(node(workbook.sheets).sheet).forEach((s, position) => {
    const rel = rels.get(String(s["@_id"] ?? ""));
    const xml = rel && rel.type.endsWith("/worksheet") ? part(rel.target) : undefined;
    if (xml === undefined) return;
    positions.set(position, sheets.length);
    sheets.push(sheetOf(String(s["@_name"] ?? ""), xml, shared));
  });
  const names = list(node(workbook.definedNames).definedName).map((d) => {
    const local = d["@_localSheetId"];
    return { name: String(d["@_name"] ?? ""), sheet: local === undefined ? undefined : positions.get(Number(local)), formula: text(d) };
  });
  const customXml = Object.entries(files)
    .filter(([name]) => /^customXml\/item\d+\.xml$/i.test(name))
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([, data]) => decode(data));
  return { sheets, names, customXml };
}
