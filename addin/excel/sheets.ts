import { columnLetter } from "../../shared/layout/cells.ts";
import type { ConditionalFormat, SheetGrid, SheetKind, SheetValues, Validation } from "../../shared/layout/grid.ts";
import { Batch, payloadBytes, rowsPerChunk } from "./batch.ts";
import type { ExcelRun } from "./host.ts";
import { type SheetRecord, type WorkbookState, queueSaveState, queueStateLookup } from "./state.ts";

/** A sheet the plan wants to create is taken by a sheet that is not MuniPlan's. */
export class SheetNameTaken extends Error {
  constructor(readonly taken: { kind: SheetKind; name: string }[]) {
    super(`A sheet named ${taken.map((n) => `'${n.name}'`).join(", ")} already exists and is not a MuniPlan sheet`);
    this.name = "SheetNameTaken";
  }
}

export interface WriteResult {
  sheets: Partial<Record<SheetKind, SheetRecord>>;
  syncs: number;
}

// Excel's column width is in points; a character of the default font is about 5.6 pt wide.
const widthPoints = (chars: number) => Math.round(chars * 5.6 + 6);

/**
 * Writes the plan's sheets. New sheets get the grid's name (or `names[kind]` when the user chose
 * another); MuniPlan's existing sheets (found by id in `state`, so a rename is kept) are rebuilt in
 * place; any other sheet is never touched — a name taken by one throws SheetNameTaken before
 * anything is written. Costs one sync to look, then one per ~4 MB of cells, whatever the row count.
 */
export async function writePlanSheets(
  run: ExcelRun,
  grids: SheetGrid[],
  state: Omit<WorkbookState, "sheets"> & { sheets?: WorkbookState["sheets"] },
  names: Partial<Record<SheetKind, string>> = {},
): Promise<WriteResult> {
  return run(async (context) => {
    const batch = new Batch(context);
    const sheets = context.workbook.worksheets;
    const looks = grids.map((grid) => {
      const known = state.sheets?.[grid.kind];
      const mine = known ? sheets.getItemOrNullObject(known.id) : undefined;
      mine?.load("isNullObject,id,name");
      mine?.tables.load("items/name");
      const name = names[grid.kind] ?? grid.name;
      const byName = sheets.getItemOrNullObject(name);
      byName.load("isNullObject,id");
      return { grid, known, mine, name, byName };
    });
    const parts = queueStateLookup(context);
    await batch.flush();

    const taken = looks.filter((l) => !l.byName.isNullObject && (!l.mine || l.mine.isNullObject || l.byName.id !== l.mine.id));
    if (taken.length) throw new SheetNameTaken(taken.map((l) => ({ kind: l.grid.kind, name: l.name })));

    context.runtime.enableEvents = false;
    const bulk = new Batch(context, undefined, () => context.application.suspendScreenUpdatingUntilNextSync());
    const written: { kind: SheetKind; sheet: Excel.Worksheet; outlined: boolean }[] = [];
    for (const look of looks) {
      const existing = look.mine && !look.mine.isNullObject ? look.mine : undefined;
      if (existing) clearSheet(existing, look.known!);
      const sheet = existing ?? sheets.add(look.name);
      sheet.load("id,name");
      await writeGrid(bulk, sheet, look.grid);
      written.push({ kind: look.grid.kind, sheet, outlined: look.grid.rowLevels.some((l) => l > 0) });
    }
    written[0]?.sheet.activate();
    context.runtime.enableEvents = true;
    await bulk.flush();
    const records: Partial<Record<SheetKind, SheetRecord>> = {};
    for (const w of written) records[w.kind] = { id: w.sheet.id, name: w.sheet.name, outlined: w.outlined };
    await queueSaveState(context, bulk, parts, { ...state, sheets: { ...state.sheets, ...records } });
    await bulk.flush();
    return { sheets: records, syncs: batch.syncs + bulk.syncs };
  });
}

