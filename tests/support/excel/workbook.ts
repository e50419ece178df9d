import { columnLetter } from "../../../shared/layout/cells.ts";
import type { CellData, Value } from "./cells.ts";
import { excelError } from "./errors.ts";

/** What the fake workbook holds: sheets as plain data that tests read and a user's edits change. */

export interface TableData {
  name: string;
  address: string;
  style?: string;
}
export interface ChartSeriesData {
  name: string;
  /** Sheet-qualified addresses, as a series formula names them. */
  values?: string;
  categories?: string;
  line: { color?: string; lineStyle?: string; weight?: number };
}
export interface ChartData {
  name: string;
  type: string;
  seriesBy: string;
  title?: string;
  series: ChartSeriesData[];
  position?: { from: string; to?: string };
  legend: { visible?: boolean; position?: string };
  reversedCategories?: boolean;
}
export interface ValidationData {
  address: string;
  rule: unknown;
  errorAlert?: unknown;
  prompt?: unknown;
  ignoreBlanks?: boolean;
}
export type HiddenBy = "user" | "outline" | "filter";

export interface SheetData {
  id: string;
  name: string;
  /** Cells by "row,column" (0-based). */
  cells: Map<string, CellData>;
  /** Number formats set on whole columns (a cell's own format wins). */
  columnFormats: Map<number, string>;
  hiddenColumns: Set<number>;
  columnWidths: Map<number, number>;
  wrapColumns: Set<number>;
  tables: TableData[];
  validations: ValidationData[];
  conditionalFormats: { address: string; rule: unknown; fill?: string; font?: string; colorScale?: unknown }[];
  /** Outline level of each grouped row (0-based row → 1..8). */
  outline: Map<number, number>;
  /** The outline's groups as sheet row ranges ("2:5"), level by level (derived from `outline`). */
  groups: string[];
  /** Hidden rows (0-based) and what hid them; nothing but `rowHidden = false` or clearing a filter shows them. */
  hiddenRows: Map<number, HiddenBy>;
  frozenRows: number;
  frozenColumns: number;
  fills: { address: string; color: string }[];
  charts: ChartData[];
  page: { orientation?: string; zoom?: unknown; printTitleRows?: string };
  boldRanges: string[];
  /** Worksheet protection, as `protection.protect` (or the user) left it. */
  protection: { protected: boolean; options?: Record<string, unknown>; password?: string };
  /** `format.protection.locked` as set, in order (a cell is locked unless the last range covering it says not). */
  locks: { address: string; locked: boolean }[];
  visibility: "Visible" | "Hidden" | "VeryHidden";
  /** Sheet-scoped defined names (`worksheet.names`): copied with the sheet, untouched by clearing it. */
  names: { name: string; formula: string }[];
}

export function newSheet(id: string, name: string): SheetData {
  return {
    id,
    name,
    cells: new Map(),
    columnFormats: new Map(),
    hiddenColumns: new Set(),
    columnWidths: new Map(),
    wrapColumns: new Set(),
    tables: [],
    validations: [],
    conditionalFormats: [],
    outline: new Map(),
    groups: [],
    hiddenRows: new Map(),
    frozenRows: 0,
    frozenColumns: 0,
    fills: [],
    charts: [],
    page: {},
    boldRanges: [],
    protection: { protected: false },
    locks: [],
    visibility: "Visible",
    names: [],
  };
}

/** A deep copy of a sheet, for undoing a request Excel refused as a whole. */
export function copySheet(s: SheetData): SheetData {
  const copy = structuredClone({ ...s, cells: undefined });
  return { ...copy, cells: new Map(s.cells) } as SheetData;
}

