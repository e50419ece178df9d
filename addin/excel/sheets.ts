import { type Cell, TEXT_FORMAT, cellFormat, columnLetter, excelInput } from "../../shared/layout/cells.ts";
import type { ConditionalFormat, GridBlock, SheetGrid, SheetKind, SheetValues, Validation } from "../../shared/layout/grid.ts";
import { Batch, RESPONSE_BUDGET_BYTES, bulkBatch, excelErrorCode, payloadBytes, rowsPerChunk, withEventsOff } from "./batch.ts";
import { type ExcelHost, type ExcelRun, supportsExcelApi } from "./host.ts";
import { type FoundSheet, type OwnSheet, markSheet, markerTable, queueFind, tempSheetName } from "./own-sheets.ts";
import { type SheetRecord, type WorkbookState, queueSaveState, queueStateLookup } from "./state.ts";

/** A sheet the plan wants to create is taken by a sheet that is not MuniPlan's. */
export class SheetNameTaken extends Error {
  constructor(readonly taken: { kind: SheetKind; name: string }[]) {
    super(`A sheet named ${taken.map((n) => `'${n.name}'`).join(", ")} already exists and is not a MuniPlan sheet`);
    this.name = "SheetNameTaken";
  }
}

/**
 * A sheet MuniPlan must rewrite is protected (by the user, with a password MuniPlan does not know): nothing
 * was written. The pane says which sheet to unprotect before trying again.
 */
export class SheetProtected extends Error {
  constructor(readonly sheetName: string) {
    super(`The sheet '${sheetName}' is protected: unprotect it (Review → Unprotect Sheet), then try again`);
    this.name = "SheetProtected";
  }
}

/** Sheet `sheet` of `of` (named `name`) is being written. */
export type SheetProgress = (sheet: number, of: number, name: string) => void;

export interface WriteResult {
  sheets: Partial<Record<SheetKind, SheetRecord>>;
  syncs: number;
}

// Excel's column width is in points; a character of the default font is about 5.6 pt wide.
const widthPoints = (chars: number) => Math.round(chars * 5.6 + 6);

/** Outline groups (`Range.group`/`ungroup`) are ExcelApi 1.10; the manifest asks for 1.9. */
export const OUTLINE_API = "1.10";

/**
 * Writes the plan's sheets. MuniPlan's existing sheets (found by their marker table, else by the id in
 * `state`, so a rename is kept and a changed id is not a lost sheet) are rebuilt in place; new sheets
 * get the grid's name (or `names[kind]`); any other sheet is never touched — a name taken by one throws
 * SheetNameTaken, a protected sheet of MuniPlan's SheetProtected, before anything is written. A build
 * that fails midway leaves nothing in the way of the next: a new sheet keeps a temporary name until
 * the state recording it is in the workbook. Costs two syncs to look, then one per ~4 MB of cells.
 * `onSheet` is told as each sheet's writing begins (the pane's "sheet k of n"): it runs between the
 * write's commands, never sends any, and must not throw, as a write stopped there would be half-built.
 */
