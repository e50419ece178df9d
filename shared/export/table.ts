import { columnLetter } from "../layout/cells.ts";

/** null is an empty cell; numbers must be finite. */
export type ExportCell = string | number | null;

/** One sheet of data, as both the CSV and the .xlsx writers take it. */
export interface ExportTable {
  sheetName: string;
  header: string[];
  rows: ExportCell[][];
  /** Per column: the Excel number format of its numeric cells, e.g. "#,##0"; undefined is General. */
  numberFormats?: (string | undefined)[];
}

/** Where a cell sits as the recipient sees it: rowIndex -1 is the header, row 1 of the sheet. */
export function cellPosition(table: ExportTable, rowIndex: number, colIndex: number): string {
  return `row ${rowIndex + 2}, column ${columnLetter(colIndex)} ("${table.header[colIndex] ?? ""}")`;
}

/**
 * Both writers call this first: a ragged row would shift values under the wrong header, and NaN or
 * Infinity has no spelling in either format; both are the caller's bug, reported where they are.
 */
export function checkTable(table: ExportTable): void {
  if (table.header.length === 0) throw new RangeError("a table needs at least one column");
  table.rows.forEach((row, r) => {
    if (row.length !== table.header.length)
      throw new RangeError(`row ${r + 2} has ${row.length} cells for ${table.header.length} columns`);
    row.forEach((cell, c) => {
      if (typeof cell === "number" && !Number.isFinite(cell))
        throw new RangeError(`${cellPosition(table, r, c)}: ${cell} is not a finite number`);
    });
  });
}
