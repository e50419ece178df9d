import { checkTable, type ExportCell, type ExportTable } from "./table.ts";

// Excel reads a BOM-less CSV in the machine's ANSI code page, which garbles Cyrillic.
const BOM = "\uFEFF";
const CRLF = "\r\n";

// OWASP's CSV-injection set, with NUL as ASVS 5.0 asks: a spreadsheet may run text that starts with one
// of these as a formula.
const FORMULA_START = /^[=+\-@\t\r\0]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Text as written to CSV, before quoting: a leading `'` keeps formula-looking text inert. */
export function csvText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

function quote(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function field(cell: ExportCell): string {
  if (cell === null) return "";
  // A number is data, never a formula, so a negative one keeps its sign unprefixed.
  if (typeof cell === "number") return String(cell);
  return quote(csvText(cell));
}

/** RFC 4180 with CRLF records and a UTF-8 BOM; throws a RangeError for a ragged row or a non-finite number. */
export function toCsv(table: ExportTable): string {
  checkTable(table);
  const records = [table.header, ...table.rows].map((row) => row.map(field).join(",") + CRLF);
  return BOM + records.join("");
}