export async function writePlanSheets(
  run: ExcelRun,
  grids: SheetGrid[],
  state: Omit<WorkbookState, "sheets"> & { sheets?: WorkbookState["sheets"] },
  names: Partial<Record<SheetKind, string>> = {},
  host?: Pick<ExcelHost, "isSetSupported">,
  onSheet?: SheetProgress,
): Promise<WriteResult> {
  const outline = supportsExcelApi(host, OUTLINE_API);
  return run(async (context) => {
    const look = new Batch(context);
    const wants = {} as Record<SheetKind, OwnSheet>;
    for (const grid of grids) {
      const record = state.sheets?.[grid.kind];
      wants[grid.kind] = { kind: grid.kind, marker: markerTable(grid.kind), id: record?.id, stored: record?.name, temp: tempSheetName(grid.kind), wanted: names[grid.kind] ?? grid.name };
    }
    const find = queueFind(context, wants);
    const parts = queueStateLookup(context);
    await look.flush();
    const prepared = find.locate(prepareRebuild);
    await look.flush();
    const { found, taken } = prepared.result();
    if (taken.length) throw new SheetNameTaken(taken.map((kind) => ({ kind, name: wants[kind].wanted })));
    refuseProtected(found);

    const bulk = bulkBatch(context);
    const records = await withEventsOff(context, bulk, async () => {
      const written: { kind: SheetKind; sheet: Excel.Worksheet; outlined: boolean; bytes: number }[] = [];
      for (const [i, grid] of grids.entries()) {
        const own = found[grid.kind];
        onSheet?.(i + 1, grids.length, own?.name ?? wants[grid.kind].wanted);
        // Marked before anything is cleared or added: whatever sync a failure stops at, the next build knows the sheet.
        if (own && !own.marked) markSheet(own.sheet, grid.kind);
        // A sheet found without a record of its own (its state lost, or half-written) may have an outline.
        if (own) await clearSheet(bulk, own.sheet, { outlined: outline && (state.sheets?.[grid.kind]?.outlined ?? true) });
        const sheet = own?.sheet ?? context.workbook.worksheets.add(wants[grid.kind].temp);
        if (!own) markSheet(sheet, grid.kind);
        sheet.load("id,name");
        const outlined = await writeGrid(bulk, sheet, grid, { outline });
        written.push({ kind: grid.kind, sheet, outlined, bytes: payloadBytes(grid.cells) });
      }
      await bulk.flush();
      const records: Partial<Record<SheetKind, SheetRecord>> = {};
      for (const w of written) {
        const temp = w.sheet.name === wants[w.kind].temp;
        records[w.kind] = { id: w.sheet.id, name: temp ? wants[w.kind].wanted : w.sheet.name, outlined: w.outlined, bytes: w.bytes };
      }
      // The new state (recording the new sheets by id) before the renames, and the old state deleted last:
      // whichever command a failure stops at, the next build finds every sheet of this one as MuniPlan's.
      await queueSaveState(context, bulk, parts, { ...state, sheets: { ...state.sheets, ...records } }, () => {
        for (const w of written) if (w.sheet.name !== records[w.kind]!.name) w.sheet.name = records[w.kind]!.name;
        written[0]?.sheet.activate();
      });
      return records;
    });
    return { sheets: records, syncs: look.syncs + bulk.syncs };
  });
}

/** What a rebuild needs to know of a MuniPlan sheet: its tables (to unfilter and convert) and its protection. */
export function prepareRebuild(sheet: Excel.Worksheet): void {
  sheet.tables.load("items/name");
  sheet.protection.load("protected");
}

/** Throws SheetProtected for the first found sheet (loaded by prepareRebuild) that is protected. */
export function refuseProtected(found: Partial<Record<string, FoundSheet>>): void {
  for (const own of Object.values(found)) if (own?.sheet.protection.protected) throw new SheetProtected(own.name);
}

/** Excel's deepest outline: an ungroup removes one level. */
const OUTLINE_LEVELS = 8;

/**
 * Empties a sheet MuniPlan rebuilds, once prepareRebuild's loads have been synced. Rows the user hid, or
 * hid by filtering or collapsing a group, are shown again first: clearing does not show them, and a row
 * left hidden in the rebuilt sheet would look deleted. The outline MuniPlan made (`outlined`) is removed
 * level by level in a sync of its own, which stops at the first ungroup with no level left: Excel may
 * refuse that one (with which code is unsettled), which then only means the outline is gone — any Excel
 * error of that sync but AccessDenied (a protected sheet, which is one).
 */
export async function clearSheet(batch: Batch, sheet: Excel.Worksheet, known: Pick<SheetRecord, "outlined">): Promise<void> {
  if (known.outlined) {
    // The ungroups alone in their sync, so that a refusal of anything else is never taken for theirs: what
    // is queued is synced first, with a size reserved or not.
    await batch.flush();
    // A refusal may also have come before the last level was gone (a passing failure): a second round
    // removes what is left, and ends as the first would have. Only hosts that refuse an ungroup with no
    // outline pay that sync.
    for (let round = 0; round < 2; round++) {
      for (let level = 0; level < OUTLINE_LEVELS; level++) sheet.getRange().ungroup("ByRows");
      const refused = await batch.flush().then(
        () => false,
        (error: unknown) => {
          const code = excelErrorCode(error);
          if (code === undefined || code === "AccessDenied") throw error;
          return true;
        },
      );
      if (!refused) break;
    }
  }
  const all = sheet.getRange();
  await batch.reserve(500 + sheet.tables.items.length * 200);
  for (const table of sheet.tables.items) {
    table.clearFilters();
    table.convertToRange();
  }
  all.rowHidden = false;
  all.conditionalFormats.clearAll();
  all.dataValidation.clear();
  all.clear("All");
}

