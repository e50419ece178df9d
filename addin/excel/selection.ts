import type { Cell } from "../../shared/layout/cells.ts";
import { type ExcelHost, type ExcelRun, supportsExcelApi } from "./host.ts";
import { markerTable, sheetMark } from "./own-sheets.ts";

/** The selected cell as the history needs it: its sheet, what MuniPlan calls that sheet, its row and the header. */
export interface SelectedCell {
  sheet: { id: string; name: string };
  /** The kinds the sheet's MuniPlan marks and tables name ("indicators", "comparison"…): none on a user's sheet. */
  kinds: string[];
  /** The selection's address as Excel gives it ("Показники!P5" or a block). */
  address: string;
  /** 0-based row and column of the selection's top-left cell. */
  row: number;
  column: number;
  /** Row 1 and the selected row, from column A to the sheet's last used column (empty on a sheet not MuniPlan's). */
  header: Cell[];
  cells: Cell[];
}

const MARK = sheetMark("");
const TABLE = markerTable("");

/**
 * Reads the selection in one Excel.run of two syncs: the selected range, its (the active) sheet's marks, tables and
 * used width; then, on a MuniPlan sheet only, row 1 and the selected row (two one-row reads, whatever the
 * sheet's size). The selection's top-left cell stands for a block.
 */
export function readSelection(run: ExcelRun): Promise<SelectedCell> {
  return run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load("address,rowIndex,columnIndex");
    // The selection is always on the active sheet: read in the same sync, the two agree.
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("id,name");
    sheet.names.load("items/name");
    sheet.tables.load("items/name");
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("columnIndex,columnCount");
    await context.sync();
    const kinds = [
      ...sheet.names.items.map((n) => n.name).filter((n) => n.startsWith(MARK)).map((n) => n.slice(MARK.length)),
      ...sheet.tables.items.map((t) => t.name).filter((n) => n.startsWith(TABLE)).map((n) => n.slice(TABLE.length)),
    ];
    const selected = { sheet: { id: sheet.id, name: sheet.name }, kinds: [...new Set(kinds)], address: range.address, row: range.rowIndex, column: range.columnIndex };
    if (!kinds.length || used.isNullObject) return { ...selected, header: [], cells: [] };
    const columns = used.columnIndex + used.columnCount;
    const header = sheet.getRangeByIndexes(0, 0, 1, columns).load("values");
    const cells = sheet.getRangeByIndexes(range.rowIndex, 0, 1, columns).load("values");
    await context.sync();
    return { ...selected, header: header.values[0] ?? [], cells: cells.values[0] ?? [] };
  });
}

/** The selection changes, as the pane follows them: `subscribe` once a section wants them. */
export interface SelectionFeed {
  /** Whether Excel tells the pane of a change (ExcelApi 1.2); without it the pane reads the selection on request. */
  supported: boolean;
  /** Calls `changed` after each change until the returned function is called. */
  subscribe(changed: () => void): Promise<() => void>;
}

/**
 * workbook.onSelectionChanged (ExcelApi 1.2), registered once for the pane's lifetime at the first
 * subscription: Excel forgets handlers when the pane closes, and removing one needs the request context
 * that added it, so subscribers come and go in JavaScript instead. The handler reads nothing itself: each
 * subscriber reads the selection in a batch of its own (the event's arguments name only the workbook).
 */
export function selectionFeed(run: ExcelRun, host: Pick<ExcelHost, "isSetSupported"> | undefined): SelectionFeed {
  const listeners = new Set<() => void>();
  let registered: Promise<void> | undefined;
  const supported = supportsExcelApi(host, "1.2");
  return {
    supported,
    async subscribe(changed) {
      if (!supported) throw new Error("This Excel does not report selection changes (ExcelApi 1.2)");
      registered ??= run(async (context) => {
        context.workbook.onSelectionChanged.add(async () => listeners.forEach((l) => l()));
        await context.sync();
      }).catch((error: unknown) => {
        registered = undefined;
        throw error;
      });
      await registered;
      listeners.add(changed);
      return () => listeners.delete(changed);
    },
  };
}