/** Empties a sheet MuniPlan rebuilds, once its `tables.load("items/name")` has been synced. */
export function clearSheet(sheet: Excel.Worksheet, known: Pick<SheetRecord, "outlined">): void {
  for (const table of sheet.tables.items) table.convertToRange();
  const all = sheet.getRange();
  if (known.outlined) all.ungroup("ByRows");
  all.conditionalFormats.clearAll();
  all.dataValidation.clear();
  all.clear("All");
}

/** A grid of any MuniPlan sheet, the plan's or a report's (the kind only names its table). */
export type WritableGrid = Omit<SheetGrid, "kind"> & { kind: string };

/** Queues a grid into `batch`: formats, values in chunks within the request budget, widths, table, print. */
export async function writeGrid(batch: Batch, sheet: Excel.Worksheet, grid: WritableGrid): Promise<void> {
  const rows = grid.cells.length;
  const cols = grid.columns.length;
  const last = columnLetter(cols - 1);
  const dataRows = rows - 1;

  // Number formats before values, so that Excel keeps text columns as text.
  for (const [i, column] of grid.columns.entries()) {
    const formats = Array.from({ length: rows }, () => [column.numberFormat]);
    await batch.reserve(payloadBytes(formats));
    sheet.getRange(`${columnLetter(i)}1:${columnLetter(i)}${rows}`).numberFormat = formats;
  }
  const chunk = rowsPerChunk(grid.cells);
  for (let start = 0; start < rows; start += chunk) {
    const part = grid.cells.slice(start, start + chunk);
    await batch.reserve(payloadBytes(part));
    sheet.getRange(`A${start + 1}:${last}${start + part.length}`).values = part;
  }

  await batch.reserve(2_000 + cols * 400);
  for (const [i, column] of grid.columns.entries()) {
    const whole = sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`);
    whole.format.columnWidth = widthPoints(column.width);
    if (column.wrap) whole.format.wrapText = true;
    if (column.hidden) whole.columnHidden = true;
    if (dataRows > 0 && column.validation) {
      const rule = validationRule(column.validation);
      if (rule) sheet.getRange(`${columnLetter(i)}2:${columnLetter(i)}${rows}`).dataValidation.rule = rule;
    }
  }
  for (const v of grid.cellValidations) {
    const rule = validationRule(v.validation);
    if (!rule) continue;
    // Rules that differ by row can be many: each within the request budget.
    await batch.reserve(300);
    const to = `${columnLetter(v.lastCol ?? v.col)}${(v.lastRow ?? v.row) + 1}`;
    sheet.getRange(`${columnLetter(v.col)}${v.row + 1}:${to}`).dataValidation.rule = rule;
  }
  if (dataRows > 0) for (const cf of grid.conditionalFormats) addConditionalFormat(sheet, grid, cf, rows);

  const header = sheet.getRange(`A1:${last}1`);
  header.format.font.bold = true;
  header.format.verticalAlignment = "Center";
  sheet.getRange(`A1:${last}${rows}`).format.verticalAlignment = "Top";
  if (grid.table) {
    const table = sheet.tables.add(`A1:${last}${rows}`, true);
    table.name = `MuniPlan_${grid.kind}`;
    table.style = "TableStyleMedium2";
  }
  if (grid.frozenRows) sheet.freezePanes.freezeRows(grid.frozenRows);
  await batch.reserve(200 * groupRuns(grid.rowLevels).length);
  for (const [from, to] of groupRuns(grid.rowLevels)) sheet.getRange(`${from}:${to}`).group("ByRows");
  sheet.pageLayout.orientation = grid.print.landscape ? "Landscape" : "Portrait";
  if (grid.print.fitToWidth) sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (grid.print.repeatHeaderRows) sheet.pageLayout.setPrintTitleRows(`$1:$${grid.print.repeatHeaderRows}`);
}

/**
 * Sheet row ranges to group so that each row sits at its outline level: for level L, every run of
 * consecutive data rows with level ≥ L (data row i is sheet row i + 2).
 */
export function groupRuns(levels: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  const max = Math.max(0, ...levels);
  for (let level = 1; level <= max; level++) {
    let start = -1;
    levels.forEach((l, i) => {
      if (l >= level && start < 0) start = i;
      if (l < level && start >= 0) {
        runs.push([start + 2, i + 1]);
        start = -1;
      }
    });
    if (start >= 0) runs.push([start + 2, levels.length + 1]);
  }
  return runs;
}

/** Excel's inline list source is a comma-separated string of at most 255 characters. */
export function validationRule(v: Validation): Excel.DataValidationRule | undefined {
  switch (v.type) {
    case "list": {
      const source = v.values.join(",");
      // A longer list, or one whose items hold commas, cannot be inline: no dropdown (read-back still validates).
      if (source.length > 255 || v.values.some((x) => x.includes(","))) return undefined;
      return { list: { inCellDropDown: true, source } };
    }
    case "wholeNumber":
      return { wholeNumber: bounds(v.min, v.max) };
    case "decimal":
      // A decimal rule needs a bound: without one, Excel's lowest number lets any number in, and no text.
      return { decimal: bounds(v.min ?? -9.99e307, v.max) };
  }
}

function bounds(min: number, max: number | undefined): Excel.BasicDataValidation {
  return max === undefined ? { formula1: min, operator: "GreaterThanOrEqualTo" } : { formula1: min, formula2: max, operator: "Between" };
}

function addConditionalFormat(sheet: Excel.Worksheet, grid: WritableGrid, cf: ConditionalFormat, rows: number): void {
  const col = grid.columns.findIndex((c) => c.key === cf.columnKey);
  if (col < 0) return;
  const range = sheet.getRange(`${columnLetter(col)}2:${columnLetter(col)}${rows}`);
  for (const rule of cf.rules) {
    const format = range.conditionalFormats.add("CellValue");
    format.cellValue.format.fill.color = rule.fill;
    format.cellValue.format.font.color = rule.font;
    format.cellValue.rule = { formula1: `="${rule.equals.replace(/"/g, '""')}"`, operator: "EqualTo" };
  }
}

