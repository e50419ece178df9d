import { type Cell, storedValue } from "../../shared/layout/cells.ts";
import type { SheetGrid, SheetValues } from "../../shared/layout/grid.ts";

/**
 * What Excel's `range.values` gives back for a grid we wrote: empty cells as "", the quote prefix
 * consumed (Excel keeps `'=x` as the text `=x`), formulas replaced by their result. Formula results
 * are not evaluated here (the layouts never read computed columns back); they come back as "".
 */
export function asExcelReturns(grid: SheetGrid): SheetValues {
  return { name: grid.name, values: grid.cells.map((row) => row.map(returned)) };
}

/** Formula cells come back as "": the layouts never read computed columns. */
function returned(c: Cell): Cell {
  return typeof c === "string" && c.startsWith("=") ? "" : storedValue(c);
}

/** A copy of a sheet's values to edit like a user would. */
export function editable(sheet: SheetValues): SheetValues {
  return { name: sheet.name, values: sheet.values.map((r) => [...r]) };
}

export function headerIndex(sheet: SheetValues, header: string): number {
  const i = sheet.values[0]!.findIndex((h) => h === header);
  if (i < 0) throw new Error(`no column '${header}' in ${sheet.name}`);
  return i;
}