export const cellKey = (r: number, c: number) => `${r},${c}`;

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export interface Box {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** "A1", "B2:C9", "A:C", "3:7", "Sheet!A1", "$A$1" ("" is the whole sheet). */
export function parseAddress(address: string): Box {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  if (a === "") return { r0: 0, c0: 0, rows: MAX_ROWS, cols: MAX_COLS };
  const [from, to = from] = a.replace(/\$/g, "").split(":") as [string, string?];
  const part = (p: string) => {
    const m = /^([A-Z]*)(\d*)$/i.exec(p);
    if (!m || (!m[1] && !m[2])) throw excelError("InvalidArgument", `bad address ${address}`);
    return { c: m[1] ? colIndex(m[1]) : undefined, r: m[2] ? Number(m[2]) - 1 : undefined };
  };
  const f = part(from);
  const t = part(to!);
  const r0 = Math.min(f.r ?? 0, t.r ?? MAX_ROWS - 1);
  const c0 = Math.min(f.c ?? 0, t.c ?? MAX_COLS - 1);
  const r1 = Math.max(f.r ?? 0, t.r ?? MAX_ROWS - 1);
  const c1 = Math.max(f.c ?? 0, t.c ?? MAX_COLS - 1);
  if (r1 >= MAX_ROWS || c1 >= MAX_COLS || r0 < 0 || c0 < 0) throw excelError("InvalidArgument", `${address} is outside the sheet`);
  return { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export function boxAddress(b: Box): string {
  return `${columnLetter(b.c0)}${b.r0 + 1}:${columnLetter(b.c0 + b.cols - 1)}${b.r0 + b.rows}`;
}

export const boxesIntersect = (a: Box, b: Box) => a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols;
export const boxContains = (outer: Box, inner: Box) =>
  inner.r0 >= outer.r0 && inner.c0 >= outer.c0 && inner.r0 + inner.rows <= outer.r0 + outer.rows && inner.c0 + inner.cols <= outer.c0 + outer.cols;

/** The parts of `a` outside `b` (at most four boxes). */
export function boxMinus(a: Box, b: Box): Box[] {
  if (!boxesIntersect(a, b)) return [a];
  const out: Box[] = [];
  const top = b.r0 - a.r0;
  if (top > 0) out.push({ ...a, rows: top });
  const bottom = a.r0 + a.rows - (b.r0 + b.rows);
  if (bottom > 0) out.push({ ...a, r0: b.r0 + b.rows, rows: bottom });
  const r0 = Math.max(a.r0, b.r0);
  const rows = Math.min(a.r0 + a.rows, b.r0 + b.rows) - r0;
  const left = b.c0 - a.c0;
  if (left > 0) out.push({ r0, rows, c0: a.c0, cols: left });
  const right = a.c0 + a.cols - (b.c0 + b.cols);
  if (right > 0) out.push({ r0, rows, c0: b.c0 + b.cols, cols: right });
  return out;
}

/** A cell's value as `range.values` returns it: "" for empty, a formula's result ("" here, not computed). */
export function readValue(cell: CellData | undefined): Value {
  if (!cell) return "";
  return cell.formula ? "" : cell.value;
}

/** The number format of the cell at `key` (in column `c`): its own, else its column's (undefined: General). */
export function numberFormatOf(s: SheetData, key: string, c: number): string | undefined {
  return s.cells.get(key)?.numberFormat ?? s.columnFormats.get(c);
}

/** The bounding box of the cells with a value (or, unless `valuesOnly`, a format too); undefined for an empty sheet. */
export function usedBox(s: SheetData, valuesOnly: boolean): Box | undefined {
  let [r0, c0, r1, c1] = [Infinity, Infinity, -1, -1];
  for (const [k, cell] of s.cells) {
    if (cell.value === "" && !cell.formula && (valuesOnly || cell.numberFormat === undefined)) continue;
    const [r, c] = k.split(",").map(Number) as [number, number];
    r0 = Math.min(r0, r);
    c0 = Math.min(c0, c);
    r1 = Math.max(r1, r);
    c1 = Math.max(c1, c);
  }
  return r1 < 0 ? undefined : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

/** Whether a cell is locked: Excel's default, unless the last `locked` set over it says not. */
export function isLocked(s: SheetData, r: number, c: number): boolean {
  for (let i = s.locks.length - 1; i >= 0; i--) {
    const b = parseAddress(s.locks[i]!.address);
    if (r >= b.r0 && r < b.r0 + b.rows && c >= b.c0 && c < b.c0 + b.cols) return s.locks[i]!.locked;
  }
  return true;
}

/** Rows (0-based) from `from` move by `by` (negative: rows from..from-by-1 are deleted), as a user's insert or delete. */
export function shiftRows(s: SheetData, from: number, by: number): void {
  const moved = new Map<string, CellData>();
  for (const [k, cell] of s.cells) {
    const [r, c] = k.split(",").map(Number) as [number, number];
    if (r < from) moved.set(k, cell);
    else if (by < 0 && r < from - by) continue;
    else moved.set(cellKey(r + by, c), cell);
  }
  s.cells = moved;
  const shift = <V>(m: Map<number, V>) => {
    const out = new Map<number, V>();
    for (const [r, v] of m) if (r < from) out.set(r, v);
    else if (!(by < 0 && r < from - by)) out.set(r + by, v);
    return out;
  };
  s.hiddenRows = shift(s.hiddenRows);
  s.outline = shift(s.outline);
  s.groups = outlineGroups(s.outline);
  for (const t of s.tables) {
    const b = parseAddress(t.address);
    if (b.r0 + b.rows > from) t.address = boxAddress({ ...b, rows: Math.max(1, b.rows + by) });
  }
}

/** The outline's groups, as Excel shows them: per level, each run of consecutive rows at that level or deeper. */
export function outlineGroups(outline: Map<number, number>): string[] {
  const rows = [...outline.keys()].sort((a, b) => a - b);
  const max = Math.max(0, ...outline.values());
  const groups: string[] = [];
  for (let level = 1; level <= max; level++) {
    let start = -1;
    let prev = -2;
    for (const r of rows) {
      if (outline.get(r)! < level) continue;
      if (r !== prev + 1) {
        if (start >= 0) groups.push(`${start + 1}:${prev + 1}`);
        start = r;
      }
      prev = r;
    }
    if (start >= 0) groups.push(`${start + 1}:${prev + 1}`);
  }
  return groups;
}