/**
 * Reads MuniPlan's sheets back as Excel holds them (`values` from A1), found by id. One sync for the
 * sheets' sizes, then one per ~4 MB of cells. Sheets the user deleted are listed as missing.
 */
export async function readPlanSheets(
  run: ExcelRun,
  records: WorkbookState["sheets"],
): Promise<{ sheets: Partial<Record<SheetKind, SheetValues>>; missing: SheetKind[]; syncs: number }> {
  return run(async (context) => {
    const batch = new Batch(context);
    const kinds = Object.keys(records) as SheetKind[];
    const looks = kinds.map((kind) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(records[kind]!.id);
      sheet.load("isNullObject,name");
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("isNullObject,rowIndex,columnIndex,rowCount,columnCount");
      return { kind, sheet, used };
    });
    await batch.flush();
    const sheets: Partial<Record<SheetKind, SheetValues>> = {};
    const missing: SheetKind[] = [];
    const reads: { kind: SheetKind; name: string; start: number; range: Excel.Range }[] = [];
    // Assume ~60 bytes a cell in the response when sizing chunks (Excel caps responses at 5 MB too).
    const cellsPerChunk = 60_000;
    for (const { kind, sheet, used } of looks) {
      if (sheet.isNullObject) {
        missing.push(kind);
        continue;
      }
      sheets[kind] = { name: sheet.name, values: [] };
      if (used.isNullObject) continue;
      const rows = used.rowIndex + used.rowCount;
      const cols = used.columnIndex + used.columnCount;
      const chunk = Math.max(1, Math.floor(cellsPerChunk / cols));
      for (let start = 0; start < rows; start += chunk) {
        await batch.reserve(Math.min(chunk, rows - start) * cols * 60);
        const range = sheet.getRangeByIndexes(start, 0, Math.min(chunk, rows - start), cols);
        range.load("values");
        reads.push({ kind, name: sheet.name, start, range });
      }
    }
    if (batch.pending) await batch.flush();
    for (const r of reads) sheets[r.kind]!.values.push(...(r.range.values as SheetValues["values"]));
    return { sheets, missing, syncs: batch.syncs };
  });
}

/** Shows a problem's cell: activates its sheet and selects the cell. */
export async function selectCell(run: ExcelRun, sheetName: string, cell: string): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}
