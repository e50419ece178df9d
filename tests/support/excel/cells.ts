import type { ExcelBehaviour } from "./behaviour.ts";
import { excelError } from "./errors.ts";

/**
 * What Excel stores for a value written through `range.values` or `range.formulas`, as documented:
 * Text-formatted (@) cells keep the text literally; General cells convert like typing does (numbers
 * with spaces, parentheses, currency, percent and exponents; dates in the common locales; TRUE/FALSE;
 * `=…`, `+…`, `-…` as formulas); a leading ' is consumed as Excel's quote prefix and keeps the rest as
 * text.
 */

export type Value = string | number | boolean;
export interface CellData {
  value: Value;
  /** A live formula in English (invariant) syntax; its value reads back as "" (not computed here). */
  formula?: string;
  /** The cell carries Excel's quote prefix: its text was written after a consumed '. */
  quotePrefix?: boolean;
  numberFormat?: string;
}

/** Excel's longest formula. */
const MAX_FORMULA_CHARS = 8_192;

const isTextFormat = (format: string | undefined) => format === "@";

/** The cell a value written into a cell of `numberFormat` leaves, or undefined for "unchanged" (null). */
export function writeCell(numberFormat: string | undefined, input: unknown, via: "values" | "formulas", behaviour: ExcelBehaviour): CellData | undefined {
  if (input === null || input === undefined) return undefined;
  if (input === "") return { value: "", numberFormat };
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw excelError("InvalidArgument", `${input} is not a value Excel can store`);
    return { value: input, numberFormat };
  }
  if (typeof input === "boolean") return { value: input, numberFormat };
  if (typeof input !== "string") throw excelError("InvalidArgument", `cannot write a ${typeof input} into a cell`);
  const text = behaviour.carriageReturn === "normalized" ? input.replace(/\r\n?/g, "\n") : input;
  if (isTextFormat(numberFormat)) {
    if (text.startsWith("'") && behaviour.quoteInTextCell === "consumed") return { value: text.slice(1), quotePrefix: true, numberFormat };
    return { value: text, numberFormat };
  }
  if (text.startsWith("'")) return { value: text.slice(1), quotePrefix: true, numberFormat };
  const formula = formulaOf(text, via, behaviour);
  if (formula !== undefined) return { value: "", formula, numberFormat };
  const converted = convertGeneral(text);
  if (converted === undefined) return { value: text, numberFormat };
  const general = numberFormat === undefined || numberFormat === "General";
  return { value: converted.value, numberFormat: general && converted.format ? converted.format : numberFormat };
}

/** The formula a string starting like one becomes, in English syntax, or undefined for text. */
function formulaOf(text: string, via: "values" | "formulas", behaviour: ExcelBehaviour): string | undefined {
  if (text.length < 2) return undefined;
  let formula: string;
  if (text.startsWith("=")) formula = text;
  // Typing +x, -x or @x starts a formula too (a number such as -12 is a number, below).
  else if (/^[+-]/.test(text) && convertGeneral(text) === undefined) formula = `=${text}`;
  else if (text.startsWith("@")) formula = `=${text.slice(1)}`;
  else return undefined;
  if (formula.length > MAX_FORMULA_CHARS) throw excelError("InvalidArgument", `a formula of ${formula.length} characters is longer than Excel's ${MAX_FORMULA_CHARS}`);
  const separators = outsideStrings(formula);
  const localized = via === "values" && behaviour.formulaThroughValues === "localized";
  // English syntax separates arguments with commas; a ;-locale with ; (and reads a comma as the decimal mark).
  if (localized ? separators.includes(",") : separators.includes(";"))
    throw excelError("InvalidArgument", `the formula ${formula.slice(0, 60)} is not valid in the ${localized ? "user's locale (; separates arguments)" : "English syntax"}`);
  return localized ? formula.replace(/;/g, (c, i: number) => (insideString(formula, i) ? c : ",")) : formula;
}

/** The formula's text with its string literals removed. */
function outsideStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, "");
}