/** A grid of any MuniPlan sheet, the plan's or a report's (the kind only names its table). */
export type WritableGrid = Omit<SheetGrid, "kind"> & { kind: string };

/**
 * Queues a grid into `batch`: formats, values in chunks within the request budget (text escaped by its
 * column's format, formulas through `range.formulas`), widths, validation, table, print, and the outline
 * when `outline` (the host has ExcelApi 1.10). Says whether it made an outline.
 */
export async function writeGrid(batch: Batch, sheet: Excel.Worksheet, grid: WritableGrid, options: { outline: boolean }): Promise<boolean> {
  const rows = grid.cells.length;
  const cols = grid.columns.length;
  const last = columnLetter(cols - 1);
  const dataRows = rows - 1;
  // Each cell's number format, before its value, so that Excel keeps text cells as text.
  const formats = grid.cells.map((row) => grid.columns.map((column, i) => cellFormat(row[i] ?? null, column.numberFormat)));
  for (const i of grid.columns.keys()) {
    const column = formats.map((row) => [row[i]!]);
    await batch.reserve(payloadBytes(column));
    sheet.getRange(`${columnLetter(i)}1:${columnLetter(i)}${rows}`).numberFormat = column;
  }
  const formulaColumns = grid.columns.flatMap((c, i) => (c.formula ? [i] : []));
  const chunk = rowsPerChunk(grid.cells);
  for (let start = 0; start < rows; start += chunk) {
    const part = grid.cells.slice(start, start + chunk);
    await batch.reserve(payloadBytes(part));
    // A formula cell is left to `formulas` (null leaves a cell as it is).
    sheet.getRange(`A${start + 1}:${last}${start + part.length}`).values = part.map((row, r) =>
      row.map((c, i): Cell => (start + r > 0 && grid.columns[i]?.formula ? null : excelInput(c, formats[start + r]![i]!))),
    );
    const first = Math.max(start, 1);
    const end = start + part.length;
    if (first < end)
      for (const i of formulaColumns) {
        const L = columnLetter(i);
        sheet.getRange(`${L}${first + 1}:${L}${end}`).formulas = grid.cells.slice(first, end).map((row) => [row[i] ?? null]);
      }
  }

  await batch.reserve(2_000 + cols * 500);
  for (const [i, column] of grid.columns.entries()) {
    const whole = sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`);
    whole.format.columnWidth = widthPoints(column.width);
    if (column.wrap) whole.format.wrapText = true;
    if (column.hidden) whole.columnHidden = true;
    if (dataRows > 0 && column.validation) setValidation(sheet.getRange(`${columnLetter(i)}2:${columnLetter(i)}${rows}`), column.validation);
  }
  for (const v of grid.cellValidations) {
    // Rules that differ by row can be many: each within the request budget.
    await batch.reserve(400);
    const to = `${columnLetter(v.lastCol ?? v.col)}${(v.lastRow ?? v.row) + 1}`;
    setValidation(sheet.getRange(`${columnLetter(v.col)}${v.row + 1}:${to}`), v.validation);
  }
  if (dataRows > 0) for (const cf of grid.conditionalFormats) addConditionalFormat(sheet, grid, cf, rows);

  const header = sheet.getRange(`A1:${last}1`);
  header.format.font.bold = true;
  header.format.verticalAlignment = "Center";
  sheet.getRange(`A1:${last}${rows}`).format.verticalAlignment = "Top";
  if (grid.table) {
    const table = sheet.tables.add(`A1:${last}${rows}`, true);
    table.name = markerTable(grid.kind);
    table.style = "TableStyleMedium2";
  }
  // Rows and columns in one call: each freeze replaces the one before.
  if (grid.frozenColumns) sheet.freezePanes.freezeAt(`A1:${columnLetter(grid.frozenColumns - 1)}${grid.frozenRows}`);
  else if (grid.frozenRows) sheet.freezePanes.freezeRows(grid.frozenRows);
  if (grid.beside) await writeBlock(batch, sheet, grid.beside);
  let outlined = false;
  if (options.outline) {
    const runs = groupRuns(grid.rowLevels);
    await batch.reserve(200 * runs.length);
    for (const [from, to] of runs) sheet.getRange(`${from}:${to}`).group("ByRows");
    outlined = runs.length > 0;
  }
  sheet.pageLayout.orientation = grid.print.landscape ? "Landscape" : "Portrait";
  if (grid.print.fitToWidth) sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (grid.print.repeatHeaderRows) sheet.pageLayout.setPrintTitleRows(`$1:$${grid.print.repeatHeaderRows}`);
  return outlined;
}

/** A block beside the table (see GridBlock): text kept as text like the table's, wrapped, headings bold. */
async function writeBlock(batch: Batch, sheet: Excel.Worksheet, block: GridBlock): Promise<void> {
  const formats = block.cells.map((row) => row.map((c) => cellFormat(c, TEXT_FORMAT)));
  await batch.reserve(2 * payloadBytes(block.cells) + 1_000 + block.headings.length * 200);
  const range = sheet.getRangeByIndexes(0, block.col, block.cells.length, block.widths.length);
  range.numberFormat = formats;
  range.values = block.cells.map((row, r) => row.map((c, i) => excelInput(c, formats[r]![i]!)));
  range.format.wrapText = true;
  range.format.verticalAlignment = "Top";
  for (const [i, width] of block.widths.entries()) {
    const L = columnLetter(block.col + i);
    sheet.getRange(`${L}:${L}`).format.columnWidth = widthPoints(width);
  }
  for (const h of block.headings) {
    const cell = sheet.getRangeByIndexes(h.row, block.col + h.col, 1, 1);
    cell.format.font.bold = true;
    if (h.fill) cell.format.fill.color = h.fill;
  }
}

/** A range's validation replaced: cleared first, as Excel may refuse a rule over another. */
function setValidation(range: Excel.Range, validation: Validation): void {
  const rule = validationRule(validation);
  if (!rule) return;
  range.dataValidation.clear();
  range.dataValidation.rule = rule;
  // An open list only suggests: with Excel's error alert off, an entry outside it (a number) goes in
  // unasked. Set after the rule, in the same batch, as Microsoft's sample does; ExcelApi 1.8 as the
  // rule is, below the manifest's 1.9, so no requirement check.
  if (validation.type === "list" && validation.open)
    range.dataValidation.errorAlert = { showAlert: false, style: "Stop", title: "", message: "" };
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

export { RESPONSE_BUDGET_BYTES } from "./batch.ts";

/** Bytes a row of `cols` cells is taken to cost in a response before any has been read. */
const FIRST_GUESS_CELL_BYTES = 40;

export interface ReadResult {
  sheets: Partial<Record<SheetKind, SheetValues>>;
  /** The sheets as found now: their ids may have changed since `records` (reopened file). */
  found: Partial<Record<SheetKind, { id: string; name: string }>>;
  missing: SheetKind[];
  syncs: number;
}

/**
 * Reads MuniPlan's sheets back as Excel holds them (`values` from A1), found by their marker table or
 * by id (see own-sheets.ts). Two syncs to find them and their sizes, then one per ~4 MB of response,
 * sized by the bytes their cells were written with or have been read with (see readValues). Sheets the
 * user deleted are listed as missing.
 */
export async function readPlanSheets(run: ExcelRun, records: WorkbookState["sheets"]): Promise<ReadResult> {
  return run(async (context) => {
    const kinds = Object.keys(records) as SheetKind[];
    const wants = {} as Record<SheetKind, OwnSheet>;
    for (const kind of kinds)
      wants[kind] = { kind, marker: markerTable(kind), id: records[kind]!.id, stored: records[kind]!.name, temp: tempSheetName(kind), wanted: records[kind]!.name };
    const find = queueFind(context, wants);
    await context.sync();
    const used = new Map<Excel.Worksheet, Excel.Range>();
    const located = find.locate((sheet) => {
      const range = sheet.getUsedRangeOrNullObject(true);
      range.load("rowIndex,columnIndex,rowCount,columnCount");
      used.set(sheet, range);
    });
    await context.sync();
    const { found } = located.result();
    const sheets: Partial<Record<SheetKind, SheetValues>> = {};
    const jobs: ReadJob<SheetKind>[] = [];
    for (const kind of kinds) {
      const own = found[kind];
      if (!own) continue;
      sheets[kind] = { name: own.name, values: [] };
      const range = used.get(own.sheet)!;
      if (range.isNullObject) continue;
      const rows = range.rowIndex + range.rowCount;
      const cols = range.columnIndex + range.columnCount;
      const written = records[kind]!.bytes;
      jobs.push({ key: kind, sheet: own.sheet, rows, cols, rowBytes: written ? written / rows : cols * FIRST_GUESS_CELL_BYTES });
    }
    const read = await readValues(context, jobs);
    for (const [kind, values] of read.values) sheets[kind]!.values = values;
    const ids: ReadResult["found"] = {};
    for (const kind of kinds) if (found[kind]) ids[kind] = { id: found[kind]!.id, name: found[kind]!.name };
    return { sheets, found: ids, missing: kinds.filter((k) => !found[k]), syncs: 2 + read.syncs };
  });
}

export interface ReadJob<K> {
  key: K;
  sheet: Excel.Worksheet;
  rows: number;
  cols: number;
  /** The block's first row and column (0-based) when it does not start at A1. */
  at?: { row: number; column: number };
  /** Expected response bytes per row. */
  rowBytes: number;
}

/**
 * Reads each job's rows × cols from A1 (or its `at`), as few syncs as fit Excel's response limit: chunks are sized by
 * the bytes a row is expected to cost, and each sync's answer corrects that for the next. A response
 * still over the limit (a user pasted long text) halves the chunks and asks again.
 */
export async function readValues<K>(context: Excel.RequestContext, jobs: ReadJob<K>[]): Promise<{ values: Map<K, Cell[][]>; syncs: number }> {
  const state = jobs.map((job) => ({ job, next: 0, rowBytes: Math.max(1, job.rowBytes), values: [] as Cell[][] }));
  let syncs = 0;
  for (;;) {
    let budget = RESPONSE_BUDGET_BYTES;
    const asked: { s: (typeof state)[number]; start: number; count: number; range: Excel.Range }[] = [];
    for (const s of state)
      while (s.next < s.job.rows && (budget > 0 || asked.length === 0)) {
        const count = Math.min(s.job.rows - s.next, Math.max(1, Math.floor(Math.max(budget, 0) / s.rowBytes)));
        const range = s.job.sheet.getRangeByIndexes((s.job.at?.row ?? 0) + s.next, s.job.at?.column ?? 0, count, s.job.cols);
        range.load("values");
        asked.push({ s, start: s.next, count, range });
        s.next += count;
        budget -= count * s.rowBytes;
      }
    if (asked.length === 0) break;
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a round per response-sized chunk (~4 MB of rows), not per item
      await context.sync();
      syncs++;
    } catch (error) {
      syncs++;
      if (excelErrorCode(error) !== "ResponsePayloadSizeLimitExceeded" || asked.every((a) => a.count === 1)) throw error;
      for (const a of asked) {
        a.s.next = Math.min(a.s.next, a.start);
        a.s.rowBytes *= 2;
      }
      continue;
    }
    for (const a of asked) {
      const values = a.range.values as Cell[][];
      a.s.values.push(...values);
      // What the rows cost, with a margin: the next rows of a sheet are like these, or a halving away.
      a.s.rowBytes = Math.max(1, (payloadBytes(values) / a.count) * 1.25);
    }
  }
  return { values: new Map(state.map((s) => [s.job.key, s.values])), syncs };
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
