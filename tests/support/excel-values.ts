import type { Cell } from "../../shared/layout/cells.ts";
import type { SheetGrid, SheetValues } from "../../shared/layout/grid.ts";

/**
 * What Excel's `range.values` gives back for a grid the adapter wrote: empty cells as "", text as the
 * grid holds it (the adapter escapes it so that Excel keeps it: see `excelInput`), and the cells of
 * formula columns as their result. Formula results are not evaluated here (the layouts never read
 * computed columns back); they come back as "".
 */
export function asExcelReturns(grid: SheetGrid): SheetValues {
  return { name: grid.name, values: grid.cells.map((row, r) => row.map((c, i) => returned(c, r > 0 && grid.columns[i]?.formula === true))) };
}

function returned(c: Cell, formula: boolean): Cell {
  return c === null || formula ? "" : c;
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
