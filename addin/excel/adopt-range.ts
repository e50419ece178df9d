import type { ExcelRun } from "./host.ts";

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
 * Reads the selected range on any sheet for adopting a plan, in one Excel.run of two syncs. First the
 * selection's and its sheet's used block (values only: formatting alone is no content); the part of the
 * selection inside that block is computed here, so a whole column (A:C, a million rows) reads only its used
 * rows, and its size is known before anything large is asked for. Then that block's `values`: a response is
 * capped at 5 MB, and a read of a block that is not needed could pass it. Several selected areas fail in
 * `getSelectedRange` with InvalidSelection, which the pane words as "select one block".
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
    const block = sheet.getRangeByIndexes(top, left, bottom - top, right - left);
    block.load("address,values");
    await context.sync();
    return { address: block.address, values: block.values, firstRow: top + 1 };
  });
}