function insideString(formula: string, at: number): boolean {
  let quotes = 0;
  for (let i = 0; i < at; i++) if (formula[i] === '"') quotes++;
  return quotes % 2 === 1;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Excel's serial number of a date (the 1900 date system, as Excel on every platform uses by default). */
export function dateSerial(year: number, month: number, day: number): number | undefined {
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
}

const fullYear = (y: string) => (y.length <= 2 ? (Number(y) < 30 ? 2000 : 1900) + Number(y) : Number(y));
const thisYear = () => new Date().getFullYear();
const month = (name: string) => {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 || (name.length > 3 && !/^(january|february|march|april|may|june|july|august|september|october|november|december|sept)$/i.test(name)) ? undefined : i + 1;
};

/**
 * What General turns typed text into: a number (with the format Excel gives it), a date serial, a
 * time, or a boolean; undefined when it stays text. It accepts what any common locale accepts (en-US
 * m/d, ISO, and the d.m.yyyy of uk-UA and lt-LT), so that code right here is right in every locale.
 */
function convertGeneral(text: string): { value: number | boolean; format?: string } | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  const number = convertNumber(t);
  if (number) return number;
  let m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?$/.exec(t);
  if (m) return asDate(m[3] ? fullYear(m[3]) : thisYear(), Number(m[1]), Number(m[2]), "m/d/yyyy");
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return asDate(Number(m[1]), Number(m[2]), Number(m[3]), "yyyy-mm-dd");
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(t);
  if (m) return asDate(fullYear(m[3]!), Number(m[2]), Number(m[1]), "dd.mm.yyyy");
  m = /^([A-Za-z]{3,9})\.?[ -](\d{1,2})(?:,?[ -](\d{2}|\d{4}))?$/.exec(t);
  if (m && month(m[1]!)) return asDate(m[3] ? fullYear(m[3]) : thisYear(), month(m[1]!)!, Number(m[2]), "d-mmm");
  m = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?(?:[ -](\d{2}|\d{4}))?$/.exec(t);
  if (m && month(m[2]!)) return asDate(m[3] ? fullYear(m[3]) : thisYear(), month(m[2]!)!, Number(m[1]), "d-mmm");
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])[Mm])?$/.exec(t);
  if (m) {
    let h = Number(m[1]);
    if (m[4]) h = (h % 12) + (/p/i.test(m[4]) ? 12 : 0);
    const [mi, s] = [Number(m[2]), Number(m[3] ?? 0)];
    if (h < 24 && mi < 60 && s < 60) return { value: (h * 3600 + mi * 60 + s) / 86_400, format: "h:mm" };
  }
  return undefined;
}

function asDate(year: number, month: number, day: number, format: string): { value: number; format: string } | undefined {
  const serial = dateSerial(year, month, day);
  return serial === undefined ? undefined : { value: serial, format };
}

/** " 12", "(12)", "$12", "-1,234.5", "12%", "1e3", "+5", "1 1/2": numbers as Excel reads them. */
function convertNumber(t: string): { value: number; format?: string } | undefined {
  let s = t;
  let sign = 1;
  let format: string | undefined;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    s = paren[1]!.trim();
    sign = -1;
  }
  if (/^[+-]/.test(s)) {
    if (s[0] === "-") sign = -sign;
    s = s.slice(1).trim();
  }
  if (s.startsWith("$")) {
    s = s.slice(1).trim();
    format = "$#,##0.00";
  }
  let scale = 1;
  if (s.endsWith("%")) {
    s = s.slice(0, -1).trim();
    scale = 0.01;
    format = "0%";
  }
  // A decimal comma, as uk-UA and lt-LT read "1,5" (a comma before three digits is en-US grouping).
  if (/^\d+,(\d{1,2}|\d{4,})$/.test(s)) s = s.replace(",", ".");
  const mixed = /^(\d+) (\d+)\/(\d+)$/.exec(s);
  if (mixed && Number(mixed[3]) > 0) return { value: sign * (Number(mixed[1]) + Number(mixed[2]) / Number(mixed[3])), format: "# ?/?" };
  if (!/^(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?(e[+-]?\d+)?$/i.test(s) || !/\d/.test(s.replace(/e.*/i, ""))) return undefined;
  if (/e/i.test(s)) format ??= "0.00E+00";
  const n = Number(s.replace(/,/g, "")) * sign * scale;
  return Number.isFinite(n) ? { value: n, format } : undefined;
}
