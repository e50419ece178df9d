import { columnLetter } from "../../shared/layout/cells.ts";
import { RESPONSE_BUDGET_BYTES } from "./batch.ts";
import type { ExcelRun } from "./host.ts";
import { readValues } from "./sheets.ts";

/** The most cells read from a selection: a plan kept in a sheet (2,000 rows of 10 columns) fits, a whole sheet of data does not. */
export const MAX_ADOPTED_CELLS = 20_000;

/** What a selection holds for adopting a plan: its used block's values (Excel's numbers, booleans and strings), or why not. */
export type SelectedValues =
  /** `firstRow`: the sheet row (1-based) of the values' first row, so the preview names the sheet's rows. */
  | { address: string; values: unknown[][]; firstRow: number }
  /** The selection holds no value (or only formatting). */
  | { address: string; empty: true }
  /** More cells than MAX_ADOPTED_CELLS hold values: nothing was read. */
  | { address: string; tooLarge: { cells: number; limit: number } };

/**
 * Reads the selected range on any sheet for adopting a plan, in one Excel.run. First the selection's and its
 * sheet's used block (values only: formatting alone is no content); the part of the selection inside that
 * block is computed here, so a whole column (A:C, a million rows) reads only its used rows, and its size is
 * known before anything large is asked for. Then that block's `values`, asked for whole in one sync, and in
 * row halves should the response pass Excel's 5 MB (sheets.ts readValues): a few thousand cells of long
 * Cyrillic text do, far below the cell limit. Several selected areas fail in `getSelectedRange` with
 * InvalidSelection, which the pane words as "select one block".
 */
export function readSelectedValues(run: ExcelRun, limit = MAX_ADOPTED_CELLS): Promise<SelectedValues> {
  return run(async (context) => {
    const selected = context.workbook.getSelectedRange();
    selected.load("address,rowIndex,columnIndex,rowCount,columnCount");
    // The selection is always on the active sheet.
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    await context.sync();
    if (used.isNullObject) return { address: selected.address, empty: true as const };
    const top = Math.max(selected.rowIndex, used.rowIndex);
    const left = Math.max(selected.columnIndex, used.columnIndex);
    const bottom = Math.min(selected.rowIndex + selected.rowCount, used.rowIndex + used.rowCount);
    const right = Math.min(selected.columnIndex + selected.columnCount, used.columnIndex + used.columnCount);
    if (bottom <= top || right <= left) return { address: selected.address, empty: true as const };
    const cells = (bottom - top) * (right - left);
    if (cells > limit) return { address: selected.address, tooLarge: { cells, limit } };
    const rows = bottom - top;
    // A budget's worth a row: the first sync asks for every row, each refused one for half as many.
    const job = { key: 0, sheet, rows, cols: right - left, at: { row: top, column: left }, rowBytes: Math.floor(RESPONSE_BUDGET_BYTES / rows) };
    const read = await readValues(context, [job]);
    return { address: blockAddress(selected.address, top, left, rows, right - left), values: read.values.get(0)!, firstRow: top + 1 };
  });
}

/**
 * The block's address as Excel writes it (Sheet!C4:J40, Sheet!C4 for one cell), its sheet as the selection's
 * address names it (quoted where Excel quotes): a `block.address` loaded with the values would be lost with
 * a refused sync, and one more sync for it is not needed.
 */
function blockAddress(selected: string, top: number, left: number, rows: number, cols: number): string {
  const first = `${columnLetter(left)}${top + 1}`;
  const last = `${columnLetter(left + cols - 1)}${top + rows}`;
  return `${selected.slice(0, selected.lastIndexOf("!"))}!${rows === 1 && cols === 1 ? first : `${first}:${last}`}`;
}
