import { MISSING_REASON_HINT, missingReasonOf } from "../i18n/labels.ts";
import { M, type Msg, join } from "../i18n/problems.ts";
import { EXCEL_MAX_CELL_TEXT, type MissingReason, type Period } from "../model/plan.ts";
import { isStorableText } from "../model/text.ts";

/** A cell as Excel's `range.values` returns it ("" for empty) or as we write it (null for empty). */
export type Cell = string | number | boolean | null;

/** Sheet names: Excel's own limits. */
export const EXCEL_MAX_SHEET_NAME = 31;
const FORBIDDEN_SHEET_NAME_CHARS = /[[\]:*?/\\]/;

export function sheetNameProblem(name: string): string | undefined {
  if (name.trim().length === 0) return "a sheet name must not be empty";
  if (name.length > EXCEL_MAX_SHEET_NAME) return `a sheet name must be at most ${EXCEL_MAX_SHEET_NAME} characters`;
  if (FORBIDDEN_SHEET_NAME_CHARS.test(name)) return "a sheet name must not contain any of [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name must not begin or end with an apostrophe";
  if (name.toLowerCase() === "history") return "Excel reserves the sheet name History";
  return undefined;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `Sheet!B7`, quoting the sheet name the way Excel does when it has to. */
export function cellRef(sheet: string, rowIndex: number, colIndex: number): string {
  const quoted = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${columnLetter(colIndex)}${rowIndex + 1}`;
}

export function isEmptyCell(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === "string" && c.trim() === "");
}

/**
 * Excel's quote prefix, for cells Excel parses (any number format but Text): a leading apostrophe makes
 * Excel keep what follows as literal text, and is consumed (documented). Added to text Excel would turn
 * into a formula (`=`, `+`, `-`, `@`, tab, CR, LF: the OWASP formula-injection set), an error value
 * (`#N/A`), a boolean (TRUE/FALSE in the languages of MuniPlan's users), or a number, date or time —
 * which Excel finds in far more than digits alone (" 12", "(12)", "$12", "12%", "1e3", "Jan 5", "1-2",
 * "5/1/2014", "01.05.2014"), so any text holding a digit is quoted; and to text whose own leading
 * apostrophe Excel would swallow. Quoting text Excel would have kept costs nothing: it reads back unchanged.
 */
export function literalText(s: string): string {
  return /^[=+\-@#'\t\r\n]/.test(s) || /\p{Nd}/u.test(s) || EXCEL_BOOLEANS.test(s) ? `'${s}` : s;
}

// Excel takes its booleans in the user's locale too (uk, lt, and ru, common in Ukrainian offices).
const EXCEL_BOOLEANS = /^\s*(true|false|істина|хибність|tiesa|netiesa|истина|ложь)\s*$/iu;

/** A Text (@) column: Excel stores what is written literally, so nothing is escaped there. */
export const TEXT_FORMAT = "@";

/**
 * The number format of a cell meant to hold `c` in a column of `numberFormat`. Whether a Text (@) cell
 * takes a written leading ' as Excel's quote prefix or keeps it as a character is unsettled, so no text
 * that starts with ' can be written into one to read back the same under both: such a cell of a Text
 * column is made General, where Excel documents the quote prefix (see excelInput).
 */
export function cellFormat(c: Cell, numberFormat: string): string {
  return numberFormat === TEXT_FORMAT && typeof c === "string" && c.startsWith("'") ? "General" : numberFormat;
}

/**
 * What the adapter writes through `range.values` for a cell meant to hold `c`, in a cell of
 * `numberFormat` (see cellFormat). Text cells (@) take text as it is: Excel parses nothing there, so no
 * quote prefix is written (Excel might keep it as a character). Other cells take text with the quote
 * prefix where Excel would convert it (see literalText). Either way Excel's `values` reads back `c`.
 */
export function excelInput(c: Cell, numberFormat: string): Cell {
  return typeof c === "string" && numberFormat !== TEXT_FORMAT ? literalText(c) : c;
}

/**
 * What Excel keeps of a value written through `range.values` into a cell it parses: "" for empty, the
 * quote prefix consumed (`'=x` is stored as the text `=x`). Formulas stay as written here.
 */
export function storedValue(c: Cell): Cell {
  if (c === null) return "";
  return typeof c === "string" && c.startsWith("'") ? c.slice(1) : c;
}

export function textProblem(s: string): Msg | undefined {
  if (s.length > EXCEL_MAX_CELL_TEXT) return M.textTooLong(s.length);
  if (!isStorableText(s)) return M.controlChar;
  return undefined;
}

export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; message: Msg };

export function parseText(c: Cell): Parsed<string> {
  if (isEmptyCell(c)) return { ok: true, value: undefined };
  // A number typed into a text column comes back as a number: keep what the user sees.
  const s = typeof c === "string" ? c : String(c);
  const problem = textProblem(s);
  return problem ? { ok: false, message: problem } : { ok: true, value: s };
}

/** Numbers as Excel returns them, or as typed in a text-formatted cell ("1 234,5", "12.5"). */
export function parseNumber(c: Cell): Parsed<number> {
  if (c === null || isEmptyCell(c)) return { ok: true, value: undefined };
  if (typeof c === "number") return Number.isFinite(c) ? { ok: true, value: c } : { ok: false, message: M.notNumber(c) };
  if (typeof c === "boolean") return { ok: false, message: M.notNumber(c) };
  let s = c.trim().replace(/[\s\u00A0\u202F']/g, "");
  if (/^[-+]?\d+,\d+$/.test(s)) s = s.replace(",", ".");
  else if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  const n = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: M.notNumber(c) };
}

/** A year's value cell: a number, a reason for no value (a token or name in any language), or empty. */
export type ValueOrReason = { value: number } | { missing: MissingReason };

export function parseValueOrReason(c: Cell): Parsed<ValueOrReason> {
  const missing = typeof c === "string" ? missingReasonOf(c) : undefined;
  if (missing) return { ok: true, value: { missing } };
  const n = parseNumber(c);
  if (n.ok) return { ok: true, value: n.value === undefined ? undefined : { value: n.value } };
  return { ok: false, message: join(M.notNumber(c), MISSING_REASON_HINT) };
}

export function parseYear(c: Cell): Parsed<number> {
  if (isEmptyCell(c)) return { ok: true, value: undefined };
  const s = typeof c === "number" ? String(c) : String(c).trim().replace(/\s*(р\.?|m\.?|рік|year)$/i, "");
  if (!/^\d{4}$/.test(s)) return { ok: false, message: M.notYear(c) };
  const y = Number(s);
  return y >= 1900 && y <= 2200 ? { ok: true, value: y } : { ok: false, message: M.yearRange(c) };
}

export function formatPeriod(p: Period): string {
  return p.quarter ? `${p.year}-Q${p.quarter}` : String(p.year);
}

/** "2014", "2014-Q2", "2014 Q2", "Q2 2014", "2014/2", "II кв. 2014"-style quarters with К/КВ. */
export function parsePeriod(c: Cell): Parsed<Period> {
  if (isEmptyCell(c)) return { ok: true, value: undefined };
  const s = String(c).trim().toUpperCase();
  let m = /^(\d{4})(?:\s*[-/ ]\s*(?:Q|К|КВ\.?|KV)?\s*([1-4]))?$/u.exec(s);
  if (m) return withYear(c, Number(m[1]), m[2] ? Number(m[2]) : undefined);
  m = /^(?:Q|К|KV)?\s*([1-4])\s*(?:Q|КВ\.?|KV)?\s*[-/ ]\s*(\d{4})$/u.exec(s);
  if (m) return withYear(c, Number(m[2]), Number(m[1]));
  return { ok: false, message: M.notPeriod(c) };
}

function withYear(c: Cell, year: number, quarter: number | undefined): Parsed<Period> {
  if (year < 1900 || year > 2200) return { ok: false, message: M.yearRange(c) };
  return { ok: true, value: quarter ? { year, quarter } : { year } };
}
